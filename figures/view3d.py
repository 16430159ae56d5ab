"""The Playground's 3-D view: the surface on a coarser grid, the paths lying on it (a hair above), the scene's axes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from .colors import CONTOUR_SCALE
from .heights import Grid, Heights, heights, inside
from .look import Look
from .paths import Path, f32

if TYPE_CHECKING:
    from landscapes.base import Surface

    from .movers import Drawn

Box = tuple[tuple[float, float], tuple[float, float]]
Trace = dict[str, Any]

SURFACE_EPS_FRACTION = 1e-3  # a larger ε for the coarse 3-D surface: its valley floors stay smooth, not spiky
SURFACE_POINTS = 50  # the 3-D surface is drawn on a coarser grid than the contour
LIFT_FRACTION = 0.015  # 3-D paths float this fraction of the height range above the surface


def view_heights(grid: Grid, surface: Surface, f_min: float) -> Heights:
    """The coarser grid of the 3-D view, with a larger log ε so its valley floors stay smooth."""
    return heights(coarse(grid), log=surface.log_levels, f_min=f_min, eps_fraction=SURFACE_EPS_FRACTION)


def coarse(grid: Grid, n: int = SURFACE_POINTS) -> Grid:
    """Every k-th row and column of a raw grid (its edges kept), so the 3-D surface stays light."""
    xs, ys, Z = grid
    rows = np.unique(np.linspace(0, len(ys) - 1, min(n, len(ys))).round().astype(int))
    cols = np.unique(np.linspace(0, len(xs) - 1, min(n, len(xs))).round().astype(int))
    return np.asarray(xs)[cols], np.asarray(ys)[rows], np.asarray(Z)[np.ix_(rows, cols)]


def surface_trace(h: Heights) -> dict[str, Any]:
    """The 3-D surface, same colours as the contour, no colourbar of its own."""
    return dict(
        type="surface",
        x=h.xs,
        y=h.ys,
        z=h.z,
        colorscale=CONTOUR_SCALE,
        showscale=False,
        hoverinfo="skip",
        showlegend=False,
        name="loss surface (3-D)",
        scene="scene",
    )


def on_surface(h: Heights, xy: np.ndarray) -> np.ndarray:
    """The drawn surface's height at each row of ``xy`` (bilinear between grid points; NaN for NaN rows)."""
    x, y = xy[:, 0], xy[:, 1]
    xs, ys, z = h.xs.astype(np.float64), h.ys.astype(np.float64), h.z.astype(np.float64)
    j = np.clip(np.searchsorted(xs, x) - 1, 0, xs.size - 2)
    i = np.clip(np.searchsorted(ys, y) - 1, 0, ys.size - 2)
    tx = np.clip((x - xs[j]) / (xs[j + 1] - xs[j]), 0.0, 1.0)
    ty = np.clip((y - ys[i]) / (ys[i + 1] - ys[i]), 0.0, 1.0)
    bottom = (1 - tx) * z[i, j] + tx * z[i, j + 1]
    top = (1 - tx) * z[i + 1, j] + tx * z[i + 1, j + 1]
    return (1 - ty) * bottom + ty * top


def lift(h: Heights) -> float:
    """How far above the surface a 3-D path is drawn, so the surface does not hide it."""
    low, high = h.z_range
    return LIFT_FRACTION * (high - low)


def path_heights(h3: Heights, xy: np.ndarray, loss: np.ndarray, domain: Box) -> np.ndarray:
    """A path's height in the 3-D view: its loss, never below the drawn (coarser) surface, lifted; NaN outside."""
    z = np.fmax(h3.of(loss).astype(np.float64), on_surface(h3, xy)) + lift(h3)
    return np.where(inside(xy, domain), z, np.nan)


def path_traces(paths: Sequence[Path], drawn: Drawn, lk: Look) -> list[Trace]:
    """Each path lying on the 3-D surface (a hair above it); points outside the domain are left out."""
    out = []
    for j, p in enumerate(paths):
        n = p.traj.last + 1
        xy = drawn.path_xy(j, n)
        out.append(
            dict(
                type="scatter3d",
                x=f32(xy[:, 0]),
                y=f32(xy[:, 1]),
                z=f32(drawn.z3[j, :n]),
                mode="lines",
                line=dict(color=p.color, width=2 * lk.line),
                name=p.label,
                legendgroup=p.label,
                showlegend=False,
                hoverinfo="skip",
                scene="scene",
            )
        )
    return out


def scene(domain: Box, where, h: Heights, lk: Look) -> dict[str, Any]:
    """The 3-D view: fixed ranges (paths that leave never rescale it), a flattened box, few small ticks."""
    (x0, x1), (y0, y1) = domain
    low, high = h.z_range
    tick = dict(size=0.85 * lk.small)

    def axis(title: str, rng: list[float], **kw: Any) -> dict[str, Any]:
        return dict(range=rng, autorange=False, nticks=4, tickfont=tick, title=dict(text=title, font=tick), **kw)

    return dict(
        domain=dict(x=list(where[0]), y=list(where[1])),
        xaxis=axis("x", [x0, x1]),
        yaxis=axis("y", [y0, y1]),
        zaxis=axis("f (log)" if h.log else "f", [low, high + 3 * lift(h)], showticklabels=False),
        aspectmode="manual",
        aspectratio=dict(x=1.0, y=min(max((y1 - y0) / (x1 - x0), 0.5), 2.0), z=0.6),
        camera=dict(eye=dict(x=1.3, y=-1.45, z=0.9)),
    )
