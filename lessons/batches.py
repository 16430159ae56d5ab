r"""Lesson 2's computations: how an epoch is cut into batches, the mini-batch gradient's noise, and a cost model.

The noise. Drawing B of the N per-sample gradients without replacement, their mean
scatters around the full gradient with

.. math::

    \sqrt{\mathbb E\,\lVert g_B - \nabla f\rVert^2}
    = \frac{\sigma}{\sqrt B}\sqrt{\frac{N-B}{N-1}},\qquad
    \sigma^2 = \frac1N\sum_i \lVert\nabla\ell_i - \nabla f\rVert^2,

the 1/√B law times the finite-population factor, which takes the noise to 0 at
B = N (the whole data set has no sampling noise left). `measured_noise` measures
it with the engine itself.

The cost of a step (a model, not a measurement): a fixed overhead :math:`t_0`
(launching the step, reading the weights, the optimizer's update) plus one pass
of a vector unit :math:`W` samples wide for every started group of :math:`W`
samples,

.. math:: c(B) = t_0 + \lceil B / W \rceil \quad\text{(in vector passes)}.

A batch smaller than W leaves lanes idle: B = 1 costs as much as B = W. From B = W
on, a B that is not a multiple of W pays for a part-empty last pass (W being a power
of two, powers of two from W on are multiples of it). The cost per sample c(B)/B = 1/W · (1 +
t₀W/B) approaches its floor 1/W once B is several times t₀W.
"""

from __future__ import annotations

import math

import jax
import numpy as np

import landscapes
import optimizers

# the cost model's two constants (illustrative: a GPU warp is 32 lanes wide; the overhead t0 is chosen so that the
# per-sample cost's knee t0*W falls at the notes' 64: the model illustrates the notes' range, it does not derive it)
VECTOR_WIDTH = 32  # W: samples one pass of the vector unit handles
OVERHEAD = 2.0  # t₀: the fixed cost of a step, in vector passes
USUAL = (64, 512)  # the notes' (Ng's) usual range of mini-batch sizes for a large data set
FULL_BATCH_BELOW = 2000  # the notes: under about 2,000 samples, just take the full batch
PRACTICE_N = 2000  # the data set of the cost-versus-noise figure: the regression's largest
ODD_SIZE = 100  # a batch size that is not a power of two (the notes' examples use it)


def batch_sizes_of_epoch(n: int, b: int, drop_last: bool) -> tuple[list[int], int]:
    """The sizes of the batches one epoch makes, and how many samples it drops (the oracle's rule, in numbers)."""
    b = min(max(int(b), 1), n)
    full, rest = divmod(n, b)
    if rest == 0:
        return [b] * full, 0
    if drop_last:
        return [b] * full, rest
    return [b] * full + [rest], 0


def last_batch(n: int, b: int, drop_last: bool) -> tuple[str, int]:
    """How an epoch of ``n`` samples in batches of ``b`` ends: ("full", b) when ``b`` divides ``n``, else the short
    remainder, ("dropped", size) under drop_last or ("short", size) as the last batch."""
    sizes, dropped = batch_sizes_of_epoch(n, b, drop_last)
    if dropped:
        return "dropped", dropped
    return ("full", sizes[-1]) if sizes[-1] == sizes[0] else ("short", sizes[-1])


# ----------------------------------------------------------------------------
# the noise of a mini-batch gradient


def one_over_sqrt_b(sigma: float, b) -> np.ndarray:
    """σ/√B: the spread of the mean of B independent draws."""
    return sigma / np.sqrt(np.asarray(b, dtype=np.float64))


def finite_population_spread(sigma: float, n: int, b) -> np.ndarray:
    """σ/√B · √((N−B)/(N−1)): the spread of the mean of B of N values drawn without replacement."""
    b = np.asarray(b, dtype=np.float64)
    # 1) the independent-draws law, 2) the finite-population correction
    return one_over_sqrt_b(sigma, b) * np.sqrt(np.clip((n - b) / (n - 1), 0.0, None))


