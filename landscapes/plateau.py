r"""Plateau: a wide flat region where the gradient all but vanishes, around a narrow well.

.. math::

    f(x, y) = 1 - \exp\!\left(-\frac{x^2 + y^2}{2w^2}\right),\qquad
    \nabla f = \frac{(x, y)}{w^2}\exp\!\left(-\frac{x^2 + y^2}{2w^2}\right)

Far from the well the loss is almost exactly 1 and the gradient shrinks like
:math:`e^{-r^2/2w^2}`: at the start :math:`(2.5, 2)` with :math:`w = 0.6` it is
about :math:`6\cdot10^{-6}`. Gradient descent moves :math:`\eta\,\lVert\nabla f\rVert`
per step, so it crawls, just as it does near a saddle point. Adam and RMSProp
divide the gradient by its own running size, so they walk across the plateau
at about :math:`\eta` per step whatever that size is, until the well's steep
edge. Momentum helps only once it has built up speed.

A gradient that underflows is exactly zero, and then nothing moves: in float32
:math:`e^{-u}` flushes to zero beyond :math:`u \approx 87`, which at the start
point happens for :math:`w \lesssim 0.24`.
"""

import jax.numpy as jnp

from .base import Param

NAME = "plateau"
TITLE = "Plateau around a narrow well"
FORMULA = r"f(x,y)=1-\exp\!\left(-\frac{x^2+y^2}{2w^2}\right)"
PARAMS = (Param("width", 0.6, 0.2, 2.0),)


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    w = params["width"]
    # f = 1 - exp(-(x² + y²) / (2w²))
    return 1.0 - jnp.exp(-(x * x + y * y) / (2.0 * w * w))


def make(p: dict) -> dict:
    return dict(
        domain=((-3.0, 3.0), (-3.0, 3.0)),
        minima=((0.0, 0.0),),
        start=(2.5, 2.0),
        note="Plain gradient descent barely moves here; a normalised step (Adam, RMSProp) walks at a steady pace.",
    )
