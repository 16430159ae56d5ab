r"""Lesson 1's theory: GD on a quadratic multiplies the error by :math:`I - \eta H` every step.

.. math::

    \theta_t - \theta^\star = (I - \eta H)^t\,(\theta_0 - \theta^\star),\qquad
    \text{stable} \iff \max_\lambda |1 - \eta\lambda| < 1 \iff 0 < \eta < \frac{2}{L}

The eigenvalues λ of the Hessian come from the surface itself (`lessons.curvature.eigenvalues`:
`jax.hessian`, then `eigvalsh`), never typed in; μ is the smallest, L the largest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRACTIONS = (0.05, 0.5, 0.95, 1.05)  # of 2/L: too small, good, near the limit, too large
RELATIVE_TOL = 1e-3  # "reached": within this fraction of the way down from the start


def stability_limit(eigenvalues) -> float:
    """2/L: GD converges on the quadratic for 0 < η < 2/L."""
    return 2.0 / float(np.max(eigenvalues))


def best_constant_rate(eigenvalues) -> float:
    """2/(L + μ): the constant rate that balances the steep and the flat direction."""
    lam = np.asarray(eigenvalues, dtype=np.float64)
    return 2.0 / float(lam.max() + lam.min())


def error_factor(eta: float, eigenvalues) -> float:
    """max_λ |1 − ηλ|: what one step multiplies the slowest-shrinking (or fastest-growing) error by."""
    return float(np.max(np.abs(1.0 - eta * np.asarray(eigenvalues, dtype=np.float64))))


def rates(multiplier: float, eigenvalues, fractions=FRACTIONS) -> list[float]:
    """The lesson's learning rates: fixed fractions of 2/L, times the multiplier."""
    limit = stability_limit(eigenvalues)
    return [multiplier * f * limit for f in fractions]


@dataclass(frozen=True)
class Outcome:
    """What a run did: ``kind`` is "diverged" (at ``step``), "reached" (the tolerance at ``step``) or "far"
    (still ``gap`` above the minimum after the run, having started ``start_gap`` above it)."""

    kind: str
    step: int | None = None
    gap: float | None = None
    start_gap: float | None = None


def outcome(traj, relative_tol: float = RELATIVE_TOL) -> Outcome:
    """Read a trajectory: diverged, reached ``relative_tol`` of the way down, or still far."""
    if traj.diverged_at is not None:
        return Outcome("diverged", step=int(traj.diverged_at))
    start_gap = float(traj.loss[0]) - traj.f_min
    hit = traj.steps_to(relative_tol * start_gap)
    if hit is not None:
        return Outcome("reached", step=int(hit), start_gap=start_gap)
    return Outcome("far", gap=float(traj.loss[-1]) - traj.f_min, start_gap=start_gap)

