"""The network package against trusted references: optax stepped on the model's loss, textbook mini-batch SGD,
the full Hessian's eigenvalues (numpy), and the geometry of the PCA plane."""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

import networks
import optimizers
from optimizers import oracle

D = networks.dataset("moons", n_samples=40, noise=0.2, seed=3)
M = networks.model(D, hidden=(8,))
STEPS = 100


def _optax_path(m, tx, seed, steps=STEPS, loss=None):
    """optax's ``tx`` stepped on ``loss`` (the model's full-batch loss) from ``m.init(seed)``, every θ."""
    loss = loss or m.loss
    theta = jnp.asarray(m.init(seed))
    state, path = tx.init(theta), [theta]
    grad = jax.jit(jax.grad(loss))
    for _ in range(steps):
        u, state = tx.update(grad(theta), state, theta)
        theta = optax.apply_updates(theta, u)
        path.append(theta)
    return np.stack(path)


# --- data and model ----------------------------------------------------------


@pytest.mark.parametrize("name", networks.DATASETS)
def test_datasets_are_balanced_split_and_reproducible(name):
    d = networks.dataset(name, n_samples=101, noise=0.1, test_fraction=0.3, seed=5)
    again = networks.dataset(name, n_samples=101, noise=0.1, test_fraction=0.3, seed=5)
    other = networks.dataset(name, n_samples=101, noise=0.1, test_fraction=0.3, seed=6)
    assert d.x_train.shape == (71, 2) and d.x_test.shape == (30, 2)
    labels = np.concatenate([d.y_train, d.y_test])
    assert sorted(np.bincount(labels)) == [50, 51]
    np.testing.assert_array_equal(d.x_train, again.x_train)
    assert not np.array_equal(d.x_train, other.x_train)
    assert np.all(np.abs(d.x_train) < 3)


def test_label_noise_flips_about_that_share_of_labels():
    clean = networks.dataset("circles", n_samples=2000, noise=0.0, test_fraction=0.5, seed=1)
    noisy = networks.dataset("circles", n_samples=2000, noise=0.0, test_fraction=0.5, seed=1, label_noise=0.2)
    # without jitter the class is the radius: outer ring (r = 1) is class 0
    for d, share in ((clean, 0.0), (noisy, 0.2)):
        x = np.concatenate([d.x_train, d.x_test])
        y = np.concatenate([d.y_train, d.y_test])
        wrong = np.mean(y != (np.linalg.norm(x, axis=1) < 0.75))
        assert abs(wrong - share) < 0.03


@pytest.mark.parametrize("kw, word", [
    (dict(name="mnist"), "data set"), (dict(n_samples=3), "n_samples"), (dict(noise=-1.0), "noise"),
    (dict(test_fraction=0.99), "test_fraction"), (dict(label_noise=0.7), "label_noise"), (dict(seed=-1), "seed"),
])
def test_bad_data_settings_are_refused_by_name(kw, word):
    args = dict(name="xor") | kw
    with pytest.raises(ValueError, match=word):
        networks.dataset(args.pop("name"), **args)


def test_model_loss_is_the_mean_cross_entropy_of_its_probabilities():
    theta = M.init(1)
    p = np.asarray(M.probability(theta, D.x_train), dtype=float)
    y = D.y_train
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert float(M.loss(theta)) == pytest.approx(expected, rel=1e-5)
    assert M.n_params == len(theta) == 2 * 8 + 8 + 8 + 1


@pytest.mark.parametrize("hidden", [(), (0,), (300,), (2, 2, 2, 2, 2), (2.5,)])
def test_bad_networks_are_refused(hidden):
    with pytest.raises(ValueError, match="hidden"):
        networks.model(D, hidden=hidden)


# --- training against optax ----------------------------------------------------


