"""From a scene to what the Playground draws: the surface, one trajectory per contestant, a summary.

Pure functions over the numerical core; the page caches them. A failure (a
rejected formula, a setting the engine refuses) becomes a message, never an
exception on screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

import landscapes
import optimizers

from .i18n import rule_title, t
from .scene import EXPRESSION, Contestant, Scene

# a run "reaches the minimum" when its loss is within this fraction of the way down from the start
RELATIVE_TOLERANCE = 1e-3


@dataclass(frozen=True)
class Result:
    """One contestant's outcome: a trajectory, or the reason it has none."""

    index: int
    label: str
    contestant: Contestant
    traj: optimizers.Trajectory | None
    error: str | None = None


def make_surface(scene: Scene):
    """The scene's surface; `ValueError` (with a message for the user) for a formula the parser refuses."""
    if scene.surface == EXPRESSION:
        return landscapes.from_expression(scene.formula)
    return landscapes.get(scene.surface, **scene.surface_params)


def label(index: int, c: Contestant, lang: str) -> str:
    """'1 · Adam η=0.05': the number, the rule and its learning rate, so two runs of one rule differ.
    Plain steps read GD on the exact gradient, SGD on a sampled one (mini-batches or noise)."""
    s = c.settings()
    lr = s.get("learning_rate")
    extra = ""
    if s["clip_norm"] is not None or s["clip_value"] is not None:
        extra += " ✂"
    if c.hp.get("noise", 0):
        extra += " σ"
    stochastic = s["batch_size"] is not None or bool(s["noise"])
    return f"{index} · {rule_title(c.rule, lang, stochastic=stochastic)} η={lr:.3g}{extra}"


def run_scene(surface, scene: Scene, reuse: Mapping[tuple, optimizers.Trajectory] | None = None) -> list[Result]:
    """Every contestant from the scene's start; each failure is kept as its message.

    ``reuse``: trajectories by `run_key` (a page's runs from its last rerun); a contestant whose key is there is
    not run again (a move of one contestant's slider leaves the others' runs as they were)."""
    results = []
    for i, c in enumerate(scene.contestants, start=1):
        name = label(i, c, scene.lang)
        traj = None if reuse is None else reuse.get(run_key(scene, c))
        if traj is not None:
            results.append(Result(i, name, c, traj))
            continue
        try:
            traj = optimizers.run(surface, c.rule, start=scene.start, steps=scene.steps, seed=scene.seed, **c.settings())
            results.append(Result(i, name, c, traj))
        except ValueError as err:
            results.append(Result(i, name, c, None, str(err)))
    return results


def run_key(scene: Scene, c: Contestant) -> tuple:
    """Everything one contestant's run depends on: the surface, the start, the steps, the seed, its rule and
    settings (not its place in the race nor the language)."""
    return (scene.surface, tuple(sorted(scene.surface_params.items())), scene.formula, scene.start, scene.steps,
            scene.seed, c.rule, tuple(sorted(c.settings().items())))


def reusable(scene: Scene, results: list[Result]) -> dict[tuple, optimizers.Trajectory]:
    """The trajectories of ``results`` by `run_key`, for `run_scene`'s ``reuse`` on the next rerun."""
    return {run_key(scene, r.contestant): r.traj for r in results if r.traj is not None}


def tolerance(surface, traj: optimizers.Trajectory) -> float:
    """10⁻³ of the height from the start down to the minimum (the sweep's default too)."""
    f_star = 0.0 if math.isnan(traj.f_min) else traj.f_min
    return RELATIVE_TOLERANCE * max(float(traj.loss[0]) - f_star, 1e-12)


def summary_rows(surface, results: list[Result], lang: str) -> list[dict]:
    """One row per contestant: final loss, steps to tolerance, step of divergence."""
    rows = []
    for r in results:
        if r.traj is None:
            continue
        finite = r.traj.loss[np.isfinite(r.traj.loss)]
        rows.append({
            t("pg.col.optimizer", lang): r.label,
            t("pg.col.final_loss", lang): float(finite[-1]) if finite.size else math.nan,
            t("pg.col.steps_to_tol", lang): r.traj.steps_to(tolerance(surface, r.traj)),
            t("pg.col.diverged_at", lang): r.traj.diverged_at,
        })
    return rows
