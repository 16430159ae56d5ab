r"""The extreme eigenvalues of the train loss's Hessian, from Hessian-vector products only.

The Hessian of a network with n parameters has n² entries; its product with a vector costs about two
gradients (forward-over-reverse differentiation), :math:`Hv = \frac{d}{d\epsilon}\nabla\mathcal L(\theta + \epsilon v)`.
Lanczos' method builds an orthonormal basis :math:`q_1, q_2, \dots` of the Krylov space
:math:`\{v, Hv, H^2 v, \dots\}` in which H is tridiagonal,

.. math:: H q_j = \beta_{j-1} q_{j-1} + \alpha_j q_j + \beta_j q_{j+1},

and the tridiagonal matrix's extreme eigenvalues converge to H's within a few dozen products. Every new
vector is re-orthogonalised against all earlier ones (in float64), so after n products the
eigenvalues are H's own. A negative smallest eigenvalue means the loss curves down along some direction:
a saddle-like region (Dauphin et al. 2014).
"""

from __future__ import annotations

import jax
import numpy as np

from optimizers import program

from .mlp import Architecture, Model
from .train import Run

ITERATIONS = 80


def _hvp(arch: Architecture, theta, v, x, y):
    """H v: the derivative of the gradient along v."""
    program.traced()
    grad = jax.grad(lambda t: arch.loss(t, x, y))
    return jax.jvp(grad, (theta,), (v,))[1]


_product = program.bounded(_hvp, 8)


def lanczos(matvec, n: int, iterations: int, seed: int = 0) -> np.ndarray:
    """The eigenvalues of the tridiagonal matrix after ``iterations`` steps of Lanczos on ``matvec`` (n × n, symmetric)."""
    rng = np.random.default_rng(seed)
    k = min(iterations, n)
    q = np.zeros((k, n))
    alpha, beta = np.zeros(k), np.zeros(k)
    v = rng.standard_normal(n)
    q[0] = v / np.linalg.norm(v)
    for j in range(k):
        w = np.array(matvec(q[j]), dtype=float)
        # α_j = q_jᵀ H q_j
        alpha[j] = q[j] @ w
        # w ← H q_j − α_j q_j − β_{j−1} q_{j−1}, then against every q (twice: "twice is enough")
        for _ in range(2):
            w -= q[: j + 1].T @ (q[: j + 1] @ w)
        if j + 1 == k:
            break
        beta[j] = np.linalg.norm(w)
        if beta[j] <= 1e-10 * max(1.0, np.abs(alpha[: j + 1]).max()):
            # an invariant subspace is exhausted: go on from a fresh direction orthogonal to it (T splits there)
            beta[j] = 0.0
            w = rng.standard_normal(n)
            for _ in range(2):
                w -= q[: j + 1].T @ (q[: j + 1] @ w)
        q[j + 1] = w / np.linalg.norm(w)
    t = np.diag(alpha) + np.diag(beta[: k - 1], 1) + np.diag(beta[: k - 1], -1)
    return np.linalg.eigvalsh(t)


def hessian_extremes(m: Model, theta, iterations: int = ITERATIONS, seed: int = 0) -> tuple[float, float]:
    """The smallest and largest eigenvalue of the train loss's Hessian at ``theta``: Lanczos with
    ``min(iterations, n_params)`` Hessian-vector products in float64 (exact once it reaches n_params)."""
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (m.n_params,) or not np.all(np.isfinite(theta)):
        raise ValueError(f"theta must be {m.n_params} finite numbers, got shape {theta.shape}")
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or not 2 <= iterations <= 1000:
        raise ValueError(f"iterations must be a whole number from 2 to 1000, got {iterations!r}")
    with jax.enable_x64(True):
        # moved to the device as they are (`jnp.asarray` would compile a program per shape, and JAX keeps it)
        t, x, y = (jax.device_put(np.asarray(a, dtype=float)) for a in (theta, m.data.x_train, m.data.y_train))
        values = lanczos(lambda v: np.asarray(_product(m.arch, t, v, x, y)), m.n_params, iterations, seed)
    return float(values[0]), float(values[-1])


def along(r: Run, points: int = 9, iterations: int = ITERATIONS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Hessian's extreme eigenvalues at ``points`` evenly spaced steps of a run: ``(steps, lowest, highest)``."""
    steps = np.unique(np.linspace(0, r.last, points).round().astype(int))
    pairs = np.array([hessian_extremes(r.model, r.theta[s], iterations) for s in steps])
    return steps, pairs[:, 0], pairs[:, 1]
