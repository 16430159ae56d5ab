r"""The gradient oracle: what an optimizer is told the gradient is.

Batch, stochastic and mini-batch gradient descent run the *same* update rule;
they differ only here.

Data surfaces (a mean over N samples, :math:`f = \frac1N\sum_i \ell_i`):

.. math:: g_t = \nabla \frac{1}{|B_t|}\sum_{i\in B_t} \ell_i(\theta_t)

Each epoch shuffles the samples (a fresh permutation, without replacement) and
cuts them into consecutive batches of ``B``. With ``drop_last`` the last,
incomplete batch is dropped, so an epoch is :math:`\lfloor N/B\rfloor` iterations
(the notes' "1050 samples, batch 100: drop the last 50"); without it the last
batch is smaller and an epoch is :math:`\lceil N/B\rceil` iterations. ``B = N``
is full-batch gradient descent, ``B = 1`` is stochastic gradient descent.

Analytic surfaces have no samples, so mini-batch noise is modelled: a Gaussian
with the variance of a mean of ``B`` independent draws,

.. math:: g_t = \nabla f(\theta_t) + \frac{\sigma}{\sqrt{B}}\,\xi_t, \qquad \xi_t\sim\mathcal N(0, I)

The batch size is a traced number (it only changes a mask), so a batch-size
slider never recompiles.
"""

import jax
import jax.numpy as jnp


def iterations_per_epoch(n_samples, batch_size, drop_last, xp=jnp):
    """⌊N/B⌋ with ``drop_last``, else ⌈N/B⌉ (at least one); ``xp=numpy`` outside a traced program."""
    b = xp.clip(xp.floor(batch_size), 1, n_samples)
    full = xp.floor(n_samples / b)
    return xp.maximum(xp.where(drop_last, full, xp.ceil(n_samples / b)), 1)


def batch_weights(key, step, n_samples: int, batch_size, drop_last):
    """Weights (N,) that are 1 on the samples in step ``step``'s batch and 0 elsewhere.

    The batch is the ``k``-th slice of length ``B`` of epoch ``e``'s permutation,
    with ``e, k = divmod(step, iterations_per_epoch)``.
    """
    b = jnp.clip(jnp.floor(batch_size), 1, n_samples)
    ipe = iterations_per_epoch(n_samples, b, drop_last)
    epoch = jnp.floor(step / ipe)
    k = step - epoch * ipe
    # the epoch's shuffle: position of each sample in the permutation
    perm = jax.random.permutation(jax.random.fold_in(key, epoch.astype(jnp.int32)), n_samples)
    position = jnp.zeros(n_samples, jnp.int32).at[perm].set(jnp.arange(n_samples, dtype=jnp.int32))
    # samples whose position lies in [kB, (k+1)B)
    lo = k * b
    return ((position >= lo) & (position < lo + b)).astype(jnp.result_type(float))


def minibatch_loss(sample_value, xy, params, data, weights):
    """(1/|B|) Σ_{i∈B} ℓ_i(θ): the mean of the per-sample loss over the weighted samples."""
    per_sample = jax.vmap(sample_value, in_axes=(None, None, 0))(xy, params, data)
    return jnp.sum(weights * per_sample) / jnp.sum(weights)


def gaussian_noise(grad, xi, noise, batch_size):
    """g + σ/√B ξ: the modelled mini-batch noise of an analytic surface (``xi`` shaped like ``grad``)."""
    return jax.tree.map(lambda g, z: g + noise / jnp.sqrt(batch_size) * z, grad, xi)
