"""The sweep lab's heat map: a metric over a grid of two hyperparameters, diverged cells apart, clickable cells.

An axis's grid comes from `lessons.sweep.axis_values` (values rounded to 6
significant digits, the precision a Playground link carries, so a clicked cell's
link reproduces it exactly). `sweep_figure` draws a `optimizers.SweepResult`: the metric as a heat
map, a red layer where runs diverged, a grey one where they never reached the
tolerance, and an invisible scatter of cell centres on top that hovers each
cell's numbers and catches clicks (Streamlit reports clicked scatter points;
`clicked_point` reads its event, `lessons.sweep_map.nearest_cell` turns the point into a cell).
`search_figure` puts a grid search and a random search of the same budget on
the map, each with its values projected onto the axes' edges.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import kept
from .colors import DIVERGED, ORANGE, START_EDGE, VERMILLION, VIRIDIS, WHITE
from .look import base_layout, look
from .paths import LOG_FLOOR, f32

CLICK_TRACE_NAME = "sweep-cells"
HEIGHT = 620
PROJECTOR_HEIGHT = 760
METRICS = ("final_loss", "steps_to_tol")
NEVER_COLOR = "#bdbdbd"
HEAT_SCALE = VIRIDIS
SEARCH_HEIGHT, PROJECTOR_SEARCH_HEIGHT = 560, 700
MARK_SYMBOLS = {"best": "star", "polyak": "x"}  # the best cell, a theoretical optimum
WORDS = ("diverged", "never", "loss_log", "loss", "steps", "final", "selected")  # the map's ``labels``


def cell_edges(values: np.ndarray, log: bool) -> np.ndarray:
    """The n+1 borders of n cells centred on ``values`` (midpoints in log space on a log axis)."""
    v = np.log10(values) if log else np.asarray(values, dtype=np.float64)
    if v.size == 1:
        mids, first, last = np.array([]), v[0] - 0.5, v[0] + 0.5
    else:
        mids = (v[1:] + v[:-1]) / 2
        first, last = v[0] - (v[1] - v[0]) / 2, v[-1] + (v[-1] - v[-2]) / 2
    edges = np.concatenate([[first], mids, [last]])
    return 10.0**edges if log else edges


def clicked_point(event: Mapping[str, Any] | None, trace_index: int | None) -> tuple[float, float] | None:
    """The (x, y) of the last clicked point of the cell-catcher trace in a Streamlit plotly selection event."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    hits = [p for p in points if p.get("curve_number") == trace_index and "x" in p and "y" in p]
    return (float(hits[-1]["x"]), float(hits[-1]["y"])) if hits else None


def metric_values(result, metric: str, f_min) -> tuple[np.ndarray, bool]:
    """What the colour shows, shaped like ``result.final_loss``, and whether it is a log10.

    ``final_loss``: log10(f − f*) when the minimum f* is known (floored, so an exact zero has a place;
    ``f_min`` is a number or one per cell), log10(f) when every value is positive, f itself otherwise.
    ``steps_to_tol``: the step count.
    """
    if metric == "steps_to_tol":
        return np.asarray(result.steps_to_tol, dtype=np.float64), False
    loss = np.asarray(result.final_loss, dtype=np.float64)
    f_min = np.asarray(f_min, dtype=np.float64)
    if np.all(np.isfinite(f_min)):
        return np.log10(np.maximum(loss - f_min, 0.0) + LOG_FLOOR), True
    finite = loss[np.isfinite(loss)]
    if finite.size and np.all(finite > 0):
        return np.log10(loss), True
    return loss, False


