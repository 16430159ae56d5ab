"""The network page's figures: each trained network's decision boundary, the plane of the runs' weights with
their paths beside the loss curves (animated together), the Hessian's extreme eigenvalues along a run, and each
run's loss along one filter-normalised direction.

Pure functions: a race's arrays (`lessons.network.race`) in, plotly figure dicts out. Every word comes from
``words`` (the page passes its language's); nothing here trains or measures.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from .colors import BLACK, CONTOUR_LINE, CONTOUR_SCALE, START_EDGE, START_FILL, WHITE
from .look import base_layout, look

if TYPE_CHECKING:
    from networks import Dataset, Plane, Run

# TensorFlow Playground's two classes, softened for the background: orange is class 0, blue class 1
CLASS_COLORS = ("#f59322", "#0877bd")
PROBABILITY_SCALE = ((0.0, "#f5b26b"), (0.5, "#f7f7f7"), (1.0, "#6fa8d6"))
FRAMES = 60  # steps the animation shows, evenly spaced from the start to the end
FRAME_MS = 80
LOSS_FLOOR = 1e-7  # a loss this small is drawn at this height on the log axes
HEIGHT, PROJECTOR_HEIGHT = 540, 700  # the landscape figure's
CURRENT = "#808080"  # the slider's current step: a grey that reads on a light and on a dark page


def _axis_title(text: str, lk) -> dict[str, Any]:
    return dict(text=text, font=dict(size=lk.small))


# ----------------------------------------------------------------------------
# (a) the decision boundaries


def boundaries_figure(xs: np.ndarray, ys: np.ndarray, probabilities: Sequence[np.ndarray], data: Dataset,
                      titles: Sequence[str], *, words: Mapping[str, str], projector: bool = False) -> dict[str, Any]:
    """One panel per run: p(class 1) over the plane of the inputs, its 0.5 line, the train points filled and the
    test points hollow. ``probabilities[r][j, i]`` is at (xs[i], ys[j]); ``titles[r]`` heads panel r (two lines at most).
    ``words``: ``probability`` (the colour bar), ``train``, ``test``, ``class0``, ``class1``."""
    lk = look(projector)
    n = len(probabilities)
    gap = 0.04
    width = (1.0 - gap * (n - 1)) / n
    data_, annotations = [], []
    layout = base_layout(lk, height=(400 if projector else 330) if n > 1 else (520 if projector else 420),
                         uirevision="boundaries")
    for r, (p, title) in enumerate(zip(probabilities, titles)):
        ax = "" if r == 0 else str(r + 1)
        x, y = f"x{ax}", f"y{ax}"
        data_.append(dict(type="heatmap", x=xs, y=ys, z=np.asarray(p, dtype=float), zmin=0.0, zmax=1.0, zsmooth="best",
                          colorscale=PROBABILITY_SCALE, showscale=r == n - 1, xaxis=x, yaxis=y, name=words["probability"],
                          colorbar=dict(title=dict(text=words["probability"], side="right", font=dict(size=lk.small)),
                                        thickness=10, len=0.9, tickfont=dict(size=lk.small), tickvals=[0, 0.5, 1]),
                          hovertemplate=f"{words['probability']} = %{{z:.2f}}<extra></extra>"))
        data_.append(dict(type="contour", x=xs, y=ys, z=np.asarray(p, dtype=float), showscale=False, hoverinfo="skip",
                          contours=dict(start=0.5, end=0.5, size=1.0, coloring="none"), xaxis=x, yaxis=y,
                          line=dict(color="rgba(40, 40, 40, 0.7)", width=1.2), showlegend=False, name="p = 0.5"))
        for split, hollow in (("train", False), ("test", True)):
            pts, labels = getattr(data, f"x_{split}"), np.asarray(getattr(data, f"y_{split}"))
            colors = [CLASS_COLORS[int(c)] for c in labels]
            # an open symbol is stroked in the marker's colour
            line = dict(width=1.6) if hollow else dict(color=WHITE, width=0.8)
            data_.append(dict(type="scatter", x=pts[:, 0], y=pts[:, 1], mode="markers", xaxis=x, yaxis=y,
                              name=words[split], showlegend=False, customdata=[words[f"class{int(c)}"] for c in labels],
                              marker=dict(size=0.6 * lk.marker, color=colors, line=line,
                                          symbol="circle-open" if hollow else "circle"),
                              hovertemplate=f"{words[split]} · %{{customdata}} (%{{x:.2f}}, %{{y:.2f}})<extra></extra>"))
        lo = r * (width + gap)
        layout[f"xaxis{ax}"] = dict(domain=[lo, lo + width], range=[float(xs[0]), float(xs[-1])], showgrid=False,
                                    zeroline=False, showticklabels=False, ticks="", constrain="domain", anchor=y)
        layout[f"yaxis{ax}"] = dict(range=[float(ys[0]), float(ys[-1])], showgrid=False, zeroline=False,
                                    showticklabels=False, ticks="", scaleanchor=x, scaleratio=1, constrain="domain", anchor=x)
        annotations.append(dict(text=title, x=lo + width / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                                yanchor="bottom", showarrow=False, font=dict(size=lk.small)))
    for split, symbol in (("train", "circle"), ("test", "circle-open")):  # the legend's key, in a neutral grey
        data_.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=words[split], hoverinfo="skip",
                          marker=dict(symbol=symbol, size=0.6 * lk.marker, color="#666666", line=dict(width=1.6))))
    layout["annotations"] = annotations
    layout["legend"] = dict(layout["legend"], y=-0.02, yanchor="top")
    layout["margin"] = dict(l=10, r=10, t=int(3.2 * lk.small + 6), b=int(2.5 * lk.font))  # two-line titles
    return dict(data=data_, layout=layout)


# ----------------------------------------------------------------------------
# (b) the plane of the weights, the paths on it, and the loss curves, animated together


def _log_ticks(z: np.ndarray) -> dict[str, Any]:
    """Colour-bar ticks at 1, 2 and 5 times the powers of ten within ``z`` (log10 of the loss), labelled with the
    loss itself."""
    finite = z[np.isfinite(z)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    values = [m * 10.0**e for e in range(math.floor(lo), math.ceil(hi) + 1) for m in (1, 2, 5)]
    values = [v for v in values if lo <= math.log10(v) <= hi]
    if len(values) > 8:  # many decades: the powers of ten alone
        values = [v for v in values if math.log10(v).is_integer()]
    return dict(tickvals=[math.log10(v) for v in values], ticktext=[f"{v:g}" for v in values])


def frame_steps(steps: int, frames: int = FRAMES) -> np.ndarray:
    """The steps the animation shows: ``frames`` of them, evenly spaced, the start and the end among them."""
    return np.unique(np.linspace(0, steps, min(frames, steps + 1)).round().astype(int))


def landscape_figure(plane: Plane, runs: Sequence[Run], labels: Sequence[str], colors: Sequence[str], *,
                     words: Mapping[str, str], projector: bool = False, frames: int = FRAMES) -> dict[str, Any]:
    """Left: the train loss on the plane of the runs' weights (log-scaled colours), every run's projected path, the
    shared start and each end. Right: each run's train loss (solid) and test loss (dashed) against the step.
    A marker per run moves along its path and its curve; the layout's play button and step slider run the frames.

    ``words``: ``pc1`` and ``pc2`` (axis titles with ``{share}``), ``loss`` (colour bar), ``curve_loss`` (the curves'
    axis), ``step``, ``train_curve``, ``test_curve``, ``start``, ``end``, ``play``, ``pause``.
    """
    lk = look(projector)
    z = np.log10(np.maximum(np.asarray(plane.loss, dtype=float), LOSS_FLOOR))
    data: list[dict[str, Any]] = [dict(
        type="contour", x=plane.xs, y=plane.ys, z=z, colorscale=CONTOUR_SCALE, ncontours=24, name=words["loss"],
        line=dict(color=CONTOUR_LINE, width=0.6), hovertemplate="(%{x:.3g}, %{y:.3g}) · log₁₀ %{z:.2f}<extra></extra>",
        colorbar=dict(title=dict(text=words["loss"], side="right", font=dict(size=lk.small)), x=0.415, thickness=10,
                      tickfont=dict(size=lk.small), **_log_ticks(z)))]
    for path, label, c in zip(plane.paths, labels, colors):
        data.append(dict(type="scatter", x=path[:, 0], y=path[:, 1], mode="lines", name=label, legendgroup=label,
                         line=dict(color=c, width=lk.line), hovertemplate=f"{label} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>"))
        data.append(dict(type="scatter", x=path[-1:, 0], y=path[-1:, 1], mode="markers", name=f"{label}: {words['end']}",
                         legendgroup=label, showlegend=False, marker=dict(symbol="square", size=lk.marker, color=c,
                                                                          line=dict(color=BLACK, width=1)),
                         hovertemplate=f"{label}: {words['end']}<extra></extra>"))
    start = plane.paths[0][0] if plane.paths else np.zeros(2)
    data.append(dict(type="scatter", x=[float(start[0])], y=[float(start[1])], mode="markers", name=words["start"],
                     showlegend=False, marker=dict(symbol="circle", size=lk.marker, color=START_FILL,
                                                   line=dict(color=START_EDGE, width=1.5)),
                     hovertemplate=f"{words['start']}<extra></extra>"))
    for run, label, c in zip(runs, labels, colors):
        for name, y, x, dash in (("train", run.train_loss, np.arange(run.train_loss.size), "solid"),
                                 ("test", run.test_loss, run.eval_steps, "dash")):
            data.append(dict(type="scatter", x=x, y=np.maximum(np.asarray(y, dtype=float), LOSS_FLOOR), mode="lines",
                             name=f"{label} · {words[name + '_curve']}", legendgroup=label, showlegend=False, xaxis="x2",
                             yaxis="y2", line=dict(color=c, width=lk.line if name == "train" else 0.8 * lk.line, dash=dash),
                             hovertemplate=f"{label} · {words[name + '_curve']} · {words['step']} %{{x}}: %{{y:.3g}}<extra></extra>"))
    # the movers, last: one on each path, one on each train-loss curve
    movers = list(range(len(data), len(data) + 2 * len(runs)))
    steps = frame_steps(max((r.steps for r in runs), default=0), frames)
    data += _movers(plane, runs, colors, lk, 0)
    layout = base_layout(lk, height=PROJECTOR_HEIGHT if projector else HEIGHT, uirevision="landscape")
    ev = plane.explained_variance if plane.explained_variance is not None else np.full(2, np.nan)
    layout.update(
        xaxis=dict(domain=[0.0, 0.40], automargin=True, title=_axis_title(words["pc1"].format(share=f"{ev[0]:.0%}"), lk), zeroline=False,
                   showgrid=False, range=[float(plane.xs[0]), float(plane.xs[-1])]),
        yaxis=dict(title=_axis_title(words["pc2"].format(share=f"{ev[1]:.0%}"), lk), zeroline=False, showgrid=False, automargin=True,
                   range=[float(plane.ys[0]), float(plane.ys[-1])]),
        xaxis2=dict(domain=[0.6, 1.0], anchor="y2", title=_axis_title(words["step"], lk)),
        yaxis2=dict(anchor="x2", type="log", automargin=True, nticks=8, exponentformat="power", title=_axis_title(words["curve_loss"], lk)),
        margin=dict(l=10, r=10, t=int(3 * lk.font), b=int(6.5 * lk.font)),
    )
    layout["updatemenus"], layout["sliders"] = _controls(steps, words, lk)
    frames_ = [dict(name=str(int(k)), data=_movers(plane, runs, colors, lk, int(k)), traces=movers) for k in steps]
    return dict(data=data, layout=layout, frames=frames_)



def _movers(plane: Plane, runs: Sequence[Run], colors: Sequence[str], lk, k: int) -> list[dict[str, Any]]:
    """Where each run is at step ``k`` (its last finite step, if it diverged before): on the plane, on its curve."""
    out = []
    for path, run, c in zip(plane.paths, runs, colors):
        i = min(k, run.last)
        marker = dict(size=0.9 * lk.marker, color=c, line=dict(color=WHITE, width=1.5))
        out.append(dict(type="scatter", x=[float(path[i, 0])], y=[float(path[i, 1])], mode="markers", marker=marker,
                        showlegend=False, hoverinfo="skip", name=""))
    for run, c in zip(runs, colors):
        i = min(k, run.last)
        out.append(dict(type="scatter", x=[i], y=[max(float(run.train_loss[i]), LOSS_FLOOR)], mode="markers",
                        xaxis="x2", yaxis="y2", showlegend=False, hoverinfo="skip", name="",
                        marker=dict(size=0.9 * lk.marker, color=c, line=dict(color=WHITE, width=1.5))))
    return out


def _controls(steps: np.ndarray, words: Mapping[str, str], lk) -> tuple[list, list]:
    """plotly's own play/pause buttons and step slider over the frames named after their steps."""
    # redraw: plotly.js's quick path (redraw=False) plots only the moving traces and drops the contour's layer
    still = dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))
    play = dict(fromcurrent=True, frame=dict(duration=FRAME_MS, redraw=True), transition=dict(duration=0))
    menus = [dict(type="buttons", direction="left", showactive=False, x=0.0, y=-0.1, xanchor="left", yanchor="top",
                  pad=dict(t=lk.font, r=10), font=dict(size=lk.small),
                  buttons=[dict(label=words["play"], method="animate", args=[None, play]),
                           dict(label=words["pause"], method="animate", args=[[None], still])])]
    # the steps' own tick labels would crowd the rail: the current step is written above it
    slider = dict(active=0, x=0.16, len=0.84, y=-0.1, yanchor="top", pad=dict(t=lk.font),
                  font=dict(size=lk.small, color="rgba(0,0,0,0)"),
                  currentvalue=dict(prefix=f"{words['step']}: ", xanchor="right",
                                    font=dict(size=lk.small, color=CURRENT)),
                  steps=[dict(label=str(int(k)), method="animate", args=[[str(int(k))], still]) for k in steps])
    return menus, [slider]


