"""Lesson 6: learning-rate schedules settle a noisy run; warmup rescues a run that diverges at the start."""

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures.colors import GUIDE, color
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.lesson_schedules import schedules_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import t
from optimizers import schedules
from ui import chart, lesson as ui

KEY = "schedules"
STEPS = 400
LAST = 200  # the noise floor is averaged over the last LAST steps
SMOOTH = 20  # the loss curves' running mean
SEED = 0
RATES = (0.1, 0.2, 0.5, 1.0, 1.5)
NOISES = (0.0, 0.5, 1.0, 2.0)
PARAM_CHOICES = {"transition_steps": (10, 25, 50, 100, 200), "decay_steps": (100, 200, 400, 800)}
RESCUE = dict(surface="double_well", learning_rate=0.25, steps=300)  # diverges at step 3 without warmup
DEFAULTS = {
    f"{KEY}.schedule": "step", f"{KEY}.lr": 0.5, f"{KEY}.noise": 0.5, f"{KEY}.warmup": 20,
    f"{KEY}.transition_steps": 100, f"{KEY}.decay_rate": 0.5, f"{KEY}.staircase": False,
    f"{KEY}.decay_steps": 400, f"{KEY}.alpha": 0.0,
}
TRY = {f"{KEY}.schedule": "cosine", f"{KEY}.decay_steps": 400, f"{KEY}.alpha": 0.0, f"{KEY}.noise": 0.5, f"{KEY}.lr": 0.5}


@st.cache_data(max_entries=4, show_spinner=False)
def contour_grid(name: str):
    xs, ys, z = landscapes.get(name).grid(90)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def largest_curvature(surface, xy) -> float:
    """L at ``xy``: the largest eigenvalue of the Hessian there (by `jax.hessian`)."""
    return float(np.linalg.eigvalsh(np.asarray(surface.hessian(xy), dtype=np.float64))[-1])


def load_try() -> None:
    st.session_state.update(TRY)


def param_widget(name: str, lang: str) -> None:
    k = f"{KEY}.{name}"
    if name in PARAM_CHOICES:
        st.select_slider(t(f"hp.{name}", lang), PARAM_CHOICES[name], key=k)
    elif name == "staircase":
        st.toggle(t("hp.staircase", lang), key=k)
    elif name == "decay_rate":
        st.slider(t("hp.decay_rate", lang), 0.05, 1.0, step=0.05, key=k)
    else:
        st.slider(t("hp.alpha", lang), 0.0, 1.0, step=0.05, key=k)


