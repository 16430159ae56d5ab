"""Lesson 6: learning-rate decay by epoch settles a noisy run lower; decay goes where the loss flattens; warmup
rescues a run that diverges at the start."""

import numpy as np
import streamlit as st

import landscapes
from figures.colors import GUIDE, color
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.lesson_schedules import EpochRun, epoch_figure, localize, schedules_figure
from figures.paths import Path
from lab.i18n import rule_title, t
from lessons import curvature, schedules as ls
from optimizers import schedules
from ui import cached, chart, lesson as ui

KEY = "schedules"
RATES = (0.1, 0.2, 0.5, 1.0, 1.5)
NOISES = (0.0, 0.5, 1.0, 2.0)
PARAM_CHOICES = {"transition_steps": (10, 25, 50, 100, 200), "decay_steps": (100, 200, 400, 800)}
# the main figure: mini-batch SGD on the regression, by epoch
MAIN_RATES = (0.02, 0.05, 0.1, 0.2)
CONTOUR_POINTS = 90
DEFAULTS = {
    f"{KEY}.formula": "epoch_exponential", f"{KEY}.eta0": 0.1, f"{KEY}.added": False,
    **{f"{KEY}.epoch.{knob}": default for knob, _, default in ls.KNOBS.values()},
    f"{KEY}.schedule": "step", f"{KEY}.lr": 0.5, f"{KEY}.noise": 0.5, f"{KEY}.warmup": ls.WARMUP_EPOCHS,
    f"{KEY}.transition_steps": 100, f"{KEY}.decay_rate": 0.5, f"{KEY}.staircase": False,
    f"{KEY}.decay_steps": 400, f"{KEY}.alpha": 0.0,
}
TRY = {f"{KEY}.schedule": "cosine", f"{KEY}.decay_steps": 400, f"{KEY}.alpha": 0.0, f"{KEY}.noise": 0.5, f"{KEY}.lr": 0.5}


def load_try() -> None:
    st.session_state.update(TRY)


def add_decay() -> None:
    st.session_state[f"{KEY}.added"] = True


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


def epoch_words(lang: str) -> dict[str, str]:
    return dict(epoch_title=t(f"lesson.{KEY}.axis.epoch", lang), lr_title=t(f"lesson.{KEY}.axis.lr", lang),
                loss_title=t(f"lesson.{KEY}.axis.loss", lang), epoch_word=t(f"lesson.{KEY}.hover.epoch", lang),
                mean_word=t(f"lesson.{KEY}.hover.epoch_mean", lang))


def epoch_run(label: str, c: str, traj, dash: str = "solid") -> EpochRun:
    return EpochRun(label, c, np.asarray(traj.lr, dtype=np.float64), ls.loss_gap(traj), dash)


def main_section(lang: str):
    """The course's per-epoch decays: the chosen one against a constant η on mini-batch SGD."""
    a, b, c = st.columns([1.5, 1, 1])
    a.selectbox(t(f"lesson.{KEY}.formula", lang), ls.FORMULAS, key=f"{KEY}.formula",
                format_func=lambda n: t(f"lesson.{KEY}.formula.{n}", lang))
    b.select_slider(t(f"lesson.{KEY}.eta0", lang), MAIN_RATES, key=f"{KEY}.eta0")
    formula = st.session_state[f"{KEY}.formula"]
    knob, choices, _ = ls.KNOBS[formula]
    c.select_slider(t(f"lesson.{KEY}.knob.{knob}", lang), choices, key=f"{KEY}.epoch.{knob}")
    eta0, value = float(st.session_state[f"{KEY}.eta0"]), st.session_state[f"{KEY}.epoch.{knob}"]
    n = ls.steps_per_epoch()
    constant = ls.run(eta0)
    decayed = ls.run(eta0, ls.decay_settings(formula, eta0, value, n))
    sgd = rule_title("sgd", lang, stochastic=True)
    label_c = t(f"lesson.{KEY}.run.constant", lang, rule=sgd, eta=eta0)
    label_d = t(f"lesson.{KEY}.formula.{formula}", lang)
    fig = epoch_figure([epoch_run(label_c, GUIDE, constant, "dot"), epoch_run(label_d, color(0), decayed)], n,
                       **epoch_words(lang), projector=ui.projector())
    chart.figure(fig, key=f"{KEY}.epochs")
    st.caption(t(f"lesson.{KEY}.epochs.caption", lang, rule=sgd, samples=ls.SAMPLES, batch=ls.BATCH, per_epoch=n,
                 epochs=ls.EPOCHS, constant=f"{ls.final_loss(constant, n):.3g}", formula=label_d,
                 decayed=f"{ls.final_loss(decayed, n):.3g}"))
    for label, traj in ((label_c, constant), (label_d, decayed)):
        if traj.diverged_at is not None:
            st.warning(t(f"lesson.{KEY}.diverged", lang, label=label, step=traj.diverged_at))
    return eta0, constant


