"""Lesson 4, AdaGrad, RMSProp, Adam: per-coordinate step sizes over a long run, and Adam's first steps
with and without bias correction. The paths on the valley reuse `figures.lesson_momentum.paths_figure`.

Pure functions: trajectories in, ``go.Figure`` out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
import plotly.graph_objects as go

from .look import base_layout, look
from .paths import LOG_FLOOR, Path, f32, last_row

if TYPE_CHECKING:
    from optimizers.engine import Trajectory

HEIGHT = 560
PROJECTOR_HEIGHT = 760
SMALL_HEIGHT = 380
COORDINATES = ("x", "y")
DASHES = ("solid", "dash")  # x, y
LOG_POINTS = 400  # a long run is drawn at this many log-spaced steps: a log axis crowds the rest into a few pixels


def log_spaced(n: int, points: int = LOG_POINTS) -> np.ndarray:
    """Step indices 0 … n−1 spaced evenly on a log axis of steps 1 … n (all of them when n ≤ points)."""
    if n <= points:
        return np.arange(n)
    return np.unique(np.round(np.logspace(0, np.log10(n), points)).astype(int)) - 1


def step_lengths(traj: Trajectory) -> np.ndarray:
    """‖θ_{t+1} − θ_t‖ for every step (NaN after a divergence)."""
    return np.linalg.norm(np.diff(traj.xy.astype(np.float64), axis=0), axis=1)


def decade_factor(series: np.ndarray, t0: int, t1: int) -> float:
    """How many times smaller ``series`` is at step ``t1`` than at ``t0`` (a 1/√t decay over a decade gives √10)."""
    return float(series[t0] / series[t1])


def step_sizes_figure(paths: Sequence[Path], *, labels: dict[str, str], projector: bool = False) -> go.Figure:
    """Per-coordinate effective step η/√(…) (top) and the squared-gradient memory (bottom), on log-log axes.

    One colour per rule, solid for x and dashed for y; each trajectory must carry ``state["effective_lr"]``
    and ``state["second_moment"]``. ``labels``: step (x axis), effective_lr, second_moment.
    """
    lk = look(projector)
    data = []
    for p in paths:
        idx = log_spaced(last_row(p.traj))
        steps = idx + 1
        for row, key in ((1, "effective_lr"), (2, "second_moment")):
            values = p.traj.state[key][idx].astype(np.float64)
            for c, (coord, dash) in enumerate(zip(COORDINATES, DASHES)):
                name = f"{p.label} · {coord}"
                data.append(dict(
                    type="scatter", x=f32(steps), y=f32(np.abs(values[:, c]) + LOG_FLOOR), mode="lines", name=name,
                    legendgroup=name, showlegend=row == 1, line=dict(color=p.color, width=lk.line, dash=dash),
                    xaxis="x" if row == 1 else "x2", yaxis="y" if row == 1 else "y2",
                    hovertemplate=f"{name} · step %{{x}} · %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="step-sizes")
    log = dict(type="log", exponentformat="power")
    layout.update(
        xaxis=dict(log, domain=[0, 1], anchor="y", matches="x2", showticklabels=False),
        yaxis=dict(log, domain=[0.55, 1.0], title=dict(text=labels["effective_lr"])),
        xaxis2=dict(log, domain=[0, 1], anchor="y2", title=dict(text=labels["step"])),
        yaxis2=dict(log, domain=[0.0, 0.45], title=dict(text=labels["second_moment"])),
    )
    return go.Figure(data=data, layout=layout)


def first_steps_figure(paths: Sequence[Path], *, steps: int, labels: dict[str, str],
                       projector: bool = False) -> go.Figure:
    """The length of each of the first ``steps`` steps, one line per run. ``labels``: step, length."""
    lk = look(projector)
    data = []
    for p in paths:
        d = step_lengths(p.traj)[:steps]
        data.append(dict(type="scatter", x=f32(np.arange(1, d.size + 1)), y=f32(d), mode="lines+markers", name=p.label,
                         line=dict(color=p.color, width=lk.line, dash=p.dash), marker=dict(size=0.5 * lk.marker),
                         hovertemplate=f"{p.label} · step %{{x}} · ‖Δθ‖ = %{{y:.4g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else SMALL_HEIGHT, uirevision="first-steps")
    layout.update(xaxis=dict(title=dict(text=labels["step"])),
                  yaxis=dict(title=dict(text=labels["length"]), rangemode="tozero"))
    return go.Figure(data=data, layout=layout)
