"""What the AppTest suites share: the app's path, opening a page in a language, and reading a chart."""

import base64
import dataclasses
import json
from pathlib import Path
from unittest import mock

import numpy as np
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from figures import wire
from lab import course

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120  # JAX compiles on a cold cache take seconds


def lesson_keys() -> list[str]:
    """The lessons in the navigation's order (`lab.course`): the one list tests read."""
    return list(course.KEYS)


def lesson_files() -> list[str]:
    """Each lesson's page file, ``views/lesson_<n>_<key>.py``."""
    return course.page_files()


def open_page(page: str | None = None, lang: str = "en") -> AppTest:
    """The app in ``lang``, switched to ``page`` (a path like "views/lesson_5_ewa.py"), with no exception."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def charts(at: AppTest) -> list:
    """The page's charts in page order: ``st.plotly_chart`` elements and the app's own chart component."""
    found = []

    def walk(node):
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
            if child.type == "plotly_chart" or (child.type == "bidi_component" and child.proto.component_name == "lll.chart"):
                found.append(child)
            walk(child)

    walk(at._tree)
    return found


def elements(at: AppTest) -> list[str]:
    """The main area's elements in page order, by type ("chart" for a chart; an expander's content left out):
    what a page shows, top to bottom, for tests of its first screen."""
    out = []

    def walk(node):
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
            chart = child.type == "plotly_chart" or (child.type == "bidi_component" and child.proto.component_name == "lll.chart")
            out.append("chart" if chart else child.type)
            if not chart and child.type != "expander":
                walk(child)

    walk(at.main)
    return out


def spec(at: AppTest, index: int | str = 0) -> dict:
    """The ``index``-th chart's figure (or the chart whose key ends with ``index``, a string) as a dict with
    ``data`` and ``layout``; arrays as plotly sends them (lists, or typed-array dicts: read them with `array`).

    For the Playground's layered chart: the foreground's traces after the background's (the contour is
    there only on a run that sent it: the first, and one that changed the surface), and ``animation``."""
    found = charts(at)
    el = found[index] if isinstance(index, int) else next(c for c in found if c.proto.id.endswith(index))
    if el.type == "plotly_chart":
        return json.loads(el.proto.spec)
    payload = wire.payload(el.proto)
    fig = wire.unpack(payload["figure"], typed=True)
    if payload.get("mode") == "figure":
        return fig
    background = wire.unpack(payload["background"], typed=True) if payload["background"] else {"data": []}
    return {"data": [*background["data"], *fig["foreground"]["data"]], "layout": fig["foreground"]["layout"],
            "animation": fig["animation"], "background": payload["background"] and background,
            "background_key": payload["background_key"]}


def array(value) -> np.ndarray:
    """A Plotly 7 array: a list, or base64 binary with a dtype."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    return np.asarray(value, dtype=float)


# --- fragments: what a browser asks for when a widget inside one changes ---------------------------


def fragment_of(at: AppTest, widget) -> str:
    """The id of the fragment ``widget`` (an AppTest widget) was drawn in, "" if it is in the page's whole run."""
    metadata = at._session_state._state._new_widget_state.widget_metadata.get(widget.id)
    return (metadata.fragment_id or "") if metadata is not None else ""


def interact(at: AppTest, widget) -> bool:
    """Rerun after a change of ``widget`` (set it first: ``set_value``, ``click``) as a browser does: only the fragment
    it lives in, if it lives in one, else the whole page. Returns whether only the fragment ran.

    AppTest itself always reruns the whole page. Here a fragment's rerun is asked for as the browser asks (the
    fragment's id with the rerun), and what it draws replaces that fragment's part of ``at``'s page, the rest
    left as it was (the very same elements): as the browser shows it. A callback may still turn the run into a
    whole page's (`ui.lesson.whole_page`); then ``at`` holds that new page, and this returns False."""
    fragment = fragment_of(at, widget)
    if not fragment:
        widget.run()
        return False
    runners, original = [], LocalScriptRunner.request_rerun

    def request_rerun(self, data):
        runners.append(self)
        self._requests = ScriptRequests()  # without the whole-page run every new runner starts with
        return original(self, dataclasses.replace(data, fragment_id=fragment))

    whole = at._tree
    with mock.patch.object(LocalScriptRunner, "request_rerun", request_rerun):
        at._run(whole.get_widget_states())
    finished = [e for e in runners[0].events if e in (ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS,
                                                      ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)]
    if finished[-1] != ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS:
        return False  # the run became a whole page's: at holds it
    _graft(whole, at._tree, whole)
    at._tree = whole
    return True


def _graft(whole, part, root) -> None:
    """Put what a fragment's run drew (``part``: its elements, under placeholders for the blocks around them) in
    place in the page ``whole``."""
    for i, node in part.children.items():
        if isinstance(node, Block) and node.proto is None:  # a block around the fragment, drawn by the whole run
            _graft(whole.children[i], node, root)
        else:
            whole.children[i] = node
            _reroot(node, root)


def _reroot(node, root) -> None:
    node.root = root
    for child in getattr(node, "children", {}).values():
        _reroot(child, root)