def exercise_section(lang: str, eta0: float, constant) -> None:
    """CS231n's order: train without decay, read the loss curve, and decay where it flattens."""
    st.subheader(t(f"lesson.{KEY}.exercise", lang))
    st.markdown(t(f"lesson.{KEY}.exercise.text", lang))
    n, sgd = ls.steps_per_epoch(), rule_title("sgd", lang, stochastic=True)
    runs = [epoch_run(t(f"lesson.{KEY}.run.constant", lang, rule=sgd, eta=eta0), GUIDE, constant, "dot")]
    flat, marker = ls.exercise_plateau(constant, n), None
    if flat is None:
        st.info(t(f"lesson.{KEY}.exercise.none", lang, epochs=ls.EPOCHS), icon=":material/trending_down:")
    else:
        marker = (float(flat), t(f"lesson.{KEY}.exercise.marker", lang, epoch=flat))
        st.markdown(t(f"lesson.{KEY}.exercise.found", lang, epoch=flat, window=ls.WINDOW, tol=int(100 * ls.TOL)))
        st.button(t(f"lesson.{KEY}.exercise.button", lang, epoch=flat + 1), on_click=add_decay, key=f"{KEY}.add",
                  icon=":material/south:")
    added = flat is not None and bool(st.session_state.get(f"{KEY}.added"))
    if added:
        dropped = ls.run(eta0, ls.manual_drop(eta0, flat + 1, n))
        runs.append(epoch_run(t(f"lesson.{KEY}.run.dropped", lang, epoch=flat + 1), color(1), dropped))
    chart.figure(epoch_figure(runs, n, **epoch_words(lang), marker=marker, projector=ui.projector()), key=f"{KEY}.exercise")
    if added:
        before, after = ls.final_loss(constant, n), ls.final_loss(dropped, n)
        st.success(t(f"lesson.{KEY}.exercise.result", lang, constant=f"{before:.3g}", dropped=f"{after:.3g}",
                     ratio=f"{before / after:.2g}"), icon=":material/check_circle:")


