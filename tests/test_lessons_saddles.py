"""`lessons.saddles` and `lessons.saddles_minima` without the page: the vectorised counts against the loops of single
engine runs they replace, the readings against closed forms and finite differences."""

import math

import jax
import numpy as np
import pytest

import landscapes
import optimizers
from lessons import saddles as ls, saddles_minima as lm


# --- the race at the saddle ----------------------------------------------------------------------


@pytest.mark.parametrize("y0,lr,sigma,radius", [(1e-4, 0.1, 0.05, 0.25), (0.0, 0.2, 0.3, 0.5)])
def test_race_counts_are_the_loop_of_single_runs(y0, lr, sigma, radius):
    race = ls.race(y0, lr, sigma, radius)
    surface, start = landscapes.get("saddle"), (ls.SADDLE_X0, y0)
    assert [c.rule for c in race.contestants] == ["sgd", "momentum", "sgd", "adam"]
    for con, run, (value, low, high) in zip(race.contestants, race.runs, race.near):
        if not con.hp.get("noise"):
            single = optimizers.run(surface, con.rule, start, ls.STEPS, **con.hp)
            assert (value, low, high) == (ls.steps_near(single.xy, ls.SADDLE, radius), None, None)
            continue
        # the old page: one run per seed, in a Python loop
        counts = [ls.steps_near(optimizers.run(surface, "sgd", start, ls.STEPS, seed=s, **con.hp).xy, ls.SADDLE, radius)
                  for s in range(ls.NOISE_SEEDS)]
        assert (value, low, high) == (pytest.approx(np.mean(counts)), min(counts), max(counts))
        np.testing.assert_allclose(run.xy, optimizers.run(surface, "sgd", start, ls.STEPS, seed=0, **con.hp).xy)
    a, b = surface.params["a"], surface.params["b"]
    assert (race.shrink, race.grow) == pytest.approx((1 - 2 * a * lr, 1 + 2 * b * lr))  # the linearised map's factors
    assert race.theory == ls.linear_saddle_steps(a, b, lr, start, radius)
    assert race.text["measured"] == race.near[0][0]


def test_growth_guides_lie_on_the_measured_curves_and_use_the_formulas():
    lr = 0.1
    g = ls.growth(lr)
    b = landscapes.get("saddle").params["b"]
    assert g.formulas == pytest.approx({"gd": 1 + 2 * b * lr, "root": ls.growth_momentum(b, lr, ls.MOMENTUM),
                                        "approx": 1 + 2 * b * lr / (1 - ls.MOMENTUM)})
    rule_of = {"gd": "sgd", "root": "momentum", "approx": "momentum"}
    assert [key for key, *_ in g.guides] == ["gd", "root", "approx"]
    for key, rate, first, y_first, last in g.guides:
        y = np.abs(g.y[rule_of[key]])
        assert rate == g.formulas[key] and y_first == y[first] and ls.GROWTH_BAND[0] <= y[first] and y[last] <= ls.GROWTH_BAND[1]
    assert g.measured["sgd"] == pytest.approx(g.formulas["gd"], rel=2e-3)
    assert g.x_max == pytest.approx(1.3 * np.flatnonzero(np.abs(g.y["sgd"]) > 1.0)[0])
    assert g.h == pytest.approx(2 * b * lr)


def finite_difference_grad(surface, xy, h=1e-6):
    with jax.enable_x64(True):
        f = lambda p: float(surface.f(np.asarray(p, dtype=np.float64)))  # noqa: E731
        return np.array([(f(xy + e) - f(xy - e)) / (2 * h) for e in np.eye(2) * h])


def test_plateau_reading_against_finite_differences_and_adams_first_step():
    p = ls.plateau(0.6)
    g = finite_difference_grad(p.surface, np.asarray(p.surface.start, dtype=np.float64))
    assert p.grad0 == pytest.approx(np.linalg.norm(g), rel=1e-3)
    # Adam's first bias-corrected step is η g/(|g| + ε) per coordinate: about η√2; GD's is η‖g‖ up to float32's spacing
    assert p.first["adam"] == pytest.approx(ls.PLATEAU_LR * math.sqrt(2), rel=5e-3)
    assert abs(p.first["sgd"] - ls.PLATEAU_LR * p.grad0) <= 2 * p.spacing
    assert p.spacing == float(np.spacing(np.float32(max(abs(c) for c in p.surface.start))))
    for rule, run in p.runs.items():
        assert p.reach[rule] == run.steps_to(ls.PLATEAU_REACH)


# --- several minima ------------------------------------------------------------------------------


def test_basin_map_is_the_loop_of_single_runs():
    xs, ys, codes = lm.basin_map("double_well", "momentum", 0.05)
    surface = landscapes.get("double_well")
    assert codes.shape == (lm.BASIN_GRID, lm.BASIN_GRID)
    rng = np.random.default_rng(1)
    for i, j in rng.integers(0, lm.BASIN_GRID, size=(12, 2)):  # the old page ran all 441 like this
        single = optimizers.run(surface, "momentum", (xs[j], ys[i]), ls.STEPS, learning_rate=0.05, momentum=ls.MOMENTUM)
        assert codes[i, j] == lm.basin_of(single.xy[-1], surface.minima, lm.BASIN_TOL)
    counts = lm.basin_counts(codes, len(surface.minima))
    assert sum(counts) == codes.size and counts[0] == int(np.sum(codes == 0))


def test_gd_basins_on_the_double_well_follow_the_saddles_side():
    """GD's x-motion does not see y: every start ends in the well on its side of the saddle's x."""
    surface = landscapes.get("double_well")
    xs, ys, codes = lm.basin_map("double_well", "sgd", 0.05)
    saddle_x, agree = lm.side_agreement(surface, xs, codes)
    assert saddle_x == surface.saddles[0][0] and agree == codes.size


def test_well_escapes_are_the_loop_of_single_runs():
    surface = landscapes.get("double_well")
    start, sigma = surface.minima[1], 3.0
    finals = np.array([optimizers.run(surface, "sgd", start, ls.STEPS, learning_rate=lm.WELL_LR, noise=sigma, seed=s).xy[-1]
                       for s in range(lm.WELL_SEEDS)])
    deep_x, saddle_x = surface.minima[0][0], surface.saddles[0][0]
    want = int(np.sum(finals[:, 0] < saddle_x) if deep_x < saddle_x else np.sum(finals[:, 0] > saddle_x))
    assert lm.well_escapes(sigma) == (want, 0) and want > 0
    runs = lm.well_runs(sigma)
    assert [seed for seed, _ in runs] == [None, *range(lm.WELL_DRAWN)]
    assert [seed for seed, _ in lm.well_runs(0.0)] == [None]


def test_goe_text_quotes_the_measured_shares_and_the_exact_value():
    counts = [250, 73, 10, 0]
    text = lm.goe_text(counts, samples=500, dims=(1, 2, 3, 4))
    assert (text["p1"], text["p2"], text["dl"], text["pl"]) == ("0.500", "0.146", 3, "2.0e-02")
    assert text["exact2"] == f"{(2 - math.sqrt(2)) / 4:.3f}" == "0.146"
