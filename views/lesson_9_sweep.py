"""Lesson 9: the sweep lab: final loss or steps to tolerance over any two numeric hyperparameters, and grid search
against random search with the same budget. A click on a cell opens that very run in the Playground.
"""

import math

import streamlit as st

import landscapes
import optimizers
from figures import lesson_sweep as fx
from lab.i18n import rule_title, t
from lessons import sweep as ls, sweep_map as cells, sweep_search as search
from ui import cached, chart, lesson as ui

K = "sweep"
STEPS_OPTIONS = (20, 50, 100, 200, 500, 1000, 2000)
GRID_OPTIONS = (16, 24, 32, 48, 64, 96, 128)
BUDGETS = (9, 16, 25, 36, 49)  # runs of a search: k × k for the grid
TITLES = ("lesson.sweep.axis_x", "lesson.sweep.axis_y")
FIGURE_WORDS = ("diverged", "never", "loss_log", "loss", "steps", "final", "selected")
SYMBOLS = {"best": "star", "polyak": "x"}


def k(*parts) -> str:
    return ".".join((K, *parts))


def state() -> dict:
    """The lab's state (see `lessons.sweep`) without the page's prefix."""
    return {key[len(K) + 1:]: v for key, v in st.session_state.items() if key.startswith(K + ".")}


def put(changes: dict) -> None:
    st.session_state.update({k(name): v for name, v in changes.items()})


def axis_label(name: str, surface_name: str, lang: str) -> str:
    if name in ls.surface_axes(surface_name):
        return t("lesson.sweep.axis.surface", lang, name=name)
    return t("lesson.sweep.axis.clip_norm" if name == "clip_norm" else f"hp.{name}", lang)


def number(where, label: str, h, key: str, step) -> None:
    """A number box over the setting ``h``'s range."""
    where.number_input(label, float(h.low), float(h.high), key=key, format="%g", step=step)


# callbacks: they write the widgets' state before the next run
def on_change(what: str) -> None:
    put(ls.changed(state(), what))


def on_chart_click(event) -> None:
    """A click on a cell: remember its centre (the page maps it to the cell)."""
    point = fx.clicked_point(event, st.session_state.get(k("catcher")))
    if point is not None:
        st.session_state[k("cell")] = point


def lesson() -> None:
    lang, ss = ui.lang(), st.session_state
    if k("rule") not in ss:
        put(ls.initial_state())
    ui.header(K)
    # 1) what to sweep: the rule, the surface and the two axes
    a, b, *cols = st.columns(4)
    a.selectbox(t("lesson.sweep.rule", lang), optimizers.names(), key=k("rule"), on_change=on_change, args=("rule",),
                format_func=lambda r: rule_title(r, lang))
    b.selectbox(t("lesson.sweep.surface", lang), landscapes.names(), key=k("surface"), on_change=on_change,
                args=("surface",), format_func=lambda n: t(f"surface.{n}", lang))
    name, names = ss[k("surface")], ls.axes_for(ss[k("rule")], ss[k("surface")])
    for slot, col, title in zip(ls.SLOTS, cols, TITLES):
        col.selectbox(t(title, lang), list(names), key=k(slot, "name"), on_change=on_change, args=(slot,),
                      format_func=lambda n: axis_label(n, name, lang))
    req = ls.request(state())
    titles = [axis_label(n, name, lang) for n in req.swept]
    words = {w: t(f"lesson.sweep.fig.{w}", lang) for w in FIGURE_WORDS}
    # 2) the map, or a clear message about the request
    result = None
    if req.problem is not None:
        kind, i = req.problem
        args = {} if i is None else dict(axis=titles[i], low=f"{req.ranges[i][0]:g}", high=f"{req.ranges[i][1]:g}")
        st.error(t(f"lesson.sweep.err.{kind}", lang, **args))
    else:
        try:
            with st.spinner(t("lesson.sweep.running", lang, cells=f"{req.n * req.n:,}", steps=req.steps)):
                result = cached.computed(cells.sweep_map, **req.run, axes=req.axes)
        except ValueError as err:
            st.error(t("lesson.sweep.err.engine", lang, reason=str(err)))
        else:
            map_section(result, req, titles, words, lang)
    ui.explain(K, *ls.FORMULAS)
    # 3) the rest of the request: ranges, steps, cells, colour, fixed settings
    st.subheader(t("lesson.sweep.settings", lang))
    for slot, col, title, axis in zip(ls.SLOTS, st.columns(2), TITLES, titles):
        h = names[ss[k(slot, "name")]]
        col.markdown(f"**{t(title, lang)}: {axis}**")
        *ends, lg = col.columns([2, 2, 1])
        for c, end in zip(ends, ("low", "high")):
            number(c, t(f"lesson.sweep.{end}", lang), h, k(slot, end), step=None if h.log else (h.high - h.low) / 100)
        lg.checkbox(t("lesson.sweep.log", lang), key=k(slot, "log"))
    e, f, g = st.columns([1, 1, 2])
    e.select_slider(t("lesson.sweep.steps", lang), STEPS_OPTIONS, key=k("steps"))
    f.select_slider(t("lesson.sweep.n", lang), GRID_OPTIONS, key=k("n"))
    g.radio(t("lesson.sweep.metric", lang), fx.METRICS, key=k("metric"), horizontal=True,
            format_func=lambda m: t(f"lesson.sweep.metric.{m}", lang))
    with st.expander(t("lesson.sweep.fixed", lang)):
        cols = st.columns(4)
        for i, (key, setting, h, step) in enumerate(ls.fixed_boxes(req.rule, name, req.swept)):
            number(cols[i % 4], axis_label(setting, name, lang), h, k(key), step)
    # 4) grid search against random search, with the same budget
    if result is not None:
        search_section(result, req, titles, words, lang)
    ui.try_this(K, put, args=(ls.scene_state(ls.POLYAK),))
    ui.source(optimizers.engine.sweep, fx.sweep_figure, cells.cell_scene, search.random_points, search.grid_and_random)
    ui.references("cs231n", "goh2017", "sutskever2013")


