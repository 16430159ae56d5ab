"""Lesson 9: the sweep lab: final loss or steps to tolerance over any two numeric hyperparameters, and grid search
against random search with the same budget. A click on a cell opens that very run in the Playground.
"""

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_sweep as fx
from lab import scene as sc
from lab.i18n import rule_title, t
from lessons import sweep as ls
from ui import chart, lesson as ui

K = "sweep"
STEPS_OPTIONS = (20, 50, 100, 200, 500, 1000, 2000)
GRID_OPTIONS = (16, 24, 32, 48, 64, 96, 128)
BUDGETS = (9, 16, 25, 36, 49)  # runs of a search: k × k for the grid
SLOTS = ("ax1", "ax2")  # across, up
DEFAULT = {"rule": "momentum", "surface": "rosenbrock", "steps": 200, "n": 48, "metric": "final_loss", "budget": 25}
DEFAULT_LR = (1e-4, 3e-3)  # Rosenbrock's steep walls: much larger steps diverge


def k(*parts) -> str:
    return ".".join((K, *parts))


def axis_label(name: str, surface_name: str, lang: str) -> str:
    if name in ls.surface_axes(surface_name):
        return t("lesson.sweep.axis.surface", lang, name=name)
    if name == "clip_norm":
        return t("lesson.sweep.axis.clip_norm", lang)
    return t(f"hp.{name}", lang)


# ----------------------------------------------------------------------------
# callbacks: they write the widgets' state before the next run


def set_axis(slot: str, name: str) -> None:
    ss = st.session_state
    h = ls.axes_for(ss[k("rule")], ss[k("surface")])[name]
    low, high, log = ls.default_range(h)
    ss.update({k(slot, "name"): name, k(slot, "low"): low, k(slot, "high"): high, k(slot, "log"): log})


def reset_rule() -> None:
    ss = st.session_state
    rule = ss[k("rule")]
    settings = sc.Contestant(rule).settings()  # the Playground's defaults: the sweep and its links agree
    for name in ls.fixed_names(rule):
        ss[k("fix", name)] = float(settings[name])
    reset_axes()


def reset_surface() -> None:
    ss = st.session_state
    for p in landscapes.params(ss[k("surface")]):
        ss[k("p", p.name)] = p.default
    reset_axes()


def reset_axes() -> None:
    ss = st.session_state
    rule, surface = ss[k("rule")], ss[k("surface")]
    names = ls.axes_for(rule, surface)
    if ss.get(k("ax1", "name")) not in names:
        set_axis("ax1", "learning_rate")
    if ss.get(k("ax2", "name")) not in names or ss[k("ax2", "name")] == ss[k("ax1", "name")]:
        set_axis("ax2", ls.second_axis(rule, surface, ss[k("ax1", "name")]))
    # a kept name keeps its range only where the new slider range holds it (the saddle's a: 0.1-5, Rosenbrock's: 0.1-3)
    for slot in SLOTS:
        h = names[ss[k(slot, "name")]]
        if not h.low <= ss[k(slot, "low")] <= ss[k(slot, "high")] <= h.high:
            set_axis(slot, ss[k(slot, "name")])
    ss.pop(k("cell"), None)


def on_axis_name(slot: str) -> None:
    set_axis(slot, st.session_state[k(slot, "name")])
    st.session_state.pop(k("cell"), None)


def load_scene(rule: str, surface: str, steps: int, axes, surface_params=None) -> None:
    """Set the whole lab: rule, surface (and its parameters), steps and both axes with their ranges."""
    ss = st.session_state
    ss.update({k("rule"): rule, k("surface"): surface, k("steps"): steps, k("metric"): "final_loss"})
    reset_rule()
    reset_surface()
    for name, value in (surface_params or {}).items():
        ss[k("p", name)] = value
    for slot, (name, low, high, log) in zip(SLOTS, axes):
        set_axis(slot, name)
        ss.update({k(slot, "low"): low, k(slot, "high"): high, k(slot, "log"): log})


