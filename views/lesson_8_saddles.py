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
GOE_WORDS = {"axis": "fraction", "dimension": "dimension", "coin": "coin", "bound": "bound", "measured": "measured"}
DEFAULTS = {"y0": 1e-4, "lr": 0.1, "noise": 0.05, "radius": 0.25, "width": 0.6, "orientation": "turned",
            "basin_surface": "himmelblau", "basin_rule": "sgd", "basin_lr": lm.BASIN_LR["himmelblau"], "well_sigma": 3.0}


def k(name: str) -> str:
    return f"{K}.{name}"


def say(key: str, lang: str | None = None, **values) -> str:
    """The page's text ``lesson.saddles.<key>`` in ``lang`` (default: the page's language)."""
    return t(f"lesson.saddles.{key}", lang or ui.lang(), **values)


def name(rule: str, stochastic: bool = False, lang: str | None = None) -> str:
    """GD or SGD for the plain rule (by its gradient), the rule's title otherwise."""
    return rule_title(rule, lang or ui.lang(), stochastic=stochastic if rule == "sgd" else None)


def show(key: str, fig, where=None) -> None:
    chart.figure(fig, key=k(key), where=where)


def contour(surface_name: str, formula: str = "", **params):
    return cached.grid(cached.key_for(surface_name, formula, **params))


def on_ridge() -> None:
    """Try this: start exactly on the ridge y = 0, where only noise can push the point off."""
    st.session_state.update({k("y0"): 0.0, k("lr"): 0.1, k("noise"): 0.05, k("radius"): 0.25})


def on_basin_surface() -> None:
    st.session_state[k("basin_lr")] = lm.BASIN_LR[st.session_state[k("basin_surface")]]


def lesson() -> None:
    ui.header(K, {k(n): value for n, value in DEFAULTS.items()})
    words = {w: say(f"fig.{w}") for w in ("step", "start", "minimum", "saddle")}
    saddle_section(words)
    ui.explain(K, *ls.FORMULAS)
    ui.try_this(K, on_ridge)
    for section in (growth_section, adaptive_section, plateau_section, basin_section, well_section, dimension_section):
        section(words)
    ui.source(ls.steps_near, ls.linear_saddle_steps, ls.growth_momentum, ls.measured_growth, oracle.gaussian_noise,
              adagrad.scale_by_rss, lm.basins, lm.on_deep_side, lm.goe_all_positive)
    ui.references("cs231n", "dauphin2014", "duchi2011", "kingma2015", "ng_dl")


def saddle_section(words: dict) -> None:
    """1) Four optimizers from one start near the ridge, and how many steps each spends near the saddle."""
    a, b = st.columns(2)
    a.select_slider(say("y0"), Y0_OPTIONS, key=k("y0"), format_func=lambda v: "0" if v == 0 else f"{v:.0e}")
    b.select_slider(say("lr"), LR_OPTIONS, key=k("lr"))
    slot = st.container()  # the figure, above the secondary controls that also shape it
    c, d = st.columns(2)
    c.slider(say("noise"), 0.0, 0.5, step=0.01, key=k("noise"))
    d.select_slider(say("radius"), RADIUS_OPTIONS, key=k("radius"))
    ss, s = st.session_state, landscapes.get("saddle")
    sigma, radius = float(ss[k("noise")]), float(ss[k("radius")])
    race = ls.race(float(ss[k("y0")]), float(ss[k("lr")]), sigma, radius)
    labels = [name("sgd"), say("momentum", beta=ls.MOMENTUM), say("noisy", sgd=name("sgd", True), sigma=f"{sigma:g}"), name("adam")]
    paths = [Path(label, color(i), run) for i, (label, run) in enumerate(zip(labels, race.runs))]
    bars = [fx.Bar(label, color(i), *near) for i, (label, near) in enumerate(zip(labels, race.near))]
    with slot:
        left, right = st.columns([3, 2])
        show("saddle_chart", fx.paths_figure(contour("saddle"), paths, f_min=s.f_min, minima=s.minima, saddles=s.saddles,
                                             circle=(ls.SADDLE, radius), labels=words, projector=ui.projector()), left)
        show("near_chart", fx.near_saddle_figure(bars, theory=race.theory, projector=ui.projector(),
                                                 labels={"axis": say("fig.near"), "theory": say("fig.theory")}), right)
        st.caption(say("near.ridge" if math.isinf(race.theory) else "near.theory", gd=labels[0], steps=ls.STEPS, **race.text))
        st.caption(say("near.caption", r=f"{radius:g}", steps=ls.STEPS, seeds=ls.NOISE_SEEDS, sgd=name("sgd", True)))
    ui.playground_link(sc.Scene(surface="saddle", start=race.start, steps=ls.STEPS, contestants=race.contestants))


def growth_section(words: dict) -> None:
    """2) Why momentum leaves sooner: |y| grows by the recurrence's root, measured against the formulas."""
    st.subheader(say("sec.growth"))
    g = ls.growth(float(st.session_state[k("lr")]))
    st.markdown(say("growth.text", y0=f"{ls.GROWTH_Y0:g}"))
    ui.formula(*ls.GROWTH_FORMULAS)
    series = [(name("sgd"), color(0), g.y["sgd"]), (say("momentum", beta=ls.MOMENTUM), color(1), g.y["momentum"])]
    guides = [fx.Guide(say(f"growth.{key}", r=f"{rate:.4g}"), GUIDES[key][0], rate, first, y_first, last, GUIDES[key][1])
              for key, rate, first, y_first, last in g.guides]
    show("growth_chart", fx.growth_figure(series, guides, window=ls.GROWTH_BAND, x_max=g.x_max, projector=ui.projector(),
                                          labels={"step": words["step"], "axis": "|y|"}))
    st.caption(say("growth.caption", **g.text))


