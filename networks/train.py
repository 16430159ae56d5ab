r"""Training a network with the project's update rules, through the engine's own conventions.

A run is planned exactly as a surface's (`optimizers.plan`): the same keywords under optax's names,
defaults from `optimizers.settings`, every number traced (a slider move never recompiles) and the
loop's length bucketed. It steps with the same chain (`optimizers.program.build`):

    clip by global norm -> clip by value -> coupled L2 decay -> the rule (ending in -η_t)

and draws mini-batches exactly as a data surface does (`optimizers.oracle.batch_weights`: a fresh
shuffle each epoch, consecutive batches of B, ``drop_last`` as set):

.. math:: g_t = \nabla_\theta \frac{1}{|B_t|}\sum_{i\in B_t} \ell_i(\theta_t) + \frac{\sigma}{\sqrt{B}}\,\xi_t

Every step records θ, the full-batch train loss, the gradient's norm (as given to the chain, before
clipping) and, every ``eval_every`` steps, the test loss and accuracy. A run diverges at the first
θ or loss that is not finite, or a weight beyond `BOUND`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import jax
import jax.numpy as jnp
import numpy as np

from optimizers import oracle, program
from optimizers.plan import arguments, plan, x64
from optimizers.results import Recorded, first_bad

from .mlp import Architecture, Model

BOUND = 1e6  # a weight this large has diverged
MAX_RECORDED = 40_000_000  # steps × parameters recorded by one run (160 MB in float32)


@dataclass(frozen=True)
class Run(Recorded):
    """One training run. Arrays are NumPy; rows after ``diverged_at`` are NaN.

    ``theta`` (steps+1, n_params) and ``train_loss`` (steps+1,) include the start; ``lr`` and ``grad_norm``
    (steps,) are what step ``t`` used; ``test_loss`` and ``test_accuracy`` are measured at ``eval_steps``.
    """

    name: str
    model: Model
    theta: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    eval_steps: np.ndarray
    lr: np.ndarray
    grad_norm: np.ndarray
    diverged_at: int | None
    hyperparams: Mapping[str, Any] = field(default_factory=dict)
    iterations_per_epoch: int | None = None

    @property
    def final(self) -> np.ndarray:
        """θ at `last`."""
        return self.theta[self.last]


@dataclass(frozen=True)
class _Problem:
    """The network's train loss in the shape `optimizers.plan` reads a surface in (no parameters, no minima)."""

    value: Any  # the `Architecture` (hashable by value: a bound method would make every model a new program)
    n_samples: int
    sample_value: Any = None
    params: Mapping[str, float] = field(default_factory=dict)
    domain: tuple = ((-1.0, 1.0), (-1.0, 1.0))  # only the divergence test of 2-D paths reads it; not used here
    minima: tuple = ()
    data: Any = None


def _train(static, hp_vec, sp_vec, data, theta0, seed):
    """The compiled loop of one run: ``static`` is (`Spec`, `Architecture`)."""
    program.traced()
    spec, arch = static
    hp, _ = spec.named(hp_vec, sp_vec)
    x, y, x_test, y_test = data
    n = spec.n_samples
    key = jax.random.key(seed)
    batch_key, noise_key = jax.random.split(key)
    tx, lr_fn, _ = program.build(spec, hp)
    every = jnp.maximum(jnp.floor(hp["eval_every"]), 1.0)

    def objective(theta, w):
        per = arch.per_sample(theta, x, y)
        # the batch's mean (what the gradient is of) and the full train loss (what is recorded)
        return jnp.sum(w * per) / jnp.sum(w), jnp.mean(per)

    def weights(t):
        # the full batch needs no shuffle: all ones
        full = hp["batch_size"] >= n
        return jax.lax.cond(full, lambda: jnp.ones(n, theta0.dtype),
                            lambda: oracle.batch_weights(batch_key, t, n, hp["batch_size"], hp["drop_last"] > 0).astype(theta0.dtype))

    def evaluate(theta, t):
        on = jnp.mod(t, every) == 0
        return jax.lax.cond(on, lambda: (arch.loss(theta, x_test, y_test), arch.accuracy(theta, x_test, y_test).astype(theta.dtype)),
                            lambda: (jnp.asarray(jnp.nan, theta.dtype), jnp.asarray(jnp.nan, theta.dtype)))

    def body(carry, t):
        theta, opt_state = carry
        (_, loss), g = jax.value_and_grad(objective, has_aux=True)(theta, weights(t))
        # g_t ← g_t + σ/√B ξ_t (drawn only while σ ≠ 0)
        xi = jax.lax.cond(hp["noise"] != 0, lambda: jax.random.normal(jax.random.fold_in(noise_key, t), g.shape, g.dtype),
                          lambda: jnp.zeros_like(g))
        g = oracle.gaussian_noise(g, xi, hp["noise"], hp["batch_size"])
        updates, opt_state = tx.update(g, opt_state, theta)
        new = theta + updates
        test = evaluate(theta, t)
        bad = ~jnp.isfinite(loss) | ~jnp.all(jnp.abs(theta) <= BOUND)  # NaN fails the comparison too
        return (new, opt_state), {"theta": new, "loss": loss, "grad_norm": jnp.sqrt(jnp.sum(g * g)), "test": test, "bad": bad}

    steps = jnp.arange(spec.length, dtype=jnp.int32)
    (final, _), out = jax.lax.scan(body, (theta0, tx.init(theta0)), steps)
    out["final_loss"] = arch.loss(final, x, y)
    out["final_test"] = (arch.loss(final, x_test, y_test), arch.accuracy(final, x_test, y_test).astype(final.dtype))
    out["final_bad"] = ~jnp.isfinite(out["final_loss"]) | ~jnp.all(jnp.abs(final) <= BOUND)
    out["lr"] = jax.vmap(lr_fn)(steps)
    return out


