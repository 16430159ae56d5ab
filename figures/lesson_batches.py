r"""Figures of the batch lesson: how an epoch is cut into mini-batches, how the gradient's noise shrinks with B,
and what that noise costs per step.

The computations (the epoch's batch sizes, the 1/√B law and its finite-population
form, the cost model) live in `lessons.batches`; this module only draws them.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.batches import batch_sizes_of_epoch, finite_population_spread, one_over_sqrt_b

from . import kept
from .colors import BLUE, DIVERGED, GUIDE, ORANGE, SKY, VERMILLION
from .look import base_layout, look
from .paths import f32

DROPPED = "#c8c8c8"
USUAL_FILL = "rgba(0, 114, 178, 0.10)"  # the 64–512 band
STRIP_HEIGHT, PROJECTOR_STRIP_HEIGHT = 170, 230
SPREAD_HEIGHT, PROJECTOR_SPREAD_HEIGHT = 420, 560


def epoch_figure(
    n: int,
    b: int,
    drop_last: bool,
    *,
    x_title: str = "position in the epoch's shuffled order",
    batch_text: str = "batch {k}: {size} samples",
    dropped_text: str = "dropped: {size} samples",
    projector: bool = False,
) -> go.Figure:
    """One epoch as a strip of N samples: batches in alternating blues, a short last batch orange, dropped ones grey."""
    lk = look(projector)
    sizes, dropped = batch_sizes_of_epoch(n, b, drop_last)
    code = np.empty(n, dtype=np.float32)
    hover = np.empty(n, dtype=object)
    start = 0
    for k, size in enumerate(sizes):
        short = size < min(b, n)
        code[start : start + size] = 2 if short else k % 2
        hover[start : start + size] = batch_text.format(k=k + 1, size=size)
        start += size
    code[start:] = 3
    hover[start:] = dropped_text.format(size=dropped)
    colors = (BLUE, SKY, ORANGE, DROPPED)
    scale = [[i / 4 + e / 4, c] for i, c in enumerate(colors) for e in (0.0, 1.0)]
    trace = dict(
        type="heatmap",
        z=[code],
        x0=0.5,
        dx=1.0,
        y=[0],
        zmin=-0.5,
        zmax=3.5,
        colorscale=scale,
        showscale=False,
        text=[hover.tolist()],
        hovertemplate="%{x:.0f} · %{text}<extra></extra>",
    )
    layout = base_layout(lk, height=PROJECTOR_STRIP_HEIGHT if projector else STRIP_HEIGHT, uirevision="epoch-strip")
    layout["margin"].update(t=10, b=int(3.5 * lk.font))
    layout.update(
        xaxis=dict(title=x_title, range=[0, n], showgrid=False, zeroline=False),
        yaxis=dict(visible=False, range=[-0.5, 0.5], fixedrange=True),
    )
    # borders between batches, when there are few enough to see
    if len(sizes) <= 100:
        edges = np.cumsum(sizes)[:-1] if not dropped else np.cumsum(sizes)
        layout["shapes"] = [
            dict(type="line", x0=float(e), x1=float(e), y0=-0.5, y1=0.5, xref="x", yref="y", line=dict(color="white", width=2))
            for e in edges
        ]
    return kept.figure(data=[trace], layout=layout)


def spread_figure(
    batch_sizes: Sequence[int],
    measured: Sequence[float],
    sigma: float,
    n: int,
    *,
    chosen: int | None = None,
    measured_label: str = "measured (300 steps, η = 0)",
    law_label: str = "σ/√B",
    finite_label: str = "σ/√B · √((N−B)/(N−1))",
    x_title: str = "batch size B",
    y_title: str = "spread of the mini-batch gradient",
    projector: bool = False,
) -> go.Figure:
    """The measured spread against B on log-log axes, with the 1/√B law and its finite-population form."""
    lk = look(projector)
    bs = np.asarray(batch_sizes, dtype=np.float64)
    grid = np.unique(np.concatenate([np.geomspace(1, n, 200), bs]))
    grid = grid[grid < n]  # the finite form is 0 at B = N: off a log axis
    data: list[dict[str, Any]] = [
        dict(
            type="scatter",
            x=f32(grid),
            y=f32(one_over_sqrt_b(sigma, grid)),
            mode="lines",
            line=dict(color=GUIDE, width=lk.line, dash="dash"),
            name=law_label,
            hovertemplate=f"{law_label} · B = %{{x:.0f}} · %{{y:.3g}}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=f32(grid),
            y=f32(finite_population_spread(sigma, n, grid)),
            mode="lines",
            line=dict(color=BLUE, width=lk.line),
            name=finite_label,
            hovertemplate=f"{finite_label} · B = %{{x:.0f}} · %{{y:.3g}}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=f32(bs),
            y=f32(measured),
            mode="markers",
            marker=dict(size=lk.marker, color=VERMILLION, line=dict(color="white", width=1)),
            name=measured_label,
            hovertemplate=f"{measured_label} · B = %{{x:.0f}} · %{{y:.3g}}<extra></extra>",
        ),
    ]
    if chosen is not None and chosen in list(batch_sizes):
        i = list(batch_sizes).index(chosen)
        data.append(
            dict(
                type="scatter",
                x=[float(chosen)],
                y=[float(measured[i])],
                mode="markers",
                marker=dict(size=2 * lk.marker, color="rgba(0,0,0,0)", line=dict(color=DIVERGED, width=2)),
                name=f"B = {chosen}",
                hoverinfo="skip",
                showlegend=False,
            )
        )
    ticks = _ticks_125(min(np.min(measured), float(finite_population_spread(sigma, n, grid[-1]))), sigma)
    layout = base_layout(lk, height=PROJECTOR_SPREAD_HEIGHT if projector else SPREAD_HEIGHT, uirevision="spread")
    layout["margin"].update(b=int(3 * lk.font))
    layout.update(
        xaxis=dict(title=x_title, type="log", tickvals=[float(b) for b in bs], ticktext=[str(int(b)) for b in bs],
                   minor=dict(showgrid=False)),
        yaxis=dict(title=y_title, type="log", tickvals=ticks, ticktext=[f"{v:g}" for v in ticks]),
    )
    return kept.figure(data=data, layout=layout)


def cost_noise_figure(
    batch_sizes: Sequence[int],
    measured: Sequence[float],
    costs: Sequence[float],
    sigma: float,
    n: int,
    *,
    usual: tuple[int, int] = (64, 512),
    odd: tuple[int, float, float] | None = None,
    full_cost: float | None = None,
    measured_label: str = "measured noise",
    law_label: str = "σ/√B · √((N−B)/(N−1))",
    usual_label: str = "usual range: B = 64–512",
    odd_label: str = "B = {b}: not a power of two",
    full_label: str = "B = N = {n}: no noise",
    x_title: str = "cost of one step c(B) (vector passes)",
    y_title: str = "gradient noise",
    projector: bool = False,
) -> go.Figure:
    """Each batch size B as a point: its step's cost (the model) across, its measured gradient noise up, both log.

    The closed form σ/√B · √((N−B)/(N−1)) runs through the same costs; the band marks the usual sizes; ``odd`` =
    (B, cost, noise) adds a size that is not a power of two; ``full_cost`` marks the full batch (noise 0, off a log
    axis) as a vertical line.
    """
    lk = look(projector)
    bs = np.asarray(batch_sizes, dtype=np.float64)
    cost = np.asarray(costs, dtype=np.float64)
    noise = np.asarray(measured, dtype=np.float64)
    sizes = [str(int(b)) for b in bs]
    data: list[dict[str, Any]] = [
        dict(
            type="scatter",
            x=f32(cost),
            y=f32(finite_population_spread(sigma, n, bs)),
            mode="lines",
            line=dict(color=GUIDE, width=lk.line, dash="dash"),
            name=law_label,
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=f32(cost),
            y=f32(noise),
            mode="markers+text",
            text=[f"B={b}" for b in sizes],
            textposition="middle right",
            textfont=dict(size=lk.small),
            marker=dict(size=lk.marker, color=VERMILLION, line=dict(color="white", width=1)),
            name=measured_label,
            customdata=sizes,
            hovertemplate=f"B = %{{customdata}} · c(B) = %{{x:.3g}} · {measured_label} = %{{y:.3g}}<extra></extra>",
        ),
    ]
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    inside = (bs >= usual[0]) & (bs <= usual[1])
    if inside.any():
        lo, hi = float(cost[inside].min()), float(cost[inside].max())
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=lo / 1.08, x1=hi * 1.08, y0=0, y1=1,
                           fillcolor=USUAL_FILL, line=dict(width=0), layer="below"))
        annotations.append(dict(x=np.log10(np.sqrt(lo * hi)), y=1, xref="x", yref="paper", text=usual_label,
                                showarrow=False, yanchor="top", yshift=-2, font=dict(size=lk.small, color=BLUE)))
    if odd is not None:
        b, c, v = odd
        text = odd_label.format(b=b)
        data.append(dict(type="scatter", x=[float(c)], y=[float(v)], mode="markers+text", text=[f"B={b}"],
                         textposition="middle left", textfont=dict(size=lk.small, color=GUIDE),
                         marker=dict(size=lk.marker, color=DROPPED, symbol="diamond", line=dict(color=GUIDE, width=1)),
                         name=text, hovertemplate=f"{text} · c(B) = %{{x:.3g}} · %{{y:.3g}}<extra></extra>"))
    if full_cost is not None:
        text = full_label.format(n=n)
        shapes.append(dict(type="line", xref="x", yref="paper", x0=full_cost, x1=full_cost, y0=0, y1=1,
                           line=dict(color=DIVERGED, width=1.5, dash="dot")))
        annotations.append(dict(x=np.log10(full_cost), y=0, xref="x", yref="paper", text=text, showarrow=False,
                                xanchor="right", yanchor="bottom", xshift=-4, font=dict(size=lk.small, color=DIVERGED)))
    right = max(float(cost.max()), float(full_cost or 0.0)) * 1.6
    ticks = _ticks_125(float(noise.min()), float(noise.max()))
    layout = base_layout(lk, height=PROJECTOR_SPREAD_HEIGHT if projector else SPREAD_HEIGHT, uirevision="cost-noise")
    layout["margin"].update(b=int(3 * lk.font), t=int(2.5 * lk.font))
    layout.update(
        xaxis=dict(title=x_title, type="log", range=[np.log10(cost.min() / 1.3), np.log10(right)]),
        yaxis=dict(title=y_title, type="log", tickvals=ticks, ticktext=[f"{v:g}" for v in ticks]),
        shapes=shapes,
        annotations=annotations,
    )
    return kept.figure(data=data, layout=layout)


def _ticks_125(low: float, high: float) -> list[float]:
    """1, 2, 5 times powers of ten from below ``low`` to above ``high``: labels a log axis can hold."""
    first, last = int(np.floor(np.log10(max(low, 1e-12)))), int(np.ceil(np.log10(max(high, 1e-12))))
    return [float(f"{m * 10.0**k:.12g}") for k in range(first, last + 1) for m in (1, 2, 5)]
