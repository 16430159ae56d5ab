"""Lesson 7: weight decay (coupled L2 against AdamW's decoupled decay) and gradient clipping (by norm, by value)."""

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_decay_clipping as fig
from figures.colors import color
from figures.paths import Path
from lab import scene as sc
from lab.i18n import rule_title, t
from optimizers import adamw, clipping, weight_decay
from ui import chart, lesson as ui

KEY = "decay_clipping"
# the decay surface: f = a(x − cx)² + b(y − cy)², its minimum away from the origin, y ten times steeper
SCALES, CENTRE = (1.0, 10.0), (2.5, 1.5)
FORMULA = " + ".join(("" if a == 1 else f"{a:g}*") + f"({v}-{c:g})**2" for a, v, c in zip(SCALES, "xy", CENTRE))
DECAY_WINDOW = ((-0.3, 2.9), (-0.3, 2.1))  # the part of the surface drawn: the origin, the minimum, and between
DECAY_START = (0.0, 0.0)  # weights usually start small: the runs grow out of the origin towards the minimum
ADAM_LR = 0.05
DECAY_STEPS = 2000
RATE_STEPS = 300  # the decay-per-step figure shows the first steps
LAMBDAS = np.round(np.linspace(0.0, 1.0, 11), 2)  # the endpoints' λ grid (the Playground's weight-decay range)
# the clipping scene: the cliff, started close to the wall and high on the slope, so the wall is met with a sideways gradient
CLIP_START = (-1.6, 2.5)
CLIP_STEPS = 60
THRESHOLDS = (0.25, 0.5, 1.0, 2.0, 5.0)
DEFAULTS = {"decay_clipping.lam": 0.5, "decay_clipping.lr": 0.3, "decay_clipping.c": 1.0}
TRY = {"decay_clipping.lam": 1.0}
RULES = {"l2": ("adam", color(0)), "decoupled": ("adamw", color(1))}
CLIPS = {"none": color(4), "norm": color(2), "value": color(3)}


@st.cache_resource(max_entries=1, show_spinner=False)
def decay_surface():
    return landscapes.from_expression(FORMULA)


@st.cache_data(max_entries=2, show_spinner=False)
def decay_grid():
    xs, ys, z = decay_surface().grid(100, domain=DECAY_WINDOW)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


@st.cache_data(max_entries=2, show_spinner=False)
def cliff_grid():
    xs, ys, z = landscapes.get("cliff").grid(120)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


@st.cache_data(max_entries=2, show_spinner=False)
def endpoints() -> dict[str, np.ndarray]:
    """Where Adam + L2 and AdamW end, for every λ of the grid."""
    s = decay_surface()
    return {m: np.array([optimizers.run(s, rule, start=DECAY_START, steps=DECAY_STEPS, learning_rate=ADAM_LR,
                                        weight_decay=float(lam)).xy[-1] for lam in LAMBDAS])
            for m, (rule, _) in RULES.items()}


def set_scene(values: dict) -> None:
    st.session_state.update(values)


def pct(v: float) -> str:
    return f"{int(round(100 * v))}%"


def words(lg: str) -> dict[str, str]:
    """The contour figures' hover words in the page's language."""
    return {"start": t("fig.start", lg), "minimum": t("fig.minimum", lg), "step": t("fig.step", lg)}


