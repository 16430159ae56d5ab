"""The picture that explains AdaGrad, RMSProp and Adam: each coordinate's own step size and the moment behind it."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import plotly.graph_objects as go

from . import kept
from .inspect_step import guide_lines
from .look import Look, base_layout, look
from .text import words as figure_words
from .paths import Path, f32

COORDS = (("x", "solid"), ("y", "dash"))  # coordinate, line dash
HEIGHT = 520
PROJECTOR_HEIGHT = 700
STEP_DOMAIN = (0.45, 1.0)  # the effective step size panel (paper y)
MOMENT_DOMAIN = (0.0, 0.33)  # the second-moment panel
MOMENT_LINE = 0.75  # its lines, relative to a path's line width


def inspector_figure(
    paths: Sequence[Path], *, step: int | None = None, projector: bool = False, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Effective per-coordinate step η_t / (√v_t + ε) vs step (log y), and below it the second moment v_t."""
    words = figure_words(text)
    lk = look(projector)
    adaptive = [p for p in paths if "effective_lr" in p.traj.state]
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="inspector")
    layout.update(_axes(lk, words))
    if not adaptive:
        layout["annotations"] = [dict(text=words["no_adaptive"], xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False)]
        for key in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
            layout[key]["visible"] = False
        return kept.figure(layout=layout)
    data = []
    for p in adaptive:
        data += _lines(p, "effective_lr", "", lk.line, legend=True, step_word=words["step"])
        if "second_moment" in p.traj.state:
            data += _lines(p, "second_moment", "2", MOMENT_LINE * lk.line, legend=False, step_word=words["step"])
    if step is not None:
        layout["shapes"] = guide_lines(step, ["", "2"])
    return kept.figure(data=data, layout=layout)


def _lines(p: Path, key: str, axis: str, width: float, *, legend: bool, step_word: str = "step") -> list[dict[str, Any]]:
    """One path's state ``key`` per coordinate: x solid, y dashed, in the path's colour."""
    values = p.traj.state[key][: p.traj.last]
    return [
        dict(
            type="scatter",
            y=f32(values[:, i]),
            x0=0,
            dx=1,
            mode="lines",
            line=dict(color=p.color, width=width, dash=dash),
            name=f"{p.label} · {c}",
            legendgroup=p.label,
            showlegend=legend,
            hovertemplate=f"{p.label} · {c} · {step_word} %{{x}} · %{{y:.3g}}<extra></extra>",
            xaxis=f"x{axis}",
            yaxis=f"y{axis}",
        )
        for i, (c, dash) in enumerate(COORDS)
    ]


def _axes(lk: Look, words: dict[str, str]) -> dict[str, Any]:
    small = dict(size=lk.small)

    def log_y(domain: tuple[float, float], title: str, anchor: str) -> dict[str, Any]:
        title_ = dict(text=title, font=small)
        return dict(domain=list(domain), anchor=anchor, type="log", exponentformat="power", title=title_)

    return dict(
        xaxis=dict(domain=[0, 1], anchor="y", matches="x2", showticklabels=False),
        yaxis=log_y(STEP_DOMAIN, words["effective_lr"], "x"),
        xaxis2=dict(domain=[0, 1], anchor="y2", title=dict(text=words["step"], font=small)),
        yaxis2=log_y(MOMENT_DOMAIN, words["second_moment"], "x2"),
    )

