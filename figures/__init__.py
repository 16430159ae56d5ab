"""Figure builders: pure functions from surfaces and trajectories to plotly figures (no Streamlit in here)."""

from .colors import CONTOUR_SCALE, PATH_COLORS, color
from .curves import loss_curves_figure, lr_schedule_figure
from .inspector import inspector_figure
from .paths import Path
from .playground import CLICK_TRACE_NAME, click_trace_index, playground_figure

__all__ = [
    "CLICK_TRACE_NAME",
    "CONTOUR_SCALE",
    "PATH_COLORS",
    "Path",
    "click_trace_index",
    "color",
    "inspector_figure",
    "loss_curves_figure",
    "lr_schedule_figure",
    "playground_figure",
]
