"""A sweep: every combination of one or two hyperparameters, run at once, each run summarised.

A cell keeps three numbers, not its path: the final loss, the first step within
the tolerance of the minimum and the first diverged step. On an analytic surface
with one of our rules the runs sit side by side as *lanes*: a position is a pair
(x, y) of (M,) arrays, one element per run, so XLA fuses a whole step of all M
runs into a few loops over memory. Elsewhere (data surfaces, optax's rules) the
cells are vmapped. The lane layout stays in this module.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Mapping

import jax
import jax.numpy as jnp
import numpy as np

from . import program
from .clipping import clip_by_global_norm
from .plan import Spec, arguments, plan, positive, start_of, x64
from .registry import rule_info
from .results import SweepResult


def sweep(surface, name: str, start=None, steps: int = 200, grid: Mapping[str, Any] | None = None, *,
          tol: float | None = None, dtype: str = "float32", **fixed) -> SweepResult:
    """Run every combination of one or two hyperparameters at once and summarise each run.

    ``grid`` maps one or two numeric hyperparameter names to 1-D arrays of
    values. ``tol`` defaults to 10⁻³ of the start's distance above the minimum.
    """
    if not grid or len(grid) > 2:
        raise ValueError("grid must name one or two numeric hyperparameters, e.g. {'learning_rate': lrs, 'b1': b1s}")
    axes = tuple(grid)
    values = tuple(np.asarray(grid[k], dtype=float).ravel() for k in axes)
    for k, v in zip(axes, values):
        if v.size == 0 or not np.all(np.isfinite(v)):
            raise ValueError(f"grid values for {k} must be a non-empty array of finite numbers")
    p = plan(surface, name, steps, {**fixed, **{k: float(v[0]) for k, v in zip(axes, values)}})
    # a rule without a weight decay of its own gets the engine's coupled L2 term, traced as "l2"
    internal = tuple("l2" if k == "weight_decay" and "weight_decay" not in rule_info(name).accepts else k for k in axes)
    for k, k_in in zip(axes, internal):
        if k_in not in p.traced and k_in not in p.surface_params:
            raise ValueError(f"{k} cannot be swept: only numeric hyperparameters can")
    if tol is not None:
        tol = positive("tol", tol)
    # a sweep is one big computation: leave out the stages that are off (their thresholds are
    # infinite, the decay zero and not swept); toggling one recompiles, moving one does not
    off = {"clip_norm": math.isinf(p.traced["clip_norm"]), "clip_value": math.isinf(p.traced["clip_value"]),
           "l2": p.traced["l2"] == 0}
    stages = tuple(k for k in p.spec.stages if k in internal or not off[k])
    # and it loops exactly `steps` times: it keeps only a summary of each run, and summarising
    # step S of a longer loop would cost every cell a test per step; a sweep compiles per step count
    spec = dataclasses.replace(p.spec, stages=stages, length=steps)
    mesh = np.meshgrid(*values, indexing="ij")
    with jax.enable_x64(x64(dtype)):
        hp, sp, data, xy0, seed = arguments(p, surface, start_of(surface, start))
        cells = {k: m.ravel().astype(xy0.dtype) for k, m in zip(internal, mesh)}
        final, hit, div, tol = _sweep(spec, hp, sp, cells, data, xy0, seed, math.nan if tol is None else tol)
        final, hit, div, tol = (np.asarray(a) for a in (final, hit, div, tol))
    shape = tuple(v.size for v in values)
    final = np.where(div >= 0, np.nan, final).reshape(shape)
    hit = np.where(hit >= 0, hit, np.nan).reshape(shape)
    div = np.where(div >= 0, div, np.nan).reshape(shape)
    return SweepResult(name, axes, values, final, hit, div, float(tol), steps)


def _lane_norm(tree) -> jax.Array:
    """Each run's ‖g‖ when the leaves hold one coordinate of many runs: the norm across leaves, element by element."""
    return jnp.sqrt(sum(jnp.square(x) for x in jax.tree.leaves(tree)))


