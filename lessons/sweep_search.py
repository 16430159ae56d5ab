"""Grid search against random search with the same budget (Bergstra & Bengio, 2012), for the sweep lab.

With a budget of n = k² runs over two hyperparameters, a k × k grid tries only k distinct values of each; n random
points (uniform in each axis's range, log-uniform on a log axis) try n distinct values of each. When only one of the
two matters, the grid has spent k runs on every value of it, and random search has looked at k times as many.
Each run is one engine run; pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

import landscapes
import optimizers
from lessons.sweep import axis_values, rounded, surface_axes


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

    @property
    def best_gap(self) -> float:
        """The smallest gap (inf when every run diverged)."""
        return float(self.gaps[self.best])


def grid_and_random(surface_name: str, surface_params, rule: str, steps: int, names: Sequence[str], ranges, k: int,
                    seed: int, fixed) -> tuple[Search, Search]:
    """A k × k grid search and a random search of the same k² runs over the same ranges; ``surface_params`` and the
    ``fixed`` keywords as mappings or (name, value) pairs."""
    sp, fixed = dict(surface_params), dict(fixed)
    out = []
    for pts in (grid_points(ranges, k), random_points(ranges, k * k, seed)):
        out.append(Search(pts, final_gaps(surface_name, sp, rule, steps, names, pts, fixed), distinct_counts(pts)))
    return out[0], out[1]
