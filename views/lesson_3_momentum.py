"""Lesson 3: momentum and Nesterov on the ill-conditioned valley, and the convergence-rate map over (η, β)."""

import numpy as np
import streamlit as st

import optimizers
from figures import lesson_momentum as fig
from figures.colors import color
from figures.curves import loss_curves_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text, rule_title, t
from lessons import momentum as lm
from optimizers import momentum as momentum_rule, nesterov as nesterov_rule
from ui import cached, chart, lesson as ui

KEY = "momentum"
KAPPAS = (3, 10, 30, 100, 300, 1000)
STEPS = 200
LOOK_STEPS = 40  # the look-ahead slider's range: later steps are too small to tell apart
PERIOD = 20  # the step-decay schedule halves η every PERIOD steps
FORMS = {"heavy_ball": (color(1), "solid"), "textbook": (color(3), "dash"), "average": (color(5), "dot")}
DEFAULTS = {"momentum.kappa": 30, "momentum.lr_sgd": 1.9, "momentum.lr": 0.5, "momentum.beta": 0.8, "momentum.k": 3,
            "momentum.schedule": False}
TRY = {"momentum.kappa": 300, "momentum.lr": 1.0, "momentum.beta": 0.9}
def fmt_vec(v) -> str:
    return f"({v[0] + 0.0:.3g}, {v[1] + 0.0:.3g})"  # + 0.0 turns −0 into 0


def reached(traj, lg: str) -> str:
    if traj.diverged_at is not None:
        return t("lesson.momentum.diverged", lg, step=traj.diverged_at)
    hit = lm.arrival(traj)
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
    key = cached.key_for("quadratic", condition=kappa)
    surface, grid = cached.surface(key), cached.grid(key, 100)
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
                 measured=f"{cached.computed(lm.steady_step_ratio, lr, beta):.4g}", eff=f"{lr / (1 - beta):.3g}"))
    ui.explain(KEY, *formulas(lg))

    lookahead_section(lg, surface, runs["nesterov"], kappa, lr, beta)  # 2) and 3): fragments, see their docstrings
    forms_section(lg, surface, grid, lr, beta)

    # 4) the rate map: Goh's figure, measured
    st.subheader(t("lesson.momentum.map.h", lg))
    rate, map_steps = cached.computed(lm.measured_rate_map, kappa)
    st.markdown(t("lesson.momentum.map.text", lg, steps=map_steps, cells=rate.size))
    names = ("rate", "theory", "gd", "best", "current", "diverged", "eta_axis", "beta_axis")
    labels = {n: t(f"lesson.momentum.map.{n}", lg) for n in names}
    (i, j), (eta_s, beta_s, rate_s), (eta_gd, rate_gd) = lm.best_cell(rate), lm.polyak(kappa), lm.gd_optimum(kappa)
    chart.figure(fig.rate_map_figure(lm.MAP_ETAS, lm.MAP_BETAS, rate, kappa, theory=(eta_s, beta_s), gd=eta_gd,
                                     best=(i, j), current=(lr, beta), labels=labels, projector=ui.projector()),
                 key="momentum.map")
    st.caption(t("lesson.momentum.map.caption", lg, eta=f"{lm.MAP_ETAS[i]:.3g}", beta=f"{lm.MAP_BETAS[j]:.3g}",
                 rate=f"{rate[i, j]:.3f}", eta_s=f"{eta_s:.3g}", beta_s=f"{beta_s:.3g}", rate_s=f"{rate_s:.3f}",
                 rate_gd_meas=f"{np.nanmin(rate[:, 0]):.3f}", rate_gd=f"{rate_gd:.3f}", eta_gd=f"{eta_gd:.3g}"))
    st.caption(t("lesson.momentum.map.wide", lg))

    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(momentum_rule.trace, momentum_rule.momentum, nesterov_rule.nesterov, lm.steady_step_ratio,
              lm.nesterov_notes_form, lm.notes_to_engine, lm.lookahead_at, lm.polyak, lm.rate_map, fig.rate_map_figure)
    ui.references("goh2017", "sutskever2013", "bengio2013", "nesterov1983", "cs231n", "ng_dl")
    hp = {"learning_rate": lr, "momentum": beta}
    ui.playground_link(sc.Scene(surface="quadratic", surface_params={"condition": kappa}, steps=STEPS,
                                contestants=[sc.Contestant("sgd", {"learning_rate": lr_sgd}), sc.Contestant("momentum", dict(hp)),
                                             sc.Contestant("nesterov", dict(hp))]))


