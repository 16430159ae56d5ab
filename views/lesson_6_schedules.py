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
PARAM_SLIDERS = {"decay_rate": (0.05, 1.0), "alpha": (0.0, 1.0)}  # in steps of 0.05
MAIN_RATES = (0.02, 0.05, 0.1, 0.2)  # the main figure: mini-batch SGD on the regression, by epoch
CONTOUR_POINTS = 90
EPOCH_WORDS = {"epoch_title": "axis.epoch", "lr_title": "axis.lr", "loss_title": "axis.loss", "epoch_word": "hover.epoch",
               "mean_word": "hover.epoch_mean"}
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


def sgd(stochastic: bool = True) -> str:
    return rule_title("sgd", ui.lang(), stochastic=stochastic)


def param_widget(name: str) -> None:
    label = t(f"hp.{name}", ui.lang())
    if name in PARAM_CHOICES:
        st.select_slider(label, PARAM_CHOICES[name], key=k(name))
    elif name == "staircase":
        st.toggle(label, key=k(name))
    else:
        st.slider(label, *PARAM_SLIDERS[name], step=0.05, key=k(name))


def epoch_chart(key: str, runs: list, **options) -> None:
    chart.figure(epoch_figure(runs, ls.steps_per_epoch(), **{arg: say(w) for arg, w in EPOCH_WORDS.items()},
                              projector=ui.projector(), **options), key=k(key))


def contour_chart(key: str, surface_name: str, paths: list, where=None, **options) -> None:
    """Paths on the surface's contour beside their losses, the page's words in the landmarks' hovers."""
    grid = cached.grid(cached.key_for(surface_name), CONTOUR_POINTS)
    fig = paths_and_losses_figure(landscapes.get(surface_name), paths, grid=grid, step_title=say("axis.step"),
                                  loss_title=say("axis.loss"), diverged=say("hover.diverged", step="{step}"),
                                  projector=ui.projector(), **options)
    lang = ui.lang()
    chart.figure(localize(fig, {"start": t("fig.start", lang), "minimum": t("fig.minimum", lang)}), key=k(key), where=where)


def warn_diverged(runs) -> None:
    """A warning for each (label, run) that diverged."""
    for label, traj in runs:
        if traj.diverged_at is not None:
            st.warning(say("diverged", label=label, step=traj.diverged_at))


def main_section() -> tuple:
    """The course's per-epoch decays: the chosen one against a constant η on mini-batch SGD."""
    a, b, c = st.columns([1.5, 1, 1])
    lang, ss, n = ui.lang(), st.session_state, ls.steps_per_epoch()
    a.selectbox(say("formula"), ls.FORMULAS, key=k("formula"), format_func=lambda f: say(f"formula.{f}", lang))
    b.select_slider(say("eta0"), MAIN_RATES, key=k("eta0"))
    formula, eta0 = ss[k("formula")], float(ss[k("eta0")])
    knob, choices, _ = ls.KNOBS[formula]
    c.select_slider(say(f"knob.{knob}"), choices, key=k(f"epoch.{knob}"))
    constant, decayed = ls.run(eta0), ls.run(eta0, ls.decay_settings(formula, eta0, ss[k(f"epoch.{knob}")], n))
    label_c, label_d = say("run.constant", rule=sgd(), eta=eta0), say(f"formula.{formula}")
    epoch_chart("epochs", [epoch_run(label_c, GUIDE, constant, "dot"), epoch_run(label_d, color(0), decayed)])
    st.caption(say("epochs.caption", rule=sgd(), samples=ls.SAMPLES, batch=ls.BATCH, per_epoch=n, epochs=ls.EPOCHS,
                   constant=f"{ls.final_loss(constant, n):.3g}", formula=label_d, decayed=f"{ls.final_loss(decayed, n):.3g}"))
    warn_diverged([(label_c, constant), (label_d, decayed)])
    return eta0, constant


def exercise_section(eta0: float, constant) -> None:
    """CS231n's order: train without decay, read the loss curve, and decay where it flattens."""
    st.subheader(say("exercise"))
    st.markdown(say("exercise.text"))
    n = ls.steps_per_epoch()
    flat = ls.exercise_plateau(constant, n)
    runs = [epoch_run(say("run.constant", rule=sgd(), eta=eta0), GUIDE, constant, "dot")]
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
    epoch_chart("exercise", runs, marker=None if flat is None else (float(flat), say("exercise.marker", epoch=flat)))
    if added:
        before, after = ls.final_loss(constant, n), ls.final_loss(dropped, n)
        st.success(say("exercise.result", constant=f"{before:.3g}", dropped=f"{after:.3g}", ratio=f"{before / after:.2g}"),
                   icon=":material/check_circle:")


