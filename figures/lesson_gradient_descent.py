"""Figures of the gradient-descent lesson: paths on the contour beside their loss curves, and the 2/L rule.

`paths_and_losses_figure` is the lessons' compact view (the batch and schedule
lessons use it too): the contour with every path on the left, ``f − f*`` on a
log axis on the right, a red ✕ where a run diverged. `factor_figure` draws the
rule behind the picture: on a quadratic each eigen-direction's error is
multiplied by ``1 − ηλ`` every step, so a run converges only where
``max |1 − ηλ| < 1``, that is ``η < 2/L``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import plotly.graph_objects as go

from . import heights as hts, kept
from .colors import DIVERGED, GUIDE, MINIMUM_EDGE, MINIMUM_FILL, START_EDGE, START_FILL, WHITE
from .look import base_layout, look
from .paths import Path, f32, loss_gap, markers, run_traces

if TYPE_CHECKING:
    from landscapes.base import Surface

GRID_POINTS = 90  # the contour's grid when the page passes none
MAX_POINTS = 1500  # a loss curve longer than this is thinned (every k-th step, the last kept)
CONTOUR_X, CURVES_X = (0.0, 0.44), (0.56, 1.0)
HEIGHT, PROJECTOR_HEIGHT = 460, 600
SQUARE_ENOUGH = 2.0  # equal axis scales when the domain's sides differ by less than this factor
UNSTABLE_FILL = "rgba(208, 0, 0, 0.07)"  # the η > 2/L band


def paths_and_losses_figure(
    surface: Surface,
    paths: Sequence[Path],
    *,
    grid: hts.Grid | None = None,
    step_title: str = "step",
    loss_title: str = "f − f*",
    diverged: str = "diverged at step {step}",
    smooth: int = 0,
    smooth_text: str = "running mean of {window} steps",
    reference: tuple[float, str] | None = None,
    xy_titles: tuple[str, str] = ("x", "y"),
    start_text: str = "start",
    minimum_text: str = "minimum",
    projector: bool = False,
    height: int | None = None,
) -> go.Figure:
    """The contour with ``paths`` (left) and their loss gaps ``f − f*`` on a log axis (right).

    ``diverged`` is the hover text of a diverged run's ✕ (``{step}`` is filled in). With ``smooth`` > 1 each
    noisy loss curve is drawn faint, under its running mean over ``smooth`` steps. ``reference`` = (value, text)
    draws a dashed horizontal line on the loss axis (a theory's prediction). ``xy_titles`` name the
    contour's axes (the parameters, e.g. ``("w", "b")`` for a regression); ``start_text`` and ``minimum_text``
    are the hover words of the start and the minimum (the page's language).
    """
    lk = look(projector)
    grid = grid if grid is not None else surface.grid(GRID_POINTS)
    f_min = paths[0].traj.f_min if paths else surface.f_min
    data = hts.contour_traces(hts.surface_heights(grid, surface, f_min=f_min))
    for p in paths:  # hover: label · step · (x, y), the step without its word (as on the loss curves)
        data += run_traces(p, lk, rows=_drawn_rows(p, surface.domain), hover="position", step="")
    data += _landmarks(surface, paths, lk, diverged, start_text, minimum_text)
    for p in paths:
        data += _loss_curve(p, lk, diverged, smooth, smooth_text)

    (x0, x1), (y0, y1) = surface.domain
    layout = base_layout(lk, height=height or (PROJECTOR_HEIGHT if projector else HEIGHT), uirevision=f"lesson:{surface.name}")
    layout["margin"].update(b=int(3 * lk.font))
    fixed = dict(autorange=False, showgrid=False, zeroline=False, ticks="outside", constrain="domain")
    layout.update(
        xaxis=dict(fixed, domain=list(CONTOUR_X), range=[x0, x1], anchor="y", title=dict(text=xy_titles[0], standoff=2)),
        yaxis=dict(fixed, domain=[0.0, 1.0], range=[y0, y1], anchor="x", title=dict(text=xy_titles[1], standoff=2)),
        xaxis2=dict(domain=list(CURVES_X), anchor="y2", title=dict(text=step_title)),
        yaxis2=dict(domain=[0.0, 1.0], anchor="x2", type="log", exponentformat="power", title=dict(text=loss_title, standoff=2)),
    )
    if 1 / SQUARE_ENOUGH <= (x1 - x0) / (y1 - y0) <= SQUARE_ENOUGH:
        layout["yaxis"].update(scaleanchor="x", scaleratio=1)
    layout["yaxis2"]["dtick"] = 1  # a label at every decade, none in between
    if reference is not None:
        value, text = reference
        layout["shapes"] = [dict(type="line", xref="x2 domain", yref="y2", x0=0, x1=1, y0=value, y1=value,
                                 line=dict(color=DIVERGED, width=1.5, dash="dash"))]
        layout["annotations"] = [dict(x=1, y=math.log10(value), xref="x2 domain", yref="y2", text=text, showarrow=False,
                                      xanchor="right", yanchor="bottom", font=dict(size=lk.small, color=DIVERGED))]
    return kept.figure(data=data, layout=layout)


def factor_figure(
    eigenvalues: Sequence[float],
    rates: Sequence[float],
    labels: Sequence[str],
    colors: Sequence[str],
    *,
    eta_title: str = "learning rate η",
    factor_title: str = "error factor per step  max |1 − ηλ|",
    limit_label: str = "2/L",
    projector: bool = False,
) -> go.Figure:
    """``|1 − ηλ|`` against ``η`` for each Hessian eigenvalue λ, their maximum, and the page's rates on it.

    Below the line at 1 the error shrinks every step; the maximum crosses 1 at ``η = 2/L``.
    """
    lk = look(projector)
    lam = np.sort(np.asarray(eigenvalues, dtype=np.float64))
    limit = 2.0 / lam[-1]
    top = max(1.3 * limit, 1.1 * max(rates, default=0.0))
    eta = np.linspace(0.0, top, 301)
    factors = np.abs(1.0 - eta[:, None] * lam[None, :])
    data: list[dict[str, Any]] = [
        dict(
            type="scatter",
            x=f32(eta),
            y=f32(factors[:, i]),
            mode="lines",
            line=dict(color=GUIDE, width=1.0, dash="dot"),
            name=f"|1 − η·{lam[i]:.3g}|",
            hovertemplate=f"λ = {lam[i]:.3g} · η = %{{x:.3g}} · |1 − ηλ| = %{{y:.3g}}<extra></extra>",
            showlegend=False,
        )
        for i in range(lam.size)
    ]
    data.append(
        dict(
            type="scatter",
            x=f32(eta),
            y=f32(factors.max(axis=1)),
            mode="lines",
            line=dict(color="#333333", width=lk.line),
            name="max |1 − ηλ|",
            hovertemplate="η = %{x:.3g} · max |1 − ηλ| = %{y:.3g}<extra></extra>",
            showlegend=False,
        )
    )
    for rate, label, c in zip(rates, labels, colors):
        worst = float(np.max(np.abs(1.0 - rate * lam)))
        data.append(
            dict(
                type="scatter",
                x=[float(rate)],
                y=[worst],
                mode="markers",
                marker=dict(size=lk.marker, color=c, line=dict(color=WHITE, width=1)),
                name=label,
                hovertemplate=f"{label} · max |1 − ηλ| = {worst:.3g}<extra></extra>",
            )
        )
    layout = base_layout(lk, height=int(0.75 * (PROJECTOR_HEIGHT if projector else HEIGHT)), uirevision="gd-factor")
    y_top = max(1.6, 1.05 * float(factors.max()))
    layout.update(
        xaxis=dict(title=eta_title, range=[0.0, top], zeroline=False),
        yaxis=dict(title=factor_title, range=[0.0, y_top], zeroline=False),
        shapes=[
            dict(type="rect", xref="x", yref="paper", x0=limit, x1=top, y0=0, y1=1, fillcolor=UNSTABLE_FILL, line=dict(width=0), layer="below"),
            dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=1, y1=1, line=dict(color=DIVERGED, width=1, dash="dash")),
            dict(type="line", xref="x", yref="paper", x0=limit, x1=limit, y0=0, y1=1, line=dict(color=DIVERGED, width=1.5)),
        ],
        annotations=[
            dict(x=limit, y=1, xref="x", yref="paper", text=f"{limit_label} = {limit:.3g}", showarrow=False,
                 xanchor="left", yanchor="top", xshift=4, font=dict(color=DIVERGED, size=lk.font)),
        ],
    )
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# pieces


def _thin(n: int) -> np.ndarray:
    """Indices 0..n-1, at most MAX_POINTS of them, the first and the last always kept."""
    if n <= MAX_POINTS:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, MAX_POINTS).round().astype(int))


def _drawn_rows(p: Path, domain) -> int:
    """How many positions to draw: all of them, or a diverged run's up to the first one off the plot.

    After that a diverging path only flips between far sides of the plot, and its lines would hide the contour.
    """
    n = p.traj.last + 1
    if p.traj.diverged_at is None:
        return n
    off = np.flatnonzero(~hts.inside(p.traj.xy[:n], domain))
    return n if off.size == 0 else int(off[0]) + 1


def running_mean(values: np.ndarray, window: int) -> np.ndarray:
    """The mean of the last ``window`` values at each step (of fewer at the start)."""
    v = np.asarray(values, dtype=np.float64)
    c = np.concatenate([[0.0], np.cumsum(v)])
    k = np.arange(1, v.size + 1)
    lo = np.maximum(k - window, 0)
    return (c[k] - c[lo]) / (k - lo)


def _loss_curve(p: Path, lk, diverged: str, smooth: int = 0, smooth_text: str = "") -> list[dict[str, Any]]:
    """f − f* against the step (faint under its running mean when ``smooth``); a diverged run ends in a red ✕."""
    gap = loss_gap(p.traj)
    keep = _thin(gap.size)
    common = dict(type="scatter", x=keep.astype(np.float32), mode="lines", name=p.label, legendgroup=p.label,
                  showlegend=False, xaxis="x2", yaxis="y2")
    out = [
        dict(
            common,
            y=gap[keep],
            line=dict(color=p.color, width=(0.6 if smooth > 1 else 1.0) * lk.line, dash=p.dash),
            opacity=0.35 if smooth > 1 else 1.0,
            hovertemplate=f"{p.label} · %{{x}} · f − f* = %{{y:.3g}}<extra></extra>",
        )
    ]
    if smooth > 1:
        mean = f32(running_mean(gap, smooth))
        text = smooth_text.format(window=smooth)
        out.append(dict(common, y=mean[keep], line=dict(color=p.color, width=1.3 * lk.line, dash=p.dash),
                        hovertemplate=f"{p.label} · %{{x}} · {text} = %{{y:.3g}}<extra></extra>"))
    if p.traj.diverged_at is not None:
        finite = np.flatnonzero(np.isfinite(gap))
        if finite.size:
            k = int(finite[-1])
            text = diverged.format(step=p.traj.diverged_at)
            out.append(
                dict(
                    type="scatter",
                    x=[k],
                    y=[float(gap[k])],
                    mode="markers",
                    marker=dict(symbol="x", size=1.5 * lk.marker, color=DIVERGED, line=dict(color=WHITE, width=1.5)),
                    name=f"{p.label}: {text}",
                    hovertemplate=f"{p.label}: {text}<extra></extra>",
                    showlegend=False,
                    xaxis="x2",
                    yaxis="y2",
                )
            )
    return out


def _landmarks(surface: Surface, paths: Sequence[Path], lk, diverged: str, start_text: str = "start",
               minimum_text: str = "minimum") -> list[dict[str, Any]]:
    """Start points, minima, and a red ✕ where each diverged run left the plot (pulled just inside it)."""
    starts = list(dict.fromkeys((float(p.traj.xy[0, 0]), float(p.traj.xy[0, 1])) for p in paths)) or [surface.start]
    out = [
        markers(starts, [start_text] * len(starts), "start", symbol="circle", size=lk.marker, color=START_FILL,
                line=dict(color=START_EDGE, width=0.75 * lk.line)),
    ]
    if surface.minima:
        hover = [f"{minimum_text} ({x:.3g}, {y:.3g})" for x, y in surface.minima]
        out.append(markers(surface.minima, hover, "minima", symbol="star", size=1.3 * lk.marker, color=MINIMUM_FILL,
                           line=dict(color=MINIMUM_EDGE, width=1)))
    (x0, x1), (y0, y1) = surface.domain
    spots, hover = [], []
    for p in paths:
        if p.traj.diverged_at is None:
            continue
        k = int(p.traj.diverged_at)
        shown = p.traj.xy[: _drawn_rows(p, surface.domain)]
        finite = np.flatnonzero(np.isfinite(shown).all(axis=1))
        last = shown[finite[-1]].astype(np.float64)
        dx, dy = 0.01 * (x1 - x0), 0.01 * (y1 - y0)
        spots.append((float(np.clip(last[0], x0 + dx, x1 - dx)), float(np.clip(last[1], y0 + dy, y1 - dy))))
        hover.append(f"{p.label}: {diverged.format(step=k)}")
    if spots:
        out.append(markers(spots, hover, "diverged", symbol="x", size=1.5 * lk.marker, color=DIVERGED,
                           line=dict(color=WHITE, width=1.5)))
    return out