def on_polyak() -> None:
    """Try this: heavy-ball momentum on a κ = 100 valley, η against β, around Polyak's optimum."""
    st.session_state[k("n")] = 64
    load_scene("momentum", "quadratic", 200, (("learning_rate", 0.1, 10.0, True), ("momentum", 0.0, 0.99, False)),
               {"condition": 100.0})


def on_one_axis() -> None:
    """The search's example: a map on which only the learning rate matters."""
    p = ls.ONE_AXIS
    load_scene(p["rule"], p["surface"], p["steps"], p["axes"])


def on_chart_click(event) -> None:
    """A click on a cell: remember its centre (the page maps it to the cell)."""
    point = fx.clicked_point(event, st.session_state.get(k("catcher")))
    if point is not None:
        st.session_state[k("cell")] = point


def init() -> None:
    ss = st.session_state
    if k("rule") in ss:
        return
    ss.update({k(name): value for name, value in DEFAULT.items()})
    reset_rule()
    reset_surface()
    ss.update({k("ax1", "low"): DEFAULT_LR[0], k("ax1", "high"): DEFAULT_LR[1]})


# ----------------------------------------------------------------------------
# the computations (cached on plain values)


@st.cache_data(max_entries=16, show_spinner=False)
def run_sweep(surface_name: str, surface_params: tuple, rule: str, steps: int, axes: tuple, fixed: tuple):
    """`optimizers.sweep` over ``axes`` = ((name, low, high, n, log), (…)) with the ``fixed`` keywords."""
    surface = landscapes.get(surface_name, **dict(surface_params))
    grid = {name: ls.axis_values(low, high, n, log) for name, low, high, n, log in axes}
    return optimizers.sweep(surface, rule, None, steps, grid=grid, **dict(fixed))


@st.cache_data(max_entries=8, show_spinner=False)
def run_searches(surface_name: str, surface_params: tuple, rule: str, steps: int, names: tuple, ranges: tuple,
                 side: int, seed: int, fixed: tuple):
    """The grid search (side × side) and the random search of as many runs, each run by the engine."""
    return ls.grid_and_random(surface_name, dict(surface_params), rule, steps, names, ranges, side, seed, dict(fixed))


# ----------------------------------------------------------------------------
# the page


def lesson() -> None:
    lang = ui.lang()
    init()
    ss = st.session_state
    ui.header(K)

    # 1) what to sweep: the rule, the surface and the two axes
    a, b, c, d = st.columns(4)
    a.selectbox(t("lesson.sweep.rule", lang), optimizers.names(), key=k("rule"), on_change=reset_rule,
                format_func=lambda r: rule_title(r, lang))
    b.selectbox(t("lesson.sweep.surface", lang), landscapes.names(), key=k("surface"), on_change=reset_surface,
                format_func=lambda n: t(f"surface.{n}", lang))
    rule, surface_name = ss[k("rule")], ss[k("surface")]
    names = ls.axes_for(rule, surface_name)
    for slot, col, title in zip(SLOTS, (c, d), ("lesson.sweep.axis_x", "lesson.sweep.axis_y")):
        col.selectbox(t(title, lang), list(names), key=k(slot, "name"), on_change=on_axis_name, args=(slot,),
                      format_func=lambda n: axis_label(n, surface_name, lang))
    swept = [ss[k(slot, "name")] for slot in SLOTS]
    hp, sp = fixed_values(rule, surface_name, swept)

    # 2) the map, or a clear message about the request
    error = check(swept, surface_name, lang)
    result = None
    if error:
        st.error(error)
    else:
        result = show_sweep(rule, surface_name, swept, hp, sp, lang)
    ui.explain(
        K,
        r"C(p_1, p_2) = f\big(\theta_T(p_1, p_2)\big) - f^\star,\qquad"
        r" T_{\mathrm{tol}}(p_1, p_2) = \min\{t : f(\theta_t) - f^\star \le \mathrm{tol}\}",
        r"v_t = \beta v_{t-1} + \nabla f(\theta_t),\quad \theta_{t+1} = \theta_t - \eta v_t:\qquad"
        r" \eta^\star = \frac{4}{(\sqrt{L}+\sqrt{\mu})^2},\quad"
        r"\beta^\star = \Big(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\Big)^2",
    )

    # 3) the rest of the request: ranges, steps, cells, colour, fixed settings
    st.subheader(t("lesson.sweep.settings", lang))
    for slot, col, title in zip(SLOTS, st.columns(2), ("lesson.sweep.axis_x", "lesson.sweep.axis_y")):
        with col:
            range_controls(slot, t(title, lang) + ": " + axis_label(ss[k(slot, "name")], surface_name, lang), names, lang)
    e, f, g = st.columns([1, 1, 2])
    e.select_slider(t("lesson.sweep.steps", lang), STEPS_OPTIONS, key=k("steps"))
    f.select_slider(t("lesson.sweep.n", lang), GRID_OPTIONS, key=k("n"))
    g.radio(t("lesson.sweep.metric", lang), fx.METRICS, key=k("metric"), horizontal=True,
            format_func=lambda m: t(f"lesson.sweep.metric.{m}", lang))
    with st.expander(t("lesson.sweep.fixed", lang)):
        fixed_controls(rule, surface_name, swept, lang)

    # 4) grid search against random search, with the same budget
    if result is not None:
        search_section(rule, surface_name, swept, hp, sp, result, lang)
    ui.try_this(K, on_polyak)
    ui.source(optimizers.engine.sweep, fx.sweep_figure, ls.cell_scene, ls.random_points, ls.grid_and_random)
    ui.references("cs231n", "goh2017", "sutskever2013")


