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


CHUNK = 512  # grid points evaluated together (a few tens of MB of activations at most)


def _grid_loss(arch: Architecture, center, directions, xs, ys, x, y):
    r"""L(center + a d_1 + b d_2) over the grid, one vectorised call.

    Layer by layer, the weights at (a, b) are W_c + a W_1 + b W_2, so

    .. math:: h\,W(a, b) = h W_c + a\,(h W_1) + b\,(h W_2):

    one large product of each point's activations with the three matrices side by side, where evaluating each
    grid point's network on its own would multiply thousands of small matrices.
    """
    program.traced()
    phi = jnp.tanh if arch.activation == "tanh" else jax.nn.relu
    layers = list(zip(arch.layers(center), arch.layers(directions[0]), arch.layers(directions[1])))
    a_all, b_all = (g.ravel() for g in jnp.meshgrid(xs, ys))
    pad = (-a_all.size) % CHUNK
    a_all, b_all = (jnp.pad(g, (0, pad)).reshape(-1, CHUNK) for g in (a_all, b_all))

    def chunk(ab):
        a, b = ab[0][:, None, None], ab[1][:, None, None]
        h = x.astype(center.dtype)[None]  # (1, N, 2), then (chunk, N, width)
        for i, ((wc, bc), (w1, b1), (w2, b2)) in enumerate(layers):
            m = wc.shape[1]
            z3 = h @ jnp.concatenate([wc, w1, w2], axis=1)
            # z = h W_c + a h W_1 + b h W_2 + (b_c + a b_1 + b b_2)
            z = z3[..., :m] + a * z3[..., m : 2 * m] + b * z3[..., 2 * m :] + (bc + a * b1 + b * b2)
            h = phi(z) if i + 1 < len(layers) else z[..., 0]
        return jnp.mean(jax.nn.softplus(h) - y.astype(h.dtype) * h, axis=1)

    losses = jax.lax.map(chunk, (a_all, b_all)).ravel()[: xs.size * ys.size]
    return losses.reshape(ys.size, xs.size)


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
    directions = _principal(sample)
    # 2) every step of every run in the plane's coordinates; the share of the offsets the plane holds
    paths, total = [], 0.0
    for r in runs:
        path, norms = _project(r.theta[: r.last + 1], center, directions)
        paths.append(path)
        total += norms
    captured = sum(np.sum(p**2, axis=0) for p in paths)
    explained = captured / total if total > 0 else np.zeros(2)
    # 3) the loss over a grid around every path
    xs, ys = (_span(np.concatenate([p[:, i] for p in paths]), margin, grid) for i in (0, 1))
    return Plane(xs, ys, surface(m, center, directions, xs, ys), paths, explained, center, directions)


PROJECT_ROWS = 256  # steps projected at a time: a run's every offset at once is tens of MB of new memory


def _project(theta: np.ndarray, center: np.ndarray, directions: np.ndarray) -> tuple[np.ndarray, float]:
    r"""Each row's offset from ``center`` along ``directions`` (rows × 2) and the offsets' summed squared norm,
    :math:`\sum_t \lVert\theta_t - \theta^*\rVert^2`, in float64, a few rows at a time."""
    path = np.empty((len(theta), len(directions)))
    total = 0.0
    for i in range(0, len(theta), PROJECT_ROWS):
        o = theta[i : i + PROJECT_ROWS] - center
        path[i : i + PROJECT_ROWS] = o @ directions.T
        total += float(np.einsum("ij,ij->", o, o))
    return path, total


def _principal(sample: np.ndarray) -> np.ndarray:
    """The first two right singular vectors of ``sample`` (rows × n_params), from the rows' Gram matrix:
    with M Mᵀ = U Σ² Uᵀ, d_i = Mᵀ u_i / σ_i (a small eigenproblem in place of an SVD of M, 4× faster here)."""
    values, vectors = np.linalg.eigh(sample @ sample.T)
    out = np.zeros((2, sample.shape[1]))
    for k, i in enumerate((-1, -2)[: len(values)]):
        if values[i] > 1e-12 * max(values[-1], 1e-300):
            d = sample.T @ vectors[:, i]
            out[k] = d / np.linalg.norm(d)
    return out


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
