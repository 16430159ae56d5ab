"""Colour-blind-safe path colours (Okabe–Ito) and a quiet contour colourscale that leaves room for them."""

from __future__ import annotations

import plotly.colors

# Okabe & Ito (2008), "Color Universal Design"; their yellow (#F0E442) is left out: it vanishes on white.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PINK = "#CC79A7"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
BLACK = "#000000"

PATH_COLORS: tuple[str, ...] = (BLUE, ORANGE, GREEN, PINK, VERMILLION, SKY, BLACK)

# Light grey-blue, low loss darker: valleys read as deep, and saturated path colours stay on top.
# Every stop is light enough for black text and thin coloured lines on a washed-out projector.
CONTOUR_SCALE: tuple[tuple[float, str], ...] = (
    (0.0, "#8aa1ba"),
    (0.15, "#a5b8cb"),
    (0.35, "#c3d0dd"),
    (0.6, "#dde5ec"),
    (1.0, "#f7f9fb"),
)
CONTOUR_LINE = "rgba(35, 50, 70, 0.30)"

# Maps of a measured quantity (the momentum lesson's rate, the sweep lab's loss): perceptually uniform Viridis,
# spelt out stop by stop as plotly's validation would expand its name (kept figures skip validation: `figures.kept`).
VIRIDIS: tuple[tuple[float, str], ...] = tuple(tuple(stop) for stop in plotly.colors.get_colorscale("Viridis"))

# Markers that are not paths.
WHITE = "#ffffff"
CASING = "rgba(255, 255, 255, 0.85)"  # the halo under each path line
START_FILL = WHITE
START_EDGE = BLACK
MINIMUM_FILL = BLACK
MINIMUM_EDGE = WHITE
SADDLE = "#3d3d3d"
DIVERGED = "#D00000"  # a plain red, apart from the vermillion path colour
GUIDE = "rgba(60, 60, 60, 0.55)"  # the inspect-step line in the small panels


def color(i: int) -> str:
    """The ``i``-th path colour (cycling after seven)."""
    return PATH_COLORS[i % len(PATH_COLORS)]
