"""One step up close: −gradient and velocity arrows on the contour, rings at the positions, guides in the panels."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from .colors import GUIDE
from .look import Look
from .paths import Path, f32

ARROW_FRACTION = 0.15  # the longest arrow of a kind is this fraction of the domain's width
MIN_ARROW_FRACTION = 0.03  # shorter arrows are stretched to this, so a direction is always visible
HEAD_FRACTION = 0.25  # a dashed arrow is a dashed line plus a solid arrow over its last quarter
RING = 1.6  # the rings at the inspected positions, relative to the position marker
TEXTBOOK_FORMS = ("textbook",)  # momentum forms whose velocity is in position units (V = −η v): they move along +V


def _vectors(paths: Sequence[Path], step: int) -> tuple[list[np.ndarray | None], list[np.ndarray | None]]:
    """Per path, the direction of steepest descent −∇f and the direction of the velocity's pull, at ``step``."""
    down, pull = [], []
    for p in paths:
        t = p.traj
        ok = step < t.steps and bool(np.all(np.isfinite(t.grad[step])))
        down.append(-t.grad[step].astype(np.float64) if ok else None)
        v = t.state.get("velocity") if ok else None
        if v is None or not np.all(np.isfinite(v[step])):
            pull.append(None)
            continue
        # our velocity is in gradient units (heavy ball, Nesterov, Adam's m̂): the rule moves along −v
        sign = 1.0 if t.hyperparams.get("form") in TEXTBOOK_FORMS else -1.0
        pull.append(sign * v[step].astype(np.float64))
    return down, pull


def _scaled(vectors: list[np.ndarray | None], width: float) -> list[np.ndarray | None]:
    """Scale all vectors of one kind together: the longest becomes ``ARROW_FRACTION`` of the width."""
    norms = [float(np.hypot(*v)) for v in vectors if v is not None]
    longest = max(norms, default=0.0)
    if longest == 0.0 or not math.isfinite(longest):
        return [None] * len(vectors)
    out = []
    for v in vectors:
        n = 0.0 if v is None else float(np.hypot(*v))
        if v is None or n == 0.0:
            out.append(None)
            continue
        length = max(ARROW_FRACTION * width * n / longest, MIN_ARROW_FRACTION * width)
        out.append(v / n * length)
    return out


def _arrow(tail: np.ndarray, d: np.ndarray, color: str, lk: Look, text: str) -> dict[str, Any]:
    """An annotation arrow from ``tail`` along ``d`` in the contour's data coordinates."""
    return dict(
        x=float(tail[0] + d[0]),
        y=float(tail[1] + d[1]),
        ax=float(tail[0]),
        ay=float(tail[1]),
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        text="",
        hovertext=text,
        showarrow=True,
        arrowhead=2,
        arrowsize=1.0,
        arrowwidth=lk.arrow,
        arrowcolor=color,
        standoff=0,
        startstandoff=0,
    )


def _dashed_line(tail: np.ndarray, d: np.ndarray, color: str, lk: Look) -> dict[str, Any]:
    return dict(
        type="line",
        xref="x",
        yref="y",
        x0=float(tail[0]),
        y0=float(tail[1]),
        x1=float(tail[0] + d[0]),
        y1=float(tail[1] + d[1]),
        line=dict(color=color, width=lk.arrow, dash="dash"),
        layer="above",
    )


def _fmt(v: np.ndarray) -> str:
    return f"({v[0]:.3g}, {v[1]:.3g})"


def arrows(
    paths: Sequence[Path], step: int, width: float, lk: Look, words: dict[str, str]
) -> tuple[list[dict], list[dict], list[str]]:
    """Annotations and shapes for the arrows at ``step``, and a hover line per path describing them.

    Each path gets a solid arrow along −∇f; a path whose rule keeps a velocity also
    gets a dashed arrow along the way the velocity pulls. The two kinds are scaled
    separately (a velocity is a sum of many gradients, so it is much longer).
    """
    down, pull = _vectors(paths, step)
    down_d, pull_d = _scaled(down, width), _scaled(pull, width)
    annotations, shapes, hover = [], [], []
    for p, g, gd, v, vd in zip(paths, down, down_d, pull, pull_d):
        lines = [f"{p.label} · {words['step']} {step}"]
        if step > p.traj.steps:  # a shorter run: nothing at this step
            hover.append(f"{lines[0]} ({words['finished']})")
            continue
        tail = p.traj.xy[step].astype(np.float64)
        if gd is not None:
            annotations.append(_arrow(tail, gd, p.color, lk, f"{p.label}: {words['neg_grad']} = {_fmt(g)}"))
            lines.append(f"{words['neg_grad']} = {_fmt(g)} ({words['solid']})")
        if vd is not None:
            head_tail = tail + (1.0 - HEAD_FRACTION) * vd
            text = f"{p.label}: {words['velocity']} = {_fmt(v)}"
            annotations.append(_arrow(head_tail, HEAD_FRACTION * vd, p.color, lk, text))
            shapes.append(_dashed_line(tail, (1.0 - HEAD_FRACTION) * vd, p.color, lk))
            lines.append(f"{words['velocity']} = {_fmt(v)} ({words['dashed']})")
        hover.append("<br>".join(lines))
    return annotations, shapes, hover


def positions_trace(paths: Sequence[Path], step: int, hover: list[str], lk: Look) -> dict[str, Any]:
    """Rings at each path's position at ``step``; their hover explains the arrows."""
    # a shorter run is shown where it ended
    xy = np.array([p.traj.xy[min(step, p.traj.steps)] for p in paths], dtype=np.float64).reshape(-1, 2)
    return dict(
        type="scatter",
        x=f32(xy[:, 0]),
        y=f32(xy[:, 1]),
        mode="markers",
        marker=dict(
            symbol="circle-open", size=RING * lk.marker, color=[p.color for p in paths], line=dict(width=lk.arrow)
        ),
        hovertext=hover,
        hoverinfo="text",
        showlegend=False,
        name=f"step {step}",
        xaxis="x",
        yaxis="y",
    )


def guide_lines(step: int, axes: Sequence[str]) -> list[dict[str, Any]]:
    """A dotted vertical line at ``step`` in each small panel (``axes`` are their suffixes, e.g. "2")."""
    return [
        dict(
            type="line",
            xref=f"x{a}",
            yref=f"y{a} domain",
            x0=step,
            x1=step,
            y0=0,
            y1=1,
            line=dict(color=GUIDE, width=1.5, dash="dot"),
        )
        for a in axes
    ]
