"""Lesson 3, momentum: paths on the ill-conditioned valley, Nesterov's look-ahead as one step, the three
textbook forms of momentum overlapping, and the convergence-rate map over (η, β) with Polyak's optimum.

Also the small contour-with-paths figure the other optimizer lessons reuse (`paths_figure`).
Pure functions: trajectories and the lesson's numbers (`lessons.momentum`) in, ``go.Figure`` out; nothing here
runs an optimizer or computes the lesson's theory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import heights as hts, kept
from .colors import BLACK, GUIDE, MINIMUM_EDGE, MINIMUM_FILL, START_EDGE, START_FILL, VIRIDIS, WHITE, color
from .look import Look, base_layout, look
from .paths import LOG_FLOOR, Path, f32, run_traces

if TYPE_CHECKING:
    from landscapes.base import Surface
    from lessons.momentum import LookAhead

Box = tuple[tuple[float, float], tuple[float, float]]
HEIGHT = 520
PROJECTOR_HEIGHT = 700
MARKERS = 0.45  # a dot at every step of a path, relative to the position marker (when the page asks for them)


# ----------------------------------------------------------------------------
# a contour with paths (shared by the optimizer lessons)


def landmarks(surface: Surface, start, lk: Look, *, xaxis: str = "x", yaxis: str = "y",
              words: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The start (white circle) and the minima (black stars); ``words``: ``start`` and ``minimum`` for the hovers."""
    w = {"start": "start", "minimum": "minimum", **(words or {})}
    out = [dict(type="scatter", x=[float(start[0])], y=[float(start[1])], mode="markers", name="start",
                marker=dict(symbol="circle", size=lk.marker, color=START_FILL, line=dict(color=START_EDGE, width=1.5)),
                hovertemplate=w["start"] + " (%{x:.3g}, %{y:.3g})<extra></extra>", showlegend=False, xaxis=xaxis,
                yaxis=yaxis)]
    if surface.minima:
        m = np.asarray(surface.minima, dtype=np.float64).reshape(-1, 2)
        out.append(dict(type="scatter", x=m[:, 0].tolist(), y=m[:, 1].tolist(), mode="markers", name="minimum",
                        marker=dict(symbol="star", size=1.3 * lk.marker, color=MINIMUM_FILL,
                                    line=dict(color=MINIMUM_EDGE, width=1)),
                        hovertemplate=w["minimum"] + " (%{x:.3g}, %{y:.3g})<extra></extra>", showlegend=False,
                        xaxis=xaxis, yaxis=yaxis))
    return out


def contour_axes(domain: Box, *, anchor: str = "y", x_domain=(0.0, 1.0)) -> tuple[dict[str, Any], dict[str, Any]]:
    """x and y axes fixed to ``domain`` with equal scales."""
    (x0, x1), (y0, y1) = domain
    fixed = dict(autorange=False, showgrid=False, zeroline=False, ticks="outside", constrain="domain")
    xaxis = dict(fixed, range=[x0, x1], domain=list(x_domain), title=dict(text="x", standoff=2))
    yaxis = dict(fixed, range=[y0, y1], scaleanchor=anchor.replace("y", "x"), scaleratio=1, title=dict(text="y", standoff=2))
    return xaxis, yaxis


def paths_figure(surface: Surface, paths: Sequence[Path], *, grid: hts.Grid, markers: bool = False,
                 projector: bool = False, height: int | None = None, words: Mapping[str, str] | None = None) -> go.Figure:
    """Several optimizers' paths on one contour, from the same start; ``words``: step, start, minimum (hovers)."""
    lk = look(projector)
    h = hts.surface_heights(grid, surface)
    data = hts.contour_traces(h, bar=hts.colorbar(h, x=1.01, font=lk.small))
    step = (words or {}).get("step", "step")
    for p in paths:
        data += run_traces(p, lk, markers=MARKERS if markers else 0.0, step=step)
    start = paths[0].traj.xy[0] if paths else surface.start
    data += landmarks(surface, start, lk, words=words)
    layout = base_layout(lk, height=height or (PROJECTOR_HEIGHT if projector else HEIGHT),
                         uirevision=f"paths:{surface.name}")
    layout["xaxis"], layout["yaxis"] = contour_axes(surface.domain)
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# Nesterov's look-ahead (the step itself: `lessons.momentum.lookahead_at`)


def _window(points: Sequence[np.ndarray], pad: float = 0.35) -> Box:
    """A square box around ``points`` with ``pad`` of its size on every side."""
    pts = np.asarray(points, dtype=np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()) / 2, 1e-3) * (1 + 2 * pad)
    return (centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)


