r"""Lesson 8's computations: time near a saddle, how fast each method leaves it, basins, and noise out of a shallow minimum.

The saddle is :math:`f = a x^2 - b y^2 + c y^4`. Near the ridge :math:`y = 0` the y-gradient is :math:`-2by`
(the quartic adds :math:`4cy^3`, negligible while :math:`2cy^2 \ll b`), so y moves on its own, linearly:

* GD: :math:`y_{t+1} = (1 + 2b\eta)\,y_t`, growth :math:`1 + h` per step with :math:`h = 2b\eta`;
* heavy ball (:math:`v_t = \beta v_{t-1} + g_t`, :math:`\theta_{t+1} = \theta_t - \eta v_t`):
  :math:`y_{t+1} = (1 + \beta + h)\,y_t - \beta\,y_{t-1}`, whose growing mode is the larger root of
  :math:`r^2 - (1 + \beta + h)\,r + \beta = 0`. At :math:`h = 0` the roots are 1 and β, and :math:`dr/dh = 1/(1-\beta)`
  at r = 1, so for :math:`h \ll (1-\beta)^2` the growth is about :math:`1 + h/(1-\beta)`: the velocity *along y*
  piles up the small, agreeing y-gradients. The speed built on the way in is along x, the stable axis; it
  does not carry the point out.

Measurements run the engine (`optimizers.run`, `optimizers.engine.run_batch` for many starts or seeds at once).
Pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import functools
import math
from typing import Sequence

import numpy as np

import landscapes
from optimizers.engine import run_batch

NOT_SETTLED = -1  # basin code: the run ended away from every minimum
DIVERGED_CODE = -2  # basin code: the run diverged
ROTATED = "2*x*y + (x - y)**4/16"  # the saddle a=b=1, c=1/4 turned by 45°: u = (x+y)/√2 in, w = (x−y)/√2 out


# ----------------------------------------------------------------------------
# time near the saddle


def steps_near(xy: np.ndarray, point: Sequence[float], radius: float) -> int:
    """How many positions of a path (start included) lie within ``radius`` of ``point``; NaN rows never do."""
    xy = np.asarray(xy, dtype=np.float64)
    d = np.hypot(xy[..., 0] - point[0], xy[..., 1] - point[1])
    return int(np.sum(np.nan_to_num(d, nan=np.inf) <= radius))


def linear_saddle_steps(a: float, b: float, eta: float, start: Sequence[float], radius: float) -> float:
    r"""Gradient descent's time near the saddle of :math:`ax^2 - by^2`, from the linearised map.

    Each step multiplies ``x`` by :math:`1 - 2a\eta` and ``y`` by :math:`1 + 2b\eta`, so the path enters
    the disc of radius ``r`` after :math:`\ln(|x_0|/r) / \ln(1/|1-2a\eta|)` steps and leaves it after
    :math:`\ln(r/|y_0|) / \ln(1+2b\eta)`: the difference is the time spent near the saddle
    (``inf`` exactly on the ridge, where ``y`` never grows).
    """
    x0, y0 = abs(float(start[0])), abs(float(start[1]))
    shrink = abs(1.0 - 2.0 * a * eta)
    if y0 == 0.0:
        return math.inf
    t_in = 0.0 if x0 <= radius else (math.log(x0 / radius) / -math.log(shrink) if 0 < shrink < 1 else math.inf)
    t_out = max(math.log(radius / y0), 0.0) / math.log1p(2.0 * b * eta)
    return max(t_out - t_in, 0.0)


def near_counts(surface, rule: str, start, steps: int, seeds: Sequence[int], radius: float, point=(0.0, 0.0),
                **hp) -> np.ndarray:
    """`steps_near` for one run per seed (all in one program)."""
    xy = run_batch(surface, rule, start, steps, seeds=np.asarray(seeds), **hp)
    return np.array([steps_near(row, point, radius) for row in xy])


# ----------------------------------------------------------------------------
# how fast |y| grows: GD against momentum


def growth_gd(b: float, eta: float) -> float:
    """GD's growth of y per step near the saddle: 1 + 2bη."""
    return 1.0 + 2.0 * b * eta


def growth_momentum(b: float, eta: float, beta: float) -> float:
    """Heavy ball's growth of y per step: the larger root of r² − (1 + β + 2bη) r + β = 0."""
    s = 1.0 + beta + 2.0 * b * eta
    return (s + math.sqrt(s * s - 4.0 * beta)) / 2.0


def growth_momentum_approx(b: float, eta: float, beta: float) -> float:
    """1 + 2bη/(1 − β): the root's first-order expansion, good while 2bη ≪ (1 − β)²."""
    return 1.0 + 2.0 * b * eta / (1.0 - beta)


