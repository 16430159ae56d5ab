"""Lesson 6's second half (the page `lesson_6_schedules.py` draws these sections after its own; not a page of its
own): why decay helps (a constant η's noise floor, and the shapes libraries name) and warmup rescuing a run that
diverges at the start. Each section is a fragment: its widgets change only that section."""

import streamlit as st

import landscapes
from figures.colors import GUIDE, color
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.lesson_schedules import schedules_figure
from figures.paths import Path
from lab.i18n import t
from lessons import schedules as ls
from optimizers import schedules
from ui import cached, lesson as ui

KEY = "schedules"
RATES = (0.1, 0.2, 0.5, 1.0, 1.5)
NOISES = (0.0, 0.5, 1.0, 2.0)
PARAM_CHOICES = {"transition_steps": (10, 25, 50, 100, 200), "decay_steps": (100, 200, 400, 800)}
PARAM_SLIDERS = {"decay_rate": (0.05, 1.0), "alpha": (0.0, 1.0)}  # in steps of 0.05
CONTOUR_POINTS = 90
DEFAULTS = {"schedule": "step", "lr": 0.5, "noise": 0.5, "warmup": ls.WARMUP_EPOCHS, "transition_steps": 100,
            "decay_rate": 0.5, "staircase": False, "decay_steps": 400, "alpha": 0.0}
say = ui.Page(KEY)
k, show = say.k, say.show


def param_widget(name: str) -> None:
    label = t(f"hp.{name}", ui.lang())
    if name in PARAM_CHOICES:
        st.select_slider(label, PARAM_CHOICES[name], key=k(name))
    elif name == "staircase":
        st.toggle(label, key=k(name))
    else:
        st.slider(label, *PARAM_SLIDERS[name], step=0.05, key=k(name))


def contour_chart(key: str, surface_name: str, paths: list, where=None, **options) -> None:
    """Paths on the surface's contour beside their losses, the page's words in the landmarks' hovers."""
    grid = cached.grid(cached.key_for(surface_name), CONTOUR_POINTS)
    lang = ui.lang()
    fig = paths_and_losses_figure(landscapes.get(surface_name), paths, grid=grid, step_title=say("axis.step"),
                                  loss_title=say("axis.loss"), diverged=say("hover.diverged", step="{step}"),
                                  start_text=t("fig.start", lang), minimum_text=t("fig.minimum", lang),
                                  projector=ui.projector(), **options)
    show(key, fig, where)


def warn_diverged(runs) -> None:
    """A warning for each (label, run) that diverged."""
    for label, traj in runs:
        if traj.diverged_at is not None:
            st.warning(say("diverged", label=label, step=traj.diverged_at))


@st.fragment
def floor_section() -> None:
    """Why decay helps: the noise floor of a constant η, and the shapes libraries name."""
    st.subheader(say("floor.h"))
    lang, ss = ui.lang(), st.session_state
    names = {n: t(f"choice.{n}", lang) for n in ls.LIBRARY}
    a, b = st.columns(2)
    if ss.get(k("schedule")) not in ls.LIBRARY:
        ss[k("schedule")] = "step"
    for p in ls.LIBRARY_PARAMS:  # Streamlit forgets a widget not drawn: shown again, it starts at the page's default
        ss.setdefault(k(p), DEFAULTS[p])
    a.selectbox(say("schedule"), ls.LIBRARY, key=k("schedule"), format_func=names.get)
    name = ss[k("schedule")]
    shown = schedules.PARAMS_OF[name]
    for col, p in zip(b.columns(max(len(shown), 1)), shown):
        with col:
            param_widget(p)
    c, d = st.columns(2)
    c.select_slider(say("lr"), RATES, key=k("lr"))
    d.select_slider(say("noise"), NOISES, key=k("noise"))
    eta, sigma = float(ss[k("lr")]), float(ss[k("noise")])
    params = ls.library_params({p: ss[k(p)] if p in shown else DEFAULTS[p] for p in ls.LIBRARY_PARAMS})  # hidden: defaults
    # η(t) of every library schedule with these settings, the chosen one in bold; the noisy run with each rate
    left, right = st.columns([2, 3])
    colors = {n: (GUIDE if n == "constant" else color(i)) for i, n in enumerate(ls.LIBRARY)}
    show("curves", schedules_figure(ls.library_curves(eta, params), colors, name, labels=names, step_title=say("axis.step"),
                                  lr_title=say("axis.lr"), projector=ui.projector()), left)
    constant, scheduled = ls.library_runs(name, eta, sigma, params)
    paths = [] if name == "constant" else [Path(say("run.constant", rule=say.rule("sgd", sigma > 0), eta=eta), GUIDE, constant, "dot")]
    paths.append(Path(say("run.scheduled", schedule=names[name], eta=eta), color(0), scheduled))
    floor = cached.computed(ls.noise_floor, eta, sigma)[0]  # its Hessian is eager: kept, not redone each rerun
    contour_chart("effect", "quadratic", paths, right, smooth=ls.SMOOTH, smooth_text=say("hover.mean", window="{window}"),
                  reference=(floor, say("annot.floor", floor=f"{floor:.3g}")) if sigma > 0 else None)
    st.caption(say("effect.help", window=ls.SMOOTH))
    warn_diverged((p.label, p.traj) for p in paths)
    st.markdown(say("floor", schedule=names[name], **ls.floor_text(constant, scheduled, eta, sigma)) if sigma > 0
                else say("floor.none"))


@st.fragment
def warmup_section() -> None:
    """Warmup rescuing a GD run that diverges at the start, and what its first steps run."""
    st.subheader(say("rescue"))
    eta = ls.RESCUE["learning_rate"]
    st.markdown(say("rescue.help", rule=say.rule("sgd"), eta=eta, epochs=ls.WARMUP_EPOCHS))
    st.slider(say("warmup"), 0, 100, key=k("warmup"))
    r = ls.rescue(int(st.session_state[k("warmup")]))
    runs = [Path(say("run.cold"), color(4), r.cold), Path(say("run.warm", w=r.warmup), color(2), r.warmed)]
    contour_chart("rescue", ls.RESCUE["surface"], runs)
    for p in runs:
        st.markdown("- " + (say("diverged", label=p.label, step=p.traj.diverged_at) if p.traj.diverged_at is not None
                            else say("settled", label=p.label, steps=ls.RESCUE["steps"], **r.settled(p.traj))))
    # what the warmup's first steps run: η = ηt/W from t = 0, so step 0 does not move θ
    st.markdown(say("first", eta=eta, w=r.warmup, **r.first_text) if r.warmup > 0 else say("first.none", eta=eta))
    start, end = cached.computed(ls.rescue_curvature, r.warmup)
    st.markdown(say("why.start", eta=eta, **start))
    if end is not None:
        st.markdown(say("why.end", **end))