def per_sample_gradients(surface, xy) -> np.ndarray:
    """∇ℓᵢ at ``xy`` for every sample i, by `jax.grad` of the surface's per-sample loss: (N, 2)."""
    xy = np.asarray(xy, dtype=np.float32)
    data = {k: np.asarray(v, dtype=np.float32) for k, v in surface.data.items()}
    grad_one = jax.grad(surface.sample_value)
    return np.asarray(jax.vmap(grad_one, in_axes=(None, None, 0))(xy, {}, data), dtype=np.float64)


def per_sample_sigma(surface, xy) -> float:
    """σ: the RMS distance of the per-sample gradients at ``xy`` from their mean, the full gradient."""
    g = per_sample_gradients(surface, xy)
    return float(np.sqrt(np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=1))))


def measured_noise(surface, sizes, steps: int, seed: int) -> list[float]:
    """For each B: the RMS distance of ``steps`` mini-batch gradients at the start from the full gradient.

    The engine runs with η = 0, so the point never moves and every step draws a fresh mini-batch
    gradient at the start; drop_last keeps every batch exactly B samples.
    """
    full = np.asarray(surface.grad(surface.start), dtype=np.float64)
    out = []
    for b in sizes:
        tr = optimizers.run(surface, "sgd", steps=steps, learning_rate=0.0, batch_size=int(b), drop_last=True, seed=seed)
        out.append(float(np.sqrt(np.mean(np.sum((tr.grad.astype(np.float64) - full) ** 2, axis=1)))))
    return out


def data_set(n: int):
    """The lesson's regression on ``n`` samples."""
    return landscapes.get("linear_regression", n_samples=n)


def three_runs(n: int, b: int, drop_last: bool, steps: int, learning_rate: float, seed: int) -> dict:
    """The same rule and η on the ``n``-sample data set, with gradients from all n samples (GD, "full"), from one
    ("sgd") and from ``b`` ("mini"): {kind: Trajectory}."""
    surface = data_set(n)
    return {kind: optimizers.run(surface, "sgd", steps=steps, learning_rate=learning_rate, batch_size=size,
                                 drop_last=drop_last, seed=seed) for kind, size in (("full", n), ("sgd", 1), ("mini", b))}


def spread_by_size(n: int, sizes, steps: int, seed: int) -> tuple[list[int], list[float], float]:
    """On the ``n``-sample data set: the ``sizes`` below n, their measured noise at the start (`measured_noise`),
    and σ there."""
    surface = data_set(n)
    sizes = [int(b) for b in sizes if b < n]
    return sizes, measured_noise(surface, sizes, steps, seed), per_sample_sigma(surface, surface.start)


def practice_noise(steps: int, seed: int) -> tuple[list[int], list[float], float, float]:
    """On the `PRACTICE_N` data set: the powers of two below it, their measured noise, σ, and `ODD_SIZE`'s noise."""
    sizes, noise, sigma = spread_by_size(PRACTICE_N, [*powers_of_two(PRACTICE_N), ODD_SIZE], steps, seed)
    return sizes[:-1], noise[:-1], sigma, noise[-1]


# ----------------------------------------------------------------------------
# the cost of a step (the model above)


def step_cost(b, width: int = VECTOR_WIDTH, overhead: float = OVERHEAD) -> np.ndarray:
    """c(B) = t₀ + ⌈B/W⌉: a step's cost in vector passes."""
    return overhead + np.ceil(np.asarray(b, dtype=np.float64) / width)


def cost_per_sample(b, width: int = VECTOR_WIDTH, overhead: float = OVERHEAD) -> np.ndarray:
    """c(B)/B: what one sample's gradient costs at batch size B (its floor is 1/W)."""
    b = np.asarray(b, dtype=np.float64)
    return step_cost(b, width, overhead) / b


def powers_of_two(n: int) -> list[int]:
    """1, 2, 4, … below n: the batch sizes of the cost-versus-noise figure."""
    return [2**k for k in range(int(math.log2(max(n - 1, 1))) + 1) if 2**k < n]


def practice(n: int) -> str:
    """The notes' batch size for a data set of ``n`` samples: "full" under about 2,000, else "mini" (64–512)."""
    return "full" if n < FULL_BATCH_BELOW else "mini"
