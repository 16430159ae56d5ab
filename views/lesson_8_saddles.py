"""Lesson 8: saddle points, plateaus and local minima: where gradient descent stalls, crawls or settles too early."""

import math

import streamlit as st

import landscapes
from figures import lesson_saddles as fx
from figures.colors import GUIDE, color
from figures.curves import loss_curves_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text
from lessons import saddles as ls
from optimizers import adagrad, oracle
from ui import cached, lesson as ui
from views import lesson_8_minima as minima

K = "saddles"
Y0_OPTIONS = (0.0, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1)
LR_OPTIONS = (0.02, 0.05, 0.1, 0.2, 0.3)
RADIUS_OPTIONS = (0.05, 0.1, 0.25, 0.5)
ORIENTATIONS = ("turned", "aligned")
GUIDES = {"gd": (color(0), "dash"), "root": (color(1), "dash"), "approx": (GUIDE, "dot")}  # the growth formulas' lines
DEFAULTS = {"y0": 1e-4, "lr": 0.1, "noise": 0.05, "radius": 0.25, "width": 0.6, "orientation": "turned",
            **minima.DEFAULTS}
say = ui.Page(K)
k, name, show = say.k, say.rule, say.show


def on_ridge() -> None:
    """Try this: start exactly on the ridge y = 0, where only noise can push the point off."""
    st.session_state.update({k("y0"): 0.0, k("lr"): 0.1, k("noise"): 0.05, k("radius"): 0.25})


def lesson() -> None:
    ui.header(K, {k(n): value for n, value in DEFAULTS.items()})
    words = {w: say(f"fig.{w}") for w in ("step", "start", "minimum", "saddle")}
    saddle_section(words)
    ui.explain(K, *ls.FORMULAS)
    ui.try_this(K, on_ridge)
    for section in (growth_section, adaptive_section, plateau_section, *minima.SECTIONS):
        section(words)
    ui.source(ls.steps_near, ls.linear_saddle_steps, ls.growth_momentum, ls.measured_growth, oracle.gaussian_noise,
              adagrad.scale_by_rss, *minima.SOURCES)
    ui.references("cs231n", "dauphin2014", "duchi2011", "kingma2015", "ng_dl")


@st.fragment
def saddle_section(words: dict) -> None:
    """1) Four optimizers from one start near the ridge, and how many steps each spends near the saddle. A fragment,
    as are the sections with widgets below (each changes only its own section); η, which the growth section reads
    too, reruns the whole page."""
    a, b = st.columns(2)
    a.select_slider(say("y0"), Y0_OPTIONS, key=k("y0"), format_func=lambda v: "0" if v == 0 else f"{v:.0e}")
    b.select_slider(say("lr"), LR_OPTIONS, key=k("lr"), on_change=ui.whole_page)
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
        show("saddle_chart", fx.paths_figure(cached.contour("saddle"), paths, f_min=s.f_min, minima=s.minima, saddles=s.saddles,
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


@st.fragment
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
    show("adaptive_chart", fx.paths_figure(cached.contour(sc.EXPRESSION, ls.ROTATED) if turned else cached.contour("saddle"), paths,
                                           minima=surface.minima, saddles=(ls.SADDLE,), circle=(ls.SADDLE, ls.ADAPTIVE_RADIUS),
                                           labels=words, projector=ui.projector()), left)
    bars = [fx.Bar(p.label, p.color, near[rule]) for p, rule in zip(paths, ls.ADAPTIVE_RULES)]
    show("adaptive_bars", fx.near_saddle_figure(bars, labels={"axis": say("fig.near")}, projector=ui.projector()), right)
    st.caption(say(f"adaptive.{'turned' if turned else 'aligned'}", r=ls.ADAPTIVE_RADIUS, gd=near["sgd"], **near))


@st.fragment
def plateau_section(words: dict) -> None:
    """4) GD, momentum and Adam on the plateau: the gradient is tiny there, but not zero."""
    st.subheader(say("sec.plateau"))
    st.markdown(say("plateau.intro", lr=ls.PLATEAU_LR))
    st.slider(say("width"), 0.2, 2.0, step=0.02, key=k("width"))
    width = float(st.session_state[k("width")])
    p = ls.plateau(width)
    paths = [Path(name(rule), color(i), p.runs[rule]) for i, rule in enumerate(ls.PLATEAU_RULES)]
    left, right = st.columns([3, 2])
    show("plateau_chart", fx.paths_figure(cached.contour("plateau", width=width), paths, f_min=0.0, minima=p.surface.minima,
                                          labels=words, projector=ui.projector()), left)
    show("plateau_loss", loss_curves_figure(paths, log=False, text=figure_text(ui.lang()), projector=ui.projector()), right)
    columns, never = [say(f"col.{c}") for c in ("rule", "grad", "first", "reach")], say("never", steps=ls.STEPS)
    st.dataframe([dict(zip(columns, (path.label, f"{p.grad0:.3g}", f"{p.first[r]:.3g}", never if p.reach[r] is None else str(p.reach[r]))))
                  for path, r in zip(paths, ls.PLATEAU_RULES)], hide_index=True)
    if p.grad0 == 0.0:
        st.warning(say("plateau.zero"))
    else:
        st.caption(say("plateau.grad", **p.text))


lesson()
