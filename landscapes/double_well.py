r"""Tilted double well: a shallow local minimum beside a deeper global one.

.. math::

    f(x, y) = (x^2 - 1)^2 + t\,x + s\,y^2

Without tilt (:math:`t = 0`) the two wells at :math:`x = \pm 1` are equally deep.
The tilt :math:`t\,x` lowers the left well and raises the right one. The
stationary points lie on :math:`y = 0` where

.. math::

    \frac{\partial f}{\partial x} = 4x^3 - 4x + t = 0 .

The cubic :math:`4x^3 - 4x` has its extreme values :math:`\mp 8/(3\sqrt3)` at
:math:`x = \pm 1/\sqrt3`, so for :math:`|t| < 8/(3\sqrt3) \approx 1.54` it has
three real roots: the two outer ones are minima (curvature
:math:`12x^2 - 4 > 0`) and the middle one is the saddle between them. For
larger tilts the shallow well disappears.

Gradient descent started on the shallow side stops in the local minimum: its
gradient there is zero, just as at the global one. Momentum can carry it over
the saddle, and gradient noise can kick it over; neither is guaranteed.
"""

import math

import numpy as np

from .base import Param

NAME = "double_well"
TITLE = "Local vs global minimum"
FORMULA = r"f(x,y)=(x^2-1)^2+t\,x+s\,y^2"
PARAMS = (
    Param("tilt", 0.5, 0.0, 1.2),
    Param("stiffness", 1.0, 0.1, 5.0),
)


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    # f = (x² - 1)² + t x + s y²
    return (x * x - 1.0) ** 2 + params["tilt"] * x + params["stiffness"] * y * y


def stationary_x(tilt: float) -> tuple[list[float], list[float]]:
    """The ``x`` of the minima (deepest first) and of the saddle: the real roots of 4x³ - 4x + t = 0."""
    roots = np.roots([4.0, 0.0, -4.0, tilt])
    real = sorted(float(r.real) for r in roots if abs(r.imag) <= 1e-9)
    # the curvature along x, 12x² - 4, tells a minimum from a saddle
    minima = [x for x in real if 12 * x * x - 4 > 0]
    saddles = [x for x in real if 12 * x * x - 4 < 0]
    # deepest first: f(x, 0) = (x² - 1)² + t x
    minima.sort(key=lambda x: (x * x - 1) ** 2 + tilt * x)
    return minima, saddles


def make(p: dict) -> dict:
    minima, saddles = stationary_x(p["tilt"])
    return dict(
        domain=((-2.0, 2.0), (-2.0, 2.0)),
        minima=tuple((x, 0.0) for x in minima),
        saddles=tuple((x, 0.0) for x in saddles),
        start=(1.8, 1.5),
        note=f"Two minima exist only for |t| < 8/(3√3) ≈ {8 / (3 * math.sqrt(3)):.3f}.",
    )
