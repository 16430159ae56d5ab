r"""The sweep lab's computations: what can be swept (the lab's axis model) and where Polyak's optimum (the formula:
`lessons.momentum.polyak`) lies on a map. The map's cells are read in `lessons.sweep_map`; grid against random
search is in `lessons.sweep_search`.

The lab's state is a plain mapping: the rule, the surface, each axis's name and range (``ax1.name``, ``ax1.low``,
``ax1.high``, ``ax1.log``; ``ax1`` across, ``ax2`` up), the fixed settings (``fix.<name>``) and the surface's
parameters (``p.<name>``). The functions below return what to change in it when the learner picks a rule, a
surface or an axis; the page keeps it under its own prefix.

Polyak's heavy ball on a quadratic with Hessian eigenvalues μ ≤ L (κ = L/μ)
converges fastest at

.. math::

    \eta^\star = \frac{4}{(\sqrt L + \sqrt\mu)^2},\qquad
    \beta^\star = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2 ,

where every error component shrinks by :math:`\sqrt{\beta^\star} = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)` per step.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

import landscapes
import optimizers
from lab import scene as sc
from lessons import curvature
from lessons.momentum import polyak  # lesson 3's: Polyak's optimum exists once
from optimizers import settings
from optimizers.settings import Setting

DIGITS = 6  # significant digits of a swept value: round numbers, written as such by `lab.scene.to_query`
# engine settings a sweep may vary beside the rule's own, with the settings table's ranges (so a cell's link is not
# clamped; clipping's axis is centred on 1, not on "off"); the engine's coupled L2 decay cannot be a sweep axis (it
# is traced as "l2"): only a fixed setting
ENGINE_AXES = {
    "clip_norm": settings.get("clip_norm").with_default(1.0),
    "warmup_steps": settings.get("warmup_steps"),
    "noise": settings.get("noise"),
}
ENGINE_FIXED = {name: settings.get(name) for name in ("noise", "warmup_steps", "weight_decay")}
SLOTS = ("ax1", "ax2")  # across, up
STEPS_OPTIONS = (20, 50, 100, 200, 500, 1000, 2000)
GRID_SIDES = (16, 24, 32, 48, 64, 96, 128)  # cells per side
# The most work one map may ask for, in gradient evaluations of one sample (an analytic surface's gradient counts
# one): on this app's 2-core server about a second (a regression cell at one step costs its N samples; measured
# 6 s for 128 x 128 cells x 2000 steps x 100 samples, 3.3e9). A larger request is drawn with fewer cells, and said.
WORK_BUDGET = 5e8
DEFAULT = {"rule": "momentum", "surface": "rosenbrock", "steps": 200, "n": 48, "metric": "final_loss", "budget": 25}
DEFAULT_LR = (1e-4, 3e-3)  # Rosenbrock's steep walls: much larger steps diverge
FORMULAS = (  # the lesson's notes: what a cell shows, and Polyak's optimum
    r"C(p_1, p_2) = f\big(\theta_T(p_1, p_2)\big) - f^\star,\qquad"
    r" T_{\mathrm{tol}}(p_1, p_2) = \min\{t : f(\theta_t) - f^\star \le \mathrm{tol}\}",
    r"v_t = \beta v_{t-1} + \nabla f(\theta_t),\quad \theta_{t+1} = \theta_t - \eta v_t:\qquad"
    r" \eta^\star = \frac{4}{(\sqrt{L}+\sqrt{\mu})^2},\quad"
    r"\beta^\star = \Big(\frac{\sqrt{\kappa}-1}{\sqrt{\kappa}+1}\Big)^2",
)
# try this: heavy-ball momentum on a κ = 100 valley, η against β, around Polyak's optimum
POLYAK = {"rule": "momentum", "surface": "quadratic", "surface_params": {"condition": 100.0}, "steps": 200, "n": 64,
          "axes": (("learning_rate", 0.1, 10.0, True), ("momentum", 0.0, 0.99, False))}


# ----------------------------------------------------------------------------
# what can be swept


def rounded(values) -> np.ndarray:
    """Each value to 6 significant digits: round numbers on the axes, and short links to a cell's run (a link writes
    a value of 6 digits as 6 digits, any other exactly)."""
    return np.array([float(f"{v:.{DIGITS}g}") for v in np.ravel(values)])


def axis_values(low: float, high: float, n: int, log: bool) -> np.ndarray:
    """``n`` values from ``low`` to ``high`` (log-spaced when ``log``), each rounded to 6 significant digits."""
    return rounded(np.geomspace(low, high, n) if log else np.linspace(low, high, n))


def surface_axes(surface_name: str) -> dict[str, Setting]:
    """The surface's traced numeric parameters (structural and whole-number ones change the program: left out)."""
    traced = landscapes.get(surface_name).params
    return {p.name: Setting(p.name, p.default, p.low, p.high, log=p.log)
            for p in landscapes.params(surface_name) if p.name in traced and not p.integer and not p.structural}


