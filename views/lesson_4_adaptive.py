"""Lesson 4: AdaGrad, RMSProp and Adam: a step size per coordinate (the race on a valley along the axes and turned),
what the step sizes do over a long run, Adam's bias correction, and the notes' Adam loop beside the correct one."""

import math

import streamlit as st

from figures import lesson_adaptive as fig
from figures.colors import color
from lab.i18n import rule_title, t
from lessons import adaptive as lx
from optimizers import adagrad, adam, rmsprop
from ui import cached, chart, lesson as ui

KEY = "adaptive"
COLORS = {"sgd": color(0), "adagrad": color(2), "rmsprop": color(4), "adam": color(1)}  # GD and the rules it races
KAPPAS = (3, 10, 30, 100)
SLIDERS = {"eta": (0.001, 0.01, 0.1), "b1": (0.0, 0.5, 0.9, 0.99), "b2": (0.9, 0.99, 0.999, 0.9999), "eps": (1e-8, 1e-4, 1e-2)}
HP = {"learning_rate": "eta", "b1": "b1", "b2": "b2", "eps": "eps"}  # Adam's settings and their sliders
# the page opens on the notes' own Adam settings (η = 0.01, β₂ = 0.99); the button sets the usual ones
DEFAULTS = {"adaptive.angle": 45, "adaptive.kappa": 30, "adaptive.noise": 0.5, "adaptive.g0": 0.1, "adaptive.eta": 0.01,
            "adaptive.b1": 0.9, "adaptive.b2": 0.99, "adaptive.eps": 1e-8, "adaptive.overwrite": "mv"}
TRY = {"adaptive.angle": 90}
ADAM_DEFAULTS = {f"adaptive.{w}": lx.ADAM_DEFAULTS[k] for k, w in HP.items()}
OVERWRITE = {"mv": ("m", "v"), "m": ("m",)}


def words(lg: str) -> dict[str, str]:
    return {k: t(f"lesson.adaptive.fig.{k}", lg) for k in fig.WORDS}


def arrived(step: int | None, lg: str) -> str:
    return t("lesson.adaptive.never", lg) if step is None else str(step)


def arrivals(runs: dict, names: dict, lg: str) -> str:
    return ", ".join(f"{names[r]} {arrived(lx.arrival(tr), lg)}" for r, tr in runs.items())


def race(lg: str) -> float:
    """The first screen: GD and the adaptive rules on the valley along the axes and turned. Returns the turn (rad).
    In the page's whole run: the long run's G₀ caption reads κ, the Playground link κ and the turn."""
    a, b = st.columns(2)
    a.slider(t("lesson.adaptive.angle", lg), 0, 90, step=5, key="adaptive.angle")
    b.select_slider(t("lesson.adaptive.kappa", lg), KAPPAS, key="adaptive.kappa")
    deg, kappa = int(st.session_state["adaptive.angle"]), float(st.session_state["adaptive.kappa"])
    angle = math.radians(deg)
    names, runs = {r: rule_title(r, lg, stochastic=False) for r in COLORS}, {a_: lx.race(kappa, a_) for a_ in (0.0, angle)}
    labels = {r: f"{names[r]} η={lx.RACE_LR[r]:g}" for r in COLORS}
    panels = [fig.Panel(title, lx.valley(kappa, a_), cached.grid(cached.key_for("quadratic", condition=kappa, angle=a_), 90),
                        [fig.Line(labels[r], COLORS[r], tr.xy, legend=i == 0) for r, tr in runs[a_].items()])
              for i, (a_, title) in enumerate(((0.0, t("lesson.adaptive.race.aligned", lg)),
                                                (angle, t("lesson.adaptive.race.turned", lg, deg=deg))))]
    losses = [fig.Line(labels[r], COLORS[r], tr.loss - tr.f_min, dash="solid" if a_ == 0.0 else "dash", legend=False)
              for a_ in (0.0, angle) for r, tr in runs[a_].items()]
    chart.figure(fig.race_figure(panels, losses, loss_title=t("lesson.adaptive.race.loss", lg), words=words(lg),
                                 projector=ui.projector()), key="adaptive.race")
    st.caption(t("lesson.adaptive.race.caption", lg, steps=lx.RACE_STEPS, deg=deg,
                 aligned=arrivals(runs[0.0], names, lg), turned=arrivals(runs[angle], names, lg)))
    return angle