POINT = 1.2  # the look-ahead figure's point markers, relative to the position marker


def _arrow(tail, head, colour: str, lk: Look, text: str, dash: bool = False) -> dict[str, Any]:
    """An arrow between two of the figure's points, stopping at their markers' edges."""
    gap = POINT * lk.marker / 2 + 1
    return dict(x=float(head[0]), y=float(head[1]), ax=float(tail[0]), ay=float(tail[1]), xref="x", yref="y",
                axref="x", ayref="y", text="", hovertext=text, showarrow=True, arrowhead=2, arrowsize=1.1,
                arrowwidth=lk.arrow * (1.2 if not dash else 1.0), arrowcolor=colour, standoff=gap, startstandoff=gap,
                opacity=0.8 if dash else 1.0)


def lookahead_figure(surface: Surface, notes_xy: np.ndarray, step: LookAhead, hb_next, labels: dict[str, str], *,
                     grid_points: int = 70, projector: bool = False) -> go.Figure:
    """Nesterov's step up close: the velocity step, the look-ahead point, the gradient there, the result.

    ``notes_xy`` is the run in the notes' positions x_t (drawn dotted); ``hb_next`` where heavy-ball momentum's
    step, with ∇f at x_k, would land instead (drawn dashed). ``labels`` names the points (position, lookahead,
    next, hb_point), the arrows (velocity_step, gradient_step, heavy_ball) and the notes' path (path).
    """
    lk = look(projector)
    window = _window([step.position, step.lookahead, step.next_position, hb_next])
    grid = surface.grid(grid_points, domain=window)
    xs = np.asarray(notes_xy)
    data = [*hts.contour_traces(hts.surface_heights(grid, surface)),
            dict(type="scatter", x=f32(xs[:, 0]), y=f32(xs[:, 1]), mode="lines+markers", name=labels["path"],
                 line=dict(color=GUIDE, width=0.6 * lk.line, dash="dot"), marker=dict(size=0.45 * lk.marker, color=GUIDE),
                 hovertemplate="x_%{customdata} (%{x:.3g}, %{y:.3g})<extra></extra>", customdata=np.arange(len(xs)))]
    points = [(step.position, labels["position"], START_FILL, "circle"),
              (step.lookahead, labels["lookahead"], color(3), "circle"),
              (step.next_position, labels["next"], color(2), "circle"),
              (hb_next, labels["hb_point"], color(1), "circle-open")]
    for xy, name, fill, symbol in points:
        data.append(dict(type="scatter", x=[float(xy[0])], y=[float(xy[1])], mode="markers+text", name=name,
                         text=[f"<b>{name}</b>"], textposition="middle right", textfont=dict(size=lk.font, color=BLACK),
                         marker=dict(symbol=symbol, size=POINT * lk.marker, color=fill, line=dict(color=BLACK, width=1.2)),
                         hovertemplate=f"{name} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>", showlegend=False))
    arrows = [
        _arrow(step.position, step.lookahead, color(3), lk, labels["velocity_step"]),
        _arrow(step.lookahead, step.next_position, color(2), lk, labels["gradient_step"]),
        _arrow(step.lookahead, hb_next, color(1), lk, labels["heavy_ball"], dash=True),
    ]
    # the legend names the arrows (annotations have none): one invisible line per colour
    for name, c in ((labels["velocity_step"], color(3)), (labels["gradient_step"], color(2)),
                    (labels["heavy_ball"], color(1))):
        data.append(dict(type="scatter", x=[None], y=[None], mode="lines", name=name, line=dict(color=c, width=lk.arrow)))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision=f"lookahead:{step.k}")
    layout["xaxis"], layout["yaxis"] = contour_axes(window)
    layout["annotations"] = arrows
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# three forms of momentum