def rule_axes(rule: str) -> dict[str, Setting]:
    """The rule's numeric hyperparameters, then the engine's settings it has no own version of."""
    out = {h.name: h for h in optimizers.rule_info(rule).hyperparams if h.numeric}
    return {**out, **{n: h for n, h in ENGINE_AXES.items() if n not in out}}


def axes_for(rule: str, surface_name: str) -> dict[str, Setting]:
    own = rule_axes(rule)
    return {**own, **{n: h for n, h in surface_axes(surface_name).items() if n not in own}}


def default_range(h: Setting) -> tuple[float, float, bool]:
    """Two decades either side of the default on a log axis (within the slider's range); the whole range otherwise."""
    if h.log:
        low, high = max(h.low, h.default / 100), min(h.high, h.default * 100)
        return float(f"{low:.6g}"), float(f"{high:.6g}"), True
    return float(h.low), float(h.high), False


def second_axis(rule: str, surface_name: str, first: str) -> str:
    """The rule's next hyperparameter, else a surface parameter, else an engine setting."""
    own = [h.name for h in optimizers.rule_info(rule).hyperparams if h.numeric]
    for name in (*own, *surface_axes(surface_name), *ENGINE_AXES):
        if name != first:
            return name
    return first


def fixed_names(rule: str) -> list[str]:
    """The settings shown as fixed numbers: the rule's numeric hyperparameters, then the engine's (no duplicates)."""
    own = [h.name for h in optimizers.rule_info(rule).hyperparams if h.numeric]
    return own + [n for n in ENGINE_FIXED if n not in own]


def request_error(swept: Sequence[str], ranges: Sequence[tuple[float, float, bool]]) -> tuple[str, int | None] | None:
    """What is wrong with a request, as (kind, axis index): "same", "log" (a log axis from ≤ 0), "order"; else None."""
    if swept[0] == swept[1]:
        return "same", None
    for i, (low, high, log) in enumerate(ranges):
        if log and low <= 0:
            return "log", i
        if not low < high:
            return "order", i
    return None


# ----------------------------------------------------------------------------
# the lab's state: what a choice of rule, surface or axis changes


def axis_state(rule: str, surface_name: str, slot: str, name: str) -> dict:
    """Axis ``slot`` set to ``name`` with its default range (`default_range`)."""
    low, high, log = default_range(axes_for(rule, surface_name)[name])
    return {f"{slot}.name": name, f"{slot}.low": low, f"{slot}.high": high, f"{slot}.log": log}


def rule_state(rule: str) -> dict:
    """The rule's fixed settings at the Playground's defaults (so the sweep and its links agree)."""
    settings = sc.Contestant(rule).settings()
    return {f"fix.{name}": float(settings[name]) for name in fixed_names(rule)}


def surface_state(surface_name: str) -> dict:
    """The surface's parameters at their defaults."""
    return {f"p.{p.name}": p.default for p in landscapes.params(surface_name)}


