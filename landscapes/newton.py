r"""Newton's method for the stationary points of a surface that has no closed form for them.

.. math::

    H(p_k)\,d_k = -\nabla f(p_k),\qquad p_{k+1} = p_k + \alpha_k d_k

Near any stationary point (minimum, saddle or maximum alike) Newton's step
converges quadratically, so a rough guess becomes a float64-exact point in a
few steps. The step length :math:`\alpha_k` is halved until
:math:`\lVert\nabla f\rVert` decreases (Newton's direction always decreases
:math:`\tfrac12\lVert\nabla f\rVert^2`), which keeps a poor guess from being
thrown across the surface. Which kind of point it found is read from the
Hessian's eigenvalues, by the caller or the tests, not assumed.

The gradient and Hessian come from `jax.grad` / `jax.hessian`, in float64.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

_COMPILED: dict = {}


def refine(value, guess, params=None, data=None, max_steps: int = 50) -> tuple[float, float]:
    """The stationary point of ``value(xy, params, data)`` that Newton's method reaches from ``guess``."""
    with jax.enable_x64(True):
        grad_hess = _grad_hess(value)
        p64 = {k: jnp.asarray(v, jnp.float64) for k, v in (params or {}).items()}
        d64 = None if data is None else {k: jnp.asarray(v, jnp.float64) for k, v in data.items()}

        def gh(xy):
            g, h = grad_hess(jnp.asarray(xy, jnp.float64), p64, d64)
            return np.asarray(g), np.asarray(h)

        p = np.asarray(guess, dtype=np.float64)
        g, h = gh(p)
        for _ in range(max_steps):
            # 1) Newton direction: solve H d = -g
            d = np.linalg.solve(h, -g)
            # 2) halve the step until the gradient norm decreases
            alpha = 1.0
            g_new, h_new = gh(p + d)
            while np.linalg.norm(g_new) >= np.linalg.norm(g) and alpha > 1e-6:
                alpha /= 2
                g_new, h_new = gh(p + alpha * d)
            if np.linalg.norm(g_new) >= np.linalg.norm(g):
                break  # no step lowers the gradient: it is at the level of rounding
            p, g, h = p + alpha * d, g_new, h_new
            # 3) stop once the step is at the level of float64 rounding
            if np.linalg.norm(alpha * d) <= 1e-14 * (1.0 + np.linalg.norm(p)):
                break
        # the gradient must be ~0 on the scale of the curvature, or this was no stationary point
        if not np.linalg.norm(g) <= 1e-9 * (1.0 + np.linalg.norm(h, 2) * (1.0 + np.linalg.norm(p))):
            raise RuntimeError(f"Newton's method did not converge from {tuple(guess)}; stopped at {tuple(p)}")
        return float(p[0]), float(p[1])


def _grad_hess(value):
    """One jitted ``(xy, params, data) -> (gradient, Hessian)`` per surface function."""
    fn = _COMPILED.get(value)
    if fn is None:
        fn = _COMPILED[value] = jax.jit(lambda xy, p, d: (jax.grad(value)(xy, p, d), jax.hessian(value)(xy, p, d)))
    return fn