def sweep_figure(
    result,
    *,
    metric: str = "final_loss",
    f_min: float | np.ndarray = math.nan,
    titles: Sequence[str] = ("", ""),
    logs: Sequence[bool] = (False, False),
    marks: Sequence[tuple[str, float, float, str]] = (),
    selected: tuple[int, int] | None = None,
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """The heat map of ``result`` (axis 0 across, axis 1 up), its diverged and never-reached layers, and the click-catcher.

    ``marks``: (label, x, y, kind) points to draw on top, kind "best" (the best cell) or "polyak" (a theoretical
    optimum), see `MARK_SYMBOLS`.
    ``labels``: the `WORDS` ``diverged``, ``never``, ``loss_log``, ``loss``, ``steps``, ``final``, ``selected``.
    """
    data, layout = _sweep_parts(result, metric=metric, f_min=f_min, titles=titles, logs=logs, marks=marks,
                                selected=selected, labels=labels, projector=projector)
    return kept.figure(data=data, layout=layout)


def _sweep_parts(result, *, metric, f_min, titles, logs, marks, selected, labels, projector) -> tuple[list, dict]:
    """`sweep_figure`'s traces and layout, plain, for a figure that adds its own (`search_figure`): a kept figure is
    shared by every session and never changed."""
    lk = look(projector)
    labels = {"diverged": "diverged", "never": "never within tolerance", "loss_log": "log10(f − f*)", "loss": "f",
              "steps": "steps to tolerance", "final": "final loss", "selected": "selected", **(labels or {})}
    vx, vy = (np.asarray(v, dtype=np.float64) for v in result.values)
    ex, ey = cell_edges(vx, logs[0]), cell_edges(vy, logs[1])
    z, is_log = metric_values(result, metric, f_min)
    diverged = np.isfinite(result.diverged_at)
    never = ~diverged & ~np.isfinite(result.steps_to_tol)
    bar_title = labels["steps"] if metric == "steps_to_tol" else labels["loss_log" if is_log else "loss"]
    # heat maps are indexed [row = y][column = x]: the result's [i = axis 0][j = axis 1], transposed
    data: list[dict] = [
        dict(type="heatmap", x=f32(ex), y=f32(ey), z=f32(np.where(np.isfinite(z), z, np.nan).T), colorscale=HEAT_SCALE,
             colorbar=dict(title=dict(text=bar_title, side="right"), thickness=14, tickfont=dict(size=lk.small)),
             hoverinfo="skip", name="metric", zsmooth=False)
    ]
    layers = [(diverged, DIVERGED, labels["diverged"])]
    if metric == "steps_to_tol":
        layers.append((never, NEVER_COLOR, labels["never"]))
    for mask, colour, word in layers:
        if np.any(mask):
            data.append(dict(type="heatmap", x=f32(ex), y=f32(ey), z=f32(np.where(mask, 1.0, np.nan).T),
                             colorscale=[[0, colour], [1, colour]], showscale=False, hoverinfo="skip", name=word))
            data.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=word,
                             marker=dict(symbol="square", size=lk.marker, color=colour)))
    data.append(_catcher(result, vx, vy, titles, labels, lk))
    for label, x, y, kind in marks:
        data.append(dict(type="scatter", x=[x], y=[y], mode="markers", name=label,
                         marker=dict(symbol=MARK_SYMBOLS[kind], size=1.4 * lk.marker, color=WHITE,
                                     line=dict(color=START_EDGE, width=1.5)),
                         hovertemplate=f"{label}: (%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
    if selected is not None:
        # a black frame with a white one inside it: visible on every colour of the scale
        i, j = selected
        for edge, width, legend in ((START_EDGE, 4.0, True), (WHITE, 1.5, False)):
            data.append(dict(type="scatter", x=[float(vx[i])], y=[float(vy[j])], mode="markers", name=labels["selected"],
                             marker=dict(symbol="square-open", size=1.8 * lk.marker, color=edge, line=dict(width=width)),
                             showlegend=legend, hoverinfo="skip"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="sweep")
    layout.update(
        xaxis=dict(title=titles[0], type="log" if logs[0] else "linear", range=_range(ex, logs[0]), showgrid=False,
                   exponentformat="power"),
        yaxis=dict(title=titles[1], type="log" if logs[1] else "linear", range=_range(ey, logs[1]), showgrid=False,
                   exponentformat="power"),
        clickmode="event+select",
    )
    layout["margin"].update(l=70, b=50)
    return data, layout


def search_figure(
    result,
    grid_points: np.ndarray,
    random_points: np.ndarray,
    *,
    best: tuple[int, int] | None = None,
    f_min: float | np.ndarray = math.nan,
    titles: Sequence[str] = ("", ""),
    logs: Sequence[bool] = (False, False),
    labels: Mapping[str, str] | None = None,
    projector: bool = False,
) -> go.Figure:
    """The final-loss map of ``result`` with a grid search's and a random search's points on it, and their values
    along each axis as ticks on the map's edges: the grid's on the top and right, the random search's on the bottom
    and left. ``best`` = (index in the grid's points, in the random points) rings each search's best run.

    ``labels``: the map's words (see `sweep_figure`) and ``grid``, ``random``, ``best``.
    """
    lk = look(projector)
    labels = {"grid": "grid search", "random": "random search", "best": "best run of each", **(labels or {})}
    data, layout = _sweep_parts(result, metric="final_loss", f_min=f_min, titles=titles, logs=logs, marks=(),
                                selected=None, labels=labels, projector=projector)
    vx, vy = (np.asarray(v, dtype=np.float64) for v in result.values)
    ex, ey = cell_edges(vx, logs[0]), cell_edges(vy, logs[1])
    # the ticks sit on the map's edges, a hair inside (a marker just outside an axis's range is not drawn)
    edges = {"bottom": _nudge(ey[0], ey[-1], logs[1]), "top": _nudge(ey[-1], ey[0], logs[1]),
             "left": _nudge(ex[0], ex[-1], logs[0]), "right": _nudge(ex[-1], ex[0], logs[0])}
    for pts, name, colour, symbol, (along_x, along_y) in (
        (grid_points, labels["grid"], ORANGE, "circle", ("top", "right")),
        (random_points, labels["random"], VERMILLION, "diamond", ("bottom", "left")),
    ):
        pts = np.asarray(pts, dtype=np.float64)
        common = dict(type="scatter", mode="markers", legendgroup=name, cliponaxis=False, hoverinfo="skip",
                      showlegend=False, name=name)
        data.append(dict(common, x=pts[:, 0], y=np.full(len(pts), edges[along_x]),
                         marker=dict(symbol="line-ns", size=1.6 * lk.marker, line=dict(color=colour, width=2))))
        data.append(dict(common, x=np.full(len(pts), edges[along_y]), y=pts[:, 1],
                         marker=dict(symbol="line-ew", size=1.6 * lk.marker, line=dict(color=colour, width=2))))
        data.append(dict(type="scatter", x=pts[:, 0], y=pts[:, 1], mode="markers", name=name, legendgroup=name,
                         marker=dict(symbol=symbol, size=lk.marker, color=colour, line=dict(color=WHITE, width=1.2)),
                         hovertemplate=f"{name}<br>{titles[0]} = %{{x:.4g}}<br>{titles[1]} = %{{y:.4g}}<extra></extra>"))
    if best is not None:
        ring = [grid_points[best[0]], random_points[best[1]]]
        data.append(dict(type="scatter", x=[float(p[0]) for p in ring], y=[float(p[1]) for p in ring], mode="markers",
                         name=labels["best"], hoverinfo="skip",
                         marker=dict(symbol="circle-open", size=2.2 * lk.marker, color=START_EDGE, line=dict(width=2.5))))
    layout.update(height=PROJECTOR_SEARCH_HEIGHT if projector else SEARCH_HEIGHT, uirevision="sweep-search",
                  clickmode="none")
    return kept.figure(data=data, layout=layout)


def _nudge(edge: float, other: float, log: bool, by: float = 0.005) -> float:
    """``edge`` moved ``by`` of the way towards ``other`` (in log space on a log axis)."""
    if log:
        return float(10 ** (math.log10(edge) + by * (math.log10(other) - math.log10(edge))))
    return float(edge + by * (other - edge))


def _range(edges: np.ndarray, log: bool) -> list[float]:
    lo, hi = float(edges[0]), float(edges[-1])
    return [math.log10(lo), math.log10(hi)] if log else [lo, hi]


def _catcher(result, vx, vy, titles, labels, lk) -> dict:
    """One invisible marker per cell centre, carrying the cell's final loss and steps to tolerance for hover and tests."""
    gx, gy = np.meshgrid(vx, vy, indexing="ij")  # [i][j], like the result
    custom = np.stack([result.final_loss.ravel(), result.steps_to_tol.ravel()], axis=1)
    invisible = dict(marker=dict(opacity=0))
    size = float(np.clip(560 / max(vx.size, vy.size), 4, 24))
    return dict(
        type="scatter",
        x=f32(gx.ravel()),  # a click hands back about 5 digits: `nearest_cell` finds the cell's exact values
        y=f32(gy.ravel()),
        customdata=f32(custom),
        mode="markers",
        marker=dict(size=size, symbol="square", color="rgba(0,0,0,0)"),
        selected=invisible,
        unselected=invisible,
        hovertemplate=(f"{titles[0]} = %{{x:.4g}}<br>{titles[1]} = %{{y:.4g}}<br>"
                       f"{labels['final']}: %{{customdata[0]:.4g}}<br>{labels['steps']}: %{{customdata[1]}}<extra></extra>"),
        showlegend=False,
        name=CLICK_TRACE_NAME,
    )