def floor_section() -> None:
    """Why decay helps: the noise floor of a constant η, and the shapes libraries name."""
    st.subheader(say("floor.h"))
    lang, ss = ui.lang(), st.session_state
    names = {n: t(f"choice.{n}", lang) for n in ls.LIBRARY}
    a, b = st.columns(2)
    if ss.get(k("schedule")) not in ls.LIBRARY:
        ss[k("schedule")] = "step"
    a.selectbox(say("schedule"), ls.LIBRARY, key=k("schedule"), format_func=names.get)
    name = ss[k("schedule")]
    for col, p in zip(b.columns(max(len(schedules.PARAMS_OF[name]), 1)), schedules.PARAMS_OF[name]):
        with col:
            param_widget(p)
    c, d = st.columns(2)
    c.select_slider(say("lr"), RATES, key=k("lr"))
    d.select_slider(say("noise"), NOISES, key=k("noise"))
    eta, sigma = float(ss[k("lr")]), float(ss[k("noise")])
    params = ls.library_params({p: ss.get(k(p), DEFAULTS[p]) for p in ls.LIBRARY_PARAMS})
    # η(t) of every library schedule with these settings, the chosen one in bold; the noisy run with each rate
    left, right = st.columns([2, 3])
    colors = {n: (GUIDE if n == "constant" else color(i)) for i, n in enumerate(ls.LIBRARY)}
    chart.figure(schedules_figure(ls.library_curves(eta, params), colors, name, labels=names, step_title=say("axis.step"),
                                  lr_title=say("axis.lr"), projector=ui.projector()), key=k("curves"), where=left)
    constant, scheduled = ls.library_runs(name, eta, sigma, params)
    paths = [] if name == "constant" else [Path(say("run.constant", rule=sgd(sigma > 0), eta=eta), GUIDE, constant, "dot")]
    paths.append(Path(say("run.scheduled", schedule=names[name], eta=eta), color(0), scheduled))
    floor = ls.noise_floor(eta, sigma)[0]
    contour_chart("effect", "quadratic", paths, right, smooth=ls.SMOOTH, smooth_text=say("hover.mean", window="{window}"),
                  reference=(floor, say("annot.floor", floor=f"{floor:.3g}")) if sigma > 0 else None)
    st.caption(say("effect.help", window=ls.SMOOTH))
    warn_diverged((p.label, p.traj) for p in paths)
    st.markdown(say("floor", schedule=names[name], **ls.floor_text(constant, scheduled, eta, sigma)) if sigma > 0
                else say("floor.none"))


def warmup_section() -> None:
    """Warmup rescuing a GD run that diverges at the start, and what its first steps run."""
    st.subheader(say("rescue"))
    eta = ls.RESCUE["learning_rate"]
    st.markdown(say("rescue.help", rule=sgd(False), eta=eta, epochs=ls.WARMUP_EPOCHS))
    st.slider(say("warmup"), 0, 100, key=k("warmup"))
    r = ls.rescue(int(st.session_state[k("warmup")]))
    runs = [Path(say("run.cold"), color(4), r.cold), Path(say("run.warm", w=r.warmup), color(2), r.warmed)]
    contour_chart("rescue", ls.RESCUE["surface"], runs)
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
    eta0, constant = main_section()
    words = {w: say(f"f.{w}") for w in ("epoch", "step", "manual", "warmup")}
    ui.explain(KEY, *ls.formulas({**words, **{n: t(f"choice.{n}", lang) for n in ls.LIBRARY}}))
    exercise_section(eta0, constant)
    floor_section()
    warmup_section()
    ui.try_this(KEY, st.session_state.update, args=({k(name): v for name, v in TRY.items()},))
    formula = st.session_state[k("formula")]
    ui.source(ls.decay_settings, getattr(schedules, formula), ls.plateau_epoch, schedules.warmup, epoch_figure)
    ui.references("ng_dl", "cs231n", "goyal2017")
    ui.playground_link(ls.playground_scene(eta0, formula, st.session_state[k(f"epoch.{ls.KNOBS[formula][0]}")]))


lesson()
