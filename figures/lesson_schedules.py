"""Figures of the schedule lesson: η and the loss against the epoch (the course's per-epoch decays, and the
plateau where a decay goes), and the chosen learning-rate schedule η(t) in bold over all the others, faint.

The trajectories on a contour use `figures.lesson_gradient_descent.paths_and_losses_figure`, with the page's
words for its start and minimum hovers.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.schedules import epoch_means, loss_gap

from . import kept
from .colors import DIVERGED
from .look import base_layout, look
from .paths import LOG_FLOOR, f32

HEIGHT, PROJECTOR_HEIGHT = 360, 500
EPOCH_HEIGHT, PROJECTOR_EPOCH_HEIGHT = 380, 520
LR_X, LOSS_X = (0.0, 0.38), (0.50, 1.0)  # the epoch figure's two panels
FAINT = 0.35  # opacity of the schedules not chosen


def schedules_figure(
    curves: Mapping[str, np.ndarray],
    colors: Mapping[str, str],
    chosen: str,
    *,
    labels: Mapping[str, str] | None = None,
    step_title: str = "step t",
    lr_title: str = "learning rate η(t)",
    warmup_steps: float = 0.0,
    warmup_text: str = "warmup",
    projector: bool = False,
) -> go.Figure:
    """η(t) for every schedule in ``curves`` (name -> values per step), ``chosen`` drawn last, bold and opaque."""
    lk = look(projector)
    labels = labels or {name: name for name in curves}
    order = [n for n in curves if n != chosen] + ([chosen] if chosen in curves else [])
    data = []
    for name in order:
        bold = name == chosen
        data.append(
            dict(
                type="scatter",
                y=f32(curves[name]),
                x0=0,
                dx=1,
                mode="lines",
                line=dict(color=colors[name], width=(1.6 if bold else 0.8) * lk.line, dash="solid" if bold else "dot"),
                opacity=1.0 if bold else FAINT,
                name=labels[name],
                hovertemplate=f"{labels[name]} · t = %{{x}} · η = %{{y:.4g}}<extra></extra>",
            )
        )
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="lesson-schedules")
    layout["margin"].update(b=int(3 * lk.font))
    layout.update(xaxis=dict(title=step_title, zeroline=False), yaxis=dict(title=lr_title, rangemode="tozero"))
    if warmup_steps > 0:
        layout["shapes"] = [dict(type="rect", xref="x", yref="paper", x0=0, x1=float(warmup_steps), y0=0, y1=1,
                                 fillcolor="rgba(230, 159, 0, 0.12)", line=dict(width=0), layer="below")]
        layout["annotations"] = [dict(x=float(warmup_steps) / 2, y=1, xref="x", yref="paper", yanchor="top", showarrow=False,
                                      text=warmup_text, font=dict(size=lk.small))]
    return kept.figure(data=data, layout=layout)


class EpochRun(NamedTuple):
    """One run for `epoch_figure`: the η each step used and f − f* after each step, both (steps,)."""

    label: str
    color: str
    lr: np.ndarray
    gap: np.ndarray
    dash: str = "solid"


def epoch_run(label: str, color: str, traj, dash: str = "solid") -> EpochRun:
    """A run as `epoch_figure` draws it: the η each step used and f − f* after each step."""
    return EpochRun(label, color, np.asarray(traj.lr, dtype=np.float64), loss_gap(traj), dash)


def epoch_figure(
    runs: Sequence[EpochRun],
    per_epoch: int,
    *,
    epoch_title: str = "epoch",
    lr_title: str = "learning rate η",
    loss_title: str = "f − f* (log)",
    epoch_word: str = "epoch",
    mean_word: str = "epoch mean",
    marker: tuple[float, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """η (left) and f − f* on a log axis (right) against the epoch: step t sits at t/N, N = ``per_epoch``.

    The loss is drawn per step (faint) and as each epoch's mean (bold, at the epoch's end). ``marker`` =
    (epoch, text) draws a dashed line across both panels there (where the loss flattened).
    """
    lk = look(projector)
    data = []
    for r in runs:
        steps = r.lr.size
        x_lr = np.arange(steps + 1, dtype=np.float32) / per_epoch
        data.append(dict(type="scatter", x=x_lr, y=f32(np.append(r.lr, r.lr[-1])), mode="lines",
                         line=dict(color=r.color, width=1.3 * lk.line, dash=r.dash, shape="hv"), name=r.label, legendgroup=r.label,
                         hovertemplate=f"{r.label} · {epoch_word} %{{x:.2f}} · η = %{{y:.4g}}<extra></extra>"))
        gap = np.maximum(np.asarray(r.gap, dtype=np.float64), LOG_FLOOR)
        data.append(dict(type="scatter", x=np.arange(1, steps + 1, dtype=np.float32) / per_epoch, y=f32(gap), mode="lines",
                         line=dict(color=r.color, width=0.6 * lk.line, dash=r.dash), opacity=0.35, name=r.label,
                         legendgroup=r.label, showlegend=False, xaxis="x2", yaxis="y2",
                         hovertemplate=f"{r.label} · {epoch_word} %{{x:.2f}} · f − f* = %{{y:.3g}}<extra></extra>"))
        means = epoch_means(gap, per_epoch)
        data.append(dict(type="scatter", x=np.arange(1, means.size + 1, dtype=np.float32), y=f32(means), mode="lines+markers",
                         line=dict(color=r.color, width=1.3 * lk.line, dash=r.dash), marker=dict(size=0.45 * lk.marker),
                         name=r.label, legendgroup=r.label, showlegend=False, xaxis="x2", yaxis="y2",
                         hovertemplate=f"{r.label} · {epoch_word} %{{x}} · {mean_word} = %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_EPOCH_HEIGHT if projector else EPOCH_HEIGHT, uirevision="schedules-epochs")
    layout["margin"].update(b=int(3 * lk.font))
    top = max((float(np.max(r.lr)) for r in runs), default=1.0)
    layout.update(
        xaxis=dict(domain=list(LR_X), anchor="y", title=dict(text=epoch_title), zeroline=False, rangemode="tozero"),
        yaxis=dict(anchor="x", title=dict(text=lr_title), range=[0, 1.08 * top]),
        xaxis2=dict(domain=list(LOSS_X), anchor="y2", title=dict(text=epoch_title), zeroline=False, rangemode="tozero"),
        yaxis2=dict(anchor="x2", type="log", exponentformat="power", dtick=1, title=dict(text=loss_title)),  # a label per decade
    )
    if marker is not None:
        at, text = marker
        line = dict(color=DIVERGED, width=1.5, dash="dash")
        layout["shapes"] = [dict(type="line", xref=xr, yref=f"{yr} domain", x0=at, x1=at, y0=0, y1=1, line=line)
                            for xr, yr in (("x", "y"), ("x2", "y2"))]
        layout["annotations"] = [dict(x=at, y=1, xref="x2", yref="y2 domain", text=text, showarrow=False, xanchor="left",
                                      yanchor="top", xshift=4, font=dict(size=lk.small, color=DIVERGED))]
    return kept.figure(data=data, layout=layout)
