"""Lesson 9: the sweep lab: final loss or steps to tolerance over any two numeric hyperparameters, and grid search
against random search with the same budget. A click on a cell opens that very run in the Playground."""

import math

import streamlit as st

import landscapes
import optimizers
from figures import lesson_sweep as fx
from lab.i18n import rule_title, t
from lessons import sweep as ls, sweep_map as cells, sweep_search as search
from ui import cached, chart, lesson as ui

K = "sweep"
BUDGETS = (9, 16, 25, 36, 49)  # runs of a search: k × k for the grid
TITLES = ("axis_x", "axis_y")
say = ui.Page(K)
k = say.k


def state() -> dict:  # the lab's state (see `lessons.sweep`) without the page's prefix
    return {key[len(K) + 1:]: v for key, v in st.session_state.items() if key.startswith(K + ".")}


def put(changes: dict) -> None:
    st.session_state.update({k(name): v for name, v in changes.items()})


def axis_label(name: str, surface_name: str, lang: str | None = None) -> str:
    if name in ls.surface_axes(surface_name):
        return say("axis.surface", lang, name=name)
    return say("axis.clip_norm", lang) if name == "clip_norm" else t(f"hp.{name}", lang or ui.lang())


def on_change(what: str) -> None:  # a new rule, surface or axis changes the lab's state before the next run
    put(ls.changed(state(), what))


def on_chart_click(event) -> None:  # a click on a cell: remember its centre (the page maps it to the cell)
    if (point := fx.clicked_point(event, st.session_state.get(k("catcher")))) is not None:
        st.session_state[k("cell")] = point


def lesson() -> None:
    lang, ss = ui.lang(), st.session_state
    if k("rule") not in ss:  # a first visit
        put(ls.initial_state())
    ui.header(K)
    # 1) what to sweep: the rule, the surface and the two axes
    a, b, *cols = st.columns(4)
    a.selectbox(say("rule"), optimizers.names(), key=k("rule"), on_change=on_change, args=("rule",),
                format_func=lambda r: rule_title(r, lang))
    b.selectbox(say("surface"), landscapes.names(), key=k("surface"), on_change=on_change, args=("surface",),
                format_func=lambda n: t(f"surface.{n}", lang))
    name, names = ss[k("surface")], ls.axes_for(ss[k("rule")], ss[k("surface")])
    for slot, col, title in zip(ls.SLOTS, cols, TITLES):
        col.selectbox(say(title), list(names), key=k(slot, "name"), on_change=on_change, args=(slot,),
                      format_func=lambda n: axis_label(n, name, lang))
    req = ls.request(state())
    titles, words = [axis_label(n, name) for n in req.swept], {w: say(f"fig.{w}") for w in fx.WORDS}
    # 2) the map, or a clear message about the request
    result = None
    if req.problem is not None:
        kind, i = req.problem
        low, high, _ = req.ranges[i or 0]
        st.error(say(f"err.{kind}", **({} if i is None else dict(axis=titles[i], low=f"{low:g}", high=f"{high:g}"))))
    else:
        if (fitted := req.fitted()).n != req.n:  # bounded work: fewer cells, and said why
            st.info(say("reduced", asked=req.n, n=fitted.n, steps=req.steps, samples=ls.samples_of(req.surface, req.sp)))
        req = fitted
        try:
            with st.spinner(say("running", cells=f"{req.n * req.n:,}", steps=req.steps)):
                result = cached.heavy(cells.sweep_map, **req.run, axes=req.axes, waiting=say("queued"))
        except ValueError as err:
            st.error(say("err.engine", reason=str(err)))
        else:
            f_min = map_section(result, req, titles, words)
    ui.explain(K, *ls.FORMULAS)
    # 3) the rest of the request: ranges, steps, cells, colour, fixed settings
    st.subheader(say("settings"))
    for slot, col, title, axis in zip(ls.SLOTS, st.columns(2), TITLES, titles):
        h = names[ss[k(slot, "name")]]
        col.markdown(f"**{say(title)}: {axis}**")
        *ends, lg = col.columns([2, 2, 1])
        for c, end in zip(ends, ("low", "high")):
            c.number_input(say(end), float(h.low), float(h.high), key=k(slot, end), format="%g",
                           step=None if h.log else (h.high - h.low) / 100)
        lg.checkbox(say("log"), key=k(slot, "log"))
    e, f, g = st.columns([1, 1, 2])
    e.select_slider(say("steps"), ls.STEPS_OPTIONS, key=k("steps"))
    f.select_slider(say("n"), ls.GRID_SIDES, key=k("n"))
    g.radio(say("metric"), fx.METRICS, key=k("metric"), horizontal=True, format_func=lambda m: say(f"metric.{m}", lang))
    with st.expander(say("fixed")):
        cols = st.columns(4)
        for i, (key, setting, h, step) in enumerate(ls.fixed_boxes(req.rule, name, req.swept)):
            cols[i % 4].number_input(axis_label(setting, name), float(h.low), float(h.high), key=k(key), format="%g", step=step)
    # 4) grid search against random search, with the same budget
    if result is not None:
        search_section(result, f_min, req, titles, words)
    ui.try_this(K, put, args=(ls.scene_state(ls.POLYAK),))
    ui.source(optimizers.engine.sweep, fx.sweep_figure, cells.cell_scene, search.random_points, search.grid_and_random)
    ui.references("cs231n", "goh2017", "sutskever2013")


