"""Figures kept across reruns and sessions: the same traces and layout give the same plotly figure.

A lesson's rerun calls every figure builder of its page, though a slider move changes
the inputs of one or two. Building a `go.Figure` is most of that rerun's server time
(plotly validates every property and deep-copies the named template into each figure:
about 10 ms a figure), and a class asks one server for 25 reruns a second. The
builders make plain traces and a layout first; `figure` turns them into a `go.Figure`
once per distinct content, keyed by a digest of that content, and keeps the last
`ENTRIES` in a least-recently-used table shared by every session. When the layout names
plotly's default template (the app makes its template the default: `ui.chart`), plotly
is left to put it in, which it does without validating it again. A kept figure is
shared: nobody mutates it (builders are pure; the pages only draw what they get).
Content the digest cannot read (anything but plain values, NumPy arrays and
containers of them) is built every time. A kept figure is built without plotly's property
validation (`_validate=False`, as plotly express does: 1 ms instead of 4 for a lesson's contour
beside its losses); tests/test_kept.py builds every page's figures both ways and finds them equal.

`slot(fig)` is a dict that lives with a kept figure, for what is derived from it once
(the chart keeps the figure's wire form there); None for a figure built afresh.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

ENTRIES = 256  # about a class's lesson figures at once (50 students, a few figures each that they did not change)
_SLOT = "_lll_slot"
_table: OrderedDict = OrderedDict()
_lock = threading.Lock()


class Unreadable(TypeError):
    """A value the digest does not know how to read exactly."""


def figure(data: list | None = None, layout: dict | None = None, **kwargs) -> go.Figure:
    """``go.Figure(data=data, layout=layout, **kwargs)``, or the kept figure with the same content."""
    try:
        key = digest((data, layout, kwargs))
    except Unreadable:
        return go.Figure(data=data, layout=layout, **kwargs)
    with _lock:
        fig = _table.get(key)
        if fig is not None:
            _table.move_to_end(key)
            return fig
    layout = _titles_as_dicts(_without_default_template(layout))
    fig = go.Figure(data=data, layout=layout, _validate=False, **kwargs)
    object.__setattr__(fig, _SLOT, {} if (spec := _spec(data, layout, kwargs)) is None else {"spec": spec})
    with _lock:
        fig = _table.setdefault(key, fig)  # another session may have built it meanwhile: one copy is kept
        while len(_table) > ENTRIES:
            _table.popitem(last=False)
    return fig


def _spec(data: list | None, layout: dict | None, kwargs: dict) -> dict | None:
    """What ``fig.to_plotly_json()`` gives for the figure built from these (plotly's own copy costs 5-6 ms for a
    lesson's contour figure), when that is known: the layout leaves the template to plotly, which puts in its default.
    The slot's ``"spec"``, taken by whoever encodes the figure first (`ui.chart.encoded_figure`)."""
    if layout is None or "template" in layout or set(kwargs) - {"frames"}:
        return None
    spec = {"data": list(data or []), "layout": {**layout, "template": _default_template()}}
    if kwargs.get("frames"):
        spec["frames"] = kwargs["frames"]
    return spec


@functools.lru_cache(maxsize=4)
def _template_json(name: str) -> dict:
    return pio.templates[name].to_plotly_json()


def _default_template() -> dict:
    return _template_json(pio.templates.default)


def _without_default_template(layout: dict | None) -> dict | None:
    """``layout`` without its template when that is plotly's default (`pio.templates.default`): plotly then puts
    the same template in itself, without validating it again (0.6 ms a figure instead of 6.5)."""
    if layout is None or layout.get("template") is None or layout["template"] != pio.templates.default:
        return layout
    return {k: v for k, v in layout.items() if k != "template"}


def _titles_as_dicts(layout: dict | None) -> dict | None:
    """``layout`` with its own and its axes' ``title="text"`` as ``title={"text": "text"}``: validation does that, and
    plotly.js 3 reads only the second form."""
    if layout is None:
        return None
    titled = {k for k, v in layout.items() if (k == "title" and isinstance(v, str))
              or (k[1:5] == "axis" and isinstance(v, dict) and isinstance(v.get("title"), str))}
    if not titled:
        return layout
    return {k: (v if k not in titled else {"text": v} if k == "title" else {**v, "title": {"text": v["title"]}})
            for k, v in layout.items()}


def slot(fig) -> dict | None:
    """The dict kept with a kept figure (None for any other)."""
    return getattr(fig, _SLOT, None)


def size() -> int:
    return len(_table)


def digest(value: Any) -> bytes:
    """A digest of plain values (None, bools, numbers, strings), NumPy arrays (of objects: of plain values)
    and scalars, and lists, tuples and dicts of them; equal digests mean equal content, types and order included."""
    h = hashlib.blake2b(digest_size=16)
    _feed(h, value)
    return h.digest()


def _feed(h, v: Any) -> None:
    if v is None or isinstance(v, (bool, int, float, str)):
        h.update(f"{type(v).__name__}:{v!r};".encode())
    elif isinstance(v, dict):
        h.update(f"dict{len(v)}(".encode())
        for k, x in v.items():
            _feed(h, k)
            _feed(h, x)
        h.update(b")")
    elif isinstance(v, (list, tuple)):
        h.update(f"{type(v).__name__}{len(v)}(".encode())
        for x in v:
            _feed(h, x)
        h.update(b")")
    elif isinstance(v, np.ndarray) and v.dtype.kind in "biufcUS":
        h.update(f"nd{v.dtype.str}{v.shape}:".encode())
        h.update(np.ascontiguousarray(v).tobytes())
    elif isinstance(v, np.ndarray) and v.dtype.kind == "O":  # e.g. a heatmap's hover words per cell
        h.update(f"ndO{v.shape}(".encode())
        for x in v.ravel().tolist():
            _feed(h, x)
        h.update(b")")
    elif isinstance(v, np.generic) and v.dtype.kind in "biufc":
        h.update(f"np{v.dtype.str}:{v.item()!r};".encode())
    else:
        raise Unreadable(type(v).__name__)
