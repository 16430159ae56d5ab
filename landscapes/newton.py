r"""Newton's method for the stationary points of a surface that has no closed form for them.

.. math::

    H(p_k)\,d_k = -\nabla f(p_k),\qquad p_{k+1} = p_k + \alpha_k d_k

Near any stationary point (minimum, saddle or maximum alike) Newton's step
converges quadratically, so a rough guess becomes a float64-exact point in a
few steps. The step length :math:`\alpha_k` is halved until
:math:`\lVert\nabla f\rVert` decreases (Newton's direction always decreases
:math:`\tfrac12\lVert\nabla f\rVert^2`), which keeps a poor guess from being
thrown across the surface. Curvatures below ``FLAT`` times the largest one
count as zero: along a flat valley of minima no step is taken (see `_direction`).
Which kind of point it found is read from the Hessian's eigenvalues, by the
caller or the tests, not assumed.

`solve` runs from many guesses at once (one vectorised gradient-and-Hessian call
per step for all of them) and says which ones converged; `refine` is one guess
that must converge. The gradient and Hessian come from `jax.grad` /
`jax.hessian`, in float64.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

FLAT = 1e-9  # a curvature below FLAT times the largest one counts as zero


class Stationary(NamedTuple):
    """Where Newton's method stopped, one row per guess, in float64."""

    points: np.ndarray  # (n, 2)
    converged: np.ndarray  # (n,) bool: f is finite and ∇f ≈ 0 on the scale of the curvature there
    value: np.ndarray  # (n,) f at the points
    grad: np.ndarray  # (n, 2)
    hessian: np.ndarray  # (n, 2, 2)


def refine(value, guess, params=None, data=None, max_steps: int = 50) -> tuple[float, float]:
    """The stationary point of ``value(xy, params, data)`` that Newton's method reaches from ``guess``."""
    found = solve(value, [guess], params, data, max_steps)
    p = found.points[0]
    if not found.converged[0]:
        raise RuntimeError(f"Newton's method did not converge from {tuple(guess)}; stopped at {tuple(p)}")
    return float(p[0]), float(p[1])


def solve(value, guesses, params=None, data=None, max_steps: int = 50) -> Stationary:
    """Newton's method on ``value(xy, params, data)`` from each of ``guesses`` (n points) at once.

    A guess stops where no step lowers its gradient (at rounding level, or where the only
    curvature left is flat); ``converged`` then says whether that is a stationary point.
    """
    with jax.enable_x64(True):
        fn = _value_grad_hess(value)
        p64 = {k: jnp.asarray(v, jnp.float64) for k, v in (params or {}).items()}
        d64 = None if data is None else {k: jnp.asarray(v, jnp.float64) for k, v in data.items()}

        def evaluate(points):
            return tuple(np.asarray(a) for a in fn(jnp.asarray(points, jnp.float64), p64, d64))

        p = np.asarray(guesses, dtype=np.float64).reshape(-1, 2)
        f, g, h = evaluate(p)
        going = np.ones(len(p), dtype=bool)
        for _ in range(max_steps):
            # 1) Newton direction: solve H d = -g (no step along flat directions)
            d = _direction(h, g)
            # 2) halve the step until the gradient norm decreases (a non-finite gradient never does)
            alpha = np.ones(len(p))
            new = evaluate(p + alpha[:, None] * d)
            worse = ~(_norm(new[1]) < _norm(g))
            while (halve := going & worse & (alpha > 1e-6)).any():
                alpha = np.where(halve, alpha / 2, alpha)
                new = evaluate(p + alpha[:, None] * d)
                worse = ~(_norm(new[1]) < _norm(g))
            going &= ~worse  # no step lowers the gradient: it is at the level of rounding
            step = np.where(going[:, None], alpha[:, None] * d, 0.0)
            p = p + step
            f, g, h = (_where(going, b, a) for a, b in zip((f, g, h), new))
            # 3) stop once the step is at the level of float64 rounding
            going &= ~(_norm(step) <= 1e-14 * (1.0 + _norm(p)))
            if not going.any():
                break
        # the gradient must be ~0 on the scale of the curvature, or this was no stationary point
        # (nor is any point where f or its Hessian is not finite)
        finite = np.isfinite(f) & np.isfinite(h).all(axis=(1, 2))
        curvature = np.full(len(p), np.nan)
        curvature[finite] = np.linalg.norm(h[finite], 2, axis=(1, 2))
        converged = _norm(g) <= 1e-9 * (1.0 + curvature * (1.0 + _norm(p)))
        return Stationary(p, converged, f, g, h)


def _direction(h: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Newton's directions ``d = -H⁺ g``, row by row; nan where ``H`` or ``g`` is not finite.

    ``H⁺`` is the pseudo-inverse that ignores curvatures below ``FLAT`` times the largest one:
    along a flat direction (a valley of minima, the floor of ``x**4``) it takes no step, where
    ``H⁻¹`` would step by rounding error over rounding error and wander along the valley.
    Elsewhere ``H⁺ = H⁻¹``.
    """
    d = np.full_like(g, np.nan)
    ok = np.isfinite(h).all(axis=(1, 2)) & np.isfinite(g).all(axis=1)
    # H = V diag(λ) Vᵀ, so H⁺ g = Σ_i [|λ_i| > FLAT·max|λ|] (v_iᵀ g / λ_i) v_i
    lam, v = np.linalg.eigh(h[ok])
    kept = np.abs(lam) > FLAT * np.abs(lam).max(axis=1, keepdims=True)
    along = np.einsum("nij,ni->nj", v, g[ok])
    d[ok] = -np.einsum("nij,nj->ni", v, np.where(kept, along / np.where(kept, lam, 1.0), 0.0))
    return d


def _where(rows: np.ndarray, new: np.ndarray, old: np.ndarray) -> np.ndarray:
    """``new`` in the rows where ``rows`` holds, ``old`` in the others."""
    return np.where(rows.reshape(rows.shape + (1,) * (old.ndim - 1)), new, old)


def _norm(a: np.ndarray) -> np.ndarray:
    return np.linalg.norm(a, axis=-1)


@functools.lru_cache(maxsize=64)
def _value_grad_hess(value):
    """One jitted ``(points, params, data) -> (f, gradients, Hessians)`` per surface function, the latest 64 kept."""
    def one(xy, p, d):
        return value(xy, p, d), jax.grad(value)(xy, p, d), jax.hessian(value)(xy, p, d)

    return jax.jit(jax.vmap(one, in_axes=(0, None, None)))
