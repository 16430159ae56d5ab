"""Lesson 8: saddle points, plateaus and local minima: where gradient descent stalls, crawls or settles too early."""

import math

import streamlit as st

import landscapes
from figures import lesson_saddles as fx
from figures.colors import GUIDE, color
from figures.curves import loss_curves_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text, rule_title, t
from lessons import saddles as ls, saddles_minima as lm
from optimizers import adagrad, oracle
from ui import cached, chart, lesson as ui

K = "saddles"
Y0_OPTIONS = (0.0, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1)
LR_OPTIONS = (0.02, 0.05, 0.1, 0.2, 0.3)
RADIUS_OPTIONS = (0.05, 0.1, 0.25, 0.5)
ORIENTATIONS = ("turned", "aligned")
BASIN_SURFACES, BASIN_RULES = ("himmelblau", "double_well"), ("sgd", "momentum")
BASIN_LR_OPTIONS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
WELL_SIGMA_MAX = 6.0
GUIDES = {"gd": (color(0), "dash"), "root": (color(1), "dash"), "approx": (GUIDE, "dot")}  # the growth formulas' lines
DEFAULTS = {"y0": 1e-4, "lr": 0.1, "noise": 0.05, "radius": 0.25, "width": 0.6, "orientation": "turned",
            "basin_surface": "himmelblau", "basin_rule": "sgd", "basin_lr": lm.BASIN_LR["himmelblau"], "well_sigma": 3.0}


def k(name: str) -> str:
    return f"{K}.{name}"


def say(key: str, lang: str, **values) -> str:
    """The page's text ``lesson.saddles.<key>``."""
    return t(f"lesson.saddles.{key}", lang, **values)


def on_ridge() -> None:
    """Try this: start exactly on the ridge y = 0, where only noise can push the point off."""
    st.session_state.update({k("y0"): 0.0, k("lr"): 0.1, k("noise"): 0.05, k("radius"): 0.25})


def on_basin_surface() -> None:
    st.session_state[k("basin_lr")] = lm.BASIN_LR[st.session_state[k("basin_surface")]]


def name(rule: str, lang: str) -> str:
    """GD for the plain rule (exact gradients), the rule's title otherwise."""
    return rule_title("sgd", lang, stochastic=False) if rule == "sgd" else rule_title(rule, lang)


def contour(surface_name: str, **params):
    return cached.grid(cached.key_for(surface_name, **params))


def lesson() -> None:
    lang = ui.lang()
    ui.header(K, {k(n): value for n, value in DEFAULTS.items()})
    words = {w: say(f"fig.{w}", lang) for w in ("step", "start", "minimum", "saddle")}
    saddle_section(lang, words)
    ui.explain(K, *ls.FORMULAS)
    ui.try_this(K, on_ridge)
    growth_section(lang)
    adaptive_section(lang, words)
    plateau_section(lang, words)
    basin_section(lang, words)
    well_section(lang, words)
    dimension_section(lang)
    ui.source(ls.steps_near, ls.linear_saddle_steps, ls.growth_momentum, ls.measured_growth, oracle.gaussian_noise,
              adagrad.scale_by_rss, lm.basins, lm.on_deep_side, lm.goe_all_positive)
    ui.references("cs231n", "dauphin2014", "duchi2011", "kingma2015", "ng_dl")


def saddle_section(lang: str, words: dict) -> None:
    """1) Four optimizers from one start near the ridge, and how many steps each spends near the saddle."""
    a, b = st.columns(2)
    a.select_slider(say("y0", lang), Y0_OPTIONS, key=k("y0"), format_func=lambda v: "0" if v == 0 else f"{v:.0e}")
    b.select_slider(say("lr", lang), LR_OPTIONS, key=k("lr"))
    slot = st.container()  # the figure, above the secondary controls that also shape it
    c, d = st.columns(2)
    c.slider(say("noise", lang), 0.0, 0.5, step=0.01, key=k("noise"))
    d.select_slider(say("radius", lang), RADIUS_OPTIONS, key=k("radius"))
    ss, surface, sgd = st.session_state, landscapes.get("saddle"), rule_title("sgd", lang, stochastic=True)
    sigma, radius = float(ss[k("noise")]), float(ss[k("radius")])
    race = ls.race(float(ss[k("y0")]), float(ss[k("lr")]), sigma, radius)
    labels = [name("sgd", lang), say("momentum", lang, beta=ls.MOMENTUM), say("noisy", lang, sgd=sgd, sigma=f"{sigma:g}"),
              name("adam", lang)]
    paths = [Path(label, color(i), run) for i, (label, run) in enumerate(zip(labels, race.runs))]
    bars = [fx.Bar(label, color(i), *near) for i, (label, near) in enumerate(zip(labels, race.near))]
    with slot:
        left, right = st.columns([3, 2])
        chart.figure(fx.paths_figure(contour("saddle"), paths, f_min=surface.f_min, minima=surface.minima, labels=words,
                                     saddles=surface.saddles, circle=(ls.SADDLE, radius), projector=ui.projector()),
                     key=k("saddle_chart"), where=left)
        chart.figure(fx.near_saddle_figure(bars, theory=race.theory, projector=ui.projector(),
                                           labels={"axis": say("fig.near", lang), "theory": say("fig.theory", lang)}),
                     key=k("near_chart"), where=right)
        st.caption(say("near.ridge" if math.isinf(race.theory) else "near.theory", lang, gd=labels[0], steps=ls.STEPS,
                       **race.text))
        st.caption(say("near.caption", lang, r=f"{radius:g}", steps=ls.STEPS, seeds=ls.NOISE_SEEDS, sgd=sgd))
    ui.playground_link(sc.Scene(surface="saddle", start=race.start, steps=ls.STEPS, contestants=race.contestants))


