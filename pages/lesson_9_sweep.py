"""Lesson 9: the sweep lab: final loss or steps to tolerance over any two numeric hyperparameters.

A click on a cell opens that very run in the Playground.
"""

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_sweep as fx
from lab import scene as sc
from lab.i18n import rule_title, t
from optimizers import schedules
from optimizers.base import Hyper
from ui import chart, lesson as ui

K = "sweep"
STEPS_OPTIONS = (20, 50, 100, 200, 500, 1000, 2000)
GRID_OPTIONS = (16, 24, 32, 48, 64, 96, 128)
SLOTS = ("ax1", "ax2")  # across, up
_RUN = {h.name: h for h in sc.RUN_SETTINGS}
# engine settings a sweep may vary beside the rule's own, with the Playground's ranges (so a cell's link is not clamped);
# the engine's coupled L2 decay cannot be a sweep axis (it is traced as "l2"): it is only among the fixed settings
ENGINE_AXES = {
    "clip_norm": Hyper("clip_norm", 1.0, _RUN["clip_threshold"].low, _RUN["clip_threshold"].high, log=True),
    "warmup_steps": next(h for h in schedules.HYPERPARAMS if h.name == "warmup_steps"),
    "noise": _RUN["noise"],
}
ENGINE_FIXED = {"noise": _RUN["noise"], "warmup_steps": ENGINE_AXES["warmup_steps"], "weight_decay": _RUN["weight_decay"]}
DEFAULT = {"rule": "momentum", "surface": "rosenbrock", "steps": 200, "n": 48, "metric": "final_loss"}
DEFAULT_LR = (1e-4, 3e-3)  # Rosenbrock's steep walls: much larger steps diverge


def k(*parts) -> str:
    return ".".join((K, *parts))


# ----------------------------------------------------------------------------
# what can be swept, and its defaults


def surface_axes(surface_name: str) -> dict[str, Hyper]:
    """The surface's traced numeric parameters (structural and whole-number ones change the program: left out)."""
    traced = landscapes.get(surface_name).params
    return {p.name: Hyper(p.name, p.default, p.low, p.high, log=p.log)
            for p in landscapes.params(surface_name) if p.name in traced and not p.integer and not p.structural}


def rule_axes(rule: str) -> dict[str, Hyper]:
    """The rule's numeric hyperparameters, then the engine's settings it has no own version of."""
    out = {h.name: h for h in optimizers.rule_info(rule).hyperparams if h.numeric}
    return {**out, **{n: h for n, h in ENGINE_AXES.items() if n not in out}}


def axes_for(rule: str, surface_name: str) -> dict[str, Hyper]:
    own = rule_axes(rule)
    return {**own, **{n: h for n, h in surface_axes(surface_name).items() if n not in own}}


def default_range(h: Hyper) -> tuple[float, float, bool]:
    """Two decades either side of the default on a log axis (within the slider's range); the whole range otherwise."""
    if h.log:
        low, high = max(h.low, h.default / 100), min(h.high, h.default * 100)
        return float(f"{low:.6g}"), float(f"{high:.6g}"), True
    return float(h.low), float(h.high), False


def axis_label(name: str, surface_name: str, lang: str) -> str:
    if name in surface_axes(surface_name):
        return t("lesson.sweep.axis.surface", lang, name=name)
    if name == "clip_norm":
        return t("lesson.sweep.axis.clip_norm", lang)
    return t(f"hp.{name}", lang)


# ----------------------------------------------------------------------------
# callbacks: they write the widgets' state before the next run


def set_axis(slot: str, name: str) -> None:
    ss = st.session_state
    h = axes_for(ss[k("rule")], ss[k("surface")])[name]
    low, high, log = default_range(h)
    ss.update({k(slot, "name"): name, k(slot, "low"): low, k(slot, "high"): high, k(slot, "log"): log})


def second_axis(rule: str, surface_name: str, first: str) -> str:
    """The rule's next hyperparameter, else a surface parameter, else an engine setting."""
    own = [h.name for h in optimizers.rule_info(rule).hyperparams if h.numeric]
    for name in (*own, *surface_axes(surface_name), *ENGINE_AXES):
        if name != first:
            return name
    return first


