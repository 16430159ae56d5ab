r"""Nesterov momentum: take the gradient where the velocity is about to carry you.

Sutskever et al.'s form evaluates the gradient at a look-ahead point:

.. math::

    V_{t} = \beta V_{t-1} - \eta \nabla f(\theta_t + \beta V_{t-1}), \qquad \theta_{t+1} = \theta_t + V_t

Changing variables to the look-ahead point :math:`\tilde\theta_t = \theta_t + \beta V_{t-1}`
gives an update that needs only the gradient at the current iterate (Bengio,
Boulanger-Lewandowski & Pascanu 2013), which is what optax and PyTorch run:

.. math::

    v_t = \beta v_{t-1} + g_t, \qquad \theta_{t+1} = \theta_t - \eta_t\,(g_t + \beta v_t)

Compared with heavy-ball momentum, the step adds the *new* velocity's
correction: when the velocity points the wrong way the current gradient
corrects it one step sooner, so it overshoots less.

Equivalent to ``optax.sgd(learning_rate, momentum=β, nesterov=True)``.
References: Nesterov (1983); Sutskever, Martens, Dahl & Hinton (2013); CS231n lecture 7.
"""

from .base import GradientTransformation, ScalarOrSchedule, chain, scale_by_learning_rate
from .momentum import trace

NAME = "nesterov"
TITLE = "Nesterov"
FAMILY = "momentum"  # offered as a switch on momentum: the look-ahead gradient


def nesterov(learning_rate: ScalarOrSchedule = 0.05, momentum=0.9) -> GradientTransformation:
    """SGD with Nesterov momentum: u_t = -η (g_t + β v_t), v_t = β v_{t-1} + g_t."""
    return chain(trace(momentum, nesterov=True), scale_by_learning_rate(learning_rate))


def probe(state, hyperparams):
    return {"velocity": state[0].trace}


def optax_reference(learning_rate, momentum):
    """The same rule in optax: the tests' reference."""
    import optax

    return optax.sgd(learning_rate, momentum=momentum, nesterov=True)