def growth_section(lang: str) -> None:
    """2) Why momentum leaves sooner: |y| grows by the recurrence's root, measured against the formulas."""
    st.subheader(say("sec.growth", lang))
    g = ls.growth(float(st.session_state[k("lr")]))
    st.markdown(say("growth.text", lang, y0=f"{ls.GROWTH_Y0:g}"))
    ui.formula(*ls.GROWTH_FORMULAS)
    series = [(name("sgd", lang), color(0), g.y["sgd"]), (say("momentum", lang, beta=ls.MOMENTUM), color(1), g.y["momentum"])]
    guides = [fx.Guide(say(f"growth.{key}", lang, r=f"{rate:.4g}"), GUIDES[key][0], rate, first, y_first, last, GUIDES[key][1])
              for key, rate, first, y_first, last in g.guides]
    chart.figure(fx.growth_figure(series, guides, window=ls.GROWTH_BAND, x_max=g.x_max, projector=ui.projector(),
                                  labels={"step": say("fig.step", lang), "axis": "|y|"}), key=k("growth_chart"))
    st.caption(say("growth.caption", lang, **g.text))


def adaptive_section(lang: str, words: dict) -> None:
    """3) AdaGrad lingers at a saddle it approaches along the diagonal: its summed squares shrink every step."""
    st.subheader(say("sec.adaptive", lang))
    st.markdown(say("adaptive.text", lang, lr=ls.ADAPTIVE_LR, y0=f"{ls.ADAPTIVE_Y0:g}"))
    ui.formula(*ls.ADAPTIVE_FORMULAS)
    st.radio(say("orientation", lang), ORIENTATIONS, key=k("orientation"), horizontal=True,
             format_func=lambda o: say(f"orientation.{o}", lang))
    turned = st.session_state[k("orientation")] == "turned"
    surface, runs, near = ls.adaptive(turned)
    paths = [Path(name(rule, lang), color(i), runs[rule]) for i, rule in enumerate(ls.ADAPTIVE_RULES)]
    left, right = st.columns([3, 2])
    grid = cached.grid(cached.key_for(sc.EXPRESSION, ls.ROTATED)) if turned else contour("saddle")
    chart.figure(fx.paths_figure(grid, paths, minima=surface.minima, saddles=(ls.SADDLE,), labels=words,
                                 circle=(ls.SADDLE, ls.ADAPTIVE_RADIUS), projector=ui.projector()), key=k("adaptive_chart"),
                 where=left)
    bars = [fx.Bar(p.label, p.color, near[rule]) for p, rule in zip(paths, ls.ADAPTIVE_RULES)]
    chart.figure(fx.near_saddle_figure(bars, labels={"axis": say("fig.near", lang)}, projector=ui.projector()),
                 key=k("adaptive_bars"), where=right)
    st.caption(say(f"adaptive.{'turned' if turned else 'aligned'}", lang, r=ls.ADAPTIVE_RADIUS, gd=near["sgd"], **near))


def plateau_section(lang: str, words: dict) -> None:
    """4) GD, momentum and Adam on the plateau: the gradient is tiny there, but not zero."""
    st.subheader(say("sec.plateau", lang))
    st.markdown(say("plateau.intro", lang, lr=ls.PLATEAU_LR))
    st.slider(say("width", lang), 0.2, 2.0, step=0.02, key=k("width"))
    width = float(st.session_state[k("width")])
    p = ls.plateau(width)
    paths = [Path(name(rule, lang), color(i), p.runs[rule]) for i, rule in enumerate(ls.PLATEAU_RULES)]
    left, right = st.columns([3, 2])
    chart.figure(fx.paths_figure(contour("plateau", width=width), paths, f_min=0.0, minima=p.surface.minima, labels=words,
                                 projector=ui.projector()), key=k("plateau_chart"), where=left)
    chart.figure(loss_curves_figure(paths, log=False, text=figure_text(lang), projector=ui.projector()),
                 key=k("plateau_loss"), where=right)
    columns, never = [say(f"col.{c}", lang) for c in ("rule", "grad", "first", "reach")], say("never", lang, steps=ls.STEPS)
    st.dataframe([dict(zip(columns, (path.label, f"{p.grad0:.3g}", f"{p.first[r]:.3g}", never if p.reach[r] is None
                                     else str(p.reach[r])))) for path, r in zip(paths, ls.PLATEAU_RULES)], hide_index=True)
    if p.grad0 == 0.0:
        st.warning(say("plateau.zero", lang))
    else:
        st.caption(say("plateau.grad", lang, **p.text))