def reset_rule() -> None:
    ss = st.session_state
    rule = ss[k("rule")]
    settings = sc.Contestant(rule).settings()  # the Playground's defaults: the sweep and its links agree
    for name in fixed_names(rule):
        ss[k("fix", name)] = float(settings[name])
    reset_axes()


def reset_surface() -> None:
    ss = st.session_state
    for p in landscapes.params(ss[k("surface")]):
        ss[k("p", p.name)] = p.default
    reset_axes()


def reset_axes() -> None:
    ss = st.session_state
    rule, surface = ss[k("rule")], ss[k("surface")]
    names = axes_for(rule, surface)
    if ss.get(k("ax1", "name")) not in names:
        set_axis("ax1", "learning_rate")
    if ss.get(k("ax2", "name")) not in names or ss[k("ax2", "name")] == ss[k("ax1", "name")]:
        set_axis("ax2", second_axis(rule, surface, ss[k("ax1", "name")]))
    # a kept name keeps its range only where the new slider range holds it (the saddle's a: 0.1-5, Rosenbrock's: 0.1-3)
    for slot in SLOTS:
        h = names[ss[k(slot, "name")]]
        if not h.low <= ss[k(slot, "low")] <= ss[k(slot, "high")] <= h.high:
            set_axis(slot, ss[k(slot, "name")])
    ss.pop(k("cell"), None)


def on_axis_name(slot: str) -> None:
    set_axis(slot, st.session_state[k(slot, "name")])
    st.session_state.pop(k("cell"), None)


def on_polyak() -> None:
    """Try this: heavy-ball momentum on a κ = 100 valley, η against β, around Polyak's optimum."""
    ss = st.session_state
    ss.update({k("rule"): "momentum", k("surface"): "quadratic", k("steps"): 200, k("n"): 64, k("metric"): "final_loss"})
    reset_rule()
    reset_surface()
    ss[k("p", "condition")] = 100.0
    set_axis("ax1", "learning_rate")
    ss.update({k("ax1", "low"): 0.1, k("ax1", "high"): 10.0})
    set_axis("ax2", "momentum")
    ss.update({k("ax2", "low"): 0.0, k("ax2", "high"): 0.99})


def on_chart_click(event) -> None:
    """A click on a cell: remember its centre (the page maps it to the cell)."""
    point = fx.clicked_point(event, st.session_state.get(k("catcher")))
    if point is not None:
        st.session_state[k("cell")] = point


def fixed_names(rule: str) -> list[str]:
    """The settings shown as fixed numbers: the rule's numeric hyperparameters, then the engine's (no duplicates)."""
    own = [h.name for h in optimizers.rule_info(rule).hyperparams if h.numeric]
    return own + [n for n in ENGINE_FIXED if n not in own]


def init() -> None:
    ss = st.session_state
    if k("rule") in ss:
        return
    ss.update({k(name): value for name, value in DEFAULT.items()})
    reset_rule()
    reset_surface()
    ss.update({k("ax1", "low"): DEFAULT_LR[0], k("ax1", "high"): DEFAULT_LR[1]})


# ----------------------------------------------------------------------------
# the computation (cached on plain values) and the Playground scene of one cell


@st.cache_data(max_entries=16, show_spinner=False)
def run_sweep(surface_name: str, surface_params: tuple, rule: str, steps: int, axes: tuple, fixed: tuple):
    """`optimizers.sweep` over ``axes`` = ((name, low, high, n, log), (…)) with the ``fixed`` keywords."""
    surface = landscapes.get(surface_name, **dict(surface_params))
    grid = {name: fx.axis_values(low, high, n, log) for name, low, high, n, log in axes}
    return optimizers.sweep(surface, rule, None, steps, grid=grid, **dict(fixed))


