r"""Weight decay: pull the parameters towards the origin.

Coupled (L2 regularisation), placed *before* the update rule:

.. math:: g_t \leftarrow g_t + \lambda\,\theta_t

It is the gradient of :math:`f(\theta) + \tfrac{\lambda}{2}\lVert\theta\rVert^2`,
so an adaptive rule rescales it like any gradient: coordinates with large
gradients get less decay. Decoupled (AdamW), placed *after* the rule's
rescaling and before the learning rate, so every coordinate decays at the
same rate :math:`\eta_t\lambda` (see `optimizers.adamw`). For plain SGD the
two are the same.

Reference: Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
"""

import jax

from .base import EmptyState, GradientTransformation


def add_decayed_weights(weight_decay) -> GradientTransformation:
    """u ← u + λ θ (optax.add_decayed_weights)."""

    def update(updates, state, params=None):
        if params is None:
            raise ValueError("add_decayed_weights needs the current parameters")
        # u_t = u_t + λ θ_t
        return jax.tree.map(lambda u, p: u + weight_decay * p, updates, params), state

    return GradientTransformation(lambda params: EmptyState(), update)