def measured_growth(y: np.ndarray, lo: float, hi: float) -> tuple[float, int, int]:
    """The per-step growth of |y| from the first step with |y| ≥ ``lo`` to the last before |y| passes ``hi``.

    Returns (growth, first step, last step); growth is NaN when fewer than two steps lie in the window.
    """
    a = np.abs(np.nan_to_num(np.asarray(y, dtype=np.float64), nan=np.inf))
    above = np.flatnonzero(a >= lo)
    if not above.size:
        return math.nan, 0, 0
    first = int(above[0])
    past = np.flatnonzero(a[first:] > hi)
    last = (first + int(past[0]) - 1) if past.size else len(a) - 1
    if last <= first or a[first] == 0:
        return math.nan, first, last
    return float((a[last] / a[first]) ** (1.0 / (last - first))), first, last


# ----------------------------------------------------------------------------
# adaptive steps at a saddle: the axis-aligned one and the same saddle turned by 45°


@functools.lru_cache(maxsize=1)
def rotated_saddle():
    """f = 2xy + (x − y)⁴/16: the page's saddle (a = b = 1, c = 1/4) with its axes along the diagonals."""
    return landscapes.from_expression(ROTATED, domain=((-3.0, 3.0), (-3.0, 3.0)))


def rotated_point(u: float, w: float) -> tuple[float, float]:
    """(x, y) of the point u along the way in, w along the way out of the turned saddle."""
    r = math.sqrt(0.5)
    return (r * (u + w), r * (u - w))


# ----------------------------------------------------------------------------
# several minima


def basin_codes(finals: np.ndarray, minima: Sequence[Sequence[float]], tol: float) -> np.ndarray:
    """For each final position, the index of the minimum within ``tol``; `NOT_SETTLED` or `DIVERGED_CODE` otherwise."""
    p = np.asarray(finals, dtype=np.float64).reshape(-1, 2)
    out = np.full(len(p), NOT_SETTLED)
    if len(minima):
        m = np.asarray(minima, dtype=np.float64).reshape(-1, 2)
        d = np.hypot(p[:, None, 0] - m[None, :, 0], p[:, None, 1] - m[None, :, 1])
        k = np.argmin(np.nan_to_num(d, nan=np.inf), axis=1)
        out = np.where(d[np.arange(len(p)), k] <= tol, k, NOT_SETTLED)
    return np.where(np.all(np.isfinite(p), axis=1), out, DIVERGED_CODE)


def basin_of(final_xy: Sequence[float], minima: Sequence[Sequence[float]], tol: float) -> int:
    """`basin_codes` of one final position."""
    return int(basin_codes(np.asarray(final_xy)[None], minima, tol)[0])


def basins(surface, rule: str, n: int, steps: int, tol: float, **hp) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The minimum reached from each start of an n × n grid over the domain, all runs in one program.

    Returns ``xs``, ``ys`` and ``codes[i, j]`` for the start (xs[j], ys[i]).
    """
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    X, Y = np.meshgrid(xs, ys)
    finals = run_batch(surface, rule, np.stack([X.ravel(), Y.ravel()], axis=1), steps, **hp)[:, -1]
    return xs, ys, basin_codes(finals, surface.minima, tol).reshape(n, n)


def noisy_runs(surface, start, steps: int, seeds: Sequence[int], **hp) -> np.ndarray:
    """Positions of one run per noise seed from ``start``, (seeds, steps + 1, 2)."""
    return run_batch(surface, "sgd", start, steps, seeds=np.asarray(seeds), **hp)


def on_deep_side(xy: np.ndarray, surface) -> np.ndarray:
    """Which positions lie on the deepest minimum's side of the saddle (the double well's x-split)."""
    (saddle_x, _), deep_x = surface.saddles[0], surface.minima[0][0]
    x = np.asarray(xy)[..., 0]
    return np.where(deep_x < saddle_x, x < saddle_x, x > saddle_x)


def goe_all_positive(dims: Sequence[int], samples: int, seed: int = 0) -> np.ndarray:
    """For each dimension d, how many of ``samples`` random symmetric d×d matrices have only positive eigenvalues.

    The matrices are the Gaussian orthogonal ensemble: H = (A + Aᵀ)/2 with A's entries
    independent N(0, 1). A Hessian at a critical point with all eigenvalues positive
    is a minimum; one with some negative is a saddle (or a maximum).
    """
    rng = np.random.default_rng(seed)
    counts = []
    for d in dims:
        a = rng.standard_normal((samples, d, d))
        h = (a + np.swapaxes(a, 1, 2)) / 2
        smallest = np.linalg.eigvalsh(h)[:, 0]  # eigenvalues come sorted, smallest first
        counts.append(int(np.sum(smallest > 0)))
    return np.asarray(counts)