def basin_section(lang: str, words: dict) -> None:
    """5) A grid of starts, each coloured by the minimum its run reaches, and a few of those runs."""
    st.subheader(say("sec.basins", lang))
    a, b, c = st.columns(3)
    a.radio(say("basin_surface", lang), BASIN_SURFACES, key=k("basin_surface"), on_change=on_basin_surface, horizontal=True,
            format_func=lambda n: t(f"surface.{n}", lang))
    b.radio(say("basin_rule", lang), BASIN_RULES, key=k("basin_rule"), format_func=lambda r: name(r, lang), horizontal=True)
    c.select_slider(say("basin_lr", lang), BASIN_LR_OPTIONS, key=k("basin_lr"))
    ss = st.session_state
    surface_name, rule, lr = ss[k("basin_surface")], ss[k("basin_rule")], float(ss[k("basin_lr")])
    surface = landscapes.get(surface_name)
    xs, ys, basin = cached.computed(lm.basin_map, surface_name, rule, lr)
    few = [Path(say("run_from", lang, x=f"{x:.2g}", y=f"{y:.2g}"), "#333333", run) for (x, y), run in lm.basin_paths(surface, rule, lr)]
    if surface_name == "double_well":  # the global minimum is listed first
        names = [say("global", lang), *[say("local", lang)] * (len(surface.minima) - 1)]
    else:
        names = [say("minimum_at", lang, x=f"{x:.2f}", y=f"{y:.2f}") for x, y in surface.minima]
    labels = {"not_settled": say("not_settled", lang), "diverged": say("diverged", lang), "step": words["step"],
              **{f"minimum_{i}": n for i, n in enumerate(names)}}
    left, right = st.columns([3, 2])
    chart.figure(fx.basin_figure(contour(surface_name), xs, ys, basin, surface.minima, few, log=surface.log_levels, labels=labels,
                                 projector=ui.projector()), key=k("basin_chart"), where=left)
    right.caption(say("basins.caption", lang, n=lm.BASIN_GRID, steps=ls.STEPS, tol=lm.BASIN_TOL, beta=ls.MOMENTUM))
    counts = zip([*names, labels["not_settled"], labels["diverged"]], lm.basin_counts(basin, len(names)))
    right.markdown("  \n".join(say("basins.count", lang, name=n, count=c_, share=f"{c_ / basin.size:.0%}")
                               for n, c_ in counts if c_ or n in names))
    right.markdown(say("basins.note", lang))
    if surface_name == "double_well":
        saddle_x, agree = lm.side_agreement(surface, xs, basin)
        right.markdown(say("basins.side", lang, xs=f"{saddle_x:.3f}", agree=agree, total=basin.size))


def well_section(lang: str, words: dict) -> None:
    """6) Gradient noise kicks GD out of the shallow well of the double well; without noise it never leaves."""
    st.subheader(say("sec.well", lang))
    st.markdown(say("well.text", lang, lr=lm.WELL_LR, steps=ls.STEPS))
    st.slider(say("well.sigma", lang), 0.0, WELL_SIGMA_MAX, step=0.25, key=k("well_sigma"))
    sigma, surface, sgd = float(st.session_state[k("well_sigma")]), landscapes.get("double_well"), rule_title("sgd", lang, stochastic=True)
    paths = [Path(name("sgd", lang), "#333333", run) if seed is None else
             Path(say("well.seed", lang, sgd=sgd, seed=seed), color(seed), run) for seed, run in lm.well_runs(sigma)]
    left, right = st.columns([3, 2])
    chart.figure(fx.paths_figure(contour("double_well"), paths, minima=surface.minima, saddles=surface.saddles, labels=words,
                                 projector=ui.projector()), key=k("well_chart"), where=left)
    escaped, escaped_gd = cached.computed(lm.well_escapes, sigma)
    right.caption(say("well.caption", lang, sigma=f"{sigma:g}", k=escaped, n=lm.WELL_SEEDS, k0=escaped_gd, steps=ls.STEPS,
                      last=lm.WELL_DRAWN - 1))


def dimension_section(lang: str) -> None:
    """7) The counting argument: random symmetric matrices are rarely positive definite in many dimensions."""
    st.subheader(say("sec.dims", lang))
    st.markdown(say("dims.intro", lang, samples=f"{lm.GOE_SAMPLES:,}"))
    counts = cached.computed(lm.goe_all_positive, lm.GOE_DIMS, lm.GOE_SAMPLES, seed=0).tolist()
    keys = {"axis": "fraction", "dimension": "dimension", "coin": "coin", "bound": "bound", "measured": "measured"}
    chart.figure(fx.goe_figure(lm.GOE_DIMS, counts, lm.GOE_SAMPLES, labels={w: say(f"fig.{key}", lang) for w, key in keys.items()},
                               projector=ui.projector()), key=k("goe_chart"))
    st.caption(say("dims.caption", lang, **lm.goe_text(counts)))
    st.info(say("dims.care", lang))


lesson()
