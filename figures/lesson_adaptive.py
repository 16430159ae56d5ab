"""Lesson 4, AdaGrad, RMSProp, Adam: the race on the valley along the axes and turned (with the loss curves),
the effective learning rates over a long run and their partial sums, Adam's first steps with and without bias
correction, and the notes' Adam loop beside the correct one.

Pure functions: positions and per-step series in, ``go.Figure`` out; nothing here runs an optimizer. Every word
comes from ``words`` (`WORDS`'s keys), so the page can pass its language's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import heights as hts, kept
from .lesson_momentum import contour_axes, landmarks
from .look import Look, base_layout, look
from .paths import LOG_FLOOR, f32, path_traces

if TYPE_CHECKING:
    from landscapes.base import Surface

RACE_HEIGHT, RACE_PROJECTOR_HEIGHT = 400, 470
HEIGHT, PROJECTOR_HEIGHT = 380, 520
LOG_POINTS = 400  # a long run is drawn at this many log-spaced steps: a log axis crowds the rest into a few pixels
PANEL_GAP = 0.06  # between the race's three panels, as a fraction of the width

WORDS: dict[str, str] = {
    "step": "step",
    "start": "start",
    "minimum": "minimum",
    "effective_lr": "effective learning rate of x (log)",
    "partial_sum": "sum of the effective learning rates so far",
    "length": "step length ‖Δθ‖ (log)",
}


@dataclass(frozen=True)
class Line:
    """One drawn run: its label, colour, dash, and either positions ``xy`` (steps+1, 2) or a per-step series."""

    label: str
    color: str
    values: np.ndarray
    dash: str = "solid"
    legend: bool = True  # one legend entry per label: repeat drawings of a run set this to False


@dataclass(frozen=True)
class Panel:
    """A contour panel of the race: its title, surface, grid and the runs' paths (``Line.values`` = positions)."""

    title: str
    surface: Surface
    grid: hts.Grid
    paths: Sequence[Line]


def _words(words: Mapping[str, str] | None) -> dict[str, str]:
    unknown = set(words or {}) - set(WORDS)
    if unknown:
        raise KeyError(f"unknown words: {sorted(unknown)}")
    return {**WORDS, **(words or {})}


def log_spaced(n: int, points: int = LOG_POINTS) -> np.ndarray:
    """Step indices 0 … n−1 spaced evenly on a log axis of steps 1 … n (all of them when n ≤ points)."""
    if n <= points:
        return np.arange(n)
    return np.unique(np.round(np.logspace(0, np.log10(n), points)).astype(int)) - 1


def _axes(i: int) -> tuple[str, str]:
    """The i-th panel's axis names as traces give them ("x", "y"; "x2", "y2"; …)."""
    return ("x", "y") if i == 0 else (f"x{i + 1}", f"y{i + 1}")


def _path(line: Line, lk: Look, words: dict[str, str], axes: tuple[str, str], end: bool = False) -> list[dict[str, Any]]:
    """A run's path up to its last finite point; hover: label · step k · (x, y). ``end``: a cross where it ends."""
    xy = np.asarray(line.values, dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(xy).all(axis=1))
    return path_traces(line.label, line.color, xy[: bad[0]] if bad.size else xy, lk, dash=line.dash, hover="position",
                       step=words["step"], axes=axes, legend=line.legend, end=end)


