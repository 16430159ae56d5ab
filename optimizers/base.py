"""The optax interface, written out: a transformation is a pair of pure functions.

``init(params) -> state`` and ``update(updates, state, params) -> (updates, state)``.
Full optimizers are chains of small transformations, with the learning rate applied
last (so a schedule can replace the constant), exactly as in optax. Our
`GradientTransformation` has optax's shape, so optax's own transforms can be chained
with ours and optax's optimizers run in the same engine.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Union

import jax
import jax.numpy as jnp

Params = Any  # a pytree of arrays; in this app, one array of shape (2,)
Updates = Any
State = Any
Schedule = Callable[[jax.Array], jax.Array]  # step count -> learning rate
ScalarOrSchedule = Union[float, jax.Array, Schedule]


class GradientTransformation(NamedTuple):
    """A pair of pure functions, as in optax: ``init(params)`` and ``update(updates, state, params)``."""

    init: Callable[[Params], State]
    update: Callable[..., tuple[Updates, State]]


class EmptyState(NamedTuple):
    """State of a transformation that keeps none."""


class ScaleByScheduleState(NamedTuple):
    """The number of updates applied so far: the step a schedule is evaluated at."""

    count: jax.Array


def chain(*transforms: GradientTransformation) -> GradientTransformation:
    """Apply ``transforms`` one after the other; the state is the tuple of their states."""

    def init(params):
        return tuple(t.init(params) for t in transforms)

    def update(updates, state, params=None):
        new_state = []
        for t, s in zip(transforms, state):
            updates, s = t.update(updates, s, params)
            new_state.append(s)
        return updates, tuple(new_state)

    return GradientTransformation(init, update)


def scale_by_learning_rate(learning_rate: ScalarOrSchedule) -> GradientTransformation:
    r"""Multiply by :math:`-\eta_t`: descend, with a constant or scheduled learning rate.

    A schedule is evaluated at the number of updates applied before this one,
    so the first update uses ``schedule(0)`` (optax's convention).
    """
    if not callable(learning_rate):
        # u_t = -η g_t
        return GradientTransformation(
            lambda params: EmptyState(),
            lambda updates, state, params=None: (jax.tree.map(lambda g: -learning_rate * g, updates), state),
        )

    def init(params):
        return ScaleByScheduleState(count=jnp.zeros([], jnp.int32))

    def update(updates, state, params=None):
        # u_t = -η(t) g_t
        eta = learning_rate(state.count)
        updates = jax.tree.map(lambda g: -eta * g, updates)
        return updates, ScaleByScheduleState(count=state.count + 1)

    return GradientTransformation(init, update)


def apply_updates(params: Params, updates: Updates) -> Params:
    """θ_{t+1} = θ_t + u_t."""
    return jax.tree.map(lambda p, u: p + u, params, updates)
