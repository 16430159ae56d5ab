"""Plain line charts for the lessons: learning-rate schedules, and the loss curves of several runs."""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import kept
from .look import base_layout, look
from .text import words as figure_words
from .paths import Path, f32, has_f_min, loss_gap

HEIGHT = 380
PROJECTOR_HEIGHT = 520


def lr_schedule_figure(
    lrs: Mapping[str, tuple[np.ndarray, str]], *, projector: bool = False, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Learning rate vs step, one line per schedule: ``lrs[label] = (learning rates, colour)``."""
    words = figure_words(text)
    lk = look(projector)
    data = [
        dict(
            type="scatter",
            y=f32(lr),
            x0=0,
            dx=1,
            mode="lines",
            line=dict(color=c, width=lk.line),
            name=label,
            hovertemplate=f"{label} · {words['step']} %{{x}} · η = %{{y:.4g}}<extra></extra>",
        )
        for label, (lr, c) in lrs.items()
    ]
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="lr-schedules")
    layout.update(xaxis=dict(title=words["step"]), yaxis=dict(title=words["lr"], rangemode="tozero"))
    return kept.figure(data=data, layout=layout)


def loss_curves_figure(
    paths: Sequence[Path], *, log: bool = True, projector: bool = False, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Loss vs step, one line per run; on a log axis the loss is drawn as f − f_min when the minimum is known."""
    words = figure_words(text)
    lk = look(projector)
    gap = log and all(has_f_min(p.traj) for p in paths)
    ys = [loss_gap(p.traj) if gap else f32(p.traj.loss[: p.traj.last + 1]) for p in paths]
    # without a known minimum a log axis needs every loss to be positive
    use_log = gap or (log and all(np.nanmin(y) > 0 for y in ys if np.isfinite(y).any()))
    quantity = "f − f_min" if gap else "f"
    data = [
        dict(
            type="scatter",
            y=y,
            x0=0,
            dx=1,
            mode="lines",
            line=dict(color=p.color, width=lk.line, dash=p.dash),
            name=p.label,
            hovertemplate=f"{p.label} · {words['step']} %{{x}} · {quantity} = %{{y:.4g}}<extra></extra>",
        )
        for p, y in zip(paths, ys)
    ]
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="loss-curves")
    layout.update(
        xaxis=dict(title=words["step"]),
        yaxis=dict(title=quantity + (" " + words["log"] if use_log else ""), type="log" if use_log else "linear"),
    )
    layout["yaxis"]["exponentformat"] = "power"
    return kept.figure(data=data, layout=layout)
