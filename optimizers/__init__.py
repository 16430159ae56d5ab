"""Update rules written in optax's interface, and the engine that runs them on a surface.

>>> import landscapes, optimizers
>>> t = optimizers.run(landscapes.get("quadratic"), "momentum", steps=100, learning_rate=0.1)
>>> t.xy.shape
(101, 2)
"""

from . import runtime as _runtime

_runtime.configure_xla()  # before any computation starts XLA's backend
from . import settings
from .base import GradientTransformation, apply_updates, chain
from .engine import DIVERGENCE_FACTOR, SweepResult, Trajectory, run, run_batch, run_many, sweep, trace_count
from .registry import Rule, families, get, names, optax_names, rule_info, variants
from .settings import Setting
from .schedules import NAMES as SCHEDULES

_runtime.enable_persistent_cache()

__all__ = [
    "DIVERGENCE_FACTOR",
    "SCHEDULES",
    "GradientTransformation",
    "Setting",
    "Rule",
    "SweepResult",
    "Trajectory",
    "apply_updates",
    "families",
    "chain",
    "get",
    "names",
    "optax_names",
    "rule_info",
    "run",
    "run_batch",
    "run_many",
    "settings",
    "sweep",
    "trace_count",
    "variants",
]