@st.fragment
def long_run(lg: str) -> None:
    """AdaGrad's effective learning rate against c/√t and its partial sums; RMSProp at ρ = 0.9 and 0.99; Adam.
    A fragment, as are the next two sections: their widgets change only their own section."""
    st.subheader(t("lesson.adaptive.long.h", lg))
    st.markdown(t("lesson.adaptive.long.text", lg, steps=lx.LONG_STEPS))
    a, b = st.columns(2)
    a.slider(t("lesson.adaptive.noise", lg), 0.0, 2.0, step=0.1, key="adaptive.noise")
    b.slider(t("lesson.adaptive.g0", lg), 0.0, 1.0, step=0.05, key="adaptive.g0")
    noise, g0 = float(st.session_state["adaptive.noise"]), float(st.session_state["adaptive.g0"])
    st.latex(lx.adagrad_formula(g0))
    rate = {k: tr.state["effective_lr"][:, 0] for k, tr in lx.long_runs(noise, g0).items()}
    c, worst = lx.root_t_fit(rate["adagrad"])
    names = {"adagrad": "AdaGrad", "adam": "Adam", **{f"rmsprop-{r:g}": f"RMSProp ρ={r:g}" for r in lx.RHOS}}
    colors = {"adagrad": COLORS["adagrad"], "adam": COLORS["adam"], "rmsprop-0.9": color(4), "rmsprop-0.99": color(3)}
    fit, s, quarter = t("lesson.adaptive.long.fit", lg), lx.partial_sums(rate["adagrad"]), lx.LONG_STEPS // 4
    lines = [fig.Line(names[k], colors[k], v) for k, v in rate.items()]
    sums = [fig.Line(names["adagrad"], colors["adagrad"], s, legend=False)]
    if noise > 0:
        lines.append(fig.Line(fit, color(6), lx.root_t(c, lx.LONG_STEPS), dash="dash"))
        sums.append(fig.Line(fit, color(6), lx.partial_sums(lx.root_t(c, lx.LONG_STEPS)), dash="dash", legend=False))
    chart.figure(fig.long_run_figure(lines, sums, words=words(lg), projector=ui.projector()), key="adaptive.long")
    if noise > 0:
        st.caption(t("lesson.adaptive.long.caption", lg, c=f"{c:.3g}", theory=f"{lx.LONG_LR['adagrad'] / noise:.3g}",
                     t0=lx.FIT_FROM, t1=lx.LONG_STEPS, worst=f"{100 * worst:.0f}", quarter=quarter,
                     steps=lx.LONG_STEPS, s0=f"{s[quarter - 1]:.3g}", s1=f"{s[-1]:.3g}", ratio=f"{s[-1] / s[quarter - 1]:.2f}"))
        (w0, th0), (w1, th1) = ((f"{100 * lx.wobble(rate[f'rmsprop-{r:g}'], quarter):.0f}", f"{100 * lx.wobble_theory(r):.0f}")
                                for r in lx.RHOS)
        st.caption(t("lesson.adaptive.long.rho", lg, t0=quarter, w0=w0, w1=w1, th0=th0, th1=th1))
    else:
        st.caption(t("lesson.adaptive.long.quiet", lg, steps=lx.LONG_STEPS, last=f"{rate['adagrad'][-1]:.3g}",
                     half=f"{rate['adagrad'][lx.LONG_STEPS // 2 - 1]:.3g}"))
    kappa = float(st.session_state["adaptive.kappa"])
    gx, first, plain, arrive = lx.g0_effect(g0, kappa)  # G₀ at work: the flat coordinate's first update, noiseless
    st.caption(t("lesson.adaptive.long.g0", lg, g0=f"{g0:g}", g=f"{gx:.3g}", eta=f"{lx.LONG_LR['adagrad']:g}",
                 first=f"{first:.3g}", plain=f"{plain:.3g}", kappa=f"{kappa:g}", a=arrived(arrive[0], lg), b=arrived(arrive[1], lg)))


