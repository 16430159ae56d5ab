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


# --- step counts: one program per loop length ----------------------------------------
# A run of S steps runs the loop of `scan_length(S)` steps and keeps its first S.


def test_loop_lengths_hold_every_step_count():
    from optimizers.engine import CHEAP_LENGTH, LENGTHS, MAX_STEPS, scan_length

    assert LENGTHS[-1] == MAX_STEPS and list(LENGTHS) == sorted(LENGTHS) and CHEAP_LENGTH in LENGTHS
    for steps in range(1, 3000):
        n = scan_length(steps)
        assert n >= steps and n in LENGTHS
        assert n == LENGTHS[0] or n <= 2.5 * steps  # never much more work than asked for
        assert scan_length(steps, CHEAP_LENGTH) == max(n, CHEAP_LENGTH)
    assert [scan_length(s) for s in (50, 51, 200, 201, MAX_STEPS)] == [50, 100, 200, 500, MAX_STEPS]
    # the Playground's steps slider, 10..2000 by 10: 200 values, 6 loop lengths
    assert {scan_length(s) for s in range(10, 2001, 10)} == {50, 100, 200, 500, 1000, 2000}


def test_one_runs_loop_is_never_short_on_a_surface_without_data():
    from optimizers.engine import CHEAP_LENGTH, loop_length, scan_length

    analytic, data = landscapes.get("rosenbrock"), landscapes.get("linear_regression")
    # the Playground's steps slider: one loop on a surface without data, the 1-2-5 lengths on data
    assert {loop_length(analytic, s) for s in range(10, 2001, 10)} == {CHEAP_LENGTH}
    assert {loop_length(data, s) for s in range(10, 2001, 10)} == {50, 100, 200, 500, 1000, 2000}
    for steps in (1, 1999, 2000, 2001, 7000, 100_000):
        assert loop_length(analytic, steps) == max(scan_length(steps), CHEAP_LENGTH)
        assert loop_length(data, steps) == scan_length(steps)


def test_steps_within_a_loop_length_never_recompile():
    from optimizers.engine import CHEAP_LENGTH

    # a formula, and a data size, of their own: no other test has compiled programs for them
    s = landscapes.from_expression("(x - 0.7)**2 + 3*(y + 0.2)**2 + 0.1*x*y")
    hp = dict(learning_rate=0.05, schedule="cosine", noise=0.1)
    before = optimizers.trace_count()
    for steps in (120, 10, 1990, 101, CHEAP_LENGTH):  # no data: one loop (CHEAP_LENGTH) for them all
        optimizers.run(s, "adam", steps=steps, **hp)
    assert optimizers.trace_count() == before + 1
    for steps in (CHEAP_LENGTH + 1, 3000, 5000):  # the next length, compiled once
        optimizers.run(s, "adam", steps=steps, **hp)
    assert optimizers.trace_count() == before + 2
    runs = [("adam", hp), ("sgd", dict(learning_rate=0.1))]
    for steps in (120, 130, 1990):
        optimizers.run_many(s, runs, steps=steps)
    assert optimizers.trace_count() == before + 3

    d = landscapes.get("linear_regression", n_samples=37)  # data: a step costs a pass over it, so 1-2-5 lengths
    before = optimizers.trace_count()
    for steps in (120, 130, 190, 101, 200):  # one loop length: 200
        optimizers.run(d, "sgd", steps=steps, learning_rate=0.02, batch_size=5)
    assert optimizers.trace_count() == before + 1
    for steps in (201, 210, 350, 500):  # the next one, compiled once
        optimizers.run(d, "sgd", steps=steps, learning_rate=0.02, batch_size=5)
    assert optimizers.trace_count() == before + 2


def test_a_batch_of_runs_loops_only_as_long_as_its_steps_need():
    from optimizers import program
    from optimizers.engine import scan_length

    # many runs in one vmapped program pay for every step of its loop: no floor there
    s = landscapes.from_expression("(x + 0.3)**2 + 2*(y - 0.4)**2")
    starts = np.array([[1.0, 1.0], [-1.0, 0.5], [0.2, -1.0]])
    out = optimizers.run_batch(s, "sgd", starts, steps=30, learning_rate=0.1)
    assert out.shape == (3, 31, 2)
    lengths = {key[0].length for key in program.batch.programs if key[0].value is s.value}
    assert lengths == {scan_length(30)} == {50}
    for m in range(3):  # and each row is the one run's path (which loops CHEAP_LENGTH steps)
        np.testing.assert_allclose(out[m], optimizers.run(s, "sgd", starts[m], 30, learning_rate=0.1).xy, rtol=1e-6)


