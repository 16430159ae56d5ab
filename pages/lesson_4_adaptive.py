"""Lesson 4: AdaGrad, RMSProp and Adam: a step size per coordinate, what it does over a long run, and bias correction."""

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_adaptive as fig
from figures.colors import color
from figures.curves import loss_curves_figure
from figures.lesson_momentum import paths_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text, rule_title, t
from optimizers import adagrad, adam, rmsprop
from ui import chart, lesson as ui

KEY = "adaptive"
KAPPA = 30.0
LONG = 2000  # steps of the long run
SHORT = 400  # steps of the race on the valley
FIRST = 40  # Adam's first steps drawn
TOL = 1e-6  # "arrived": the loss is below this fraction of where it started
START_UV = (-2.4, 1.6)  # the start in the valley's own axes (u along the floor, v across): it turns with the valley
LR = {"sgd": 1.0, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1}
COLORS = {"sgd": color(0), "adagrad": color(2), "rmsprop": color(4), "adam": color(1)}
ANGLES = {"aligned": 0.0, "turned": math.pi / 4}
B2 = (0.9, 0.99, 0.999, 0.9999)
DEFAULTS = {"adaptive.noise": 0.5, "adaptive.angle": "aligned", "adaptive.b2": 0.999}
TRY = {"adaptive.angle": "turned"}


@st.cache_data(max_entries=8, show_spinner=False)
def contour_grid(angle: float):
    xs, ys, z = landscapes.get("quadratic", condition=KAPPA, angle=angle).grid(100)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def set_scene(values: dict) -> None:
    st.session_state.update(values)


def turned_start(angle: float) -> tuple[float, float]:
    """(x, y) = R(θ)(u, v): the same start relative to the valley at every angle."""
    (u, v), c, s = START_UV, math.cos(angle), math.sin(angle)
    return (c * u - s * v, s * u + c * v)


def reached(traj, lg: str) -> str:
    hit = traj.steps_to(TOL * float(traj.loss[0]))
    return t("lesson.adaptive.never", lg) if hit is None else str(hit)


