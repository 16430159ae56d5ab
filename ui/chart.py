"""The Playground's chart: a Streamlit component (components v2, no iframe) that keeps its plotly.js
figure across reruns and updates it in place (see ``ui/chart.js`` for the browser's side).

The server sends plain arrays (`figures.playground_layers`, packed by `figures.wire`), the
contour only when the page has not drawn it yet, and no animation frames.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any, Callable

import plotly.io as pio
import streamlit as st

from figures import kept, look, wire
from figures.animation import FRAME_MS, SPEEDS
from lab.i18n import t

from . import assets

HERE = Path(__file__).resolve().parent
# every figure of the app has one template: as plotly's default, plotly puts it in a new figure without validating
# it again (see `figures.kept`), the largest part of building a lesson's figure
pio.templates.default = look.TEMPLATE
_COMPONENT = st.components.v2.component(
    "lll.chart",
    js=(HERE / "chart.js").read_text(encoding="utf-8"),
    css=(HERE / "chart.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # plotly.js puts its styles in the document's head: a shadow root would hide them
)
SENT_KEEP = 16  # backgrounds a session remembers having sent (the browser keeps as many)


def _static_url(name: str) -> str:
    base = st.get_option("server.baseUrlPath").strip("/")
    return "/" + "/".join(p for p in (base, "app/static", name) if p)


def layered_chart(layers: dict[str, Any], *, key: str, lang: str, on_click: Callable[[float, float], None] | None = None,
                  on_drawn: Callable[[], None] | None = None, png_name: str = "loss-landscape") -> None:
    """Draw `figures.playground_layers` output in place; ``on_click(x, y)`` on a click in the contour;
    ``on_drawn()`` once, when the browser has drawn this chart for the first time (or failed to).

    ``layers["background"]`` is sent only when this session has not sent it before; the
    browser asks again (a trigger, ``need_background``) if it lost it.
    """
    ss = st.session_state
    sent = ss.setdefault(f"{key}.backgrounds_sent", [])
    try:  # the contour's digest (a third of packing it, which most reruns need not do)
        bg_key = kept.digest(layers["background"])[:10].hex()
    except kept.Unreadable:
        bg_key = hashlib.blake2b(wire.encode(wire.pack(layers["background"])), digest_size=10).hexdigest()
    state = ss.get(key)
    asked = state.get("need_background") if state is not None else None
    if asked in sent:  # the page has not got it after all (its memory went while this session lived on)
        sent.remove(asked)
    if bg_key in sent:
        background = b"null"
    else:
        background = wire.encode(wire.pack(layers["background"]))
        sent.append(bg_key)
        del sent[:-SENT_KEEP]
    assets.ensure_full_bundle()

    def clicked() -> None:
        point = (ss.get(key) or {}).get("click")
        if on_click is not None and isinstance(point, dict):
            x, y = point.get("x"), point.get("y")
            if isinstance(x, (int, float)) and isinstance(y, (int, float)):
                on_click(float(x), float(y))

    _COMPONENT(
        key=key,
        data=wire.document(
            {"background_key": bg_key, "bundles": _bundles(), "words": words(lang), "png_name": png_name,
             "report_drawn": on_drawn is not None},
            {"figure": wire.encode(wire.pack({"foreground": layers["foreground"], "animation": layers["animation"]})),
             "background": background}),
        on_click_change=clicked,
        on_need_background_change=lambda: None,
        on_drawn_change=on_drawn or (lambda: None),
    )


def figure(fig, *, key: str, where=None, on_click: Callable[[dict], None] | None = None) -> None:
    """Draw a plotly figure (a `go.Figure` or its dict) in place: a rerun updates it with ``Plotly.react``,
    where ``st.plotly_chart`` would mount a new chart whenever the figure changes. ``where``: a container.
    The figure's ``frames``, if any, are sent too (its play button and slider animate them in the browser).

    ``on_click(event)``: a click on a point, with ``event`` shaped as st.plotly_chart's selection event
    (``{"selection": {"points": [{"curve_number", "point_index", "x", "y"}]}}``)."""
    ss = st.session_state

    def clicked() -> None:
        event = (ss.get(key) or {}).get("click")
        if on_click is not None and isinstance(event, dict):
            on_click(event)

    with where if where is not None else contextlib.nullcontext():
        _COMPONENT(key=key, data=wire.document({"mode": "figure", "bundles": _bundles(), "clickable": on_click is not None},
                                               {"figure": encoded_figure(fig)}),
                   on_click_change=clicked)


def encoded_figure(fig) -> bytes:
    """A figure's data and layout as `figures.wire` packs them, in JSON (`figures.wire.encode`); packed and
    encoded once for a kept figure (`figures.kept`)."""
    slot = kept.slot(fig)
    if slot is not None and "encoded" in slot:
        return slot["encoded"]
    spec = slot.pop("spec", None) if slot is not None else None  # what to_plotly_json would give, without its copy
    if spec is None:
        spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    # a figure's own animation (plotly frames, played by its layout's play button and slider) travels with it
    parts = {"data": spec.get("data", []), "layout": spec.get("layout", {})}
    if spec.get("frames"):
        parts["frames"] = spec["frames"]
    encoded = wire.encode(wire.pack(parts))
    if slot is not None:
        slot["encoded"] = encoded
    return encoded


def _bundles() -> dict[str, str]:
    return {"cartesian": _static_url(assets.CARTESIAN), "full": _static_url(assets.FULL)}


def words(lang: str) -> dict[str, Any]:
    """The controls' words and the animation's timing."""
    return {
        "play": t("fig.play", lang),
        "pause": t("fig.pause", lang),
        "step": t("fig.step", lang),
        "png": t("chart.png", lang),
        "fullscreen": t("chart.fullscreen", lang),
        "speed": t("chart.speed", lang),
        "loading": t("chart.loading", lang),
        "failed": t("chart.failed", lang),
        "speeds": [list(s) for s in SPEEDS],
        "frame_ms": FRAME_MS,
    }