# ----------------------------------------------------------------------------
# (c) curvature along a run, (d) sharpness at each run's end


def curvature_figure(steps: np.ndarray, lowest: np.ndarray, highest: np.ndarray, *, words: Mapping[str, str],
                     projector: bool = False) -> dict[str, Any]:
    """Left: the Hessian's largest and smallest eigenvalue against the step, with zero marked. Right: the size of
    the smallest where it is negative, on a log scale (how far from a minimum's curvature the point still is).
    ``words``: ``highest``, ``lowest``, ``negative`` (the right panel's axis), ``step``, ``eigenvalue``."""
    lk = look(projector)
    steps, lowest, highest = (np.asarray(a, dtype=float) for a in (steps, lowest, highest))
    negative = np.where(lowest < 0, -lowest, np.nan)
    data = [dict(type="scatter", x=steps, y=highest, mode="lines+markers", name=words["highest"],
                 line=dict(color=CLASS_COLORS[1], width=lk.line), marker=dict(size=0.6 * lk.marker),
                 hovertemplate=f"{words['step']} %{{x}}: %{{y:.4g}}<extra>{words['highest']}</extra>"),
            dict(type="scatter", x=steps, y=lowest, mode="lines+markers", name=words["lowest"],
                 line=dict(color=CLASS_COLORS[0], width=lk.line), marker=dict(size=0.6 * lk.marker),
                 hovertemplate=f"{words['step']} %{{x}}: %{{y:.4g}}<extra>{words['lowest']}</extra>"),
            dict(type="scatter", x=steps, y=negative, mode="lines+markers", name=words["negative"], showlegend=False,
                 xaxis="x2", yaxis="y2", line=dict(color=CLASS_COLORS[0], width=lk.line), marker=dict(size=0.6 * lk.marker),
                 hovertemplate=f"{words['step']} %{{x}}: %{{y:.3g}}<extra></extra>")]
    layout = base_layout(lk, height=460 if projector else 360, uirevision="curvature")
    layout.update(xaxis=dict(domain=[0.0, 0.46], automargin=True, title=_axis_title(words["step"], lk)),
                  yaxis=dict(automargin=True, title=_axis_title(words["eigenvalue"], lk), zeroline=True,
                             zerolinecolor=BLACK),
                  xaxis2=dict(domain=[0.56, 1.0], anchor="y2", automargin=True, title=_axis_title(words["step"], lk)),
                  yaxis2=dict(anchor="x2", type="log", automargin=True, exponentformat="power", dtick="D2",
                              title=_axis_title(words["negative"], lk)))
    return dict(data=data, layout=layout)


def sharpness_figure(alphas: Sequence[np.ndarray], losses: Sequence[np.ndarray], labels: Sequence[str],
                     colors: Sequence[str], *, words: Mapping[str, str], projector: bool = False) -> dict[str, Any]:
    """Each run's train loss along one filter-normalised direction through its final weights (α = 0 is the end).
    ``words``: ``alpha`` and ``loss`` (the axes)."""
    lk = look(projector)
    data = [dict(type="scatter", x=np.asarray(a, dtype=float), y=np.asarray(f, dtype=float), mode="lines", name=label,
                 line=dict(color=c, width=lk.line), hovertemplate=f"{label} · α = %{{x:.2f}}: %{{y:.4g}}<extra></extra>")
            for a, f, label, c in zip(alphas, losses, labels, colors)]
    layout = base_layout(lk, height=460 if projector else 360, uirevision="sharpness")
    layout.update(xaxis=dict(title=_axis_title(words["alpha"], lk), zeroline=True, automargin=True),
                  yaxis=dict(title=_axis_title(words["loss"], lk), rangemode="tozero", automargin=True))
    return dict(data=data, layout=layout)
