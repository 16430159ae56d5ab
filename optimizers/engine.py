"""The trajectory engine: any update rule on any surface, jitted and traced over steps with `lax.scan`.

One call runs one optimizer: ``run(surface, "adam", start, steps, learning_rate=...)``.
A run's way through the engine, one module per job:

1. `optimizers.plan`: the keywords, defaults filled from `optimizers.settings`, split into the
   static `Spec` (the compile-cache key) and the traced numbers, by name;
2. `optimizers.program`: the compiled loop (clip -> decay -> the rule, the gradient oracle, noise);
3. `optimizers.results`: the loop's output cut to the steps asked for, as a `Trajectory`.

`optimizers.sweeps` runs a grid of hyperparameters at once. Moving any numeric
slider reuses the compiled program; a run of ``S`` steps runs the smallest loop of
`plan.LENGTHS` that holds it (on a surface without data, at least `plan.CHEAP_LENGTH`).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import jax
import numpy as np

from . import program
from .plan import (CHEAP_LENGTH, DIVERGENCE_FACTOR, LENGTHS, MAX_STEPS, arguments, loop_length, plan, scan_length,
                   start_of, x64)
from .results import SweepResult, Trajectory, positions, trajectory
from .sweeps import sweep

__all__ = ["CHEAP_LENGTH", "DIVERGENCE_FACTOR", "LENGTHS", "MAX_STEPS", "SweepResult", "Trajectory", "loop_length",
           "run", "run_batch", "run_many", "scan_length", "sweep", "trace_count"]


def run(surface, name: str, start=None, steps: int = 200, *, dtype: str = "float32", **hyperparams) -> Trajectory:
    """Run the rule ``name`` on ``surface`` from ``start`` for ``steps`` steps.

    ``hyperparams`` are the rule's own (optax names: ``learning_rate``, ``momentum``,
    ``b1``, ``b2``, ``eps``, ``decay``, ...), the engine's (``clip_norm``,
    ``clip_value``, ``schedule`` and its parameters, ``warmup_steps``, ``noise``,
    ``batch_size``, ``drop_last``, ``seed``, ``weight_decay``) and the surface's
    own traced parameters (e.g. ``condition``); `optimizers.settings` lists them with
    their defaults and ranges. Unknown names raise `ValueError`. ``learning_rate``
    may be a callable schedule ``step -> η`` (optax's convention) instead of a number.

    The program is compiled for ``loop_length(surface, steps)`` steps (`scan_length`, and on a
    surface without data never fewer than `CHEAP_LENGTH`) and reused for every step count that
    rounds up to the same length.
    """
    p = plan(surface, name, steps, hyperparams)
    start = start_of(surface, start)
    with jax.enable_x64(x64(dtype)):
        hp, sp, data, xy0, seed = arguments(p, surface, start)
        out = jax.tree.map(np.asarray, program.trajectory(p.spec, hp, sp, data, xy0, seed))
    return trajectory(name, out, xy0, p)


def run_many(surface, runs: Sequence[tuple[str, Mapping[str, Any]]], start=None, steps: int = 200, *,
             dtype: str = "float32") -> list[Trajectory]:
    """Several rules from the same start in ONE compiled program: ``runs`` is ``[(name, hyperparams), ...]``.

    The same paths as calling `run` for each, at a fraction of the cost (one call,
    one loop whose every step advances all runs). The program is compiled per
    combination of rules, so an app that lets users mix rules freely is better
    served by `run`, whose programs are compiled once per rule.
    """
    plans = [plan(surface, name, steps, hp) for name, hp in runs]
    if not plans:
        return []
    start = start_of(surface, start)
    with jax.enable_x64(x64(dtype)):
        args = [arguments(p, surface, start) for p in plans]
        outs = program.trajectories(tuple(p.spec for p in plans), tuple(a[0] for a in args), tuple(a[1] for a in args),
                                    args[0][2], args[0][3], tuple(a[4] for a in args))
        outs = jax.tree.map(np.asarray, outs)
    return [trajectory(name, out, args[0][3], p) for (name, _), out, p in zip(runs, outs, plans)]


def run_batch(surface, name: str, starts, steps: int = 200, *, seeds=None, dtype: str = "float32",
              **hyperparams) -> np.ndarray:
    """Many runs of one rule with the same hyperparameters in ONE vmapped program: one per start, or one per seed.

    ``starts`` is (M, 2), or one (x, y) repeated for every seed; ``seeds`` (M,) whole numbers (the noise's), or
    None for seed 0 everywhere. Returns every run's positions, (M, steps + 1, 2) with the start first, NaN after a
    divergence: row ``m`` is exactly ``run(surface, name, starts[m], steps, seed=seeds[m], ...).xy``.
    """
    p = plan(surface, name, steps, hyperparams, length=scan_length(steps))  # every run of the batch pays every step
    xy0 = np.asarray(starts, dtype=float)
    m = None if seeds is None else np.asarray(seeds).size
    xy0 = np.broadcast_to(xy0, (m or 1, 2)) if xy0.ndim == 1 else xy0
    if xy0.ndim != 2 or xy0.shape[1] != 2 or not np.all(np.isfinite(xy0)) or (m is not None and m != len(xy0)):
        raise ValueError(f"starts must be finite (x, y) pairs, one per seed, got shape {np.shape(starts)}")
    seed_arr = np.zeros(len(xy0), np.int64) if seeds is None else np.asarray(seeds).ravel()
    if not np.issubdtype(seed_arr.dtype, np.integer) or np.any((seed_arr < 0) | (seed_arr >= 2**31)):
        raise ValueError("seeds must be whole numbers from 0 to 2**31-1")
    with jax.enable_x64(x64(dtype)):
        hp, sp, data, start, _ = arguments(p, surface, xy0[0])
        out = program.batch(p.spec, hp, sp, data, xy0.astype(start.dtype), seed_arr.astype(np.int32))
        out = jax.tree.map(np.asarray, out)
    return positions(xy0, out, p.steps)


def trace_count() -> int:
    """How many times the engine has traced (and so compiled) a program so far."""
    return program.TRACE_COUNT
