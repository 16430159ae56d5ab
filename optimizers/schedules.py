r"""Learning-rate schedules: pure functions from the step count to a learning rate.

Each takes the step ``t`` (0 for the first update) and returns :math:`\eta_t`.
All numeric arguments may be traced JAX values, so moving a schedule slider
never recompiles. The names follow optax.

============== ====================================================================
``constant``    :math:`\eta_t = \eta`
``step``        :math:`\eta_t = \eta\,\gamma^{\lfloor t/T \rfloor}` (halve every T steps when γ = ½)
``exponential`` :math:`\eta_t = \eta\,\gamma^{t/T}` (``staircase``: :math:`\gamma^{\lfloor t/T\rfloor}`)
``inverse_time``:math:`\eta_t = \eta / (1 + \gamma\, t/T)`
``cosine``      :math:`\eta_t = \eta\left((1-\alpha)\tfrac12\bigl(1+\cos(\pi \min(t,D)/D)\bigr) + \alpha\right)`
============== ====================================================================

with T = ``transition_steps``, γ = ``decay_rate``, D = ``decay_steps``, α = ``alpha``.
Step decay is exponential decay with a staircase; both are kept because the
notes teach them as two ideas (γ = ½ every T steps versus a smooth factor).

The per-epoch formulas of Ng's course (Deep Learning Specialization, course 2), with T the steps of one
epoch and the epoch number :math:`n = \lfloor t/T \rfloor + 1` counted from 1 as the course counts it (so
its first epoch already runs below η):

====================== =================================================================
``epoch_inverse``       :math:`\eta_t = \eta / (1 + \gamma\, n)`   (the course's 1/(1 + decay_rate · epoch) · α₀)
``epoch_exponential``   :math:`\eta_t = \eta\,\gamma^{n}`          (0.95^epoch · α₀ with γ = 0.95)
``epoch_inverse_sqrt``  :math:`\eta_t = \eta / \sqrt{n}`           (k/√epoch · α₀, with η = k α₀)
``manual``              :math:`\eta_t = \eta` for t < T, then γη  (one drop by hand, at step T)
====================== =================================================================

``manual`` is optax's ``piecewise_constant_schedule(η, {T: γ})``; ``epoch_exponential`` is
``exponential_decay(ηγ, T, γ, staircase=True)``; the other two have no optax counterpart.

Warmup (Goyal et al. 2017) puts a linear ramp from 0 in front of any of them:

.. math:: \eta_t = \eta\,t/W \text{ for } t < W, \quad \text{then } \mathrm{schedule}(t - W)

References: CS231n lecture 7; Goyal et al., "Accurate, Large Minibatch SGD:
Training ImageNet in 1 Hour" (2017); Loshchilov & Hutter, "SGDR" (2017) for cosine.
"""

from __future__ import annotations

from typing import Callable

import jax.numpy as jnp

from .base import Schedule

NAMES = ("constant", "step", "exponential", "inverse_time", "cosine",
         "epoch_inverse", "epoch_exponential", "epoch_inverse_sqrt", "manual")

# The parameters each schedule uses (their ranges and defaults: `optimizers.settings`).
PARAMS_OF = {
    "constant": (),
    "step": ("transition_steps", "decay_rate"),
    "exponential": ("transition_steps", "decay_rate", "staircase"),
    "inverse_time": ("transition_steps", "decay_rate", "staircase"),
    "cosine": ("decay_steps", "alpha"),
    "epoch_inverse": ("transition_steps", "decay_rate"),
    "epoch_exponential": ("transition_steps", "decay_rate"),
    "epoch_inverse_sqrt": ("transition_steps",),
    "manual": ("transition_steps", "decay_rate"),
}


def _float(count):
    """The step count as JAX's default float, so schedules are computed at the run's precision."""
    return jnp.asarray(count, jnp.result_type(float))


def constant(init_value) -> Schedule:
    # η_t = η
    return lambda count: init_value * jnp.ones_like(_float(count))