def forms_figure(surface: Surface, paths: Sequence[Path], distances: Sequence[np.ndarray], *, grid: hts.Grid,
                 distance_title: str, step_title: str = "step", projector: bool = False,
                 words: Mapping[str, str] | None = None) -> go.Figure:
    """Left: the forms' paths overlapping on the contour (the first widest, so it shows under the others).
    Right: ``distances[i]``, path i + 1's distance from the first per step. ``words``: start, minimum (hovers)."""
    lk = look(projector)
    words = {**(words or {}), "step": step_title}
    data = hts.contour_traces(hts.surface_heights(grid, surface))
    for i, p in enumerate(paths):
        data += run_traces(p, lk, width=2.5 if i == 0 else 1.2, step=step_title)
    data += landmarks(surface, paths[0].traj.xy[0], lk, words=words)
    for p, d in zip(paths[1:], distances):
        data.append(dict(type="scatter", y=f32(np.maximum(d, 0.0) + LOG_FLOOR), x0=0, dx=1, mode="lines",
                         name=p.label, legendgroup=p.label, showlegend=False, xaxis="x2", yaxis="y2",
                         line=dict(color=p.color, width=lk.line, dash=p.dash),
                         hovertemplate=f"{p.label} · {step_title} %{{x}} · %{{y:.3g}}<extra></extra>"))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT - 60, uirevision="forms")
    layout["xaxis"], layout["yaxis"] = contour_axes(surface.domain, x_domain=(0.0, 0.5))
    layout["xaxis2"] = dict(domain=[0.62, 1.0], anchor="y2", title=dict(text=step_title))
    layout["yaxis2"] = dict(anchor="x2", type="log", exponentformat="power", title=dict(text=distance_title))
    return kept.figure(data=data, layout=layout)


# ----------------------------------------------------------------------------
# the convergence-rate map (Goh 2017, fig. "momentum's rate over α and β"; computed by `lessons.momentum`)


def rate_map_figure(etas: np.ndarray, betas: np.ndarray, rate: np.ndarray, kappa: float, *,
                    theory: tuple[float, float], gd: float, best: tuple[int, int],
                    current: tuple[float, float] | None, labels: dict[str, str], projector: bool = False) -> go.Figure:
    """The rate over (η, β) as a heatmap on the κ = ``kappa`` valley, with Polyak's optimum ``theory`` = (η*, β*),
    gradient descent's best η ``gd`` (at β = 0), the ``best`` cell (i, j) and ``current``.

    ``rate[i, j]`` belongs to ``etas[i]`` and ``betas[j]``. ``labels``: rate, theory, gd, best, current, diverged,
    eta_axis, beta_axis.
    """
    lk = look(projector)
    (eta_s, beta_s), eta_gd, (i, j) = theory, gd, best
    z = f32(np.minimum(rate.T, 1.0))  # rows: β, columns: η; slower than 1 (not converging) shows as 1
    data = [dict(type="heatmap", x=f32(etas), y=f32(betas), z=z, colorscale=VIRIDIS, zmin=float(np.nanmin(z)),
                 zmax=1.0, colorbar=dict(title=dict(text=labels["rate"], side="top", font=dict(size=lk.small)),
                                         thickness=12, tickfont=dict(size=lk.small)),
                 hovertemplate="η = %{x:.3g} · β = %{y:.3g} · " + labels["rate"] + " = %{z:.3f}<extra></extra>",
                 name=labels["rate"], showlegend=False)]

    def marker(x, y, name, symbol, fill, size=1.3):
        return dict(type="scatter", x=[float(x)], y=[float(y)], mode="markers", name=name,
                    marker=dict(symbol=symbol, size=size * lk.marker, color=fill, line=dict(color=WHITE, width=1.5)),
                    hovertemplate=f"{name}: η = %{{x:.3g}}, β = %{{y:.3g}}<extra></extra>")

    data += [marker(eta_s, beta_s, labels["theory"], "star", BLACK, 1.6),
             marker(eta_gd, 0.0, labels["gd"], "diamond", WHITE, 1.2),
             dict(marker(etas[i], betas[j], labels["best"], "circle-open", color(4), 1.5),
                  marker=dict(symbol="circle-open", size=1.5 * lk.marker, color=color(4), line=dict(width=3)))]
    data[-2]["marker"]["line"] = dict(color=BLACK, width=1.5)
    if current is not None:
        data.append(marker(current[0], current[1], labels["current"], "x", color(1), 1.1))
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision=f"rate-map:{kappa}")
    layout.update(xaxis=dict(title=dict(text=labels["eta_axis"]), range=[0, float(etas[-1]) + 0.05], showgrid=False),
                  yaxis=dict(title=dict(text=labels["beta_axis"]), range=[-0.02, 1.0], showgrid=False),
                  plot_bgcolor="#d9d9d9")  # diverged cells are NaN: the grey background shows through
    layout["annotations"] = [dict(text=labels["diverged"], xref="paper", yref="paper", x=1.0, y=1.0, xanchor="right",
                                  yanchor="top", showarrow=False, font=dict(size=lk.small), bgcolor="rgba(255,255,255,0.8)")]
    return kept.figure(data=data, layout=layout)
