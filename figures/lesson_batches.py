r"""Figures of the batch lesson: how an epoch is cut into mini-batches, and how the gradient's spread shrinks with B.

The spread of a mini-batch gradient: drawing B of the N per-sample gradients
without replacement, their mean scatters around the full gradient with

.. math::

    \sqrt{\mathbb E\,\lVert g_B - \nabla f\rVert^2}
    = \frac{\sigma}{\sqrt B}\sqrt{\frac{N-B}{N-1}},\qquad
    \sigma^2 = \frac1N\sum_i \lVert\nabla\ell_i - \nabla f\rVert^2,

the 1/√B law times the finite-population factor, which takes the spread to 0 at
B = N (the whole data set has no sampling noise left).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import plotly.graph_objects as go

from .colors import BLUE, DIVERGED, GUIDE, ORANGE, SKY, VERMILLION
from .look import base_layout, look
from .paths import f32

DROPPED = "#c8c8c8"
STRIP_HEIGHT, PROJECTOR_STRIP_HEIGHT = 170, 230
SPREAD_HEIGHT, PROJECTOR_SPREAD_HEIGHT = 420, 560


def one_over_sqrt_b(sigma: float, b) -> np.ndarray:
    """σ/√B: the spread of the mean of B independent draws."""
    return sigma / np.sqrt(np.asarray(b, dtype=np.float64))


def finite_population_spread(sigma: float, n: int, b) -> np.ndarray:
    """σ/√B · √((N−B)/(N−1)): the spread of the mean of B of N values drawn without replacement."""
    b = np.asarray(b, dtype=np.float64)
    # 1) the independent-draws law, 2) the finite-population correction
    return one_over_sqrt_b(sigma, b) * np.sqrt(np.clip((n - b) / (n - 1), 0.0, None))


def batch_sizes_of_epoch(n: int, b: int, drop_last: bool) -> tuple[list[int], int]:
    """The sizes of the batches one epoch makes, and how many samples it drops (the oracle's rule, in numbers)."""
    b = min(max(int(b), 1), n)
    full, rest = divmod(n, b)
    if rest == 0:
        return [b] * full, 0
    if drop_last:
        return [b] * full, rest
    return [b] * full + [rest], 0


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
    return go.Figure(data=[trace], layout=layout)


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
    return go.Figure(data=data, layout=layout)


def _ticks_125(low: float, high: float) -> list[float]:
    """1, 2, 5 times powers of ten from below ``low`` to above ``high``: labels a log axis can hold."""
    first, last = int(np.floor(np.log10(max(low, 1e-12)))), int(np.ceil(np.log10(max(high, 1e-12))))
    return [float(f"{m * 10.0**k:.12g}") for k in range(first, last + 1) for m in (1, 2, 5)]
