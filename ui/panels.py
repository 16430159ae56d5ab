"""The Playground's folded panels under the chart: inspect one step, and export what the race drew.

Each panel's widgets are drawn only while it is open (a slider move then redraws fewer widgets); a closed
panel keeps its values.
"""

from __future__ import annotations

import streamlit as st

from figures.inspector import inspector_figure
from figures.playground import playground_figure
from lab import export as files
from lab import scene as sc
from lab.i18n import figure_text, t

from . import chart, controls
from .state import key


def inspector(paths, scene: sc.Scene, inspect: int | None, lang: str) -> None:
    """The step inspector: a switch, the step, and the arrows' figure while it is on."""
    inspector = st.expander(t("pg.inspect", lang), expanded=inspect is not None, key=key("inspect_open"), on_change="rerun")
    if inspector.open:
        with inspector:
            st.caption(t("pg.inspect.help", lang))
            st.toggle(t("pg.inspect", lang), key=key("inspect_on"))
            st.session_state[key("inspect_slider")] = min(st.session_state.get(key("inspect_slider"), 0), scene.steps - 1)
            st.slider(t("pg.inspect.step", lang), 0, scene.steps - 1, key=key("inspect_slider"))
            if inspect is not None:  # a hidden chart still costs the browser a redraw on every slider move
                chart.figure(inspector_figure(paths, step=inspect, projector=scene.projector, text=figure_text(lang)),
                             key=key("inspector"))
    else:
        controls.keep(key("inspect_on"), key("inspect_slider"))


def export(surface, scene: sc.Scene, results, paths, figure_args: dict, lang: str) -> None:
    """CSV, JSON and offline HTML of what the race drew; each file is made only when its button is pressed."""
    panel = st.expander(t("pg.export", lang), key=key("export_open"), on_change="rerun")
    if not panel.open:  # drawn only when asked for: a page's first picture need not wait for them
        return
    query = sc.to_query(scene)
    with panel:
        a, b, c = st.columns(3)
        a.download_button(t("pg.export.csv", lang), lambda: files.trajectories_csv(results),
                          "trajectories.csv", "text/csv", on_click="ignore")
        b.download_button(t("pg.export.json", lang), lambda: files.trajectories_json(query, results),
                          "trajectories.json", "application/json", on_click="ignore")
        c.download_button(t("pg.export.html", lang),
                          lambda: files.figure_html(playground_figure(surface, paths, **figure_args)),
                          "loss-landscape.html", "text/html", on_click="ignore")
        st.caption(t("pg.export.png", lang))