def decay_section(lg: str) -> float:
    """The main figure: where Adam + L2 and AdamW end as λ grows (the first screen: λ, then the figures)."""
    lam_col, _ = st.columns([2, 1])
    lam = lam_col.slider(t("lesson.decay_clipping.lam", lg), 0.0, 1.0, step=0.05, key="decay_clipping.lam")
    s = decay_surface()
    runs = {m: optimizers.run(s, rule, start=DECAY_START, steps=DECAY_STEPS, learning_rate=ADAM_LR, weight_decay=lam)
            for m, (rule, _) in RULES.items()}
    names = {m: t(f"lesson.decay_clipping.{m}", lg) for m in RULES}
    paths = [Path(names[m], RULES[m][1], tr) for m, tr in runs.items()]
    ends = endpoints()
    loci = {t(f"lesson.decay_clipping.locus.{m}", lg): (ends[m], RULES[m][1]) for m in RULES}
    theory = np.array([fig.l2_minimum(SCALES, CENTRE, lam_) for lam_ in LAMBDAS])
    labels = {"theory": t("lesson.decay_clipping.decay.theory", lg)}
    left, right = st.columns([3, 2])
    chart.figure(fig.decay_figure(s, paths, loci, theory, grid=decay_grid(), window=DECAY_WINDOW, labels=labels,
                                  words=words(lg), projector=ui.projector()), key="decay_clipping.decay", where=left)

    # how much of θ the decay removes per step: λ·η/(√v̂ᵢ+ε) inside Adam (L2), λ·η for AdamW
    l2, dec = runs["l2"], runs["decoupled"]
    rates = [(f"{names['l2']} · x", RULES["l2"][1], "solid", lam * l2.state["effective_lr"][:RATE_STEPS, 0]),
             (f"{names['l2']} · y", RULES["l2"][1], "dash", lam * l2.state["effective_lr"][:RATE_STEPS, 1]),
             (f"{names['decoupled']} · x, y", RULES["decoupled"][1], "solid", lam * dec.lr[:RATE_STEPS])]
    right.markdown("**" + t("lesson.decay_clipping.rate.h", lg) + "**")
    rate_labels = {k: t(f"lesson.decay_clipping.rate.{k}", lg) for k in ("step", "rate")}
    chart.figure(fig.decay_rate_figure(rates, labels=rate_labels, projector=ui.projector()), key="decay_clipping.rate", where=right)
    m_end, w_end = l2.xy[-1], dec.xy[-1]
    pull = {m: 1 - runs[m].xy[-1] / np.asarray(CENTRE) for m in RULES}
    st.caption(t("lesson.decay_clipping.decay.caption", lg, lam=f"{lam:g}", l2=f"({m_end[0]:.3f}, {m_end[1]:.3f})",
                 theory="({:.3f}, {:.3f})".format(*fig.l2_minimum(SCALES, CENTRE, lam)),
                 w=f"({w_end[0]:.3f}, {w_end[1]:.3f})", l2x=pct(pull["l2"][0]), l2y=pct(pull["l2"][1]),
                 wx=pct(pull["decoupled"][0]), wy=pct(pull["decoupled"][1])))
    explain(lg)
    st.subheader(t("lesson.decay_clipping.decay.h", lg))
    st.markdown(t("lesson.decay_clipping.decay.text", lg, steps=DECAY_STEPS, lr=f"{ADAM_LR:g}",
                  formula=decay_surface().formula))
    if lam > 0:
        weaker = [float(np.mean(dec.lr[:RATE_STEPS]) / np.mean(l2.state["effective_lr"][:RATE_STEPS, c])) for c in (0, 1)]
        st.markdown(t("lesson.decay_clipping.rate.caption", lg, steps=RATE_STEPS, x=f"{weaker[0]:.1f}", y=f"{weaker[1]:.1f}"))
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


