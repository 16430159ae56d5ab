"""Lesson 10's controls (the page `lesson_10_network.py` draws them; not a page of its own): the data and the
network, up to four optimizers from the settings table, the teaching scenes that fill them in one click, and the
widgets read back as `lessons.network`'s ``Setup`` and ``Racer``s. Widgets keyed ``network.*``."""

from __future__ import annotations

import math

import streamlit as st

import networks
import optimizers
from lab import compute, scene as sc
from lab.i18n import t
from lessons import network as ln
from optimizers import schedules, settings
from ui import cached, controls, lesson as ui
from ui.state import from_widget, to_widget

K = "network"
P = f"{K}."  # the page's widget-key prefix
SETUP = ("dataset", "n_samples", "noise", "label_noise", "width", "depth", "activation", "steps", "seed")
# the sizes offered, and every scene's (a scene's value outside the options would be changed without a word)
SAMPLES = tuple(sorted({*ln.SAMPLES, *(s.setup.n_samples for s in ln.SCENES.values())}))
RUN_SHOWN = ("batch_size", "weight_decay", "warmup_steps", "schedule", "clip_norm")  # the notes' knobs
say = ui.Page(K)


def k(*parts) -> str:
    return P + ".".join(str(p) for p in parts)


def setting_key(i: int, name: str) -> str:
    return k(f"o{i}", name)


# ----------------------------------------------------------------------------
# scenes into the widgets, the widgets into a race


def load(setup: ln.Setup, racers: tuple[ln.Racer, ...]) -> None:
    """Copy a setup and its racers into the widgets' keys (before the widgets are drawn, or from a callback)."""
    ss = st.session_state
    for name in SETUP:
        ss[k(name)] = getattr(setup, name)
    for old in [key for key in ss if key.startswith(k("o"))]:
        del ss[old]
    ss[k("n")] = len(racers)
    for i, r in enumerate(racers, start=1):
        family = optimizers.rule_info(r.rule).family
        ss[setting_key(i, "family")] = family
        for v in optimizers.variants(family):
            ss[setting_key(i, f"is_{v}")] = r.rule == v
        values = dict(r.settings)
        for h in sc.hyperparams_of(r.rule):
            ss[setting_key(i, h.name)] = to_widget(h, values.get(h.name, h.default))


def load_scene(name: str) -> None:
    scene = ln.SCENES[name]
    load(scene.setup, scene.racers)
    ss = st.session_state
    ss[k("scene")] = name
    ss[k("show_curvature")] = scene.measure == "curvature"
    ss[k("show_sharpness")] = scene.measure == "sharpness"


def init() -> None:
    """A session's first visit: the first scene."""
    if k("n") not in st.session_state:
        load_scene(ln.DEFAULT_SCENE)


def rule_of(i: int) -> str:
    ss = st.session_state
    family = ss.get(setting_key(i, "family"), "sgd")
    return next((v for v in optimizers.variants(family) if ss.get(setting_key(i, f"is_{v}"))), family)


def racer(i: int) -> ln.Racer:
    """Optimizer i from its widgets: the settings that differ from their defaults."""
    ss, rule = st.session_state, rule_of(i)
    values = {}
    for h in sc.hyperparams_of(rule):
        key = setting_key(i, h.name)
        if key in ss and (v := from_widget(h, ss[key])) != h.default:
            values[h.name] = int(v) if h.integer and v is not None else v
    return ln.Racer.of(rule, **values)


def read() -> tuple[ln.Setup, tuple[ln.Racer, ...]]:
    ss = st.session_state
    setup = ln.Setup(**{name: ss[k(name)] for name in SETUP})
    return setup, tuple(racer(i) for i in range(1, ss[k("n")] + 1))


def full(r: ln.Racer) -> tuple:
    """A racer with every default filled in: two racers that train alike compare equal."""
    return r.rule, sorted(({h.name: h.default for h in sc.hyperparams_of(r.rule)} | dict(r.settings)).items(), key=str)


def is_scene(name: str | None, setup: ln.Setup, racers: tuple[ln.Racer, ...]) -> bool:
    """Whether the widgets still hold scene ``name`` (its "what to look for" applies only then)."""
    scene = ln.SCENES.get(name)
    return scene is not None and setup == scene.setup and list(map(full, racers)) == list(map(full, scene.racers))


# ----------------------------------------------------------------------------
# the sidebar


def sidebar(lg: str) -> None:
    st.subheader(say("data"))
    st.selectbox(say("dataset"), networks.DATASETS, key=k("dataset"), format_func=lambda n: say(f"dataset.{n}"))
    st.select_slider(say("samples"), SAMPLES, key=k("n_samples"))
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
    setup, racers = read()
    load(setup, (*racers, ln.Racer.of("adam", learning_rate=0.01)))


def remove(i: int) -> None:
    setup, racers = read()
    load(setup, racers[: i - 1] + racers[i:])


# ----------------------------------------------------------------------------
# names, measurements and the results' table


def label(i: int, r: ln.Racer, lg: str) -> str:
    """'2 · SGD η=0.1 B=4': the Playground's label, and the batch, decay and warmup that tell two runs apart."""
    s = dict(r.settings)
    name = compute.label(i, sc.Contestant(r.rule, s), lg)
    marks = {"batch_size": "B", "weight_decay": "λ", "warmup_steps": "warmup"}
    return name + "".join(f" {mark}={s[n]:g}" for n, mark in marks.items() if s.get(n))


def measure(setup: ln.Setup, racers: tuple[ln.Racer, ...], what: str):
    """The race's curvature along run 1 or every end's sharpness (the race itself is kept by `cached.heavy`)."""
    race = cached.heavy(ln.race, setup, racers, waiting=say("queued"))
    return ln.curvature(race) if what == "curvature" else ln.sharpness(race)


def rows(race: ln.Race, labels: list[str], lg: str) -> list[dict]:
    """One row per run: final train and test loss, the lowest test loss and its step, test accuracy, divergence."""
    out = []
    for run, name in zip(race.runs, labels):
        ok = [(float(v), int(s)) for v, s in zip(run.test_loss, run.eval_steps) if math.isfinite(v) and s <= run.last]
        best = min(ok) if ok else (math.nan, 0)
        accuracy = [a for a in run.test_accuracy if math.isfinite(a)]
        out.append({
            say("table.optimizer", lg): name,
            say("table.train", lg): float(run.train_loss[run.last]),
            say("table.test", lg): ok[-1][0] if ok else math.nan,
            say("table.best", lg): f"{best[0]:.4g} ({best[1]})",
            say("table.accuracy", lg): f"{accuracy[-1]:.0%}" if accuracy else "–",
            say("table.diverged", lg): say("table.no", lg) if run.diverged_at is None else
            say("table.at", lg, step=run.diverged_at),
        })
    return out
