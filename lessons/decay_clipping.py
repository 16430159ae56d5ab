r"""Lesson 7's computations: weight decay coupled (L2 inside Adam) and decoupled (AdamW), and gradient clipping.

1. Adam with L2 minimises f + λ/2‖θ‖²: on f = Σ aᵢ(θᵢ − cᵢ)² its minimum is θᵢ = 2aᵢcᵢ/(2aᵢ + λ) (`l2_minimum`).
   Inside Adam the decay λθ is divided by √v̂ like the gradient, so it pulls hardest where gradients are small;
   AdamW subtracts ηλθ outside the normalisation, alike in every coordinate (`decay_rates`).
2. Clipping by norm scales a gradient to length ≤ c and keeps its direction; clipping by value caps each
   coordinate at ±c, so a step is at most ηc√2 long and turns towards the diagonal (`wall_gradient`).

Pure: runs of the engine and the real clipping transforms, no Streamlit, no plotly.
"""

from __future__ import annotations

import functools
import math
from typing import Sequence

import numpy as np

import landscapes
import optimizers
from optimizers import clipping


# the decay surface: f = a(x − cx)² + b(y − cy)², its minimum away from the origin, y ten times steeper
SCALES, CENTRE = (1.0, 10.0), (2.5, 1.5)
FORMULA = " + ".join(("" if a == 1 else f"{a:g}*") + f"({v}-{c:g})**2" for a, v, c in zip(SCALES, "xy", CENTRE))
DECAY_WINDOW = ((-0.3, 2.9), (-0.3, 2.1))  # the part of the surface drawn: the origin, the minimum, and between
DECAY_GRID = 100
DECAY_START = (0.0, 0.0)  # weights usually start small: the runs grow out of the origin towards the minimum
ADAM_LR = 0.05
DECAY_STEPS = 2000
RATE_STEPS = 300  # the decay-per-step figure shows the first steps
LAMBDAS = np.round(np.linspace(0.0, 1.0, 11), 2)  # the endpoints' λ grid (the Playground's weight-decay range)
METHODS = {"l2": "adam", "decoupled": "adamw"}
# the clipping scene: the cliff, started close to the wall and high on the slope, so the wall is met with a sideways gradient
CLIP_START = (-1.6, 2.5)
CLIP_STEPS = 60


# ----------------------------------------------------------------------------
# 1) weight decay


@functools.lru_cache(maxsize=1)
def decay_surface():
    """f = (x − 2.5)² + 10(y − 1.5)²: the lesson's surface, typed as a formula (so the Playground can open it)."""
    return landscapes.from_expression(FORMULA)


