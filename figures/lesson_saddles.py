"""The saddle-point lesson's pictures; what they show is measured in `lessons.saddles`.

Figures: paths on a contour (`paths_figure`), a bar chart of steps spent near the
saddle (`near_saddle_figure`), |y| against the step with the growth formulas as
guides (`growth_figure`), a map of which minimum each start reaches
(`basin_figure`), and the all-positive fraction against dimension (`goe_figure`).
Every visible word comes in through ``labels``: the pages translate, figures draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.saddles_minima import DIVERGED_CODE, NOT_SETTLED

from . import heights as hts, kept
from .colors import DIVERGED, GUIDE, MINIMUM_EDGE, MINIMUM_FILL, SADDLE, START_EDGE, START_FILL, color
from .look import base_layout, look
from .paths import Path, f32, markers, run_traces

HEIGHT = 460
PROJECTOR_HEIGHT = 600
NOT_SETTLED_COLOR = "#d9d9d9"
BASIN_OPACITY = 0.55
BASIN_HEIGHT = 560
AXIS_MARGIN = 90  # room for a y-axis title beside its tick labels


# ----------------------------------------------------------------------------
# paths on a contour


def paths_figure(
    grid: hts.Grid,
    paths: Sequence[Path],
    *,
    log: bool = False,
    f_min: float = math.nan,
    minima: Sequence[tuple[float, float]] = (),
    saddles: Sequence[tuple[float, float]] = (),
    circle: tuple[tuple[float, float], float] | None = None,
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
    height: int | None = None,
) -> go.Figure:
    """``paths`` on the contour of ``grid``, one dot per step (dots pile up where a path stalls).

    ``circle`` = ((x, y), r) draws the disc whose visits `steps_near` counts.
    """
    lk = look(projector)
    labels = {"step": "step", "minimum": "minimum", "saddle": "saddle", "start": "start", **(labels or {})}
    h = hts.heights(grid, log=log, f_min=f_min)
    data = hts.contour_traces(h, bar=hts.colorbar(h, x=1.01, font=lk.small))
    for p in paths:
        data += run_traces(p, lk, markers=0.4, step=labels["step"])
    starts = list(dict.fromkeys((float(p.traj.xy[0, 0]), float(p.traj.xy[0, 1])) for p in paths))
    rim = dict(color=START_EDGE, width=0.75 * lk.line)
    data.append(_markers(starts, labels["start"], dict(symbol="circle", size=lk.marker, color=START_FILL, line=rim)))
    if minima:
        star = dict(symbol="star", size=1.3 * lk.marker, color=MINIMUM_FILL, line=dict(color=MINIMUM_EDGE, width=1))
        data.append(_markers(minima, labels["minimum"], star))
    if saddles:
        cross = dict(symbol="x", size=lk.marker, color=SADDLE, line=dict(color=MINIMUM_EDGE, width=1))
        data.append(_markers(saddles, labels["saddle"], cross))
    xs, ys = np.asarray(grid[0]), np.asarray(grid[1])
    layout = base_layout(lk, height=height or (PROJECTOR_HEIGHT if projector else HEIGHT), uirevision="paths")
    layout.update(_square_axes(xs, ys, toward="right"))
    if circle is not None:
        (cx, cy), r = circle
        layout["shapes"] = [
            dict(type="circle", x0=cx - r, x1=cx + r, y0=cy - r, y1=cy + r, line=dict(color=GUIDE, width=1.5, dash="dot"))
        ]
    return kept.figure(data=data, layout=layout)


def _markers(points, word: str, marker: dict) -> dict:
    """`figures.paths.markers` hovering "word (x, y)" at each point."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return markers(pts, [f"{word} ({x:.3g}, {y:.3g})" for x, y in pts], word, **marker)


def _square_axes(xs: np.ndarray, ys: np.ndarray, toward: str = "center") -> dict:
    """Equal scales on x and y; a plot narrower than its slot moves ``toward`` (right: beside its colourbar)."""
    fixed = dict(autorange=False, showgrid=False, zeroline=False, ticks="outside", constrain="domain")
    return dict(
        xaxis=dict(fixed, range=[float(xs[0]), float(xs[-1])], title=dict(text="x", standoff=2), constraintoward=toward),
        yaxis=dict(fixed, range=[float(ys[0]), float(ys[-1])], title=dict(text="y", standoff=2), scaleanchor="x"),
    )


# ----------------------------------------------------------------------------
# time near the saddle


@dataclass(frozen=True)
class Bar:
    """One optimizer's count of steps near the saddle; ``low``/``high`` span several noise seeds when given."""

    label: str
    color: str
    value: float
    low: float | None = None
    high: float | None = None


