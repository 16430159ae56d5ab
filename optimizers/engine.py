"""The trajectory engine: any update rule on any surface, jitted and traced over steps with `lax.scan`.

One call runs one optimizer: ``run(surface, "adam", start, steps, learning_rate=...)``.
The chain it runs is always

    clip by global norm -> clip by value -> coupled L2 decay -> the rule (ending in -η_t)

with the gradient coming from the oracle (`optimizers.oracle`). Clipping and
decay are always in the chain (an ``inf`` threshold, a zero decay) so turning
them on is a number changing, not a new program.

What is compiled and what is traced: the loop's length, the rule, its boolean
or named choices (``nesterov``, ``bias_correction``, ``form``), the schedule's
name and ``staircase``, and the surface's code and array shapes are static;
every number (learning rate, betas, eps, decay, schedule parameters, warmup,
clip thresholds, weight decay, noise, batch size, seed, the start, the surface's
parameters and data) is a traced argument. Moving any numeric slider reuses the
compiled program.

The step count is not the loop's length: a run of ``S`` steps runs the smallest
of `LENGTHS` (50, 100, 200, 500, 1000, ... steps) that holds ``S`` and keeps its
first ``S`` steps. The loop is causal (step ``t`` never sees step ``t + 1``), so
those are exactly the run of ``S`` steps, and a steps slider compiles once per
length, not once per value. Every step-numbered input is the same in a longer
loop: the mini-batch of step ``t`` depends on ``t`` and the seed only, and the
noise ξ_t is element ``t`` of one counter-based draw (see `_noise_draws`), so
lengthening a run keeps its beginning.

Divergence: a position or loss that is not finite, or a position farther than
``DIVERGENCE_FACTOR`` times the plotting domain's half-width from its centre,
marks the step as diverged. Values after that step are NaN.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import jax
import jax.numpy as jnp
import numpy as np

from . import oracle, schedules
from .base import GradientTransformation, apply_updates, chain
from .clipping import clip, clip_by_global_norm
from .registry import Rule, rule_info
from .weight_decay import add_decayed_weights

DIVERGENCE_FACTOR = 100.0
MAX_STEPS = 100_000
# The loop lengths a run is compiled for: 1-2-5 steps up to MAX_STEPS (at most 2.5x the steps asked for).
LENGTHS = (50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, MAX_STEPS)

# Keywords the engine takes beside the rule's own, with their defaults.
ENGINE_DEFAULTS: dict[str, Any] = {
    "clip_norm": None,
    "clip_value": None,
    "schedule": "constant",
    "transition_steps": 100.0,
    "decay_rate": 0.5,
    "staircase": False,
    "decay_steps": None,  # cosine: the steps asked for when not given (not the loop's length)
    "alpha": 0.0,
    "warmup_steps": 0.0,
    "noise": 0.0,
    "batch_size": None,
    "drop_last": False,
    "seed": 0,
    "weight_decay": 0.0,  # coupled L2 for rules without a weight_decay of their own
}

# How many times the engine's functions have been traced (a trace precedes every compile).
TRACE_COUNT = 0


@dataclass(frozen=True)
class Trajectory:
    """One optimizer's path. Arrays are NumPy; rows after ``diverged_at`` are NaN.

    ``xy`` (steps+1, 2) and ``loss`` (steps+1,) include the start; ``lr`` and
    ``grad`` (steps, ...) are what step ``t`` used; ``state`` holds the rule's
    internals after each step (``velocity``, ``second_moment``, ``effective_lr``,
    each (steps, 2)) where the rule has them.
    """

    name: str
    xy: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    grad: np.ndarray
    state: Mapping[str, np.ndarray]
    diverged_at: int | None
    f_min: float
    hyperparams: Mapping[str, Any] = field(default_factory=dict)
    iterations_per_epoch: int | None = None

    @property
    def steps(self) -> int:
        return self.lr.shape[0]

    def steps_to(self, tol: float) -> int | None:
        """The first step whose loss is within ``tol`` of the surface's minimum (0 when none is listed)."""
        f_star = 0.0 if math.isnan(self.f_min) else self.f_min
        hit = np.flatnonzero(np.nan_to_num(self.loss, nan=np.inf) - f_star <= tol)
        return int(hit[0]) if hit.size else None


