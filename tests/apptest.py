"""What the AppTest suites share: the app's path, opening a page in a language, and reading a chart."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120  # JAX compiles on a cold cache take seconds


def open_page(page: str | None = None, lang: str = "en") -> AppTest:
    """The app in ``lang``, switched to ``page`` (a path like "pages/lesson_5_ewa.py"), with no exception."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def spec(at: AppTest, index: int = 0) -> dict:
    """The figure JSON of the page's ``index``-th Plotly chart."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def array(value) -> np.ndarray:
    """A Plotly 7 array: a list, or base64 binary with a dtype."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    return np.asarray(value, dtype=float)
