"""The browser's copies of plotly.js, served by Streamlit's static file server (``/app/static/...``).

- ``static/vendor/plotly-cartesian-<v>.min.js`` ships in the repository (1.5 MB: contour, scatter,
  everything the 2-D Playground draws), from the npm package ``plotly.js-cartesian-dist-min``.
- The full bundle (4.8 MB, for the 3-D view) is the one plotly.py ships; `ensure_full_bundle`
  copies it next to the other one. ``python -m ui.assets`` does it once (bin/app, the image build);
  the page calls it too, in case that step was skipped.
No Streamlit in here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PLOTLY_JS = "4.1.1"  # the version plotly.py 7.1 bundles; the cartesian bundle must match it
STATIC = Path(__file__).resolve().parent.parent / "static"
CARTESIAN = f"vendor/plotly-cartesian-{PLOTLY_JS}.min.js"
FULL = f"vendor/plotly-{PLOTLY_JS}.min.js"


def ensure_full_bundle() -> bool:
    """Copy plotly.py's full plotly.js into ``static/`` when it is not there; whether it is there now."""
    target = STATIC / FULL
    if target.is_file():
        return True
    try:
        import plotly

        source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        head = source.read_bytes()[:200].decode("ascii", "replace")
        if f"v{PLOTLY_JS}" not in head:
            return False  # another plotly.py: its bundle would not match the cartesian one
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
        return True
    except OSError:
        return False


if __name__ == "__main__":
    print("full plotly.js bundle:", "ready" if ensure_full_bundle() else "MISSING (the 3-D view will not draw)")
