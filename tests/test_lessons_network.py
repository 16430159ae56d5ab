"""The network page's scenes teach what their buttons say, measured with their fixed seeds."""

import numpy as np
import pytest

import networks

from lessons import network as ln


def _race(key):
    s = ln.SCENES[key]
    return s, ln.race(s.setup, s.racers)


def test_on_the_spirals_sgd_crawls_momentum_gets_off_the_plateau_and_adam_is_first_down():
    _, r = _race("optimizers")
    sgd, momentum, adam = r.runs
    assert sgd.train_loss[-1] > 0.6  # still near log 2 ≈ 0.69: the plateau
    assert momentum.train_loss[-1] < 0.1
    # Adam is down first: the first step at which each is below 0.1
    first = [int(np.argmax(x.train_loss < 0.1)) for x in (momentum, adam)]
    assert first[1] < first[0]


def test_weight_decay_stops_the_test_loss_from_climbing():
    s, r = _race("weight_decay")
    plain, decayed = r.runs
    assert dict(s.racers[1].settings)["weight_decay"] > 0 and "weight_decay" not in dict(s.racers[0].settings)
    # without decay the network memorises the training points and its test loss climbs far above its best
    assert plain.train_loss[-1] < 0.01
    assert plain.test_loss[-1] > 2 * np.nanmin(plain.test_loss)
    # with it the test loss ends near its best, and lower than without
    assert decayed.test_loss[-1] < 1.3 * np.nanmin(decayed.test_loss)
    assert decayed.test_loss[-1] < plain.test_loss[-1] / 2


def test_the_small_batch_ends_in_a_flatter_place_than_the_full_batch():
    s, r = _race("batch")
    small, full = ln.sharpness(r)
    assert dict(s.racers[0].settings)["batch_size"] == 4 and "batch_size" not in dict(s.racers[1].settings)
    assert small["highest"] < full["highest"] / 1.5
    # the filter-normalised slice rises less around the small batch's end (its own loss subtracted)
    rise = [np.mean(q["loss"][[0, -1]]) - q["loss"][len(q["loss"]) // 2] for q in (small, full)]
    assert rise[0] < rise[1]


def test_warmup_rescues_adam_at_a_large_rate():
    _, r = _race("warmup")
    cold, warm = r.runs
    assert cold.train_loss[-1] > 0.3
    assert warm.train_loss[-1] < 0.05


def test_the_hessians_negative_eigenvalues_shrink_to_almost_nothing():
    _, r = _race("curvature")
    steps, lo, hi = ln.curvature(r)
    assert steps[0] == 0 and steps[-1] == r.runs[0].steps and len(steps) == ln.CHECKPOINTS
    assert lo[0] < 0 and abs(lo[0]) / hi[0] > 0.2  # at the random start: a saddle-like region
    assert abs(lo[-1]) / hi[-1] < 0.01  # at the end: within 1% of the largest


def test_every_racer_starts_from_the_same_weights_and_the_plane_holds_every_path():
    s, r = _race("optimizers")
    starts = np.stack([x.checkpoints[0] for x in r.runs])
    np.testing.assert_array_equal(starts, np.broadcast_to(starts[0], starts.shape))
    assert len(r.plane.paths) == len(r.runs) == len(r.probabilities)
    assert all(p.shape == (ln.BOUNDARY_GRID, ln.BOUNDARY_GRID) for p in r.probabilities)
    assert all(np.all((p >= 0) & (p <= 1)) for p in r.probabilities)


def test_a_race_has_one_to_four_racers():
    setup = ln.Setup(steps=200)
    with pytest.raises(ValueError, match="1 to 4"):
        ln.race(setup, ())
    with pytest.raises(ValueError, match="1 to 4"):
        ln.race(setup, (ln.Racer.of("sgd"),) * 5)


def test_a_race_keeps_what_the_page_draws_and_each_runs_weights_at_checkpoints_only():
    s = ln.SCENES["warmup"]
    r = ln.race(s.setup, s.racers)
    m = s.setup.model()
    for racer, kept in zip(s.racers, r.runs):
        full = networks.train(m, racer.rule, s.setup.steps, seed=s.setup.seed, **dict(racer.settings))
        np.testing.assert_array_equal(kept.train_loss, full.train_loss)
        np.testing.assert_array_equal(kept.final, full.final)
        np.testing.assert_array_equal(kept.checkpoints, full.theta[kept.checkpoint_steps])
        assert kept.checkpoints.nbytes < full.theta.nbytes / 100


def _executables() -> int:
    """The compiled programs this process holds (JAX's and ours), after anything dropped has been collected."""
    import gc

    from jax._src import xla_bridge

    gc.collect()
    return len(xla_bridge.get_backend().live_executables())


def test_a_race_on_a_new_network_compiles_only_the_programs_its_bounded_tables_keep():
    # the boundary pictures were drawn by JAX operations run one by one: each compiled a program for the network's
    # shapes that JAX kept for good (about 1.4 MB each, seven to ten per network a learner tried)
    import importlib

    tables = [importlib.import_module(f"networks.{m}") for m in ("train", "plane")]
    tables = [tables[0]._program.programs, tables[1]._grid.programs]
    before, n0 = [set(t) for t in tables], _executables()
    ln.race(ln.Setup("xor", 100, width=7, depth=3, steps=200), (ln.Racer.of("sgd", learning_rate=0.1),))
    added = sum(len(set(t) - b) for t, b in zip(tables, before))
    dropped = sum(len(b - set(t)) for t, b in zip(tables, before))
    assert added == 2  # a new network: its training and its plane's grid
    assert _executables() - n0 == added - dropped


def test_the_boundary_is_the_models_probability_computed_without_jax():
    s, r = _race("optimizers")
    m = s.setup.model()
    grid = np.stack(np.meshgrid(r.boundary_xs, r.boundary_ys), -1).reshape(-1, 2)
    z = np.asarray(m.arch.logits(r.runs[0].final.astype(np.float32), grid.astype(np.float32)), dtype=float)
    np.testing.assert_allclose(r.probabilities[0].ravel(), 1 / (1 + np.exp(-z)), atol=1e-5)


def test_the_warm_ups_networks_are_the_scenes_then_the_first_scene_one_shape_move_away():
    from lab import warmup

    scenes = [(s.setup, s.racers) for s in ln.SCENES.values()]
    assert warmup.network_setups() == scenes
    first = ln.SCENES[ln.DEFAULT_SCENE]
    reached = warmup.network_setups(reach=True)[len(scenes):]
    assert all(racers == first.racers for _, racers in reached)
    assert len(reached) == sum(len(values) - 1 for values in ln.SHAPES.values())  # every other value, once
    assert len({setup for setup, _ in reached}) == len(reached) and first.setup not in {s for s, _ in reached}
