r"""Exponentially weighted averages, with and without bias correction.

.. math::

    v_t = \beta v_{t-1} + (1-\beta)\,x_t, \qquad v_0 = 0,
    \qquad \hat v_t = \frac{v_t}{1-\beta^t}

``v_t`` averages roughly the last :math:`1/(1-\beta)` values (β = 0.9: ten;
β = 0.98: fifty), since the weight of a value ``k`` steps back is
:math:`(1-\beta)\beta^k` and :math:`\beta^{1/(1-\beta)} \approx 1/e`.
Starting from ``v_0 = 0`` makes the first averages too small: after one step
``v_1 = (1-β) x_1``. Dividing by :math:`1-\beta^t` (the sum of the weights so
far) removes that bias; for large ``t`` the divisor is 1 and changes nothing.
Momentum averages gradients this way; Adam averages gradients and their squares.

Reference: Ng, Deep Learning Specialization, course 2 week 2; Kingma & Ba (2015), §3.
"""

import functools
from typing import NamedTuple

import jax
import jax.numpy as jnp

from .base import GradientTransformation, Updates


class EmaState(NamedTuple):
    count: jax.Array
    ema: Updates


def ema(decay, debias: bool = True) -> GradientTransformation:
    """Replace updates by their exponentially weighted average (optax.ema)."""

    def init(params):
        return EmaState(count=jnp.zeros([], jnp.int32), ema=jax.tree.map(jnp.zeros_like, params))

    def update(updates, state, params=None):
        # v_t = β v_{t-1} + (1-β) g_t
        v = jax.tree.map(lambda g, m: decay * m + (1 - decay) * g, updates, state.ema)
        count = state.count + 1
        if debias:
            # v̂_t = v_t / (1 - β^t)
            out = jax.tree.map(lambda m: m / (1 - decay**count).astype(m.dtype), v)
        else:
            out = v
        return out, EmaState(count=count, ema=v)

    return GradientTransformation(init, update)


@functools.partial(jax.jit, static_argnames=("beta", "bias_correction"))
def ewma(series, beta: float, bias_correction: bool = True) -> jax.Array:
    """The weighted average of a 1-D series at every step (what the EWA lesson plots).

    Jitted, one program per β (a constant in it, as before: the same numbers to the last bit; the lesson offers
    six). Run eagerly, `lax.scan` compiled a new program on every call and JAX kept each one: a server's memory
    grew by about 2 MB a call."""
    series = jnp.asarray(series)

    def step(v, inp):
        t, x = inp
        # v_t = β v_{t-1} + (1-β) x_t
        v = beta * v + (1 - beta) * x
        # v̂_t = v_t / (1 - β^t), t counted from 1
        out = v / (1 - beta ** (t + 1)) if bias_correction else v
        return v, out

    _, out = jax.lax.scan(step, jnp.zeros((), series.dtype), (jnp.arange(series.shape[0]), series))
    return out
