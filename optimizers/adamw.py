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
Equals ``optax.adamw``.
"""

from .adam import probe as _adam_probe
from .adam import scale_by_adam
from .base import GradientTransformation, Hyper, ScalarOrSchedule, chain, scale_by_learning_rate
from .weight_decay import add_decayed_weights

NAME = "adamw"
TITLE = "AdamW"
HYPERPARAMS = (
    Hyper("learning_rate", 0.05, 1e-4, 10.0, log=True, help="step size η"),
    Hyper("b1", 0.9, 0.0, 0.999, help="β₁: decay of the gradient average (momentum)"),
    Hyper("b2", 0.999, 0.5, 0.9999, help="β₂: decay of the squared-gradient average"),
    Hyper("eps", 1e-8, 1e-10, 1e-1, log=True, help="ε, added to the root"),
    Hyper("weight_decay", 1e-2, 0.0, 1.0, help="λ, decoupled decay towards the origin"),
    Hyper("bias_correction", True, choices=(True, False), help="divide the averages by 1-βᵗ"),
)


def adamw(
    learning_rate: ScalarOrSchedule,
    b1=0.9,
    b2=0.999,
    eps=1e-8,
    eps_root=0.0,
    weight_decay=1e-4,
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