def range_controls(slot: str, title: str, names: dict, lang: str) -> None:
    h = names[st.session_state[k(slot, "name")]]
    st.markdown(f"**{title}**")
    lo, hi, lg = st.columns([2, 2, 1])
    step = None if h.log else (h.high - h.low) / 100
    lo.number_input(t("lesson.sweep.low", lang), float(h.low), float(h.high), key=k(slot, "low"), format="%g", step=step)
    hi.number_input(t("lesson.sweep.high", lang), float(h.low), float(h.high), key=k(slot, "high"), format="%g", step=step)
    lg.checkbox(t("lesson.sweep.log", lang), key=k(slot, "log"))


def shown_fixed(rule: str, surface_name: str, swept: list[str]) -> tuple[list[str], list[str]]:
    """The rule's and the engine's settings not swept, and the surface's parameters not swept."""
    shown = [n for n in ls.fixed_names(rule) if n not in swept]
    return shown, [n for n in ls.surface_axes(surface_name) if n not in swept]


def fixed_values(rule: str, surface_name: str, swept: list[str]) -> tuple[dict, dict]:
    """The rule's settings that differ from the Playground's defaults, and the surface's (from the boxes' state)."""
    ss = st.session_state
    settings = sc.Contestant(rule).settings()
    shown, surface_shown = shown_fixed(rule, surface_name, swept)
    defaults = {p.name: p.default for p in landscapes.params(surface_name)}
    hp = {n: float(ss[k("fix", n)]) for n in shown if float(ss[k("fix", n)]) != settings[n]}
    sp = {n: float(ss[k("p", n)]) for n in surface_shown if float(ss[k("p", n)]) != defaults[n]}
    return hp, sp


def fixed_controls(rule: str, surface_name: str, swept: list[str], lang: str) -> None:
    """Number boxes for every setting not swept."""
    specs = {**ls.ENGINE_FIXED, **ls.axes_for(rule, surface_name)}
    shown, surface_shown = shown_fixed(rule, surface_name, swept)
    cols = st.columns(4)
    for i, name in enumerate([*shown, *surface_shown]):
        h = specs[name]
        step = h.default / 10 if h.log and h.default > 0 else (h.high - h.low) / 100
        cols[i % 4].number_input(axis_label(name, surface_name, lang), float(h.low), float(h.high),
                                 key=k("fix", name) if name in shown else k("p", name), format="%g", step=step)