@pytest.mark.parametrize(
    "surface,name,hp",
    [
        ("rosenbrock", "adam", dict(learning_rate=0.05, clip_norm=50.0, warmup_steps=30)),
        ("quadratic", "rmsprop", dict(learning_rate=0.05, noise=0.5, batch_size=2)),  # noise draws
        ("linear_regression", "momentum", dict(learning_rate=0.02, batch_size=10)),  # mini-batches
    ],
)
def test_a_run_is_the_beginning_of_a_longer_run(surface, name, hp):
    s = landscapes.get(surface)
    runs = {steps: optimizers.run(s, name, steps=steps, **hp) for steps in (120, 130, 190, 300, 51)}
    longest = runs[300]
    for steps, t in runs.items():
        assert t.steps == steps and t.xy.shape == (steps + 1, 2) and t.loss.shape == (steps + 1,)
        # the same program (lengths 200: 120, 130, 190) gives the same bits; another length the same numbers
        cut = (lambda a, b: np.testing.assert_array_equal(a, b)) if 120 <= steps <= 200 else (
            lambda a, b: np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7))
        ref = runs[190] if 120 <= steps <= 200 else longest
        cut(t.xy, ref.xy[: steps + 1])
        cut(t.loss, ref.loss[: steps + 1])
        cut(t.grad, ref.grad[:steps])
        cut(t.lr, ref.lr[:steps])
        assert set(t.state) == set(ref.state)
        for k in t.state:
            cut(t.state[k], ref.state[k][:steps])
        assert t.diverged_at is None


@pytest.mark.parametrize("steps", [50, 51, 200, 201])
def test_bucketed_run_matches_optax_at_loop_length_edges(steps):
    # the cosine's default D is the steps asked for, not the loop's length
    with jax.enable_x64(True):
        s = landscapes.get("rosenbrock")
        t = optimizers.run(s, "adam", start=(-1.5, 2.0), steps=steps, dtype="float64", learning_rate=0.05,
                           schedule="cosine", clip_norm=50.0)
        sched = optax.cosine_decay_schedule(0.05, steps)
        fsched = lambda c: sched(jnp.asarray(c, jnp.float64))  # noqa: E731  (float64 count, see test_rules_vs_optax)
        want = _optax_path(s, optax.chain(optax.clip_by_global_norm(50.0), optax.adam(fsched)), (-1.5, 2.0), steps)
        want_loss = [float(s.f(p)) for p in want]
        want_lr = [float(fsched(i)) for i in range(steps)]
    assert t.xy.shape == want.shape
    np.testing.assert_allclose(t.xy, want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.loss, want_loss, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.lr, want_lr, rtol=1e-12)


@pytest.mark.parametrize("steps", [51, 130])
def test_minibatches_follow_the_epoch_order_whatever_the_loop_length(steps):
    # textbook mini-batch SGD: batch t is slice k of epoch e's shuffle (`oracle.batch_weights`), and
    # the gradient of the batch's mean squared error is (2/|B|) Σ_B (w x + b − y)(x, 1)
    with jax.enable_x64(True):
        s = landscapes.get("linear_regression", n_samples=100)
        t = optimizers.run(s, "sgd", steps=steps, dtype="float64", learning_rate=0.05, batch_size=30, seed=4)
        batch_key, _ = jax.random.split(jax.random.key(4))
        batches = [np.asarray(oracle.batch_weights(batch_key, i, 100, 30.0, False)) > 0 for i in range(steps)]
    x, y = s.data["x"], s.data["y"]
    w, b = s.start
    for i, in_batch in enumerate(batches):
        r = w * x[in_batch] + b - y[in_batch]
        w, b = w - 0.05 * 2 * np.mean(r * x[in_batch]), b - 0.05 * 2 * np.mean(r)
        np.testing.assert_allclose(t.xy[i + 1], [w, b], rtol=1e-12, atol=1e-14)


def test_noise_draws_are_those_of_the_steps_asked_for():
    # with η = 0 the gradient is ∇f(start) + σ/√B ξ_t: ξ_1..ξ_S are a (S, 2) draw from the run's noise key,
    # whatever the loop's length (a counter-based draw: element t depends on the key and t only)
    s = landscapes.get("quadratic")
    g0 = np.asarray(s.grad(s.start))
    _, noise_key = jax.random.split(jax.random.key(9))
    kw = dict(learning_rate=0.0, noise=2.0, batch_size=4, seed=9)
    for steps in (40, 51, 120, 333):
        t = optimizers.run(s, "sgd", steps=steps, **kw)
        xi = np.asarray(jax.random.normal(noise_key, (steps, 2)))
        np.testing.assert_allclose(t.grad, g0 + 2.0 / 2 * xi, rtol=1e-5, atol=1e-6)
    # the engine draws the partitionable way whatever the user's setting (the older one has no such prefixes)
    with jax.threefry_partitionable(False):
        short, long = (optimizers.run(s, "sgd", steps=steps, **kw) for steps in (120, 333))
    np.testing.assert_array_equal(short.grad, long.grad[:120])


