"""Lesson 6: learning-rate decay by epoch settles a noisy run lower; decay goes where the loss flattens; warmup
rescues a run that diverges at the start."""

import streamlit as st

import landscapes
from figures.colors import GUIDE, color
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.lesson_schedules import epoch_figure, epoch_run, localize, schedules_figure
from figures.paths import Path
from lab.i18n import rule_title, t
from lessons import schedules as ls
from optimizers import schedules
from ui import cached, chart, lesson as ui

KEY = "schedules"
RATES = (0.1, 0.2, 0.5, 1.0, 1.5)
NOISES = (0.0, 0.5, 1.0, 2.0)
PARAM_CHOICES = {"transition_steps": (10, 25, 50, 100, 200), "decay_steps": (100, 200, 400, 800)}
PARAM_SLIDERS = {"decay_rate": (0.05, 1.0), "alpha": (0.0, 1.0)}  # step 0.05
PARAMS = ("transition_steps", "decay_rate", "staircase", "decay_steps", "alpha")
MAIN_RATES = (0.02, 0.05, 0.1, 0.2)  # the main figure: mini-batch SGD on the regression, by epoch
CONTOUR_POINTS = 90
DEFAULTS = {
    "formula": "epoch_exponential", "eta0": 0.1, "added": False, **{f"epoch.{knob}": v for knob, _, v in ls.KNOBS.values()},
    "schedule": "step", "lr": 0.5, "noise": 0.5, "warmup": ls.WARMUP_EPOCHS, "transition_steps": 100, "decay_rate": 0.5,
    "staircase": False, "decay_steps": 400, "alpha": 0.0,
}
TRY = {"schedule": "cosine", "decay_steps": 400, "alpha": 0.0, "noise": 0.5, "lr": 0.5}


def k(name: str) -> str:
    return f"{KEY}.{name}"


def say(key: str, lang: str | None = None, **values) -> str:
    """The page's text ``lesson.schedules.<key>`` in ``lang`` (default: the page's language)."""
    return t(f"lesson.{KEY}.{key}", lang or ui.lang(), **values)


def param_widget(name: str, lang: str) -> None:
    if name in PARAM_CHOICES:
        st.select_slider(t(f"hp.{name}", lang), PARAM_CHOICES[name], key=k(name))
    elif name == "staircase":
        st.toggle(t("hp.staircase", lang), key=k(name))
    else:
        st.slider(t(f"hp.{name}", lang), *PARAM_SLIDERS[name], step=0.05, key=k(name))


def words(lang: str) -> dict[str, str]:
    """The epoch figure's words."""
    return dict(epoch_title=say("axis.epoch"), lr_title=say("axis.lr"), loss_title=say("axis.loss"),
                epoch_word=say("hover.epoch"), mean_word=say("hover.epoch_mean"))


def contour_figure(surface_name: str, paths: list, lang: str, **options):
    """Paths on the surface's contour beside their losses, the page's words in the landmarks' hovers."""
    fig = paths_and_losses_figure(landscapes.get(surface_name), paths, grid=cached.grid(cached.key_for(surface_name), CONTOUR_POINTS),
                                  step_title=say("axis.step"), loss_title=say("axis.loss"),
                                  diverged=say("hover.diverged", step="{step}"), projector=ui.projector(), **options)
    return localize(fig, {"start": t("fig.start", lang), "minimum": t("fig.minimum", lang)})


def warn_diverged(paths: list, lang: str) -> None:
    for p in paths:
        if p.traj.diverged_at is not None:
            st.warning(say("diverged", label=p.label, step=p.traj.diverged_at))


