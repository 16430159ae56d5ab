"""The sweep lab's map: one sweep over two settings, the minimum of each cell's surface, the best and the chosen cell,
and a cell's Playground scene. Pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

import landscapes
import optimizers
from lab import scene as sc
from lessons.sweep import Request, axis_values, polyak_point, surface_axes


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


def best_cell(result, metric: str) -> tuple[int, int] | None:
    """The cell with the lowest metric, ties broken by the other (many runs may reach an exact 0); None when all failed."""
    loss = np.where(np.isfinite(result.final_loss), result.final_loss, np.inf).ravel()
    steps = np.where(np.isfinite(result.steps_to_tol), result.steps_to_tol, np.inf).ravel()
    first, then = (steps, loss) if metric == "steps_to_tol" else (loss, steps)
    if not np.isfinite(first).any():
        return None
    k = int(np.lexsort((then, first))[0])  # lexsort: the last key is the primary one
    i, j = np.unravel_index(k, result.final_loss.shape)
    return int(i), int(j)


def nearest_cell(values: Sequence[np.ndarray], point: Sequence[float], logs: Sequence[bool]) -> tuple[int, int]:
    """The grid indices (i, j) of the cell nearest to ``point`` = (value on axis 0, value on axis 1)."""
    out = []
    for v, p, log in zip(values, point, logs):
        v = np.asarray(v, dtype=np.float64)
        d = np.abs(np.log10(v) - math.log10(p)) if log and p > 0 else np.abs(v - p)
        out.append(int(np.argmin(d)))
    return out[0], out[1]


@dataclass(frozen=True)
class Reading:
    """What the page reads off a map: the best cell and the cell shown (the clicked one, else the best) with their
    settings by name; the shown run's final loss, the step it diverged at and its steps to tolerance (None: never);
    how many runs diverged; f* per cell and whether it moves (a swept surface parameter); the runs' start;
    Polyak's optimum where it applies (`polyak_point`); and the points to mark, ("best" or "polyak", x, y)."""

    best: tuple[int, int] | None
    best_values: dict[str, float]
    cell: tuple[int, int] | None
    values: dict[str, float]
    loss: float
    diverged_at: int | None
    steps_to: int | None
    diverged: int
    f_min: np.ndarray
    minimum_moves: bool
    start: tuple[float, float]
    polyak: dict | None

    @property
    def polyak_numbers(self) -> dict[str, str]:
        """Polyak's η*, β*, L, μ and the best cell's η, β as the page prints them."""
        p, best = self.polyak, self.best_values
        return dict(eta=f"{p['eta']:.3f}", beta=f"{p['beta']:.3f}", L=f"{p['L']:.3g}", mu=f"{p['mu']:.3g}",
                    best_eta=f"{best['learning_rate']:.3f}", best_beta=f"{best['momentum']:.3f}")

    @property
    def marks(self) -> list[tuple[str, float, float]]:
        return ([("best", *self.best_values.values())] if self.best is not None else []) + \
            ([("polyak", *self.polyak["point"])] if self.polyak is not None else [])


def read_map(result, req: Request, picked: Sequence[float] | None) -> Reading:
    """The `Reading` of the sweep ``result`` of ``req``; ``picked`` is a clicked (value across, value up), or None."""
    best = best_cell(result, req.metric)
    cell = nearest_cell(result.values, picked, req.logs) if picked is not None else best
    surface, f_min = landscapes.get(req.surface, **req.sp), minimum_per_cell(req.surface, req.sp, req.swept, result.values)

    def values(c):
        return {} if c is None else {req.swept[0]: float(result.values[0][c[0]]), req.swept[1]: float(result.values[1][c[1]])}

    def step(a):  # a step count of the shown cell; NaN (never diverged, never reached) is None
        return None if cell is None or not np.isfinite(a[cell]) else int(a[cell])

    return Reading(best, values(best), cell, values(cell), math.nan if cell is None else float(result.final_loss[cell]),
                   step(result.diverged_at), step(result.steps_to_tol), int(np.isfinite(result.diverged_at).sum()),
                   f_min, bool(np.ptp(np.nan_to_num(f_min)) > 1e-9), surface.start,
                   polyak_point(req.rule, surface, req.swept))


def sweep_map(surface_name: str, surface_params: Sequence, rule: str, steps: int, axes: Sequence, fixed: Sequence):
    """`optimizers.sweep` over ``axes`` = ((name, low, high, n, log), (…)) with the ``fixed`` keywords (pairs), on the
    named surface with ``surface_params`` (pairs)."""
    grid = {name: axis_values(low, high, n, log) for name, low, high, n, log in axes}
    return optimizers.sweep(landscapes.get(surface_name, **dict(surface_params)), rule, None, steps, grid=grid, **dict(fixed))
