"""Lesson 10's state (the page `lesson_10_network.py` and its sidebar, `network_controls.py`, use it; not a page of
its own): the widgets' keys ``network.*``, a teaching scene loaded into them, the widgets read back as
`lessons.network`'s ``Setup`` and ``Racer``s, and what the page says of a race (labels, the results' table)."""

from __future__ import annotations

import math

import streamlit as st

import optimizers
from lab import compute, scene as sc
from lessons import network as ln
from ui import cached, lesson as ui
from ui.state import from_widget, to_widget

K = "network"
P = f"{K}."  # the page's widget-key prefix
SETUP = ("dataset", "n_samples", "noise", "label_noise", "width", "depth", "activation", "steps", "seed")
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
# names, measurements and the results' table


def label(i: int, r: ln.Racer, lg: str) -> str:
    """'2 · SGD η=0.1 B=4': the Playground's label, and the batch, decay and warmup that tell two runs apart."""
    s = dict(r.settings)
    name = compute.label(i, sc.Contestant(r.rule, s), lg)
    marks = {"batch_size": "B", "weight_decay": "λ", "warmup_steps": say("mark.warmup", lg)}
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