def _textbook_gd(surface, learning_rate, steps):
    """Gradient descent as a plain loop, with the engine's documented divergence test.

    Returns the losses of positions 0..steps (NaN after a divergence) and the first diverged step.
    """
    grad = jax.jit(jax.grad(surface.f))
    (x0, x1), (y0, y1) = surface.domain
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    bound = optimizers.DIVERGENCE_FACTOR * max(x1 - x0, y1 - y0) / 2
    xy = np.asarray(surface.start, dtype=float)
    loss = np.full(steps + 1, np.nan)
    for t in range(steps + 1):
        loss[t] = float(surface.f(xy))
        # not finite, or farther than 100 half-widths from the domain's centre
        if not np.isfinite(loss[t]) or np.any(np.abs(xy - centre) > bound):
            return loss, t
        xy = xy - learning_rate * np.asarray(grad(xy))
    return loss, None


def _first_within(loss, f_star, tol):
    hit = np.flatnonzero(np.nan_to_num(loss, nan=np.inf) - f_star <= tol)
    return int(hit[0]) if hit.size else None


def test_divergence_and_steps_to_tolerance_refer_to_the_steps_asked_for():
    from optimizers.engine import scan_length

    s = landscapes.get("quadratic", condition=10.0)
    # η = 2.08 > 2/L: the steep direction grows by 1.08 a step and leaves the box near step 66;
    # η = 0.5 converges, reaching the tolerance at step 56
    for lr, tol in ((2.08, 1e-3), (0.5, 1e-3)):
        with jax.enable_x64(True):
            ref_loss, ref_div = _textbook_gd(s, lr, 600)
        ref_hit = _first_within(ref_loss, 0.0, tol)
        event = ref_div if ref_div is not None else ref_hit
        assert event is not None and scan_length(event - 1) > event  # some runs stop just before it, inside one loop
        for steps in (event - 1, event, event + 1, scan_length(event), scan_length(event) + 1):
            with jax.enable_x64(True):
                t = optimizers.run(s, "sgd", steps=steps, dtype="float64", learning_rate=lr)
            want_div = ref_div if ref_div is not None and ref_div <= steps else None
            assert t.diverged_at == want_div
            assert t.steps_to(tol) == _first_within(ref_loss[: steps + 1], 0.0, tol)
            np.testing.assert_allclose(t.loss, ref_loss[: steps + 1], rtol=1e-9, atol=1e-300)


def test_a_trajectorys_last_readable_position_is_its_end_or_its_divergence():
    import landscapes

    s = landscapes.get("quadratic", condition=10.0)
    fine = optimizers.run(s, "sgd", steps=30, learning_rate=0.5)
    assert fine.diverged_at is None and fine.last == 30 and np.isfinite(fine.xy[fine.last]).all()
    blown = optimizers.run(s, "sgd", steps=300, learning_rate=3.0)  # η > 2/L: |1 - ηL| > 1 along the steep axis
    assert blown.diverged_at is not None and blown.last == blown.diverged_at
    assert np.isfinite(blown.xy[blown.last]).all() and np.isnan(blown.xy[blown.last + 1:]).all()


def test_the_engine_keeps_a_bounded_number_of_compiled_programs():
    """A server whose visitors try every option would otherwise keep every program (5-10 MB each) for good."""
    import landscapes
    from optimizers import program, sweeps

    s = landscapes.get("quadratic")
    limit = 12
    a = optimizers.sweep(s, "sgd", steps=5, grid={"learning_rate": np.linspace(0.01, 0.1, 4)})
    for n in range(5, 5 + limit + 3):  # more grid shapes than the sweep keeps programs for
        optimizers.sweep(s, "sgd", steps=5, grid={"learning_rate": np.linspace(0.01, 0.1, n)})
        assert len(sweeps._sweep.programs) <= limit
    assert len(sweeps._sweep.programs) == limit
    # a program dropped and asked for again gives the same numbers
    b = optimizers.sweep(s, "sgd", steps=5, grid={"learning_rate": np.linspace(0.01, 0.1, 4)})
    np.testing.assert_array_equal(a.final_loss, b.final_loss)
    assert len(program.trajectory.programs) <= 96


def test_the_least_recently_used_program_is_the_one_dropped():
    from optimizers import program

    f = program.bounded(lambda spec, x: x * spec, 3)
    for n in (1, 2, 3, 1, 4):  # shape (1,) is used again before (4,) arrives: (2,) is the oldest
        np.testing.assert_array_equal(f(2.0, np.ones(n, np.float32)), 2.0 * np.ones(n))
    assert [k[2][0][0] for k in f.programs] == [(3,), (1,), (4,)]