def cell_scene(rule: str, surface_name: str, surface_params: dict, steps: int, hp: dict, cell: dict) -> sc.Scene:
    """The Playground scene of one cell: the fixed settings plus the cell's two values, in the scene's own names."""
    hp, sp = dict(hp), dict(surface_params)
    for name, value in cell.items():
        if name in surface_axes(surface_name):
            sp[name] = value
        elif name == "clip_norm":  # the engine's clip_norm is the Playground's clip = norm with a threshold
            hp.update(clip="norm", clip_threshold=value)
        else:
            hp[name] = value
    return sc.Scene(surface=surface_name, surface_params=sp, steps=steps, contestants=[sc.Contestant(rule, hp)])


# ----------------------------------------------------------------------------
# the page


def lesson() -> None:
    lang = st.session_state.get("lang", "en")
    init()
    ss = st.session_state
    ui.header(K)
    ui.formula(
        r"C(p_1, p_2) = f\big(\theta_T(p_1, p_2)\big) - f^\star,\qquad"
        r" T_{\mathrm{tol}}(p_1, p_2) = \min\{t : f(\theta_t) - f^\star \le \mathrm{tol}\}",
        r"v_t = \beta v_{t-1} + \nabla f(\theta_t),\quad \theta_{t+1} = \theta_t - \eta v_t:\qquad"
        r" \eta^\star = \frac{4}{(\sqrt{L}+\sqrt{\mu})^2},\quad"
        r"\beta^\star = \Big(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\Big)^2",
    )
    ui.try_this(K, on_polyak)

    # 1) what to sweep
    a, b, c, d = st.columns(4)
    a.selectbox(t("lesson.sweep.rule", lang), optimizers.names(), key=k("rule"), on_change=reset_rule,
                format_func=lambda r: rule_title(r, lang))
    b.selectbox(t("lesson.sweep.surface", lang), landscapes.names(), key=k("surface"), on_change=reset_surface,
                format_func=lambda n: t(f"surface.{n}", lang))
    c.select_slider(t("lesson.sweep.steps", lang), STEPS_OPTIONS, key=k("steps"))
    d.select_slider(t("lesson.sweep.n", lang), GRID_OPTIONS, key=k("n"))
    rule, surface_name = ss[k("rule")], ss[k("surface")]
    names = axes_for(rule, surface_name)
    cols = st.columns(2)
    for slot, col, title in zip(SLOTS, cols, ("lesson.sweep.axis_x", "lesson.sweep.axis_y")):
        with col:
            axis_controls(slot, t(title, lang), names, surface_name, lang)
    st.radio(t("lesson.sweep.metric", lang), fx.METRICS, key=k("metric"), horizontal=True,
             format_func=lambda m: t(f"lesson.sweep.metric.{m}", lang))
    swept = [ss[k(slot, "name")] for slot in SLOTS]
    with st.expander(t("lesson.sweep.fixed", lang)):
        hp, sp = fixed_controls(rule, surface_name, swept, lang)

    # 2) the sweep, or a clear message about the request
    error = check(swept, names, surface_name, lang)
    if error:
        st.error(error)
    else:
        show_sweep(rule, surface_name, swept, hp, sp, lang)
    ui.source(optimizers.engine.sweep, fx.sweep_figure, cell_scene)
    ui.references("cs231n", "goh2017", "sutskever2013")


def axis_controls(slot: str, title: str, names: dict, surface_name: str, lang: str) -> None:
    st.selectbox(title, list(names), key=k(slot, "name"), on_change=on_axis_name, args=(slot,),
                 format_func=lambda n: axis_label(n, surface_name, lang))
    h = names[st.session_state[k(slot, "name")]]
    lo, hi, lg = st.columns([2, 2, 1])
    step = None if h.log else (h.high - h.low) / 100
    lo.number_input(t("lesson.sweep.low", lang), float(h.low), float(h.high), key=k(slot, "low"), format="%g", step=step)
    hi.number_input(t("lesson.sweep.high", lang), float(h.low), float(h.high), key=k(slot, "high"), format="%g", step=step)
    lg.checkbox(t("lesson.sweep.log", lang), key=k(slot, "log"))