def clipping_section(lg: str) -> None:
    st.subheader(t("lesson.decay_clipping.clip.h", lg))
    gd = rule_title("sgd", lg, stochastic=False)  # the exact gradient of the surface at every step
    st.markdown(t("lesson.decay_clipping.clip.text", lg, rule=gd))
    c1, c2 = st.columns(2)
    lr = c1.slider(t("lesson.decay_clipping.lr", lg), 0.05, 0.5, step=0.05, key="decay_clipping.lr")
    c = float(c2.select_slider(t("lesson.decay_clipping.c", lg), THRESHOLDS, key="decay_clipping.c"))
    cliff = landscapes.get("cliff")
    kwargs = {"none": {}, "norm": {"clip_norm": c}, "value": {"clip_value": c}}
    runs = {m: optimizers.run(cliff, "sgd", start=CLIP_START, steps=CLIP_STEPS, learning_rate=lr, **kw)
            for m, kw in kwargs.items()}
    names = {m: t(f"lesson.decay_clipping.clip.{m}", lg, c=f"{c:g}", rule=t("rule.sgd.exact", "en")) for m in runs}
    left, right = st.columns([3, 2])
    chart.figure(fig.clip_figure(cliff, [Path(names[m], CLIPS[m], tr) for m, tr in runs.items()], grid=cliff_grid(),
                                 words=words(lg), projector=ui.projector()), key="decay_clipping.clip", where=left)

    # one gradient from the wall, clipped both ways by the real transforms
    k = fig.cliff_step(runs["value"])
    raw = runs["value"].grad[k].astype(np.float64)
    by_norm = np.asarray(clipping.clip_by_global_norm(c).update(raw, None)[0], dtype=np.float64)
    by_value = np.asarray(clipping.clip(c).update(raw, None)[0], dtype=np.float64)
    clipped = {names["norm"]: (by_norm, CLIPS["norm"]), names["value"]: (by_value, CLIPS["value"])}
    labels = {q: t(f"lesson.decay_clipping.compass.{q}", lg, c=f"{c:g}") for q in ("raw", "circle", "square")}
    right.markdown("**" + t("lesson.decay_clipping.compass.h", lg, k=k) + "**")
    chart.figure(fig.compass_figure(raw, clipped, c, labels=labels, projector=ui.projector()), key="decay_clipping.compass", where=right)

    bounds = {"none": "—", "norm": f"η·c = {lr * c:.3g}", "value": f"η·c·√2 = {lr * c * math.sqrt(2):.3g}"}
    rows = []
    for m, tr in runs.items():
        length, at = fig.largest_step(tr)
        rows.append({t("lesson.decay_clipping.table.run", lg): names[m],
                     t("lesson.decay_clipping.table.largest", lg): f"{length:.3g}",
                     t("lesson.decay_clipping.table.at", lg): at,
                     t("lesson.decay_clipping.table.bound", lg): bounds[m]})
    st.dataframe(rows, hide_index=True)
    fmt = lambda v: f"({v[0]:.3g}, {v[1]:.3g})"  # noqa: E731
    st.caption(t("lesson.decay_clipping.compass.caption", lg, k=k, raw=fmt(raw), n=f"{np.linalg.norm(raw):.3g}",
                 axis="xy"[fig.dominant_axis(raw)], a_raw=f"{fig.axis_angle(raw):.1f}", norm=fmt(by_norm),
                 a_norm=f"{fig.axis_angle(by_norm):.1f}", value=fmt(by_value), a_value=f"{fig.axis_angle(by_value):.1f}",
                 turn=f"{fig.angle_between(raw, by_value):.1f}"))


def lesson() -> None:
    lg = ui.lang()
    ui.header(KEY, DEFAULTS)
    lam = decay_section(lg)
    clipping_section(lg)
    ui.try_this(KEY, set_scene, args=(TRY,))
    ui.source(weight_decay.add_decayed_weights, adamw.adamw, clipping.clip_by_global_norm, clipping.clip,
              fig.l2_minimum, fig.largest_step, fig.axis_angle)
    ui.references("loshchilov2019", "pascanu2013", "cs231n")
    ui.playground_link(sc.Scene(surface=sc.EXPRESSION, formula=FORMULA, start=DECAY_START, steps=DECAY_STEPS, contestants=[
        sc.Contestant("adam", {"learning_rate": ADAM_LR, "weight_decay": lam}),
        sc.Contestant("adamw", {"learning_rate": ADAM_LR, "weight_decay": lam})]))


lesson()
