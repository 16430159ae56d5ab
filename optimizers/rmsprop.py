r"""RMSProp: AdaGrad with a memory that fades.

.. math::

    \nu_t = \rho\,\nu_{t-1} + (1-\rho)\,g_t^2, \qquad
    \theta_{t+1} = \theta_t - \eta_t \frac{g_t}{\sqrt{\nu_t + \epsilon}}

``ν`` is an exponentially weighted average of squared gradients over roughly
the last :math:`1/(1-\rho)` steps (ρ is optax's ``decay``), so the effective
step :math:`\eta/\sqrt{\nu_t}` adapts to the recent gradient scale instead of
shrinking forever as AdaGrad's does.

Conventions: optax's by default, ``ν_0 = initial_scale = 0`` and ε inside the
root. CS231n and Keras put ε outside, :math:`g/(\sqrt{\nu}+\epsilon)`: set
``eps_in_sqrt=False``. With ``ν_0 = 0`` and no bias correction the first step is
large, :math:`\eta\, g/\sqrt{(1-\rho) g^2} = \eta/\sqrt{1-\rho}` per coordinate.

Reference: Hinton, Coursera lecture 6e (2012); CS231n lecture 7. Equals ``optax.rmsprop``.
"""

from typing import NamedTuple

import jax
import jax.numpy as jnp

from .base import GradientTransformation, ScalarOrSchedule, Updates, chain, scale_by_learning_rate

NAME = "rmsprop"
TITLE = "RMSProp"


class ScaleByRmsState(NamedTuple):
    """The running average of squared gradients, per coordinate."""

    nu: Updates


def scale_by_rms(decay=0.9, eps=1e-8, initial_scale=0.0, eps_in_sqrt: bool = True) -> GradientTransformation:
    """Scale by the inverse root of the averaged squares (optax.scale_by_rms)."""

    def init(params):
        return ScaleByRmsState(jax.tree.map(lambda p: jnp.full_like(p, initial_scale), params))

    def update(updates, state, params=None):
        # ν_t = ρ ν_{t-1} + (1-ρ) g_t²
        nu = jax.tree.map(lambda g, n: decay * n + (1 - decay) * g * g, updates, state.nu)
        if eps_in_sqrt:
            # u_t = g_t / √(ν_t + ε)
            out = jax.tree.map(lambda g, n: g * jax.lax.rsqrt(n + eps), updates, nu)
        else:
            # u_t = g_t / (√ν_t + ε)
            out = jax.tree.map(lambda g, n: g / (jnp.sqrt(n) + eps), updates, nu)
        return out, ScaleByRmsState(nu)

    return GradientTransformation(init, update)


def rmsprop(
    learning_rate: ScalarOrSchedule = 0.01, decay=0.9, eps=1e-8, initial_scale=0.0, eps_in_sqrt: bool = True
) -> GradientTransformation:
    """RMSProp: u_t = -η g_t / √(ν_t + ε), ν_t = ρ ν_{t-1} + (1-ρ) g_t²."""
    return chain(scale_by_rms(decay, eps, initial_scale, eps_in_sqrt), scale_by_learning_rate(learning_rate))


def probe(state, hyperparams):
    nu = state[0].nu
    eps = hyperparams["eps"]
    denom = jnp.sqrt(nu + eps) if hyperparams["eps_in_sqrt"] else jnp.sqrt(nu) + eps
    # effective step per coordinate: η_t / √(ν_t + ε)
    return {"second_moment": nu, "effective_lr": hyperparams["lr"] / denom}


def optax_reference(learning_rate, decay, eps, initial_scale, eps_in_sqrt):
    """The same rule in optax: the tests' reference."""
    import optax

    return optax.rmsprop(learning_rate, decay=decay, eps=eps, initial_scale=initial_scale, eps_in_sqrt=eps_in_sqrt)