def fixed_controls(rule: str, surface_name: str, swept: list[str], lang: str) -> tuple[dict, dict]:
    """Number boxes for every setting not swept.

    Returns the rule's settings that differ from the Playground's defaults, and the surface's.
    """
    ss = st.session_state
    specs = {**ENGINE_FIXED, **axes_for(rule, surface_name)}
    settings = sc.Contestant(rule).settings()
    shown = [n for n in fixed_names(rule) if n not in swept]
    surface_specs = {p.name: p for p in landscapes.params(surface_name)}
    surface_shown = [n for n in surface_axes(surface_name) if n not in swept]
    cols = st.columns(4)
    for i, name in enumerate([*shown, *surface_shown]):
        h = specs[name]
        step = h.default / 10 if h.log and h.default > 0 else (h.high - h.low) / 100
        cols[i % 4].number_input(axis_label(name, surface_name, lang), float(h.low), float(h.high),
                                 key=k("fix", name) if name in shown else k("p", name), format="%g", step=step)
    hp = {n: float(ss[k("fix", n)]) for n in shown if float(ss[k("fix", n)]) != settings[n]}
    sp = {n: float(ss[k("p", n)]) for n in surface_specs if n not in swept and n in surface_axes(surface_name)
          and float(ss[k("p", n)]) != surface_specs[n].default}
    return hp, sp


def check(swept: list[str], names: dict, surface_name: str, lang: str) -> str | None:
    """A message for a request that cannot be swept, else None."""
    ss = st.session_state
    if swept[0] == swept[1]:
        return t("lesson.sweep.err.same", lang)
    for slot, name in zip(SLOTS, swept):
        low, high, log = float(ss[k(slot, "low")]), float(ss[k(slot, "high")]), bool(ss[k(slot, "log")])
        label = axis_label(name, surface_name, lang)
        if log and low <= 0:
            return t("lesson.sweep.err.log", lang, axis=label, low=f"{low:g}")
        if not low < high:
            return t("lesson.sweep.err.order", lang, axis=label, low=f"{low:g}", high=f"{high:g}")
    return None


