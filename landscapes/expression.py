r"""A surface typed by the user: a formula in ``x`` and ``y``, with its minima found numerically.

.. math::

    f(x, y) = \text{the typed formula, e.g. } x^{2} + 10\,y^{2}

The text is checked and turned into a `jnp` function by :mod:`landscapes.parser` (never
``eval``: read there what a formula may contain and why), and shown in LaTeX by
:mod:`landscapes.latex`.

Minima are found numerically, since a typed formula has no known answer:

1. on a 101 x 101 grid, the interior points no higher than their 8 neighbours are candidates;
2. each is polished by Newton's method (:func:`landscapes.newton.solve`, all candidates at once);
3. a candidate is kept if Newton's method converged (:math:`\nabla f \approx 0`) inside the
   domain and :math:`\nabla^2 f` is positive definite there. Degenerate minima (``x**4 + y**4``)
   are kept when the grid point was strictly lowest, flat valleys (``x**2`` alone) are not;
   kinks such as the corner of ``abs(x) + abs(y)`` have no usable gradient and are not listed.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from . import newton
from .base import Box, Point, Surface
from .latex import to_latex
from .parser import parse

NAME = "expression"


def from_expression(text: str, domain: Box = ((-3.0, 3.0), (-3.0, 3.0)), start: Point | None = None) -> Surface:
    """The surface ``f(x, y) = text`` over ``domain``; ``ValueError`` for anything not allowed."""
    formula = parse(text)
    domain = _check_domain(domain)
    (x0, x1), (y0, y1) = domain
    # default start: 80% of the way from the centre to the upper-left corner
    start = (x0 + 0.1 * (x1 - x0), y0 + 0.9 * (y1 - y0)) if start is None else _check_point(start, "start")
    surface = Surface(
        name=NAME,
        title=formula.text,
        formula="f(x,y) = " + to_latex(formula.text),
        value=formula.value,
        params={},
        domain=domain,
        minima=(),
        start=start,
        note="Minima were found numerically (grid search, then Newton steps); they may miss some.",
    )
    Z = surface.grid(_GRID_N)[2]
    if not np.isfinite(Z).any():
        raise ValueError("the formula is not finite anywhere on the plotting domain")
    return dataclasses.replace(surface, minima=_find_minima(surface, Z), log_levels=_wants_log_levels(Z))


# -- domain and start --------------------------------------------------------------------
def _check_domain(domain) -> Box:
    try:
        (x0, x1), (y0, y1) = ((float(lo), float(hi)) for lo, hi in domain)
    except (TypeError, ValueError):
        raise ValueError(f"the domain must be two (low, high) pairs of numbers, got {domain!r}") from None
    for lo, hi in ((x0, x1), (y0, y1)):
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi and math.isfinite(hi - lo)):
            raise ValueError(f"each domain range must be finite with low < high, got {domain!r}")
    return (x0, x1), (y0, y1)


def _check_point(point, what: str) -> Point:
    try:
        px, py = (float(v) for v in point)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be two numbers (x, y), got {point!r}") from None
    if not (math.isfinite(px) and math.isfinite(py)):
        raise ValueError(f"{what} must be finite, got {point!r}")
    return px, py


# -- minima and contour levels, numerically --------------------------------------------------
_GRID_N = 101  # odd, so the centre of a symmetric domain (often the minimum) is a grid point
_CANDIDATES = 32  # grid minima polished by Newton (a fixed count: one compilation per formula)
_MAX_MINIMA = 8


def _find_minima(surface: Surface, Z: np.ndarray) -> tuple[Point, ...]:
    """Grid points lower than their 8 neighbours, polished by Newton, kept if they are true minima."""
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, _GRID_N), np.linspace(y0, y1, _GRID_N)
    diameter = math.hypot(x1 - x0, y1 - y0)

    # 1) interior grid points no higher than any of their 8 neighbours (non-finite counts as +inf)
    H = np.where(np.isfinite(Z), Z, np.inf)
    centre = H[1:-1, 1:-1]
    neighbours = np.stack([H[1 + di : _GRID_N - 1 + di, 1 + dj : _GRID_N - 1 + dj]
                           for di in (-1, 0, 1) for dj in (-1, 0, 1) if (di, dj) != (0, 0)])
    low = np.isfinite(centre) & (centre <= neighbours.min(0)) & (centre < neighbours.max(0))
    strict = centre < neighbours.min(0)  # lower than every neighbour, not just level with some
    rows, cols = np.nonzero(low)
    if rows.size == 0:
        return ()
    order = np.argsort(centre[rows, cols])[:_CANDIDATES]
    rows, cols = rows[order], cols[order]
    grid_pts = np.stack([xs[cols + 1], ys[rows + 1]], axis=1)

    # 2) Newton's method from each (padded to a fixed count so the compiled code is reused)
    padded = np.concatenate([grid_pts, np.repeat(grid_pts[:1], _CANDIDATES - len(grid_pts), axis=0)])
    found = newton.solve(surface.value, padded)
    pts, f, hessians = found.points[: len(grid_pts)], found.value[: len(grid_pts)], found.hessian[: len(grid_pts)]

    # 3) a minimum: Newton converged (∇f ≈ 0) inside the domain, and ∇²f is positive definite
    #    (or semi-definite at a strict grid minimum, so that the degenerate minimum of
    #    x**4 + y**4 counts while the flat valley floor of x**2 does not)
    finite = np.isfinite(f) & np.isfinite(hessians).all(axis=(1, 2))
    lam_min, lam_max = np.full((2, len(pts)), np.nan)
    lam_min[finite], lam_max[finite] = np.linalg.eigvalsh(hessians[finite]).T
    h_tol = 1e-5 * np.maximum(1.0, np.abs(lam_max))
    inside = np.all((pts >= [x0, y0]) & (pts <= [x1, y1]), axis=1)
    ok = (found.converged[: len(grid_pts)] & finite & inside
          & ((lam_min > h_tol) | (strict[rows, cols] & (lam_min >= -h_tol))))

    # 4) lowest first, without duplicates, at most _MAX_MINIMA
    minima: list[Point] = []
    for i in np.argsort(np.where(ok, f, np.inf)):
        if not ok[i] or len(minima) == _MAX_MINIMA:
            break
        if all(math.dist(pts[i], m) >= 1e-3 * diameter for m in minima):
            minima.append((float(pts[i, 0]), float(pts[i, 1])))
    return tuple(minima)


def _wants_log_levels(Z: np.ndarray) -> bool:
    """Log-spaced contours when the surface rises more than 3 decades above its floor.

    With heights ``h = f - min f`` over the finite grid values, the floor is the 1st percentile
    of the positive heights, and the rule is ``max h > 1000 · floor``: Rosenbrock's steep walls
    around a flat valley, or x**4 + y**4, say yes; bowls like x**2 + 10*y**2 or Himmelblau's say no.
    """
    z = Z[np.isfinite(Z)]
    h = z - z.min()
    if not (h > 0).any():  # a constant formula
        return False
    return bool(h.max() > 1000.0 * np.percentile(h[h > 0], 1))
