r"""The sweep lab's computations: what can be swept, a cell's scene, Polyak's optimum, and grid against random search.

Grid or random search (Bergstra & Bengio, 2012). With a budget of n = k² runs over
two hyperparameters, a k × k grid tries only k distinct values of each; n random
points (uniform in each axis's range, log-uniform on a log axis) try n distinct
values of each. When only one of the two matters, the grid has spent k runs on
every value of it, and random search has looked at k times as many.

Polyak's heavy ball on a quadratic with Hessian eigenvalues μ ≤ L (κ = L/μ)
converges fastest at

.. math::

    \eta^\star = \frac{4}{(\sqrt L + \sqrt\mu)^2},\qquad
    \beta^\star = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2 .
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

import landscapes
import optimizers
from lab import scene as sc
from optimizers import settings
from optimizers.settings import Setting as Hyper

DIGITS = 6  # significant digits of a swept value: what `lab.scene.to_query` writes
# engine settings a sweep may vary beside the rule's own, with the settings table's ranges (so a cell's link is not
# clamped; clipping's axis is centred on 1, not on "off"); the engine's coupled L2 decay cannot be a sweep axis (it
# is traced as "l2"): only a fixed setting
ENGINE_AXES = {
    "clip_norm": settings.get("clip_norm").with_default(1.0),
    "warmup_steps": settings.get("warmup_steps"),
    "noise": settings.get("noise"),
}
ENGINE_FIXED = {name: settings.get(name) for name in ("noise", "warmup_steps", "weight_decay")}


# ----------------------------------------------------------------------------
# what can be swept


def rounded(values) -> np.ndarray:
    """Each value to 6 significant digits, the precision a Playground link carries (so a link reproduces its run)."""
    return np.array([float(f"{v:.{DIGITS}g}") for v in np.ravel(values)])


def axis_values(low: float, high: float, n: int, log: bool) -> np.ndarray:
    """``n`` values from ``low`` to ``high`` (log-spaced when ``log``), each rounded to 6 significant digits."""
    return rounded(np.geomspace(low, high, n) if log else np.linspace(low, high, n))


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
# one cell: its Playground scene and its minimum


def cell_scene(rule: str, surface_name: str, surface_params: dict, steps: int, hp: dict, cell: dict) -> sc.Scene:
    """The Playground scene of one cell: the fixed settings plus the cell's two values, in the scene's own names."""
    hp, sp = dict(hp), dict(surface_params)
    for name, value in cell.items():
        if name in surface_axes(surface_name):
            sp[name] = value
        else:
            hp[name] = value
    return sc.Scene(surface=surface_name, surface_params=sp, steps=steps, contestants=[sc.Contestant(rule, hp)])


def minimum_per_cell(surface_name: str, sp: dict, swept: list[str], values) -> np.ndarray:
    """f* of each cell's surface: it changes along a swept surface parameter that moves the minimum (saddle's c, well's tilt)."""
    f_min = np.full(tuple(v.size for v in values), landscapes.get(surface_name, **sp).f_min)
    for axis, name in enumerate(swept):
        if name in surface_axes(surface_name):
            along = np.array([landscapes.get(surface_name, **{**sp, name: float(v)}).f_min for v in values[axis]])
            f_min = np.broadcast_to(along[:, None] if axis == 0 else along[None, :], f_min.shape).copy()
    return f_min


def polyak_point(rule: str, surface, swept: Sequence[str]) -> dict | None:
    """Polyak's optimal heavy-ball (η*, β*) on a quadratic, from its Hessian's eigenvalues; None when it does not apply."""
    if rule != "momentum" or surface.name != "quadratic" or set(swept) != {"learning_rate", "momentum"}:
        return None
    eig = np.linalg.eigvalsh(np.asarray(surface.hessian(surface.minima[0]), dtype=np.float64))
    mu, big_l = float(eig[0]), float(eig[-1])
    kappa = big_l / mu
    # η* = 4/(√L + √μ)², β* = ((√κ − 1)/(√κ + 1))²
    eta = 4 / (math.sqrt(big_l) + math.sqrt(mu)) ** 2
    beta = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    point = (eta, beta) if swept[0] == "learning_rate" else (beta, eta)
    return {"eta": eta, "beta": beta, "L": big_l, "mu": mu, "point": point}


