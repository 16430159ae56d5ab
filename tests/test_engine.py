"""The trajectory engine against trusted references: optax loops, closed-form theory, NumPy."""

import math
import warnings

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

import landscapes
import optimizers
from optimizers import oracle


def _optax_path(surface, tx, start, steps):
    """A plain Python loop over optax: the reference path."""
    grad = jax.jit(jax.grad(surface.f))
    xy = jnp.asarray(start, dtype=jnp.result_type(float))
    state = tx.init(xy)
    path = [np.asarray(xy)]
    for _ in range(steps):
        u, state = tx.update(grad(xy), state, xy)
        xy = optax.apply_updates(xy, u)
        path.append(np.asarray(xy))
    return np.stack(path)


@pytest.mark.parametrize(
    "name,hp,ref",
    [
        ("momentum", dict(learning_rate=5e-4, momentum=0.9), optax.sgd(5e-4, momentum=0.9)),
        ("nesterov", dict(learning_rate=5e-4, momentum=0.9), optax.sgd(5e-4, momentum=0.9, nesterov=True)),
        ("adagrad", dict(learning_rate=0.3), optax.adagrad(0.3)),
        ("rmsprop", dict(learning_rate=0.01), optax.rmsprop(0.01)),
        ("adam", dict(learning_rate=0.05), optax.adam(0.05)),
        ("adamw", dict(learning_rate=0.05, weight_decay=0.1), optax.adamw(0.05, weight_decay=0.1)),
    ],
)
def test_engine_path_matches_optax_on_rosenbrock(name, hp, ref):
    with jax.enable_x64(True):
        s = landscapes.get("rosenbrock")
        t = optimizers.run(s, name, start=(-1.5, 2.0), steps=120, dtype="float64", clip_norm=50.0, **hp)
        want = _optax_path(s, optax.chain(optax.clip_by_global_norm(50.0), ref), (-1.5, 2.0), 120)
        want_loss = [float(s.f(p)) for p in want]
    assert t.diverged_at is None
    np.testing.assert_allclose(t.xy, want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.loss, want_loss, rtol=1e-9, atol=1e-12)


def test_engine_schedule_warmup_and_clip_value_match_optax():
    with jax.enable_x64(True):
        s = landscapes.get("quadratic", condition=50.0, angle=0.4)
        t = optimizers.run(
            s, "adam", steps=150, dtype="float64", learning_rate=0.1,
            schedule="exponential", transition_steps=20, decay_rate=0.7, warmup_steps=15, clip_value=0.5,
        )
        sched = optax.join_schedules([optax.linear_schedule(0.0, 0.1, 15), optax.exponential_decay(0.1, 20, 0.7)], [15])
        fsched = lambda c: sched(jnp.asarray(c, jnp.float64))  # noqa: E731  (float64 count, see test_rules_vs_optax)
        want = _optax_path(s, optax.chain(optax.clip(0.5), optax.adam(fsched)), s.start, 150)
        np.testing.assert_allclose(t.lr, [float(fsched(i)) for i in range(150)], rtol=1e-12)
    np.testing.assert_allclose(t.xy, want, rtol=1e-9, atol=1e-12)


def test_optax_contestant_runs_by_name():
    with jax.enable_x64(True):
        s = landscapes.get("rosenbrock")
        t = optimizers.run(s, "optax:lion", steps=80, dtype="float64", learning_rate=1e-3, b1=0.9)
        want = _optax_path(s, optax.lion(1e-3, b1=0.9), s.start, 80)
    np.testing.assert_allclose(t.xy, want, rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="unknown optax optimizer"):
        optimizers.run(s, "optax:__class__", steps=5)
    with pytest.raises(ValueError, match="unknown optimizer"):
        optimizers.run(s, "lbfgs", steps=5)


# --- theory on the quadratic -------------------------------------------------


