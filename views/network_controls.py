"""Lesson 10's sidebar (the page `lesson_10_network.py` draws it; not a page of its own): the data and the network,
and up to four optimizers with their settings from the settings table, keyed ``network.*``."""

from __future__ import annotations

import streamlit as st

import networks
import optimizers
from lab.i18n import t
from lessons import network as ln
from optimizers import schedules, settings
from ui import controls
from ui.state import to_widget

from views.network_state import P, k, load, read, rule_of, say, setting_key

RUN_SHOWN = ("batch_size", "weight_decay", "warmup_steps", "schedule", "clip_norm")  # the notes' knobs


def sidebar(lg: str) -> None:
    st.subheader(say("data"))
    st.selectbox(say("dataset"), networks.DATASETS, key=k("dataset"), format_func=lambda n: say(f"dataset.{n}"))
    st.select_slider(say("samples"), ln.SAMPLE_STOPS, key=k("n_samples"))
    a, b = st.columns(2)
    a.slider(say("noise"), 0.0, 0.5, step=0.01, key=k("noise"), help=say("noise.help"))
    b.slider(say("label_noise"), 0.0, 0.3, step=0.01, key=k("label_noise"), help=say("label_noise.help"))
    st.select_slider(say("width"), ln.WIDTHS, key=k("width"))
    a, b = st.columns(2)
    a.radio(say("depth"), ln.DEPTHS, key=k("depth"), horizontal=True)
    b.radio(say("activation"), networks.ACTIVATIONS, key=k("activation"), horizontal=True)
    seed = settings.get("seed")
    a, b = st.columns(2)
    a.select_slider(t("hp.steps", lg), ln.STEPS, key=k("steps"))
    b.number_input(t("hp.seed", lg), int(seed.low), int(seed.high), step=1, key=k("seed"))
    n = st.session_state[k("n")]
    for i in range(1, n + 1):
        optimizer_panel(i, lg, can_remove=n > 1)
    if n < ln.MAX_RACERS:
        st.button(t("pg.add", lg), key=k("add"), on_click=add, icon=":material/add:")


def optimizer_panel(i: int, lg: str, can_remove: bool) -> None:
    st.subheader(say("optimizer", i=i))
    st.selectbox(t("pg.rule", lg), optimizers.families(), key=setting_key(i, "family"), on_change=rule_changed,
                 args=(i,), format_func=lambda r: say.rule(r, lg=lg))
    for variant in optimizers.variants(st.session_state[setting_key(i, "family")]):
        st.checkbox(t(f"pg.variant.{variant}", lg), key=setting_key(i, f"is_{variant}"))
    rule = rule_of(i)
    own = optimizers.rule_info(rule).hyperparams
    for h in own:
        controls.hyper_widget(i, h, lg, prefix=P)
    with st.expander(say("run_settings")):
        schedule = st.session_state.get(setting_key(i, "schedule"), "constant")
        names = (*RUN_SHOWN, *schedules.PARAMS_OF.get(schedule, ()))
        for name in (n for n in names if n not in {h.name for h in own}):
            controls.hyper_widget(i, settings.get(name), lg, prefix=P)
    if can_remove:
        st.button(t("pg.remove", lg), key=setting_key(i, "remove"), on_click=remove, args=(i,))


def rule_changed(i: int) -> None:
    """A new rule starts from its own defaults (a learning rate good for SGD is not one for Adam); run settings stay."""
    ss = st.session_state
    family = ss[setting_key(i, "family")]
    for v in optimizers.variants(family):
        ss[setting_key(i, f"is_{v}")] = False
    for h in optimizers.rule_info(family).hyperparams:
        ss[setting_key(i, h.name)] = to_widget(h, h.default)


def add() -> None:
    """One more optimizer: the first rule not racing yet, at its own defaults."""
    setup, racers = read()
    used = {optimizers.rule_info(r.rule).family for r in racers}
    rule = next((f for f in optimizers.families() if f not in used), optimizers.families()[0])
    load(setup, (*racers, ln.Racer.of(rule)))


def remove(i: int) -> None:
    setup, racers = read()
    load(setup, racers[: i - 1] + racers[i:])
