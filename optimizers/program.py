"""The compiled program: one run's loop, `lax.scan` over steps, recording what the figures draw at every step.

The chain a run steps with is always

    clip by global norm -> clip by value -> coupled L2 decay -> the rule (ending in -η_t)

with the gradient from the oracle (`optimizers.oracle`). Clipping and decay are
always in the chain (an ``inf`` threshold, a zero decay), so turning them on is a
number changing, not a new program. Every number arrives by name in ``hp`` (the
rule's and the engine's) and ``sp`` (the surface's); what is static is the `Spec`.

Every step-numbered input is the same in a longer loop: the mini-batch of step
``t`` depends on ``t`` and the seed only, and the noise ξ_t is element ``t`` of
one counter-based draw (see `noise_draws`), so lengthening a run keeps its beginning.

Divergence: a position or loss that is not finite, or a position farther than
``bound`` from the plotting domain's centre, marks the step as diverged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

import jax
import jax.numpy as jnp

from . import oracle, runtime, schedules
from .base import GradientTransformation, apply_updates, chain
from .clipping import clip, clip_by_global_norm
from .plan import Spec
from .registry import Rule, rule_info
from .weight_decay import add_decayed_weights

# How many times a program has been traced (a trace precedes every compile).
TRACE_COUNT = 0


def traced() -> None:
    """Count one trace (called from inside each jitted function, so only when JAX traces it)."""
    global TRACE_COUNT
    TRACE_COUNT += 1


def learning_rate_fn(spec: Spec, hp) -> Callable:
    """η_t as a function of the step: the named schedule from ``hp``'s numbers, or the given callable; warmup in front."""
    if callable(spec.schedule):
        return schedules.warmup(spec.schedule, spec.schedule(0), hp["warmup_steps"])
    return schedules.get(
        spec.schedule,
        hp["learning_rate"],
        hp["warmup_steps"],
        transition_steps=hp["transition_steps"],
        decay_rate=hp["decay_rate"],
        staircase=spec.staircase,
        decay_steps=hp["decay_steps"],
        alpha=hp["alpha"],
    )


def build(spec: Spec, hp, clip_norm_stage: Callable = clip_by_global_norm) -> tuple[GradientTransformation, Callable, Rule]:
    """The chain and the learning-rate function, built from traced hyperparameters.

    ``clip_norm_stage`` makes the norm-clipping stage (the sweep passes its own, for runs side by side).
    """
    rule = rule_info(spec.rule)
    lr_fn = learning_rate_fn(spec, hp)
    kw = {k: hp[k] for k in spec.traced_rule_keys if k != "learning_rate"}
    kw.update(dict(spec.static_kw))
    stages = {
        "clip_norm": lambda: clip_norm_stage(hp["clip_norm"]),
        "clip_value": lambda: clip(hp["clip_value"]),
        "l2": lambda: add_decayed_weights(hp["l2"]),
    }
    tx = chain(*(stages[k]() for k in spec.stages), rule.factory(learning_rate=lr_fn, **kw))
    return tx, lr_fn, rule


def step_fn(spec: Spec, hp, sp, data, key, loss_and_grad: Callable | None = None, tx=None):
    """One optimizer step as a pure function of (position, optimizer state, step index, noise draw).

    Returns ``(step, full_loss, is_bad)``; ``loss_and_grad`` and ``tx`` default to one run's.
    """
    value = spec.value
    batch_key, _ = jax.random.split(key)

    def full_loss(xy):
        return value(xy, sp, data)

    if loss_and_grad is None and spec.sample_value is not None:

        def loss_and_grad(xy, t):
            w = oracle.batch_weights(batch_key, t, spec.n_samples, hp["batch_size"], hp["drop_last"] > 0)
            g = jax.grad(oracle.minibatch_loss, argnums=1)(spec.sample_value, xy, sp, data, w)
            return full_loss(xy), g

    elif loss_and_grad is None:

        def loss_and_grad(xy, t):
            return jax.value_and_grad(full_loss)(xy)

    def is_bad(xy, loss):
        # not finite, or far outside the plotting domain (NaN fails the comparison too)
        inside_x = jnp.abs(xy[0] - hp["center_x"]) <= hp["bound"]
        inside_y = jnp.abs(xy[1] - hp["center_y"]) <= hp["bound"]
        return ~jnp.isfinite(loss) | ~(inside_x & inside_y)

    def step(xy, opt_state, t, xi):
        loss, g = loss_and_grad(xy, t)
        # g_t ← g_t + σ/√B ξ_t
        g = oracle.gaussian_noise(g, xi, hp["noise"], hp["batch_size"])
        updates, opt_state = tx.update(g, opt_state, xy)
        return apply_updates(xy, updates), opt_state, loss, g

    return step, full_loss, is_bad


def noise_draws(key, length, dtype, noise):
    """ξ_1..ξ_T, drawn before the loop, (T, 2); every run of a sweep sees the same draws.

    Drawing costs about as much as the run itself, so it is skipped (zeros) while
    ``noise`` is 0; a `lax.cond` on the traced value, so turning noise on never recompiles.

    The draw uses the partitionable Threefry (JAX's default since 0.5, forced here
    whatever the user's setting): element ``i`` of a draw is a function of the key
    and ``i`` alone, so the first ``S`` rows of a draw of any length are the same.
    A run of ``S`` steps therefore sees the same ξ_t whatever length its loop has.
    """
    _, noise_key = jax.random.split(key)
    noise = jnp.max(jnp.asarray(noise))  # a sweep over noise: draw when any cell needs it

    def draw():
        with jax.threefry_partitionable(True):
            return jax.random.normal(noise_key, (length, 2), dtype=dtype)

    return jax.lax.cond(noise != 0, draw, lambda: jnp.zeros((length, 2), dtype))