def lesson() -> None:
    lang = ui.lang()
    for k, v in DEFAULTS.items():
        st.session_state.setdefault(k, v)
    ui.header(KEY)
    word = {n: t(f"choice.{n}", lang) for n in schedules.NAMES}
    ui.formula(
        r"\theta_{t+1} = \theta_t - \eta(t)\, g_t,\qquad"
        r"\eta(t) = \begin{cases}\eta\, t/W & t < W \ \text{(" + t(f"lesson.{KEY}.annot.warmup", lang) + r")}\\ "
        r"\mathrm{schedule}(t - W) & t \ge W\end{cases}",
        r"\text{" + word["step"] + r": } \eta\gamma^{\lfloor t/T\rfloor}\quad \text{" + word["exponential"]
        + r": } \eta\gamma^{t/T}\quad \text{" + word["inverse_time"] + r": } \frac{\eta}{1+\gamma t/T}\quad \text{"
        + word["cosine"] + r": } "
        r"\eta\Bigl((1-\alpha)\tfrac12\bigl(1+\cos\tfrac{\pi \min(t,D)}{D}\bigr)+\alpha\Bigr)",
    )

    # 1) the controls: a schedule and its own parameters, the run's η and noise, the warmup
    a, b = st.columns(2)
    a.selectbox(t(f"lesson.{KEY}.schedule", lang), schedules.NAMES, key=f"{KEY}.schedule",
                format_func=lambda n: t(f"choice.{n}", lang))
    b.slider(t(f"lesson.{KEY}.warmup", lang), 0, 100, key=f"{KEY}.warmup")
    name = st.session_state[f"{KEY}.schedule"]
    used = schedules.PARAMS_OF[name]
    for col, p in zip(st.columns(max(len(used), 1)), used):
        with col:
            param_widget(p, lang)
    c, d = st.columns(2)
    c.select_slider(t(f"lesson.{KEY}.lr", lang), RATES, key=f"{KEY}.lr")
    d.select_slider(t(f"lesson.{KEY}.noise", lang), NOISES, key=f"{KEY}.noise")
    eta, sigma, warm = float(st.session_state[f"{KEY}.lr"]), float(st.session_state[f"{KEY}.noise"]), int(st.session_state[f"{KEY}.warmup"])
    params = {p: st.session_state.get(f"{KEY}.{p}", DEFAULTS[f"{KEY}.{p}"]) for p in ("transition_steps", "decay_rate", "staircase", "decay_steps", "alpha")}
    params = {k: (bool(v) if k == "staircase" else float(v)) for k, v in params.items()}

    # 2) η(t) of every schedule with these settings, the chosen one in bold
    st.subheader(t(f"lesson.{KEY}.curves", lang))
    steps = np.arange(STEPS)
    curves = {n: np.asarray(schedules.get(n, eta, warm, **params)(steps)) for n in schedules.NAMES}
    colors = {n: (GUIDE if n == "constant" else color(i)) for i, n in enumerate(schedules.NAMES)}
    chart.figure(schedules_figure(curves, colors, name, labels={n: t(f"choice.{n}", lang) for n in schedules.NAMES},
                                     step_title=t(f"lesson.{KEY}.axis.step", lang), lr_title=t(f"lesson.{KEY}.axis.lr", lang),
                                     warmup_steps=warm, warmup_text=t(f"lesson.{KEY}.annot.warmup", lang), projector=ui.projector()), key=f"{KEY}.curves")

    # 3) the same noisy SGD run with a constant rate and with the schedule
    st.subheader(t(f"lesson.{KEY}.effect", lang))
    quad = landscapes.get("quadratic")
    common = dict(steps=STEPS, learning_rate=eta, noise=sigma, seed=SEED, warmup_steps=warm)
    constant = optimizers.run(quad, "sgd", schedule="constant", **common)
    scheduled = optimizers.run(quad, "sgd", schedule=name, **common, **params)
    label_c = t(f"lesson.{KEY}.run.constant", lang, eta=eta)
    label_s = t(f"lesson.{KEY}.run.scheduled", lang, schedule=t(f"choice.{name}", lang), eta=eta)
    paths = [Path(label_c, GUIDE, constant, dash="dot"), Path(label_s, color(0), scheduled)]
    if name == "constant":
        paths = paths[1:]
    diverged = t(f"lesson.{KEY}.hover.diverged", lang, step="{step}")
    # the noise floor of constant-η SGD: E[f − f*] = Σ_λ ησ²/(2(2 − ηλ)), λ the Hessian's eigenvalues
    lam = np.linalg.eigvalsh(np.asarray(quad.hessian(quad.minima[0]), dtype=np.float64))
    floor = float(np.sum(eta * sigma**2 / (2 * (2 - eta * lam))))
    reference = (floor, t(f"lesson.{KEY}.annot.floor", lang, floor=f"{floor:.3g}")) if sigma > 0 else None
    chart.figure(paths_and_losses_figure(quad, paths, grid=contour_grid("quadratic"),
                                            step_title=t(f"lesson.{KEY}.axis.step", lang),
                                            loss_title=t(f"lesson.{KEY}.axis.loss", lang), diverged=diverged,
                                            smooth=SMOOTH, smooth_text=t(f"lesson.{KEY}.hover.mean", lang, window="{window}"),
                                            reference=reference, projector=ui.projector()), key=f"{KEY}.effect")
    st.caption(t(f"lesson.{KEY}.effect.help", lang, window=SMOOTH))
    for p in paths:
        if p.traj.diverged_at is not None:
            st.warning(t(f"lesson.{KEY}.diverged", lang, label=p.label, step=p.traj.diverged_at))
    if sigma > 0:
        st.markdown(t(f"lesson.{KEY}.floor", lang, last=LAST,
                      constant=f"{np.nanmean(constant.loss[-LAST:] - constant.f_min):.3g}",
                      schedule=t(f"choice.{name}", lang),
                      scheduled=f"{np.nanmean(scheduled.loss[-LAST:] - scheduled.f_min):.3g}",
                      floor=f"{floor:.3g}", lams=", ".join(f"{v:.3g}" for v in lam)))
    else:
        st.markdown(t(f"lesson.{KEY}.floor.none", lang))

    # 4) warmup rescuing a run that diverges at the start
    st.subheader(t(f"lesson.{KEY}.rescue", lang))
    well = landscapes.get(RESCUE["surface"])
    r_eta, r_steps = RESCUE["learning_rate"], RESCUE["steps"]
    st.caption(t(f"lesson.{KEY}.rescue.help", lang, eta=r_eta))
    cold = optimizers.run(well, "sgd", steps=r_steps, learning_rate=r_eta)
    warmed = optimizers.run(well, "sgd", steps=r_steps, learning_rate=r_eta, warmup_steps=warm)
    rescue = [Path(t(f"lesson.{KEY}.run.cold", lang), color(4), cold),
              Path(t(f"lesson.{KEY}.run.warm", lang, w=warm), color(2), warmed)]
    chart.figure(paths_and_losses_figure(well, rescue, grid=contour_grid(RESCUE["surface"]),
                                            step_title=t(f"lesson.{KEY}.axis.step", lang),
                                            loss_title=t(f"lesson.{KEY}.axis.loss", lang), diverged=diverged, projector=ui.projector()), key=f"{KEY}.rescue")
    for p in rescue:
        if p.traj.diverged_at is not None:
            st.markdown("- " + t(f"lesson.{KEY}.diverged", lang, label=p.label, step=p.traj.diverged_at))
        else:
            end = p.traj.xy[-1]
            m = min(well.minima, key=lambda q: float(np.hypot(end[0] - q[0], end[1] - q[1])))
            st.markdown("- " + t(f"lesson.{KEY}.settled", lang, label=p.label, steps=r_steps, x=f"{end[0]:.3g}",
                                 y=f"{end[1]:.3g}", mx=f"{m[0]:.3g}", my=f"{m[1]:.3g}"))
    l_start = largest_curvature(well, well.start)
    st.markdown(t(f"lesson.{KEY}.why.start", lang, big_l=f"{l_start:.3g}", limit=f"{2 / l_start:.3g}", eta=r_eta,
                  ratio=f"{r_eta * l_start / 2:.3g}"))
    if warmed.diverged_at is None:
        l_end = largest_curvature(well, warmed.xy[-1])
        st.markdown(t(f"lesson.{KEY}.why.end", lang, big_l=f"{l_end:.3g}", limit=f"{2 / l_end:.3g}"))

    ui.try_this(KEY, load_try)
    ui.source(schedules.get, getattr(schedules, name), schedules.warmup, largest_curvature, schedules_figure)
    ui.references("goyal2017", "cs231n", "ng_dl")
    hp = {"learning_rate": eta, "noise": sigma, "warmup_steps": float(warm),
          **{p: params[p] for p in schedules.PARAMS_OF[name]}}
    ui.playground_link(sc.Scene(surface="quadratic", steps=STEPS, seed=SEED, contestants=[
        sc.Contestant("sgd", {"learning_rate": eta, "noise": sigma, "warmup_steps": float(warm)}),
        sc.Contestant("sgd", {**hp, "schedule": name}),
    ]))


lesson()
