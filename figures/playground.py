"""The playground: contour with paths, a 3-D view and four step panels in one figure, animated in sync by frames.

Everything heavy (the contour, the surface, the full paths) is sent once; each
animation frame moves only a handful of small marker traces (see `movers`), so
four 500-step paths stay well under a megabyte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from . import animation, heights as hts, inspect_step, movers, panels, view3d
from .arrangement import Arrangement, arrangement
from .colors import DIVERGED, MINIMUM_EDGE, MINIMUM_FILL, SADDLE, START_EDGE, START_FILL, WHITE
from .look import Look, base_layout, look
from .text import words as figure_words
from .paths import Path, f32, markers, run_traces

if TYPE_CHECKING:
    from landscapes.base import Surface

__all__ = ["CLICK_TRACE_NAME", "Path", "click_trace_index", "playground_figure", "playground_layers"]

CLICK_TRACE_NAME = "click-catcher"
GRID_POINTS = 120  # contour grid when the page passes none
CLICK_POINTS = 24  # a CLICK_POINTS² grid of invisible markers catches clicks: each costs the browser a redraw (40² took ~0.2 s of every update in headless Chromium)
STAR = 1.3  # minima, relative to the position marker
DIVERGED_CROSS = 1.5  # the ✕ of a diverged run, relative to the position marker
START_RIM = 0.75  # the start marker's black edge, relative to a path's line width
SQUARE_ENOUGH = 2.0  # equal axis scales when the domain's sides differ by less than this factor
EDGE_INSET = 0.01  # a diverged path's ✕ is pulled this fraction inside the domain when it left the plot

Box = tuple[tuple[float, float], tuple[float, float]]
Trace = dict[str, Any]


def playground_figure(
    surface: Surface,
    paths: Sequence[Path],
    *,
    grid: hts.Grid | None = None,
    inspect_step: int | None = None,
    projector: bool = False,
    frames: int = 100,
    show_3d: bool = True,
    height: int | None = None,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """The playground as one self-contained plotly figure: ``paths`` on ``surface``, animated over at most ``frames`` steps.

    ``grid`` is ``surface.grid(n)`` when the page has it cached; ``inspect_step``
    draws the −gradient and velocity arrows at that step; ``projector`` enlarges
    fonts, lines and markers; ``text`` gives the words in the page's language (see `figures.text`).
    This is the form of the HTML export (plotly's own play buttons, slider and frames);
    the page draws `playground_layers` instead.
    """
    p = _parts(surface, paths, grid, inspect_step, projector, frames, show_3d, height, text, layered=False)
    data = [*p.contour, _click_catcher(surface.domain, p.words), *p.traces]
    if not p.paths:
        return go.Figure(data=data, layout=p.layout)
    names = [str(int(k)) for k in p.shown]
    indices = list(range(len(data), len(data) + len(p.moving)))
    layout = {**p.layout, **animation.controls(names, active=p.active, lk=p.look, x=p.arr.contour_x, words=p.words)}
    frame_list = animation.frames(names, [movers.frame_data(p.drawn, int(k)) for k in p.shown], indices)
    return go.Figure(data=data + p.moving, layout=layout, frames=frame_list)


def playground_layers(
    surface: Surface,
    paths: Sequence[Path],
    *,
    grid: hts.Grid | None = None,
    inspect_step: int | None = None,
    projector: bool = False,
    frames: int = 100,
    show_3d: bool = False,
    height: int | None = None,
    text: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The playground as plain data for the page's chart (`ui.chart`), in two layers and an animation.

    - ``background``: the contour and its colourbar, on the same layout as the foreground;
      it changes only with the surface (and the language, the projector, the 3-D switch),
      so the browser redraws it only then.
    - ``foreground``: everything else (paths, landmarks, panels, the 3-D view), on a transparent
      layout; the moving markers are its last traces, SVG (no WebGL context needed: the contour
      lives in the other layer, so an SVG animation cannot erase it, plotly.js #4491).
    - ``animation``: the shown steps and, per path, where its positions and panel values are in
      the foreground's traces (by index), so the browser builds each frame itself.

    Plain dicts and NumPy arrays only: no `go.Figure` validation (about 100 ms for this figure).
    """
    p = _parts(surface, paths, grid, inspect_step, projector, frames, show_3d, height, text, layered=True)
    layout = dict(p.layout)
    layout.update(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    foreground = dict(data=[*p.traces, *p.moving], layout=layout)
    background = dict(data=p.contour, layout=_background_layout(p.layout))
    anim = None
    if p.paths:
        first_mover = len(p.traces)
        anim = dict(
            steps=[int(k) for k in p.shown],
            active=p.active,
            trail=movers.TRAIL,
            movers=list(range(first_mover, first_mover + len(p.moving))),
            # per path: the index of its line trace on the contour (x, y), and per panel the index of its line there
            path_traces=p.path_index,
            panel_traces=p.panel_index,
            z3=None if p.drawn.z3 is None else [p.drawn.z3[j] for j in range(len(p.paths))],
            redraw=p.drawn.z3 is not None,  # 3-D markers are WebGL: they move only on a full redraw
        )
    return dict(background=background, foreground=foreground, animation=anim)


def _background_layout(layout: dict[str, Any]) -> dict[str, Any]:
    """The foreground's layout with only the contour's axes kept, their labels invisible (drawn once, in front):
    the same geometry, so the contour sits exactly under the paths, and nothing that follows the runs,
    so an optimizer's setting never changes it."""
    clear = dict(color="rgba(0,0,0,0)")
    out = {k: v for k, v in layout.items() if k not in ("annotations", "shapes", "scene")}
    for name, axis in layout.items():
        if name in ("xaxis", "yaxis"):
            title = axis.get("title", {})
            out[name] = {**axis, "tickfont": {**axis.get("tickfont", {}), **clear}, "tickcolor": clear["color"],
                         "title": {**title, "font": {**title.get("font", {}), **clear}}}
        elif name[:5] in ("xaxis", "yaxis"):
            del out[name]  # the panels' axes: drawn in front, and their ranges follow the runs
    out["showlegend"] = False
    return out


@dataclass(frozen=True)
class _Parts:
    """What both forms of the playground share."""

    paths: list[Path]
    words: dict[str, str]
    look: Look
    arr: Arrangement
    contour: list[Trace]  # fill and level lines
    traces: list[Trace]  # everything in front of the contour that does not move
    layout: dict[str, Any]
    drawn: movers.Drawn
    shown: np.ndarray  # the steps that become frames
    active: int  # the frame shown first
    moving: list[Trace]  # the moving markers, placed at shown[active]
    path_index: list[int]  # per path, its line trace in `traces`
    panel_index: list[list[int | None]]  # per panel, per path, its line trace in `traces` (None: not drawn)


def _parts(surface, paths, grid, inspect_step, projector, frames, show_3d, height, text, *, layered: bool) -> _Parts:
    paths = list(paths)
    words = figure_words(text)
    lk = look(projector)
    height = height or lk.height
    arr = arrangement(show_3d, lk, height, controls_below=layered)
    f_min = paths[0].traj.f_min if paths else surface.f_min
    grid = grid if grid is not None else surface.grid(GRID_POINTS)
    h = hts.surface_heights(grid, surface, f_min=f_min)
    h3 = view3d.view_heights(grid, surface, f_min) if show_3d else None
    specs = panels.panels(paths, surface.minima, words)
    series = panels.series(paths, specs)
    drawn = movers.drawn(paths, series, h3, surface.domain)
    step = None if inspect_step is None or not paths else int(np.clip(inspect_step, 0, drawn.steps))

    # 1) what never moves
    contour = hts.contour_traces(h, bar=hts.colorbar(h, x=arr.colorbar_x, font=lk.small), split=layered)
    data: list[Trace] = []
    path_index = []
    for p in paths:
        data += run_traces(p, lk, hover="compact" if layered else "loss", step=words["step"])
        path_index.append(len(data) - 1)
    data += _landmarks(surface, paths, lk, words)
    if h3 is not None:
        data += [view3d.surface_trace(h3), *view3d.path_traces(paths, drawn, lk)]
    first_panel_line = len(data)
    data += panels.line_traces(paths, specs, series, lk, step=words["step"])
    panel_index, k = [], first_panel_line
    for ys in series:
        row = []
        for y in ys:
            row.append(None if y is None else k)
            k += y is not None
        panel_index.append(row)
    layout = _layout(surface, arr, specs, series, h3, lk, steps=drawn.steps, height=height, words=words)
    if step is not None:
        data.append(_inspect(paths, step, specs, surface.domain, lk, layout, words))

    # 2) the moving markers, and the steps that become frames
    shown = animation.frame_steps(drawn.steps, frames)
    active = 0 if step is None else int(np.argmin(np.abs(shown - step)))
    if step is not None:
        shown[active] = step  # the nearest frame becomes the inspected step: the animation starts right there
    marker_type = "scatter" if layered else movers.MARKER_TYPE
    moving = movers.traces(paths, specs, drawn, lk, int(shown[active]), marker_type=marker_type) if paths else []
    return _Parts(paths, words, lk, arr, contour, data, layout, drawn, shown, active, moving, path_index, panel_index)


def click_trace_index(fig: go.Figure) -> int:
    """The index of the click-catcher trace in ``fig.data`` (compare it with a selection's curve number)."""
    return next(i for i, t in enumerate(fig.data) if t.name == CLICK_TRACE_NAME)


# ----------------------------------------------------------------------------
# the contour layer


def _click_catcher(domain: Box, words: dict[str, str]) -> Trace:
    """An invisible grid of markers over the contour: hovering says where a click would start a run."""
    (x0, x1), (y0, y1) = domain
    half_x, half_y = (x1 - x0) / (2 * CLICK_POINTS), (y1 - y0) / (2 * CLICK_POINTS)
    gx, gy = np.meshgrid(
        np.linspace(x0 + half_x, x1 - half_x, CLICK_POINTS), np.linspace(y0 + half_y, y1 - half_y, CLICK_POINTS)
    )
    invisible = dict(marker=dict(opacity=0))
    return dict(
        type="scatter",
        x=f32(gx.ravel()),
        y=f32(gy.ravel()),
        mode="markers",
        marker=dict(size=8, color="rgba(0,0,0,0)"),
        selected=invisible,
        unselected=invisible,
        hovertemplate=words["click"] + " (%{x:.2f}, %{y:.2f})<extra></extra>",
        showlegend=False,
        name=CLICK_TRACE_NAME,
        xaxis="x",
        yaxis="y",
    )


def _landmarks(surface: Surface, paths: Sequence[Path], lk: Look, words: dict[str, str]) -> list[Trace]:
    """Start point(s), minima (stars), saddles (✕) and, for diverged paths, a red ✕ where they were last seen."""
    starts = list(dict.fromkeys((float(p.traj.xy[0, 0]), float(p.traj.xy[0, 1])) for p in paths)) or [surface.start]
    rim = dict(color=START_EDGE, width=START_RIM * lk.line)
    circle = dict(symbol="circle", size=lk.marker, color=START_FILL, line=rim)
    out = [markers(starts, [words["start"]] * len(starts), "start", **circle)]
    if surface.minima:
        hover = [f"{words['minimum']} ({x:.3g}, {y:.3g})" for x, y in surface.minima]
        star = dict(symbol="star", size=STAR * lk.marker, color=MINIMUM_FILL, line=dict(color=MINIMUM_EDGE, width=1))
        out.append(markers(surface.minima, hover, "minima", **star))
    if surface.saddles:
        hover = [f"{words['saddle']} ({x:.3g}, {y:.3g})" for x, y in surface.saddles]
        cross = dict(symbol="x", size=lk.marker, color=SADDLE, line=dict(color=MINIMUM_EDGE, width=1))
        out.append(markers(surface.saddles, hover, "saddles", **cross))
    spots = [_last_seen(p, surface.domain, words) for p in paths if p.traj.diverged_at is not None]
    if spots:
        cross = dict(symbol="x", size=DIVERGED_CROSS * lk.marker, color=DIVERGED, line=dict(color=WHITE, width=1.5))
        out.append(markers([s[0] for s in spots], [s[1] for s in spots], "diverged", **cross))
    return out


def _last_seen(p: Path, domain: Box, words: dict[str, str]) -> tuple[tuple[float, float], str]:
    """Where a diverged path's ✕ goes (its last finite point, pulled inside the plot if outside) and its hover."""
    k = int(p.traj.diverged_at)
    finite = np.flatnonzero(np.isfinite(p.traj.xy[: k + 1]).all(axis=1))
    last = p.traj.xy[finite[-1]].astype(np.float64)
    (x0, x1), (y0, y1) = domain
    dx, dy = EDGE_INSET * (x1 - x0), EDGE_INSET * (y1 - y0)
    text = f"{p.label}: {words['diverged'].format(step=k)}<br>{words['last_point']} ({last[0]:.3g}, {last[1]:.3g})"
    if hts.inside(last[None], domain)[0]:
        return (float(last[0]), float(last[1])), text
    shown = (float(np.clip(last[0], x0 + dx, x1 - dx)), float(np.clip(last[1], y0 + dy, y1 - dy)))
    return shown, f"{text}, {words['off_plot']}"


# ----------------------------------------------------------------------------
# inspecting one step


def _inspect(paths, step: int, specs, domain: Box, lk: Look, layout: dict[str, Any], words: dict[str, str]) -> Trace:
    """Add the arrows and guide lines for ``step`` to ``layout``; return the trace of rings at the positions."""
    (x0, x1), _ = domain
    notes, shapes, hover = inspect_step.arrows(paths, step, x1 - x0, lk, words)
    layout["annotations"] = [*layout.get("annotations", []), *notes]
    layout["shapes"] = [*layout.get("shapes", []), *shapes, *inspect_step.guide_lines(step, [s.axis for s in specs])]
    return inspect_step.positions_trace(paths, step, hover, lk)


# ----------------------------------------------------------------------------
# layout


def _layout(
    surface: Surface,
    arr: Arrangement,
    specs: Sequence[panels.Panel],
    series: panels.Series,
    h3: hts.Heights | None,
    lk: Look,
    *,
    steps: int,
    height: int,
    words: dict[str, str],
) -> dict[str, Any]:
    """Axes fixed to the domain (equal scales when it is square enough), the panels' axes, titles and notes."""
    (x0, x1), (y0, y1) = surface.domain
    square = 1.0 / SQUARE_ENOUGH <= (x1 - x0) / (y1 - y0) <= SQUARE_ENOUGH
    layout = base_layout(lk, height=height, uirevision=f"playground:{surface.name}:{surface.title}:{surface.domain}")
    layout["margin"].update(t=arr.margin_top, b=arr.margin_bottom)
    fixed = dict(autorange=False, constrain="domain", showgrid=False, zeroline=False, ticks="outside", automargin=True)
    layout["xaxis"] = dict(
        fixed,
        domain=list(arr.contour_x),
        range=[x0, x1],
        anchor="y",
        title=dict(text="x", standoff=2),
        constraintoward="right",  # an equal-scale plot narrower than its slot stays by its colourbar
    )
    layout["yaxis"] = dict(fixed, domain=[0.0, 1.0], range=[y0, y1], anchor="x", title=dict(text="y", standoff=2))
    if square:
        layout["yaxis"].update(scaleanchor="x", scaleratio=1)
    layout.update(panels.axes_layout(specs, series, arr.panels, steps=steps, bottom=arr.bottom, lk=lk, step_title=words["step"]))
    layout["annotations"] = [*panels.titles(specs, lk), *panels.missing_annotations(specs, words)]
    if arr.scene is not None and h3 is not None:
        layout["scene"] = view3d.scene(surface.domain, arr.scene, h3, lk)
    return layout
