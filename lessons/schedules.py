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

Why decay helps: constant-η SGD with gradient noise σ on a quadratic rattles at a noise floor. Per
eigen-direction λ of the Hessian, :math:`x \leftarrow (1 - \eta\lambda)x - \eta\sigma\xi` has the stationary
variance :math:`\eta\sigma^2 / (\lambda(2 - \eta\lambda))`, so
:math:`E[f - f^\star] = \sum_\lambda \eta\sigma^2 / (2(2 - \eta\lambda))` (`noise_floor`). Warmup (`rescue`): GD
diverges where η > 2/L, L the Hessian's largest eigenvalue at the start; a ramp of η from 0 lets the run reach
a region where the full rate is stable.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

import landscapes
import optimizers
from lab import scene as sc
from lessons import curvature
from optimizers import schedules
from optimizers.engine import Trajectory

# the lesson's run: mini-batch SGD on the regression, N/B steps per epoch
SAMPLES, BATCH = 100, 10
EPOCHS = 40
SEED = 0
MANUAL_FACTOR = 0.1  # a drop by hand divides η by 10
STEP_FACTOR = 0.5  # step decay halves η
WINDOW, TOL = 3, 0.1  # a plateau: less than 10% lower than 3 epochs before

FORMULAS = ("step", "epoch_inverse", "epoch_exponential", "epoch_inverse_sqrt", "manual")  # engine schedule names
# the noise-floor section: the library's shapes on the noisy quadratic, and the settings they take
LIBRARY = ("constant", "step", "exponential", "inverse_time", "cosine")
LIBRARY_PARAMS = ("transition_steps", "decay_rate", "staircase", "decay_steps", "alpha")
LIBRARY_STEPS = 400
LAST = 200  # the noise floor is averaged over the last LAST steps
SMOOTH = 20  # the loss curves' running mean
RESCUE = dict(surface="double_well", learning_rate=0.25, steps=300)  # diverges at step 3 without warmup
WARMUP_EPOCHS = 5  # the notes: "usually warm up for about 5 epochs"
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


def formulas(words: Mapping[str, str]) -> tuple[str, ...]:
    """The lesson's formulas in LaTeX: the course's per-epoch decays, step and manual decay, warmup, and the library's
    shapes; ``words`` names them in the page's language (epoch, step, manual, warmup, exponential, inverse_time, cosine)."""
    w = words
    return (
        r"\eta_n = \frac{\eta_0}{1 + d\,n},\qquad \eta_n = 0.95^{\,n}\,\eta_0,\qquad \eta_n = \frac{k}{\sqrt n}\,\eta_0"
        r"\qquad(n = 1, 2, \dots\ \text{" + w["epoch"] + r"})",
        r"\text{" + w["step"] + r": } \eta_n = \eta_0 \left(\tfrac12\right)^{\lfloor (n-1)/K \rfloor},\qquad"
        r"\text{" + w["manual"] + r": } \eta_0 \;\to\; \eta_0/10",
        r"\text{" + w["warmup"] + r": } \eta_t = \eta\,\frac{t}{W}\ \ (t = 0, 1, \dots, W-1),\qquad \eta_0 = 0",
        r"\text{" + w["exponential"] + r": } \eta\gamma^{t/T}\quad \text{" + w["inverse_time"]
        + r": } \frac{\eta}{1+\gamma t/T}\quad \text{" + w["cosine"] + r": } "
        r"\eta\Bigl((1-\alpha)\tfrac12\bigl(1+\cos\tfrac{\pi \min(t,D)}{D}\bigr)+\alpha\Bigr)",
    )


def exercise_plateau(constant: Trajectory, per_epoch: int) -> int | None:
    """Where the exercise puts its decay: `plateau_of` the constant run, or None when the curve never flattens or
    flattens only in the last epoch (no epoch is left to run a decay in)."""
    flat = plateau_of(constant, per_epoch)
    return None if flat is None or flat >= EPOCHS else flat


def playground_scene(eta0: float, formula: str, knob) -> sc.Scene:
    """The main figure's two runs in the Playground: constant η₀ and the chosen decay, mini-batches of `BATCH`."""
    n = steps_per_epoch()
    return sc.Scene(surface="linear_regression", surface_params={"n_samples": SAMPLES}, steps=EPOCHS * n, seed=SEED,
                    contestants=[sc.Contestant("sgd", {"learning_rate": eta0, "batch_size": float(BATCH)}),
                                 sc.Contestant("sgd", {"batch_size": float(BATCH), **decay_settings(formula, eta0, knob, n)})])


# ----------------------------------------------------------------------------
# the library's shapes and the noise floor


def library_params(values: Mapping[str, Any]) -> dict[str, Any]:
    """The library schedules' settings as the engine takes them: ``staircase`` a bool, the rest floats."""
    return {p: (bool(v) if p == "staircase" else float(v)) for p, v in values.items()}