def map_section(result, req, titles: list[str], words: dict, lang: str) -> None:
    """The map, its caption, Polyak's optimum where it applies, and the chosen cell with its Playground link."""
    picked = st.session_state.get(k("cell"))
    r = cells.read_map(result, req, picked)
    marks = [(t(f"lesson.sweep.fig.{mark}", lang), x, y, SYMBOLS[mark]) for mark, x, y in r.marks]
    fig = fx.sweep_figure(result, metric=req.metric, f_min=r.f_min, titles=titles, logs=req.logs, marks=marks,
                          selected=r.cell if picked is not None else None, labels=words, projector=ui.projector())
    st.session_state[k("catcher")] = next(i for i, tr in enumerate(fig.data) if tr.name == fx.CLICK_TRACE_NAME)
    chart.figure(fig, key=k("chart"), on_click=on_chart_click)
    st.caption(t("lesson.sweep.caption", lang, cells=f"{result.final_loss.size:,}", steps=req.steps, x0=f"{r.start[0]:g}",
                 y0=f"{r.start[1]:g}", tol=f"{result.tol:.3g}", diverged=f"{r.diverged:,}"))
    if req.metric == "steps_to_tol" and r.minimum_moves:
        st.info(t("lesson.sweep.note.tol", lang))
    if r.polyak is not None and r.best is not None:
        st.markdown(t("lesson.sweep.polyak", lang, steps=req.steps, **r.polyak_numbers))
    if r.cell is None:
        st.warning(t("lesson.sweep.none", lang))
        return
    if picked is None:
        st.caption(t("lesson.sweep.click", lang))
    loss = f"{r.loss:.4g}" if r.diverged_at is None else t("lesson.sweep.diverged_at", lang, step=r.diverged_at)
    st.markdown(t("lesson.sweep.cell", lang, which=t(f"lesson.sweep.cell.{'best' if picked is None else 'selected'}", lang),
                  values=", ".join(f"{title} = {r.values[s]:.4g}" for title, s in zip(titles, req.swept)), loss=loss,
                  steps_to=t("lesson.sweep.never", lang) if r.steps_to is None else r.steps_to))
    ui.playground_link(cells.cell_scene(req.rule, req.surface, req.sp, req.steps, req.hp, r.values))


def search_section(result, req, titles: list[str], words: dict, lang: str) -> None:
    """Grid search and random search with the same number of runs, on the map they explore."""
    st.subheader(t("lesson.sweep.search", lang))
    a, b = st.columns([2, 1], vertical_alignment="bottom")
    a.select_slider(t("lesson.sweep.search.budget", lang), BUDGETS, key=k("budget"),
                    format_func=lambda n: f"{n} = {math.isqrt(n)} × {math.isqrt(n)}")
    b.button(t("lesson.sweep.search.one_axis", lang), on_click=put, args=(ls.scene_state(search.ONE_AXIS),), key=k("one_axis"))
    side = math.isqrt(int(st.session_state[k("budget")]))
    try:
        grid, rand = cached.computed(search.grid_and_random, **req.run, names=req.swept, ranges=req.ranges, k=side,
                                     seed=search.SEARCH_SEED)
    except ValueError as err:
        st.error(t("lesson.sweep.err.engine", lang, reason=str(err)))
        return
    runs = side * side
    labels = {"grid": t("lesson.sweep.search.grid", lang, runs=runs, nx=grid.distinct[0], ny=grid.distinct[1]),
              "random": t("lesson.sweep.search.random", lang, runs=runs, nx=rand.distinct[0], ny=rand.distinct[1]),
              "best": t("lesson.sweep.search.best", lang)}
    f_min = cells.minimum_per_cell(req.surface, req.sp, req.swept, result.values)
    chart.figure(fx.search_figure(result, grid.points, rand.points, best=(grid.best, rand.best), f_min=f_min, titles=titles,
                                  logs=req.logs, labels={**words, **labels}, projector=ui.projector()), key=k("search_chart"))
    st.caption(t("lesson.sweep.search.help", lang, runs=runs, side=side))
    gap = [f"{s.best_gap:.3g}" if math.isfinite(s.best_gap) else words["diverged"] for s in (grid, rand)]
    st.markdown(t("lesson.sweep.search.result", lang, runs=runs, x=titles[0], y=titles[1], gx=grid.distinct[0],
                  gy=grid.distinct[1], rx=rand.distinct[0], ry=rand.distinct[1], grid=gap[0], random=gap[1]))


lesson()
