r"""Plain (stochastic) gradient descent.

.. math::

    \theta_{t+1} = \theta_t - \eta_t\, g_t

``g_t`` is the full gradient (batch gradient descent), the gradient of one
sample (stochastic) or of a mini-batch: the rule is the same, only the gradient
oracle differs (see `optimizers.oracle`). On an ill-conditioned valley the
gradient is perpendicular to the contour lines, not aimed at the minimum, so the
path zigzags across the valley.

Reference: CS231n lecture 7 (2017), "Vanilla gradient descent".
Equivalent to ``optax.sgd(learning_rate)``.
"""

from .base import GradientTransformation, ScalarOrSchedule, chain, scale_by_learning_rate

NAME = "sgd"
TITLE = "SGD"


def sgd(learning_rate: ScalarOrSchedule = 0.1) -> GradientTransformation:
    """Gradient descent: u_t = -η_t g_t."""
    return chain(scale_by_learning_rate(learning_rate))


def probe(state, hyperparams):
    """SGD keeps no state to show."""
    return {}


def optax_reference(learning_rate):
    """The same rule in optax: the tests' reference."""
    import optax

    return optax.sgd(learning_rate)
