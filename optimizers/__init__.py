"""Update rules written in optax's interface, and the engine that runs them on a surface.

>>> import landscapes, optimizers
>>> t = optimizers.run(landscapes.get("quadratic"), "momentum", steps=100, learning_rate=0.1)
>>> t.xy.shape
(101, 2)
"""

from . import runtime as _runtime

_runtime.configure_xla()  # before any computation starts XLA's backend
from .base import GradientTransformation, Hyper, apply_updates, chain
from .engine import DIVERGENCE_FACTOR, SweepResult, Trajectory, run, run_many, sweep, trace_count
from .registry import Rule, get, names, optax_names, rule_info
from .schedules import NAMES as SCHEDULES

_runtime.enable_persistent_cache()

__all__ = [
    "DIVERGENCE_FACTOR",
    "SCHEDULES",
    "GradientTransformation",
    "Hyper",
    "Rule",
    "SweepResult",
    "Trajectory",
    "apply_updates",
    "chain",
    "get",
    "names",
    "optax_names",
    "rule_info",
    "run",
    "run_many",
    "sweep",
    "trace_count",
]