def fitted_axes(state: Mapping, rule: str, surface_name: str) -> dict:
    """What to change so both axes can be swept with ``rule`` on ``surface_name``, and the chosen cell forgotten.

    An axis whose name is gone becomes the learning rate (across) or the next setting (up, never the same as
    across); a kept name keeps its range only where the new slider range holds it (the saddle's a: 0.1-5,
    Rosenbrock's: 0.1-3).
    """
    s, names = dict(state), axes_for(rule, surface_name)
    if s.get("ax1.name") not in names:
        s.update(axis_state(rule, surface_name, "ax1", "learning_rate"))
    if s.get("ax2.name") not in names or s["ax2.name"] == s["ax1.name"]:
        s.update(axis_state(rule, surface_name, "ax2", second_axis(rule, surface_name, s["ax1.name"])))
    for slot in SLOTS:
        h = names[s[f"{slot}.name"]]
        if not h.low <= s[f"{slot}.low"] <= s[f"{slot}.high"] <= h.high:
            s.update(axis_state(rule, surface_name, slot, s[f"{slot}.name"]))
    return {**{key: v for key, v in s.items() if key not in state or state[key] != v}, "cell": None}


def changed(state: Mapping, what: str) -> dict:
    """What a new choice changes: a rule resets its fixed settings, a surface its parameters, and both refit the axes
    (`fitted_axes`); a new name on axis ``what`` ("ax1", "ax2") takes its default range. No cell stays chosen."""
    rule, surface_name = state["rule"], state["surface"]
    if what in SLOTS:
        return {**axis_state(rule, surface_name, what, state[f"{what}.name"]), "cell": None}
    fresh = rule_state(rule) if what == "rule" else surface_state(surface_name)
    return {**fresh, **fitted_axes(state, rule, surface_name)}


def scene_state(scene: Mapping) -> dict:
    """The whole lab set to ``scene`` (like `POLYAK`): rule, surface (defaults, then ``surface_params``), steps, both
    ``axes`` = ((name, low, high, log), (…)), the final loss shown and no chosen cell; ``n`` cells per side if given."""
    out = {"rule": scene["rule"], "surface": scene["surface"], "steps": scene["steps"], "metric": "final_loss",
           "cell": None, **rule_state(scene["rule"]), **surface_state(scene["surface"]),
           **{f"p.{n}": v for n, v in scene.get("surface_params", {}).items()}, **({"n": scene["n"]} if "n" in scene else {})}
    for slot, (name, low, high, log) in zip(SLOTS, scene["axes"]):
        out.update({f"{slot}.name": name, f"{slot}.low": low, f"{slot}.high": high, f"{slot}.log": log})
    return out


def initial_state() -> dict:
    """A first visit: momentum on Rosenbrock, η across (`DEFAULT_LR`) against β up."""
    s = {**DEFAULT, **rule_state(DEFAULT["rule"]), **surface_state(DEFAULT["surface"])}
    s.update(fitted_axes(s, DEFAULT["rule"], DEFAULT["surface"]))
    return {**s, "ax1.low": DEFAULT_LR[0], "ax1.high": DEFAULT_LR[1]}


def shown_fixed(rule: str, surface_name: str, swept: Sequence[str]) -> tuple[list[str], list[str]]:
    """The rule's and the engine's settings not swept, and the surface's parameters not swept."""
    shown = [n for n in fixed_names(rule) if n not in swept]
    return shown, [n for n in surface_axes(surface_name) if n not in swept]


def fixed_boxes(rule: str, surface_name: str, swept: Sequence[str]) -> list[tuple[str, str, Setting, float]]:
    """A number box per setting not swept: (its state key, its name, its range, the box's step)."""
    specs, (shown, surface_shown) = {**ENGINE_FIXED, **axes_for(rule, surface_name)}, shown_fixed(rule, surface_name, swept)
    return [(f"fix.{n}" if n in shown else f"p.{n}", n, h, h.default / 10 if h.log and h.default > 0 else (h.high - h.low) / 100)
            for n, h in ((n, specs[n]) for n in [*shown, *surface_shown])]


