r"""The surfaces' curvatures: the Hessian's eigenvalues at a point, or at many points at once.

.. math::

    H(\theta) = \nabla^2 f(\theta),\qquad \mu = \lambda_{\min}(H),\quad L = \lambda_{\max}(H),\quad \kappa = L/\mu

The Hessian comes from the surface itself (`jax.hessian`, in JAX's default float), never typed in; its
eigenvalues from `numpy.linalg.eigvalsh` in float64, smallest first. At a minimum, L bounds gradient descent's
stable step (η < 2/L) and κ says how much slower the flattest direction is than the steepest.
Pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import numpy as np


class Curvature(NamedTuple):
    """The extreme curvatures at a point: μ (smallest eigenvalue), L (largest) and κ = L/μ."""

    mu: float
    L: float
    kappa: float


def spectrum(matrices) -> np.ndarray:
    """Eigenvalues of symmetric matrices (..., d, d), in float64, smallest first: (..., d)."""
    return np.linalg.eigvalsh(np.asarray(matrices, dtype=np.float64))


def hessians(surface, points) -> np.ndarray:
    """The Hessian at one point (2,) -> (2, 2), or at many (..., 2) -> (..., 2, 2) in one vectorised call."""
    pts = np.asarray(points, dtype=np.float64)
    if pts.ndim == 1:
        return np.asarray(surface.hessian(pts), dtype=np.float64)
    flat = jax.vmap(surface.hessian)(pts.reshape(-1, 2))
    return np.asarray(flat, dtype=np.float64).reshape(*pts.shape[:-1], 2, 2)


def eigenvalues(surface, points=None) -> np.ndarray:
    """The Hessian's eigenvalues, smallest first, at ``points`` (one (2,) or many (..., 2)); by default at the
    surface's first listed minimum (its deepest)."""
    return spectrum(hessians(surface, surface.minima[0] if points is None else points))


def largest(surface, points=None):
    """L: the largest eigenvalue of the Hessian at ``points`` (a float at one point, an array at many)."""
    lam = eigenvalues(surface, points)[..., -1]
    return float(lam) if lam.ndim == 0 else lam


def curvature(surface, point=None) -> Curvature:
    """μ, L and the condition number κ = L/μ at one point (by default the first listed minimum); κ is inf where
    μ ≤ 0 (a saddle, a maximum, a flat direction: no minimum there to be conditioned)."""
    lam = eigenvalues(surface, point)
    mu, big_l = float(lam[0]), float(lam[-1])
    return Curvature(mu, big_l, big_l / mu if mu > 0 else math.inf)