@st.fragment
def lookahead_section(lg: str, surface, nag, kappa: float, lr: float, beta: float) -> None:
    """2) Nesterov's look-ahead, drawn from the run's own numbers. A fragment, as is the next section: its slider
    changes only this section (the race's controls, which it reads, rerun the whole page)."""
    st.subheader(t("lesson.momentum.look.h", lg))
    st.markdown(t("lesson.momentum.look.text", lg))
    last = (nag.diverged_at or nag.steps) - 1
    if last >= 1:
        st.session_state["momentum.k"] = min(st.session_state["momentum.k"], last, LOOK_STEPS)
        k = st.slider(t("lesson.momentum.look.step", lg), 1, max(min(last, LOOK_STEPS), 2), key="momentum.k")
        step = lm.lookahead_at(nag, min(k, last))
        hb = lm.heavy_ball_instead(surface, step)
        names = ("position", "lookahead", "next", "hb_point", "heavy_ball", "velocity_step", "gradient_step", "path")
        labels = {n: t(f"lesson.momentum.look.{n}", lg) for n in names}
        notes_xy = lm.notes_positions(nag)[: nag.last + 1]
        chart.figure(fig.lookahead_figure(surface, notes_xy, step, hb.next_position, labels, projector=ui.projector()),
                     key="momentum.look")
        st.caption(t("lesson.momentum.look.caption", lg, k=step.k, v=fmt_vec(step.velocity_step),
                     g=fmt_vec(step.gradient), g0=fmt_vec(hb.gradient), f_nag=f"{hb.f_nesterov:.4g}",
                     f_hb=f"{hb.f_heavy_ball:.4g}"))
    gap = cached.computed(lm.valley_forms_gap, kappa, lr, beta, STEPS)
    st.caption(t("lesson.momentum.look.forms", lg, steps=STEPS, gap=f"{gap:.2g}"))


@st.fragment
def forms_section(lg: str, surface, grid, lr: float, beta: float) -> None:
    """3) Three textbook forms of momentum, overlapping."""
    st.subheader(t("lesson.momentum.forms.h", lg))
    st.markdown(t("lesson.momentum.forms.text", lg, period=PERIOD))
    scheduled = st.toggle(t("lesson.momentum.forms.schedule", lg), key="momentum.schedule")
    forms = lm.three_forms(surface, lr, beta, STEPS, period=PERIOD if scheduled else None)
    form_paths = [Path(t(f"lesson.momentum.forms.{f}", lg), FORMS[f][0], tr, FORMS[f][1]) for f, tr in forms.items()]
    distances = [lm.distance_between(forms["heavy_ball"], tr) for tr in forms.values()]
    chart.figure(fig.forms_figure(surface, form_paths, distances[1:], grid=grid, projector=ui.projector(),
                                  distance_title=t("lesson.momentum.forms.distance", lg),
                                  step_title=t("lesson.momentum.step", lg), words=figure_text(lg)), key="momentum.forms")
    gaps = dict(zip(forms, (np.nanmax(d) for d in distances)))
    st.caption(t("lesson.momentum.forms.caption", lg, textbook=f"{gaps['textbook']:.2g}", average=f"{gaps['average']:.2g}"))


def formulas(lg: str) -> tuple[str, ...]:
    """Heavy ball, its steady step, Nesterov in the notes' and in Bengio's form, the map between them, the bound."""
    return (
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


lesson()