@st.fragment
def bias_correction(lg: str) -> None:
    """Adam's first steps with and without bias correction, and the usual defaults one click away."""
    st.subheader(t("lesson.adaptive.bias.h", lg))
    st.markdown(t("lesson.adaptive.bias.text", lg))
    for col, (name, options) in zip(st.columns(4), SLIDERS.items()):
        col.select_slider(t(f"lesson.adaptive.{name}", lg), options, key=f"adaptive.{name}", format_func=lx.number)
    st.button(t("lesson.adaptive.defaults", lg), on_click=st.session_state.update, args=(ADAM_DEFAULTS,),
              key="adaptive.defaults", icon=":material/restart_alt:")
    hp = {k: float(st.session_state[f"adaptive.{w}"]) for k, w in HP.items()}
    lengths = [fig.Line(t(f"lesson.adaptive.bias.{'on' if bc else 'off'}", lg), color(1) if bc else color(4),
                        lx.step_lengths(tr.xy), "solid" if bc else "dash") for bc, tr in lx.adam_first_steps(**hp).items()]
    chart.figure(fig.first_steps_figure(lengths, words=words(lg), projector=ui.projector()), key="adaptive.bias")
    (on, off), (theory, simple) = (float(ln.values[0]) for ln in lengths), lx.bias_ratio(**hp)
    st.caption(t("lesson.adaptive.bias.caption", lg, on=f"{on:.4g}", off=f"{off:.4g}", ratio=f"{off / on:.4f}",
                 theory=f"{theory:.4f}", simple=f"{simple:.4f}"))


@st.fragment
def notes_loop(lg: str) -> None:
    """The exercise: the notes' Adam loop, which overwrites m and v with their corrected values, beside the correct one."""
    st.subheader(t("lesson.adaptive.notes.h", lg))
    st.markdown(t("lesson.adaptive.notes.text", lg))
    for col, which, code in zip(st.columns(2), ("notes", "fixed"), (lx.NOTES_CODE, lx.FIXED_CODE)):
        col.markdown("**" + t(f"lesson.adaptive.notes.code.{which}", lg) + "**")
        col.code(code, language="python")
    choice = st.radio(t("lesson.adaptive.notes.overwrite", lg), tuple(OVERWRITE), key="adaptive.overwrite",
                      horizontal=True, format_func=lambda k: t(f"lesson.adaptive.notes.overwrite.{k}", lg))
    correct, notes = lx.notes_loops(OVERWRITE[choice])
    paths = [fig.Line(t("lesson.adaptive.notes.correct", lg), color(1), correct),
             fig.Line(t("lesson.adaptive.notes.buggy", lg), color(4), notes, dash="dash")]
    line_fit = cached.key_for("linear_regression")
    chart.figure(fig.loops_figure(cached.surface(line_fit), cached.grid(line_fit, 90), paths, words=words(lg),
                                  projector=ui.projector()), key="adaptive.notes")
    r, b1, b2 = lx.notes_reading(correct, notes), lx.NOTES_HP["b1"], lx.NOTES_HP["b2"]
    st.caption(t(f"lesson.adaptive.notes.caption.{choice}", lg, steps=lx.NOTES_STEPS, correct=f"{r['correct']:.2g}",
                 notes=f"{r['notes']:.3g}", start=f"{r['start']:.3g}", k=lx.NOTES_PROBE, ratio=f"{r['ratio']:.2g}",
                 a2=f"{lx.overwritten_scale(b1, 2)[-1]:.3g}", b2=f"{lx.overwritten_scale(b2, 2)[-1]:.3g}"))


def lesson() -> None:
    lg = ui.lang()
    ui.header(KEY, DEFAULTS)
    angle = race(lg)
    ui.explain(KEY, *lx.formulas())
    long_run(lg)
    bias_correction(lg)
    notes_loop(lg)
    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(adagrad.scale_by_rss, rmsprop.scale_by_rms, adam.scale_by_adam, lx.adam_loop, fig.race_figure)
    ui.references("duchi2011", "hinton2012", "kingma2015", "cs231n", "ng_dl")
    ui.playground_link(lx.race_scene(float(st.session_state["adaptive.kappa"]), angle))


lesson()