def _summary(spec: Spec, hp, sp, data, start, seed, target, lanes: bool = False):
    """Final loss, first step within the target and first diverged step (-1 for never) of one run.

    With ``lanes``, ``start`` is a pair of (M,) arrays and any hyperparameter may be an (M,) array: M runs at once.
    """
    key = jax.random.key(seed)
    tx, _, _ = program.build(spec, hp, (lambda c: clip_by_global_norm(c, _lane_norm)) if lanes else clip_by_global_norm)
    loss_and_grad = None
    if lanes:

        def loss_and_grad(xy, t):
            # M losses and, by one reverse pass, their M gradients (the runs do not interact)
            loss, pullback = jax.vjp(lambda q: jnp.broadcast_to(spec.value(q, sp, data), q[0].shape), xy)
            return loss, pullback(jnp.ones_like(loss))[0]

    step, full_loss, is_bad = program.step_fn(spec, hp, sp, data, key, loss_and_grad, tx)
    xi = program.noise_draws(key, spec.length, jax.tree.leaves(start)[0].dtype, hp["noise"])
    xs = (jnp.arange(spec.length, dtype=jnp.int32), (xi[:, 0], xi[:, 1]) if lanes else xi)

    def body(carry, x):
        xy, opt_state, hit, div = carry
        t, xi_t = x
        new_xy, opt_state, loss, _ = step(xy, opt_state, t, xi_t)
        hit = jnp.where((hit < 0) & (loss <= target), t, hit)
        div = jnp.where((div < 0) & is_bad(xy, loss), t, div)
        return (new_xy, opt_state, hit, div), None

    minus_one = jnp.full(jnp.shape(start[0]), -1, jnp.int32)  # one per run
    carry = (start, tx.init(start), minus_one, minus_one)
    (xy, _, hit, div), _ = jax.lax.scan(body, carry, xs, unroll=4)
    loss = jnp.broadcast_to(full_loss(xy), hit.shape)  # a constant formula gives one number for all runs
    hit = jnp.where((hit < 0) & (loss <= target), spec.length, hit)
    div = jnp.where((div < 0) & is_bad(xy, loss), spec.length, div)
    return loss, hit, div


def _sweep_impl(spec: Spec, hp_vec, sp_vec, cells, data_and_minima, start, seed, tol):
    """Every cell of the grid: final loss, first step within tolerance, first diverged step; and the tolerance.

    ``cells`` maps each swept name to its (M,) values, one per cell.
    """
    program.traced()
    data, minima = data_and_minima
    hp, sp = spec.named(hp_vec, sp_vec)
    # the target: f* + tol, tol defaulting to 10⁻³ of the start's height above f* (f* = 0 when unknown)
    f_min = program.f_min(spec, sp, data, minima)
    f_star = jnp.where(jnp.isnan(f_min), 0.0, f_min)
    f0 = spec.value(start, sp, data)
    tol = jnp.where(jnp.isnan(tol), 1e-3 * jnp.maximum(f0 - f_star, 1e-12), tol)

    def with_cell(cell):
        return ({**hp, **{k: v for k, v in cell.items() if k in hp}}, {**sp, **{k: v for k, v in cell.items() if k in sp}})

    if _lanes_ok(spec):
        # every run side by side: positions are pairs of (M,) arrays, swept values (M,)
        h, p = with_cell(cells)
        m = next(iter(cells.values())).shape[0]
        lanes_start = (jnp.full(m, start[0]), jnp.full(m, start[1]))
        return (*_summary(spec, h, p, data, lanes_start, seed, f_star + tol, lanes=True), tol)

    # otherwise vmap over the cells; every other argument is shared by all of them
    def one(cell):
        return _summary(spec, *with_cell(cell), data, start, seed, f_star + tol)

    return (*jax.vmap(one)(cells), tol)


def _lanes_ok(spec: Spec) -> bool:
    """Runs can sit side by side, element by element, when every piece is elementwise.

    True for our rules on analytic surfaces (their code only combines ``xy[0]`` and
    ``xy[1]`` elementwise). Data surfaces reduce over samples and optax's rules may
    take norms over whole leaves: those are vmapped instead, which is about 3x slower
    (vmap keeps each run's two coordinates interleaved in a (M, 2) array).
    """
    return spec.sample_value is None and not spec.rule.startswith("optax:")


# a sweep compiles per step count and grid size (about 10 MB each): keep the 12 most recently used
_sweep = program.bounded(_sweep_impl, 12)