def ranges_of() -> list[tuple[float, float, bool]]:
    ss = st.session_state
    return [(float(ss[k(slot, "low")]), float(ss[k(slot, "high")]), bool(ss[k(slot, "log")])) for slot in SLOTS]


def check(swept: list[str], surface_name: str, lang: str) -> str | None:
    """A message for a request that cannot be swept, else None."""
    problem = ls.request_error(swept, ranges_of())
    if problem is None:
        return None
    kind, i = problem
    if kind == "same":
        return t("lesson.sweep.err.same", lang)
    low, high, _ = ranges_of()[i]
    return t(f"lesson.sweep.err.{kind}", lang, axis=axis_label(swept[i], surface_name, lang), low=f"{low:g}", high=f"{high:g}")


def fixed_kwargs(rule: str, hp: dict, swept: list[str]) -> tuple:
    kw = sc.Contestant(rule, hp).settings()
    return tuple(sorted((key, v) for key, v in kw.items() if key not in swept))


def show_sweep(rule: str, surface_name: str, swept: list[str], hp: dict, sp: dict, lang: str):
    """The map, its caption and the chosen cell; returns the sweep (None when the engine refused it)."""
    ss = st.session_state
    steps, n, metric = int(ss[k("steps")]), int(ss[k("n")]), ss[k("metric")]
    logs = [log for _, _, log in ranges_of()]
    axes = tuple((name, low, high, n, log) for name, (low, high, log) in zip(swept, ranges_of()))
    try:
        with st.spinner(t("lesson.sweep.running", lang, cells=f"{n * n:,}", steps=steps)):
            result = run_sweep(surface_name, tuple(sorted(sp.items())), rule, steps, axes, fixed_kwargs(rule, hp, swept))
    except ValueError as err:
        st.error(t("lesson.sweep.err.engine", lang, reason=str(err)))
        return None
    surface = landscapes.get(surface_name, **sp)
    f_min = ls.minimum_per_cell(surface_name, sp, swept, result.values)
    titles = [axis_label(name, surface_name, lang) for name in swept]
    best = fx.best_cell(result, metric)
    picked = ss.get(k("cell"))
    cell = fx.nearest_cell(result.values, picked, logs) if picked is not None else best
    marks = []
    if best is not None:
        best_xy = (float(result.values[0][best[0]]), float(result.values[1][best[1]]))
        marks.append((t("lesson.sweep.fig.best", lang), *best_xy, "star"))
    polyak = ls.polyak_point(rule, surface, swept)
    if polyak is not None:
        marks.append((t("lesson.sweep.fig.polyak", lang), *polyak["point"], "x"))
    fig = fx.sweep_figure(result, metric=metric, f_min=f_min, titles=titles, logs=logs, marks=marks,
                          selected=cell if picked is not None else None, labels=figure_words(lang), projector=ui.projector())
    ss[k("catcher")] = next(i for i, tr in enumerate(fig.data) if tr.name == fx.CLICK_TRACE_NAME)
    chart.figure(fig, key=k("chart"), on_click=on_chart_click)
    diverged = int(np.isfinite(result.diverged_at).sum())
    st.caption(t("lesson.sweep.caption", lang, cells=f"{result.final_loss.size:,}", steps=steps, x0=f"{surface.start[0]:g}",
                 y0=f"{surface.start[1]:g}", tol=f"{result.tol:.3g}", diverged=f"{diverged:,}"))
    if metric == "steps_to_tol" and np.ptp(np.nan_to_num(f_min)) > 1e-9:
        st.info(t("lesson.sweep.note.tol", lang))
    if polyak is not None and best is not None:
        st.markdown(t("lesson.sweep.polyak", lang, eta=f"{polyak['eta']:.3f}", beta=f"{polyak['beta']:.3f}",
                      L=f"{polyak['L']:.3g}", mu=f"{polyak['mu']:.3g}", steps=steps,
                      best_eta=f"{result.values[swept.index('learning_rate')][best[swept.index('learning_rate')]]:.3f}",
                      best_beta=f"{result.values[swept.index('momentum')][best[swept.index('momentum')]]:.3f}"))
    if cell is None:
        st.warning(t("lesson.sweep.none", lang))
        return result
    if picked is None:
        st.caption(t("lesson.sweep.click", lang))
    i, j = cell
    values = {swept[0]: float(result.values[0][i]), swept[1]: float(result.values[1][j])}
    loss = result.final_loss[i, j]
    if np.isfinite(result.diverged_at[i, j]):
        loss_text = t("lesson.sweep.diverged_at", lang, step=int(result.diverged_at[i, j]))
    else:
        loss_text = f"{loss:.4g}"
    steps_to = result.steps_to_tol[i, j]
    which = t("lesson.sweep.cell.selected" if picked is not None else "lesson.sweep.cell.best", lang)
    st.markdown(t("lesson.sweep.cell", lang, which=which,
                  values=", ".join(f"{title} = {values[name]:.4g}" for title, name in zip(titles, swept)), loss=loss_text,
                  steps_to=t("lesson.sweep.never", lang) if not np.isfinite(steps_to) else int(steps_to)))
    ui.playground_link(ls.cell_scene(rule, surface_name, sp, steps, hp, values))
    return result