def step(init_value, transition_steps=100.0, decay_rate=0.5) -> Schedule:
    # η_t = η γ^⌊t/T⌋
    return lambda count: init_value * decay_rate ** jnp.floor(_float(count) / transition_steps)


def exponential(init_value, transition_steps=100.0, decay_rate=0.5, staircase: bool = False) -> Schedule:
    def schedule(count):
        # p = t/T, or ⌊t/T⌋ with a staircase
        p = _float(count) / transition_steps
        if staircase:
            p = jnp.floor(p)
        # η_t = η γ^p
        return init_value * decay_rate**p

    return schedule


def inverse_time(init_value, transition_steps=100.0, decay_rate=0.5, staircase: bool = False) -> Schedule:
    def schedule(count):
        p = _float(count) / transition_steps
        if staircase:
            p = jnp.floor(p)
        # η_t = η / (1 + γ p)
        return init_value / (1 + decay_rate * p)

    return schedule


def cosine(init_value, decay_steps=500.0, alpha=0.0) -> Schedule:
    def schedule(count):
        # 1) where we are in the half-wave, stopping at its end
        frac = jnp.minimum(_float(count), decay_steps) / decay_steps
        # 2) η_t = η ((1-α) ½(1 + cos πfrac) + α)
        return init_value * ((1 - alpha) * 0.5 * (1 + jnp.cos(jnp.pi * frac)) + alpha)

    return schedule


def epoch_number(count, transition_steps):
    """n = ⌊t/T⌋ + 1: the epoch that step t belongs to, counted from 1 (T steps per epoch)."""
    return jnp.floor(_float(count) / transition_steps) + 1


def epoch_inverse(init_value, transition_steps=100.0, decay_rate=1.0) -> Schedule:
    # η_t = η / (1 + γ n)
    return lambda count: init_value / (1 + decay_rate * epoch_number(count, transition_steps))


def epoch_exponential(init_value, transition_steps=100.0, decay_rate=0.95) -> Schedule:
    # η_t = η γ^n
    return lambda count: init_value * decay_rate ** epoch_number(count, transition_steps)


def epoch_inverse_sqrt(init_value, transition_steps=100.0) -> Schedule:
    # η_t = η / √n
    return lambda count: init_value / jnp.sqrt(epoch_number(count, transition_steps))


def manual(init_value, transition_steps=100.0, decay_rate=0.1) -> Schedule:
    # η_t = η for t < T, γ η from step T on
    return lambda count: init_value * jnp.where(_float(count) < transition_steps, 1.0, decay_rate)


def warmup(schedule: Schedule, peak_value, warmup_steps) -> Schedule:
    """Linear warmup from 0 to ``peak_value`` over ``warmup_steps``, then ``schedule`` restarted at 0."""

    def warmed(count):
        count = _float(count)
        # 1) ramp: η_t = η t / W for t < W
        ramp = peak_value * count / jnp.maximum(warmup_steps, 1)
        # 2) then the schedule, counted from the end of the warmup
        return jnp.where(count < warmup_steps, ramp, schedule(count - warmup_steps))

    return warmed


_BUILDERS: dict[str, Callable[..., Schedule]] = {
    "constant": constant,
    "step": step,
    "exponential": exponential,
    "inverse_time": inverse_time,
    "cosine": cosine,
    "epoch_inverse": epoch_inverse,
    "epoch_exponential": epoch_exponential,
    "epoch_inverse_sqrt": epoch_inverse_sqrt,
    "manual": manual,
}


def get(name: str, learning_rate, warmup_steps=0.0, **params) -> Schedule:
    """The schedule ``name`` starting at ``learning_rate``, with warmup in front when ``warmup_steps`` > 0.

    Parameters the schedule does not use are ignored, so one dictionary of
    slider values can serve every schedule.
    """
    if name not in _BUILDERS:
        raise ValueError(f"unknown schedule {name!r}; choose one of {', '.join(NAMES)}")
    used = {k: v for k, v in params.items() if k in PARAMS_OF[name]}
    sched = _BUILDERS[name](learning_rate, **used)
    return warmup(sched, learning_rate, warmup_steps)