def near_saddle_figure(
    bars: Sequence[Bar],
    *,
    theory: float | None = None,
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """Steps spent within the radius of the saddle, one bar per optimizer; ``theory`` marks GD's linear prediction."""
    lk = look(projector)
    labels = {"axis": "steps near the saddle", "theory": "theory", "range": "range over seeds", **(labels or {})}
    x = [b.label for b in bars]
    values = [float(b.value) for b in bars]
    plus = [0.0 if b.high is None else b.high - b.value for b in bars]
    minus = [0.0 if b.low is None else b.value - b.low for b in bars]
    data = [dict(type="bar", x=x, y=values, marker=dict(color=[b.color for b in bars]), text=[f"{v:.3g}" for v in values],
                 textposition="outside", cliponaxis=False, showlegend=False, name=labels["axis"],
                 error_y=dict(type="data", array=plus, arrayminus=minus, visible=any(plus) or any(minus), color=GUIDE),
                 hovertemplate="%{x}: %{y:.3g}<extra></extra>")]
    if theory is not None and math.isfinite(theory):
        data.append(dict(type="scatter", x=[x[0]], y=[theory], mode="markers", name=labels["theory"],
                         marker=dict(symbol="line-ew", size=3 * lk.marker, line=dict(color=START_EDGE, width=2)),
                         hovertemplate=f"{labels['theory']}: %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="near-saddle")
    top = max([*values, *(b.high or 0 for b in bars), theory if theory and math.isfinite(theory) else 0, 1.0])
    layout.update(yaxis=dict(title=labels["axis"], range=[0, 1.15 * top]), xaxis=dict(title=""), bargap=0.35)
    layout["margin"].update(l=AXIS_MARGIN)
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# how fast the way out grows


@dataclass(frozen=True)
class Guide:
    """A dashed line y₀·rᵗ⁻ᵗ⁰ over steps ``t0..t1``: a growth formula laid on the measured |y|."""

    label: str
    color: str
    rate: float
    t0: int
    y0: float
    t1: int
    dash: str = "dash"


def growth_figure(series: Sequence[tuple[str, str, np.ndarray]], guides: Sequence[Guide], *,
                  window: tuple[float, float] | None = None, x_max: float | None = None,
                  labels: Mapping[str, str] | None = None, projector: bool = False) -> go.Figure:
    """|y_t| against the step on a log axis, one line per run (label, colour, |y|), with the formulas as dashed guides.

    ``window`` = (lo, hi) shades the band of |y| where the growth is measured; ``x_max`` ends the step axis
    (the runs' way out, not their long stay at a minimum). ``labels``: step, axis.
    """
    lk = look(projector)
    labels = {"step": "step", "axis": "|y|", **(labels or {})}
    data = []
    for label, c, y in series:
        y = np.abs(np.asarray(y, dtype=np.float64))
        keep = np.isfinite(y) & (y > 0)
        t = np.arange(len(y))[keep]
        data.append(dict(type="scatter", x=t.tolist(), y=f32(y[keep]), mode="lines+markers", name=label,
                         line=dict(color=c, width=lk.line), marker=dict(color=c, size=0.4 * lk.marker),
                         hovertemplate=f"{label} · {labels['step']} %{{x}} · |y| = %{{y:.3g}}<extra></extra>"))
    for g in guides:
        t = np.arange(g.t0, g.t1 + 1)
        data.append(dict(type="scatter", x=t.tolist(), y=f32(g.y0 * g.rate ** (t - g.t0)), mode="lines", name=g.label,
                         line=dict(color=g.color, width=0.8 * lk.line, dash=g.dash),
                         hovertemplate=f"{g.label} · {labels['step']} %{{x}} · %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="growth")
    layout.update(xaxis=dict(title=labels["step"], range=None if x_max is None else [0, float(x_max)]),
                  yaxis=dict(title=labels["axis"], type="log", exponentformat="power"))
    if window is not None:  # a shape on a log axis takes data values
        layout["shapes"] = [dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=float(window[0]),
                                 y1=float(window[1]), fillcolor="rgba(120,120,120,0.12)", line=dict(width=0),
                                 layer="below")]
    layout["margin"].update(l=AXIS_MARGIN)
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# basins of attraction


def basin_figure(
    grid: hts.Grid,
    starts_x: np.ndarray,
    starts_y: np.ndarray,
    basin: np.ndarray,
    minima: Sequence[tuple[float, float]],
    paths: Sequence[Path] = (),
    *,
    log: bool = False,
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """Each start's cell coloured by the minimum it reached; contour lines and a few paths on top.

    ``basin[i, j]`` is the code for the start (x_j, y_i): a minimum's index, `NOT_SETTLED` or `DIVERGED_CODE`.

    ``labels``: ``minimum_0``, ``minimum_1``, … name the minima; ``not_settled``, ``diverged``, ``step``.
    """
    lk = look(projector)
    labels = {"not_settled": "not settled", "diverged": "diverged", "step": "step", "minimum": "minimum", **(labels or {})}
    names = [labels.get(f"minimum_{k}", f"{labels['minimum']} {k + 1}") for k in range(len(minima))]
    # categories: 0 diverged, 1 not settled, 2.. the minima; a stepped colourscale gives each its colour
    codes = np.asarray(basin) + 2
    palette = [DIVERGED, NOT_SETTLED_COLOR, *(color(k) for k in range(len(minima)))]
    n = len(palette)
    scale = [[edge, c] for k, c in enumerate(palette) for edge in (k / n, (k + 1) / n)]
    word = [labels["diverged"], labels["not_settled"], *names]
    text = np.asarray(word, dtype=object)[codes]
    data = [
        dict(
            type="heatmap",
            x=f32(starts_x),
            y=f32(starts_y),
            z=codes.astype(np.float32),
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            opacity=BASIN_OPACITY,
            showscale=False,
            text=text,
            hovertemplate="(%{x:.2f}, %{y:.2f}) → %{text}<extra></extra>",
            name="basins",
        )
    ]
    # contour lines only: the basin colours stay readable under them
    data += hts.contour_traces(hts.heights(grid, log=log), fill=False, line=dict(color="rgba(35, 50, 70, 0.45)", width=0.8))
    for p in paths:
        data += run_traces(p, lk, markers=0.4, step=labels["step"], legend=False)
    for k, (m, name) in enumerate(zip(minima, names)):
        star = dict(symbol="star", size=1.5 * lk.marker, color=color(k), line=dict(color=MINIMUM_FILL, width=1.5))
        trace = _markers([m], name, star)
        trace.update(showlegend=True, name=name, legendgroup=f"basin{k}")
        data.append(trace)
    # legend swatches for the two non-minimum categories, when they occur
    for code, c in ((NOT_SETTLED, NOT_SETTLED_COLOR), (DIVERGED_CODE, DIVERGED)):
        if np.any(basin == code):
            data.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=word[code + 2],
                             marker=dict(symbol="square", size=lk.marker, color=c)))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else BASIN_HEIGHT, uirevision="basins")
    layout.update(_square_axes(np.asarray(grid[0]), np.asarray(grid[1])))
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# counting minima among critical points


def goe_figure(
    dims: Sequence[int],
    counts: Sequence[int],
    samples: int,
    *,
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """The fraction of random symmetric matrices with all eigenvalues positive, per dimension, on a log axis.

    Dimensions where no sample was positive definite show the rule-of-three bound 3/samples
    (a 95 % upper bound) as an open marker. The line 2⁻ᵈ is what independent coin flips for
    the eigenvalues' signs would give.
    """
    lk = look(projector)
    labels = {"axis": "fraction with all eigenvalues > 0", "dimension": "dimension d", "coin": "2^-d (independent signs)",
              "bound": "none seen: below 3/N", "measured": "measured", **(labels or {})}
    dims = np.asarray(dims)
    counts = np.asarray(counts)
    seen = counts > 0
    frac = counts / samples
    data = [
        dict(
            type="bar",
            x=dims[seen].tolist(),
            y=f32(frac[seen]),
            marker=dict(color=color(0)),
            name=labels["measured"],
            customdata=counts[seen].tolist(),
            hovertemplate="d = %{x}: %{y:.3g} (%{customdata} / " + f"{samples:,}" + ")<extra></extra>",
        ),
        dict(
            type="scatter",
            x=dims.tolist(),
            y=f32(0.5 ** dims.astype(np.float64)),
            mode="lines+markers",
            line=dict(color=GUIDE, dash="dash", width=lk.line),
            marker=dict(size=0.6 * lk.marker, color=GUIDE),
            name=labels["coin"],
            hovertemplate="d = %{x}: 2^-d = %{y:.3g}<extra></extra>",
        ),
    ]
    if not seen.all():
        data.append(
            dict(
                type="scatter",
                x=dims[~seen].tolist(),
                y=[3.0 / samples] * int((~seen).sum()),
                mode="markers",
                marker=dict(symbol="triangle-down-open", size=lk.marker, color=color(0), line=dict(width=2)),
                name=labels["bound"],
                hovertemplate="d = %{x}: < %{y:.2g}<extra></extra>",
            )
        )
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="goe")
    layout.update(
        xaxis=dict(title=labels["dimension"], dtick=1),
        yaxis=dict(title=labels["axis"], type="log", exponentformat="power"),
        bargap=0.3,
    )
    layout["margin"].update(l=AXIS_MARGIN)
    return kept.figure(data=data, layout=layout)
