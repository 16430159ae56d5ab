"""Lesson 4: AdaGrad, RMSProp and Adam: a step size per coordinate (the race on a valley along the axes and turned),
what the step sizes do over a long run, Adam's bias correction, and the notes' Adam loop beside the correct one."""

import math

import numpy as np
import streamlit as st

import landscapes
from figures import lesson_adaptive as fig
from figures.colors import color
from lab import scene as sc
from lab.i18n import rule_title, t
from lessons import adaptive as lx
from optimizers import adagrad, adam, rmsprop
from ui import chart, lesson as ui

KEY = "adaptive"
RULES = ("sgd", "adagrad", "rmsprop", "adam")
COLORS = {"sgd": color(0), "adagrad": color(2), "rmsprop": color(4), "adam": color(1)}
RHO_COLORS = {0.9: color(4), 0.99: color(3)}
KAPPAS = (3, 10, 30, 100)
ETAS = (0.001, 0.01, 0.1)
B1S = (0.0, 0.5, 0.9, 0.99)
B2S = (0.9, 0.99, 0.999, 0.9999)
EPSS = (1e-8, 1e-4, 1e-2)
FIRST = 40  # Adam's first steps drawn
NOTES_STEPS = 200  # the notes' loop, and the correct one
NOTES_LR = 0.05
NOTES_START = (1.0, 1.0)  # the notes' w, b = 1, 1
# the page opens on the notes' own Adam settings (η = 0.01, β₂ = 0.99); the button sets the usual ones
DEFAULTS = {"adaptive.angle": 45, "adaptive.kappa": 30, "adaptive.noise": 0.5, "adaptive.g0": 0.1,
            "adaptive.eta": 0.01, "adaptive.b1": 0.9, "adaptive.b2": 0.99, "adaptive.eps": 1e-8,
            "adaptive.overwrite": "mv"}
TRY = {"adaptive.angle": 90}
OVERWRITE = {"mv": ("m", "v"), "m": ("m",)}


@st.cache_data(max_entries=16, show_spinner=False)
def valley_grid(kappa: float, angle: float):
    xs, ys, z = lx.valley(kappa, angle).grid(90)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


@st.cache_data(max_entries=2, show_spinner=False)
def line_fit_grid():
    xs, ys, z = landscapes.get("linear_regression").grid(90)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def set_scene(values: dict) -> None:
    st.session_state.update(values)


def words(lg: str) -> dict[str, str]:
    return {k: t(f"lesson.adaptive.fig.{k}", lg) for k in fig.WORDS}


def arrivals(runs: dict, names: dict, lg: str) -> str:
    steps = {r: lx.arrival(tr) for r, tr in runs.items()}
    return ", ".join(f"{names[r]} {t('lesson.adaptive.never', lg) if s is None else s}" for r, s in steps.items())


