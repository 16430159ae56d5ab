r"""Adam: momentum on the gradient, RMSProp on its scale, both bias-corrected.

.. math::

    m_t &= \beta_1 m_{t-1} + (1-\beta_1)\,g_t \\
    v_t &= \beta_2 v_{t-1} + (1-\beta_2)\,g_t^2 \\
    \hat m_t &= m_t / (1-\beta_1^t), \qquad \hat v_t = v_t / (1-\beta_2^t) \\
    \theta_{t+1} &= \theta_t - \eta_t\, \frac{\hat m_t}{\sqrt{\hat v_t + \epsilon_{root}} + \epsilon}

``m`` and ``v`` start at zero, so early on they are averages of too few
values, shrunk towards zero. The divisions by :math:`1-\beta^t` undo that
(see `optimizers.ewa`). Switch ``bias_correction`` off to see why it is there:
with β₂ = 0.999 the raw ``v_1 = 0.001\,g^2`` is tiny, so the first steps
are about :math:`(1-\beta_1)/\sqrt{1-\beta_2} \approx 3.2` times too large.

Conventions: optax's and the paper's, ε outside the root (ε_root = 0 by default).

Reference: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
Algorithm 1. With bias correction on, equals ``optax.adam``.
"""

from typing import NamedTuple

import jax
import jax.numpy as jnp

from .base import GradientTransformation, ScalarOrSchedule, Updates, chain, scale_by_learning_rate

NAME = "adam"
TITLE = "Adam"


class ScaleByAdamState(NamedTuple):
    """Step count and the two moment estimates (optax's layout)."""

    count: jax.Array
    mu: Updates
    nu: Updates


def scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, bias_correction: bool = True) -> GradientTransformation:
    """Rescale updates by Adam's moment estimates (optax.scale_by_adam, plus a bias-correction switch)."""

    def init(params):
        zeros = jax.tree.map(jnp.zeros_like, params)
        return ScaleByAdamState(count=jnp.zeros([], jnp.int32), mu=zeros, nu=zeros)

    def update(updates, state, params=None):
        # m_t = β₁ m_{t-1} + (1-β₁) g_t
        mu = jax.tree.map(lambda g, m: b1 * m + (1 - b1) * g, updates, state.mu)
        # v_t = β₂ v_{t-1} + (1-β₂) g_t²
        nu = jax.tree.map(lambda g, v: b2 * v + (1 - b2) * g * g, updates, state.nu)
        count = state.count + 1
        mu_hat, nu_hat = _debias(mu, nu, count, b1, b2) if bias_correction else (mu, nu)
        # u_t = m̂_t / (√(v̂_t + ε_root) + ε)
        out = jax.tree.map(lambda m, v: m / (jnp.sqrt(v + eps_root) + eps), mu_hat, nu_hat)
        return out, ScaleByAdamState(count=count, mu=mu, nu=nu)

    return GradientTransformation(init, update)


def _debias(mu, nu, count, b1, b2):
    # m̂_t = m_t / (1-β₁ᵗ),  v̂_t = v_t / (1-β₂ᵗ)
    mu_hat = jax.tree.map(lambda m: m / (1 - _power(b1, count)).astype(m.dtype), mu)
    nu_hat = jax.tree.map(lambda v: v / (1 - _power(b2, count)).astype(v.dtype), nu)
    return mu_hat, nu_hat


def _power(b, t):
    """βᵗ for a whole t ≥ 1, as exp(t log β) (β = 0 gives 0).

    Same value as ``b**t`` to float rounding; XLA:CPU's general ``pow`` costs about
    twice as much, which shows in a sweep over β (65,536 runs at once).
    """
    return jnp.exp(t * jnp.log(b))


def adam(
    learning_rate: ScalarOrSchedule = 0.05, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, bias_correction: bool = True
) -> GradientTransformation:
    """Adam: u_t = -η m̂_t / (√v̂_t + ε)."""
    return chain(scale_by_adam(b1, b2, eps, eps_root, bias_correction), scale_by_learning_rate(learning_rate))


def probe(state, hyperparams):
    """Velocity m, second moment v, and the effective per-coordinate step η_t / (√v̂_t + ε)."""
    s = state[0]
    if hyperparams["bias_correction"]:
        mu_hat, nu_hat = _debias(s.mu, s.nu, s.count, hyperparams["b1"], hyperparams["b2"])
    else:
        mu_hat, nu_hat = s.mu, s.nu
    eff = hyperparams["lr"] / (jnp.sqrt(nu_hat + hyperparams.get("eps_root", 0.0)) + hyperparams["eps"])
    return {"velocity": mu_hat, "second_moment": nu_hat, "effective_lr": eff}


def optax_reference(learning_rate, b1, b2, eps, bias_correction):
    """The same rule in optax (the tests' reference); None without bias correction, which optax always applies
    (that variant is tested against the formula)."""
    import optax

    return optax.adam(learning_rate, b1=b1, b2=b2, eps=eps) if bias_correction else None
