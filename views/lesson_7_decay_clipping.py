"""Lesson 7: weight decay (coupled L2 against AdamW's decoupled decay) and gradient clipping (by norm, by value)."""

import numpy as np
import streamlit as st

from figures import lesson_decay_clipping as fig
from figures.colors import color
from figures.paths import Path
from lab import scene as sc
from lab.i18n import rule_title, t
from lessons import decay_clipping as ld
from optimizers import adamw, clipping, weight_decay
from ui import cached, chart, lesson as ui

KEY = "decay_clipping"
THRESHOLDS = (0.25, 0.5, 1.0, 2.0, 5.0)
DEFAULTS = {"decay_clipping.lam": 0.5, "decay_clipping.lr": 0.3, "decay_clipping.c": 1.0}
TRY = {"decay_clipping.lam": 1.0}
COLORS = {"l2": color(0), "decoupled": color(1)}
CLIPS = {"none": color(4), "norm": color(2), "value": color(3)}


def pct(v: float) -> str:
    return f"{int(round(100 * v))}%"


def fmt(v) -> str:
    return f"({v[0]:.3g}, {v[1]:.3g})"


def words(lg: str) -> dict[str, str]:
    """The contour figures' hover words in the page's language."""
    return {"start": t("fig.start", lg), "minimum": t("fig.minimum", lg), "step": t("fig.step", lg)}


def decay_section(lg: str) -> float:
    """The main figure: where Adam + L2 and AdamW end as λ grows (the first screen: λ, then the figures)."""
    lam_col, _ = st.columns([2, 1])
    lam = lam_col.slider(t("lesson.decay_clipping.lam", lg), 0.0, 1.0, step=0.05, key="decay_clipping.lam")
    runs = ld.decay_runs(lam)
    names = {m: t(f"lesson.decay_clipping.{m}", lg) for m in ld.METHODS}
    paths = [Path(names[m], COLORS[m], tr) for m, tr in runs.items()]
    ends = cached.computed(ld.endpoints)
    loci = {t(f"lesson.decay_clipping.locus.{m}", lg): (ends[m], COLORS[m]) for m in ld.METHODS}
    theory = np.array([ld.l2_minimum(ld.SCALES, ld.CENTRE, lam_) for lam_ in ld.LAMBDAS])
    labels = {"theory": t("lesson.decay_clipping.decay.theory", lg)}
    left, right = st.columns([3, 2])
    chart.figure(fig.decay_figure(ld.decay_surface(), paths, loci, theory, grid=cached.computed(ld.decay_grid),
                                  window=ld.DECAY_WINDOW, labels=labels, words=words(lg), projector=ui.projector()),
                 key="decay_clipping.decay", where=left)

    # how much of θ the decay removes per step: λ·η/(√v̂ᵢ+ε) inside Adam (L2), λ·η for AdamW
    r = ld.decay_rates(runs, lam)
    rates = [(f"{names['l2']} · x", COLORS["l2"], "solid", r["l2 x"]), (f"{names['l2']} · y", COLORS["l2"], "dash", r["l2 y"]),
             (f"{names['decoupled']} · x, y", COLORS["decoupled"], "solid", r["decoupled"])]
    right.markdown("**" + t("lesson.decay_clipping.rate.h", lg) + "**")
    rate_labels = {k: t(f"lesson.decay_clipping.rate.{k}", lg) for k in ("step", "rate")}
    chart.figure(fig.decay_rate_figure(rates, labels=rate_labels, projector=ui.projector()), key="decay_clipping.rate", where=right)
    m_end, w_end, pull = runs["l2"].xy[-1], runs["decoupled"].xy[-1], ld.pull(runs)
    st.caption(t("lesson.decay_clipping.decay.caption", lg, lam=f"{lam:g}", l2=f"({m_end[0]:.3f}, {m_end[1]:.3f})",
                 theory="({:.3f}, {:.3f})".format(*ld.l2_minimum(ld.SCALES, ld.CENTRE, lam)),
                 w=f"({w_end[0]:.3f}, {w_end[1]:.3f})", l2x=pct(pull["l2"][0]), l2y=pct(pull["l2"][1]),
                 wx=pct(pull["decoupled"][0]), wy=pct(pull["decoupled"][1])))
    explain(lg)
    st.subheader(t("lesson.decay_clipping.decay.h", lg))
    st.markdown(t("lesson.decay_clipping.decay.text", lg, steps=ld.DECAY_STEPS, lr=f"{ld.ADAM_LR:g}",
                  formula=ld.decay_surface().formula))
    if lam > 0:
        weaker = ld.weaker_in_adam(runs)
        st.markdown(t("lesson.decay_clipping.rate.caption", lg, steps=ld.RATE_STEPS, x=f"{weaker[0]:.1f}", y=f"{weaker[1]:.1f}"))
    return lam