def figure_words(lang: str) -> dict[str, str]:
    words = ("diverged", "never", "loss_log", "loss", "steps", "final", "selected")
    return {w: t(f"lesson.sweep.fig.{w}", lang) for w in words}


def search_section(rule: str, surface_name: str, swept: list[str], hp: dict, sp: dict, result, lang: str) -> None:
    """Grid search and random search with the same number of runs, on the map they explore."""
    ss = st.session_state
    st.subheader(t("lesson.sweep.search", lang))
    a, b = st.columns([2, 1], vertical_alignment="bottom")
    a.select_slider(t("lesson.sweep.search.budget", lang), BUDGETS, key=k("budget"),
                    format_func=lambda n: f"{n} = {math.isqrt(n)} × {math.isqrt(n)}")
    b.button(t("lesson.sweep.search.one_axis", lang), on_click=on_one_axis, key=k("one_axis"))
    side, steps = math.isqrt(int(ss[k("budget")])), int(ss[k("steps")])
    ranges = ranges_of()
    try:
        grid, rand = run_searches(surface_name, tuple(sorted(sp.items())), rule, steps, tuple(swept), tuple(ranges), side,
                                  ls.SEARCH_SEED, fixed_kwargs(rule, hp, swept))
    except ValueError as err:
        st.error(t("lesson.sweep.err.engine", lang, reason=str(err)))
        return
    titles = [axis_label(name, surface_name, lang) for name in swept]
    labels = {
        "grid": t("lesson.sweep.search.grid", lang, runs=side * side, nx=grid.distinct[0], ny=grid.distinct[1]),
        "random": t("lesson.sweep.search.random", lang, runs=side * side, nx=rand.distinct[0], ny=rand.distinct[1]),
        "best": t("lesson.sweep.search.best", lang),
    }
    f_min = ls.minimum_per_cell(surface_name, sp, swept, result.values)
    fig = fx.search_figure(result, grid.points, rand.points, best=(grid.best, rand.best), f_min=f_min, titles=titles,
                           logs=[log for _, _, log in ranges], labels={**figure_words(lang), **labels},
                           projector=ui.projector())
    chart.figure(fig, key=k("search_chart"))
    st.caption(t("lesson.sweep.search.help", lang, runs=side * side, side=side))

    def gap(s):
        g = s.gaps[s.best]
        return t("lesson.sweep.fig.diverged", lang) if not np.isfinite(g) else f"{g:.3g}"

    st.markdown(t("lesson.sweep.search.result", lang, runs=side * side, x=titles[0], y=titles[1],
                  gx=grid.distinct[0], gy=grid.distinct[1], rx=rand.distinct[0], ry=rand.distinct[1],
                  grid=gap(grid), random=gap(rand)))


lesson()
