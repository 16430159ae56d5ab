"""Every setting of a run, declared once: its name (optax's), default, range, scale and choices.

This one table drives the engine's defaults, the Playground's widgets, the URL in
both directions (only these names are read; numbers are clamped to these ranges),
the sweep's axes and the exports (TensorFlow Playground's PROPS table plays this
part there). A setting's label and help are the catalogue's ``hp.<name>`` and
``help.<name>``.

``default=RULE`` marks a rule's own number: each rule's default is the default of
its factory's keyword (``adam(learning_rate=0.05, b1=0.9, ...)``), read by the
registry, so a rule states its defaults once, in its signature. ``default=None``
with ``off`` set means the stage is off (no clipping; the full batch; a cosine as
long as the run), and the widget offers that as its first stop.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .momentum import FORMS
from .schedules import NAMES as SCHEDULE_NAMES

RULE = object()  # "the rule's own default": see the module docstring
BOOL = (False, True)


@dataclass(frozen=True)
class Setting:
    """One setting: numeric ones are traced (a new value never recompiles); ones with ``choices`` are static."""

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    log: bool = False
    integer: bool = False
    choices: tuple | None = None
    off: str | None = None  # what None means, shown as the catalogue's ``off.<off>`` (None: no off value)

    @property
    def numeric(self) -> bool:
        return self.choices is None

    def with_default(self, default) -> Setting:
        return replace(self, default=default)


_TABLE = (
    # 1) the update rules' own numbers and options (optax's names)
    Setting("learning_rate", RULE, 1e-4, 10.0, log=True),
    Setting("momentum", RULE, 0.0, 0.999),
    Setting("form", RULE, choices=FORMS),
    Setting("b1", RULE, 0.0, 0.999),
    Setting("b2", RULE, 0.5, 0.9999),
    Setting("eps", RULE, 1e-10, 1e-1, log=True),
    Setting("decay", RULE, 0.0, 0.999),
    Setting("initial_accumulator_value", RULE, 0.0, 1.0),
    Setting("initial_scale", RULE, 0.0, 1.0),
    Setting("eps_in_sqrt", RULE, choices=BOOL),
    Setting("bias_correction", RULE, choices=BOOL),
    # weight decay: a rule's own (AdamW's, decoupled), or the engine's coupled L2 term for the others
    Setting("weight_decay", 0.0, 0.0, 1.0),
    # 2) the learning-rate schedule (optimizers.schedules)
    Setting("schedule", "constant", choices=SCHEDULE_NAMES),
    Setting("transition_steps", 100.0, 1.0, 1000.0, log=True),
    Setting("decay_rate", 0.5, 0.01, 1.0),
    Setting("staircase", False, choices=BOOL),
    Setting("decay_steps", None, 1.0, 5000.0, log=True, off="run"),
    Setting("alpha", 0.0, 0.0, 1.0),
    Setting("warmup_steps", 0.0, 0.0, 1000.0, integer=True),
    # 3) the gradient: clipping, noise, mini-batches
    Setting("clip_norm", None, 0.01, 100.0, log=True, off="off"),
    Setting("clip_value", None, 0.01, 100.0, log=True, off="off"),
    Setting("noise", 0.0, 0.0, 5.0),
    Setting("batch_size", None, 1.0, 2000.0, log=True, integer=True, off="full"),
    Setting("drop_last", False, choices=BOOL),
    # 4) the run
    Setting("seed", 0, 0, 10_000, integer=True),
    Setting("steps", 200, 10, 2000, integer=True),
)
TABLE: dict[str, Setting] = {s.name: s for s in _TABLE}

# What a run takes beside its rule's own keywords (the engine's stages), in the order the Playground shows them.
RUN = ("schedule", "transition_steps", "decay_rate", "staircase", "decay_steps", "alpha", "warmup_steps",
       "clip_norm", "clip_value", "weight_decay", "noise", "batch_size", "drop_last")
# Per run, not per contestant: every contestant of a scene shares them.
SCENE = ("steps", "seed")


def get(name: str) -> Setting:
    """The setting called ``name``; `KeyError` names the known ones."""
    try:
        return TABLE[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(TABLE)}") from None


def default(name: str) -> Any:
    """The default of a run setting (a rule's own numbers have theirs in the rule's signature)."""
    d = get(name).default
    if d is RULE:
        raise KeyError(f"{name} is a rule's own setting: its default is in the rule (optimizers.rule_info(r).defaults)")
    return d


def run_defaults() -> dict[str, Any]:
    """Every run setting with its default: the engine's keywords beside the rule's own."""
    return {k: default(k) for k in (*RUN, "seed")}

