r"""Rosenbrock's banana: a curved, narrow valley whose floor is nearly flat.

.. math::

    f(x, y) = (a - x)^2 + b\,(y - x^2)^2

The only minimum is :math:`(a, a^2)` with :math:`f = 0`. The term
:math:`b\,(y - x^2)^2` makes the valley walls steep, while along the floor
:math:`y = x^2` only :math:`(a - x)^2` is left. At the minimum the Hessian is

.. math::

    H = \begin{pmatrix} 2 + 8ba^2 & -4ba \\ -4ba & 2b \end{pmatrix},\qquad \det H = 4b,

so at :math:`a = 1,\ b = 100` its eigenvalues are about 1002 and 0.4: a condition
number of about 2500, and a valley that also bends. Gradient descent must take
steps below :math:`2/\lambda_{\max} \approx 0.002` to stay stable, and then
crawls along the floor; momentum and adaptive methods follow the bend faster.

Reference: H. H. Rosenbrock, "An automatic method for finding the greatest or
least value of a function", *The Computer Journal* 3 (1960).
"""

from .base import Param

NAME = "rosenbrock"
TITLE = "Rosenbrock's banana valley"
FORMULA = r"f(x,y)=(a-x)^2+b\,(y-x^2)^2"
PARAMS = (
    Param("a", 1.0, 0.1, 3.0),
    Param("b", 100.0, 1.0, 1000.0, log=True),
)


def value(xy, params, data=None):
    x, y = xy[0], xy[1]
    # f = (a - x)² + b (y - x²)²
    return (params["a"] - x) ** 2 + params["b"] * (y - x * x) ** 2


def make(p: dict) -> dict:
    a = p["a"]
    return dict(
        # the classic window, widened to keep (a, a²) in view for large a
        domain=((-2.0, max(2.0, a + 0.5)), (-1.0, max(3.0, a * a + 1.0))),
        minima=((a, a * a),),
        start=(-1.5, 2.0),
        log_levels=True,
        note="Near the minimum gradient descent is stable only for learning rates below 2/λ_max ≈ 1/(b(1 + 4a²)).",
    )
