"""Figures of the schedule lesson: the chosen learning-rate schedule η(t) in bold over all the others, faint.

The trajectories beside it use `figures.lesson_gradient_descent.paths_and_losses_figure`.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import plotly.graph_objects as go

from .look import base_layout, look
from .paths import f32

HEIGHT, PROJECTOR_HEIGHT = 360, 500
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
    return go.Figure(data=data, layout=layout)