def main_section(lang: str):
    """The course's per-epoch decays: the chosen one against a constant η on mini-batch SGD."""
    a, b, c = st.columns([1.5, 1, 1])
    a.selectbox(say("formula"), ls.FORMULAS, key=k("formula"), format_func=lambda n: say(f"formula.{n}", lang))
    b.select_slider(say("eta0"), MAIN_RATES, key=k("eta0"))
    formula = st.session_state[k("formula")]
    knob, choices, _ = ls.KNOBS[formula]
    c.select_slider(say(f"knob.{knob}"), choices, key=k(f"epoch.{knob}"))
    eta0, n, sgd = float(st.session_state[k("eta0")]), ls.steps_per_epoch(), rule_title("sgd", lang, stochastic=True)
    constant, decayed = ls.run(eta0), ls.run(eta0, ls.decay_settings(formula, eta0, st.session_state[k(f"epoch.{knob}")], n))
    label_c, label_d = say("run.constant", rule=sgd, eta=eta0), say(f"formula.{formula}")
    runs = [epoch_run(label_c, GUIDE, constant, "dot"), epoch_run(label_d, color(0), decayed)]
    chart.figure(epoch_figure(runs, n, **words(lang), projector=ui.projector()), key=k("epochs"))
    st.caption(say("epochs.caption", rule=sgd, samples=ls.SAMPLES, batch=ls.BATCH, per_epoch=n, epochs=ls.EPOCHS,
                   constant=f"{ls.final_loss(constant, n):.3g}", formula=label_d, decayed=f"{ls.final_loss(decayed, n):.3g}"))
    warn_diverged([Path(label_c, GUIDE, constant), Path(label_d, color(0), decayed)], lang)
    return eta0, constant


def exercise_section(lang: str, eta0: float, constant) -> None:
    """CS231n's order: train without decay, read the loss curve, and decay where it flattens."""
    st.subheader(say("exercise"))
    st.markdown(say("exercise.text"))
    n, flat = ls.steps_per_epoch(), ls.exercise_plateau(constant, ls.steps_per_epoch())
    runs = [epoch_run(say("run.constant", rule=rule_title("sgd", lang, stochastic=True), eta=eta0), GUIDE, constant, "dot")]
    if flat is None:
        st.info(say("exercise.none", epochs=ls.EPOCHS), icon=":material/trending_down:")
    else:
        st.markdown(say("exercise.found", epoch=flat, window=ls.WINDOW, tol=int(100 * ls.TOL)))
        st.button(say("exercise.button", epoch=flat + 1), on_click=st.session_state.update, args=({k("added"): True},),
                  key=k("add"), icon=":material/south:")
    added = flat is not None and bool(st.session_state.get(k("added")))
    if added:
        dropped = ls.run(eta0, ls.manual_drop(eta0, flat + 1, n))
        runs.append(epoch_run(say("run.dropped", epoch=flat + 1), color(1), dropped))
    marker = None if flat is None else (float(flat), say("exercise.marker", epoch=flat))
    chart.figure(epoch_figure(runs, n, **words(lang), marker=marker, projector=ui.projector()), key=k("exercise"))
    if added:
        before, after = ls.final_loss(constant, n), ls.final_loss(dropped, n)
        st.success(say("exercise.result", constant=f"{before:.3g}", dropped=f"{after:.3g}", ratio=f"{before / after:.2g}"),
                   icon=":material/check_circle:")