@dataclass(frozen=True)
class SweepResult:
    """Final loss and steps-to-tolerance over a grid of one or two hyperparameters.

    ``final_loss[i, j]`` is the loss after the last step with ``axes[0] = values[0][i]``
    and ``axes[1] = values[1][j]``; NaN where the run diverged. ``steps_to_tol`` is
    the first step within ``tol`` of the minimum, NaN where never reached.
    """

    name: str
    axes: tuple[str, ...]
    values: tuple[np.ndarray, ...]
    final_loss: np.ndarray
    steps_to_tol: np.ndarray
    diverged_at: np.ndarray
    tol: float
    steps: int


@dataclass(frozen=True)
class _Spec:
    """Everything static about a run: its hash is the compile-cache key."""

    value: Callable
    sample_value: Callable | None
    n_samples: int | None
    rule: str
    static_kw: tuple[tuple[str, Any], ...]
    traced_rule_keys: tuple[str, ...]
    schedule: Any  # a name, or a callable step -> learning rate
    staircase: bool
    length: int  # the loop's length: `scan_length` of the steps asked for (a sweep's: the steps themselves)
    hp_names: tuple[str, ...]  # order of the packed hyperparameter vector
    sp_names: tuple[str, ...]  # order of the packed surface-parameter vector
    n_minima: int
    stages: tuple[str, ...] = ("clip_norm", "clip_value", "l2")  # chain stages in front of the rule


# ----------------------------------------------------------------------------
# public API


def run(surface, name: str, start=None, steps: int = 200, *, dtype: str = "float32", **hyperparams) -> Trajectory:
    """Run the rule ``name`` on ``surface`` from ``start`` for ``steps`` steps.

    ``hyperparams`` are the rule's own (optax names: ``learning_rate``, ``momentum``,
    ``b1``, ``b2``, ``eps``, ``decay``, ...), the engine's (``clip_norm``,
    ``clip_value``, ``schedule`` and its parameters, ``warmup_steps``, ``noise``,
    ``batch_size``, ``drop_last``, ``seed``, ``weight_decay``) and the surface's
    own traced parameters (e.g. ``condition``). Unknown names raise `ValueError`.

    The program is compiled for ``scan_length(steps)`` steps and reused for every
    step count that rounds up to the same length.
    """
    spec, traced, surf_params, info = _plan(surface, name, steps, hyperparams)
    start = _start(surface, start)
    with jax.enable_x64(_x64(dtype)):
        args = _device_args(spec, surface, traced, surf_params, start, info["seed"])
        out = _trajectory_jit(spec, *args)
        out = jax.tree.map(np.asarray, out)
    return _as_trajectory(name, out, args[3], info)


def run_many(
    surface, runs: Sequence[tuple[str, Mapping[str, Any]]], start=None, steps: int = 200, *, dtype: str = "float32"
) -> list[Trajectory]:
    """Several rules from the same start in ONE compiled program: ``runs`` is ``[(name, hyperparams), ...]``.

    The same paths as calling `run` for each, at a fraction of the cost (one call,
    one loop whose every step advances all runs). The program is compiled per
    combination of rules, so an app that lets users mix rules freely is better
    served by `run`, whose programs are compiled once per rule.
    """
    plans = [_plan(surface, name, steps, hp) for name, hp in runs]
    if not plans:
        return []
    start = _start(surface, start)
    with jax.enable_x64(_x64(dtype)):
        args = [_device_args(spec, surface, traced, sp, start, info["seed"]) for spec, traced, sp, info in plans]
        specs = tuple(p[0] for p in plans)
        outs = _trajectories_jit(specs, tuple(a[0] for a in args), tuple(a[1] for a in args), args[0][2], args[0][3],
                                 tuple(a[4] for a in args))
        outs = jax.tree.map(np.asarray, outs)
    return [_as_trajectory(name, out, args[0][3], p[3]) for (name, _), out, p in zip(runs, outs, plans)]


