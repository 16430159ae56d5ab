"""Lesson sections as fragments: a move reruns only the section it changes, and nothing on the page is left stale.

A browser asks for a fragment's rerun when a widget inside one changes, and keeps the rest of the page as it
was; `apptest.interact` asks as the browser does. For every move below, on lessons 1-9:

- whether only a fragment ran, or the whole page (a widget the rest of the page reads);
- which charts that run drew: exactly the section's (the others are the very same elements as before);
- that the page the browser then shows is, element for element, the page a whole run draws from the same
  state: no section, caption or Playground link outside the fragment reads the moved widget;
- for buttons that set widgets ("try this", "defaults", "one axis") and callbacks that do: every widget they set
  was drawn again by that run, with its new value (a widget left out would keep showing, and sending, its old one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import apptest
from apptest import charts, interact
from lessons import saddles_minima as lm, sweep as lsw, sweep_search as search


@dataclass(frozen=True)
class Move:
    kind: str  # the AppTest widget kind ("slider", "select_slider", "radio", "toggle", "selectbox", "button")
    key: str
    value: object = None  # the new value (a button is clicked)
    section: tuple[str, ...] | None = None  # the charts its run draws (by key); None: the whole page reruns
    sets: dict = field(default_factory=dict)  # widgets it must show with these values, drawn again


ALL_1 = ("chart", "factor")
ALL_2 = ("chart", "strip", "spread", "practice")
ALL_5 = ("chart", "weights")
SADDLE, FLOOR, CLIP = ("saddle_chart", "near_chart"), ("curves", "effect"), ("clip", "compass")
ONE_AXIS = {k: v for k, v in lsw.scene_state(search.ONE_AXIS).items()
            if k in ("rule", "surface", "steps", "ax1.name", "ax1.low", "ax1.high", "ax2.name", "ax2.low", "ax2.high")}

MOVES = {
    # one section of controls that the whole page reads: the page's body is its one fragment
    "views/lesson_1_gradient_descent.py": [
        Move("slider", "multiplier", 0.5, ALL_1),
        Move("select_slider", "condition", 100, ALL_1),
        Move("button", "try", None, ALL_1, {"multiplier": 1.0, "condition": 100}),
    ],
    "views/lesson_2_batches.py": [
        Move("select_slider", "b", 50, ALL_2),
        Move("radio", "n", 1000, ALL_2),
        Move("toggle", "drop_last", True, ALL_2),
        Move("button", "try", None, ALL_2, {"n": 1050, "b": 100, "drop_last": True}),
    ],
    "views/lesson_3_momentum.py": [
        Move("slider", "k", 5, ("look",)),
        Move("toggle", "schedule", True, ("forms",)),
        Move("slider", "beta", 0.9),
        Move("select_slider", "kappa", 100),
        Move("button", "try", None, None, {"kappa": 300, "lr": 1.0, "beta": 0.9}),
    ],
    "views/lesson_4_adaptive.py": [
        Move("slider", "noise", 1.0, ("long",)),
        Move("slider", "g0", 0.5, ("long",)),
        Move("select_slider", "b2", 0.9999, ("bias",)),
        Move("button", "defaults", None, ("bias",), {"eta": 0.001, "b1": 0.9, "b2": 0.999, "eps": 1e-8}),
        Move("radio", "overwrite", "m", ("notes",)),
        Move("select_slider", "kappa", 10),  # the long run's G₀ caption reads κ
        Move("slider", "angle", 20),
        Move("button", "try", None, None, {"angle": 90}),
    ],
    "views/lesson_5_ewa.py": [
        Move("select_slider", "beta", 0.5, ALL_5),
        Move("toggle", "zoom", True, ALL_5),
        Move("button", "try", None, ALL_5, {"beta": 0.98, "zoom": True}),
    ],
    "views/lesson_6_schedules.py": [
        Move("select_slider", "lr", 1.0, FLOOR),
        Move("select_slider", "transition_steps", 50, FLOOR),
        Move("selectbox", "schedule", "cosine", FLOOR),
        # the step schedule's parameters come back at the page's defaults, as a whole run shows them
        Move("selectbox", "schedule", "step", FLOOR, {"transition_steps": 100, "decay_rate": 0.5}),
        Move("slider", "warmup", 0, ("rescue",)),
        Move("button", "add", None, ("exercise",)),
        Move("select_slider", "eta0", 0.05),
        Move("button", "try", None, None, {"schedule": "cosine", "decay_steps": 400, "alpha": 0.0, "noise": 0.5,
                                           "lr": 0.5}),
    ],
    "views/lesson_7_decay_clipping.py": [
        Move("slider", "lr", 0.2, CLIP),
        Move("select_slider", "c", 0.5, CLIP),
        Move("slider", "lam", 0.2),  # the Playground link reads λ
        Move("button", "try", None, None, {"lam": 1.0}),
    ],
    "views/lesson_8_saddles.py": [
        Move("select_slider", "y0", 1e-3, SADDLE),
        Move("slider", "noise", 0.2, SADDLE),
        Move("select_slider", "radius", 0.1, SADDLE),
        Move("select_slider", "lr", 0.3),  # the growth section reads η too
        Move("radio", "orientation", "aligned", ("adaptive_chart", "adaptive_bars")),
        Move("slider", "width", 1.0, ("plateau_chart", "plateau_loss")),
        Move("radio", "basin_surface", "double_well", ("basin_chart",), {"basin_lr": lm.BASIN_LR["double_well"]}),
        Move("radio", "basin_rule", "momentum", ("basin_chart",)),
        Move("slider", "well_sigma", 1.0, ("well_chart",)),
        Move("button", "try", None, None, {"y0": 0.0, "lr": 0.1, "noise": 0.05, "radius": 0.25}),
    ],
    "views/lesson_9_sweep.py": [
        # (one axis first: a search drawn on a map is kept, for every session, with the first budget drawn on it,
        # see test_lesson_sweep.py's test_moving_the_budget_redraws_the_search; here that budget is the default)
        Move("button", "one_axis", None, None, ONE_AXIS),  # sets the whole lab: the whole page reruns
        Move("select_slider", "budget", 9, ("search_chart",)),
        Move("select_slider", "n", 32),
        Move("button", "try", None, None, {"rule": "momentum", "surface": "quadratic"}),
    ],
}


def _key(page: str, name: str) -> str:
    return f"{apptest.lesson_keys()[int(page.split('_')[1]) - 1]}.{name}"


def _nodes(node, path=()):
    for i, child in getattr(node, "children", {}).items():
        yield (*path, i), child
        yield from _nodes(child, (*path, i))


def _widget(at, key: str, *default):
    return next((n for _, n in _nodes(at._tree) if getattr(n, "key", None) == key), *default)


def _shown(at) -> dict:
    """What the page shows, element by element: each proto by its place (a widget's without the value the run set
    in it, and with the value it holds)."""
    out = {}
    for path, node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if hasattr(node, "key") and hasattr(node, "value"):  # a widget
            proto = type(proto).FromString(proto.SerializeToString())
            for name in ("set_value", "value", "raw_value", "raw_values"):
                if name in proto.DESCRIPTOR.fields_by_name:
                    proto.ClearField(name)
            held = None if node.type == "button" else repr(node.value)  # a button is True only in its click's run
            out[path] = (proto.SerializeToString(deterministic=True), held)
        else:
            out[path] = proto.SerializeToString(deterministic=True)
    return out


def _charts(at) -> dict:
    return {c.proto.id.rsplit(".", 1)[-1]: c for c in charts(at)}


def _make(at, page: str, move: Move) -> None:
    """Make ``move`` as a browser does, and check which run it caused and what that run drew."""
    key, what = _key(page, move.key), f"{page}: {move.kind} {move.key}"
    before, before_widgets = _charts(at), {k: _widget(at, _key(page, k), None) for k in move.sets}
    widget = _widget(at, key)
    widget.click() if move.kind == "button" else widget.set_value(move.value)
    only_fragment = interact(at, widget)
    assert not at.exception, (what, [e.message for e in at.exception])
    assert only_fragment == (move.section is not None), what
    after = _charts(at)
    assert after.keys() == before.keys(), what
    drawn = {name for name, chart in after.items() if chart is not before[name]}
    assert drawn == set(move.section or after), what
    for name, value in move.sets.items():
        shown = _widget(at, _key(page, name))
        assert shown is not before_widgets[name], f"{what}: {name} not drawn again"
        assert shown.value == (pytest.approx(value) if isinstance(value, float) else value), f"{what}: {name}"


def _same_as_a_whole_run(at, what: str) -> None:
    """The page as the browser shows it is, element for element, the page a whole run draws from this state."""
    seen = _shown(at)
    at.run()
    assert not at.exception, (what, [e.message for e in at.exception])
    whole = _shown(at)
    stale = sorted(path for path in seen.keys() | whole.keys() if seen.get(path) != whole.get(path))
    assert not stale, f"{what}: {len(stale)} element(s) differ from a whole run, first at {stale[0]}: " \
                      f"{seen.get(stale[0])!r:.300} != {whole.get(stale[0])!r:.300}"


PAGES = pytest.mark.parametrize("page", list(MOVES), ids=lambda p: p.split("/")[-1][:-3])


@PAGES
def test_a_move_reruns_its_section_and_leaves_nothing_stale(page):
    at = apptest.open_page(page)
    for move in MOVES[page]:
        _make(at, page, move)
        _same_as_a_whole_run(at, f"{page}: {move.kind} {move.key}")


@PAGES
def test_the_moves_in_a_row_without_a_whole_run_between(page):
    """As a browser makes them: a whole run between two moves (the test above) sets what a whole run sets (the
    page's defaults), which a fragment's run must not need."""
    at = apptest.open_page(page)
    for move in MOVES[page]:
        _make(at, page, move)
    _same_as_a_whole_run(at, f"{page}: after every move")