def race(lg: str) -> float:
    """The first screen: GD and the adaptive rules on the valley along the axes and turned. Returns the turn (rad)."""
    a, b = st.columns(2)
    a.slider(t("lesson.adaptive.angle", lg), 0, 90, step=5, key="adaptive.angle")
    b.select_slider(t("lesson.adaptive.kappa", lg), KAPPAS, key="adaptive.kappa")
    deg, kappa = int(st.session_state["adaptive.angle"]), float(st.session_state["adaptive.kappa"])
    angle = math.radians(deg)
    names = {r: rule_title(r, lg, stochastic=False) for r in RULES}
    labels = {r: f"{names[r]} η={lx.RACE_LR[r]:g}" for r in RULES}
    runs = {a_: lx.race(kappa, a_) for a_ in (0.0, angle)}
    panels = [fig.Panel(title, lx.valley(kappa, a_), valley_grid(kappa, a_),
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


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(x: float) -> str:
    """A slider's value: 0.9, or 10⁻⁸ for a small power of ten."""
    k = round(math.log10(x)) if x > 0 else 0
    return f"10{str(k).translate(SUPERSCRIPT)}" if x < 1e-3 and math.isclose(x, 10.0**k) else f"{x:g}"


def power(x: float) -> str:
    """A power of ten in LaTeX: 1e-07 -> 10^{-7}."""
    return f"10^{{{round(math.log10(x))}}}"


def adagrad_formula(g0: float) -> str:
    """AdaGrad as its code runs it (optax's scale_by_rss): the starting sum G₀, ε inside the root."""
    eps = power(lx.RULE_DEFAULTS["adagrad"]["eps"])
    return (rf"\text{{AdaGrad:}}\quad G_0 = {g0:g},\quad G_t = G_{{t-1}} + g_t^2,\qquad"
            rf"\theta_{{t+1}} = \theta_t - \frac{{\eta}}{{\sqrt{{G_t + \epsilon}}}}\, g_t,\quad \epsilon = {eps}")


def formulas() -> tuple[str, ...]:
    """The three rules as their code runs them: G₀ and ε where optax and optimizers/*.py put them."""
    rms, ada = lx.RULE_DEFAULTS["rmsprop"], lx.RULE_DEFAULTS["adam"]
    root = r"\sqrt{\nu_t + \epsilon}" if rms["eps_in_sqrt"] else r"(\sqrt{\nu_t} + \epsilon)"
    return (
        adagrad_formula(lx.RULE_DEFAULTS["adagrad"]["initial_accumulator_value"]),
        rf"\text{{RMSProp:}}\quad \nu_0 = {rms['initial_scale']:g},\quad \nu_t = \rho\,\nu_{{t-1}} + (1-\rho)\,g_t^2,"
        rf"\qquad \theta_{{t+1}} = \theta_t - \frac{{\eta}}{{{root}}}\, g_t,\quad \epsilon = {power(rms['eps'])}",
        r"\text{Adam:}\quad m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,",
        r"\hat m_t = \frac{m_t}{1-\beta_1^t},\qquad \hat v_t = \frac{v_t}{1-\beta_2^t},\qquad"
        rf"\theta_{{t+1}} = \theta_t - \frac{{\eta\,\hat m_t}}{{\sqrt{{\hat v_t}} + \epsilon}},\quad \epsilon = {power(ada['eps'])}",
    )


def long_run(lg: str) -> None:
    """AdaGrad's effective learning rate against c/√t and its partial sums; RMSProp at ρ = 0.9 and 0.99; Adam."""
    st.subheader(t("lesson.adaptive.long.h", lg))
    st.markdown(t("lesson.adaptive.long.text", lg, steps=lx.LONG_STEPS))
    a, b = st.columns(2)
    a.slider(t("lesson.adaptive.noise", lg), 0.0, 2.0, step=0.1, key="adaptive.noise")
    b.slider(t("lesson.adaptive.g0", lg), 0.0, 1.0, step=0.05, key="adaptive.g0")
    noise, g0 = float(st.session_state["adaptive.noise"]), float(st.session_state["adaptive.g0"])
    st.latex(adagrad_formula(g0))
    runs = lx.long_runs(noise, g0)
    rate = {k: tr.state["effective_lr"][:, 0] for k, tr in runs.items()}
    c, worst = lx.root_t_fit(rate["adagrad"])
    names = {"adagrad": "AdaGrad", "adam": "Adam", **{f"rmsprop-{r:g}": f"RMSProp ρ={r:g}" for r in lx.RHOS}}
    colors = {"adagrad": COLORS["adagrad"], "adam": COLORS["adam"], **{f"rmsprop-{r:g}": RHO_COLORS[r] for r in lx.RHOS}}
    fit = t("lesson.adaptive.long.fit", lg)
    lines = [fig.Line(names[k], colors[k], v) for k, v in rate.items()]
    sums = [fig.Line(names["adagrad"], colors["adagrad"], lx.partial_sums(rate["adagrad"]), legend=False)]
    if noise > 0:
        lines.append(fig.Line(fit, color(6), lx.root_t(c, lx.LONG_STEPS), dash="dash"))
        sums.append(fig.Line(fit, color(6), lx.partial_sums(lx.root_t(c, lx.LONG_STEPS)), dash="dash", legend=False))
    chart.figure(fig.long_run_figure(lines, sums, words=words(lg), projector=ui.projector()), key="adaptive.long")
    s, quarter = lx.partial_sums(rate["adagrad"]), lx.LONG_STEPS // 4
    if noise > 0:
        st.caption(t("lesson.adaptive.long.caption", lg, c=f"{c:.3g}", theory=f"{lx.LONG_LR['adagrad'] / noise:.3g}",
                     t0=lx.FIT_FROM, t1=lx.LONG_STEPS, worst=f"{100 * worst:.0f}", quarter=quarter,
                     steps=lx.LONG_STEPS, s0=f"{s[quarter - 1]:.3g}", s1=f"{s[-1]:.3g}", ratio=f"{s[-1] / s[quarter - 1]:.2f}"))
        w = [f"{100 * lx.wobble(rate[f'rmsprop-{r:g}'], quarter):.0f}" for r in lx.RHOS]
        th = [f"{100 * lx.wobble_theory(r):.0f}" for r in lx.RHOS]
        st.caption(t("lesson.adaptive.long.rho", lg, t0=quarter, w0=w[0], w1=w[1], th0=th[0], th1=th[1]))
    else:
        st.caption(t("lesson.adaptive.long.quiet", lg, steps=lx.LONG_STEPS, last=f"{rate['adagrad'][-1]:.3g}",
                     half=f"{rate['adagrad'][lx.LONG_STEPS // 2 - 1]:.3g}"))
    # G₀ at work: the first update of the flat coordinate, from the valley's start, without noise
    surface = lx.valley()
    gx = float(np.asarray(surface.grad(np.asarray(surface.start)))[0])
    first = lx.first_update("adagrad", [gx, 1.0], initial_accumulator_value=g0)[0]
    plain = lx.first_update("adagrad", [gx, 1.0], initial_accumulator_value=0.0)[0]
    kappa, only = float(st.session_state["adaptive.kappa"]), {"adagrad": lx.RACE_LR["adagrad"]}
    arrive = [lx.arrival(lx.race(kappa, 0.0, rates=only, g0=v)["adagrad"]) for v in (g0, 0.0)]
    arrive = [t("lesson.adaptive.never", lg) if a_ is None else str(a_) for a_ in arrive]
    st.caption(t("lesson.adaptive.long.g0", lg, g0=f"{g0:g}", g=f"{gx:.3g}", eta=f"{lx.LONG_LR['adagrad']:g}",
                 first=f"{first:.3g}", plain=f"{plain:.3g}", kappa=f"{kappa:g}", a=arrive[0], b=arrive[1]))


def set_adam_defaults() -> None:
    st.session_state.update({"adaptive.eta": lx.ADAM_DEFAULTS["learning_rate"], "adaptive.b1": lx.ADAM_DEFAULTS["b1"],
                             "adaptive.b2": lx.ADAM_DEFAULTS["b2"], "adaptive.eps": lx.ADAM_DEFAULTS["eps"]})


def bias_correction(lg: str) -> None:
    """Adam's first steps with and without bias correction, and the usual defaults one click away."""
    st.subheader(t("lesson.adaptive.bias.h", lg))
    st.markdown(t("lesson.adaptive.bias.text", lg))
    cols = st.columns(4)
    for col, name, options in zip(cols, ("eta", "b1", "b2", "eps"), (ETAS, B1S, B2S, EPSS)):
        col.select_slider(t(f"lesson.adaptive.{name}", lg), options, key=f"adaptive.{name}", format_func=number)
    st.button(t("lesson.adaptive.defaults", lg), on_click=set_adam_defaults, key="adaptive.defaults",
              icon=":material/restart_alt:")
    hp = {k: float(st.session_state[f"adaptive.{w}"]) for k, w in
          (("learning_rate", "eta"), ("b1", "b1"), ("b2", "b2"), ("eps", "eps"))}
    surface = lx.valley()
    runs = lx.adam_first_steps(FIRST, **hp)
    lengths = [fig.Line(t(f"lesson.adaptive.bias.{'on' if bc else 'off'}", lg), color(1) if bc else color(4),
                        lx.step_lengths(tr.xy), "solid" if bc else "dash") for bc, tr in runs.items()]
    chart.figure(fig.first_steps_figure(lengths, words=words(lg), projector=ui.projector()), key="adaptive.bias")
    g = np.asarray(surface.grad(np.asarray(surface.start)), dtype=np.float64)
    theory = (np.linalg.norm(lx.first_update("adam", g, bias_correction=False, **hp))
              / np.linalg.norm(lx.first_update("adam", g, bias_correction=True, **hp)))
    on, off = (float(ln.values[0]) for ln in lengths)
    st.caption(t("lesson.adaptive.bias.caption", lg, on=f"{on:.4g}", off=f"{off:.4g}", ratio=f"{off / on:.4f}",
                 theory=f"{theory:.4f}", simple=f"{(1 - hp['b1']) / math.sqrt(1 - hp['b2']):.4f}"))


def notes_loop(lg: str) -> None:
    """The exercise: the notes' Adam loop, which overwrites m and v with their corrected values, beside the correct one."""
    st.subheader(t("lesson.adaptive.notes.h", lg))
    st.markdown(t("lesson.adaptive.notes.text", lg))
    left, right = st.columns(2)
    left.markdown("**" + t("lesson.adaptive.notes.code.notes", lg) + "**")
    left.code(lx.NOTES_CODE, language="python")
    right.markdown("**" + t("lesson.adaptive.notes.code.fixed", lg) + "**")
    right.code(lx.FIXED_CODE, language="python")
    choice = st.radio(t("lesson.adaptive.notes.overwrite", lg), tuple(OVERWRITE), key="adaptive.overwrite",
                      horizontal=True, format_func=lambda k: t(f"lesson.adaptive.notes.overwrite.{k}", lg))
    surface = landscapes.get("linear_regression")
    hp = dict(learning_rate=NOTES_LR, b1=0.9, b2=0.99, eps=1e-8)
    grad = lx.quadratic_gradient(surface)
    correct = lx.adam_loop(grad, NOTES_START, NOTES_STEPS, **hp)
    notes = lx.adam_loop(grad, NOTES_START, NOTES_STEPS, overwrite=OVERWRITE[choice], eps_in_sqrt=True, **hp)
    paths = [fig.Line(t("lesson.adaptive.notes.correct", lg), color(1), correct),
             fig.Line(t("lesson.adaptive.notes.buggy", lg), color(4), notes, dash="dash")]
    chart.figure(fig.loops_figure(surface, line_fit_grid(), paths, words=words(lg), projector=ui.projector()),
                 key="adaptive.notes")
    left = [float(np.linalg.norm(xy[-1] - np.asarray(surface.minima[0]))) for xy in (correct, notes)]
    d_correct, d_notes = lx.step_lengths(correct), lx.step_lengths(notes)
    st.caption(t(f"lesson.adaptive.notes.caption.{choice}", lg, steps=NOTES_STEPS, correct=f"{left[0]:.2g}",
                 notes=f"{left[1]:.3g}", start=f"{np.linalg.norm(correct[0] - surface.minima[0]):.3g}",
                 k=lx.NOTES_PROBE, ratio=f"{d_notes[lx.NOTES_PROBE - 1] / d_correct[lx.NOTES_PROBE - 1]:.2g}",
                 a2=f"{lx.overwritten_scale(hp['b1'], 2)[-1]:.3g}", b2=f"{lx.overwritten_scale(hp['b2'], 2)[-1]:.3g}"))


def lesson() -> None:
    lg = ui.lang()
    ui.header(KEY, DEFAULTS)
    angle = race(lg)
    ui.explain(KEY, *formulas())
    long_run(lg)
    bias_correction(lg)
    notes_loop(lg)
    ui.try_this(KEY, set_scene, args=(TRY,))
    ui.source(adagrad.scale_by_rss, rmsprop.scale_by_rms, adam.scale_by_adam, lx.adam_loop, fig.race_figure)
    ui.references("duchi2011", "hinton2012", "kingma2015", "cs231n", "ng_dl")
    kappa = float(st.session_state["adaptive.kappa"])
    ui.playground_link(sc.Scene(surface="quadratic", surface_params={"condition": kappa, "angle": angle},
                                start=lx.turned_start(angle), steps=lx.RACE_STEPS,
                                contestants=[sc.Contestant(r, {"learning_rate": lr}) for r, lr in lx.RACE_LR.items()]))


lesson()