@st.fragment
def map_section(result, req, titles: list[str], words: dict):
    """The map, its caption, Polyak's optimum where it applies, and the chosen cell with its Playground link; returns
    the minimum f* of each cell. A fragment, as is the search: a click on a cell changes only this section."""
    picked = st.session_state.get(k("cell"))
    r = cells.read_map(result, req, picked)
    marks = [(say(f"fig.{kind}"), x, y, kind) for kind, x, y in r.marks]
    fig = fx.sweep_figure(result, metric=req.metric, f_min=r.f_min, titles=titles, logs=req.logs, marks=marks,
                          selected=r.cell if picked is not None else None, labels=words, projector=ui.projector())
    st.session_state[k("catcher")] = next(i for i, tr in enumerate(fig.data) if tr.name == fx.CLICK_TRACE_NAME)
    chart.figure(fig, key=k("chart"), on_click=on_chart_click)
    st.caption(say("caption", cells=f"{result.final_loss.size:,}", steps=req.steps, x0=f"{r.start[0]:g}", y0=f"{r.start[1]:g}",
                   tol=f"{result.tol:.3g}", diverged=f"{r.diverged:,}"))
    if req.metric == "steps_to_tol" and r.minimum_moves:
        st.info(say("note.tol"))
    if r.polyak is not None and r.best is not None:
        st.markdown(say("polyak", steps=req.steps, **r.polyak_numbers))
    if r.cell is None:
        st.warning(say("none"))
        return r.f_min
    if picked is None:
        st.caption(say("click"))
    loss = f"{r.loss:.4g}" if r.diverged_at is None else say("diverged_at", step=r.diverged_at)
    st.markdown(say("cell", which=say(f"cell.{'best' if picked is None else 'selected'}"), loss=loss,
                    values=", ".join(f"{title} = {r.values[s]:.4g}" for title, s in zip(titles, req.swept)),
                    steps_to=say("never") if r.steps_to is None else r.steps_to))
    ui.playground_link(cells.cell_scene(req.rule, req.surface, req.sp, req.steps, req.hp, r.values))
    return r.f_min


@st.fragment
def search_section(result, f_min, req, titles: list[str], words: dict) -> None:
    """Grid search and random search with the same number of runs, on the map they explore."""
    st.subheader(say("search"))
    a, b = st.columns([2, 1], vertical_alignment="bottom")
    a.select_slider(say("search.budget"), BUDGETS, key=k("budget"), format_func=lambda n: f"{n} = {math.isqrt(n)} × {math.isqrt(n)}")
    b.button(say("search.one_axis"), on_click=ui.whole_page, args=(put, ls.scene_state(search.ONE_AXIS)), key=k("one_axis"))
    side = math.isqrt(runs := int(st.session_state[k("budget")]))  # a k × k grid
    try:
        grid, rand = cached.computed(search.grid_and_random, **req.run, names=req.swept, ranges=req.ranges, k=side,
                                     seed=search.SEARCH_SEED)
    except ValueError as err:
        st.error(say("err.engine", reason=str(err)))
        return
    labels = {"grid": say("search.grid", runs=runs, nx=grid.distinct[0], ny=grid.distinct[1]), "best": say("search.best"),
              "random": say("search.random", runs=runs, nx=rand.distinct[0], ny=rand.distinct[1])}
    chart.figure(fx.search_figure(result, grid.points, rand.points, best=(grid.best, rand.best), f_min=f_min, titles=titles,
                                  logs=req.logs, labels={**words, **labels}, projector=ui.projector()), key=k("search_chart"))
    st.caption(say("search.help", runs=runs, side=side))
    gap = [f"{s.best_gap:.3g}" if math.isfinite(s.best_gap) else words["diverged"] for s in (grid, rand)]
    st.markdown(say("search.result", runs=runs, x=titles[0], y=titles[1], gx=grid.distinct[0], gy=grid.distinct[1],
                    rx=rand.distinct[0], ry=rand.distinct[1], grid=gap[0], random=gap[1]))


lesson()
