"""Lesson 8's second half, local minima (the page `lesson_8_saddles.py` draws these sections after its own; not a
page of its own): which minimum a start reaches, noise kicking GD out of a shallow well, and why minima are rare
among the critical points of many dimensions. The basins' and the well's sections are fragments: their widgets
change only their own section."""

import streamlit as st

import landscapes
from figures import lesson_saddles as fx
from figures.colors import color
from figures.paths import Path
from lab.i18n import t
from lessons import saddles as ls, saddles_minima as lm
from ui import cached, lesson as ui

K = "saddles"
BASIN_SURFACES, BASIN_RULES = ("himmelblau", "double_well"), ("sgd", "momentum")
BASIN_LR_OPTIONS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
WELL_SIGMA_MAX = 6.0
GOE_WORDS = {"axis": "fraction", "dimension": "dimension", "coin": "coin", "bound": "bound", "measured": "measured"}
DEFAULTS = {"basin_surface": "himmelblau", "basin_rule": "sgd", "basin_lr": lm.BASIN_LR["himmelblau"], "well_sigma": 3.0}
say = ui.Page(K)
k, name, show = say.k, say.rule, say.show


def on_basin_surface() -> None:
    st.session_state[k("basin_lr")] = lm.BASIN_LR[st.session_state[k("basin_surface")]]


@st.fragment
def basin_section(words: dict) -> None:
    """5) A grid of starts, each coloured by the minimum its run reaches, and a few of those runs."""
    st.subheader(say("sec.basins"))
    a, b, c = st.columns(3)
    lang = ui.lang()
    a.radio(say("basin_surface"), BASIN_SURFACES, key=k("basin_surface"), on_change=on_basin_surface, horizontal=True,
            format_func=lambda n: t(f"surface.{n}", lang))
    b.radio(say("basin_rule"), BASIN_RULES, key=k("basin_rule"), format_func=lambda r: name(r, lg=lang), horizontal=True)
    c.select_slider(say("basin_lr"), BASIN_LR_OPTIONS, key=k("basin_lr"))
    ss = st.session_state
    surface_name, rule, lr = ss[k("basin_surface")], ss[k("basin_rule")], float(ss[k("basin_lr")])
    surface, (xs, ys, basin) = landscapes.get(surface_name), cached.computed(lm.basin_map, surface_name, rule, lr)
    few = [Path(say("run_from", x=f"{x:.2g}", y=f"{y:.2g}"), "#333333", run) for (x, y), run in lm.basin_paths(surface, rule, lr)]
    if surface_name == "double_well":  # the global minimum is listed first
        names = [say("global"), *[say("local")] * (len(surface.minima) - 1)]
    else:
        names = [say("minimum_at", x=f"{x:.2f}", y=f"{y:.2f}") for x, y in surface.minima]
    labels = {"not_settled": say("not_settled"), "diverged": say("diverged"), "step": words["step"],
              **{f"minimum_{i}": n for i, n in enumerate(names)}}
    left, right = st.columns([3, 2])
    show("basin_chart", fx.basin_figure(cached.contour(surface_name), xs, ys, basin, surface.minima, few, log=surface.log_levels,
                                        labels=labels, projector=ui.projector()), left)
    right.caption(say("basins.caption", n=lm.BASIN_GRID, steps=ls.STEPS, tol=lm.BASIN_TOL, beta=ls.MOMENTUM))
    counts = zip([*names, labels["not_settled"], labels["diverged"]], lm.basin_counts(basin, len(names)))
    right.markdown("  \n".join(say("basins.count", name=n, count=c_, share=f"{c_ / basin.size:.0%}")
                               for n, c_ in counts if c_ or n in names))
    right.markdown(say("basins.note"))
    if surface_name == "double_well":
        saddle_x, agree = lm.side_agreement(surface, xs, basin)
        right.markdown(say("basins.side", xs=f"{saddle_x:.3f}", agree=agree, total=basin.size))


@st.fragment
def well_section(words: dict) -> None:
    """6) Gradient noise kicks GD out of the shallow well of the double well; without noise it never leaves."""
    st.subheader(say("sec.well"))
    st.markdown(say("well.text", lr=lm.WELL_LR, steps=ls.STEPS))
    st.slider(say("well.sigma"), 0.0, WELL_SIGMA_MAX, step=0.25, key=k("well_sigma"))
    sigma, s = float(st.session_state[k("well_sigma")]), landscapes.get("double_well")
    paths = [Path(name("sgd"), "#333333", run) if seed is None else
             Path(say("well.seed", sgd=name("sgd", True), seed=seed), color(seed), run) for seed, run in lm.well_runs(sigma)]
    left, right = st.columns([3, 2])
    show("well_chart", fx.paths_figure(cached.contour("double_well"), paths, minima=s.minima, saddles=s.saddles, labels=words,
                                       projector=ui.projector()), left)
    escaped, escaped_gd = cached.computed(lm.well_escapes, sigma)
    right.caption(say("well.caption", sigma=f"{sigma:g}", k=escaped, n=lm.WELL_SEEDS, k0=escaped_gd, steps=ls.STEPS,
                      last=lm.WELL_DRAWN - 1))


def dimension_section(words: dict) -> None:
    """7) The counting argument: random symmetric matrices are rarely positive definite in many dimensions."""
    st.subheader(say("sec.dims"))
    st.markdown(say("dims.intro", samples=f"{lm.GOE_SAMPLES:,}"))
    counts = cached.computed(lm.goe_all_positive, lm.GOE_DIMS, lm.GOE_SAMPLES, seed=0).tolist()
    show("goe_chart", fx.goe_figure(lm.GOE_DIMS, counts, lm.GOE_SAMPLES, labels={w: say(f"fig.{key}") for w, key in GOE_WORDS.items()},
                                    projector=ui.projector()))
    st.caption(say("dims.caption", **lm.goe_text(counts)))
    st.info(say("dims.care"))



SECTIONS = (basin_section, well_section, dimension_section)
SOURCES = (lm.basins, lm.on_deep_side, lm.goe_all_positive)
