"""Lesson 8's computations where there are several minima: which minimum each start reaches (basins, all starts in one
vectorised program), gradient noise carrying GD out of a shallow minimum (all seeds in one program), and why minima
are rare among critical points in many dimensions (random symmetric matrices, the Gaussian orthogonal ensemble).

Pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

import landscapes
import optimizers
from lessons import curvature
from lessons.saddles import STEPS, hp
from optimizers.engine import Trajectory, run_batch

NOT_SETTLED = -1  # basin code: the run ended away from every minimum
DIVERGED_CODE = -2  # basin code: the run diverged
BASIN_LR = {"himmelblau": 0.01, "double_well": 0.05}  # each surface's default step
BASIN_GRID = 21  # starts per side
BASIN_TOL = 0.1  # a run "reached" a minimum when it ends this close to it
PATH_STARTS = ((-0.6, 0.9), (-0.9, -0.5), (0.7, -0.9), (0.9, 0.6))  # a few drawn paths, as fractions of the half-domain
WELL_LR = 0.05
WELL_SEEDS = 64
WELL_DRAWN = 3  # noisy paths drawn
GOE_DIMS = tuple(range(1, 9))
GOE_SAMPLES = 50_000


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


def basin_map(surface_name: str, rule: str, lr: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`basins` of the page: `BASIN_GRID` starts per side, `STEPS` steps, `BASIN_TOL`."""
    return basins(landscapes.get(surface_name), rule, BASIN_GRID, STEPS, BASIN_TOL, **hp(rule, lr))


def basin_paths(surface, rule: str, lr: float) -> list[tuple[tuple[float, float], Trajectory]]:
    """A few runs to draw over the basins, from `PATH_STARTS` (fractions of the half-domain): (start, run)."""
    (x0, x1), (y0, y1) = surface.domain
    starts = [((x0 + x1) / 2 + u * (x1 - x0) / 2, (y0 + y1) / 2 + v * (y1 - y0) / 2) for u, v in PATH_STARTS]
    return [(p, optimizers.run(surface, rule, p, STEPS, **hp(rule, lr))) for p in starts]


def basin_counts(codes: np.ndarray, n_minima: int) -> list[int]:
    """How many starts reached each minimum, then how many did not settle and how many diverged."""
    return [int(np.sum(codes == c)) for c in (*range(n_minima), NOT_SETTLED, DIVERGED_CODE)]


def side_agreement(surface, xs: np.ndarray, codes: np.ndarray) -> tuple[float, int]:
    """The double well's saddle x, and how many starts end in the well on their side of it (left of the saddle:
    the left well); GD's x-motion does not see y."""
    (saddle_x, _), = surface.saddles
    left_well = int(np.argmin([m[0] for m in surface.minima]))
    want = np.where(np.asarray(xs)[None, :] < saddle_x, left_well, 1 - left_well)
    return saddle_x, int(np.sum(codes == np.broadcast_to(want, codes.shape)))


def noisy_runs(surface, start, steps: int, seeds: Sequence[int], **hp) -> np.ndarray:
    """Positions of one run per noise seed from ``start``, (seeds, steps + 1, 2)."""
    return run_batch(surface, "sgd", start, steps, seeds=np.asarray(seeds), **hp)


def on_deep_side(xy: np.ndarray, surface) -> np.ndarray:
    """Which positions lie on the deepest minimum's side of the saddle (the double well's x-split)."""
    (saddle_x, _), deep_x = surface.saddles[0], surface.minima[0][0]
    x = np.asarray(xy)[..., 0]
    return np.where(deep_x < saddle_x, x < saddle_x, x > saddle_x)


def well_escapes(sigma: float) -> tuple[int, int]:
    """Of `WELL_SEEDS` GD runs from the double well's shallow minimum, how many end on the deep well's side with
    gradient noise ``sigma``, and without noise (each set in one program)."""
    surface = landscapes.get("double_well")
    out = [int(np.sum(on_deep_side(noisy_runs(surface, surface.minima[1], STEPS, range(WELL_SEEDS), learning_rate=WELL_LR,
                                              noise=s)[:, -1], surface))) for s in (sigma, 0.0)]
    return out[0], out[1]


def well_runs(sigma: float) -> list[tuple[int | None, Trajectory]]:
    """The runs drawn from the shallow minimum: GD without noise (seed None), then `WELL_DRAWN` noisy seeds."""
    surface = landscapes.get("double_well")
    start = surface.minima[1]  # the shallow, local minimum (the deepest is listed first)
    runs = [(None, optimizers.run(surface, "sgd", start, STEPS, learning_rate=WELL_LR))]
    return runs + ([(s, optimizers.run(surface, "sgd", start, STEPS, learning_rate=WELL_LR, noise=sigma, seed=s))
                    for s in range(WELL_DRAWN)] if sigma > 0 else [])


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
        smallest = curvature.spectrum(h)[:, 0]  # eigenvalues come sorted, smallest first
        counts.append(int(np.sum(smallest > 0)))
    return np.asarray(counts)



def goe_text(counts: Sequence[int], samples: int = GOE_SAMPLES, dims: Sequence[int] = GOE_DIMS) -> dict[str, str]:
    """The numbers the caption quotes: the measured shares at d = 1 and 2, the exact (2 − √2)/4 at d = 2 (from the
    joint eigenvalue density), and the largest dimension where any sample was positive definite, with its share."""
    last = max(d for d, c in zip(dims, counts) if c > 0)
    return dict(p1=f"{counts[0] / samples:.3f}", p2=f"{counts[1] / samples:.3f}", exact2=f"{(2 - math.sqrt(2)) / 4:.3f}",
                dl=last, pl=f"{counts[list(dims).index(last)] / samples:.1e}", samples=f"{samples:,}")
