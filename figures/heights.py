"""The surface as drawn from above: heights on a grid (raw or log-spaced), its contour and its colourbar."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .colors import CONTOUR_LINE, CONTOUR_SCALE
from .paths import f32

Grid = tuple[np.ndarray, np.ndarray, np.ndarray]  # (xs, ys, Z) with Z[i, j] = f(xs[j], ys[i])

N_LEVELS = 24  # contour levels (plotly picks round values up to this many)
LOG_EPS_FRACTION = 1e-5  # ε in log10(f − f_min + ε), as a fraction of the grid's height range
PLAIN_TICKS = (1e-3, 1e5)  # colourbar tick labels between these print as plain numbers


@dataclass(frozen=True)
class Heights:
    """The grid's heights in plotting units: ``z`` is f itself, or log10(f − base + eps) on log-spaced surfaces."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray
    log: bool
    base: float  # f at the bottom of the log scale
    eps: float

    def of(self, f) -> np.ndarray:
        """Loss values in the same plotting units as ``z``."""
        f = np.asarray(f, dtype=np.float64)
        if not self.log:
            return f32(f)
        return f32(np.log10(np.maximum(f - self.base, 0.0) + self.eps))

    @property
    def z_range(self) -> tuple[float, float]:
        return float(np.nanmin(self.z)), float(np.nanmax(self.z))

    @property
    def title(self) -> str:
        return "f (log)" if self.log else "f"


def heights(grid: Grid, *, log: bool, f_min: float = math.nan, eps_fraction: float = LOG_EPS_FRACTION) -> Heights:
    """Turn a raw grid into plotting heights; non-finite values become gaps."""
    xs, ys, Z = (np.asarray(a, dtype=np.float64) for a in grid)
    Z = np.where(np.isfinite(Z), Z, np.nan)
    low, high = float(np.nanmin(Z)), float(np.nanmax(Z))
    base = min(low, f_min) if math.isfinite(f_min) else low
    eps = max(eps_fraction * (high - base), float(np.finfo(np.float32).tiny))
    raw = Heights(f32(xs), f32(ys), f32(Z), log, base, eps)
    return Heights(raw.xs, raw.ys, raw.of(Z), log, base, eps) if log else raw


def _tick(v: float) -> str:
    """A short label: plain for everyday sizes, 1e6 style beyond."""
    if v == 0 or PLAIN_TICKS[0] <= abs(v) < PLAIN_TICKS[1]:
        return f"{v:.4g}"
    return f"{v:.0e}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")


def colorbar(h: Heights, *, x: float, font: float) -> dict[str, Any]:
    """A slim colourbar; on a log scale its ticks sit at decades of f − f_min and read in f's own units."""
    bar: dict[str, Any] = dict(
        x=x,
        xanchor="left",
        thickness=12,
        len=0.9,
        title=dict(text=h.title, side="top", font=dict(size=font)),
        tickfont=dict(size=font),
    )
    if h.log:
        low, high = h.z_range
        decades = np.arange(math.ceil(low), math.floor(high) + 1)
        bar["tickvals"] = decades.tolist()
        bar["ticktext"] = [_tick(h.base + 10.0**k) for k in decades]
    return bar


def contour_traces(h: Heights, *, bar: dict[str, Any] | None = None, split: bool = True, fill: bool = True,
                   line: dict[str, Any] | None = None, axes: tuple[str, str] = ("x", "y")) -> list[dict[str, Any]]:
    """The filled contour of the heights with level lines, every figure's one way of drawing a surface from above.

    ``bar`` is the fill's colourbar (see `colorbar`); None draws none. ``fill`` False draws the level lines
    alone (over a picture of their own), ``line`` their colour and width; ``axes`` the axes it lies on.

    ``split`` (for the page): two traces, a heatmap fill and the level lines. It looks like one
    ``contour`` trace with ``coloring="heatmap"`` and costs the browser less: that trace's fill is
    interpolated pixel by pixel in JavaScript, where a heatmap with ``zsmooth="fast"`` lets the
    browser scale one pixel per grid point (measured on the Playground's default surface: 210 ms
    instead of 330 ms for the first draw, 42 ms instead of 76 ms for a redraw). Not split (for a
    file: its heights are written once): that one trace. Neither takes hover (the click-catcher
    above them does).
    """
    common = dict(x=h.xs, y=h.ys, z=h.z, hoverinfo="skip", showlegend=False, xaxis=axes[0], yaxis=axes[1])
    line = dict(color=CONTOUR_LINE, width=0.7) if line is None else line
    scale = dict(colorscale=CONTOUR_SCALE, colorbar=bar) if bar is not None else dict(colorscale=CONTOUR_SCALE, showscale=False)
    if not split and fill:
        return [dict(common, type="contour", ncontours=N_LEVELS, contours=dict(coloring="heatmap", showlines=True),
                     line=line, name="loss surface", **scale)]
    lines = dict(common, type="contour", ncontours=N_LEVELS, contours=dict(coloring="none", showlines=True),
                 line=line, showscale=False, name="level lines")
    if not fill:
        return [lines]
    return [dict(common, type="heatmap", zsmooth="fast", name="loss surface", **scale), lines]


def surface_heights(grid: Grid, surface, *, f_min: float | None = None) -> Heights:
    """``heights`` of a surface's grid, log-spaced where the surface asks for it, its floor at ``f_min``
    (default: the surface's own minimum)."""
    return heights(grid, log=surface.log_levels, f_min=surface.f_min if f_min is None else f_min)


def inside(xy: np.ndarray, domain) -> np.ndarray:
    """Which rows of ``xy`` lie in the domain box."""
    (x0, x1), (y0, y1) = domain
    x, y = xy[:, 0], xy[:, 1]
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