def library_curves(eta: float, params: dict) -> dict[str, np.ndarray]:
    """η(t) of every schedule in `LIBRARY` over `LIBRARY_STEPS` steps, with the same settings."""
    steps = np.arange(LIBRARY_STEPS)
    return {n: np.asarray(schedules.get(n, eta, 0.0, **params)(steps)) for n in LIBRARY}


def library_runs(name: str, eta: float, sigma: float, params: dict) -> tuple[Trajectory, Trajectory]:
    """The noisy quadratic run with a constant rate and with schedule ``name`` (GD when σ = 0: the gradient is exact)."""
    quad, common = landscapes.get("quadratic"), dict(steps=LIBRARY_STEPS, learning_rate=eta, noise=sigma, seed=SEED)
    return optimizers.run(quad, "sgd", schedule="constant", **common), optimizers.run(quad, "sgd", schedule=name, **common, **params)


def noise_floor(eta: float, sigma: float, surface=None) -> tuple[float, np.ndarray]:
    """E[f − f*] = Σ_λ ησ²/(2(2 − ηλ)) of constant-η SGD with noise σ, and the λ (the Hessian's eigenvalues at the
    minimum; the quadratic by default)."""
    lam = curvature.eigenvalues(surface or landscapes.get("quadratic"))
    return float(np.sum(eta * sigma**2 / (2 * (2 - eta * lam)))), lam


def tail_gap(traj: Trajectory, last: int = LAST) -> float:
    """The mean f − f* over a run's last ``last`` steps."""
    return float(np.nanmean(traj.loss[-last:] - traj.f_min))


def floor_text(constant: Trajectory, scheduled: Trajectory, eta: float, sigma: float) -> dict[str, str]:
    """What the floor's text quotes: both runs' `tail_gap`, the `noise_floor` and the eigenvalues it sums over."""
    floor, lam = noise_floor(eta, sigma)
    return dict(last=LAST, constant=f"{tail_gap(constant):.3g}", scheduled=f"{tail_gap(scheduled):.3g}",
                floor=f"{floor:.3g}", lams=", ".join(f"{v:.3g}" for v in lam))


# ----------------------------------------------------------------------------
# warmup's rescue


@dataclass(frozen=True)
class Rescue:
    """GD on the double well at the `RESCUE` rate, without warmup (``cold``) and with ``warmup`` steps of it."""

    cold: Trajectory
    warmed: Trajectory
    warmup: int

    def settled(self, traj: Trajectory) -> dict[str, str]:
        """Where a run that did not diverge ended, and the minimum next to it, as the text quotes them."""
        (x, y), (mx, my) = traj.xy[-1], nearest_minimum(landscapes.get(RESCUE["surface"]), traj.xy[-1])
        return dict(x=f"{x:.3g}", y=f"{y:.3g}", mx=f"{mx:.3g}", my=f"{my:.3g}")

    @property
    def first_text(self) -> dict[str, str]:
        """The warmed-up run's first two steps: η of each and how far step 0 moved θ (nowhere: η = 0)."""
        first = warmup_first_steps(self.warmed, 2)
        return dict(lr0=f"{first['lr'][0]:.3g}", moved0=f"{first['moved'][0]:.3g}", lr1=f"{first['lr'][1]:.3g}")

    @property
    def curvature_text(self) -> tuple[dict[str, str], dict[str, str] | None]:
        """L (the Hessian's largest eigenvalue) and 2/L at the start, η against it; and at the warmed-up run's end
        (None when it diverged)."""
        well, eta = landscapes.get(RESCUE["surface"]), RESCUE["learning_rate"]
        l_start = curvature.largest(well, well.start)
        start = dict(big_l=f"{l_start:.3g}", limit=f"{2 / l_start:.3g}", ratio=f"{eta * l_start / 2:.3g}")
        if self.warmed.diverged_at is not None:
            return start, None
        l_end = curvature.largest(well, self.warmed.xy[-1])
        return start, dict(big_l=f"{l_end:.3g}", limit=f"{2 / l_end:.3g}")


def rescue_curvature(warmup: int) -> tuple[dict[str, str], dict[str, str] | None]:
    """`Rescue.curvature_text` of ``rescue(warmup)``: plain texts a page can keep (their Hessians cost it ~20 ms)."""
    return rescue(warmup).curvature_text


def rescue(warmup: int) -> Rescue:
    """The `Rescue` with ``warmup`` steps of warmup."""
    well, kw = landscapes.get(RESCUE["surface"]), dict(steps=RESCUE["steps"], learning_rate=RESCUE["learning_rate"])
    return Rescue(optimizers.run(well, "sgd", **kw), optimizers.run(well, "sgd", **kw, warmup_steps=warmup), warmup)


def nearest_minimum(surface, xy) -> tuple[float, float]:
    """The listed minimum closest to ``xy``."""
    return min(surface.minima, key=lambda q: float(np.hypot(xy[0] - q[0], xy[1] - q[1])))