def _rate(xy, t0, t1):
    """Measured contraction per step of the distance to the minimum at the origin."""
    d = np.linalg.norm(xy, axis=1)
    return (d[t1] / d[t0]) ** (1.0 / (t1 - t0))


@pytest.mark.parametrize("kappa", [10.0, 100.0])
def test_gradient_descent_contracts_at_kappa_rate(kappa):
    # f has curvatures L = 1 and μ = 1/κ: GD with η = 2/(L+μ) contracts by (κ−1)/(κ+1) per step
    L, mu = 1.0, 1.0 / kappa
    with jax.enable_x64(True):
        t = optimizers.run(landscapes.get("quadratic", condition=kappa, angle=0.3), "sgd", steps=300,
                           dtype="float64", learning_rate=2 / (L + mu))
    assert _rate(t.xy, 50, 300) == pytest.approx((kappa - 1) / (kappa + 1), rel=0.01)


@pytest.mark.parametrize("kappa", [10.0, 100.0])
def test_heavy_ball_with_optimal_parameters_contracts_at_sqrt_kappa_rate(kappa):
    # Polyak: η = 4/(√L+√μ)², β = ((√κ−1)/(√κ+1))² give the rate (√κ−1)/(√κ+1) (Goh 2017)
    L, mu = 1.0, 1.0 / kappa
    eta = 4 / (math.sqrt(L) + math.sqrt(mu)) ** 2
    rate = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    # the repeated eigenvalue adds a factor linear in t: measure over a long, late window,
    # ending where the distance is about 1e-60 (far from float64's limits)
    t1 = int(60 * math.log(10) / -math.log(rate))
    with jax.enable_x64(True):
        t = optimizers.run(landscapes.get("quadratic", condition=kappa, angle=-0.7), "momentum", steps=t1,
                           dtype="float64", learning_rate=eta, momentum=rate**2)
    measured = _rate(t.xy, t1 // 2, t1)
    assert measured == pytest.approx(rate, rel=0.03)
    assert measured < (kappa - 1) / (kappa + 1)  # faster than the best plain GD


# --- mini-batches ---------------------------------------------------------------


def test_iterations_per_epoch_and_each_sample_once_per_epoch():
    assert int(oracle.iterations_per_epoch(100, 20, False)) == 5
    assert int(oracle.iterations_per_epoch(1050, 100, True)) == 10
    assert int(oracle.iterations_per_epoch(1050, 100, False)) == 11
    key = jax.random.key(3)
    for n, b, drop in [(100, 20, False), (1050, 100, True), (1050, 100, False), (7, 3, False)]:
        ipe = int(oracle.iterations_per_epoch(n, b, drop))
        for epoch in range(2):
            w = np.stack([np.asarray(oracle.batch_weights(key, epoch * ipe + k, n, b, drop)) for k in range(ipe)])
            sizes = w.sum(axis=1)
            covered = w.sum(axis=0)
            if drop:
                assert np.all(sizes == b) and covered.sum() == ipe * b and covered.max() == 1
            else:
                assert np.all(sizes[:-1] == b) and sizes[-1] == n - (ipe - 1) * b
                np.testing.assert_array_equal(covered, np.ones(n))  # every sample exactly once
    # a new epoch reshuffles
    w0 = np.asarray(oracle.batch_weights(key, 0, 100, 20, False))
    w5 = np.asarray(oracle.batch_weights(key, 5, 100, 20, False))
    assert not np.array_equal(w0, w5)


def test_trajectory_reports_iterations_per_epoch():
    s = landscapes.get("linear_regression", n_samples=100)
    assert optimizers.run(s, "sgd", steps=10, batch_size=20).iterations_per_epoch == 5
    s = landscapes.get("linear_regression", n_samples=1050)
    assert optimizers.run(s, "sgd", steps=10, batch_size=100, drop_last=True).iterations_per_epoch == 10


def test_batch_size_n_is_full_batch_gradient_descent():
    with jax.enable_x64(True):
        s = landscapes.get("linear_regression", n_samples=100)
        full = optimizers.run(s, "sgd", steps=60, dtype="float64", learning_rate=0.05)
        batch_n = optimizers.run(s, "sgd", steps=60, dtype="float64", learning_rate=0.05, batch_size=100, seed=7)
    np.testing.assert_array_equal(full.xy, batch_n.xy)
    # and both follow closed-form GD on the mean squared error: ∇ = (2/N) Σ (w x + b − y) (x, 1)
    x, y = s.data["x"], s.data["y"]
    w, b = s.start
    for i in range(60):
        r = w * x + b - y
        w, b = w - 0.05 * 2 * np.mean(r * x), b - 0.05 * 2 * np.mean(r)
        np.testing.assert_allclose(full.xy[i + 1], [w, b], rtol=1e-12, atol=1e-14)


def test_minibatch_gradients_are_noisy_and_unbiased():
    s = landscapes.get("linear_regression", n_samples=100)
    t = optimizers.run(s, "sgd", steps=400, learning_rate=0.0, batch_size=10)  # lr 0: stay at the start
    full = np.asarray(s.grad(s.start))
    # over whole epochs the mini-batch gradients average to the full gradient exactly
    np.testing.assert_allclose(t.grad.mean(axis=0), full, rtol=1e-4)
    assert t.grad.std(axis=0).min() > 1e-3


def test_noise_on_analytic_surface_scales_as_one_over_sqrt_batch():
    s = landscapes.get("quadratic")
    spreads = []
    for b in (1, 4, 16):
        t = optimizers.run(s, "sgd", steps=2000, learning_rate=0.0, noise=2.0, batch_size=b)
        spreads.append(np.std(t.grad - np.asarray(s.grad(s.start)), axis=0).mean())
    np.testing.assert_allclose(spreads, [2.0, 1.0, 0.5], rtol=0.06)


# --- compiles, divergence, bad input --------------------------------------------


def test_no_recompile_across_random_hyperparameter_changes():
    compiles = []
    jax.monitoring.register_event_duration_secs_listener(
        lambda event, secs, **kw: compiles.append(event) if event == "/jax/core/compile/backend_compile_duration" else None
    )
    s = landscapes.get("rosenbrock")
    rng = np.random.default_rng(0)

    def random_run():
        return optimizers.run(
            s, "adam", start=tuple(rng.uniform(-2, 2, 2)), steps=100,
            learning_rate=10 ** rng.uniform(-4, 0), b1=rng.uniform(0, 0.99), b2=rng.uniform(0.9, 0.9999),
            eps=10 ** rng.uniform(-10, -3), clip_norm=rng.uniform(0.1, 10), clip_value=rng.uniform(0.1, 10),
            schedule="cosine", decay_steps=rng.uniform(10, 200), alpha=rng.uniform(0, 1),
            warmup_steps=rng.integers(0, 50), weight_decay=rng.uniform(0, 0.1), noise=rng.uniform(0, 1),
            batch_size=rng.integers(1, 64), seed=int(rng.integers(0, 1000)), a=rng.uniform(0.5, 2), b=rng.uniform(1, 200),
        )

    random_run()  # the first call may compile
    traces, n_compiles = optimizers.trace_count(), len(compiles)
    for _ in range(20):
        random_run()
    assert optimizers.trace_count() == traces
    assert len(compiles) == n_compiles
    jax.monitoring.clear_event_listeners()


def test_divergence_is_reported_not_raised():
    s = landscapes.get("quadratic", condition=10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        t = optimizers.run(s, "sgd", steps=200, learning_rate=5.0)
    # |1 − η L| = 4 per step: far outside 100× the domain within a few steps
    assert t.diverged_at is not None and 1 <= t.diverged_at < 20
    assert np.all(np.isnan(t.xy[t.diverged_at + 1 :]))
    assert np.all(np.isnan(t.loss[t.diverged_at + 1 :]))
    assert np.all(np.isfinite(t.xy[: t.diverged_at]))
    assert optimizers.run(s, "sgd", steps=200, learning_rate=0.5).diverged_at is None


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(learning_rate=float("nan")), "finite"),
        (dict(learning_rate="fast"), "number"),
        (dict(lerning_rate=0.1), "unknown hyperparameter"),
        (dict(schedule="sometimes"), "unknown schedule"),
        (dict(batch_size=0), "batch_size"),
        (dict(clip_norm=-1.0), "positive"),
        (dict(seed=-3), "seed"),
        (dict(steps=0), "steps"),
        (dict(start=(0.0, float("inf"))), "finite"),
        (dict(dtype="float16"), "dtype"),
    ],
)
def test_bad_input_raises_clear_value_error(kwargs, match):
    s = landscapes.get("quadratic")
    kwargs = {"steps": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        optimizers.run(s, "sgd", **kwargs)


def test_float64_on_request():
    s = landscapes.get("rosenbrock")
    t64 = optimizers.run(s, "adam", steps=50, learning_rate=0.01, dtype="float64")
    t32 = optimizers.run(s, "adam", steps=50, learning_rate=0.01)
    assert t64.xy.dtype == np.float64 and t32.xy.dtype == np.float32
    np.testing.assert_allclose(t64.xy, t32.xy, rtol=1e-3, atol=1e-4)


def test_inspector_state_matches_its_definition():
    with jax.enable_x64(True):
        s = landscapes.get("quadratic", condition=20.0)
        t = optimizers.run(s, "rmsprop", steps=30, dtype="float64", learning_rate=0.01, decay=0.9, eps=1e-8)
    # ν_t = 0.9 ν_{t−1} + 0.1 g_t², effective step η/√(ν_t + ε), and the step taken is that times g
    nu = np.zeros(2)
    for i in range(30):
        nu = 0.9 * nu + 0.1 * t.grad[i] ** 2
        np.testing.assert_allclose(t.state["second_moment"][i], nu, rtol=1e-10)
        np.testing.assert_allclose(t.xy[i + 1] - t.xy[i], -t.state["effective_lr"][i] * t.grad[i], rtol=1e-9)


# --- sweep -------------------------------------------------------------------------


def test_sweep_cells_equal_single_runs():
    s = landscapes.get("rosenbrock")
    lrs, b1s = np.array([1e-3, 1e-2, 5e-2]), np.array([0.0, 0.9])
    r = optimizers.sweep(s, "adam", steps=200, grid={"learning_rate": lrs, "b1": b1s}, tol=0.5)
    assert r.final_loss.shape == (3, 2) and r.axes == ("learning_rate", "b1")
    for i, lr in enumerate(lrs):
        for j, b1 in enumerate(b1s):
            t = optimizers.run(s, "adam", steps=200, learning_rate=lr, b1=b1)
            np.testing.assert_allclose(r.final_loss[i, j], t.loss[-1], rtol=1e-4, atol=1e-6)
            hit = t.steps_to(0.5)
            assert (math.isnan(r.steps_to_tol[i, j]) and hit is None) or r.steps_to_tol[i, j] == hit


def test_sweep_marks_divergence_with_nan():
    s = landscapes.get("quadratic")
    r = optimizers.sweep(s, "sgd", steps=100, grid={"learning_rate": np.array([0.5, 1.5, 2.5, 4.0])})
    assert np.isfinite(r.final_loss[:2]).all()
    assert np.isnan(r.final_loss[2:]).all() and np.isfinite(r.diverged_at[2:]).all()
    # the GD stability limit η < 2/L = 2 is where it breaks, as theory says
    assert np.isnan(r.diverged_at[:2]).all()


def test_sweep_rejects_non_numeric_axes():
    s = landscapes.get("quadratic")
    with pytest.raises(ValueError):
        optimizers.sweep(s, "adam", steps=10, grid={"bias_correction": np.array([0, 1])})
    with pytest.raises(ValueError):
        optimizers.sweep(s, "adam", steps=10, grid={})


@pytest.mark.parametrize(
    "surface,name,fixed",
    [
        # side-by-side lanes: our rules on analytic surfaces, with clipping, noise and a schedule in play
        ("cliff", "momentum", dict(clip_norm=1.0, noise=0.3, batch_size=4, schedule="step", transition_steps=30)),
        ("himmelblau", "rmsprop", dict(clip_value=5.0, weight_decay=0.01, warmup_steps=10)),
        ("quadratic", "nesterov", dict(condition=50.0)),
        # vmapped: data surfaces and optax's rules
        ("linear_regression", "sgd", dict(batch_size=10)),
        ("rosenbrock", "optax:lion", dict(b1=0.9)),
    ],
)
def test_sweep_cells_equal_single_runs_everywhere(surface, name, fixed):
    s = landscapes.get(surface)
    lrs = np.array([1e-3, 1e-2, 3e-2])
    r = optimizers.sweep(s, name, steps=120, grid={"learning_rate": lrs}, **fixed)
    for i, lr in enumerate(lrs):
        t = optimizers.run(s, name, steps=120, learning_rate=lr, **fixed)
        np.testing.assert_allclose(r.final_loss[i], t.loss[-1], rtol=2e-4, atol=1e-6)


def test_integer_surface_parameters_are_enforced():
    with pytest.raises(ValueError, match="whole number"):
        landscapes.get("linear_regression", n_samples=10.5)
    with pytest.raises(ValueError, match="number"):
        landscapes.get("quadratic", condition=True)
    s = landscapes.get("linear_regression", n_samples=50, data_seed=3)
    assert s.settings["n_samples"] == 50 and s.settings["data_seed"] == 3 and s.n_samples == 50


def test_run_many_equals_separate_runs():
    s = landscapes.get("rosenbrock")
    runs = [
        ("sgd", dict(learning_rate=1e-3, clip_norm=10.0, schedule="cosine", warmup_steps=20)),
        ("momentum", dict(learning_rate=5e-4, momentum=0.9, noise=0.1, seed=3)),
        ("adam", dict(learning_rate=0.05, weight_decay=0.01)),
        ("sgd", dict(learning_rate=5.0)),  # diverges
    ]
    many = optimizers.run_many(s, runs, start=(-1.0, 1.5), steps=150)
    for (name, hp), t in zip(runs, many):
        single = optimizers.run(s, name, start=(-1.0, 1.5), steps=150, **hp)
        np.testing.assert_array_equal(t.xy, single.xy)
        np.testing.assert_array_equal(t.lr, single.lr)
        assert t.diverged_at == single.diverged_at and set(t.state) == set(single.state)
    assert many[-1].diverged_at is not None
    assert optimizers.run_many(s, []) == []


def test_sweep_in_float64():
    s = landscapes.get("quadratic")
    r64 = optimizers.sweep(s, "momentum", steps=60, grid={"learning_rate": np.array([0.1, 0.5])}, dtype="float64")
    r32 = optimizers.sweep(s, "momentum", steps=60, grid={"learning_rate": np.array([0.1, 0.5])})
    np.testing.assert_allclose(r64.final_loss, r32.final_loss, rtol=1e-3, atol=1e-7)


def test_sweep_over_coupled_weight_decay():
    s = landscapes.get("rosenbrock")
    lams = np.array([0.0, 0.1, 1.0])
    r = optimizers.sweep(s, "adam", steps=80, grid={"weight_decay": lams}, learning_rate=0.05)
    for i, lam in enumerate(lams):
        t = optimizers.run(s, "adam", steps=80, learning_rate=0.05, weight_decay=lam)
        np.testing.assert_allclose(r.final_loss[i], t.loss[-1], rtol=2e-4, atol=1e-6)