def run_batch(surface, name: str, starts, steps: int = 200, *, seeds=None, dtype: str = "float32",
              **hyperparams) -> np.ndarray:
    """Many runs of one rule with the same hyperparameters in ONE vmapped program: one per start, or one per seed.

    ``starts`` is (M, 2), or one (x, y) repeated for every seed; ``seeds`` (M,) whole numbers (the noise's), or
    None for seed 0 everywhere. Returns every run's positions, (M, steps + 1, 2) with the start first, NaN after a
    divergence: row ``m`` is exactly ``run(surface, name, starts[m], steps, seed=seeds[m], ...).xy``.
    """
    spec, traced, surf_params, info = _plan(surface, name, steps, hyperparams)
    xy0 = np.asarray(starts, dtype=float)
    m = None if seeds is None else np.asarray(seeds).size
    xy0 = np.broadcast_to(xy0, (m or 1, 2)) if xy0.ndim == 1 else xy0
    if xy0.ndim != 2 or xy0.shape[1] != 2 or not np.all(np.isfinite(xy0)) or (m is not None and m != len(xy0)):
        raise ValueError(f"starts must be finite (x, y) pairs, one per seed, got shape {np.shape(starts)}")
    seed_arr = np.zeros(len(xy0), np.int64) if seeds is None else np.asarray(seeds).ravel()
    if not np.issubdtype(seed_arr.dtype, np.integer) or np.any((seed_arr < 0) | (seed_arr >= 2**31)):
        raise ValueError("seeds must be whole numbers from 0 to 2**31-1")
    with jax.enable_x64(_x64(dtype)):
        hp, sp, data, _, _ = _device_args(spec, surface, traced, surf_params, xy0[0], 0)
        out = _batch_jit(spec, hp, sp, data, xy0.astype(hp.dtype), seed_arr.astype(np.int32))
        out = jax.tree.map(np.asarray, out)
    s = info["steps"]
    xy = np.concatenate([xy0[:, None].astype(out["xy"].dtype), out["xy"][:, :s]], axis=1)
    bad = np.concatenate([out["bad"], out["final_bad"][:, None]], axis=1)[:, : s + 1]
    for row, b in zip(xy, bad):  # as `_as_trajectory`: NaN after the first diverged position
        if b.any():
            row[int(np.argmax(b)) + 1 :] = np.nan
    return xy


def _as_trajectory(name: str, out: dict, start: np.ndarray, info: dict) -> Trajectory:
    """The program's output as a `Trajectory`: its first ``steps`` steps, the start prepended, NaN after a divergence.

    The loop ran ``spec.length >= steps`` steps. Row ``t`` of every output depends
    on steps ``0..t`` only, so cutting each at the steps asked for gives the run of
    that many steps: its losses, its divergence test and ``steps_to`` never see the
    rest of the loop. The cuts are copies (writable: rows after a divergence become
    NaN; and a kept trajectory does not hold the loop's tail).
    """
    s = info["steps"]
    # position t = 0..s: the start, then the position after each step
    xy = np.concatenate([start[None], out["xy"][:s]], axis=0)
    # loss and divergence of position t = 0..s: the loop's value at step t (taken before it moves), or the final one
    loss = np.concatenate([out["loss"], out["final_loss"][None]])[: s + 1]
    bad = np.concatenate([out["bad"], out["final_bad"][None]])[: s + 1]
    diverged_at = int(np.argmax(bad)) if bad.any() else None
    grad, lr = out["grad"][:s].copy(), out["lr"][:s].copy()
    state = {k: v[:s].copy() for k, v in out["state"].items()}
    if diverged_at is not None:
        xy[diverged_at + 1 :] = np.nan
        loss[diverged_at + 1 :] = np.nan
        grad[diverged_at:] = np.nan
        lr[diverged_at:] = np.nan
        for v in state.values():
            v[diverged_at:] = np.nan
    return Trajectory(
        name=name,
        xy=xy,
        loss=loss,
        lr=lr,
        grad=grad,
        state=state,
        diverged_at=diverged_at,
        f_min=float(out["f_min"]),
        hyperparams=info["hyperparams"],
        iterations_per_epoch=info["ipe"],
    )


