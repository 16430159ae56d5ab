"""The Playground's controls: surface, start, and one panel per optimizer. Widgets only; no math."""

from __future__ import annotations

import math

import streamlit as st

import landscapes
import optimizers
from lab import scene as sc
from lab.i18n import rule_title, t
from optimizers import schedules, settings
from optimizers.settings import Setting

from . import state
from .state import key

SLIDER_FORMAT = {"b2": "%.4f", "momentum": "%.3f", "b1": "%.3f", "decay": "%.3f"}


def surface_picker(lang: str) -> None:
    """The surface picker, and the formula box when the surface is typed."""
    names = [*landscapes.names(), sc.EXPRESSION]
    st.selectbox(
        t("pg.surface", lang), names, key=key("surface"), on_change=_reset_start,
        format_func=lambda n: t("pg.surface.expression", lang) if n == sc.EXPRESSION else t(f"surface.{n}", lang),
    )
    if st.session_state[key("surface")] == sc.EXPRESSION:
        st.text_input(t("pg.formula", lang), key=key("formula"), max_chars=sc.MAX_FORMULA,
                      help=t("pg.formula.help", lang), placeholder="x**2 + 10*y**2", on_change=_reset_start)


def prepare_surface_params() -> None:
    """Give the current surface's parameters their defaults, and log ones a slider stop (before reading the scene)."""
    name = st.session_state.get(key("surface"), "quadratic")
    if name == sc.EXPRESSION:
        return
    for p in landscapes.params(name):
        k = key("p", p.name)
        st.session_state.setdefault(k, p.default)
        if p.stops:
            st.session_state[k] = min(p.stops, key=lambda s: abs(s - st.session_state[k]))
        elif p.log:
            st.session_state[k] = state.snap(st.session_state[k], state.log_options(p.low, p.high))


def surface_params(lang: str) -> None:
    """The current surface's parameters, side by side (a structural one, which moves the start, reruns the page)."""
    name = st.session_state.get(key("surface"), "quadratic")
    params = [] if name == sc.EXPRESSION else landscapes.params(name)
    if not params:
        return
    st.caption(f"{t('pg.surface', lang)}: {t(f'surface.{name}', lang)}")
    for p, col in zip(params, st.columns(len(params))):
        k, help_text = key("p", p.name), t(f"help.{name}.{p.name}", lang)
        moved = _start_moves if p.structural else None
        if p.stops:
            col.select_slider(p.name, p.stops, key=k, help=help_text, on_change=moved)
        elif p.log:
            col.select_slider(p.name, state.log_options(p.low, p.high), key=k, help=help_text, on_change=moved)
        elif p.integer:
            col.slider(p.name, int(p.low), int(p.high), key=k, help=help_text, on_change=moved)
        else:
            col.slider(p.name, float(p.low), float(p.high), key=k, help=help_text, step=(p.high - p.low) / 200)


def _start_moves() -> None:
    """A change that moves the start: the sidebar's start boxes must show it, so the whole page reruns."""
    _reset_start()
    st.session_state[key("rerun_app")] = True


def _reset_start() -> None:
    st.session_state[key("x0")] = None
    st.session_state[key("y0")] = None


def start_controls(surface, lang: str) -> None:
    """Two number boxes for the start (a click on the contour fills them too)."""
    ss = st.session_state
    if ss.get(key("x0")) is None or ss.get(key("y0")) is None:
        ss[key("x0")], ss[key("y0")] = (float(v) for v in surface.start)
    (x_lo, x_hi), (y_lo, y_hi) = surface.domain
    st.caption(t("pg.start", lang))
    a, b = st.columns(2)
    a.number_input("x₀", min_value=float(x_lo), max_value=float(x_hi), key=key("x0"), format="%.4g")
    b.number_input("y₀", min_value=float(y_lo), max_value=float(y_hi), key=key("y0"), format="%.4g")
    st.button(t("pg.start.reset", lang), on_click=_reset_start, key=key("start_reset"))


def run_controls(lang: str) -> None:
    st.slider(t("hp.steps", lang), int(sc.STEPS.low), int(sc.STEPS.high), key=key("steps"), step=10,
              help=t("help.steps", lang))
    st.number_input(t("hp.seed", lang), int(sc.SEED.low), int(sc.SEED.high), key=key("seed"), step=1,
                    help=t("help.seed", lang))


