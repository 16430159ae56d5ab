"""Lesson 3: momentum and Nesterov on the ill-conditioned valley, and the convergence-rate map over (η, β)."""

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_momentum as fig
from figures.colors import color
from figures.curves import loss_curves_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text, rule_title, t
from lessons import momentum as lm
from optimizers import momentum as momentum_rule
from optimizers import nesterov as nesterov_rule
from ui import chart, lesson as ui

KEY = "momentum"
KAPPAS = (3, 10, 30, 100, 300, 1000)
STEPS = 200
TOL = 1e-6  # "arrived": the loss is below this fraction of where it started
LOOK_STEPS = 40  # the look-ahead slider's range: later steps are too small to tell apart
PERIOD = 20  # the step-decay schedule halves η every PERIOD steps
DEFAULTS = {"momentum.kappa": 30, "momentum.lr_sgd": 1.9, "momentum.lr": 0.5, "momentum.beta": 0.8, "momentum.k": 3,
            "momentum.schedule": False}
TRY = {"momentum.kappa": 300, "momentum.lr": 1.0, "momentum.beta": 0.9}


@st.cache_data(max_entries=16, show_spinner=False)
def contour_grid(kappa: float):
    xs, ys, z = landscapes.get("quadratic", condition=kappa).grid(100)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


@st.cache_data(max_entries=8, show_spinner=False)
def rate_grid(kappa: float):
    """Every (η, β) of the map run at once by the engine; the per-step rate of each cell."""
    surface = landscapes.get("quadratic", condition=kappa)
    start, steps = fig.map_start(kappa), fig.map_steps(kappa)
    result = optimizers.sweep(surface, "momentum", start=start, steps=steps,
                              grid={"learning_rate": fig.MAP_ETAS, "momentum": fig.MAP_BETAS})
    return fig.rate_map(result, float(surface.f(np.asarray(start)))), steps


@st.cache_data(max_entries=64, show_spinner=False)
def steady_ratio(lr: float, beta: float) -> float:
    """Heavy ball's steady step on a constant slope over GD's step, measured (theory 1/(1−β))."""
    return lm.steady_step_ratio(lr, beta)


@st.cache_data(max_entries=64, show_spinner=False)
def forms_gap(kappa: float, lr: float, beta: float) -> float:
    """The engine's Nesterov (Bengio's form) against the notes' form run directly, mapped by θ_t = x_t + βV_{t−1}."""
    surface = landscapes.get("quadratic", condition=kappa)
    return lm.forms_gap(surface, surface.start, lr, beta, STEPS)


def set_scene(values: dict) -> None:
    st.session_state.update(values)


def fmt_vec(v) -> str:
    return f"({v[0] + 0.0:.3g}, {v[1] + 0.0:.3g})"  # + 0.0 turns −0 into 0


def reached(traj, lg: str) -> str:
    if traj.diverged_at is not None:
        return t("lesson.momentum.diverged", lg, step=traj.diverged_at)
    hit = traj.steps_to(TOL * float(traj.loss[0]))
    return t("lesson.momentum.never", lg) if hit is None else str(hit)


