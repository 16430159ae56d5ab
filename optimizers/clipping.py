r"""Gradient clipping: bound the step a single huge gradient can cause.

Placed first in the chain, before the update rule sees the gradient.

By global norm (Pascanu, Mikolov & Bengio 2013): keep the direction, cap the length,

.. math:: g \leftarrow g \cdot \min\!\left(1, \frac{c}{\lVert g\rVert}\right)

By value: cap each coordinate separately, which can turn the direction,

.. math:: g_i \leftarrow \mathrm{clip}(g_i, -c, c)

Near a cliff (a steep wall in the loss) the raw gradient is enormous and one
step throws the parameters far away; clipping keeps the step no longer than
``η c``.
"""

import jax
import jax.numpy as jnp

from .base import EmptyState, GradientTransformation


def global_norm(tree) -> jax.Array:
    """‖g‖ over all leaves."""
    return jnp.sqrt(sum(jnp.sum(jnp.square(x)) for x in jax.tree.leaves(tree)))


def clip_by_global_norm(max_norm, norm_fn=global_norm) -> GradientTransformation:
    """Rescale the whole gradient when its norm exceeds ``max_norm`` (optax.clip_by_global_norm).

    ``norm_fn`` measures the gradient (the sweep, which lays many runs side by side, measures each run's).
    """

    def update(updates, state, params=None):
        norm = norm_fn(updates)
        # g ← g            if ‖g‖ < c
        # g ← g · c / ‖g‖  otherwise
        out = jax.tree.map(lambda g: jnp.where(norm < max_norm, g, g / norm * max_norm), updates)
        return out, state

    return GradientTransformation(lambda params: EmptyState(), update)


def clip(max_delta) -> GradientTransformation:
    """Clip every coordinate to [-max_delta, max_delta] (optax.clip)."""

    def update(updates, state, params=None):
        # g_i ← clip(g_i, -c, c)
        return jax.tree.map(lambda g: jnp.clip(g, -max_delta, max_delta), updates), state

    return GradientTransformation(lambda params: EmptyState(), update)
