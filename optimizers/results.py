"""What a run returns: a `Trajectory` (one path, recorded step by step) or a `SweepResult` (a grid of summaries)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .plan import Plan


class Recorded:
    """What every recorded run answers from its ``lr`` (one per step) and ``diverged_at``: shared by a surface's
    `Trajectory`, a network's `networks.Run` and what a page keeps of one."""

    @property
    def steps(self) -> int:
        return self.lr.shape[0]

    @property
    def last(self) -> int:
        """The index of the last position worth reading or drawing: the end, or the step at which the run diverged."""
        return self.steps if self.diverged_at is None else int(self.diverged_at)


@dataclass(frozen=True)
class Trajectory(Recorded):
    """One optimizer's path. Arrays are NumPy; rows after ``diverged_at`` are NaN.

    ``xy`` (steps+1, 2) and ``loss`` (steps+1,) include the start; ``lr`` and
    ``grad`` (steps, ...) are what step ``t`` used; ``state`` holds the rule's
    internals after each step (``velocity``, ``second_moment``, ``effective_lr``,
    each (steps, 2)) where the rule has them.
    """

    name: str
    xy: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    grad: np.ndarray
    state: Mapping[str, np.ndarray]
    diverged_at: int | None
    f_min: float
    hyperparams: Mapping[str, Any] = field(default_factory=dict)
    iterations_per_epoch: int | None = None

    def steps_to(self, tol: float) -> int | None:
        """The first step whose loss is within ``tol`` of the surface's minimum (0 when none is listed)."""
        f_star = 0.0 if math.isnan(self.f_min) else self.f_min
        hit = np.flatnonzero(np.nan_to_num(self.loss, nan=np.inf) - f_star <= tol)
        return int(hit[0]) if hit.size else None


@dataclass(frozen=True)
class SweepResult:
    """Final loss and steps-to-tolerance over a grid of one or two hyperparameters.

    ``final_loss[i, j]`` is the loss after the last step with ``axes[0] = values[0][i]``
    and ``axes[1] = values[1][j]``; NaN where the run diverged. ``steps_to_tol`` is
    the first step within ``tol`` of the minimum, NaN where never reached.
    """

    name: str
    axes: tuple[str, ...]
    values: tuple[np.ndarray, ...]
    final_loss: np.ndarray
    steps_to_tol: np.ndarray
    diverged_at: np.ndarray
    tol: float
    steps: int


def trajectory(name: str, out: dict, start: np.ndarray, p: Plan) -> Trajectory:
    """The program's output as a `Trajectory`: its first ``steps`` steps, the start prepended, NaN after a divergence.

    The loop ran ``spec.length >= steps`` steps. Row ``t`` of every output depends
    on steps ``0..t`` only, so cutting each at the steps asked for gives the run of
    that many steps: its losses, its divergence test and ``steps_to`` never see the
    rest of the loop. The cuts are copies (writable: rows after a divergence become
    NaN; and a kept trajectory does not hold the loop's tail).
    """
    s = p.steps
    # position t = 0..s: the start, then the position after each step
    xy = np.concatenate([start[None], out["xy"][:s]], axis=0)
    # loss and divergence of position t = 0..s: the loop's value at step t (taken before it moves), or the final one
    loss = np.concatenate([out["loss"], out["final_loss"][None]])[: s + 1]
    diverged_at = first_bad(out["bad"], out["final_bad"], s)
    grad, lr = out["grad"][:s].copy(), out["lr"][:s].copy()
    state = {k: v[:s].copy() for k, v in out["state"].items()}
    if diverged_at is not None:
        xy[diverged_at + 1 :] = np.nan
        loss[diverged_at + 1 :] = np.nan
        grad[diverged_at:] = np.nan
        lr[diverged_at:] = np.nan
        for v in state.values():
            v[diverged_at:] = np.nan
    return Trajectory(name=name, xy=xy, loss=loss, lr=lr, grad=grad, state=state, diverged_at=diverged_at,
                      f_min=float(out["f_min"]), hyperparams=p.hyperparams, iterations_per_epoch=p.iterations_per_epoch)


def first_bad(bad: np.ndarray, final_bad, steps: int) -> int | None:
    """The first diverged position among 0..steps: the loop's flags per step, then the final position's."""
    flags = np.concatenate([bad, np.asarray(final_bad)[None]])[: steps + 1]
    return int(np.argmax(flags)) if flags.any() else None


def positions(starts: np.ndarray, out: dict, steps: int) -> np.ndarray:
    """Many runs' positions (M, steps + 1, 2) from a batch's output, the start first, NaN after a divergence."""
    xy = np.concatenate([starts[:, None].astype(out["xy"].dtype), out["xy"][:, :steps]], axis=1)
    for row, bad, final_bad in zip(xy, out["bad"], out["final_bad"]):
        d = first_bad(bad, final_bad, steps)
        if d is not None:
            row[d + 1 :] = np.nan
    return xy
