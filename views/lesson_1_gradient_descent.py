"""Lesson 1: gradient descent and the learning rate; too small crawls, too large diverges, and 2/L is the line."""

import streamlit as st

import optimizers
from figures.colors import color
from figures.lesson_gradient_descent import factor_figure, paths_and_losses_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import t
from lessons import curvature, gradient_descent as gd
from optimizers.base import scale_by_learning_rate
from optimizers.sgd import sgd
from ui import cached, chart, lesson as ui

KEY = "gradient_descent"
STEPS = 100
CONDITIONS = (1, 3, 10, 30, 100, 300, 1000)
DEFAULTS = {f"{KEY}.multiplier": 1.0, f"{KEY}.condition": 10}
TRY = {f"{KEY}.multiplier": 1.0, f"{KEY}.condition": 100}


def verdict(label: str, traj, factor: float, lang: str) -> str:
    """What a run did, in words, from its trajectory."""
    o = gd.outcome(traj)
    if o.kind == "diverged":
        return t(f"lesson.{KEY}.diverged", lang, label=label, step=o.step, factor=f"{factor:.3g}")
    if o.kind == "reached":
        return t(f"lesson.{KEY}.reached", lang, label=label, step=o.step, factor=f"{factor:.3g}")
    return t(f"lesson.{KEY}.far", lang, label=label, steps=traj.steps, gap=f"{o.gap:.3g}", start=f"{o.start_gap:.3g}",
             factor=f"{factor:.3g}")


def lesson() -> None:
    ui.header(KEY, DEFAULTS)
    body(ui.lang())


@st.fragment
def body(lang: str) -> None:
    """Everything under the title: the controls change every section and the Playground link, so the page's one
    fragment is all of it (a move reruns neither the app's frame nor the header)."""
    # 1) the controls, and L from the surface's own Hessian
    a, b = st.columns(2)
    a.slider(t(f"lesson.{KEY}.multiplier", lang), 0.2, 2.0, step=0.05, key=f"{KEY}.multiplier")
    b.select_slider(t(f"lesson.{KEY}.condition", lang), CONDITIONS, key=f"{KEY}.condition")
    condition = float(st.session_state[f"{KEY}.condition"])
    multiplier = float(st.session_state[f"{KEY}.multiplier"])
    key = cached.key_for("quadratic", condition=condition)
    surface = cached.surface(key)
    lam = curvature.eigenvalues(surface)
    mu, big_l = float(lam[0]), float(lam[-1])

    # 2) four GD runs at fixed fractions of 2/L, times the multiplier
    rates = gd.rates(multiplier, lam)
    labels = [t(f"lesson.{KEY}.run", lang, eta=f"{r:.3g}", fraction=f"{multiplier * f:.3g}")
              for r, f in zip(rates, gd.FRACTIONS)]
    trajs = [optimizers.run(surface, "sgd", steps=STEPS, learning_rate=r) for r in rates]
    paths = [Path(lb, color(i), tr) for i, (lb, tr) in enumerate(zip(labels, trajs))]
    fig = paths_and_losses_figure(surface, paths, grid=cached.grid(key, 90),
                                  step_title=t(f"lesson.{KEY}.axis.step", lang),
                                  loss_title=t(f"lesson.{KEY}.axis.loss", lang),
                                  diverged=t(f"lesson.{KEY}.hover.diverged", lang, step="{step}"),
                                  start_text=t("fig.start", lang), minimum_text=t("fig.minimum", lang),
                                  projector=ui.projector())
    chart.figure(fig, key=f"{KEY}.chart")
    st.caption(t(f"lesson.{KEY}.hessian", lang, mu=f"{mu:.4g}", L=f"{big_l:.4g}",
                 limit=f"{gd.stability_limit(lam):.4g}", best=f"{gd.best_constant_rate(lam):.4g}"))
    ui.explain(KEY, r"\theta_{t+1} = \theta_t - \eta\,\nabla f(\theta_t)",
               r"\theta_{t} - \theta^\star = (I - \eta H)^{t}\,(\theta_0 - \theta^\star)"
               r"\quad\Rightarrow\quad \text{" + t(f"lesson.{KEY}.f.stable", lang) + r"} \iff "
               r"\max_\lambda |1-\eta\lambda| < 1 \iff \eta < \frac{2}{L}")

    st.subheader(t(f"lesson.{KEY}.results", lang))
    for lb, tr, r in zip(labels, trajs, rates):
        st.markdown("- " + verdict(lb, tr, gd.error_factor(r, lam), lang))

    # 3) the rule behind it: the error factor per step against η
    st.subheader(t(f"lesson.{KEY}.rule", lang))
    chart.figure(factor_figure(lam, rates, labels, [p.color for p in paths],
                               eta_title=t(f"lesson.{KEY}.axis.eta", lang),
                               factor_title=t(f"lesson.{KEY}.axis.factor", lang), projector=ui.projector()),
                 key=f"{KEY}.factor")
    st.caption(t(f"lesson.{KEY}.rule.help", lang))

    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(sgd, scale_by_learning_rate, curvature.eigenvalues, gd.error_factor, paths_and_losses_figure, factor_figure)
    ui.references("cs231n", "ng_dl")
    ui.playground_link(sc.Scene(surface="quadratic", surface_params={"condition": condition}, steps=STEPS,
                                contestants=[sc.Contestant("sgd", {"learning_rate": float(f"{r:.6g}")}) for r in rates]))


lesson()