@pytest.mark.parametrize("name", optimizers.names())
def test_every_rule_trains_the_network_as_optax_does(name):
    rule = optimizers.rule_info(name)
    settings = rule.defaults
    reference = rule.reference(**settings)
    assert reference is not None, f"{name}'s defaults have an optax reference"
    with jax.enable_x64(True):
        r = networks.train(M, name, STEPS, seed=2, dtype="float64", **settings)
        expected = _optax_path(M, reference, seed=2)
        # how far optax strays from itself when the loss changes by one part in 10¹⁵: a path that amplifies
        # rounding (RMSProp's here: 10⁻¹⁶ becomes 10⁻⁶ within 70 steps) cannot be compared more closely than that
        strays = np.abs(expected - _optax_path(M, reference, seed=2, loss=lambda t: M.loss(t) * (1 + 1e-15))).max()
    assert np.abs(r.theta - expected).max() <= max(1e-10, 10 * strays)
    assert r.diverged_at is None


def test_an_optax_rule_and_the_engine_stages_match_optax_chained():
    # optax:lion by name; and SGD with clipping, coupled L2 decay and a cosine schedule against optax's chain
    with jax.enable_x64(True):
        lion = networks.train(M, "optax:lion", STEPS, dtype="float64", learning_rate=1e-3)
        np.testing.assert_allclose(lion.theta, _optax_path(M, optax.lion(1e-3), seed=0), rtol=1e-9, atol=1e-12)
        r = networks.train(M, "sgd", STEPS, dtype="float64", learning_rate=0.5, clip_norm=0.1, weight_decay=0.01,
                           schedule="cosine", decay_steps=80, alpha=0.1)
        tx = optax.chain(optax.clip_by_global_norm(0.1), optax.add_decayed_weights(0.01),
                         optax.sgd(optax.cosine_decay_schedule(0.5, 80, alpha=0.1)))
        np.testing.assert_allclose(r.theta, _optax_path(M, tx, seed=0), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(r.lr, [float(optax.cosine_decay_schedule(0.5, 80, alpha=0.1)(t)) for t in range(STEPS)],
                                   rtol=1e-12)


def test_what_a_run_records_is_the_model_measured_at_its_weights():
    r = networks.train(M, "adam", 60, eval_every=7, learning_rate=0.05)
    np.testing.assert_allclose(r.train_loss, [float(M.loss(t)) for t in r.theta], rtol=1e-5)
    np.testing.assert_array_equal(r.eval_steps, np.arange(0, 61, 7))
    np.testing.assert_allclose(r.test_loss, [float(M.test_loss(r.theta[s])) for s in r.eval_steps], rtol=1e-5)
    np.testing.assert_allclose(r.test_accuracy, [float(M.accuracy(r.theta[s])) for s in r.eval_steps])
    grads = [np.linalg.norm(np.asarray(jax.grad(M.loss)(jnp.asarray(t)))) for t in r.theta[:-1]]
    np.testing.assert_allclose(r.grad_norm, grads, rtol=1e-4)


def test_minibatches_follow_the_epoch_order_of_the_data_surfaces():
    # textbook mini-batch SGD: batch t is slice k of epoch e's shuffle (`oracle.batch_weights`, as linear
    # regression's), the gradient that of the batch's mean loss; 12 steps of B = 6 from 20 points cross epochs
    n, b, lr, seed = D.n_train, 6, 0.5, 4
    with jax.enable_x64(True):
        r = networks.train(M, "sgd", 12, batch_size=b, seed=seed, dtype="float64", learning_rate=lr)
        key, _ = jax.random.split(jax.random.key(seed))
        x, y = jnp.asarray(D.x_train), jnp.asarray(D.y_train)
        theta, path, seen = jnp.asarray(M.init(seed)), [], []
        for t in range(12):
            in_batch = np.asarray(oracle.batch_weights(key, t, n, float(b), False)) > 0
            seen.append(np.flatnonzero(in_batch))
            path.append(theta)
            theta = theta - lr * jax.grad(lambda th: M.arch.loss(th, x[in_batch], y[in_batch]))(theta)
        path.append(theta)
    np.testing.assert_allclose(r.theta, np.stack(path), rtol=1e-12, atol=1e-14)
    ipe = -(-n // b)
    assert r.iterations_per_epoch == ipe
    # each epoch visits every sample once (the last batch smaller)
    np.testing.assert_array_equal(np.sort(np.concatenate(seen[:ipe])), np.arange(n))
    assert [len(s) for s in seen[:ipe]] == [b] * (ipe - 1) + [n - b * (ipe - 1)]


def test_a_batch_of_every_sample_is_full_batch_training():
    full = networks.train(M, "momentum", 50, learning_rate=0.1)
    everything = networks.train(M, "momentum", 50, learning_rate=0.1, batch_size=D.n_train)
    np.testing.assert_allclose(full.theta, everything.theta, rtol=1e-6, atol=1e-7)


def test_a_numeric_setting_never_recompiles():
    networks.train(M, "adam", 200, learning_rate=0.01)
    before = optimizers.trace_count()
    for lr, b1, bs, noise in ((0.02, 0.8, None, 0.0), (0.003, 0.95, 8, 0.5), (0.1, 0.5, 3, 1.0)):
        networks.train(M, "adam", 180, learning_rate=lr, b1=b1, batch_size=bs, noise=noise, eval_every=3)
    assert optimizers.trace_count() == before


def test_divergence_is_reported_and_what_follows_is_nan():
    r = networks.train(M, "sgd", 100, learning_rate=1e9, noise=5.0)
    assert r.diverged_at is not None
    assert np.all(np.isnan(r.theta[r.diverged_at + 1:]))
    assert np.all(np.isfinite(r.theta[: r.diverged_at + 1]))
    assert np.all(np.isfinite(r.final))


@pytest.mark.parametrize("kw, word", [(dict(learning_rate=float("nan")), "learning_rate"), (dict(beta=0.9), "beta"),
                                      (dict(eval_every=0), "eval_every"), (dict(batch_size=0), "batch_size")])
def test_bad_training_settings_are_refused_by_name(kw, word):
    with pytest.raises(ValueError, match=word):
        networks.train(M, "sgd", 10, **kw)


# --- the plane ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs():
    return [networks.train(M, rule, 300, learning_rate=lr) for rule, lr in (("sgd", 0.5), ("adam", 0.02))]


def test_the_plane_passes_through_the_first_runs_end_and_holds_a_share_of_the_paths(runs):
    p = networks.plane(runs, grid=16)
    np.testing.assert_allclose(p.center, runs[0].final)
    np.testing.assert_allclose(p.paths[0][-1], [0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(p.directions @ p.directions.T, np.eye(2), atol=1e-10)
    assert np.all(p.explained_variance >= 0) and 0 < p.explained_variance.sum() <= 1 + 1e-12
    assert p.explained_variance[0] >= p.explained_variance[1]
    offsets = [r.theta - p.center for r in runs]  # the share of ‖M‖²_F along each direction, all rows at once
    captured = sum(np.sum((o @ p.directions.T) ** 2, axis=0) for o in offsets)
    np.testing.assert_allclose(p.explained_variance, captured / sum(np.sum(o * o) for o in offsets), rtol=1e-10)
    # each coordinate is the offset's component along a direction
    t = runs[1].theta[123]
    np.testing.assert_allclose(p.paths[1][123], p.directions @ (t - p.center), rtol=1e-10)
    # the grid's loss is the model's loss at the grid's weights; every path lies inside the grid
    i, j = 3, 11
    at = p.center + p.xs[i] * p.directions[0] + p.ys[j] * p.directions[1]
    assert p.loss[j, i] == pytest.approx(float(M.loss(at)), rel=1e-4)
    for path in p.paths:
        assert p.xs[0] <= path[:, 0].min() and path[:, 0].max() <= p.xs[-1]
        assert p.ys[0] <= path[:, 1].min() and path[:, 1].max() <= p.ys[-1]


def test_a_path_that_lies_in_a_plane_is_reproduced_exactly(runs):
    rng = np.random.default_rng(0)
    u, v = rng.standard_normal((2, M.n_params))
    t = np.linspace(0, 1, runs[0].steps + 1)
    end = runs[0].final
    flat = end + np.outer(np.cos(3 * t) - np.cos(3), u) + np.outer(t**2 - 1, v)
    r = dataclasses.replace(runs[0], theta=flat)
    p = networks.plane([r], grid=8)
    np.testing.assert_allclose(p.explained_variance.sum(), 1.0, rtol=1e-10)
    np.testing.assert_allclose(p.center + p.paths[0] @ p.directions, flat, rtol=1e-9, atol=1e-9)


def test_filter_normalised_directions_have_each_filters_norm_and_no_bias():
    theta = M.init(4)
    d = networks.filter_normalized(M, theta, seed=1)
    for (w, b), (dw, db) in zip(M.arch.layers(theta), M.arch.layers(d)):
        np.testing.assert_allclose(np.linalg.norm(dw, axis=0), np.linalg.norm(w, axis=0), rtol=1e-12)
        assert np.all(db == 0)
    alphas, loss = networks.random_line(M, theta, points=5, span=0.5, seed=1)
    assert loss[2] == pytest.approx(float(M.loss(theta)), rel=1e-5)
    assert loss[4] == pytest.approx(float(M.loss(theta + 0.5 * d)), rel=1e-5)


# --- curvature -------------------------------------------------------------------------


@pytest.mark.parametrize("hidden, seed", [((3,), 0), ((4, 3), 1), ((16, 16), 2)])
def test_lanczos_extremes_equal_the_full_hessians(hidden, seed):
    m = networks.model(networks.dataset("spirals", n_samples=60, seed=seed), hidden=hidden)
    theta = networks.train(m, "adam", 50, learning_rate=0.05, seed=seed).theta[25]
    with jax.enable_x64(True):
        h = np.asarray(jax.hessian(m.loss)(jnp.asarray(theta, dtype=jnp.float64)))
    eig = np.linalg.eigvalsh(h)
    lo, hi = networks.hessian_extremes(m, theta)  # 80 products: exact below 80 parameters, converged above
    assert lo == pytest.approx(eig[0], rel=1e-6, abs=1e-9)
    assert hi == pytest.approx(eig[-1], rel=1e-6)


def test_lanczos_recovers_a_spectrum_with_repeated_eigenvalues():
    # an invariant subspace exhausted early (repeated eigenvalues): the restart must still find both ends
    rng = np.random.default_rng(0)
    q, _ = np.linalg.qr(rng.standard_normal((30, 30)))
    values = np.repeat([-2.0, 0.5, 3.0], 10)
    a = (q * values) @ q.T
    found = networks.lanczos(lambda v: a @ v, 30, 30)
    assert found[0] == pytest.approx(-2.0) and found[-1] == pytest.approx(3.0)


def test_measuring_curvature_on_a_new_network_compiles_only_its_hessian_vector_product():
    # the weights and data were moved with jnp.asarray, which compiles (and JAX keeps) a program per shape
    import gc
    import importlib

    from jax._src import xla_bridge

    def executables():
        gc.collect()
        return len(xla_bridge.get_backend().live_executables())

    products = importlib.import_module("networks.curvature")._product.programs
    m = networks.model(networks.dataset("xor", n_samples=46, seed=4), hidden=(5, 3))
    before, n0 = set(products), executables()
    networks.hessian_extremes(m, m.init(0), iterations=10)
    added, dropped = len(set(products) - before), len(before - set(products))
    assert added == 1
    assert executables() - n0 == added - dropped
