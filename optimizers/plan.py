"""Planning a run: its keywords split into what its program is compiled for and what the program takes as numbers.

Static (part of `Spec`, the compile-cache key): the rule, its boolean or named
choices (``nesterov``, ``bias_correction``, ``form``), the schedule's name and
``staircase``, the loop's length, the surface's code and array shapes.
Traced (the `Plan`'s ``traced`` and ``surface_params``, dictionaries by name): every
number (learning rate, betas, eps, decay, schedule parameters, warmup, clip
thresholds, weight decay, noise, batch size, the surface's parameters). Moving a
numeric slider therefore reuses the compiled program.

Defaults come from one place, `optimizers.settings` (a rule's own numbers from its
factory's signature, through the registry).

The step count is not the loop's length: a run of ``S`` steps runs the smallest of
`LENGTHS` that holds ``S`` and keeps its first ``S`` steps (the loop is causal), so
a steps slider compiles once per length, not once per value. On a surface without
data a step is a few dozen flops, and one run's loop is never shorter than
`CHEAP_LENGTH`: the Playground's steps slider (10-2,000) then needs one program per
rule, not six.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import jax.numpy as jnp
import numpy as np

from . import oracle, schedules, settings
from .registry import rule_info

DIVERGENCE_FACTOR = 100.0
MAX_STEPS = 100_000
# The loop lengths a run is compiled for: 1-2-5 steps up to MAX_STEPS (at most 2.5x the steps asked for).
LENGTHS = (50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, MAX_STEPS)
# A run on a surface without data loops at least this long: its steps are a few dozen flops, so a loop of 2,000
# costs about what one of 50 does (a call's own overhead dominates: about 1 ms either way, `bench/bench_core.py`),
# while each further length is a program traced, lowered and kept (a few hundred ms, a few MB).
CHEAP_LENGTH = 2_000
# The chain's stages in front of the rule, in order; a stage that is off is a number (an infinite threshold, a zero decay).
STAGES = ("clip_norm", "clip_value", "l2")


@dataclass(frozen=True)
class Spec:
    """Everything static about a run: its hash is the compile-cache key."""

    value: Callable
    sample_value: Callable | None
    n_samples: int | None
    rule: str
    static_kw: tuple[tuple[str, Any], ...]
    traced_rule_keys: tuple[str, ...]
    schedule: Any  # a schedule's name, or the callable given as the learning rate (optax's convention)
    staircase: bool
    length: int  # the loop's length: `scan_length` of the steps asked for (a sweep's: the steps themselves)
    n_minima: int
    hp_names: tuple[str, ...]  # the traced numbers' names, in the order they travel (see `arguments`)
    sp_names: tuple[str, ...]  # the surface's parameters' names, likewise
    stages: tuple[str, ...] = STAGES

    def named(self, hp_vec, sp_vec) -> tuple[dict, dict]:
        """The traced numbers by name, from the two vectors they travel in (one argument each: fewer to dispatch)."""
        return dict(zip(self.hp_names, hp_vec)), dict(zip(self.sp_names, sp_vec))


@dataclass(frozen=True)
class Plan:
    """A planned run: its `Spec`, its traced numbers by name, and what the result reports."""

    spec: Spec
    traced: dict[str, float]  # the rule's numbers and the engine's: learning_rate, b1, clip_norm, noise, ...
    surface_params: dict[str, float]
    steps: int
    seed: int
    hyperparams: dict[str, Any]  # every setting of the run, as given or defaulted (reported in the result)
    iterations_per_epoch: int | None


def scan_length(steps: int, shortest: int = LENGTHS[0]) -> int:
    """The loop length a run of ``steps`` steps is compiled for: the smallest of `LENGTHS` that holds it and ``shortest``."""
    return LENGTHS[bisect.bisect_left(LENGTHS, max(steps, shortest))]


def loop_length(surface, steps: int) -> int:
    """The loop length of one run of ``steps`` steps on ``surface``: at least `CHEAP_LENGTH` on a surface without data."""
    return scan_length(steps, CHEAP_LENGTH if surface.n_samples is None else LENGTHS[0])


def plan(surface, name: str, steps, kwargs: Mapping[str, Any], *, length: int | None = None) -> Plan:
    """Sort ``kwargs`` into the rule's, the engine's and the surface's; check each; fill defaults from the table.

    ``length`` is the loop's (`loop_length` when None: one run's); many runs in one vmapped program
    (`engine.run_batch`) pay for every step of it, so they ask for `scan_length` of their steps.
    """
    rule = rule_info(name)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 1 to {MAX_STEPS}, got {steps!r}")
    steps = int(steps)
    # 1) every keyword to its owner, defaults first
    rule_kw = rule.defaults
    engine_kw = settings.run_defaults()
    surf_params = dict(surface.params)
    for k, v in kwargs.items():
        if k in rule.accepts:
            rule_kw[k] = v
        elif k in engine_kw:
            engine_kw[k] = v
        elif k in surf_params:
            surf_params[k] = finite(k, v)
        else:
            allowed = sorted(set(rule.accepts) | set(engine_kw) | set(surf_params))
            raise ValueError(f"{name}: unknown hyperparameter {k!r}; allowed: {', '.join(allowed)}")

    # 2) the schedule: a name, or a callable learning rate (optax's convention), not both
    schedule = engine_kw["schedule"]
    if "learning_rate" not in rule_kw:
        raise ValueError(f"{name}: learning_rate is required")
    if callable(rule_kw["learning_rate"]):
        if schedule != "constant":
            raise ValueError("give the schedule either as a callable learning_rate or by name (schedule=...), not both")
        schedule = rule_kw["learning_rate"]
    elif schedule not in schedules.NAMES:
        raise ValueError(f"unknown schedule {schedule!r}; choose one of {', '.join(schedules.NAMES)}")

    # 3) the rule's keywords: choices are static (they change the program), numbers traced
    static_kw, traced_rule = {}, {}
    specs = {h.name: h for h in rule.hyperparams}
    for k, v in rule_kw.items():
        v = bool(v) if isinstance(v, np.bool_) else v
        h = specs.get(k)
        if k == "learning_rate" and callable(v):
            continue  # the schedule itself
        if h is not None and not h.numeric:
            if not any(type(v) is type(c) and v == c for c in h.choices):
                raise ValueError(f"{name}: {k} must be one of {', '.join(map(repr, h.choices))}, got {v!r}")
            static_kw[k] = v
        elif h is None and (isinstance(v, (bool, str)) or v is None):
            static_kw[k] = v  # an optax optimizer's own option
        else:
            traced_rule[k] = finite(k, v)

    # 4) the engine's numbers
    n = surface.n_samples
    batch_size = engine_kw["batch_size"]
    batch_size = finite("batch_size", (n if n is not None else 1) if batch_size is None else batch_size)
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    decay_steps = steps if engine_kw["decay_steps"] is None else engine_kw["decay_steps"]
    (x0, x1), (y0, y1) = surface.domain
    traced = {
        "learning_rate": 0.0,  # unused when the learning rate is a callable
        **traced_rule,
        "clip_norm": _threshold("clip_norm", engine_kw["clip_norm"]),
        "clip_value": _threshold("clip_value", engine_kw["clip_value"]),
        "transition_steps": positive("transition_steps", engine_kw["transition_steps"]),
        "decay_rate": finite("decay_rate", engine_kw["decay_rate"]),
        "decay_steps": positive("decay_steps", decay_steps),
        "alpha": finite("alpha", engine_kw["alpha"]),
        "warmup_steps": max(finite("warmup_steps", engine_kw["warmup_steps"]), 0.0),
        "noise": finite("noise", engine_kw["noise"]),
        "batch_size": batch_size,
        "drop_last": 1.0 if engine_kw["drop_last"] else 0.0,
        # coupled L2 for a rule without a weight decay of its own
        "l2": 0.0 if "weight_decay" in rule.accepts else finite("weight_decay", engine_kw["weight_decay"]),
        # divergence: farther than DIVERGENCE_FACTOR half-widths of the plotting domain from its centre
        "center_x": (x0 + x1) / 2,
        "center_y": (y0 + y1) / 2,
        "bound": DIVERGENCE_FACTOR * max(x1 - x0, y1 - y0) / 2,
    }
    spec = Spec(
        value=surface.value,
        sample_value=surface.sample_value,
        n_samples=n,
        rule=name,
        static_kw=tuple(sorted(static_kw.items())),
        traced_rule_keys=tuple(sorted(traced_rule)),
        schedule=schedule,
        staircase=bool(engine_kw["staircase"]),
        length=loop_length(surface, steps) if length is None else length,
        n_minima=len(surface.minima),
        hp_names=tuple(traced),
        sp_names=tuple(surf_params),
    )
    seed = engine_kw["seed"]
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise ValueError(f"seed must be a whole number from 0 to 2**31-1, got {seed!r}")
    ipe = None if n is None else int(oracle.iterations_per_epoch(n, batch_size, bool(engine_kw["drop_last"]), np))
    return Plan(spec, traced, surf_params, steps, int(seed), {**rule_kw, **engine_kw, **surf_params}, ipe)


def arguments(p: Plan, surface, start):
    """The program's arguments: the traced numbers and the surface's parameters as two vectors in the order of
    ``spec.hp_names`` and ``spec.sp_names`` (`Spec.named` reads them back by name), data, minima, start, seed."""
    ft = np.dtype(jnp.result_type(float))
    hp = np.array([p.traced[k] for k in p.spec.hp_names], dtype=ft)
    sp = np.array([p.surface_params[k] for k in p.spec.sp_names], dtype=ft)
    data = None if surface.data is None else {k: np.asarray(v, dtype=ft) for k, v in surface.data.items()}
    minima = np.array(surface.minima, dtype=ft).reshape(-1, 2)
    return hp, sp, (data, minima), np.asarray(start, dtype=ft), np.asarray(p.seed, dtype=np.int32)


def start_of(surface, start) -> tuple[float, float]:
    """The start as two finite floats; the surface's suggested start when None."""
    if start is None:
        return tuple(surface.start)
    try:
        x, y = (float(c) for c in start)
    except (TypeError, ValueError):
        raise ValueError(f"start must be two numbers (x, y), got {start!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"start must be finite, got {start!r}")
    return (x, y)


def x64(dtype: str) -> bool:
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {dtype!r}")
    return dtype == "float64"


def finite(name, v) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {v!r}") from None
    if not math.isfinite(f):
        raise ValueError(f"{name} must be finite, got {v!r}")
    return f


def positive(name, v) -> float:
    f = finite(name, v)
    if f <= 0:
        raise ValueError(f"{name} must be positive, got {v!r}")
    return f


def _threshold(name, v) -> float:
    """A clipping threshold: None means no clipping (an infinite threshold)."""
    return math.inf if v is None else positive(name, v)
