"""Sizes for two audiences (a laptop screen, a projector at the back of a room) and the layout all figures share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TEMPLATE = "plotly_white"
DEFAULT_HEIGHT = 720
PROJECTOR_HEIGHT = 860


@dataclass(frozen=True)
class Look:
    """Font, line and marker sizes, in pixels."""

    font: float  # base font
    small: float  # ticks, panel titles, hover
    line: float  # a path's line width
    marker: float  # the moving position marker
    arrow: float  # an inspect arrow's line width
    height: int  # the playground's default height


SCREEN = Look(font=13, small=11, line=2.0, marker=11, arrow=2.0, height=DEFAULT_HEIGHT)
PROJECTOR = Look(font=20, small=16, line=4.0, marker=17, arrow=3.5, height=PROJECTOR_HEIGHT)


def look(projector: bool) -> Look:
    """The sizes for a projector or a screen."""
    return PROJECTOR if projector else SCREEN


def base_layout(lk: Look, *, height: int | None = None, uirevision: str = "figure") -> dict[str, Any]:
    """Template, fonts, tight margins, a horizontal legend on top, and a ``uirevision`` so zoom survives a rerun."""
    return dict(
        template=TEMPLATE,
        height=height,
        font=dict(size=lk.font),
        margin=dict(l=10, r=10, t=int(3 * lk.font), b=10),
        legend=dict(
            orientation="h",
            x=0.0,
            xanchor="left",
            y=1.01,
            yanchor="bottom",
            bgcolor="rgba(0,0,0,0)",  # the contour's top tick label shows through
            font=dict(size=lk.font),
        ),
        hoverlabel=dict(font=dict(size=lk.small)),
        hovermode="closest",
        uirevision=uirevision,
    )