def decay_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The surface over `DECAY_WINDOW`, as float32 arrays."""
    xs, ys, z = decay_surface().grid(DECAY_GRID, domain=DECAY_WINDOW)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def decay_runs(lam: float, steps: int = DECAY_STEPS) -> dict:
    """Adam with L2 ("l2") and AdamW ("decoupled") at weight decay ``lam`` from the origin: {method: Trajectory}."""
    return {m: optimizers.run(decay_surface(), rule, start=DECAY_START, steps=steps, learning_rate=ADAM_LR,
                              weight_decay=lam) for m, rule in METHODS.items()}


def endpoints() -> dict[str, np.ndarray]:
    """Where each method ends for every λ of `LAMBDAS`: {method: (len(LAMBDAS), 2)}."""
    runs = [decay_runs(float(lam)) for lam in LAMBDAS]
    return {m: np.array([r[m].xy[-1] for r in runs]) for m in METHODS}


def decay_rates(runs: dict, lam: float, steps: int = RATE_STEPS) -> dict[str, np.ndarray]:
    """How much of θ each method's decay removes per step over the first ``steps``: λ·η/(√v̂ᵢ + ε) per coordinate
    inside Adam ("l2 x", "l2 y"), λ·η for AdamW in both ("decoupled")."""
    l2 = lam * runs["l2"].state["effective_lr"][:steps]
    return {"l2 x": l2[:, 0], "l2 y": l2[:, 1], "decoupled": lam * runs["decoupled"].lr[:steps]}


def weaker_in_adam(runs: dict, steps: int = RATE_STEPS) -> list[float]:
    """Per coordinate: how many times weaker L2's mean pull is inside Adam than AdamW's, over the first ``steps``."""
    l2, dec = runs["l2"], runs["decoupled"]
    return [float(np.mean(dec.lr[:steps]) / np.mean(l2.state["effective_lr"][:steps, c])) for c in (0, 1)]


def pull(runs: dict) -> dict[str, np.ndarray]:
    """Per method and coordinate: the share of the way from the minimum of f back to 0 where the run ended."""
    return {m: 1 - tr.xy[-1] / np.asarray(CENTRE) for m, tr in runs.items()}


def l2_minimum(scales: Sequence[float], centre: Sequence[float], lam: float) -> np.ndarray:
    """The minimum of Σ aᵢ(θᵢ − cᵢ)² + λ/2‖θ‖².

    Setting the gradient 2aᵢ(θᵢ − cᵢ) + λθᵢ to zero gives θᵢ = 2aᵢcᵢ/(2aᵢ + λ).
    """
    a, c = np.asarray(scales, dtype=np.float64), np.asarray(centre, dtype=np.float64)
    return 2 * a * c / (2 * a + lam)


def largest_step(traj) -> tuple[float, int]:
    """The longest single step ‖θ_{t+1} − θ_t‖ of a run, and the step it happened at."""
    d = np.linalg.norm(np.diff(traj.xy[: traj.last + 1].astype(np.float64), axis=0), axis=1)
    k = int(np.nanargmax(d))
    return float(d[k]), k


def cliff_step(traj) -> int:
    """The step whose raw gradient was largest: where the run met the wall."""
    g = traj.grad[: traj.last].astype(np.float64)
    return int(np.nanargmax(np.linalg.norm(g, axis=1)))


def axis_angle(g) -> float:
    """The angle in degrees between a 2-D vector and the axis of its larger coordinate (0°: along it, 45°: the
    diagonal). Clipping by value caps that larger coordinate first, so it can only raise this angle."""
    g = np.abs(np.asarray(g, dtype=np.float64))
    return math.degrees(math.atan2(float(g.min()), float(g.max())))


def dominant_axis(g) -> int:
    """0 when |g_x| ≥ |g_y|, else 1: the coordinate a wall's gradient is mostly made of."""
    g = np.abs(np.asarray(g, dtype=np.float64))
    return 0 if g[0] >= g[1] else 1


def angle_between(a, b) -> float:
    """The angle between two 2-D vectors, in degrees (atan2 of cross and dot: exact near 0° and 180° too)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return math.degrees(math.atan2(abs(a[0] * b[1] - a[1] * b[0]), float(a @ b)))


# ----------------------------------------------------------------------------
# 2) clipping


def clip_runs(learning_rate: float, c: float) -> dict:
    """GD on the cliff unclipped ("none"), clipped by norm ("norm") and by value ("value") at ``c``."""
    kwargs = {"none": {}, "norm": {"clip_norm": c}, "value": {"clip_value": c}}
    return {m: optimizers.run(landscapes.get("cliff"), "sgd", start=CLIP_START, steps=CLIP_STEPS,
                              learning_rate=learning_rate, **kw) for m, kw in kwargs.items()}


def wall_gradient(traj, c: float) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """The step at which a run met the wall, its raw gradient there, and that gradient clipped by norm and by value
    at ``c`` by the engine's own transforms."""
    k = cliff_step(traj)
    raw = traj.grad[k].astype(np.float64)
    by_norm = np.asarray(clipping.clip_by_global_norm(c).update(raw, None)[0], dtype=np.float64)
    by_value = np.asarray(clipping.clip(c).update(raw, None)[0], dtype=np.float64)
    return k, raw, by_norm, by_value


def step_bounds(learning_rate: float, c: float) -> dict[str, float | None]:
    """The longest step clipping allows: none unclipped, ηc by norm, ηc√2 by value (each coordinate at most ηc)."""
    return {"none": None, "norm": learning_rate * c, "value": learning_rate * c * math.sqrt(2)}
