"""A labelled, coloured trajectory, the one builder of its drawn path (`path_traces`) and of landmark markers
beside it (`markers`), and the per-step series drawn from it (loss gap, gradient norm, distance)."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from .colors import CASING

if TYPE_CHECKING:  # figures draw trajectories; they never run them
    from optimizers.engine import Trajectory

    from .look import Look

# Added before taking a log, so an exact zero (a float32 loss that reached its minimum) still has a place on the axis.
LOG_FLOOR = 1e-12
DROPPED_BITS = 7  # float32 keeps 23 mantissa bits; 16 are sent
CASING_WIDTH = 2.2  # a white line this many times a path's width runs under it, so any colour reads on any level
HOVERS = ("loss", "compact", "position")  # what a path's hover shows besides its label and step (see `path_traces`)


@dataclass(frozen=True)
class Path:
    """One optimizer run as the figures draw it."""

    label: str
    color: str
    traj: Trajectory
    dash: str = "solid"


def f32(a) -> np.ndarray:
    """``a`` as float32 with a 16-bit mantissa (about 5 significant digits), the form every array is sent in.

    Plotly sends float32 arrays as base64 and escapes each "/" of it as six bytes.
    A value just under a power of two (0.9999993 on a plateau, say) has a mantissa
    of ones, whose base64 is mostly "/": a grid of them triples in size. Rounded to
    16 bits those values land on round binary numbers; nothing drawn can tell.
    """
    a = np.asarray(a, dtype=np.float32)
    bits = a.view(np.uint32)
    rounded = (bits + np.uint32(1 << (DROPPED_BITS - 1))) & np.uint32(~((1 << DROPPED_BITS) - 1) & 0xFFFFFFFF)
    return np.where(np.isfinite(a), rounded.view(np.float32), a)


def typed(a: np.ndarray) -> dict[str, str]:
    """A float32 array (already rounded by `f32`) as plotly's typed-array spec, the form plotly itself sends.

    Used for animation frames: plotly checks every NumPy array it is given (about
    0.1 ms each, on validation and again on serialisation), and a figure's frames
    hold hundreds of tiny ones. Encoded here, they pass straight through.
    """
    return {"dtype": "f4", "bdata": base64.b64encode(np.ascontiguousarray(a, dtype=np.float32)).decode("ascii")}


def path_traces(label: str, color: str, xy, lk: Look, *, loss=None, dash: str = "solid", width: float = 1.0,
                markers: float = 0.0, hover: str = "loss", step: str = "step", axes: tuple[str, str] = ("x", "y"),
                legend: bool = True, end: bool = False) -> list[dict[str, Any]]:
    """A path drawn on a contour: its line over a white casing, every figure's one way of drawing it.

    ``xy`` (n, 2) are the positions to draw (the caller cuts a run where it diverged or left the plot);
    ``width`` scales the line (and its casing); ``markers`` > 0 puts a dot of that size (relative to the
    look's marker) at every step. The hover reads "label · step k", then by ``hover``:

    - "loss": " · f = …" from ``loss`` (n,), sent beside the step;
    - "compact": the same, the step read from the point's index (a third less data);
    - "position": " · (x, y)".

    ``step`` is the word for "step" in the page's language ("" leaves it out); ``axes`` the axes it lies
    on; ``legend`` False keeps it out of the legend; ``end`` marks its last point with a cross (a path
    that hardly moves is still seen).
    """
    if hover not in HOVERS:
        raise ValueError(f"hover must be one of {HOVERS}, got {hover!r}")
    xy = np.asarray(xy)
    n = len(xy)
    common = dict(type="scatter", x=f32(xy[:, 0]), y=f32(xy[:, 1]), mode="lines", legendgroup=label,
                  xaxis=axes[0], yaxis=axes[1])
    casing = dict(common, line=dict(color=CASING, width=CASING_WIDTH * width * lk.line), showlegend=False,
                  hoverinfo="skip", name=f"{label} (casing)")
    at = f"{label} · {step} " if step else f"{label} · "
    if hover == "loss":  # steps stay exact below 2**17
        custom, text = f32(np.stack([np.arange(n), loss], axis=1)), at + "%{customdata[0]} · f = %{customdata[1]:.4g}"
    elif hover == "compact":
        custom, text = f32(loss), at + "%{pointNumber} · f = %{customdata:.4g}"
    else:
        custom, text = f32(np.arange(n)), at + "%{customdata} · (%{x:.3g}, %{y:.3g})"
    line = dict(common, line=dict(color=color, width=width * lk.line, dash=dash), name=label, showlegend=legend,
                customdata=custom, hovertemplate=text + "<extra></extra>")
    if markers:
        line.update(mode="lines+markers", marker=dict(size=markers * lk.marker, color=color))
    out = [casing, line]
    if end and n:
        out.append(dict(common, x=[float(xy[-1, 0])], y=[float(xy[-1, 1])], mode="markers", showlegend=False,
                        name=f"{label} (end)", customdata=[custom[-1].tolist()], hovertemplate=line["hovertemplate"],
                        marker=dict(symbol="x", size=lk.marker, color=color, line=dict(color=CASING, width=1))))
    return out


def markers(xy, hover: Sequence[str], name: str, **marker: Any) -> dict[str, Any]:
    """A few landmark markers on the contour (a start, the minima, where a run diverged): plain lists, each point
    hovering its own text."""
    pts = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    return dict(type="scatter", x=pts[:, 0].tolist(), y=pts[:, 1].tolist(), mode="markers", marker=marker,
                hovertext=list(hover), hoverinfo="text", name=name, showlegend=False, xaxis="x", yaxis="y")


def run_traces(p: Path, lk: Look, *, rows: int | None = None, **options: Any) -> list[dict[str, Any]]:
    """`path_traces` of a run: its first ``rows`` positions (default: up to its end or where it diverged)."""
    n = p.traj.last + 1 if rows is None else rows
    return path_traces(p.label, p.color, p.traj.xy[:n], lk, loss=p.traj.loss[:n], dash=p.dash, **options)



def has_f_min(traj: Trajectory) -> bool:
    return math.isfinite(traj.f_min)


def loss_gap(traj: Trajectory) -> np.ndarray:
    """``f − f_min`` (floored, for a log axis) when the minimum is known, else the raw loss. Length steps+1."""
    loss = traj.loss[: traj.last + 1].astype(np.float64)
    if not has_f_min(traj):
        return f32(loss)
    return f32(np.maximum(loss - traj.f_min, 0.0) + LOG_FLOOR)


def grad_norm(traj: Trajectory) -> np.ndarray:
    """‖∇f‖ at each step (floored, for a log axis). Length steps (or up to the divergence)."""
    g = traj.grad[: traj.last].astype(np.float64)
    return f32(np.hypot(g[:, 0], g[:, 1]) + LOG_FLOOR)


def learning_rate(traj: Trajectory) -> np.ndarray:
    """η_t at each step. Length steps (or up to the divergence)."""
    return f32(traj.lr[: traj.last])


def distance_to_minima(traj: Trajectory, minima: Sequence[tuple[float, float]]) -> np.ndarray:
    """Distance from each position to the nearest listed minimum (floored, for a log axis). Length steps+1."""
    xy = traj.xy[: traj.last + 1].astype(np.float64)
    m = np.asarray(minima, dtype=np.float64).reshape(-1, 2)
    d = np.sqrt(((xy[:, None, :] - m[None, :, :]) ** 2).sum(axis=-1)).min(axis=1)
    return f32(d + LOG_FLOOR)