def adaptive_section(words: dict) -> None:
    """3) AdaGrad lingers at a saddle it approaches along the diagonal: its summed squares shrink every step."""
    st.subheader(say("sec.adaptive"))
    st.markdown(say("adaptive.text", lr=ls.ADAPTIVE_LR, y0=f"{ls.ADAPTIVE_Y0:g}"))
    ui.formula(*ls.ADAPTIVE_FORMULAS)
    lang = ui.lang()
    st.radio(say("orientation"), ORIENTATIONS, key=k("orientation"), horizontal=True,
             format_func=lambda o: say(f"orientation.{o}", lang))
    turned = st.session_state[k("orientation")] == "turned"
    surface, runs, near = ls.adaptive(turned)
    paths = [Path(name(rule), color(i), runs[rule]) for i, rule in enumerate(ls.ADAPTIVE_RULES)]
    left, right = st.columns([3, 2])
    show("adaptive_chart", fx.paths_figure(contour(sc.EXPRESSION, ls.ROTATED) if turned else contour("saddle"), paths,
                                           minima=surface.minima, saddles=(ls.SADDLE,), circle=(ls.SADDLE, ls.ADAPTIVE_RADIUS),
                                           labels=words, projector=ui.projector()), left)
    bars = [fx.Bar(p.label, p.color, near[rule]) for p, rule in zip(paths, ls.ADAPTIVE_RULES)]
    show("adaptive_bars", fx.near_saddle_figure(bars, labels={"axis": say("fig.near")}, projector=ui.projector()), right)
    st.caption(say(f"adaptive.{'turned' if turned else 'aligned'}", r=ls.ADAPTIVE_RADIUS, gd=near["sgd"], **near))


def plateau_section(words: dict) -> None:
    """4) GD, momentum and Adam on the plateau: the gradient is tiny there, but not zero."""
    st.subheader(say("sec.plateau"))
    st.markdown(say("plateau.intro", lr=ls.PLATEAU_LR))
    st.slider(say("width"), 0.2, 2.0, step=0.02, key=k("width"))
    width = float(st.session_state[k("width")])
    p = ls.plateau(width)
    paths = [Path(name(rule), color(i), p.runs[rule]) for i, rule in enumerate(ls.PLATEAU_RULES)]
    left, right = st.columns([3, 2])
    show("plateau_chart", fx.paths_figure(contour("plateau", width=width), paths, f_min=0.0, minima=p.surface.minima,
                                          labels=words, projector=ui.projector()), left)
    show("plateau_loss", loss_curves_figure(paths, log=False, text=figure_text(ui.lang()), projector=ui.projector()), right)
    columns, never = [say(f"col.{c}") for c in ("rule", "grad", "first", "reach")], say("never", steps=ls.STEPS)
    st.dataframe([dict(zip(columns, (path.label, f"{p.grad0:.3g}", f"{p.first[r]:.3g}", never if p.reach[r] is None else str(p.reach[r]))))
                  for path, r in zip(paths, ls.PLATEAU_RULES)], hide_index=True)
    if p.grad0 == 0.0:
        st.warning(say("plateau.zero"))
    else:
        st.caption(say("plateau.grad", **p.text))


def basin_section(words: dict) -> None:
    """5) A grid of starts, each coloured by the minimum its run reaches, and a few of those runs."""
    st.subheader(say("sec.basins"))
    a, b, c = st.columns(3)
    lang = ui.lang()
    a.radio(say("basin_surface"), BASIN_SURFACES, key=k("basin_surface"), on_change=on_basin_surface, horizontal=True,
            format_func=lambda n: t(f"surface.{n}", lang))
    b.radio(say("basin_rule"), BASIN_RULES, key=k("basin_rule"), format_func=lambda r: name(r, lang=lang), horizontal=True)
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
    show("basin_chart", fx.basin_figure(contour(surface_name), xs, ys, basin, surface.minima, few, log=surface.log_levels,
                                        labels=labels, projector=ui.projector()), left)
    right.caption(say("basins.caption", n=lm.BASIN_GRID, steps=ls.STEPS, tol=lm.BASIN_TOL, beta=ls.MOMENTUM))
    counts = zip([*names, labels["not_settled"], labels["diverged"]], lm.basin_counts(basin, len(names)))
    right.markdown("  \n".join(say("basins.count", name=n, count=c_, share=f"{c_ / basin.size:.0%}")
                               for n, c_ in counts if c_ or n in names))
    right.markdown(say("basins.note"))
    if surface_name == "double_well":
        saddle_x, agree = lm.side_agreement(surface, xs, basin)
        right.markdown(say("basins.side", xs=f"{saddle_x:.3f}", agree=agree, total=basin.size))


def well_section(words: dict) -> None:
    """6) Gradient noise kicks GD out of the shallow well of the double well; without noise it never leaves."""
    st.subheader(say("sec.well"))
    st.markdown(say("well.text", lr=lm.WELL_LR, steps=ls.STEPS))
    st.slider(say("well.sigma"), 0.0, WELL_SIGMA_MAX, step=0.25, key=k("well_sigma"))
    sigma, s = float(st.session_state[k("well_sigma")]), landscapes.get("double_well")
    paths = [Path(name("sgd"), "#333333", run) if seed is None else
             Path(say("well.seed", sgd=name("sgd", True), seed=seed), color(seed), run) for seed, run in lm.well_runs(sigma)]
    left, right = st.columns([3, 2])
    show("well_chart", fx.paths_figure(contour("double_well"), paths, minima=s.minima, saddles=s.saddles, labels=words,
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


lesson()
