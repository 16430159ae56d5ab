"""The playground's moving markers: every path's arrays padded for slicing, the marker traces, and what a frame changes.

The 2-D markers are WebGL traces on purpose. Plotly's frame transition re-plots
the SVG traces it is given and, in the same subplot, drops the layers of every
other trace type: an SVG marker moving over a contour makes the contour vanish
(plotly.js #4491, plotly.py #2151). WebGL traces are never transitioned, so each
frame is a plain redraw (``animation.REDRAW``) and the contour stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from . import heights as hts, view3d
from .colors import WHITE
from .look import Look
from .panels import Panel, Series
from .paths import Path, f32, typed

Box = tuple[tuple[float, float], tuple[float, float]]
Trace = dict[str, Any]

MARKER_TYPE = "scattergl"  # the moving 2-D markers
NAME = "now"  # every moving marker trace is called this
TRAIL = 10  # positions in the moving trail on the contour, the current one included
TRAIL_SMALLEST = 0.45  # the oldest trail marker's size and opacity, relative to the current one
RIM = 1.5  # px of white around the current position
STEP_MARKER = 0.7  # the step panels' markers, relative to the contour's position marker
MARKER_3D = 0.45  # the 3-D markers, relative to the contour's position marker


@dataclass(frozen=True)
class Drawn:
    """Every path's arrays as sent (`f32`), NaN-padded to the longest run, so a frame is a slice across paths."""

    xy: np.ndarray  # (P, TRAIL - 1 + S + 1, 2): TRAIL - 1 NaN rows first, so a trail can always look back
    z3: np.ndarray | None  # (P, S + 1) heights in the 3-D view (lifted), NaN outside the domain
    panel: list[np.ndarray | None]  # per panel (P, S + 1), None when the panel draws nothing
    steps: int

    def path_xy(self, j: int, n: int) -> np.ndarray:
        """Path ``j``'s first ``n`` positions."""
        return self.xy[j, TRAIL - 1 : TRAIL - 1 + n]


def drawn(paths: Sequence[Path], series: Series, h3: hts.Heights | None, domain: Box) -> Drawn:
    """Pad every path's positions, 3-D heights and panel series to the longest run."""
    steps = max((p.traj.steps for p in paths), default=0)
    n = steps + 1
    xy = np.full((len(paths), TRAIL - 1 + n, 2), np.nan)
    z3 = np.full((len(paths), n), np.nan) if h3 is not None else None
    for j, p in enumerate(paths):
        m = p.traj.last + 1
        xy[j, TRAIL - 1 : TRAIL - 1 + m] = p.traj.xy[:m]
        if z3 is not None:
            z3[j, :m] = view3d.path_heights(h3, p.traj.xy[:m], p.traj.loss[:m], domain)
    panel: list[np.ndarray | None] = []
    for ys in series:
        if any(y is None for y in ys):
            panel.append(None)
            continue
        a = np.full((len(paths), n), np.nan)
        for j, y in enumerate(ys):
            a[j, : y.shape[0]] = y
        panel.append(f32(a))
    return Drawn(f32(xy), None if z3 is None else f32(z3), panel, steps)


def frame_data(d: Drawn, step: int) -> list[Trace]:
    """What moves at ``step``: the trail on the contour, the 3-D markers, a marker per panel (in this order)."""
    trail = d.xy[:, step : step + TRAIL]  # rows step - TRAIL + 1 .. step of the unpadded paths
    out = [dict(type=MARKER_TYPE, x=typed(trail[..., 0].ravel()), y=typed(trail[..., 1].ravel()))]
    if d.z3 is not None:
        here = d.xy[:, TRAIL - 1 + step]
        out.append(dict(type="scatter3d", x=typed(here[:, 0]), y=typed(here[:, 1]), z=typed(d.z3[:, step])))
    for a in d.panel:
        if a is not None:
            y = a[:, step]
            out.append(dict(type=MARKER_TYPE, x=typed(np.where(np.isfinite(y), step, np.nan)), y=typed(y)))
    return out


def traces(paths: Sequence[Path], specs: Sequence[Panel], d: Drawn, lk: Look, step: int,
           marker_type: str = MARKER_TYPE) -> list[Trace]:
    """The moving marker traces, placed at ``step``; frames later change only their coordinates.

    ``marker_type`` "scatter" (SVG) where the contour is drawn in a layer of its own (see `figures.playground_layers`)."""
    colors = [p.color for p in paths]
    ramp = np.linspace(TRAIL_SMALLEST, 1.0, TRAIL)
    rim = np.where(np.arange(TRAIL) == TRAIL - 1, RIM, 0.0)  # on the current position only
    styles: list[Trace] = [
        dict(
            marker=dict(
                color=[c for c in colors for _ in range(TRAIL)],
                size=np.tile(ramp * lk.marker, len(paths)).round(1).tolist(),
                opacity=np.tile(ramp, len(paths)).round(2).tolist(),
                line=dict(color=WHITE, width=np.tile(rim, len(paths)).tolist()),
            ),
            xaxis="x",
            yaxis="y",
        )
    ]
    if d.z3 is not None:
        styles.append(dict(marker=dict(color=colors, size=MARKER_3D * lk.marker), scene="scene"))
    for s in specs:
        if s.series is not None:
            marker = dict(color=colors, size=STEP_MARKER * lk.marker, line=dict(color=WHITE, width=1))
            styles.append(dict(marker=marker, xaxis=f"x{s.axis}", yaxis=f"y{s.axis}"))
    common = dict(mode="markers", hoverinfo="skip", showlegend=False, name=NAME)
    out = [{**xy, **style, **common} for xy, style in zip(frame_data(d, step), styles)]
    for t in out:
        if t["type"] == MARKER_TYPE:
            t["type"] = marker_type
    return out