def contestant_panel(i: int, lang: str, can_remove: bool) -> None:
    """One optimizer: its rule, its hyperparameters, and the run settings in an expander."""
    st.selectbox(t("pg.rule", lang), optimizers.families(), key=key(f"o{i}", "family"),
                 format_func=lambda r: rule_title(r, lang))
    for variant in optimizers.variants(st.session_state[key(f"o{i}", "family")]):
        st.checkbox(t(f"pg.variant.{variant}", lang), key=key(f"o{i}", f"is_{variant}"))
    rule = state.rule_of(i)
    for h in optimizers.rule_info(rule).hyperparams:
        hyper_widget(i, h, lang)
    # the run's settings are drawn only while their panel is open (a move redraws fewer widgets)
    more = st.expander(t("pg.more", lang), key=key(f"o{i}", "more"), on_change="rerun")
    if more.open:
        with more:
            run_settings(i, rule, lang)
    else:
        keep_run_settings(i, rule)
    if can_remove:
        st.button(t("pg.remove", lang), key=key(f"o{i}", "remove"), on_click=_remove, args=(i,))


def run_settings(i: int, rule: str, lang: str) -> None:
    """The run's settings: the schedule and the parameters it uses, warmup, clipping, decay, noise, mini-batches."""
    value = lambda name: st.session_state.get(key(f"o{i}", name))  # noqa: E731
    shown = _run_settings_of(rule)
    used = {"schedule", *schedules.PARAMS_OF[value("schedule") or "constant"], "warmup_steps", "clip_norm",
            "clip_value", "weight_decay", "noise", "batch_size"}
    if value("batch_size") not in (None, state.OFF):
        used.add("drop_last")
    for name in shown:
        if name in used:
            hyper_widget(i, settings.get(name), lang)


def keep_run_settings(i: int, rule: str) -> None:
    """Keep contestant i's run settings while their widgets are not drawn."""
    keep(*(key(f"o{i}", name) for name in _run_settings_of(rule)))


def _run_settings_of(rule: str) -> list[str]:
    """The run settings a contestant of ``rule`` has beside the rule's own (AdamW's weight decay is its own)."""
    own = {h.name for h in optimizers.rule_info(rule).hyperparams}
    return [name for name in settings.RUN if name not in own]


def keep(*keys: str) -> None:
    """Keep these widgets' values while the widgets are not drawn (Streamlit drops the state of a widget
    that a run does not draw; a value written back by the script is kept)."""
    ss = st.session_state
    for k in keys:
        if k in ss:
            ss[k] = ss[k]


def hyper_widget(i: int, h: Setting, lang: str, prefix: str = state.P) -> None:
    """The widget the settings table asks for: log stops, a linear or whole-number slider, a checkbox or a menu.

    A setting that can be off (no clipping, the full batch) gets an "off" stop first. Its key is
    ``<prefix>o<i>.<name>`` (the Playground's ``pg.``, or another page's own).
    """
    k = f"{prefix}o{i}.{h.name}"
    ss = st.session_state
    ss.setdefault(k, state.to_widget(h, h.default))
    label, help_text = t(f"hp.{h.name}", lang), t(f"help.{h.name}", lang)
    if not h.numeric:
        if set(h.choices) == {True, False}:
            st.checkbox(label, key=k, help=help_text)
        else:
            st.selectbox(label, h.choices, key=k, help=help_text, format_func=lambda c: t(f"choice.{c}", lang))
    elif h.log:
        options = state.log_options(h.low, h.high, h.integer)
        if h.off is None or ss[k] != state.OFF:
            ss[k] = state.snap(ss[k], options)
        options = [state.OFF, *options] if h.off is not None else options
        st.select_slider(label, options, key=k, help=help_text,
                         format_func=lambda v: t(f"off.{h.off}", lang) if v == state.OFF else f"{v:g}")
    elif h.integer:
        ss[k] = int(ss[k])
        st.slider(label, int(h.low), int(h.high), key=k, help=help_text, step=1)
    else:
        ss[k] = float(ss[k])
        st.slider(label, float(h.low), float(h.high), key=k, help=help_text, step=_step(h),
                  format=SLIDER_FORMAT.get(h.name, "%.3g"))


def _step(h: Setting) -> float:
    return 0.0001 if h.name == "b2" else (0.001 if h.high <= 1 else (h.high - h.low) / 200)


def markdown_table(rows: list[dict]) -> str:
    """Rows of one dict each as a Markdown table: numbers to 4 significant digits, a missing value as "–"."""
    if not rows:
        return ""

    def cell(v) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "–"
        if isinstance(v, float):
            return f"{v:.4g}"
        return str(v).replace("|", "\\|")

    head = list(rows[0])
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(r[h]) for h in head) + " |" for r in rows]
    return "\n".join(lines)


def add_contestant() -> None:
    ss = st.session_state
    n = ss.get(key("n"), 0)
    if n < sc.MAX_CONTESTANTS:
        rule = sc.default_scene().contestants[n % 2].rule if n < 2 else optimizers.names()[(n * 2) % len(optimizers.names())]
        state.load_contestant(n + 1, sc.Contestant(rule))
        ss[key("n")] = n + 1


def _remove(i: int) -> None:
    """Remove contestant i; the ones after it move up one place."""
    scene = state.read()
    del scene.contestants[i - 1]
    state.load(scene)
