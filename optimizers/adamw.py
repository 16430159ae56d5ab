r"""AdamW: Adam with decoupled weight decay.

.. math::

    \theta_{t+1} = \theta_t - \eta_t\left(\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda\,\theta_t\right)

Adam with L2 regularisation adds :math:`\lambda\theta` to the gradient, where
Adam's per-coordinate rescaling weakens it for coordinates with large
gradients. AdamW adds the decay after the rescaling, so it acts as the same
shrinkage :math:`\eta_t\lambda` on every coordinate.

Note: the decay is multiplied by the learning rate η_t (optax and PyTorch);
the paper multiplies by the schedule multiplier only, so its λ is η times ours.

Reference: Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
Equals ``optax.adamw``. Its default decay is 10⁻² (optax's is 10⁻⁴): on a 2-D surface a
10⁻⁴ pull is too weak to see.
"""

from .adam import probe as _adam_probe
from .adam import scale_by_adam
from .base import GradientTransformation, ScalarOrSchedule, chain, scale_by_learning_rate
from .weight_decay import add_decayed_weights

NAME = "adamw"
TITLE = "AdamW"
FAMILY = "adam"  # offered as a switch on Adam: decoupled weight decay


def adamw(
    learning_rate: ScalarOrSchedule = 0.05,
    b1=0.9,
    b2=0.999,
    eps=1e-8,
    eps_root=0.0,
    weight_decay=1e-2,
    bias_correction: bool = True,
) -> GradientTransformation:
    """AdamW: u_t = -η (m̂_t / (√v̂_t + ε) + λ θ_t)."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root, bias_correction),
        # decay added after Adam's rescaling: the same pull on every coordinate
        add_decayed_weights(weight_decay),
        scale_by_learning_rate(learning_rate),
    )


def probe(state, hyperparams):
    return _adam_probe(state, hyperparams)


def optax_reference(learning_rate, b1, b2, eps, weight_decay, bias_correction):
    """The same rule in optax (the tests' reference); None without bias correction, which optax always applies."""
    import optax

    if not bias_correction:
        return None
    return optax.adamw(learning_rate, b1=b1, b2=b2, eps=eps, weight_decay=weight_decay)