# compiled programs kept: one per rule, switch, architecture, data size and loop length, most recently used first.
# Twelve hold the five scenes' five and a learner's own networks beside them; each costs the server a few MB,
# and a soak that tried every width, depth and size grew by the table's fill (bench/bench_soak.py).
_program = program.bounded(_train, 12)


def train(m: Model, rule: str, steps: int = 1000, *, batch_size: int | None = None, seed: int = 0,
          eval_every: int = 20, dtype: str = "float32", init=None, **hyperparams) -> Run:
    """Train ``m`` with the rule ``rule`` (ours, or ``optax:NAME``) for ``steps`` steps from ``m.init(seed)``.

    ``hyperparams`` are every keyword `optimizers.run` takes (``learning_rate``, ``b1``, ``clip_norm``,
    ``schedule``, ``weight_decay``, ``noise``, ...). ``batch_size=None`` is full-batch; ``seed`` picks the
    initial weights, the shuffles and the noise; ``init`` starts from given weights instead of ``m.init(seed)``.
    The test set is evaluated every ``eval_every`` steps (and at the end when ``steps`` is a multiple of it).
    """
    if isinstance(eval_every, bool) or not isinstance(eval_every, (int, np.integer)) or eval_every < 1:
        raise ValueError(f"eval_every must be a whole number of at least 1, got {eval_every!r}")
    if m.data.n_test == 0:
        raise ValueError("the data set has no test points (test_fraction=0): give it some to measure the test loss")
    arch: Architecture = m.arch
    problem = _Problem(arch, m.data.n_train)
    p = plan(problem, rule, steps, {**hyperparams, "batch_size": batch_size, "seed": seed})
    if p.steps * arch.n_params > MAX_RECORDED:
        raise ValueError(f"{p.steps} steps of {arch.n_params} parameters are too many to record "
                         f"(at most {MAX_RECORDED:,} numbers): fewer steps or a smaller network")
    theta0 = m.init(seed) if init is None else np.asarray(init, dtype=float)
    if theta0.shape != (arch.n_params,) or not np.all(np.isfinite(theta0)):
        raise ValueError(f"init must be {arch.n_params} finite numbers, got shape {theta0.shape}")
    with jax.enable_x64(x64(dtype)):
        spec = replace(p.spec, hp_names=(*p.spec.hp_names, "eval_every"))  # one more traced number
        hp, sp, _, _, seed_arr = arguments(p, problem, (0.0, 0.0))
        ft = hp.dtype
        hp = np.append(hp, np.asarray(eval_every, ft))
        d = m.data
        data = (d.x_train.astype(ft), d.y_train.astype(ft), d.x_test.astype(ft), d.y_test.astype(ft))
        out = jax.tree.map(np.asarray, _program((spec, arch), hp, sp, data, theta0.astype(ft), seed_arr))
    return _run(rule, m, out, theta0.astype(out["theta"].dtype), p, eval_every)


def _run(rule: str, m: Model, out: dict, theta0: np.ndarray, p, eval_every: int) -> Run:
    """The loop's output cut to the steps asked for, the start prepended, NaN after a divergence."""
    s = p.steps
    theta = np.concatenate([theta0[None], out["theta"][:s]])
    train_loss = np.concatenate([out["loss"], out["final_loss"][None]])[: s + 1]
    test_loss = np.concatenate([out["test"][0], out["final_test"][0][None]])[: s + 1]
    test_acc = np.concatenate([out["test"][1], out["final_test"][1][None]])[: s + 1]
    eval_steps = np.arange(0, s + 1, eval_every)
    test_loss, test_acc = test_loss[eval_steps].copy(), test_acc[eval_steps].copy()
    lr, grad_norm = out["lr"][:s].copy(), out["grad_norm"][:s].copy()
    diverged_at = first_bad(out["bad"], out["final_bad"], s)
    if diverged_at is not None:
        theta[diverged_at + 1 :] = np.nan
        train_loss[diverged_at + 1 :] = np.nan
        lr[diverged_at:] = np.nan
        grad_norm[diverged_at:] = np.nan
        late = eval_steps > diverged_at
        test_loss[late] = np.nan
        test_acc[late] = np.nan
    return Run(rule, m, theta, train_loss, test_loss, test_acc, eval_steps, lr, grad_norm, diverged_at,
               p.hyperparams, p.iterations_per_epoch)

