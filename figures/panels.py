"""The four small panels sharing one step axis: loss, gradient norm, learning rate, distance to a minimum."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .look import Look
from .paths import Path, distance_to_minima, grad_norm, has_f_min, learning_rate, loss_gap

Span = tuple[float, float]
Series = list[list[np.ndarray | None]]  # series[i][j]: panel i, path j
PANEL_LINE = 0.75  # panel lines are this fraction of a path's line width
LOG_LR_SPREAD = 10.0  # learning rates that differ by this factor or more get a log axis
TICKS_PER_PANEL = 3  # about this many labelled decades on a log axis


@dataclass(frozen=True)
class Panel:
    """One small panel: its axes suffix ("2" means xaxis2 / yaxis2), title, scale and series."""

    axis: str
    title: str
    log: bool
    quantity: str  # the hover's name for y
    series: Callable[[Path], np.ndarray] | None  # None: nothing to draw (no known minimum)


def panels(paths: Sequence[Path], minima: Sequence[tuple[float, float]], words: dict[str, str]) -> list[Panel]:
    """The four panels for these paths on a surface with these minima, titled in ``words``."""
    if all(has_f_min(p.traj) for p in paths):
        loss = Panel("2", words["loss_gap_log"], True, "f − f_min", lambda p: loss_gap(p.traj))
    else:  # no known minimum: the raw loss, which may be negative, on a linear axis
        loss = Panel("2", words["loss"], False, "f", lambda p: loss_gap(p.traj))
    lr_log = _spread(paths) >= LOG_LR_SPREAD
    lr = Panel("4", words["lr"] + (" " + words["log"] if lr_log else ""), lr_log, "η", lambda p: learning_rate(p.traj))
    if minima:
        dist = Panel("5", words["distance_log"], True, words["distance"], lambda p: distance_to_minima(p.traj, minima))
    else:
        dist = Panel("5", words["distance"], True, words["distance"], None)
    return [loss, Panel("3", words["grad_log"], True, "‖∇f‖", lambda p: grad_norm(p.traj)), lr, dist]


def _spread(paths: Sequence[Path]) -> float:
    """Largest over smallest learning rate of all runs (1 when any is not positive)."""
    lrs = np.concatenate([p.traj.lr[np.isfinite(p.traj.lr)] for p in paths] or [np.ones(1)])
    if lrs.size == 0 or lrs.min() <= 0:
        return 1.0
    return float(lrs.max() / lrs.min())


def series(paths: Sequence[Path], specs: Sequence[Panel]) -> Series:
    """Each panel's float32 series for each path (None when the panel draws nothing)."""
    return [[None if s.series is None else s.series(p) for p in paths] for s in specs]


def line_traces(paths: Sequence[Path], specs: Sequence[Panel], data: Series, lk: Look, step: str = "step") -> list[dict[str, Any]]:
    """Each path's line in each panel; the step axis is implicit (x0 = 0, dx = 1), which halves the data sent.
    ``step``: the hover's word for a step, in the page's language."""
    out = []
    for spec, ys in zip(specs, data):
        for p, y in zip(paths, ys):
            if y is None:
                continue
            out.append(
                dict(
                    type="scatter",
                    y=y,
                    x0=0,
                    dx=1,
                    mode="lines",
                    line=dict(color=p.color, width=PANEL_LINE * lk.line, dash=p.dash),
                    name=p.label,
                    legendgroup=p.label,
                    showlegend=False,
                    hovertemplate=f"{p.label} · {step} %{{x}} · {spec.quantity} = %{{y:.4g}}<extra></extra>",
                    xaxis=f"x{spec.axis}",
                    yaxis=f"y{spec.axis}",
                )
            )
    return out


def _log_dtick(ys: list[np.ndarray | None]) -> int | None:
    """Label every n-th decade so a small panel gets about `TICKS_PER_PANEL` labels (None: let plotly choose)."""
    finite = [y[np.isfinite(y) & (y > 0)] for y in ys if y is not None]
    values = np.concatenate(finite) if finite else np.empty(0)
    if values.size == 0:
        return None
    decades = math.log10(float(values.max())) - math.log10(float(values.min()))
    return max(1, math.ceil(decades / TICKS_PER_PANEL)) if decades >= 1 else None


def axes_layout(
    specs: Sequence[Panel],
    data: Series,
    domains: Sequence[tuple[Span, Span]],
    *,
    steps: int,
    bottom: Sequence[bool],
    lk: Look,
    step_title: str = "step",
) -> dict[str, Any]:
    """Layout for the panels' axes: one shared, fixed step range; a log y where the panel asks for it."""
    out: dict[str, Any] = {}
    small = dict(size=lk.small)
    first = specs[0].axis
    for spec, ys, (xd, yd), is_bottom in zip(specs, data, domains, bottom):
        out[f"xaxis{spec.axis}"] = dict(
            domain=list(xd),
            anchor=f"y{spec.axis}",
            range=[0, max(steps, 1)],
            autorange=False,
            **({} if spec.axis == first else {"matches": f"x{first}"}),  # zoom one, zoom all
            title=dict(text=step_title if is_bottom else "", font=small, standoff=2),
            tickfont=small,
            nticks=4,
        )
        dtick = _log_dtick(ys) if spec.log else None
        empty = spec.series is None
        out[f"yaxis{spec.axis}"] = dict(
            domain=list(yd),
            anchor=f"x{spec.axis}",
            type="log" if spec.log else "linear",
            tickfont=small,
            nticks=4,
            exponentformat="power",
            showticklabels=not empty,
            showgrid=not empty,
            **({"dtick": dtick} if dtick else {}),
        )
    return out


def titles(specs: Sequence[Panel], lk: Look) -> list[dict[str, Any]]:
    """Each panel's title, written level above its top-left corner (rotated axis titles crowd small panels)."""
    return [
        dict(
            text=s.title,
            xref=f"x{s.axis} domain",
            yref=f"y{s.axis} domain",
            x=0.0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=lk.small),
        )
        for s in specs
    ]


def missing_annotations(specs: Sequence[Panel], words: dict[str, str]) -> list[dict[str, Any]]:
    """A note in each panel that has nothing to draw."""
    return [
        dict(
            text=words["no_minimum"],
            xref=f"x{s.axis} domain",
            yref=f"y{s.axis} domain",
            x=0.5,
            y=0.5,
            showarrow=False,
            font=dict(color="#666666"),
        )
        for s in specs
        if s.series is None
    ]