def sweep(
    surface,
    name: str,
    start=None,
    steps: int = 200,
    grid: Mapping[str, Any] | None = None,
    *,
    tol: float | None = None,
    dtype: str = "float32",
    **fixed,
) -> SweepResult:
    """Run every combination of one or two hyperparameters at once (vmap) and summarise each run.

    ``grid`` maps one or two numeric hyperparameter names to 1-D arrays of
    values. ``tol`` defaults to 10⁻³ of the start's distance above the minimum.
    """
    if not grid or len(grid) > 2:
        raise ValueError("grid must name one or two numeric hyperparameters, e.g. {'learning_rate': lrs, 'b1': b1s}")
    axes = tuple(grid)
    values = tuple(np.asarray(grid[k], dtype=float).ravel() for k in axes)
    for k, v in zip(axes, values):
        if v.size == 0 or not np.all(np.isfinite(v)):
            raise ValueError(f"grid values for {k} must be a non-empty array of finite numbers")
    probe_values = {k: float(v[0]) for k, v in zip(axes, values)}
    spec, traced, surf_params, info = _plan(surface, name, steps, {**fixed, **probe_values})
    # a rule without a weight decay of its own gets the engine's coupled L2 term, traced as "l2"
    internal = tuple("l2" if k == "weight_decay" and "weight_decay" not in rule_info(name).accepts else k for k in axes)
    for k, k_in in zip(axes, internal):
        if k_in not in traced and k_in not in surf_params:
            raise ValueError(f"{k} cannot be swept: only numeric hyperparameters can")
    if tol is not None:
        tol = _positive("tol", tol)
    # a sweep is one big computation: leave out the stages that are off (their thresholds are
    # infinite, the decay zero and not swept); toggling one recompiles, moving one does not
    off = {"clip_norm": math.isinf(traced["clip_norm"]), "clip_value": math.isinf(traced["clip_value"]), "l2": traced["l2"] == 0}
    stages = tuple(k for k in spec.stages if k in internal or not off[k])
    # and it loops exactly `steps` times: it keeps only a summary of each run, and summarising
    # step S of a longer loop would cost every cell a test per step; a sweep compiles per step count
    spec = dataclasses.replace(spec, stages=stages, length=steps)
    start = _start(surface, start)
    mesh = np.meshgrid(*values, indexing="ij")
    with jax.enable_x64(_x64(dtype)):
        hp, sp, data, xy0, seed = _device_args(spec, surface, traced, surf_params, start, info["seed"])
        grid_values = np.stack([m.ravel() for m in mesh]).astype(hp.dtype)
        final, hit, div, tol = _sweep_jit(spec, internal, hp, sp, grid_values, data, xy0, seed, math.nan if tol is None else tol)
        final, hit, div, tol = (np.asarray(a) for a in (final, hit, div, tol))
    shape = tuple(v.size for v in values)
    final = np.where(div >= 0, np.nan, final).reshape(shape)
    hit = np.where(hit >= 0, hit, np.nan).reshape(shape)
    div = np.where(div >= 0, div, np.nan).reshape(shape)
    return SweepResult(name, axes, values, final, hit, div, float(tol), steps)


def trace_count() -> int:
    """How many times the engine has traced (and so compiled) a program so far."""
    return TRACE_COUNT


def scan_length(steps: int) -> int:
    """The loop length a run of ``steps`` steps is compiled for: the smallest of `LENGTHS` that holds it."""
    return LENGTHS[bisect.bisect_left(LENGTHS, steps)]


# ----------------------------------------------------------------------------
# planning: split keywords into static and traced parts