def explain(lg: str) -> None:
    f = {k: t(f"lesson.decay_clipping.f.{k}", lg) for k in ("l2", "adamw", "norm", "value")}
    ui.explain(KEY,
               r"\text{" + f["l2"] + r":}\quad g_t \leftarrow \nabla f(\theta_t) + \lambda\theta_t,\qquad"
               r"\theta_{t+1} = \theta_t - \eta\,\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}",
               r"\text{" + f["adamw"] + r":}\quad \theta_{t+1} = \theta_t - \eta\left(\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}"
               r" + \lambda\theta_t\right)",
               r"\text{" + f["norm"] + r":}\quad g \leftarrow g\cdot\min\!\left(1, \frac{c}{\lVert g\rVert}\right),\qquad"
               r"\text{" + f["value"] + r":}\quad g_i \leftarrow \min(\max(g_i, -c), c)")


@st.fragment
def clipping_section(lg: str) -> None:
    """Gradient clipping on the cliff. A fragment: its sliders change only this section (λ, which the Playground
    link reads, stays in the page's whole run)."""
    st.subheader(t("lesson.decay_clipping.clip.h", lg))
    gd = rule_title("sgd", lg, stochastic=False)  # the exact gradient of the surface at every step
    st.markdown(t("lesson.decay_clipping.clip.text", lg, rule=gd))
    c1, c2 = st.columns(2)
    lr = c1.slider(t("lesson.decay_clipping.lr", lg), 0.05, 0.5, step=0.05, key="decay_clipping.lr")
    c = float(c2.select_slider(t("lesson.decay_clipping.c", lg), THRESHOLDS, key="decay_clipping.c"))
    runs = cached.computed(ld.clip_runs, lr, c)  # kept: a class visits the same few stops
    names = {m: t(f"lesson.decay_clipping.clip.{m}", lg, c=f"{c:g}", rule=t("rule.sgd.exact", "en")) for m in runs}
    left, right = st.columns([3, 2])
    cliff = cached.key_for("cliff")
    chart.figure(fig.clip_figure(cached.surface(cliff), [Path(names[m], CLIPS[m], tr) for m, tr in runs.items()],
                                 grid=cached.grid(cliff, 120), words=words(lg), projector=ui.projector()),
                 key="decay_clipping.clip", where=left)

    # one gradient from the wall, clipped both ways by the real transforms
    k, raw, by_norm, by_value = ld.wall_gradient(runs["value"], c)
    clipped = {names["norm"]: (by_norm, CLIPS["norm"]), names["value"]: (by_value, CLIPS["value"])}
    labels = {q: t(f"lesson.decay_clipping.compass.{q}", lg, c=f"{c:g}") for q in ("raw", "circle", "square")}
    right.markdown("**" + t("lesson.decay_clipping.compass.h", lg, k=k) + "**")
    chart.figure(fig.compass_figure(raw, clipped, c, labels=labels, projector=ui.projector()), key="decay_clipping.compass", where=right)

    bound = ld.step_bounds(lr, c)
    bounds = {"none": "—", "norm": f"η·c = {bound['norm']:.3g}", "value": f"η·c·√2 = {bound['value']:.3g}"}
    rows = []
    for m, tr in runs.items():
        length, at = ld.largest_step(tr)
        rows.append({t("lesson.decay_clipping.table.run", lg): names[m],
                     t("lesson.decay_clipping.table.largest", lg): f"{length:.3g}",
                     t("lesson.decay_clipping.table.at", lg): at,
                     t("lesson.decay_clipping.table.bound", lg): bounds[m]})
    st.dataframe(rows, hide_index=True)
    st.caption(t("lesson.decay_clipping.compass.caption", lg, k=k, raw=fmt(raw), n=f"{np.linalg.norm(raw):.3g}",
                 axis="xy"[ld.dominant_axis(raw)], a_raw=f"{ld.axis_angle(raw):.1f}", norm=fmt(by_norm),
                 a_norm=f"{ld.axis_angle(by_norm):.1f}", value=fmt(by_value), a_value=f"{ld.axis_angle(by_value):.1f}",
                 turn=f"{ld.angle_between(raw, by_value):.1f}"))


def lesson() -> None:
    lg = ui.lang()
    ui.header(KEY, DEFAULTS)
    lam = decay_section(lg)
    clipping_section(lg)
    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(weight_decay.add_decayed_weights, adamw.adamw, clipping.clip_by_global_norm, clipping.clip,
              ld.l2_minimum, ld.largest_step, ld.axis_angle)
    ui.references("loshchilov2019", "pascanu2013", "cs231n")
    ui.playground_link(sc.Scene(surface=sc.EXPRESSION, formula=ld.FORMULA, start=ld.DECAY_START, steps=ld.DECAY_STEPS,
                                contestants=[sc.Contestant(rule, {"learning_rate": ld.ADAM_LR, "weight_decay": lam})
                                             for rule in ld.METHODS.values()]))


lesson()