def _contour_panel(i: int, surface: Surface, grid: hts.Grid, paths: Sequence[Line], x_domain, lk: Look,
                   words: dict[str, str], names: tuple[str, str] = ("x", "y"),
                   ends: bool = False) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Traces and axes of contour panel ``i``: the surface, the paths, the start and the minimum.
    ``names``: the two parameters' names (the axes' titles); ``ends``: mark where each path ends."""
    axes = _axes(i)
    data = hts.contour_traces(hts.surface_heights(grid, surface), axes=axes)
    for rank, p in reversed(list(enumerate(paths))):  # the first path on top; the legend keeps their order
        data += [dict(tr, legendrank=rank + 1) for tr in _path(p, lk, words, axes, end=ends)]
    start = np.asarray(paths[0].values)[0] if paths else surface.start
    data += landmarks(surface, start, lk, xaxis=axes[0], yaxis=axes[1], words=words)
    xaxis, yaxis = contour_axes(surface.domain, anchor=axes[1], x_domain=x_domain)
    xaxis["title"], yaxis["title"] = dict(xaxis["title"], text=names[0]), dict(yaxis["title"], text=names[1])
    name = "" if i == 0 else str(i + 1)
    return data, {f"xaxis{name}": dict(xaxis, anchor=axes[1]), f"yaxis{name}": dict(yaxis, anchor=axes[0])}


def _title(text: str, x_domain, lk: Look) -> dict[str, Any]:
    return dict(text=text, xref="paper", yref="paper", x=sum(x_domain) / 2, y=1.0, xanchor="center", yanchor="bottom",
                showarrow=False, font=dict(size=lk.font))


def race_figure(panels: Sequence[Panel], losses: Sequence[Line], *, loss_title: str,
                words: Mapping[str, str] | None = None, projector: bool = False) -> go.Figure:
    """The race: one contour panel per valley (``panels``) and, on the right, the loss curves ``losses``
    (``Line.values`` = f − f_min per step, drawn on a log axis)."""
    w, lk = _words(words), look(projector)
    n = len(panels) + 1
    width = (1.0 - PANEL_GAP * (n - 1)) / n
    domains = [(i * (width + PANEL_GAP), i * (width + PANEL_GAP) + width) for i in range(n)]
    data, layout = [], base_layout(lk, height=RACE_PROJECTOR_HEIGHT if projector else RACE_HEIGHT, uirevision="race")
    annotations = []
    for i, p in enumerate(panels):
        traces, axes = _contour_panel(i, p.surface, p.grid, p.paths, domains[i], lk, w)
        data += traces
        layout.update(axes)
        annotations.append(_title(p.title, domains[i], lk))
    xa, ya = _axes(n - 1)
    for c in losses:
        y = np.maximum(np.asarray(c.values, dtype=np.float64), 0.0) + LOG_FLOOR
        data.append(dict(type="scatter", x0=0, dx=1, y=f32(y), mode="lines", name=c.label, legendgroup=c.label,
                         showlegend=c.legend, line=dict(color=c.color, width=lk.line, dash=c.dash), xaxis=xa, yaxis=ya,
                         hovertemplate=f"{c.label} · {w['step']} %{{x}} · %{{y:.3g}}<extra></extra>"))
    layout[f"xaxis{n}"] = dict(domain=list(domains[-1]), anchor=ya, title=dict(text=w["step"], standoff=2))
    layout[f"yaxis{n}"] = dict(anchor=xa, type="log", exponentformat="power")  # its title is the panel's
    annotations.append(_title(loss_title, domains[-1], lk))
    layout["annotations"] = annotations
    # the panels' titles sit just above the plots, the legend above them
    margin = dict(layout["margin"], t=int(5 * lk.font))
    plot_height = layout["height"] - margin["t"] - margin["b"]
    layout.update(margin=margin, legend=dict(layout["legend"], y=1.0 + 2.0 * lk.font / plot_height))
    return kept.figure(data=data, layout=layout)


def long_run_figure(rates: Sequence[Line], sums: Sequence[Line], *, words: Mapping[str, str] | None = None,
                    projector: bool = False) -> go.Figure:
    """Left: effective learning rates per step on log-log axes (``rates``); right: their partial sums (``sums``)."""
    w, lk = _words(words), look(projector)
    data = []
    for c in rates:
        values = np.asarray(c.values, dtype=np.float64)
        idx = log_spaced(values.size)
        data.append(dict(type="scatter", x=f32(idx + 1), y=f32(values[idx]), mode="lines", name=c.label,
                         legendgroup=c.label, showlegend=c.legend, line=dict(color=c.color, width=lk.line, dash=c.dash),
                         hovertemplate=f"{c.label} · {w['step']} %{{x}} · %{{y:.3g}}<extra></extra>"))
    for c in sums:
        data.append(dict(type="scatter", x0=1, dx=1, y=f32(c.values), mode="lines", name=c.label, legendgroup=c.label,
                         showlegend=c.legend, line=dict(color=c.color, width=lk.line, dash=c.dash), xaxis="x2",
                         yaxis="y2", hovertemplate=f"{c.label} · {w['step']} %{{x}} · Σ = %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="long-run")
    log = dict(type="log", exponentformat="power")
    layout.update(
        xaxis=dict(log, domain=[0, 0.47], anchor="y", title=dict(text=w["step"])),
        yaxis=dict(log, anchor="x", title=dict(text=w["effective_lr"])),
        xaxis2=dict(domain=[0.57, 1.0], anchor="y2", title=dict(text=w["step"])),
        yaxis2=dict(anchor="x2", rangemode="tozero", title=dict(text=w["partial_sum"])),
    )
    return kept.figure(data=data, layout=layout)


def first_steps_figure(lengths: Sequence[Line], *, words: Mapping[str, str] | None = None,
                       projector: bool = False) -> go.Figure:
    """The length of each of the first steps, one line per run (``Line.values`` = the lengths)."""
    w, lk = _words(words), look(projector)
    data = [dict(type="scatter", x0=1, dx=1, y=f32(c.values), mode="lines+markers", name=c.label,
                 line=dict(color=c.color, width=lk.line, dash=c.dash), marker=dict(size=0.5 * lk.marker),
                 hovertemplate=f"{c.label} · {w['step']} %{{x}} · ‖Δθ‖ = %{{y:.4g}}<extra></extra>") for c in lengths]
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="first-steps")
    layout.update(xaxis=dict(title=dict(text=w["step"])),
                  yaxis=dict(title=dict(text=w["length"]), type="log", exponentformat="power"))
    return kept.figure(data=data, layout=layout)


def loops_figure(surface: Surface, grid: hts.Grid, paths: Sequence[Line], *, words: Mapping[str, str] | None = None,
                 projector: bool = False) -> go.Figure:
    """Two Adam loops side by side: their paths on the (w, b) contour, each end marked (left), and their step
    lengths (right, log; a step of exactly 0, too small for float64 to move θ, leaves a gap)."""
    w, lk = _words(words), look(projector)
    data, axes = _contour_panel(0, surface, grid, paths, (0.0, 0.45), lk, w, names=("w", "b"), ends=True)
    for p in paths:
        xy = np.asarray(p.values, dtype=np.float64)
        lengths = np.linalg.norm(np.diff(xy, axis=0), axis=1)
        lengths = np.where(lengths > 0, lengths, np.nan)
        data.append(dict(type="scatter", x0=1, dx=1, y=f32(lengths), mode="lines", name=p.label, legendgroup=p.label,
                         showlegend=False, line=dict(color=p.color, width=lk.line, dash=p.dash), xaxis="x2", yaxis="y2",
                         hovertemplate=f"{p.label} · {w['step']} %{{x}} · ‖Δθ‖ = %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision=f"loops:{surface.name}")
    layout.update(axes)
    layout.update(xaxis2=dict(domain=[0.57, 1.0], anchor="y2", title=dict(text=w["step"])),
                  yaxis2=dict(anchor="x2", type="log", exponentformat="power", title=dict(text=w["length"])))
    return kept.figure(data=data, layout=layout)
