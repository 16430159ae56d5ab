r"""Ill-conditioned quadratic: the surface on which gradient descent zigzags.

.. math::

    f(x, y) = \tfrac12\left(\tfrac{1}{\kappa}\,u^2 + v^2\right),\qquad
    \begin{pmatrix}u\\ v\end{pmatrix} = R(-\theta)\begin{pmatrix}x\\ y\end{pmatrix}

The Hessian has eigenvalues :math:`L = 1` (steep direction ``v``) and
:math:`\mu = 1/\kappa` (flat direction ``u``), so its condition number is
:math:`\kappa = L/\mu`. The largest stable gradient-descent step is ``2/L = 2``
whatever ``κ`` is, so one learning-rate slider means the same thing at every
condition number; a large ``κ`` only makes the flat direction slower. ``θ``
rotates the valley away from the axes (per-coordinate methods such as AdaGrad
and Adam lose their advantage when the valley is not axis-aligned).
"""

import math

import jax.numpy as jnp

from .base import Param

NAME = "quadratic"
TITLE = "Ill-conditioned quadratic"
FORMULA = r"f(x,y)=\tfrac12\left(\tfrac{1}{\kappa}u^2+v^2\right),\ (u,v)=R(-\theta)\,(x,y)"
PARAMS = (
    Param("condition", 10.0, 1.0, 1000.0, log=True),
    Param("angle", 0.0, -math.pi / 2, math.pi / 2),
)


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    c, s = jnp.cos(params["angle"]), jnp.sin(params["angle"])
    # (u, v) = R(-θ)(x, y): coordinates along the valley's flat and steep axes
    u = c * x + s * y
    v = -s * x + c * y
    # f = ½(u²/κ + v²)
    return 0.5 * (u * u / params["condition"] + v * v)


def make(p: dict) -> dict:
    return dict(
        domain=((-3.0, 3.0), (-3.0, 3.0)),
        minima=((0.0, 0.0),),
        start=(-2.5, 2.0),
        log_levels=p["condition"] > 30,
        note="The learning rate that contracts fastest is 2/(L+μ) = 2κ/(κ+1).",
    )