@dataclass(frozen=True)
class Request:
    """A sweep as the lab's state asks for it: the rule, the surface, the two swept names and their ranges
    ((low, high, log), …), steps, cells per side, the metric shown, and the fixed settings that differ from the
    Playground's defaults (``hp``) and the surface's parameters that differ from theirs (``sp``)."""

    rule: str
    surface: str
    swept: tuple[str, str]
    ranges: tuple[tuple[float, float, bool], ...]
    steps: int
    n: int
    metric: str
    hp: dict
    sp: dict

    @property
    def problem(self) -> tuple[str, int | None] | None:
        return request_error(self.swept, self.ranges)

    @property
    def logs(self) -> list[bool]:
        return [log for *_, log in self.ranges]

    @property
    def axes(self) -> tuple:
        """((name, low, high, n, log), (…)) for `sweep_map`."""
        return tuple((name, low, high, self.n, log) for name, (low, high, log) in zip(self.swept, self.ranges))

    @property
    def work(self) -> float:
        """Gradient evaluations of one sample the map costs: cells x steps x the surface's samples (1 if analytic)."""
        return self.n * self.n * self.steps * (samples_of(self.surface, self.sp) or 1)

    def fitted(self) -> Request:
        """This request within `WORK_BUDGET`: the most cells per side of `GRID_SIDES` that fit (at least the fewest)."""
        per_cell = self.work / (self.n * self.n)
        n = max([side for side in GRID_SIDES if side <= self.n and side * side * per_cell <= WORK_BUDGET] or [GRID_SIDES[0]])
        return dataclasses.replace(self, n=n)

    @property
    def run(self) -> dict:
        """The engine's arguments as plain values (`sweep_map`, `lessons.search.grid_and_random`): the surface and its
        parameters, the rule, the steps and the settings not swept in the engine's names."""
        kw = sc.Contestant(self.rule, dict(self.hp)).settings()
        fixed = tuple(sorted((key, v) for key, v in kw.items() if key not in self.swept))
        return dict(surface_name=self.surface, surface_params=tuple(sorted(self.sp.items())), rule=self.rule,
                    steps=self.steps, fixed=fixed)


def samples_of(surface_name: str, sp: Mapping[str, float]) -> int | None:
    """How many samples the surface's loss averages over (None for an analytic surface)."""
    return landscapes.get(surface_name, **sp).n_samples


def request(state: Mapping) -> Request:
    """The `Request` the lab's state makes."""
    rule, surface_name = state["rule"], state["surface"]
    swept = (state["ax1.name"], state["ax2.name"])
    settings, defaults = sc.Contestant(rule).settings(), {p.name: p.default for p in landscapes.params(surface_name)}
    shown, surface_shown = shown_fixed(rule, surface_name, swept)
    hp = {n: float(state[f"fix.{n}"]) for n in shown if float(state[f"fix.{n}"]) != settings[n]}
    sp = {n: float(state[f"p.{n}"]) for n in surface_shown if float(state[f"p.{n}"]) != defaults[n]}
    ranges = tuple((float(state[f"{slot}.low"]), float(state[f"{slot}.high"]), bool(state[f"{slot}.log"])) for slot in SLOTS)
    return Request(rule, surface_name, swept, ranges, int(state["steps"]), int(state["n"]), state["metric"], hp, sp)


# ----------------------------------------------------------------------------
# Polyak's optimum on the map


def polyak_point(rule: str, surface, swept: Sequence[str]) -> dict | None:
    """Polyak's optimal heavy-ball (η*, β*) on a quadratic, from its Hessian's eigenvalues; None when it does not apply."""
    if rule != "momentum" or surface.name != "quadratic" or set(swept) != {"learning_rate", "momentum"}:
        return None
    mu, big_l, kappa = curvature.curvature(surface)
    eta, beta, _ = polyak(kappa, big_l)
    point = (eta, beta) if swept[0] == "learning_rate" else (beta, eta)
    return {"eta": eta, "beta": beta, "L": big_l, "mu": mu, "point": point}