def floor_section(lang: str) -> None:
    """Why decay helps: the noise floor of a constant η, and the shapes libraries name."""
    st.subheader(say("floor.h"))
    a, b = st.columns(2)
    if st.session_state.get(k("schedule")) not in ls.LIBRARY:
        st.session_state[k("schedule")] = "step"
    a.selectbox(say("schedule"), ls.LIBRARY, key=k("schedule"), format_func=lambda n: t(f"choice.{n}", lang))
    name = st.session_state[k("schedule")]
    used = schedules.PARAMS_OF[name]
    for col, p in zip(b.columns(max(len(used), 1)), used):
        with col:
            param_widget(p, lang)
    c, d = st.columns(2)
    c.select_slider(say("lr"), RATES, key=k("lr"))
    d.select_slider(say("noise"), NOISES, key=k("noise"))
    eta, sigma = float(st.session_state[k("lr")]), float(st.session_state[k("noise")])
    params = ls.library_params({p: st.session_state.get(k(p), DEFAULTS[p]) for p in PARAMS})
    # η(t) of every library schedule with these settings, the chosen one in bold; the noisy run with each rate
    left, right = st.columns([2, 3])
    names = {n: t(f"choice.{n}", lang) for n in ls.LIBRARY}
    colors = {n: (GUIDE if n == "constant" else color(i)) for i, n in enumerate(ls.LIBRARY)}
    chart.figure(schedules_figure(ls.library_curves(eta, params), colors, name, labels=names, step_title=say("axis.step"),
                                  lr_title=say("axis.lr"), projector=ui.projector()), key=k("curves"), where=left)
    constant, scheduled = ls.library_runs(name, eta, sigma, params)
    label_c = say("run.constant", rule=rule_title("sgd", lang, stochastic=sigma > 0), eta=eta)
    paths = [Path(label_c, GUIDE, constant, dash="dot"), Path(say("run.scheduled", schedule=names[name], eta=eta),
                                                            color(0), scheduled)][name == "constant":]  # constant: one run
    floor = ls.noise_floor(eta, sigma)[0]
    reference = (floor, say("annot.floor", floor=f"{floor:.3g}")) if sigma > 0 else None
    chart.figure(contour_figure("quadratic", paths, lang, smooth=ls.SMOOTH, reference=reference,
                                smooth_text=say("hover.mean", window="{window}")), key=k("effect"), where=right)
    st.caption(say("effect.help", window=ls.SMOOTH))
    warn_diverged(paths, lang)
    st.markdown(say("floor", schedule=names[name], **ls.floor_text(constant, scheduled, eta, sigma)) if sigma > 0
                else say("floor.none"))


def warmup_section(lang: str) -> None:
    """Warmup rescuing a GD run that diverges at the start, and what its first steps run."""
    st.subheader(say("rescue"))
    eta = ls.RESCUE["learning_rate"]
    st.markdown(say("rescue.help", rule=rule_title("sgd", lang, stochastic=False), eta=eta, epochs=ls.WARMUP_EPOCHS))
    st.slider(say("warmup"), 0, 100, key=k("warmup"))
    r = ls.rescue(int(st.session_state[k("warmup")]))
    runs = [Path(say("run.cold"), color(4), r.cold), Path(say("run.warm", w=r.warmup), color(2), r.warmed)]
    chart.figure(contour_figure(ls.RESCUE["surface"], runs, lang), key=k("rescue"))
    for p in runs:
        st.markdown("- " + (say("diverged", label=p.label, step=p.traj.diverged_at) if p.traj.diverged_at is not None
                            else say("settled", label=p.label, steps=ls.RESCUE["steps"], **r.settled(p.traj))))
    # what the warmup's first steps run: η = ηt/W from t = 0, so step 0 does not move θ
    st.markdown(say("first", eta=eta, w=r.warmup, **r.first_text) if r.warmup > 0 else say("first.none", eta=eta))
    start, end = r.curvature_text
    st.markdown(say("why.start", eta=eta, **start))
    if end is not None:
        st.markdown(say("why.end", **end))


def lesson() -> None:
    lang = ui.lang()
    ui.header(KEY, {k(name): v for name, v in DEFAULTS.items()})
    eta0, constant = main_section(lang)
    names = {**{w: say(f"f.{w}") for w in ("epoch", "step", "manual", "warmup")}, **{n: t(f"choice.{n}", lang) for n in ls.LIBRARY}}
    ui.explain(KEY, *ls.formulas(names))
    exercise_section(lang, eta0, constant)
    floor_section(lang)
    warmup_section(lang)
    ui.try_this(KEY, st.session_state.update, args=({k(name): v for name, v in TRY.items()},))
    formula = st.session_state[k("formula")]
    ui.source(ls.decay_settings, getattr(schedules, formula), ls.plateau_epoch, schedules.warmup, epoch_figure)
    ui.references("ng_dl", "cs231n", "goyal2017")
    ui.playground_link(ls.playground_scene(eta0, formula, st.session_state[k(f"epoch.{ls.KNOBS[formula][0]}")]))


lesson()