def lesson() -> None:
    lg = ui.lang()
    for k, v in DEFAULTS.items():
        st.session_state.setdefault(k, v)
    ui.header(KEY)
    ui.formula(
        r"\text{AdaGrad:}\quad G_t = G_{t-1} + g_t^2,\qquad"
        r"\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{G_t + \epsilon}}\, g_t",
        r"\text{RMSProp:}\quad \nu_t = \rho\,\nu_{t-1} + (1-\rho)\,g_t^2,\qquad"
        r"\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\nu_t + \epsilon}}\, g_t",
        r"\text{Adam:}\quad m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,",
        r"\hat m_t = \frac{m_t}{1-\beta_1^t},\qquad \hat v_t = \frac{v_t}{1-\beta_2^t},\qquad"
        r"\theta_{t+1} = \theta_t - \frac{\eta\,\hat m_t}{\sqrt{\hat v_t} + \epsilon}",
    )
    names = {r: rule_title(r, lg) for r in LR}

    # 1) per-coordinate step sizes over a long, noisy run
    st.subheader(t("lesson.adaptive.long.h", lg))
    st.markdown(t("lesson.adaptive.long.text", lg, steps=LONG))
    noise = st.slider(t("lesson.adaptive.noise", lg), 0.0, 2.0, step=0.1, key="adaptive.noise")
    valley = landscapes.get("quadratic", condition=KAPPA)
    long_runs = {r: optimizers.run(valley, r, steps=LONG, learning_rate=LR[r], noise=noise)
                 for r in ("adagrad", "rmsprop", "adam")}
    labels = {k: t(f"lesson.adaptive.long.{k}", lg) for k in ("step", "effective_lr", "second_moment")}
    chart.figure(fig.step_sizes_figure([Path(names[r], COLORS[r], tr) for r, tr in long_runs.items()], labels=labels, projector=ui.projector()), key="adaptive.long")
    t0, t1 = LONG // 10 - 1, LONG - 1
    factors = {r: fig.decade_factor(tr.state["effective_lr"][:, 0], t0, t1) for r, tr in long_runs.items()}
    st.caption(t("lesson.adaptive.long.caption", lg, t0=t0 + 1, t1=t1 + 1, adagrad=f"{factors['adagrad']:.2f}",
                 rmsprop=f"{factors['rmsprop']:.2f}", adam=f"{factors['adam']:.2f}", sqrt10=f"{math.sqrt(10):.2f}"))

    # 2) per-coordinate scaling helps on an axis-aligned valley, not on a turned one
    st.subheader(t("lesson.adaptive.turn.h", lg))
    st.markdown(t("lesson.adaptive.turn.text", lg))
    orientation = st.radio(t("lesson.adaptive.angle", lg), tuple(ANGLES), key="adaptive.angle", horizontal=True,
                           format_func=lambda a: t(f"lesson.adaptive.angle.{a}", lg))
    angle = ANGLES[orientation]
    surface = landscapes.get("quadratic", condition=KAPPA, angle=angle)
    start = turned_start(angle)
    race = {r: optimizers.run(surface, r, start=start, steps=SHORT, learning_rate=lr) for r, lr in LR.items()}
    paths = [Path(f"{names[r]} η={LR[r]:g}", COLORS[r], tr) for r, tr in race.items()]
    left, right = st.columns([3, 2])
    chart.figure(paths_figure(surface, paths, grid=contour_grid(angle), projector=ui.projector()), key="adaptive.race", where=left)
    right.markdown("**" + t("lesson.adaptive.loss.h", lg) + "**")
    chart.figure(loss_curves_figure(paths, text=figure_text(lg), projector=ui.projector()), key="adaptive.loss", where=right)
    st.caption(t("lesson.adaptive.turn.caption", lg, steps=SHORT,
                 results=", ".join(f"{names[r]} {reached(tr, lg)}" for r, tr in race.items())))

    # 3) Adam's first steps, with and without bias correction
    st.subheader(t("lesson.adaptive.bias.h", lg))
    st.markdown(t("lesson.adaptive.bias.text", lg))
    b2 = st.select_slider(t("lesson.adaptive.b2", lg), B2, key="adaptive.b2")
    b1 = 0.9
    runs = {bc: optimizers.run(valley, "adam", steps=FIRST + 1, learning_rate=LR["adam"], b1=b1, b2=b2, bias_correction=bc)
            for bc in (True, False)}
    first = [Path(t(f"lesson.adaptive.bias.{'on' if bc else 'off'}", lg), color(1) if bc else color(4), tr,
                  "solid" if bc else "dash") for bc, tr in runs.items()]
    chart.figure(fig.first_steps_figure(first, steps=FIRST, labels={k: t(f"lesson.adaptive.bias.{k}", lg)
                                                                        for k in ("step", "length")}, projector=ui.projector()), key="adaptive.bias")
    on, off = (float(fig.step_lengths(runs[bc])[0]) for bc in (True, False))
    st.caption(t("lesson.adaptive.bias.caption", lg, on=f"{on:.4g}", off=f"{off:.4g}", ratio=f"{off / on:.4f}",
                 theory=f"{(1 - b1) / math.sqrt(1 - b2):.4f}"))

    ui.try_this(KEY, set_scene, args=(TRY,))
    ui.source(adagrad.scale_by_rss, rmsprop.scale_by_rms, adam.scale_by_adam, fig.step_sizes_figure)
    ui.references("duchi2011", "hinton2012", "kingma2015", "cs231n", "ng_dl")
    ui.playground_link(sc.Scene(surface="quadratic", surface_params={"condition": KAPPA, "angle": angle}, start=start,
                                steps=SHORT, contestants=[sc.Contestant(r, {"learning_rate": lr}) for r, lr in LR.items()]))


lesson()
