"""Lesson 6: learning-rate decay by epoch settles a noisy run lower; decay goes where the loss flattens; warmup
rescues a run that diverges at the start."""

import streamlit as st

from figures.colors import GUIDE, color
from figures.lesson_schedules import epoch_figure, epoch_run
from lab.i18n import t
from lessons import schedules as ls
from optimizers import schedules
from ui import chart, lesson as ui
from views import lesson_6_floor as floor

KEY = "schedules"
MAIN_RATES = (0.02, 0.05, 0.1, 0.2)  # the main figure: mini-batch SGD on the regression, by epoch
EPOCH_WORDS = {"epoch_title": "axis.epoch", "lr_title": "axis.lr", "loss_title": "axis.loss", "epoch_word": "hover.epoch",
               "mean_word": "hover.epoch_mean"}
DEFAULTS = {"formula": "epoch_exponential", "eta0": 0.1, "added": False,
            **{f"epoch.{knob}": v for knob, _, v in ls.KNOBS.values()}, **floor.DEFAULTS}
TRY = {"schedule": "cosine", "decay_steps": 400, "alpha": 0.0, "noise": 0.5, "lr": 0.5}
say = ui.Page(KEY)
k, show = say.k, say.show


def sgd(stochastic: bool = True) -> str:
    return say.rule("sgd", stochastic)


def epoch_chart(key: str, runs: list, **options) -> None:
    chart.figure(epoch_figure(runs, ls.steps_per_epoch(), **{arg: say(w) for arg, w in EPOCH_WORDS.items()},
                              projector=ui.projector(), **options), key=k(key))


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
    floor.warn_diverged([(label_c, constant), (label_d, decayed)])
    return eta0, constant


@st.fragment
def exercise_section(eta0: float, constant) -> None:
    """CS231n's order: train without decay, read the loss curve, and decay where it flattens. A fragment, as are the
    floor's and warmup's sections: their widgets change only their own section. The main section stays in the
    page's whole run (this section, the shown source and the Playground link read its widgets)."""
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


def lesson() -> None:
    lang = ui.lang()
    ui.header(KEY, {k(name): v for name, v in DEFAULTS.items()})
    eta0, constant = main_section()
    words = {w: say(f"f.{w}") for w in ("epoch", "step", "manual", "warmup")}
    ui.explain(KEY, *ls.formulas({**words, **{n: t(f"choice.{n}", lang) for n in ls.LIBRARY}}))
    exercise_section(eta0, constant)
    floor.floor_section()
    floor.warmup_section()
    ui.try_this(KEY, st.session_state.update, args=({k(name): v for name, v in TRY.items()},))
    formula = st.session_state[k("formula")]
    ui.source(ls.decay_settings, getattr(schedules, formula), ls.plateau_epoch, schedules.warmup, epoch_figure)
    ui.references("ng_dl", "cs231n", "goyal2017")
    ui.playground_link(ls.playground_scene(eta0, formula, st.session_state[k(f"epoch.{ls.KNOBS[formula][0]}")]))


lesson()
