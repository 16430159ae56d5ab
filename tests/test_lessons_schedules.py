"""`lessons.schedules` without the page: the noise floor against its closed form on the quadratic's known curvatures,
warmup's rescue against the double well's second derivatives by hand, and the Playground link against the lesson's
own run."""

from types import SimpleNamespace

import numpy as np
import optax
import pytest

import landscapes
import optimizers
from lab import scene as sc
from lessons import schedules as ls


@pytest.mark.parametrize("eta,sigma", [(0.5, 1.0), (1.5, 0.5)])
def test_noise_floor_sums_over_the_quadratics_curvatures(eta, sigma):
    # f = ½(u²/κ + v²) at κ = 10: the Hessian's eigenvalues are 1/κ and 1
    floor, lam = ls.noise_floor(eta, sigma)
    assert lam == pytest.approx([0.1, 1.0])
    assert floor == pytest.approx(sum(eta * sigma**2 / (2 * (2 - eta * v)) for v in (0.1, 1.0)))
    text = ls.floor_text(*ls.library_runs("cosine", eta, sigma, ls.library_params(dict(decay_steps=400, alpha=0.0))), eta, sigma)
    assert text["floor"] == f"{floor:.3g}" and text["lams"] == "0.1, 1"


def test_library_curves_are_optaxs_schedules():
    params = ls.library_params(dict(transition_steps=100, decay_rate=0.5, staircase=False, decay_steps=400, alpha=0.0))
    assert isinstance(params["staircase"], bool) and isinstance(params["transition_steps"], float)
    curves = ls.library_curves(0.5, params)
    t = np.arange(ls.LIBRARY_STEPS)
    np.testing.assert_allclose(curves["exponential"], optax.exponential_decay(0.5, 100, 0.5)(t), rtol=1e-5)
    np.testing.assert_allclose(curves["cosine"], optax.cosine_decay_schedule(0.5, 400, 0.0)(t), rtol=1e-5, atol=1e-7)
    assert np.all(curves["constant"] == 0.5)


def test_the_rescue_diverges_cold_and_settles_warm_where_the_curvature_allows_the_rate():
    r = ls.rescue(ls.WARMUP_EPOCHS)
    assert r.cold.diverged_at is not None and r.warmed.diverged_at is None
    well = landscapes.get("double_well")
    # f = (x² − 1)² + t·x + s·y²: f_xx = 12x² − 4, f_yy = 2s, no cross term
    x0, s = well.start[0], well.params["stiffness"]
    start, end = r.curvature_text
    big_l = max(12 * x0**2 - 4, 2 * s)
    assert start == {"big_l": f"{big_l:.3g}", "limit": f"{2 / big_l:.3g}", "ratio": f"{ls.RESCUE['learning_rate'] * big_l / 2:.3g}"}
    x_end = r.warmed.xy[-1][0]
    assert end["big_l"] == f"{max(12 * x_end**2 - 4, 2 * s):.3g}"
    mx, my = ls.nearest_minimum(well, r.warmed.xy[-1])
    assert abs(x_end - mx) < 1e-3 and r.settled(r.warmed)["mx"] == f"{mx:.3g}"
    assert r.first_text == {"lr0": "0", "moved0": "0", "lr1": f"{ls.RESCUE['learning_rate'] / ls.WARMUP_EPOCHS:.3g}"}
    assert ls.rescue(0).curvature_text[1] is None  # no warmup: the run diverges, there is no end to read


def test_the_exercise_decays_only_where_an_epoch_is_left():
    n = ls.steps_per_epoch()
    constant = ls.run(0.1)
    flat = ls.plateau_of(constant, n)
    assert ls.exercise_plateau(constant, n) == (flat if flat is not None and flat < ls.EPOCHS else None)
    # a curve that halves every epoch and flattens only in the last one: no epoch is left to run a decay in
    means = 0.5 ** np.arange(1, ls.EPOCHS + 1)
    means[-1] = means[-1 - ls.WINDOW]
    last_flat = SimpleNamespace(loss=np.concatenate([[1.0], np.repeat(means, n)]), f_min=0.0)
    assert ls.plateau_of(last_flat, n) == ls.EPOCHS and ls.exercise_plateau(last_flat, n) is None


@pytest.mark.parametrize("formula", ls.FORMULAS)
def test_the_playground_link_runs_the_lessons_decayed_run(formula):
    knob = ls.KNOBS[formula][2]
    scene = ls.playground_scene(0.1, formula, knob)
    constant, decayed = scene.contestants
    surface = landscapes.get(scene.surface, **scene.surface_params)
    run = optimizers.run(surface, decayed.rule, scene.start, scene.steps, seed=scene.seed, **decayed.settings())
    want = ls.run(0.1, ls.decay_settings(formula, 0.1, knob, ls.steps_per_epoch()))
    np.testing.assert_allclose(run.lr, want.lr, rtol=1e-6)
    np.testing.assert_allclose(run.xy, want.xy, rtol=1e-5, atol=1e-6)
    assert sc.from_query(sc.to_query(scene))[1] == []  # the link carries nothing the Playground would clamp
