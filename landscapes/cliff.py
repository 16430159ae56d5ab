r"""Cliff: a gentle bowl below a steep wall, where the gradient explodes (the case for gradient clipping).

.. math::

    f(x, y) = 0.05\,(x - 2)^2 + 0.5\,y^2 + h\,S\!\left(\tfrac12 + \tfrac{k}{4}(c - x)\right),\qquad
    S(u) = \frac{\operatorname{softplus}(\beta u) - \operatorname{softplus}(\beta(u - 1))}{\beta}

:math:`S` is a smoothed ramp, :math:`S(u) \approx \min(\max(u, 0), 1)`, so the wall
rises from the bowl to a high shelf of height ``h`` across a band of width
:math:`4/k` centred on :math:`x = c`. On the wall the gradient is
:math:`hk/4` (25 at the defaults), against at most 0.6 from the bowl on the shelf and
below. Gradient descent walks calmly along the shelf until one step lands on
the wall; the next step is :math:`\eta\,hk/4` long (7.5 at :math:`\eta = 0.3`)
and throws the iterate far across the surface. Clipping the gradient to norm
``max_norm`` caps every step at :math:`\eta \cdot \texttt{max\_norm}`, so the
iterate steps down the cliff instead of being thrown.

Departure from the paper's picture: Pascanu et al. draw a sigmoid-shaped
cliff. A logistic sigmoid has exponential tails, so gradient descent often
meets the wall on its tail, where a step of medium length hops over the steep
part and the throw is small or missing, depending on exactly where the path
arrives. A flat-topped ramp with sharp corners (:math:`\beta = 100`, corners
of width about :math:`1/(25k)`) cannot be hopped over by the short steps made
on the shelf, so the explosion shows for most start points and learning rates.
The ramp keeps the sigmoid's steepest slope, :math:`hk/4`.

The minimum is near :math:`(2, 0)`: the wall's lower tail moves it slightly to
the right. It is found by Newton's method when the surface is made.

Reference: R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training
recurrent neural networks", ICML 2013, fig. 6.
"""

import jax

from .base import Param
from .newton import refine

NAME = "cliff"
TITLE = "Cliff: exploding gradients"
FORMULA = (
    r"f(x,y)=0.05\,(x-2)^2+0.5\,y^2+h\,S\!\left(\tfrac12+\tfrac{k}{4}(c-x)\right),\ "
    r"S(u)=\tfrac{1}{\beta}\left[\operatorname{softplus}(\beta u)-\operatorname{softplus}(\beta(u-1))\right]"
)
PARAMS = (
    Param("height", 5.0, 0.5, 20.0),
    Param("steepness", 20.0, 2.0, 100.0, log=True),
    Param("position", -1.0, -2.5, 1.0),
)
BETA = 100.0  # corner sharpness of the ramp, in units of the wall's width


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    h, k, c = params["height"], params["steepness"], params["position"]
    # u = ½ + k(c - x)/4: 0 at the foot of the wall, 1 at its top
    u = 0.5 + 0.25 * k * (c - x)
    # S(u) = [softplus(βu) - softplus(β(u - 1))]/β ≈ clip(u, 0, 1)
    ramp = (jax.nn.softplus(BETA * u) - jax.nn.softplus(BETA * (u - 1.0))) / BETA
    # f = 0.05 (x - 2)² + 0.5 y² + h S(u)
    return 0.05 * (x - 2.0) ** 2 + 0.5 * y * y + h * ramp


def make(p: dict) -> dict:
    # start on the shelf, about half a unit beyond the top edge of the wall, x = c - 2/k
    start_x = max(-3.8, min(-2.5, p["position"] - 2.0 / p["steepness"] - 0.5))
    return dict(
        domain=((-4.0, 4.0), (-3.0, 3.0)),
        minima=(refine(value, (2.0, 0.0), p),),
        start=(start_x, 1.0),
        note="On the wall the gradient is h·k/4; clip its norm and the step can never exceed learning_rate · max_norm.",
    )
