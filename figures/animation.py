"""The playground's built-in animation: which steps become frames; play, pause and speed buttons; a step slider."""

from __future__ import annotations

from typing import Any

import numpy as np

from .look import Look

LABEL = "#2a3f5f"  # plotly_white's text colour (the slider's tick labels are hidden, its current value is not)
FRAME_MS = 80  # one frame at 1× speed
SPEEDS: tuple[tuple[str, float], ...] = (("0.5×", 0.5), ("1×", 1.0), ("2×", 2.0), ("4×", 4.0))
SLIDER_GAP = 2.6  # space between the plot and the slider, in base font sizes (the x tick labels and title sit there)
BUTTONS_GAP = 6.4  # ... and between the plot and the row of buttons under the slider

# Every frame is a full redraw: the moving markers are WebGL traces (scattergl,
# scatter3d), which plotly never transitions, and a transition of SVG traces would
# drop the contour drawn under them (see `figures.movers`).
REDRAW = True


def frame_steps(steps: int, frames: int) -> np.ndarray:
    """At most ``frames`` evenly spaced steps from 0 to ``steps`` (every step when there are fewer)."""
    count = max(1, min(int(frames), steps + 1))
    return np.unique(np.linspace(0, steps, count).round().astype(int))


def frames(names: list[str], data: list[list[dict[str, Any]]], traces: list[int]) -> list[dict[str, Any]]:
    """One frame per step name, each touching only ``traces`` (the small moving markers)."""
    return [dict(name=n, data=d, traces=traces) for n, d in zip(names, data)]


def _animate(names: list[str | None] | None, *, ms: float, **extra: Any) -> list:
    return [
        names,
        dict(mode="immediate", frame=dict(duration=ms, redraw=REDRAW), transition=dict(duration=0), **extra),
    ]


def controls(names: list[str], *, active: int, lk: Look, x: tuple[float, float], words: dict[str, str]) -> dict[str, Any]:
    """``updatemenus`` (▶ Play, ❚❚ Pause, speeds) and a step slider, under the contour, spanning ``x`` (paper)."""
    play = dict(label=words["play"], method="animate", args=_animate(None, ms=FRAME_MS, fromcurrent=True))
    pause = dict(label=words["pause"], method="animate", args=_animate([None], ms=0))
    speeds = [
        dict(label=label, method="animate", args=_animate(None, ms=FRAME_MS / k, fromcurrent=True))
        for label, k in SPEEDS
    ]
    menu = dict(
        type="buttons",
        direction="left",
        showactive=False,
        buttons=[play, pause, *speeds],
        x=x[0],
        xanchor="left",
        y=0,
        yanchor="top",
        pad=dict(t=BUTTONS_GAP * lk.font, r=4),
        font=dict(size=lk.small),
    )
    slider = dict(
        active=active,
        steps=[dict(label=n, method="animate", args=_animate([n], ms=0)) for n in names],
        currentvalue=dict(prefix=words["step"] + ": ", font=dict(size=lk.small, color=LABEL), xanchor="right", offset=4),
        x=x[0],
        len=x[1] - x[0],
        y=0,
        yanchor="top",
        pad=dict(t=SLIDER_GAP * lk.font, b=0, l=0, r=0),
        ticklen=3,
        minorticklen=0,
        font=dict(size=1, color="rgba(0,0,0,0)"),  # a hundred tick labels would overlap: the current value says it
    )
    return dict(updatemenus=[menu], sliders=[slider])
