r"""A small multilayer perceptron on two-class data, its parameters one flat vector θ.

.. math::

    h_0 = x,\qquad h_{l} = \phi(h_{l-1} W_l + b_l),\qquad z = h_{L-1} W_L + b_L,\qquad
    p(y = 1 \mid x) = \sigma(z)

with :math:`\phi = \tanh` (TensorFlow Playground's default) or ReLU. The loss is the mean cross-entropy,

.. math:: \mathcal L(\theta) = \frac1N \sum_i \ell_i,\qquad \ell_i = \log(1 + e^{z_i}) - y_i z_i ,

written with ``softplus`` so that a large logit never overflows. θ holds, layer after layer, ``W_l``
(row-major, fan-in × fan-out) then ``b_l``. Weights start Glorot-normal (variance 2 / (fan-in + fan-out)),
biases at zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import jax
import jax.numpy as jnp
import numpy as np

from .data import Dataset

ACTIVATIONS = ("tanh", "relu")
MAX_WIDTH, MAX_DEPTH = 256, 4


@dataclass(frozen=True)
class Architecture:
    """The network's shape and activation: hashable, so compiled programs are keyed by it (never by data)."""

    sizes: tuple[int, ...]  # (2, *hidden, 1)
    activation: str = "tanh"

    @cached_property
    def shapes(self) -> tuple[tuple[tuple[int, int], int], ...]:
        return tuple(((a, b), b) for a, b in zip(self.sizes[:-1], self.sizes[1:]))

    @cached_property
    def n_params(self) -> int:
        return sum(a * b + b for (a, b), _ in self.shapes)

    def layers(self, theta):
        """θ cut into ``[(W_1, b_1), ...]``."""
        out, i = [], 0
        for (a, b), _ in self.shapes:
            w = theta[i : i + a * b].reshape(a, b)
            out.append((w, theta[i + a * b : i + a * b + b]))
            i += a * b + b
        return out

    def logits(self, theta, x):
        """z for every row of ``x`` (n, 2)."""
        phi = jnp.tanh if self.activation == "tanh" else jax.nn.relu
        h = x.astype(theta.dtype)
        layers = self.layers(theta)
        for w, b in layers[:-1]:
            # h_l = φ(h_{l-1} W_l + b_l)
            h = phi(h @ w + b)
        w, b = layers[-1]
        # z = h_{L-1} W_L + b_L
        return (h @ w + b)[:, 0]

    def logits_numpy(self, theta, x) -> np.ndarray:
        """`logits` in NumPy (float64), for what is computed outside a compiled program.

        Each JAX operation run on its own compiles a program for its arguments' shapes, and JAX keeps every one
        (about 1.4 MB each, whatever the operation): `logits` run that way left seven to ten programs behind for
        every network shape a learner tried.
        """
        h = np.asarray(x, dtype=float)
        layers = self.layers(np.asarray(theta, dtype=float))
        for w, b in layers[:-1]:
            z = h @ w + b
            h = np.tanh(z) if self.activation == "tanh" else np.maximum(z, 0.0)
        w, b = layers[-1]
        return (h @ w + b)[:, 0]

    def per_sample(self, theta, x, y):
        """ℓ_i = log(1 + e^{z_i}) − y_i z_i for every sample."""
        z = self.logits(theta, x)
        return jax.nn.softplus(z) - y.astype(z.dtype) * z

    def loss(self, theta, x, y):
        """The mean cross-entropy over ``(x, y)``."""
        return jnp.mean(self.per_sample(theta, x, y))

    def accuracy(self, theta, x, y):
        """The fraction of samples whose predicted class (z > 0) is their label."""
        return jnp.mean((self.logits(theta, x) > 0) == (y > 0))


@dataclass(frozen=True, eq=False)
class Model:
    """An MLP on a data set: ``loss(θ)`` is its mean train cross-entropy (full batch), a jnp function of θ."""

    arch: Architecture
    data: Dataset

    @property
    def n_params(self) -> int:
        return self.arch.n_params

    @property
    def hidden(self) -> tuple[int, ...]:
        return self.arch.sizes[1:-1]

    def init(self, seed: int = 0) -> np.ndarray:
        """θ₀ (n_params,) float64: Glorot-normal weights, zero biases, from ``seed``."""
        rng = np.random.default_rng(seed)
        parts = []
        for (a, b), _ in self.arch.shapes:
            parts += [rng.normal(0.0, np.sqrt(2.0 / (a + b)), a * b), np.zeros(b)]
        return np.concatenate(parts)

    def loss(self, theta):
        theta = jnp.asarray(theta)
        return self.arch.loss(theta, jnp.asarray(self.data.x_train), jnp.asarray(self.data.y_train))

    def test_loss(self, theta):
        theta = jnp.asarray(theta)
        return self.arch.loss(theta, jnp.asarray(self.data.x_test), jnp.asarray(self.data.y_test))

    def accuracy(self, theta, split: str = "test"):
        theta = jnp.asarray(theta)
        x, y = (self.data.x_test, self.data.y_test) if split == "test" else (self.data.x_train, self.data.y_train)
        return self.arch.accuracy(theta, jnp.asarray(x), jnp.asarray(y))

    def probability(self, theta, points) -> np.ndarray:
        """p(y = 1 | x) at every row of ``points`` (n, 2), float64: the picture of the decision boundary.
        In NumPy (`Architecture.logits_numpy`): drawing a new network's boundary compiles nothing."""
        z = self.arch.logits_numpy(theta, points)
        return 0.5 * (1.0 + np.tanh(0.5 * z))  # σ(z), without overflow for any z


def model(d: Dataset, hidden: tuple[int, ...] = (16, 16), activation: str = "tanh") -> Model:
    """An MLP with hidden layers of widths ``hidden`` on the data set ``d``."""
    hidden = tuple(hidden)
    if not 1 <= len(hidden) <= MAX_DEPTH or not all(
            isinstance(w, (int, np.integer)) and not isinstance(w, bool) and 1 <= w <= MAX_WIDTH for w in hidden):
        raise ValueError(f"hidden must be 1 to {MAX_DEPTH} whole widths from 1 to {MAX_WIDTH}, got {hidden!r}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
    return Model(Architecture((2, *map(int, hidden), 1), activation), d)
