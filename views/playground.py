"""The Playground: race several optimizers on one surface, watch them move, share the view."""

import time

import streamlit as st

from figures.colors import color
from figures.playground import Path, playground_layers
from lab import compute
from lab import scene as sc
from lab.i18n import figure_text, t
from lab.presets import PRESETS, BY_KEY
from ui import cached, chart, controls, panels, state
from ui.state import key


def load_preset(name: str) -> None:
    scene = BY_KEY[name].scene
    ss = st.session_state
    state.load(sc.Scene(**{**scene.__dict__, "lang": ss.get("lang", "en"), "show_3d": ss.get(key("show_3d"), False)}))


def on_chart_click(domain):
    """A click on the contour moves the start there (inside the surface's domain)."""
    (x_lo, x_hi), (y_lo, y_hi) = domain

    def moved(x: float, y: float) -> None:
        st.session_state[key("x0")] = min(max(x, float(x_lo)), float(x_hi))
        st.session_state[key("y0")] = min(max(y, float(y_lo)), float(y_hi))
        st.session_state[key("rerun_app")] = True  # the sidebar's start boxes must show it: a full rerun
    return moved


def picture_first() -> bool:
    """Whether this run stops after the chart: a browser's first run of the Playground in a session.

    The browser builds the page's widgets before it runs the chart's code, and both take its one
    thread (about 0.45 s for this page's controls): sent alone, the chart is drawn that much sooner,
    and it calls for the rest (`drawn`) as soon as it is drawn. Only a browser reports drawing: a
    client without headers (a script, `AppTest`) gets the whole page at once. Any later run is whole.
    """
    ss = st.session_state
    first = key("picture_first") not in ss
    ss[key("picture_first")] = first and bool(st.context.headers)
    return ss[key("picture_first")]


def drawn() -> None:
    """The chart's first picture is up: now the whole page (the sidebar's controls too)."""
    st.session_state[key("rerun_app")] = True


def playground() -> None:
    state.init_from_url()
    lang = st.session_state.get("lang", "en")
    waiting = picture_first()
    st.title(t("pg.title", lang))
    st.caption(t("pg.intro", lang))
    # the URL's notices: kept through the first picture's run, shown again by the whole page's that follows it
    ss = st.session_state
    for notice in (ss.get(key("notices"), []) if waiting else ss.pop(key("notices"), [])):
        st.warning(t("pg.notice", lang) + " " + notice, icon=":material/warning:")

    # 1) the picture first (the sidebar's controls below only show what the session already holds)
    controls.prepare_surface_params()
    scene = state.read()
    try:
        surface = cached.surface(cached.surface_key(scene))
    except ValueError as err:  # a refused formula: a message, and the formula box in the sidebar to mend it
        surface = None
        st.error(t("pg.formula.rejected", lang, reason=str(err)))
    if surface is not None:
        race(lang)
    if waiting and surface is not None:
        return  # the chart calls for the rest once it is drawn

    # 2) the scene: teaching presets, the surface, the start and the run's length
    with st.sidebar:
        st.subheader(t("pg.presets", lang))
        for p in PRESETS:
            st.button(t(f"preset.{p.key}", lang), key=key("preset", p.key), on_click=load_preset, args=(p.key,),
                      help=t(f"preset.{p.key}.lesson", lang), use_container_width=True)
        st.divider()
        controls.surface_picker(lang)
        if surface is not None:
            controls.start_controls(surface, lang)
        controls.run_controls(lang)
        st.toggle(t("pg.show_3d", lang), key=key("show_3d"))


@st.fragment
def race(lang: str) -> None:
    """Everything a contestant's or a surface parameter's move changes: it reruns only this part of the page.

    The surface's kind, the start and the step count sit in the sidebar (a change there reruns the whole page)."""
    t0 = time.perf_counter()
    if st.session_state.pop(key("rerun_app"), False):
        st.rerun(scope="app")
    controls.prepare_surface_params()
    scene = state.read()
    try:  # the page's surface, or the same kind with parameters moved here
        surface = cached.surface(cached.surface_key(scene))
    except ValueError as err:
        st.error(t("pg.formula.rejected", lang, reason=str(err)))
        return
    state.sync_url(scene)
    # the runs nothing changed since this session's last rerun are kept (a move changes one contestant's, not all)
    results = compute.run_scene(surface, scene, reuse=st.session_state.get(key("last_runs")))
    st.session_state[key("last_runs")] = compute.reusable(scene, results)
    for r in results:
        if r.error:
            st.error(t("pg.failed", lang, label=r.label, reason=r.error))
        elif r.traj.diverged_at is not None:
            st.warning(t("pg.diverged", lang, label=r.label, step=r.traj.diverged_at), icon=":material/error:")

    # the picture: contour + 3-D + step panels, animated together
    paths = [Path(r.label, color(r.index - 1), r.traj) for r in results if r.traj is not None]
    inspect = None if scene.inspect is None else min(scene.inspect, scene.steps - 1)
    figure_args = dict(grid=cached.grid(cached.surface_key(scene)), inspect_step=inspect,
                       projector=scene.projector, show_3d=scene.show_3d, text=figure_text(lang))
    waiting = st.session_state.get(key("picture_first"), False)
    chart.layered_chart(playground_layers(surface, paths, **figure_args), key=key("chart"), lang=lang,
                        on_click=on_chart_click(surface.domain), on_drawn=drawn if waiting else None)
    if waiting:
        return

    # the surface's parameters, then the contestants, side by side under it (values are read above, from the session)
    controls.surface_params(lang)
    st.subheader(t("pg.optimizers", lang))
    n = st.session_state.get(key("n"), 0)
    for i, col in enumerate(st.columns(max(n, 1))[:n], start=1):
        with col:
            controls.contestant_panel(i, lang, can_remove=n > 1)
    if n < sc.MAX_CONTESTANTS:
        st.button(t("pg.add", lang), on_click=controls.add_contestant, key=key("add"))

    # inspect one step (its controls drawn only while their panel is open), then the summary, sharing and export
    panels.inspector(paths, scene, inspect, lang)

    st.subheader(t("pg.summary", lang))
    st.markdown(controls.markdown_table(compute.summary_rows(surface, results, lang)))  # lighter than a data grid
    st.caption(t("pg.tol.help", lang))

    panels.export(surface, scene, results, paths, figure_args, lang)
    st.caption(t("pg.share.help", lang))
    st.session_state[key("rerun_ms")] = 1e3 * (time.perf_counter() - t0)  # read by bench/bench_app.py


playground()
