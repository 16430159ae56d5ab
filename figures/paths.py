"""A labelled, coloured trajectory, and the per-step series drawn from it (loss gap, gradient norm, distance)."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:  # figures draw trajectories; they never run them
    from optimizers.engine import Trajectory

# Added before taking a log, so an exact zero (a float32 loss that reached its minimum) still has a place on the axis.
LOG_FLOOR = 1e-12
DROPPED_BITS = 7  # float32 keeps 23 mantissa bits; 16 are sent


@dataclass(frozen=True)
class Path:
    """One optimizer run as the figures draw it."""

    label: str
    color: str
    traj: Trajectory
    dash: str = "solid"


def f32(a) -> np.ndarray:
    """``a`` as float32 with a 16-bit mantissa (about 5 significant digits), the form every array is sent in.

    Plotly sends float32 arrays as base64 and escapes each "/" of it as six bytes.
    A value just under a power of two (0.9999993 on a plateau, say) has a mantissa
    of ones, whose base64 is mostly "/": a grid of them triples in size. Rounded to
    16 bits those values land on round binary numbers; nothing drawn can tell.
    """
    a = np.asarray(a, dtype=np.float32)
    bits = a.view(np.uint32)
    rounded = (bits + np.uint32(1 << (DROPPED_BITS - 1))) & np.uint32(~((1 << DROPPED_BITS) - 1) & 0xFFFFFFFF)
    return np.where(np.isfinite(a), rounded.view(np.float32), a)


def typed(a: np.ndarray) -> dict[str, str]:
    """A float32 array (already rounded by `f32`) as plotly's typed-array spec, the form plotly itself sends.

    Used for animation frames: plotly checks every NumPy array it is given (about
    0.1 ms each, on validation and again on serialisation), and a figure's frames
    hold hundreds of tiny ones. Encoded here, they pass straight through.
    """
    return {"dtype": "f4", "bdata": base64.b64encode(np.ascontiguousarray(a, dtype=np.float32)).decode("ascii")}


def last_row(traj: Trajectory) -> int:
    """The index of the last position to draw: the end, or the step at which the run diverged."""
    return traj.steps if traj.diverged_at is None else int(traj.diverged_at)


def has_f_min(traj: Trajectory) -> bool:
    return math.isfinite(traj.f_min)


def loss_gap(traj: Trajectory) -> np.ndarray:
    """``f − f_min`` (floored, for a log axis) when the minimum is known, else the raw loss. Length steps+1."""
    loss = traj.loss[: last_row(traj) + 1].astype(np.float64)
    if not has_f_min(traj):
        return f32(loss)
    return f32(np.maximum(loss - traj.f_min, 0.0) + LOG_FLOOR)


def grad_norm(traj: Trajectory) -> np.ndarray:
    """‖∇f‖ at each step (floored, for a log axis). Length steps (or up to the divergence)."""
    g = traj.grad[: last_row(traj)].astype(np.float64)
    return f32(np.hypot(g[:, 0], g[:, 1]) + LOG_FLOOR)


def learning_rate(traj: Trajectory) -> np.ndarray:
    """η_t at each step. Length steps (or up to the divergence)."""
    return f32(traj.lr[: last_row(traj)])


def distance_to_minima(traj: Trajectory, minima: Sequence[tuple[float, float]]) -> np.ndarray:
    """Distance from each position to the nearest listed minimum (floored, for a log axis). Length steps+1."""
    xy = traj.xy[: last_row(traj) + 1].astype(np.float64)
    m = np.asarray(minima, dtype=np.float64).reshape(-1, 2)
    d = np.sqrt(((xy[:, None, :] - m[None, :, :]) ** 2).sum(axis=-1)).min(axis=1)
    return f32(d + LOG_FLOOR)