def lesson() -> None:
    lg = ui.lang()
    ui.header(KEY, DEFAULTS)

    # 1) the main controls, the race on the valley, and the learning rates under it
    c1, c2 = st.columns(2)
    kappa = float(c1.select_slider(t("lesson.momentum.kappa", lg), KAPPAS, key="momentum.kappa"))
    beta = c2.slider(t("lesson.momentum.beta", lg), 0.0, 0.99, step=0.01, key="momentum.beta")
    slot = st.container()  # the race, above the learning rates that also shape it
    c3, c4 = st.columns(2)
    lr_sgd = c3.slider(t("lesson.momentum.lr_sgd", lg), 0.05, 2.1, step=0.05, key="momentum.lr_sgd")
    lr = c4.slider(t("lesson.momentum.lr", lg), 0.05, 2.5, step=0.05, key="momentum.lr")
    surface = landscapes.get("quadratic", condition=kappa)
    grid = contour_grid(kappa)
    runs = {
        "sgd": optimizers.run(surface, "sgd", steps=STEPS, learning_rate=lr_sgd),
        "momentum": optimizers.run(surface, "momentum", steps=STEPS, learning_rate=lr, momentum=beta),
        "nesterov": optimizers.run(surface, "nesterov", steps=STEPS, learning_rate=lr, momentum=beta),
    }
    paths = [Path(rule_title(name, lg, stochastic=False), color(i), tr) for i, (name, tr) in enumerate(runs.items())]
    with slot:
        left, right = st.columns([3, 2])
        chart.figure(fig.paths_figure(surface, paths, grid=grid, words=figure_text(lg), projector=ui.projector()),
                     key="momentum.paths", where=left)
        chart.figure(loss_curves_figure(paths, text=figure_text(lg), projector=ui.projector()), key="momentum.loss",
                     where=right)
        results = ", ".join(f"{p.label} {reached(p.traj, lg)}" for p in paths)
        st.caption(t("lesson.momentum.paths.caption", lg, steps=STEPS, results=results))
    st.caption(t("lesson.momentum.paths.note", lg, gd=paths[0].label, factor=f"{1 / (1 - beta):.3g}",
                 measured=f"{steady_ratio(lr, beta):.4g}", eff=f"{lr / (1 - beta):.3g}"))
    ui.explain(
        KEY,
        r"\text{" + t("lesson.momentum.f.heavy_ball", lg) + r":}\quad v_t = \beta v_{t-1} + \nabla f(\theta_t),"
        r"\qquad \theta_{t+1} = \theta_t - \eta\, v_t",
        r"\nabla f \equiv g:\quad v_t = (1 + \beta + \dots + \beta^{t-1})\, g \;\to\; \frac{g}{1-\beta}"
        r"\quad\Rightarrow\quad \lVert\theta_{t+1}-\theta_t\rVert \to \frac{1}{1-\beta}\,\eta\lVert g\rVert"
        r"\quad(\text{" + t("lesson.momentum.f.effective", lg) + r"}\ \tfrac{\eta}{1-\beta})",
        r"\text{" + t("lesson.momentum.f.nesterov", lg) + r":}\quad V_t = \beta V_{t-1} - \eta\,\nabla f(x_t + \beta V_{t-1}),"
        r"\qquad x_{t+1} = x_t + V_t",
        r"\text{" + t("lesson.momentum.f.bengio", lg) + r":}\quad v_t = \beta v_{t-1} + \nabla f(\theta_t),"
        r"\qquad \theta_{t+1} = \theta_t - \eta\,\bigl(\nabla f(\theta_t) + \beta v_t\bigr)",
        r"\theta_t = x_t + \beta V_{t-1},\qquad V_t = -\eta\, v_t",
        r"f\ \text{" + t("lesson.momentum.f.convex", lg) + r"},\ \eta = \tfrac1L,\ \beta_t = \tfrac{t-1}{t+2}:"
        r"\quad f(x_t) - f^\star \le \frac{2L\,\lVert x_0 - x^\star\rVert^2}{(t+1)^2}",
    )

    # 2) Nesterov's look-ahead, drawn from the run's own numbers
    st.subheader(t("lesson.momentum.look.h", lg))
    st.markdown(t("lesson.momentum.look.text", lg))
    nag = runs["nesterov"]
    last = (nag.diverged_at or nag.steps) - 1
    if last >= 1:
        st.session_state["momentum.k"] = min(st.session_state["momentum.k"], last, LOOK_STEPS)
        k = st.slider(t("lesson.momentum.look.step", lg), 1, max(min(last, LOOK_STEPS), 2), key="momentum.k")
        step = fig.lookahead_at(nag, min(k, last))
        hb_grad = np.asarray(surface.grad(step.position), dtype=np.float64)
        names = ("position", "lookahead", "next", "hb_point", "heavy_ball", "velocity_step", "gradient_step", "path")
        labels = {n: t(f"lesson.momentum.look.{n}", lg) for n in names}
        chart.figure(fig.lookahead_figure(surface, nag, step, hb_grad, labels, projector=ui.projector()), key="momentum.look")
        f_nag = float(surface.f(step.next_position))
        f_hb = float(surface.f(step.lookahead - step.lr * hb_grad))
        st.caption(t("lesson.momentum.look.caption", lg, k=step.k, v=fmt_vec(step.velocity_step),
                     g=fmt_vec(step.gradient), g0=fmt_vec(hb_grad), f_nag=f"{f_nag:.4g}", f_hb=f"{f_hb:.4g}"))
    st.caption(t("lesson.momentum.look.forms", lg, steps=STEPS, gap=f"{forms_gap(kappa, lr, beta):.2g}"))

    # 3) three textbook forms of momentum, overlapping
    st.subheader(t("lesson.momentum.forms.h", lg))
    st.markdown(t("lesson.momentum.forms.text", lg, period=PERIOD))
    scheduled = st.toggle(t("lesson.momentum.forms.schedule", lg), key="momentum.schedule")
    sched = dict(schedule="step", transition_steps=PERIOD, decay_rate=0.5) if scheduled else {}
    common = dict(steps=STEPS, momentum=beta, **sched)
    forms = {
        "heavy_ball": optimizers.run(surface, "momentum", learning_rate=lr, form="heavy_ball", **common),
        "textbook": optimizers.run(surface, "momentum", learning_rate=lr, form="textbook", **common),
        # the average form's velocity is (1−β) times heavy ball's: η/(1−β) gives the same steps
        "average": optimizers.run(surface, "momentum", learning_rate=lr / (1 - beta), form="average", **common),
    }
    dashes = {"heavy_ball": "solid", "textbook": "dash", "average": "dot"}
    form_paths = [Path(t(f"lesson.momentum.forms.{f}", lg), color(i), tr, dashes[f])
                  for i, (f, tr) in zip((1, 3, 5), forms.items())]
    chart.figure(fig.forms_figure(surface, form_paths, grid=grid, distance_title=t("lesson.momentum.forms.distance", lg),
                                     step_title=t("lesson.momentum.step", lg), projector=ui.projector(),
                                  words=figure_text(lg)), key="momentum.forms")
    gaps = {f: np.nanmax(fig.distance_between(forms["heavy_ball"], tr)) for f, tr in forms.items()}
    st.caption(t("lesson.momentum.forms.caption", lg, textbook=f"{gaps['textbook']:.2g}", average=f"{gaps['average']:.2g}"))

    # 4) the rate map: Goh's figure, measured
    st.subheader(t("lesson.momentum.map.h", lg))
    rate, map_steps = rate_grid(kappa)
    st.markdown(t("lesson.momentum.map.text", lg, steps=map_steps, cells=rate.size))
    names = ("rate", "theory", "gd", "best", "current", "diverged", "eta_axis", "beta_axis")
    labels = {n: t(f"lesson.momentum.map.{n}", lg) for n in names}
    chart.figure(fig.rate_map_figure(fig.MAP_ETAS, fig.MAP_BETAS, rate, kappa, current=(lr, beta), labels=labels, projector=ui.projector()), key="momentum.map")
    i, j = fig.best_cell(rate)
    eta_s, beta_s, rate_s = fig.polyak(kappa)
    eta_gd, rate_gd = fig.gd_optimum(kappa)
    st.caption(t("lesson.momentum.map.caption", lg, eta=f"{fig.MAP_ETAS[i]:.3g}", beta=f"{fig.MAP_BETAS[j]:.3g}",
                 rate=f"{rate[i, j]:.3f}", eta_s=f"{eta_s:.3g}", beta_s=f"{beta_s:.3g}", rate_s=f"{rate_s:.3f}",
                 rate_gd_meas=f"{np.nanmin(rate[:, 0]):.3f}", rate_gd=f"{rate_gd:.3f}", eta_gd=f"{eta_gd:.3g}"))
    st.caption(t("lesson.momentum.map.wide", lg))

    ui.try_this(KEY, set_scene, args=(TRY,))
    ui.source(momentum_rule.trace, momentum_rule.momentum, nesterov_rule.nesterov, lm.steady_step_ratio,
              lm.nesterov_notes_form, lm.notes_to_engine, fig.lookahead_at, fig.polyak, fig.rate_map, fig.rate_map_figure)
    ui.references("goh2017", "sutskever2013", "bengio2013", "nesterov1983", "cs231n", "ng_dl")
    hp = {"learning_rate": lr, "momentum": beta}
    ui.playground_link(sc.Scene(surface="quadratic", surface_params={"condition": kappa}, steps=STEPS,
                                contestants=[sc.Contestant("sgd", {"learning_rate": lr_sgd}), sc.Contestant("momentum", dict(hp)),
                                             sc.Contestant("nesterov", dict(hp))]))


lesson()