def show_sweep(rule: str, surface_name: str, swept: list[str], hp: dict, sp: dict, lang: str) -> None:
    ss = st.session_state
    steps, n, metric = int(ss[k("steps")]), int(ss[k("n")]), ss[k("metric")]
    logs = [bool(ss[k(slot, "log")]) for slot in SLOTS]
    axes = tuple((name, float(ss[k(slot, "low")]), float(ss[k(slot, "high")]), n, log)
                 for slot, name, log in zip(SLOTS, swept, logs))
    kw = sc.Contestant(rule, hp).run_kwargs()
    fixed = tuple(sorted((key, v) for key, v in kw.items() if key not in swept))
    try:
        with st.spinner(t("lesson.sweep.running", lang, cells=f"{n * n:,}", steps=steps)):
            result = run_sweep(surface_name, tuple(sorted(sp.items())), rule, steps, axes, fixed)
    except ValueError as err:
        st.error(t("lesson.sweep.err.engine", lang, reason=str(err)))
        return
    surface = landscapes.get(surface_name, **sp)
    f_min = minimum_per_cell(surface_name, sp, swept, result.values)
    titles = [axis_label(name, surface_name, lang) for name in swept]
    best = fx.best_cell(result, metric)
    picked = ss.get(k("cell"))
    cell = fx.nearest_cell(result.values, picked, logs) if picked is not None else best
    marks = []
    if best is not None:
        best_xy = (float(result.values[0][best[0]]), float(result.values[1][best[1]]))
        marks.append((t("lesson.sweep.fig.best", lang), *best_xy, "star"))
    polyak = polyak_point(rule, surface, swept, hp)
    if polyak is not None:
        marks.append((t("lesson.sweep.fig.polyak", lang), *polyak["point"], "x"))
    words = ("diverged", "never", "loss_log", "loss", "steps", "final", "selected")
    labels = {w: t(f"lesson.sweep.fig.{w}", lang) for w in words}
    fig = fx.sweep_figure(result, metric=metric, f_min=f_min, titles=titles, logs=logs, marks=marks,
                          selected=cell if picked is not None else None, labels=labels, projector=ui.projector())
    ss[k("catcher")] = next(i for i, tr in enumerate(fig.data) if tr.name == fx.CLICK_TRACE_NAME)
    chart.figure(fig, key=k("chart"), on_click=on_chart_click)
    diverged = int(np.isfinite(result.diverged_at).sum())
    st.caption(t("lesson.sweep.caption", lang, cells=f"{result.final_loss.size:,}", steps=steps, x0=f"{surface.start[0]:g}",
                 y0=f"{surface.start[1]:g}", tol=f"{result.tol:.3g}", diverged=f"{diverged:,}"))
    if metric == "steps_to_tol" and np.ptp(np.nan_to_num(f_min)) > 1e-9:
        st.info(t("lesson.sweep.note.tol", lang))
    if polyak is not None and best is not None:
        st.markdown(t("lesson.sweep.polyak", lang, eta=f"{polyak['eta']:.3f}", beta=f"{polyak['beta']:.3f}",
                      L=f"{polyak['L']:.3g}", mu=f"{polyak['mu']:.3g}", steps=steps,
                      best_eta=f"{result.values[swept.index('learning_rate')][best[swept.index('learning_rate')]]:.3f}",
                      best_beta=f"{result.values[swept.index('momentum')][best[swept.index('momentum')]]:.3f}"))
    if cell is None:
        st.warning(t("lesson.sweep.none", lang))
        return
    if picked is None:
        st.caption(t("lesson.sweep.click", lang))
    i, j = cell
    values = {swept[0]: float(result.values[0][i]), swept[1]: float(result.values[1][j])}
    loss = result.final_loss[i, j]
    if np.isfinite(result.diverged_at[i, j]):
        loss_text = t("lesson.sweep.diverged_at", lang, step=int(result.diverged_at[i, j]))
    else:
        loss_text = f"{loss:.4g}"
    steps_to = result.steps_to_tol[i, j]
    which = t("lesson.sweep.cell.selected" if picked is not None else "lesson.sweep.cell.best", lang)
    st.markdown(t("lesson.sweep.cell", lang, which=which,
                  values=", ".join(f"{title} = {values[name]:.4g}" for title, name in zip(titles, swept)), loss=loss_text,
                  steps_to=t("lesson.sweep.never", lang) if not np.isfinite(steps_to) else int(steps_to)))
    ui.playground_link(cell_scene(rule, surface_name, sp, steps, hp, values))


def minimum_per_cell(surface_name: str, sp: dict, swept: list[str], values) -> np.ndarray:
    """f* of each cell's surface: it changes along a swept surface parameter that moves the minimum (saddle's c, well's tilt)."""
    f_min = np.full(tuple(v.size for v in values), landscapes.get(surface_name, **sp).f_min)
    for axis, name in enumerate(swept):
        if name in surface_axes(surface_name):
            along = np.array([landscapes.get(surface_name, **{**sp, name: float(v)}).f_min for v in values[axis]])
            f_min = np.broadcast_to(along[:, None] if axis == 0 else along[None, :], f_min.shape).copy()
    return f_min


def polyak_point(rule: str, surface, swept: list[str], hp: dict) -> dict | None:
    """Polyak's optimal heavy-ball (η*, β*) on a quadratic, from its Hessian's eigenvalues; None when it does not apply."""
    if rule != "momentum" or surface.name != "quadratic" or set(swept) != {"learning_rate", "momentum"}:
        return None
    eig = np.linalg.eigvalsh(np.asarray(surface.hessian(surface.minima[0]), dtype=np.float64))
    mu, L = float(eig[0]), float(eig[-1])
    kappa = L / mu
    eta = 4 / (math.sqrt(L) + math.sqrt(mu)) ** 2
    beta = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    point = (eta, beta) if swept[0] == "learning_rate" else (beta, eta)
    return {"eta": eta, "beta": beta, "L": L, "mu": mu, "point": point}


lesson()
