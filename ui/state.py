"""The Playground's scene in Streamlit's session state, and kept in the URL.

Widgets own their values through keys (``pg.surface``, ``pg.o1.learning_rate``…).
`load` copies a scene into those keys (from the URL on the first run, from a
preset, after a click on the contour); `read` builds the scene back from them;
`sync_url` writes it to the query parameters so the address bar can be shared.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import streamlit as st

import optimizers
from lab import scene as sc
from lab.scene import Contestant, Scene

P = "pg."  # the Playground's widget-key prefix
OFF = "off"  # a widget's stop for a setting that is off (None in the settings table: no clipping, the full batch)


def key(*parts) -> str:
    return P + ".".join(str(p) for p in parts)


# slider stops within each decade: round numbers a teacher types (0.05, 1.8, 3e-4) are all on them
DECADE_STOPS = (1, 1.1, 1.2, 1.3, 1.5, 1.6, 1.8, 2, 2.2, 2.5, 2.8, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9)


@functools.lru_cache(maxsize=64)
def log_options(low: float, high: float, integer: bool = False) -> tuple[float, ...]:
    """Log-spaced slider stops from ``low`` to ``high``, 20 per decade, each a round number.

    ``integer``: whole numbers only, the powers of two among them (the batch sizes the notes use).
    Made once per range (every contestant's sliders ask on every rerun).
    """
    out = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for m in DECADE_STOPS:
            v = float(f"{m * 10.0**exponent:.3g}")
            if low * (1 - 1e-9) <= v <= high * (1 + 1e-9):
                out.append(v)
    if integer:
        powers = (2**k for k in range(int(math.log2(high)) + 1))
        out = sorted({int(v) for v in out if v == int(v)} | {p for p in powers if low <= p <= high})
    return tuple(out)


def to_widget(h, value):
    """A setting's value as its widget holds it: None (a stage that is off) as the `OFF` stop."""
    return OFF if value is None and h.off is not None else value


def from_widget(h, value):
    """A widget's value as the setting's: the `OFF` stop as None."""
    return None if value == OFF and h.off is not None else value


def snap(value: float, options: Sequence[float]) -> float:
    """The stop nearest to ``value`` on a log scale (a value from a URL may fall between stops)."""
    if value in options:  # nearly always: the slider put it there
        return value
    if value <= 0:
        return options[0]
    return min(options, key=lambda o: abs(math.log(o) - math.log(value)))


def init_from_url() -> None:
    """On a session's first run: the scene from the URL, with notices about what was changed."""
    if st.session_state.get(key("ready")):
        return
    scene, notices = sc.from_query(st.query_params.to_dict())
    load(scene)
    st.session_state[key("notices")] = notices
    st.session_state[key("ready")] = True


def load(scene: Scene) -> None:
    """Copy ``scene`` into the widgets' keys (call before the widgets are drawn, or from a callback)."""
    ss = st.session_state
    for k in [k for k in ss if k.startswith(P + "o") or k.startswith(P + "p.")]:
        del ss[k]  # drop the old contestants' and surface's settings
    ss[key("surface")] = scene.surface
    ss[key("formula")] = scene.formula
    for name, v in scene.surface_params.items():
        ss[key("p", name)] = v
    ss[key("x0")], ss[key("y0")] = scene.start if scene.start is not None else (None, None)
    ss[key("steps")] = scene.steps
    ss[key("seed")] = scene.seed
    ss[key("n")] = len(scene.contestants)
    for i, c in enumerate(scene.contestants, start=1):
        load_contestant(i, c)
    ss[key("show_3d")] = scene.show_3d
    ss[key("inspect_on")] = scene.inspect is not None
    ss[key("inspect_slider")] = scene.inspect or 0


def load_contestant(i: int, c: Contestant) -> None:
    ss = st.session_state
    # the rule picker shows a family and a switch per variant (see `rule_of`)
    family = optimizers.rule_info(c.rule).family
    ss[key(f"o{i}", "family")] = family
    for v in optimizers.variants(family):
        ss[key(f"o{i}", f"is_{v}")] = c.rule == v
    values = c.settings()
    for h in sc.hyperparams_of(c.rule):
        ss[key(f"o{i}", h.name)] = to_widget(h, values[h.name])


def read() -> Scene:
    """The scene as the widgets hold it now."""
    ss = st.session_state
    surface = ss.get(key("surface"), "quadratic")
    params = {}
    if surface != sc.EXPRESSION:
        import landscapes

        params = {p.name: ss[key("p", p.name)] for p in landscapes.params(surface) if key("p", p.name) in ss}
    contestants = [read_contestant(i) for i in range(1, ss.get(key("n"), 0) + 1)]
    return Scene(
        surface=surface,
        surface_params=params,
        formula=ss.get(key("formula"), ""),
        start=_start(ss.get(key("x0")), ss.get(key("y0"))),
        steps=int(ss.get(key("steps"), sc.STEPS.default)),
        seed=int(ss.get(key("seed"), sc.SEED.default)),
        contestants=contestants,
        projector=bool(ss.get("projector", False)),  # app-wide, set in app.py's sidebar
        show_3d=bool(ss.get(key("show_3d"), False)),
        lang=ss.get("lang", "en"),
        inspect=int(ss.get(key("inspect_slider"), 0)) if ss.get(key("inspect_on")) else None,
    )


def _start(x, y):
    return None if x is None or y is None else (float(x), float(y))


def rule_of(i: int) -> str:
    """Contestant i's rule: its family, or the family's variant when that switch is on."""
    ss = st.session_state
    family = ss.get(key(f"o{i}", "family"), optimizers.families()[0])
    return next((v for v in optimizers.variants(family) if ss.get(key(f"o{i}", f"is_{v}"))), family)


def read_contestant(i: int) -> Contestant:
    """A contestant from its keys, keeping only the settings that differ from the defaults."""
    ss = st.session_state
    rule = rule_of(i)
    c = Contestant(rule)
    for h in sc.hyperparams_of(rule):
        k = key(f"o{i}", h.name)
        if k in ss and from_widget(h, ss[k]) != h.default:
            c.hp[h.name] = from_widget(h, ss[k])
    return c


def sync_url(scene: Scene) -> None:
    """Write the scene to the address bar when it changed (so a copied link reproduces this view)."""
    q = sc.to_query(scene)
    if st.query_params.to_dict() != q:
        st.query_params.from_dict(q)
