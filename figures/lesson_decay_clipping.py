"""Lesson 7, weight decay and gradient clipping: where coupled L2 and decoupled decay leave Adam as λ grows,
how hard each pulls on each coordinate, and what clipping by norm and by value do to one exploding gradient
(the numbers: `lessons.decay_clipping`).

Pure functions: trajectories and vectors in, ``go.Figure`` out. ``words`` puts the page's language in the
paths' and landmarks' hovers (start, minimum, step).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import heights as hts, kept
from .colors import BLACK, GUIDE, WHITE, color
from .lesson_momentum import MARKERS, contour_axes, landmarks
from .look import base_layout, look
from .paths import LOG_FLOOR, Path, f32, run_traces

if TYPE_CHECKING:
    from landscapes.base import Surface

HEIGHT = 540
SMALL_HEIGHT = 380
PROJECTOR_HEIGHT = 720


# ----------------------------------------------------------------------------
# weight decay


WORDS = {"start": "start", "minimum": "minimum", "step": "step"}


def decay_figure(surface: Surface, paths: Sequence[Path], loci: Mapping[str, tuple[np.ndarray, str]],
                 theory: np.ndarray, *, grid, window, labels: Mapping[str, str], words: Mapping[str, str] | None = None,
                 projector: bool = False) -> go.Figure:
    """The runs at one λ, and where each method ends as λ grows, on the part ``window`` of the surface.

    ``grid`` is the surface over ``window``; ``loci[label] = (endpoints (n, 2) over the λ grid, colour)``;
    ``theory`` (n, 2) is the minimum of f + λ/2‖θ‖² over the same grid. ``labels``: theory.
    """
    lk, w = look(projector), {**WORDS, **(words or {})}
    data = hts.contour_traces(hts.surface_heights(grid, surface))
    data.append(dict(type="scatter", x=f32(theory[:, 0]), y=f32(theory[:, 1]), mode="lines", name=labels["theory"],
                     line=dict(color=BLACK, width=0.8 * lk.line), hovertemplate="(%{x:.3g}, %{y:.3g})<extra></extra>"))
    for name, (xy, c) in loci.items():
        data.append(dict(type="scatter", x=f32(xy[:, 0]), y=f32(xy[:, 1]), mode="lines+markers", name=name,
                         line=dict(color=c, width=0.8 * lk.line, dash="dot"), marker=dict(size=0.5 * lk.marker, color=c),
                         hovertemplate=f"{name} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>"))
    for p in paths:
        data += run_traces(p, lk, step=w["step"])
        end = p.traj.xy[p.traj.last]
        data.append(dict(type="scatter", x=[float(end[0])], y=[float(end[1])], mode="markers", showlegend=False,
                         name=f"{p.label} (end)", marker=dict(size=1.3 * lk.marker, color=p.color,
                                                             line=dict(color=WHITE, width=2)),
                         hovertemplate=f"{p.label}: (%{{x:.3g}}, %{{y:.3g}})<extra></extra>"))
    data += landmarks(surface, paths[0].traj.xy[0], lk, words=w)
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="decay")
    layout["xaxis"], layout["yaxis"] = contour_axes(window)
    return kept.figure(data=data, layout=layout)


def decay_rate_figure(series: Sequence[tuple[str, str, str, np.ndarray]], *, labels: Mapping[str, str],
                      projector: bool = False) -> go.Figure:
    """How much of θ the decay removes per step, per coordinate: ``series`` = (label, colour, dash, values). Log y.
    ``labels``: step (the x axis and the hovers' word), rate (the y axis)."""
    lk = look(projector)
    data = [dict(type="scatter", x=f32(np.arange(1, v.size + 1)), y=f32(np.abs(v) + LOG_FLOOR), mode="lines", name=name,
                 line=dict(color=c, width=lk.line, dash=dash),
                 hovertemplate=f"{name} · {labels['step']} %{{x}} · %{{y:.3g}}<extra></extra>") for name, c, dash, v in series]
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else SMALL_HEIGHT, uirevision="decay-rate")
    layout.update(xaxis=dict(title=dict(text=labels["step"])),
                  yaxis=dict(type="log", exponentformat="power", title=dict(text=labels["rate"])))
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# gradient clipping


def clip_figure(surface: Surface, paths: Sequence[Path], *, grid, words: Mapping[str, str] | None = None,
                projector: bool = False) -> go.Figure:
    """The clipped and unclipped runs on the cliff; a path thrown off the plot comes back in from its edge."""
    lk, w = look(projector), {**WORDS, **(words or {})}
    h = hts.surface_heights(grid, surface)
    data = hts.contour_traces(h, bar=hts.colorbar(h, x=1.01, font=lk.small))
    for p in paths:
        data += run_traces(p, lk, markers=MARKERS, step=w["step"])
    data += landmarks(surface, paths[0].traj.xy[0], lk, words=w)
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT - 80, uirevision="clip")
    layout["xaxis"], layout["yaxis"] = contour_axes(surface.domain)
    return kept.figure(data=data, layout=layout)


def compass_figure(raw, clipped: Mapping[str, tuple[np.ndarray, str]], threshold: float, *,
                   labels: Mapping[str, str], projector: bool = False) -> go.Figure:
    """One gradient and its clipped versions, as arrows from the origin of gradient space.

    The raw gradient is usually far longer than the threshold: it is drawn along its direction to the
    plot's edge. The circle ‖g‖ = c bounds clipping by norm, the square |gᵢ| ≤ c clipping by value.
    ``clipped[label] = (vector, colour)``; ``labels``: raw, circle, square.
    """
    lk = look(projector)
    raw = np.asarray(raw, dtype=np.float64)
    reach = 1.6 * threshold
    shown = raw / max(np.linalg.norm(raw), 1e-30) * 1.5 * threshold if np.linalg.norm(raw) > reach else raw
    t = np.linspace(0, 2 * math.pi, 121)
    data = [
        dict(type="scatter", x=f32(threshold * np.cos(t)), y=f32(threshold * np.sin(t)), mode="lines", name=labels["circle"],
             line=dict(color=GUIDE, width=1, dash="dot"), hoverinfo="skip"),
        dict(type="scatter", x=[-threshold, threshold, threshold, -threshold, -threshold],
             y=[-threshold, -threshold, threshold, threshold, -threshold], mode="lines", name=labels["square"],
             line=dict(color=GUIDE, width=1, dash="dash"), hoverinfo="skip"),
    ]
    arrows = [(shown, color(4), labels["raw"], raw)] + [(v, c, name, v) for name, (v, c) in clipped.items()]
    annotations = []
    for head, c, name, true in arrows:
        annotations.append(dict(x=float(head[0]), y=float(head[1]), ax=0.0, ay=0.0, xref="x", yref="y", axref="x",
                                ayref="y", text="", showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=1.3 * lk.arrow,
                                arrowcolor=c, hovertext=f"{name}: ({true[0]:.3g}, {true[1]:.3g})"))
        data.append(dict(type="scatter", x=[None], y=[None], mode="lines", name=name, line=dict(color=c, width=lk.arrow)))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else SMALL_HEIGHT + 40, uirevision="compass")
    axis = dict(range=[-reach, reach], zeroline=True, zerolinecolor=GUIDE, showgrid=False, constrain="domain")
    layout.update(xaxis=dict(axis, title=dict(text="∂f/∂x")), yaxis=dict(axis, title=dict(text="∂f/∂y"), scaleanchor="x"),
                  annotations=annotations)
    return kept.figure(data=data, layout=layout)