def floor_section(lang: str) -> None:
    """Why decay helps: the noise floor of a constant η, and the shapes libraries name."""
    st.subheader(t(f"lesson.{KEY}.floor.h", lang))
    a, b = st.columns(2)
    if st.session_state.get(f"{KEY}.schedule") not in ls.LIBRARY:
        st.session_state[f"{KEY}.schedule"] = "step"
    a.selectbox(t(f"lesson.{KEY}.schedule", lang), ls.LIBRARY, key=f"{KEY}.schedule", format_func=lambda n: t(f"choice.{n}", lang))
    name = st.session_state[f"{KEY}.schedule"]
    used = schedules.PARAMS_OF[name]
    with b:
        for col, p in zip(st.columns(max(len(used), 1)), used):
            with col:
                param_widget(p, lang)
    c, d = st.columns(2)
    c.select_slider(t(f"lesson.{KEY}.lr", lang), RATES, key=f"{KEY}.lr")
    d.select_slider(t(f"lesson.{KEY}.noise", lang), NOISES, key=f"{KEY}.noise")
    eta, sigma = float(st.session_state[f"{KEY}.lr"]), float(st.session_state[f"{KEY}.noise"])
    params = {p: st.session_state.get(f"{KEY}.{p}", DEFAULTS[f"{KEY}.{p}"]) for p in ("transition_steps", "decay_rate", "staircase", "decay_steps", "alpha")}
    params = {k: (bool(v) if k == "staircase" else float(v)) for k, v in params.items()}
    # η(t) of every library schedule with these settings, the chosen one in bold
    colors = {n: (GUIDE if n == "constant" else color(i)) for i, n in enumerate(ls.LIBRARY)}
    left, right = st.columns([2, 3])
    chart.figure(schedules_figure(ls.library_curves(eta, params), colors, name, labels={n: t(f"choice.{n}", lang) for n in ls.LIBRARY},
                                  step_title=t(f"lesson.{KEY}.axis.step", lang), lr_title=t(f"lesson.{KEY}.axis.lr", lang),
                                  projector=ui.projector()),
                 key=f"{KEY}.curves", where=left)
    # the same noisy run with a constant rate and with the schedule
    constant, scheduled = ls.library_runs(name, eta, sigma, params)
    label_c = t(f"lesson.{KEY}.run.constant", lang, rule=rule_title("sgd", lang, stochastic=sigma > 0), eta=eta)
    label_s = t(f"lesson.{KEY}.run.scheduled", lang, schedule=t(f"choice.{name}", lang), eta=eta)
    paths = ([] if name == "constant" else [Path(label_c, GUIDE, constant, dash="dot")]) + [Path(label_s, color(0), scheduled)]
    floor, lam = ls.noise_floor(eta, sigma)
    reference = (floor, t(f"lesson.{KEY}.annot.floor", lang, floor=f"{floor:.3g}")) if sigma > 0 else None
    effect = paths_and_losses_figure(landscapes.get("quadratic"), paths, grid=cached.grid(cached.key_for("quadratic"), CONTOUR_POINTS),
                                     step_title=t(f"lesson.{KEY}.axis.step", lang), loss_title=t(f"lesson.{KEY}.axis.loss", lang),
                                     diverged=t(f"lesson.{KEY}.hover.diverged", lang, step="{step}"), smooth=ls.SMOOTH,
                                     smooth_text=t(f"lesson.{KEY}.hover.mean", lang, window="{window}"),
                                     reference=reference, projector=ui.projector())
    chart.figure(localize(effect, landmark_words(lang)), key=f"{KEY}.effect", where=right)
    st.caption(t(f"lesson.{KEY}.effect.help", lang, window=ls.SMOOTH))
    for p in paths:
        if p.traj.diverged_at is not None:
            st.warning(t(f"lesson.{KEY}.diverged", lang, label=p.label, step=p.traj.diverged_at))
    if sigma > 0:
        st.markdown(t(f"lesson.{KEY}.floor", lang, last=ls.LAST, constant=f"{ls.tail_gap(constant):.3g}",
                      schedule=t(f"choice.{name}", lang), scheduled=f"{ls.tail_gap(scheduled):.3g}",
                      floor=f"{floor:.3g}", lams=", ".join(f"{v:.3g}" for v in lam)))
    else:
        st.markdown(t(f"lesson.{KEY}.floor.none", lang))


def landmark_words(lang: str) -> dict[str, str]:
    return {"start": t("fig.start", lang), "minimum": t("fig.minimum", lang)}


