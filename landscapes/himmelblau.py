r"""Himmelblau's function: four equally deep minima, and the start decides which one you reach.

.. math::

    f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2

The loss is a sum of two squares, so it is zero exactly where both vanish:
:math:`x^2 + y = 11` and :math:`x + y^2 = 7`. These two parabolas cross at four
points, all global minima with :math:`f = 0`; one of them is :math:`(3, 2)`, the
other three have no simple closed form. Between the minima lie four saddle
points, and a local maximum sits in the middle. Every descent method ends in
the basin its start point (and its momentum) leads it to: a non-convex loss
has no single answer, only the one the optimizer's path finds.

The three irrational minima, the saddles and the maximum are computed when
this module is imported, by Newton's method from rough guesses
(:mod:`landscapes.newton`), not typed in.

Reference: D. M. Himmelblau, *Applied Nonlinear Programming*, McGraw-Hill (1972).
"""

import functools

from .newton import refine

NAME = "himmelblau"
TITLE = "Himmelblau: four minima"
FORMULA = r"f(x,y)=(x^2+y-11)^2+(x+y^2-7)^2"
PARAMS = ()


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    # f = (x² + y - 11)² + (x + y² - 7)²
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


@functools.cache
def stationary_points():
    """Minima, saddles and the maximum, refined by Newton on first use (not at import: no computation then)."""
    # (3, 2) is exact: 9 + 2 - 11 = 0 and 3 + 4 - 7 = 0; the rest from rough guesses
    minima = ((3.0, 2.0),) + tuple(refine(value, g) for g in ((-2.8, 3.1), (-3.8, -3.3), (3.6, -1.8)))
    saddles = tuple(refine(value, g) for g in ((0.09, 2.88), (-3.07, -0.08), (3.39, 0.07), (-0.13, -1.95)))
    maxima = (refine(value, (-0.27, -0.92)),)
    return minima, saddles, maxima


def make(p: dict) -> dict:
    minima, saddles, maxima = stationary_points()
    return dict(
        domain=((-5.0, 5.0), (-5.0, 5.0)),
        minima=minima,
        saddles=saddles,
        start=(0.0, 0.0),
        log_levels=True,
        note="All four minima have f = 0; move the start across a saddle and a different one wins.",
        extra={"maxima": maxima},
    )
