r"""Linear regression: the loss surface of a least-squares fit to synthetic data, over its two parameters (w, b).

.. math::

    L(w, b) = \frac1N \sum_{i=1}^{N} \ell_i(w, b),\qquad
    \ell_i(w, b) = (w\,x_i + b - y_i)^2

The data are :math:`N` points :math:`x_i \sim U(0, 3)`,
:math:`y_i = w_\star x_i + b_\star + \sigma\,\varepsilon_i` with
:math:`\varepsilon_i \sim N(0, 1)`, drawn from a seeded generator: the same seed
gives the same points, and moving :math:`w_\star`, :math:`b_\star` or
:math:`\sigma` moves the same cloud of points.

The loss is the mean squared error, a quadratic in :math:`(w, b)` with the
constant Hessian

.. math::

    H = 2\begin{pmatrix} \overline{x^2} & \bar x \\ \bar x & 1 \end{pmatrix},

a tilted ellipse with condition number about 19 for :math:`x \sim U(0, 3)`:
the slope and the intercept trade off against each other. Its minimum is the
least-squares fit, which noise moves away from :math:`(w_\star, b_\star)`.

Because :math:`L` is a mean over samples, the gradient of the mean over a
random mini-batch is an unbiased estimate of :math:`\nabla L`: this is the
surface on which SGD and mini-batch gradient descent are real, not simulated.
"""

import jax.numpy as jnp
import numpy as np

from .base import Param

NAME = "linear_regression"
TITLE = "Linear regression (mean squared error)"
FORMULA = r"L(w,b)=\frac1N\sum_{i=1}^N\left(w\,x_i+b-y_i\right)^2"
PARAMS = (
    Param("n_samples", 100, 10, 2000, structural=True, integer=True, stops=(10, 20, 50, 100, 200, 500, 1000, 2000)),
    Param("noise", 0.5, 0.0, 3.0),
    Param("true_w", 2.0, -3.0, 3.0),
    Param("true_b", -1.0, -3.0, 3.0),
    Param("data_seed", 0, 0, 1000, integer=True),
)


def value(xy, params, data):
    w, b = xy[0], xy[1]
    # L = mean_i (w x_i + b - y_i)²
    return jnp.mean((w * data["x"] + b - data["y"]) ** 2)


def sample_value(xy, params, sample):
    w, b = xy[0], xy[1]
    # ℓ_i = (w x_i + b - y_i)²
    return (w * sample["x"] + b - sample["y"]) ** 2


def make_data(n_samples: int, noise: float, true_w: float, true_b: float, data_seed: int) -> dict[str, np.ndarray]:
    """The data set: ``{"x": (N,), "y": (N,)}`` in float64."""
    rng = np.random.default_rng(data_seed)
    # x_i ~ U(0, 3), ε_i ~ N(0, 1), both drawn before σ is used, so σ only scales the same ε
    x = rng.uniform(0.0, 3.0, n_samples)
    eps = rng.standard_normal(n_samples)
    # y_i = w⋆ x_i + b⋆ + σ ε_i
    y = true_w * x + true_b + noise * eps
    for a in (x, y):
        a.setflags(write=False)  # a Surface may be cached and shared: its data must not change under it
    return {"x": x, "y": y}


def make(p: dict) -> dict:
    n, seed = p["n_samples"], p["data_seed"]
    if n < 2:
        raise ValueError(f"{NAME}: n_samples must be an integer >= 2, got {n!r}")
    if seed < 0:
        raise ValueError(f"{NAME}: data_seed must be an integer >= 0, got {seed!r}")
    if p["noise"] < 0:
        raise ValueError(f"{NAME}: noise must be >= 0, got {p['noise']!r}")
    data = make_data(**p)
    # the closed-form reference: least squares on the design matrix [x, 1]
    design = np.stack([data["x"], np.ones_like(data["x"])], axis=1)
    (w_hat, b_hat), *_ = np.linalg.lstsq(design, data["y"], rcond=None)
    w_hat, b_hat = float(w_hat), float(b_hat)
    return dict(
        # the data settings are not traced: changing them makes new data, not a new value of L
        params={},
        domain=((w_hat - 3.0, w_hat + 3.0), (b_hat - 3.0, b_hat + 3.0)),
        minima=((w_hat, b_hat),),
        start=(w_hat - 2.5, b_hat + 2.5),
        data=data,
        sample_value=sample_value,
        note="The minimum is the least-squares fit; the Hessian is constant, so the contours are exact ellipses.",
        extra=dict(p),
    )
