r"""Saddle point: a flat spot that is a minimum along one axis and a maximum along the other.

.. math::

    f(x, y) = a\,x^2 - b\,y^2 + c\,y^4

At the origin the gradient is zero and the Hessian is :math:`\mathrm{diag}(2a, -2b)`:
the loss curves up along ``x`` and down along ``y``. Started almost on the ridge
``y = 0``, gradient descent with step :math:`\eta` slides along ``x`` into the
saddle, where the ``y``-component of the gradient, :math:`-2by`, is as small as
``y`` itself: ``y`` grows only by the factor :math:`1 + 2b\eta` per step, so the
iterate sits near the saddle for about
:math:`\ln(1/|y_0|) / \ln(1 + 2b\eta)` steps before it escapes. Exactly on the
ridge (:math:`y_0 = 0`) it never escapes. Momentum, noise and normalised steps
(RMSProp, Adam) leave much sooner.

In high dimensions saddle points, not local minima, are where training stalls:
a stationary point with thousands of curvature directions almost always has
some pointing down.

The quartic term :math:`c\,y^4` bends the loss back up: for :math:`c > 0` there
are two minima at :math:`(0, \pm\sqrt{b/2c})` with :math:`f = -b^2/4c`. With
:math:`c = 0` the surface is the pure saddle :math:`ax^2 - by^2`, unbounded below.
"""

import math

from .base import Param

NAME = "saddle"
TITLE = "Saddle point"
FORMULA = r"f(x,y)=a\,x^2-b\,y^2+c\,y^4"
PARAMS = (
    Param("a", 1.0, 0.1, 5.0),
    Param("b", 1.0, 0.1, 5.0),
    Param("c", 0.25, 0.0, 2.0),
)


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    # f = a x² - b y² + c y⁴
    return params["a"] * x * x - params["b"] * y * y + params["c"] * y**4


def make(p: dict) -> dict:
    # ∂f/∂y = -2by + 4cy³ = 0  ⇒  y = 0 (the saddle) or y² = b/(2c) (the minima)
    if p["c"] > 0:
        y_min = math.sqrt(p["b"] / (2 * p["c"]))
        minima = ((0.0, y_min), (0.0, -y_min))
    else:
        y_min, minima = 0.0, ()
    # widen y so that the minima stay in view when c is small
    half_y = max(3.0, 1.25 * y_min)
    return dict(
        domain=((-3.0, 3.0), (-half_y, half_y)),
        minima=minima,
        saddles=((0.0, 0.0),),
        start=(-2.5, 1e-4),  # y₀ = 1e-4: GD at η = 0.1 waits ~20 steps at the saddle (1e-3: ~10)
        note="Started on the ridge y = 0 exactly, gradient descent never leaves the saddle.",
    )