def warmup_section(lang: str) -> None:
    """Warmup rescuing a GD run that diverges at the start, and what its first steps run."""
    st.subheader(t(f"lesson.{KEY}.rescue", lang))
    well, r_eta, r_steps = landscapes.get(ls.RESCUE["surface"]), ls.RESCUE["learning_rate"], ls.RESCUE["steps"]
    st.markdown(t(f"lesson.{KEY}.rescue.help", lang, rule=rule_title("sgd", lang, stochastic=False), eta=r_eta,
                  epochs=ls.WARMUP_EPOCHS))
    st.slider(t(f"lesson.{KEY}.warmup", lang), 0, 100, key=f"{KEY}.warmup")
    warm = int(st.session_state[f"{KEY}.warmup"])
    cold, warmed = ls.rescue(warm)
    rescue = [Path(t(f"lesson.{KEY}.run.cold", lang), color(4), cold), Path(t(f"lesson.{KEY}.run.warm", lang, w=warm), color(2), warmed)]
    fig = paths_and_losses_figure(well, rescue, grid=cached.grid(cached.key_for(ls.RESCUE["surface"]), CONTOUR_POINTS),
                                  step_title=t(f"lesson.{KEY}.axis.step", lang), loss_title=t(f"lesson.{KEY}.axis.loss", lang),
                                  diverged=t(f"lesson.{KEY}.hover.diverged", lang, step="{step}"), projector=ui.projector())
    chart.figure(localize(fig, landmark_words(lang)), key=f"{KEY}.rescue")
    for p in rescue:
        if p.traj.diverged_at is not None:
            st.markdown("- " + t(f"lesson.{KEY}.diverged", lang, label=p.label, step=p.traj.diverged_at))
        else:
            (x, y), (mx, my) = p.traj.xy[-1], ls.nearest_minimum(well, p.traj.xy[-1])
            st.markdown("- " + t(f"lesson.{KEY}.settled", lang, label=p.label, steps=r_steps, x=f"{x:.3g}", y=f"{y:.3g}",
                                 mx=f"{mx:.3g}", my=f"{my:.3g}"))
    # what the warmup's first steps run: η = ηt/W from t = 0, so step 0 does not move θ
    if warm > 0:
        first = ls.warmup_first_steps(warmed, 2)
        st.markdown(t(f"lesson.{KEY}.first", lang, lr0=f"{first['lr'][0]:.3g}", moved0=f"{first['moved'][0]:.3g}",
                      lr1=f"{first['lr'][1]:.3g}", eta=r_eta, w=warm))
    else:
        st.markdown(t(f"lesson.{KEY}.first.none", lang, eta=r_eta))
    l_start = curvature.largest(well, well.start)
    st.markdown(t(f"lesson.{KEY}.why.start", lang, big_l=f"{l_start:.3g}", limit=f"{2 / l_start:.3g}", eta=r_eta,
                  ratio=f"{r_eta * l_start / 2:.3g}"))
    if warmed.diverged_at is None:
        l_end = curvature.largest(well, warmed.xy[-1])
        st.markdown(t(f"lesson.{KEY}.why.end", lang, big_l=f"{l_end:.3g}", limit=f"{2 / l_end:.3g}"))


def lesson() -> None:
    lang = ui.lang()
    ui.header(KEY, DEFAULTS)
    eta0, constant = main_section(lang)
    f = {k: t(f"lesson.{KEY}.f.{k}", lang) for k in ("epoch", "step", "manual", "warmup")}
    word = {n: t(f"choice.{n}", lang) for n in ls.LIBRARY}
    ui.explain(
        KEY,
        r"\eta_n = \frac{\eta_0}{1 + d\,n},\qquad \eta_n = 0.95^{\,n}\,\eta_0,\qquad \eta_n = \frac{k}{\sqrt n}\,\eta_0"
        r"\qquad(n = 1, 2, \dots\ \text{" + f["epoch"] + r"})",
        r"\text{" + f["step"] + r": } \eta_n = \eta_0 \left(\tfrac12\right)^{\lfloor (n-1)/K \rfloor},\qquad"
        r"\text{" + f["manual"] + r": } \eta_0 \;\to\; \eta_0/10",
        r"\text{" + f["warmup"] + r": } \eta_t = \eta\,\frac{t}{W}\ \ (t = 0, 1, \dots, W-1),\qquad \eta_0 = 0",
        r"\text{" + word["exponential"] + r": } \eta\gamma^{t/T}\quad \text{" + word["inverse_time"]
        + r": } \frac{\eta}{1+\gamma t/T}\quad \text{" + word["cosine"] + r": } "
        r"\eta\Bigl((1-\alpha)\tfrac12\bigl(1+\cos\tfrac{\pi \min(t,D)}{D}\bigr)+\alpha\Bigr)",
    )
    exercise_section(lang, eta0, constant)
    floor_section(lang)
    warmup_section(lang)
    ui.try_this(KEY, load_try)
    name = st.session_state[f"{KEY}.formula"]
    ui.source(ls.decay_settings, getattr(schedules, name), ls.plateau_epoch, schedules.warmup, epoch_figure)
    ui.references("ng_dl", "cs231n", "goyal2017")
    ui.playground_link(ls.playground_scene(eta0, name, st.session_state[f"{KEY}.epoch.{ls.KNOBS[name][0]}"]))


lesson()
