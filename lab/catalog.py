"""The text catalogue: every module in `lab.texts` merged into one ``CATALOG`` (key -> {"en", "ko"}).

Each page keeps its texts in its own module so pages can be written side by
side; a key defined twice is an error at import.
"""

import importlib
import pkgutil

from . import texts


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(texts.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{texts.__name__}.{info.name}")
        for k, v in module.TEXTS.items():
            if k in merged:
                raise KeyError(f"text key {k!r} is defined twice (again in lab.texts.{info.name})")
            merged[k] = v
    return merged


CATALOG = _merge()
