r"""Two-dimensional pictures of a high-dimensional loss, the two ways research papers draw them.

1. **The trajectory's plane** (Li et al. 2018, section 7). Through the first run's final weights θ*,
   the plane spanned by the first two principal directions of the runs' weights, measured from θ*:

   .. math:: M = \begin{bmatrix}\theta_0 - \theta^* \\ \vdots \\ \theta_T - \theta^*\end{bmatrix},\qquad
             M = U\Sigma V^\top,\qquad d_1, d_2 = V_{:,1}, V_{:,2}

   Each path is drawn at its coordinates :math:`(\langle\theta_t-\theta^*, d_1\rangle, \langle\theta_t-\theta^*, d_2\rangle)`
   over the loss :math:`\mathcal L(\theta^* + a d_1 + b d_2)`. The plane holds only part of a path:
   ``explained_variance`` is the share of :math:`\lVert M\rVert_F^2` along :math:`d_1` and :math:`d_2`.
2. **Filter-normalised random directions** (Li et al. 2018, section 4): a Gaussian direction whose every
   filter (a neuron's incoming weights) is rescaled to the norm of the same filter in θ, biases zero, so
   that slices around minima of different scale can be compared for sharpness.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from optimizers import program

from .mlp import Architecture, Model
from .train import Run

MAX_GRID = 128
ROWS_PER_RUN = 128  # the principal directions are computed from this many evenly spaced steps of each run


@dataclass(frozen=True)
class Plane:
    """A slice of the train loss: ``loss[j, i]`` at ``center + xs[i] d_1 + ys[j] d_2``; ``paths`` in its coordinates."""

    xs: np.ndarray
    ys: np.ndarray
    loss: np.ndarray
    paths: list[np.ndarray]
    explained_variance: np.ndarray | None  # (2,) for a trajectory's plane; None for random directions
    center: np.ndarray
    directions: np.ndarray  # (2, n_params), orthonormal for a trajectory's plane


def _grid_loss(arch: Architecture, center, directions, xs, ys, x, y):
    """L(center + a d_1 + b d_2) over the grid, one vectorised call."""
    program.traced()

    def at(a, b):
        return arch.loss(center + a * directions[0] + b * directions[1], x, y)

    return jax.vmap(lambda b: jax.vmap(lambda a: at(a, b))(xs))(ys)


_grid = program.bounded(_grid_loss, 8)


def surface(m: Model, center, directions, xs, ys) -> np.ndarray:
    """The train loss on the grid ``xs`` × ``ys`` of the plane through ``center`` along ``directions`` (2, n)."""
    d = m.data
    ft = np.float32
    return np.asarray(_grid(m.arch, np.asarray(center, ft), np.asarray(directions, ft), np.asarray(xs, ft),
                            np.asarray(ys, ft), d.x_train.astype(ft), d.y_train.astype(ft)), dtype=float)


def _grid_size(grid) -> int:
    if isinstance(grid, bool) or not isinstance(grid, (int, np.integer)) or not 2 <= grid <= MAX_GRID:
        raise ValueError(f"grid must be a whole number from 2 to {MAX_GRID}, got {grid!r}")
    return int(grid)


def plane(runs: list[Run], grid: int = 64, margin: float = 0.2) -> Plane:
    """The plane of the runs' weights through the first run's final point (see the module's docstring).

    The grid covers every path with ``margin`` (a fraction of the paths' extent) to spare.
    """
    grid = _grid_size(grid)
    if not runs:
        raise ValueError("plane needs at least one run")
    m = runs[0].model
    if any(r.model.arch != m.arch for r in runs):
        raise ValueError("every run must train the same network")
    center = np.asarray(runs[0].final, dtype=float)
    # 1) the principal directions of the steps' offsets from θ* (evenly spaced steps of each run, up to its last)
    rows = [r.theta[np.unique(np.linspace(0, r.last, min(ROWS_PER_RUN, r.last + 1)).round().astype(int))] - center
            for r in runs]
    sample = np.concatenate(rows)
    _, _, vt = np.linalg.svd(sample, full_matrices=False)
    directions = vt[:2] if len(vt) >= 2 else np.vstack([vt, np.zeros_like(vt)])
    # 2) every step of every run in the plane's coordinates; the share of the offsets the plane holds
    offsets = [r.theta[: r.last + 1] - center for r in runs]
    paths = [o @ directions.T for o in offsets]
    total = sum(float(np.sum(o**2)) for o in offsets)
    captured = np.array([sum(float(np.sum((o @ d) ** 2)) for o in offsets) for d in directions])
    explained = captured / total if total > 0 else np.zeros(2)
    # 3) the loss over a grid around every path
    xs, ys = (_span(np.concatenate([p[:, i] for p in paths]), margin, grid) for i in (0, 1))
    return Plane(xs, ys, surface(m, center, directions, xs, ys), paths, explained, center, directions)


def _span(values: np.ndarray, margin: float, grid: int) -> np.ndarray:
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = max(hi - lo, 1e-3) * margin
    return np.linspace(lo - pad, hi + pad, grid)


def filter_normalized(m: Model, theta, seed: int = 0) -> np.ndarray:
    """A random direction (n_params,) with every filter scaled to the norm of the same filter in θ, biases zero.

    A filter of a dense layer is one neuron's incoming weights, a column of ``W_l``.
    """
    rng = np.random.default_rng(seed)
    theta = np.asarray(theta, dtype=float)
    parts = []
    for w, b in m.arch.layers(theta):
        d = rng.standard_normal(w.shape)
        # d_{:,j} ← d_{:,j} ‖W_{:,j}‖ / ‖d_{:,j}‖
        d *= np.linalg.norm(w, axis=0) / np.maximum(np.linalg.norm(d, axis=0), 1e-12)
        parts += [d.ravel(), np.zeros_like(b)]
    return np.concatenate(parts)


def random_plane(m: Model, theta, grid: int = 64, span: float = 1.0, seed: int = 0) -> Plane:
    """The train loss around ``theta`` along two filter-normalised random directions, over ``[-span, span]²``."""
    grid = _grid_size(grid)
    if not 0 < span <= 10:
        raise ValueError(f"span must be a number in (0, 10], got {span!r}")
    directions = np.stack([filter_normalized(m, theta, seed), filter_normalized(m, theta, seed + 1)])
    xs = ys = np.linspace(-span, span, grid)
    return Plane(xs, ys, surface(m, theta, directions, xs, ys), [], None, np.asarray(theta, dtype=float), directions)


def random_line(m: Model, theta, points: int = 101, span: float = 1.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The train loss along one filter-normalised random direction: ``(alphas, loss)``, α from −span to span."""
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= 1001:
        raise ValueError(f"points must be a whole number from 2 to 1001, got {points!r}")
    if not 0 < span <= 10:
        raise ValueError(f"span must be a number in (0, 10], got {span!r}")
    d = filter_normalized(m, theta, seed)
    alphas = np.linspace(-span, span, points)
    return alphas, surface(m, theta, np.stack([d, np.zeros_like(d)]), alphas, np.zeros(1))[0]