def _plan(surface, name: str, steps, kwargs: Mapping[str, Any]):
    rule = rule_info(name)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 1 to {MAX_STEPS}, got {steps!r}")
    steps = int(steps)
    rule_kw = {h.name: h.default for h in rule.hyperparams}
    engine_kw = dict(ENGINE_DEFAULTS)
    surf_params = dict(surface.params)
    for k, v in kwargs.items():
        if k in rule.accepts:
            rule_kw[k] = v
        elif k in engine_kw:
            engine_kw[k] = v
        elif k in surf_params:
            surf_params[k] = _finite(k, v)
        else:
            allowed = sorted(set(rule.accepts) | set(engine_kw) | set(surf_params))
            raise ValueError(f"{name}: unknown hyperparameter {k!r}; allowed: {', '.join(allowed)}")

    schedule = engine_kw["schedule"]
    if callable(rule_kw.get("learning_rate")):
        schedule, rule_kw["learning_rate"] = rule_kw["learning_rate"], 0.0
    if not callable(schedule) and schedule not in schedules.NAMES:
        raise ValueError(f"unknown schedule {schedule!r}; choose one of {', '.join(schedules.NAMES)}")
    if "learning_rate" not in rule_kw:
        raise ValueError(f"{name}: learning_rate is required")

    static_kw, traced_rule = {}, {}
    specs = {h.name: h for h in rule.hyperparams}
    for k, v in rule_kw.items():
        v = bool(v) if isinstance(v, np.bool_) else v
        h = specs.get(k)
        if h is not None and not h.numeric:
            # a choice (a boolean, a form's name) changes the program: static, and only known values
            if not any(type(v) is type(c) and v == c for c in h.choices):
                raise ValueError(f"{name}: {k} must be one of {', '.join(map(repr, h.choices))}, got {v!r}")
            static_kw[k] = v
        elif h is None and (isinstance(v, (bool, str)) or v is None):
            static_kw[k] = v  # an optax optimizer's own option
        else:
            traced_rule[k] = _finite(k, v)

    batch_size = engine_kw["batch_size"]
    n = surface.n_samples
    if batch_size is None:
        batch_size = n if n is not None else 1.0
    batch_size = _finite("batch_size", batch_size)
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if engine_kw["decay_steps"] is None:
        engine_kw["decay_steps"] = steps
    (x0, x1), (y0, y1) = surface.domain
    half = max(x1 - x0, y1 - y0) / 2
    traced = {
        **traced_rule,
        "clip_norm": _threshold("clip_norm", engine_kw["clip_norm"]),
        "clip_value": _threshold("clip_value", engine_kw["clip_value"]),
        "transition_steps": _positive("transition_steps", engine_kw["transition_steps"]),
        "decay_rate": _finite("decay_rate", engine_kw["decay_rate"]),
        "decay_steps": _positive("decay_steps", engine_kw["decay_steps"]),
        "alpha": _finite("alpha", engine_kw["alpha"]),
        "warmup_steps": max(_finite("warmup_steps", engine_kw["warmup_steps"]), 0.0),
        "noise": _finite("noise", engine_kw["noise"]),
        "batch_size": batch_size,
        "drop_last": 1.0 if engine_kw["drop_last"] else 0.0,
        "l2": 0.0 if "weight_decay" in rule.accepts else _finite("weight_decay", engine_kw["weight_decay"]),
        "center_x": (x0 + x1) / 2,
        "center_y": (y0 + y1) / 2,
        "bound": DIVERGENCE_FACTOR * half,
    }
    spec = _Spec(
        value=surface.value,
        sample_value=surface.sample_value,
        n_samples=n,
        rule=name,
        static_kw=tuple(sorted(static_kw.items())),
        traced_rule_keys=tuple(sorted(traced_rule)),
        schedule=schedule,
        staircase=bool(engine_kw["staircase"]),
        length=scan_length(steps),
        hp_names=tuple(sorted(traced)),
        sp_names=tuple(sorted(surf_params)),
        n_minima=len(surface.minima),
    )
    seed = engine_kw["seed"]
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise ValueError(f"seed must be a whole number from 0 to 2**31-1, got {seed!r}")
    ipe = None
    if n is not None:
        b = min(max(int(batch_size), 1), n)
        ipe = max(n // b if engine_kw["drop_last"] else -(-n // b), 1)
    info = {
        "steps": steps,
        "seed": int(seed),
        "hyperparams": {**rule_kw, **engine_kw, **{k: surf_params[k] for k in surf_params}},
        "ipe": ipe,
    }
    return spec, traced, surf_params, info


def _finite(name, v) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {v!r}") from None
    if not math.isfinite(f):
        raise ValueError(f"{name} must be finite, got {v!r}")
    return f


def _positive(name, v) -> float:
    f = _finite(name, v)
    if f <= 0:
        raise ValueError(f"{name} must be positive, got {v!r}")
    return f


def _threshold(name, v) -> float:
    """A clipping threshold: None means no clipping (an infinite threshold)."""
    return math.inf if v is None else _positive(name, v)


def _start(surface, start) -> tuple[float, float]:
    if start is None:
        return tuple(surface.start)
    try:
        x, y = (float(c) for c in start)
    except (TypeError, ValueError):
        raise ValueError(f"start must be two numbers (x, y), got {start!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"start must be finite, got {start!r}")
    return (x, y)


def _x64(dtype: str) -> bool:
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {dtype!r}")
    return dtype == "float64"


def _device_args(spec: _Spec, surface, traced, surf_params, start, seed):
    """The program's arguments as a few NumPy arrays: each separate argument costs dispatch time."""
    ft = np.dtype(jnp.result_type(float))
    hp = np.array([traced[k] for k in spec.hp_names], dtype=ft)
    sp = np.array([surf_params[k] for k in spec.sp_names], dtype=ft)
    data = None if surface.data is None else {k: np.asarray(v, dtype=ft) for k, v in surface.data.items()}
    minima = np.array(surface.minima, dtype=ft).reshape(-1, 2)
    return hp, sp, (data, minima), np.asarray(start, dtype=ft), np.asarray(seed, dtype=np.int32)


def _unpack(spec: _Spec, hp_vec, sp_vec, overrides=None):
    """Named dictionaries from the packed vectors; ``overrides`` (a sweep's axes) replace entries."""
    hp = {k: hp_vec[i] for i, k in enumerate(spec.hp_names)}
    sp = {k: sp_vec[i] for i, k in enumerate(spec.sp_names)}
    for k, v in (overrides or {}).items():
        (hp if k in hp else sp)[k] = v
    return hp, sp


def _f_min(spec: _Spec, value, sp, data, minima):
    """The lowest loss among the listed minima (NaN when none are listed)."""
    if spec.n_minima == 0:
        return jnp.asarray(jnp.nan, minima.dtype)
    return jnp.min(jax.vmap(lambda m: value(m, sp, data))(minima))


# ----------------------------------------------------------------------------
# the traced program


def _build(spec: _Spec, hp, lanes: bool = False) -> tuple[GradientTransformation, Callable, Rule]:
    """The chain and the learning-rate function, built from traced hyperparameters.

    With ``lanes``, a position is a pair (x, y) of (M,) arrays: M runs side by side (see `_summary`).
    """
    rule = rule_info(spec.rule)
    if callable(spec.schedule):
        lr_fn = schedules.warmup(spec.schedule, spec.schedule(0), hp["warmup_steps"])
    else:
        lr_fn = schedules.get(
            spec.schedule,
            hp["learning_rate"],
            hp["warmup_steps"],
            transition_steps=hp["transition_steps"],
            decay_rate=hp["decay_rate"],
            staircase=spec.staircase,
            decay_steps=hp["decay_steps"],
            alpha=hp["alpha"],
        )
    kw = {k: hp[k] for k in spec.traced_rule_keys if k != "learning_rate"}
    kw.update(dict(spec.static_kw))
    stages = {
        "clip_norm": lambda: clip_by_global_norm(hp["clip_norm"], stacked=lanes),
        "clip_value": lambda: clip(hp["clip_value"]),
        "l2": lambda: add_decayed_weights(hp["l2"]),
    }
    tx = chain(*(stages[k]() for k in spec.stages), rule.factory(learning_rate=lr_fn, **kw))
    return tx, lr_fn, rule


def _step_fn(spec: _Spec, hp, sp, data, key, lanes: bool = False):
    """One optimizer step as a pure function of (position, optimizer state, step index, noise draw).

    With ``lanes`` the position is a pair (x, y) of (M,) arrays: M runs with their
    own hyperparameters side by side. The surface's code only indexes ``xy[0]`` and
    ``xy[1]`` and is elementwise, so it computes M losses at once; keeping x and y
    as separate arrays lets XLA fuse a whole step into a few loops over memory.
    """
    tx, lr_fn, rule = _build(spec, hp, lanes)
    value = spec.value
    batch_key, _ = jax.random.split(key)

    def full_loss(xy):
        return value(xy, sp, data)

    if spec.sample_value is not None:

        def loss_and_grad(xy, t):
            w = oracle.batch_weights(batch_key, t, spec.n_samples, hp["batch_size"], hp["drop_last"] > 0)
            g = jax.grad(oracle.minibatch_loss, argnums=1)(spec.sample_value, xy, sp, data, w)
            return full_loss(xy), g

    elif lanes:

        def loss_and_grad(xy, t):
            # M losses and, by one reverse pass, their M gradients (the runs do not interact)
            loss, pullback = jax.vjp(lambda p: jnp.broadcast_to(full_loss(p), p[0].shape), xy)
            return loss, pullback(jnp.ones_like(loss))[0]

    else:

        def loss_and_grad(xy, t):
            return jax.value_and_grad(full_loss)(xy)

    def is_bad(xy, loss):
        # not finite, or far outside the plotting domain (NaN fails the comparison too)
        inside_x = jnp.abs(xy[0] - hp["center_x"]) <= hp["bound"]
        inside_y = jnp.abs(xy[1] - hp["center_y"]) <= hp["bound"]
        return ~jnp.isfinite(loss) | ~(inside_x & inside_y)

    def step(xy, opt_state, t, xi):
        loss, g = loss_and_grad(xy, t)
        # g_t ← g_t + σ/√B ξ_t
        g = oracle.gaussian_noise(g, xi, hp["noise"], hp["batch_size"])
        updates, opt_state = tx.update(g, opt_state, xy)
        return apply_updates(xy, updates), opt_state, loss, g

    return tx, lr_fn, rule, step, full_loss, is_bad


def _noise_draws(key, length, dtype, noise, lanes: bool = False):
    """ξ_1..ξ_T, drawn before the loop, shaped like positions; every run of a sweep sees the same draws.

    Drawing costs about as much as the run itself, so it is skipped (zeros) while
    ``noise`` is 0; a `lax.cond` on the traced value, so turning noise on never recompiles.

    The draw uses the partitionable Threefry (JAX's default since 0.5, forced here
    whatever the user's setting): element ``i`` of a draw is a function of the key
    and ``i`` alone, so the first ``S`` rows of a draw of any length are the same.
    A run of ``S`` steps therefore sees the same ξ_t whatever length its loop has,
    and a longer run continues a shorter one instead of starting afresh.
    """
    _, noise_key = jax.random.split(key)
    noise = jnp.max(jnp.asarray(noise))  # a sweep over noise: draw when any cell needs it

    def draw():
        with jax.threefry_partitionable(True):
            return jax.random.normal(noise_key, (length, 2), dtype=dtype)

    xi = jax.lax.cond(noise != 0, draw, lambda: jnp.zeros((length, 2), dtype))
    return (xi[:, 0], xi[:, 1]) if lanes else xi


def _recording(spec: _Spec, hp_vec, sp_vec, data_and_minima, start, seed):
    """One run's pieces: its first carry, its loop body (recording what the inspector draws at
    every step), its per-step inputs, and what is computed once the loop is done."""
    data, minima = data_and_minima
    hp, sp = _unpack(spec, hp_vec, sp_vec)
    key = jax.random.key(seed)
    tx, lr_fn, rule, step, full_loss, is_bad = _step_fn(spec, hp, sp, data, key)
    probe_hp = {**{k: hp[k] for k in spec.traced_rule_keys}, **dict(spec.static_kw)}
    xs = (jnp.arange(spec.length, dtype=jnp.int32), _noise_draws(key, spec.length, start.dtype, hp["noise"]))

    def body(carry, x):
        xy, opt_state = carry
        t, xi = x
        new_xy, opt_state, loss, g = step(xy, opt_state, t, xi)
        rule_state = opt_state[len(spec.stages)]
        probe = rule.probe(rule_state, {**probe_hp, "lr": lr_fn(t)}) if rule.probe else {}
        return (new_xy, opt_state), {"xy": new_xy, "loss": loss, "grad": g, "state": probe}

    def finish(final_carry, out):
        # what needs no loop is computed for all steps at once, after it: row by row, so
        # `_as_trajectory` can cut every output at the steps asked for (the final values
        # are those of the loop's last step, used only when it is the last step asked for)
        final_xy = final_carry[0]
        out["final_loss"] = full_loss(final_xy)
        out["lr"] = jax.vmap(lr_fn)(xs[0])
        xy_before = jnp.concatenate([start[None], out["xy"][:-1]])
        out["bad"] = jax.vmap(is_bad)(xy_before, out["loss"])
        out["final_bad"] = is_bad(final_xy, out["final_loss"])
        out["f_min"] = _f_min(spec, spec.value, sp, data, minima)
        return out

    return (start, tx.init(start)), body, xs, finish


def _trajectory(spec: _Spec, hp_vec, sp_vec, data_and_minima, start, seed):
    """The whole path of one run."""
    global TRACE_COUNT
    TRACE_COUNT += 1
    carry, body, xs, finish = _recording(spec, hp_vec, sp_vec, data_and_minima, start, seed)
    final, out = jax.lax.scan(body, carry, xs)
    return finish(final, out)


def _trajectories(specs: tuple[_Spec, ...], hp_vecs, sp_vecs, data_and_minima, start, seeds):
    """Several runs in one loop: each step advances every run once (one loop's overhead for all)."""
    global TRACE_COUNT
    TRACE_COUNT += 1
    pieces = [_recording(*a, data_and_minima, start, seed) for a, seed in zip(zip(specs, hp_vecs, sp_vecs), seeds)]

    def body(carries, xs):
        stepped = [piece[1](c, x) for piece, c, x in zip(pieces, carries, xs)]
        return tuple(c for c, _ in stepped), tuple(o for _, o in stepped)

    finals, outs = jax.lax.scan(body, tuple(p[0] for p in pieces), tuple(p[2] for p in pieces))
    return tuple(p[3](f, o) for p, f, o in zip(pieces, finals, outs))


def _summary(spec: _Spec, hp, sp, data, start, seed, target, lanes: bool = False):
    """Final loss, first step within the target and first diverged step (-1 for never) of one run.

    With ``lanes``, ``start`` is a pair of (M,) arrays and any hyperparameter may be an (M,) array: M runs at once.
    """
    key = jax.random.key(seed)
    tx, lr_fn, rule, step, full_loss, is_bad = _step_fn(spec, hp, sp, data, key, lanes)
    xs = (jnp.arange(spec.length, dtype=jnp.int32), _noise_draws(key, spec.length, jax.tree.leaves(start)[0].dtype, hp["noise"], lanes))

    def body(carry, x):
        xy, opt_state, hit, div = carry
        t, xi = x
        new_xy, opt_state, loss, _ = step(xy, opt_state, t, xi)
        hit = jnp.where((hit < 0) & (loss <= target), t, hit)
        div = jnp.where((div < 0) & is_bad(xy, loss), t, div)
        return (new_xy, opt_state, hit, div), None

    minus_one = jnp.full(jnp.shape(start[0]), -1, jnp.int32)  # one per run
    carry = (start, tx.init(start), minus_one, minus_one)
    (xy, _, hit, div), _ = jax.lax.scan(body, carry, xs, unroll=4)
    loss = jnp.broadcast_to(full_loss(xy), hit.shape)  # a constant formula gives one number for all runs
    hit = jnp.where((hit < 0) & (loss <= target), spec.length, hit)
    div = jnp.where((div < 0) & is_bad(xy, loss), spec.length, div)
    return loss, hit, div


def _sweep_impl(spec: _Spec, axes, hp_vec, sp_vec, grid_values, data_and_minima, start, seed, tol):
    """Every cell of the grid: final loss, first step within tolerance, first diverged step; and the tolerance."""
    global TRACE_COUNT
    TRACE_COUNT += 1
    data, minima = data_and_minima
    # the target: f* + tol, tol defaulting to 10⁻³ of the start's height above f* (f* = 0 when unknown)
    hp, sp = _unpack(spec, hp_vec, sp_vec)
    f_min = _f_min(spec, spec.value, sp, data, minima)
    f_star = jnp.where(jnp.isnan(f_min), 0.0, f_min)
    f0 = spec.value(start, sp, data)
    tol = jnp.where(jnp.isnan(tol), 1e-3 * jnp.maximum(f0 - f_star, 1e-12), tol)
    swept = dict(zip(axes, grid_values))
    if _lanes_ok(spec):
        # every run side by side: positions are pairs of (M,) arrays, swept values (M,)
        hp, sp = _unpack(spec, hp_vec, sp_vec, swept)
        m = grid_values.shape[1]
        lanes_start = (jnp.full(m, start[0]), jnp.full(m, start[1]))
        return (*_summary(spec, hp, sp, data, lanes_start, seed, f_star + tol, lanes=True), tol)

    # otherwise vmap over the grid; every other argument is shared by all cells
    def one(cell):
        h, p = _unpack(spec, hp_vec, sp_vec, dict(zip(axes, cell)))
        return _summary(spec, h, p, data, start, seed, f_star + tol)

    return (*jax.vmap(one, in_axes=1)(grid_values), tol)


def _lanes_ok(spec: _Spec) -> bool:
    """Runs can sit side by side, element by element, when every piece is elementwise.

    True for our rules on analytic surfaces (their code only combines ``xy[0]`` and
    ``xy[1]`` elementwise). Data surfaces reduce over samples and optax's rules may
    take norms over whole leaves: those are vmapped instead, which is about 3x slower
    (vmap keeps each run's two coordinates interleaved in a (M, 2) array).
    """
    return spec.sample_value is None and not spec.rule.startswith("optax:")


_trajectory_jit = jax.jit(_trajectory, static_argnums=(0,))
_trajectories_jit = jax.jit(_trajectories, static_argnums=(0,))

def _batch(spec: _Spec, hp_vec, sp_vec, data_and_minima, starts, seeds):
    """`_trajectory` for every (start, seed) pair at once."""
    return jax.vmap(lambda xy0, seed: _trajectory(spec, hp_vec, sp_vec, data_and_minima, xy0, seed))(starts, seeds)


_batch_jit = jax.jit(_batch, static_argnums=(0,))
_sweep_jit = jax.jit(_sweep_impl, static_argnums=(0, 1))