def f_min(spec: Spec, sp, data, minima):
    """The lowest loss among the listed minima (NaN when none are listed)."""
    if spec.n_minima == 0:
        return jnp.asarray(jnp.nan, minima.dtype)
    return jnp.min(jax.vmap(lambda m: spec.value(m, sp, data))(minima))


def _recording(spec: Spec, hp_vec, sp_vec, data_and_minima, start, seed):
    """One run's pieces: its first carry, its loop body (recording what the inspector draws at
    every step), its per-step inputs, and what is computed once the loop is done."""
    data, minima = data_and_minima
    hp, sp = spec.named(hp_vec, sp_vec)
    key = jax.random.key(seed)
    tx, lr_fn, rule = build(spec, hp)
    step, full_loss, is_bad = step_fn(spec, hp, sp, data, key, tx=tx)
    probe_hp = {**{k: hp[k] for k in spec.traced_rule_keys}, **dict(spec.static_kw)}
    xs = (jnp.arange(spec.length, dtype=jnp.int32), noise_draws(key, spec.length, start.dtype, hp["noise"]))

    def body(carry, x):
        xy, opt_state = carry
        t, xi = x
        new_xy, opt_state, loss, g = step(xy, opt_state, t, xi)
        rule_state = opt_state[len(spec.stages)]
        probe = rule.probe(rule_state, {**probe_hp, "lr": lr_fn(t)}) if rule.probe else {}
        return (new_xy, opt_state), {"xy": new_xy, "loss": loss, "grad": g, "state": probe}

    def finish(final_carry, out):
        # what needs no loop is computed for all steps at once, after it: row by row, so
        # `results.trajectory` can cut every output at the steps asked for (the final values
        # are those of the loop's last step, used only when it is the last step asked for)
        final_xy = final_carry[0]
        out["final_loss"] = full_loss(final_xy)
        out["lr"] = jax.vmap(lr_fn)(xs[0])
        xy_before = jnp.concatenate([start[None], out["xy"][:-1]])
        out["bad"] = jax.vmap(is_bad)(xy_before, out["loss"])
        out["final_bad"] = is_bad(final_xy, out["final_loss"])
        out["f_min"] = f_min(spec, sp, data, minima)
        return out

    return (start, tx.init(start)), body, xs, finish


def _trajectory(spec: Spec, hp, sp, data_and_minima, start, seed):
    """The whole path of one run."""
    traced()
    carry, body, xs, finish = _recording(spec, hp, sp, data_and_minima, start, seed)
    final, out = jax.lax.scan(body, carry, xs)
    return finish(final, out)


def _trajectories(specs: tuple[Spec, ...], hps, sps, data_and_minima, start, seeds):
    """Several runs in one loop: each step advances every run once (one loop's overhead for all)."""
    traced()
    pieces = [_recording(s, h, p, data_and_minima, start, seed) for s, h, p, seed in zip(specs, hps, sps, seeds)]

    def body(carries, xs):
        stepped = [piece[1](c, x) for piece, c, x in zip(pieces, carries, xs)]
        return tuple(c for c, _ in stepped), tuple(o for _, o in stepped)

    finals, outs = jax.lax.scan(body, tuple(p[0] for p in pieces), tuple(p[2] for p in pieces))
    return tuple(p[3](f, o) for p, f, o in zip(pieces, finals, outs))


def _batch(spec: Spec, hp, sp, data_and_minima, starts, seeds):
    """`_trajectory` for every (start, seed) pair at once."""
    return jax.vmap(lambda xy0, seed: _trajectory(spec, hp, sp, data_and_minima, xy0, seed))(starts, seeds)


def bounded(fn: Callable, limit: int):
    """``jax.jit(fn, static_argnums=(0,))``, keeping only the ``limit`` most recently used compiled programs.

    Each program costs the process 5-10 MB, and a server whose visitors try every rule, option, step
    count and grid size compiles hundreds (measured: +677 MB over 2,000 reruns); JAX evicts nothing by
    itself. So each program gets a jitted function of its own (a fresh wrapper of ``fn``, so that JAX's
    caches keyed on the function let go of it too), kept in a least-recently-used table: the one used
    longest ago is dropped, and if asked for again it is traced and loaded from the persistent compile
    cache (a few hundred milliseconds). A program is what JAX compiles one for: the static `Spec` and
    the shapes, types and structure of the other arguments. Dropping all programs at once instead
    thrashed under a class: 25 students' p50 went from 0.4 s to 3.4 s. Dropping one frees its
    executable; what JAX's trace caches and glibc's arenas still keep of it (and of the compile
    that replaced it) is released off the caller's thread (`runtime.release_soon`).
    """
    programs: OrderedDict = OrderedDict()
    lock = threading.Lock()

    def call(*args):
        leaves, tree = jax.tree.flatten(args[1:])
        key = (args[0], tree, tuple((getattr(x, "shape", ()), getattr(x, "dtype", type(x))) for x in leaves))
        dropped = False
        with lock:
            jitted = programs.get(key)
            if jitted is None:
                jitted = programs[key] = jax.jit(lambda *a: fn(*a), static_argnums=(0,))
                while len(programs) > limit:
                    programs.popitem(last=False)
                    dropped = True
            else:
                programs.move_to_end(key)
        out = jitted(*args)
        if dropped:  # what JAX and glibc keep of the dropped program (and of this one's compile): see `runtime`
            runtime.release_soon()
        return out

    call.programs = programs
    return call


# the programs a server keeps: the Playground's runs (a rule, its switches, a loop length and a surface each),
# several rules in one loop (notebooks), many starts or seeds of one rule (lessons 8's maps)
trajectory = bounded(_trajectory, 96)
trajectories = bounded(_trajectories, 16)
batch = bounded(_batch, 16)
