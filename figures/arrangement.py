"""Where the playground's parts sit, in paper coordinates; vertical gaps are sized by the fonts."""

from __future__ import annotations

from dataclasses import dataclass

from .look import Look

Span = tuple[float, float]

CONTOUR_X_3D, CONTOUR_X_2D = (0.0, 0.55), (0.0, 0.58)
SCENE = ((0.62, 1.0), (0.5, 1.0))  # the 3-D view: right column, top half
PANEL_COLUMNS_3D = ((0.67, 0.815), (0.87, 1.0))  # the 2 × 2 panels under the 3-D view
PANEL_COLUMN_2D = (0.7, 1.0)  # the 4 stacked panels without it
COLORBAR_GAP = 0.005  # between the contour's slot and its colourbar
PANEL_GAP = 3.2  # between two panels, in small-font sizes: the upper one's step ticks and the lower one's title
PANEL_TITLE = 1.5  # above a panel, in small-font sizes
TOP_MARGIN = 3.0  # the legend, in base font sizes
BOTTOM_MARGIN = 8.5  # the slider and the buttons under the contour, in base font sizes
BOTTOM_MARGIN_BARE = 3.2  # only the x tick labels and title (the page's own controls sit under the chart)


@dataclass(frozen=True)
class Arrangement:
    """Where each part sits."""

    contour_x: Span
    colorbar_x: float
    scene: tuple[Span, Span] | None
    panels: tuple[tuple[Span, Span], ...]  # (x, y) domains: loss, gradient, learning rate, distance
    bottom: tuple[bool, ...]  # which panels show the "step" axis title
    margin_top: int  # px
    margin_bottom: int  # px


def arrangement(show_3d: bool, lk: Look, height: int, controls_below: bool = False) -> Arrangement:
    """Contour on the left; on the right the 3-D view over a 2 × 2 of panels, or without it 4 stacked panels.

    ``controls_below``: the animation's controls are not plotly's, so the bottom margin holds only the x axis."""
    top, bottom = int(TOP_MARGIN * lk.font), int((BOTTOM_MARGIN_BARE if controls_below else BOTTOM_MARGIN) * lk.font)
    plot_px = height - top - bottom
    gap, title = PANEL_GAP * lk.small / plot_px, PANEL_TITLE * lk.small / plot_px
    if show_3d:
        low, high = _rows(0.0, SCENE[1][0] - title, 2, gap)
        left, right = PANEL_COLUMNS_3D
        return Arrangement(
            contour_x=CONTOUR_X_3D,
            colorbar_x=CONTOUR_X_3D[1] + COLORBAR_GAP,
            scene=SCENE,
            panels=((left, high), (right, high), (left, low), (right, low)),
            bottom=(False, False, True, True),
            margin_top=top,
            margin_bottom=bottom,
        )
    rows = _rows(0.0, 1.0 - title, 4, gap)
    return Arrangement(
        contour_x=CONTOUR_X_2D,
        colorbar_x=CONTOUR_X_2D[1] + COLORBAR_GAP,
        scene=None,
        panels=tuple((PANEL_COLUMN_2D, r) for r in reversed(rows)),
        bottom=(False, False, False, True),
        margin_top=top,
        margin_bottom=bottom,
    )


def _rows(low: float, high: float, n: int, gap: float) -> list[Span]:
    """``n`` equal spans from ``low`` up to ``high`` with ``gap`` between them, bottom first."""
    size = (high - low - (n - 1) * gap) / n
    return [(low + i * (size + gap), low + i * (size + gap) + size) for i in range(n)]
