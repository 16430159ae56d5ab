"""Figures of the EWA lesson: a noisy year of temperatures with its exponentially weighted averages, and the weights
(the numbers: `lessons.ewa`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from . import kept
from .colors import BLUE, GUIDE, ORANGE, VERMILLION
from .look import base_layout, look
from .paths import f32

if TYPE_CHECKING:
    from lessons.ewa import Weights

DATA = "rgba(90, 90, 90, 0.55)"
WINDOW_FILL = "rgba(0, 114, 178, 0.12)"
HEIGHT, PROJECTOR_HEIGHT = 440, 580
WEIGHTS_HEIGHT, PROJECTOR_WEIGHTS_HEIGHT = 320, 440


def ewa_figure(
    series,
    corrected,
    raw,
    window: float,
    *,
    zoom: bool = False,
    data_label: str = "daily temperature",
    corrected_label: str = "EWA with bias correction",
    raw_label: str = "EWA without bias correction",
    x_title: str = "day",
    y_title: str = "°C",
    window_text: str = "first 1/(1−β) = {days} days",
    day_word: str = "day %{x}",
    projector: bool = False,
) -> go.Figure:
    """The data as dots, the corrected average solid, the uncorrected one dashed; the first ``window`` = 1/(1−β)
    days shaded. ``day_word`` is the hovers' day, with plotly's ``%{x}`` where the number goes."""
    lk = look(projector)
    days = np.arange(1, len(series) + 1, dtype=np.float32)
    data: list[dict[str, Any]] = [
        dict(type="scatter", x=days, y=f32(series), mode="markers", marker=dict(size=0.45 * lk.marker, color=DATA),
             name=data_label, hovertemplate=f"{data_label} · {day_word} · %{{y:.1f}} °C<extra></extra>"),
        dict(type="scatter", x=days, y=f32(raw), mode="lines", line=dict(color=ORANGE, width=lk.line, dash="dash"),
             name=raw_label, hovertemplate=f"{raw_label} · {day_word} · %{{y:.2f}} °C<extra></extra>"),
        dict(type="scatter", x=days, y=f32(corrected), mode="lines", line=dict(color=BLUE, width=1.3 * lk.line),
             name=corrected_label, hovertemplate=f"{corrected_label} · {day_word} · %{{y:.2f}} °C<extra></extra>"),
    ]
    w = window
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision=f"ewa:{zoom}")
    layout["margin"].update(b=int(3 * lk.font))
    x_max = max(3.0 * w, 20.0) if zoom else float(len(series))
    low = float(min(np.min(series), np.min(raw), 0.0))
    high = float(np.max(series))
    layout.update(
        xaxis=dict(title=x_title, range=[0.5, min(x_max, len(series)) + 0.5], zeroline=False),
        yaxis=dict(title=y_title, range=[low - 1.0, high + 1.0]),
        shapes=[dict(type="rect", xref="x", yref="paper", x0=0.5, x1=0.5 + w, y0=0, y1=1, fillcolor=WINDOW_FILL,
                     line=dict(width=0), layer="below")],
        annotations=[dict(x=0.5 + w, y=1, xref="x", yref="paper", text=window_text.format(days=f"{w:.3g}"),
                          showarrow=False, xanchor="left", yanchor="top", xshift=4, font=dict(size=lk.small, color=BLUE))],
    )
    return kept.figure(data=data, layout=layout)


def weights_figure(
    w: Weights,
    *,
    x_title: str = "days back k",
    y_title: str = "weight (1−β)βᵏ",
    share_text: str = "last {days} days: {share} of the weight",
    projector: bool = False,
) -> go.Figure:
    """The weight of a value k steps back, (1−β)βᵏ, with the first 1/(1−β) of them shaded and their share written."""
    lk = look(projector)
    k, weights, n, share = w.k, w.weights, w.n, w.share
    inside = k < n
    data = [
        dict(type="bar", x=k[inside].astype(np.float32), y=f32(weights[inside]), marker=dict(color=BLUE),
             name="k < 1/(1−β)", hovertemplate="k = %{x} · %{y:.4g}<extra></extra>", showlegend=False),
        dict(type="bar", x=k[~inside].astype(np.float32), y=f32(weights[~inside]), marker=dict(color=GUIDE),
             name="k ≥ 1/(1−β)", hovertemplate="k = %{x} · %{y:.4g}<extra></extra>", showlegend=False),
    ]
    layout = base_layout(lk, height=PROJECTOR_WEIGHTS_HEIGHT if projector else WEIGHTS_HEIGHT, uirevision="ewa-weights")
    layout["margin"].update(b=int(3 * lk.font))
    layout.update(
        bargap=0.05 if k.size > 30 else 0.2,
        xaxis=dict(title=x_title, range=[-0.6, k[-1] + 0.6]),
        yaxis=dict(title=y_title, rangemode="tozero"),
        shapes=[dict(type="line", xref="x", yref="paper", x0=n - 0.5, x1=n - 0.5, y0=0, y1=1,
                     line=dict(color=VERMILLION, width=1.5, dash="dash"))],
        annotations=[dict(x=n - 0.5, y=1, xref="x", yref="paper", xanchor="left", yanchor="top", xshift=6, showarrow=False,
                          text=share_text.format(days=n, share=f"{100 * share:.0f}%"), font=dict(size=lk.font, color=VERMILLION))],
    )
    return kept.figure(data=data, layout=layout)
