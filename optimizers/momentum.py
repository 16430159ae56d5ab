r"""Momentum (heavy ball): keep a running sum of past gradients and step along it.

Three forms appear in textbooks. With a constant learning rate they trace the
same path; they differ in what the velocity means and in how it reacts to a
changing learning rate.

``form="heavy_ball"`` (optax, CS231n ``vx = rho * vx + dx``), velocity in gradient units:

.. math::

    v_t = \beta v_{t-1} + g_t, \qquad \theta_{t+1} = \theta_t - \eta_t v_t

``form="textbook"`` (the Korean notes, Polyak 1964), velocity in position units:

.. math::

    V_t = \alpha V_{t-1} - \eta_t g_t, \qquad \theta_{t+1} = \theta_t + V_t

With constant η, ``V_t = -\eta v_t``: the same path. With a schedule, ``V``
keeps the old, larger steps it has already accumulated, while ``v`` is rescaled
by the current ``η_t`` at once.

``form="average"`` (Ng's deep-learning course), an exponentially weighted average:

.. math::

    v_t = \beta v_{t-1} + (1-\beta) g_t, \qquad \theta_{t+1} = \theta_t - \eta_t v_t

This is the heavy-ball path with learning rate ``η(1-β)``: to match a
heavy-ball run, divide η by ``1-β`` (η = 0.01, β = 0.9 ≈ heavy ball with η = 0.001).

References: Polyak (1964); Goh, "Why Momentum Really Works", Distill (2017);
CS231n lecture 7. ``form="heavy_ball"`` equals ``optax.sgd(lr, momentum=β)``.
"""

from typing import NamedTuple

import jax
import jax.numpy as jnp

from .base import GradientTransformation, ScalarOrSchedule, Updates, chain, scale_by_learning_rate
from .ewa import ema

NAME = "momentum"
TITLE = "Momentum"
FORMS = ("heavy_ball", "textbook", "average")


class TraceState(NamedTuple):
    """The velocity (a sum of past gradients, decayed)."""

    trace: Updates


def trace(decay, nesterov: bool = False) -> GradientTransformation:
    r"""Accumulate a decayed sum of updates: :math:`v_t = \beta v_{t-1} + g_t`.

    With ``nesterov=True`` the output is :math:`g_t + \beta v_t` instead of
    :math:`v_t` (see `optimizers.nesterov`). Same as ``optax.trace``.
    """

    def init(params):
        return TraceState(trace=jax.tree.map(jnp.zeros_like, params))

    def update(updates, state, params=None):
        # v_t = β v_{t-1} + g_t
        v = jax.tree.map(lambda g, t: g + decay * t, updates, state.trace)
        if nesterov:
            # u_t = g_t + β v_t   (the look-ahead, written at the current point)
            out = jax.tree.map(lambda g, t: g + decay * t, updates, v)
        else:
            # u_t = v_t
            out = v
        return out, TraceState(trace=v)

    return GradientTransformation(init, update)


def momentum(learning_rate: ScalarOrSchedule = 0.05, momentum=0.9, form: str = "heavy_ball") -> GradientTransformation:
    """SGD with momentum in one of three textbook forms (see the module docstring)."""
    if form == "heavy_ball":
        # v = βv + g; θ -= η v
        return chain(trace(momentum), scale_by_learning_rate(learning_rate))
    if form == "textbook":
        # V = αV - η g; θ += V   (the learning rate is applied before the velocity)
        return chain(scale_by_learning_rate(learning_rate), trace(momentum))
    if form == "average":
        # v = βv + (1-β) g; θ -= η v
        return chain(ema(momentum, debias=False), scale_by_learning_rate(learning_rate))
    raise ValueError(f"unknown momentum form {form!r}; choose one of {', '.join(FORMS)}")


def probe(state, hyperparams):
    """The velocity, in the form's own units."""
    for s in state:
        if hasattr(s, "trace"):
            return {"velocity": s.trace}
        if hasattr(s, "ema"):
            return {"velocity": s.ema}
    return {}


def optax_reference(learning_rate, momentum, form):
    """The same rule in optax (the tests' reference); None for the two forms optax lacks (tested by formula)."""
    import optax

    return optax.sgd(learning_rate, momentum=momentum) if form == "heavy_ball" else None
