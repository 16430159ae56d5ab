r"""AdaGrad: divide each coordinate's step by the root of its summed squared gradients.

.. math::

    G_t = G_{t-1} + g_t^2, \qquad \theta_{t+1} = \theta_t - \eta_t \frac{g_t}{\sqrt{G_t + \epsilon}}

(squares, roots and division per coordinate). A coordinate with large
gradients gets small steps and a coordinate with small gradients large ones,
which straightens the zigzag on an axis-aligned valley. But ``G`` only grows,
so the effective step :math:`\eta/\sqrt{G_t}` shrinks towards zero on a long
run: AdaGrad can stop before it arrives (RMSProp's fix is to forget old squares).

Conventions: optax's, which this follows: ``G_0 = initial_accumulator_value``
(0.1) and ε inside the square root. CS231n's loop starts from ``G_0 = 0`` and
adds ``1e-7`` outside the root: its first step is then
:math:`\eta\,g/(|g| + 10^{-7}) \approx \eta\,\mathrm{sign}(g)`. Set
``initial_accumulator_value=0`` to see that first step here.

Reference: Duchi, Hazan & Singer (2011); CS231n lecture 7. Equals ``optax.adagrad``.
"""

from typing import NamedTuple

import jax
import jax.numpy as jnp

from .base import GradientTransformation, ScalarOrSchedule, Updates, chain, scale_by_learning_rate

NAME = "adagrad"
TITLE = "AdaGrad"


class ScaleByRssState(NamedTuple):
    """The running sum of squared gradients, per coordinate."""

    sum_of_squares: Updates


def scale_by_rss(initial_accumulator_value=0.1, eps=1e-7) -> GradientTransformation:
    """Scale by the inverse root of the summed squares (optax.scale_by_rss)."""

    def init(params):
        return ScaleByRssState(jax.tree.map(lambda p: jnp.full_like(p, initial_accumulator_value), params))

    def update(updates, state, params=None):
        # G_t = G_{t-1} + g_t²
        G = jax.tree.map(lambda g, s: s + g * g, updates, state.sum_of_squares)
        # u_t = g_t / √(G_t + ε)   (0 where G_t = 0: nothing seen yet)
        out = jax.tree.map(lambda g, s: jnp.where(s > 0, jax.lax.rsqrt(s + eps), 0.0) * g, updates, G)
        return out, ScaleByRssState(G)

    return GradientTransformation(init, update)


def adagrad(learning_rate: ScalarOrSchedule = 0.5, initial_accumulator_value=0.1, eps=1e-7) -> GradientTransformation:
    """AdaGrad: u_t = -η g_t / √(G_t + ε), G_t = G_{t-1} + g_t²."""
    return chain(scale_by_rss(initial_accumulator_value, eps), scale_by_learning_rate(learning_rate))


def probe(state, hyperparams):
    G = state[0].sum_of_squares
    # effective step per coordinate: η_t / √(G_t + ε)
    return {"second_moment": G, "effective_lr": hyperparams["lr"] * jax.lax.rsqrt(G + hyperparams["eps"])}


def optax_reference(learning_rate, initial_accumulator_value, eps):
    """The same rule in optax: the tests' reference."""
    import optax

    return optax.adagrad(learning_rate, initial_accumulator_value=initial_accumulator_value, eps=eps)