# ----------------------------------------------------------------------------
# grid search against random search, with the same budget


def grid_points(ranges: Sequence[tuple[float, float, bool]], k: int) -> np.ndarray:
    """The k × k grid search over two axes ``ranges`` = ((low, high, log), …): (k², 2) points, ends included."""
    (a, b) = (axis_values(low, high, k, log) for low, high, log in ranges)
    return np.stack(np.meshgrid(a, b, indexing="ij"), axis=-1).reshape(-1, 2)


def random_points(ranges: Sequence[tuple[float, float, bool]], n: int, seed: int) -> np.ndarray:
    """n random points: each coordinate uniform in its range (log-uniform on a log axis), rounded like the grid's."""
    rng = np.random.default_rng(seed)
    cols = []
    for low, high, log in ranges:
        u = rng.uniform(size=n)
        raw = np.exp(np.log(low) + u * (np.log(high) - np.log(low))) if log else low + u * (high - low)
        cols.append(rounded(raw))
    return np.stack(cols, axis=1)


def distinct_counts(points: np.ndarray) -> tuple[int, int]:
    """How many different values each axis was tried at."""
    return int(np.unique(points[:, 0]).size), int(np.unique(points[:, 1]).size)


def final_gaps(surface_name: str, sp: Mapping[str, float], rule: str, steps: int, names: Sequence[str],
               points: np.ndarray, fixed: Mapping[str, object]) -> np.ndarray:
    """f − f* after ``steps`` steps of one engine run per point (inf where the run diverged).

    f* is the minimum of the point's own surface (a swept surface parameter may move it, as on the map);
    the loss itself where the surface lists no minimum.
    """
    surface = landscapes.get(surface_name, **sp)
    own = [i for i, name in enumerate(names) if name in surface_axes(surface_name)]
    out = np.empty(len(points))
    for i, xy in enumerate(points):
        values = {names[0]: float(xy[0]), names[1]: float(xy[1])}
        tr = optimizers.run(surface, rule, None, steps, **{**fixed, **values})
        f_star = landscapes.get(surface_name, **{**sp, **{names[j]: values[names[j]] for j in own}}).f_min if own \
            else surface.f_min
        f_star = 0.0 if f_star is None or math.isnan(f_star) else f_star
        out[i] = np.inf if tr.diverged_at is not None else max(float(tr.loss[-1]) - f_star, 0.0)
    return out


# a problem where only one axis matters: GD on the κ = 10 valley, η against a clipping threshold above every
# gradient norm of the run (GD with η < 2/L never grows one; the start's is about 2), so clipping never acts
ONE_AXIS = {
    "rule": "sgd",
    "surface": "quadratic",
    "steps": 50,
    "axes": (("learning_rate", 0.01, 1.9, True), ("clip_norm", 3.0, 100.0, True)),
}
SEARCH_SEED = 0


@dataclass(frozen=True)
class Search:
    """One search: its points, the final gap f − f* of each run, and the distinct values tried per axis."""

    points: np.ndarray
    gaps: np.ndarray
    distinct: tuple[int, int]

    @property
    def best(self) -> int:
        """The index of the run with the smallest gap."""
        return int(np.argmin(self.gaps))


def grid_and_random(surface_name: str, sp: Mapping[str, float], rule: str, steps: int, names: Sequence[str], ranges,
                    k: int, seed: int, fixed: Mapping[str, object]) -> tuple[Search, Search]:
    """A k × k grid search and a random search of the same k² runs over the same ranges."""
    out = []
    for pts in (grid_points(ranges, k), random_points(ranges, k * k, seed)):
        out.append(Search(pts, final_gaps(surface_name, sp, rule, steps, names, pts, fixed), distinct_counts(pts)))
    return out[0], out[1]
