r"""Lesson 6's computations: the course's per-epoch decay formulas as engine settings, reading a loss curve
for where it flattens, and a run with a drop put there.

The formulas (Ng, Deep Learning Specialization, course 2), with the epoch number :math:`n = 1, 2, \dots`
counted from 1 as the course counts it, and N mini-batch steps per epoch:

.. math::

    \eta = \frac{\eta_0}{1 + d\,n},\qquad \eta = 0.95^{\,n}\,\eta_0,\qquad \eta = \frac{k}{\sqrt n}\,\eta_0,

step decay (halve every K epochs) and manual decay (drop η by hand where the loss stops falling). They run
as the engine's schedules `epoch_inverse`, `epoch_exponential`, `epoch_inverse_sqrt`, `step` and `manual`
(`optimizers.schedules`) with ``transition_steps`` = N (K·N for step decay).

CS231n's advice (lecture 7): train without decay first, watch the loss curve, and add decay where it
flattens. `plateau_epoch` reads that place off a curve: the first epoch whose mean loss is less than a
fraction ``tol`` below the mean ``window`` epochs earlier.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

import landscapes
import optimizers
from optimizers.engine import Trajectory

# the lesson's run: mini-batch SGD on the regression, N/B steps per epoch
SAMPLES, BATCH = 100, 10
EPOCHS = 40
SEED = 0
MANUAL_FACTOR = 0.1  # a drop by hand divides η by 10
STEP_FACTOR = 0.5  # step decay halves η
WINDOW, TOL = 3, 0.1  # a plateau: less than 10% lower than 3 epochs before

FORMULAS = ("step", "epoch_inverse", "epoch_exponential", "epoch_inverse_sqrt", "manual")  # engine schedule names
# each formula's own knob: (its name, its choices, its default)
KNOBS: dict[str, tuple[str, tuple, Any]] = {
    "step": ("every", (2, 5, 10, 20), 10),  # halve every K epochs
    "epoch_inverse": ("decay_rate", (0.1, 0.2, 0.5, 1.0), 0.2),  # d (1 in the course's table: too fast here)
    "epoch_exponential": ("base", (0.8, 0.9, 0.95, 0.99), 0.95),  # 0.95 in the course
    "epoch_inverse_sqrt": ("k", (0.5, 1.0, 2.0), 1.0),
    "manual": ("drop_epoch", tuple(range(2, EPOCHS + 1)), 15),  # the first epoch at the lower rate
}


@functools.cache
def surface():
    """The regression of lesson 2 (its data drawn once; a Surface is never changed in place)."""
    return landscapes.get("linear_regression", n_samples=SAMPLES)


def steps_per_epoch(n_samples: int = SAMPLES, batch: int = BATCH) -> int:
    """⌈N/B⌉: the mini-batch steps of one pass over the data."""
    return -(-n_samples // batch)


def decay_settings(formula: str, eta0: float, knob, per_epoch: int) -> dict[str, Any]:
    """The engine's keywords for ``formula`` starting from η₀ with its knob's value (see `KNOBS`)."""
    if formula == "step":
        return dict(schedule="step", learning_rate=eta0, transition_steps=float(knob * per_epoch), decay_rate=STEP_FACTOR)
    if formula == "epoch_inverse":
        return dict(schedule="epoch_inverse", learning_rate=eta0, transition_steps=float(per_epoch), decay_rate=float(knob))
    if formula == "epoch_exponential":
        return dict(schedule="epoch_exponential", learning_rate=eta0, transition_steps=float(per_epoch), decay_rate=float(knob))
    if formula == "epoch_inverse_sqrt":
        return dict(schedule="epoch_inverse_sqrt", learning_rate=float(knob) * eta0, transition_steps=float(per_epoch))
    if formula == "manual":
        return manual_drop(eta0, int(knob), per_epoch)
    raise ValueError(f"unknown formula {formula!r}; choose one of {', '.join(FORMULAS)}")


def manual_drop(eta0: float, epoch: int, per_epoch: int, factor: float = MANUAL_FACTOR) -> dict[str, Any]:
    """η₀ up to the end of epoch ``epoch`` − 1, ``factor``·η₀ from the first step of epoch ``epoch`` on."""
    return dict(schedule="manual", learning_rate=eta0, transition_steps=float((epoch - 1) * per_epoch),
                decay_rate=float(factor))


def run(eta0: float, settings: dict[str, Any] | None = None, epochs: int = EPOCHS) -> Trajectory:
    """Mini-batch SGD on the regression for ``epochs`` epochs: constant η₀, or ``settings`` (`decay_settings`)."""
    kw = settings or dict(learning_rate=eta0)
    return optimizers.run(surface(), "sgd", steps=epochs * steps_per_epoch(), batch_size=BATCH, seed=SEED, **kw)


def loss_gap(traj: Trajectory) -> np.ndarray:
    """f − f* after every step (steps,), the start left out: step t's row is the loss after t + 1 steps."""
    return np.asarray(traj.loss[1:], dtype=np.float64) - traj.f_min


def epoch_means(values, per_epoch: int) -> np.ndarray:
    """The mean of ``values`` over each whole epoch: (len // per_epoch,)."""
    v = np.asarray(values, dtype=np.float64)
    e = v.size // per_epoch
    return v[: e * per_epoch].reshape(e, per_epoch).mean(axis=1)


def plateau_epoch(per_epoch_loss, window: int = WINDOW, tol: float = TOL) -> int | None:
    """The first epoch n (counted from 1) whose mean loss is not ``tol`` below the mean ``window`` epochs
    before: L_n ≥ (1 − tol)·L_{n−window}. None when the curve never flattens that much."""
    loss = np.asarray(per_epoch_loss, dtype=np.float64)
    for i in range(window, loss.size):
        if not math.isfinite(loss[i]) or loss[i] >= (1 - tol) * loss[i - window]:
            return i + 1
    return None


def plateau_of(traj: Trajectory, per_epoch: int, window: int = WINDOW, tol: float = TOL) -> int | None:
    return plateau_epoch(epoch_means(loss_gap(traj), per_epoch), window, tol)


def final_loss(traj: Trajectory, per_epoch: int, epochs: int = 3) -> float:
    """The mean f − f* over the last ``epochs`` epochs (the noise makes a single step's loss a poor reading)."""
    return float(np.mean(epoch_means(loss_gap(traj), per_epoch)[-epochs:]))


def warmup_first_steps(traj: Trajectory, count: int) -> dict[str, Any]:
    """What a warmed-up run did at its first ``count`` steps: the η each used, and how far θ moved."""
    moved = np.linalg.norm(np.diff(traj.xy[: count + 1].astype(np.float64), axis=0), axis=1)
    return {"lr": np.asarray(traj.lr[:count], dtype=np.float64), "moved": moved}
