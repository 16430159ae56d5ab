"""`lessons.sweep` and `lessons.sweep_map` without the page: Polyak's optimum (`lessons.momentum`, placed on the map
by `lessons.sweep`) against the heavy-ball iteration's spectral radius, the measured rate against GD's |1 − ηλ|, the lab's axis model against the registries it reads, and
the map's reading against the engine's own runs."""

import math

import numpy as np
import pytest

import landscapes
import optimizers
from lab import scene as sc
from lessons import momentum as lmo, sweep as ls, sweep_map as lm


def spectral_radius(eta: float, beta: float, lams) -> float:
    """Heavy ball on one eigen-direction λ: (e_{t+1}, e_t) = [[1 + β − ηλ, −β], [1, 0]] (e_t, e_{t−1}); the worst λ."""
    return max(float(np.max(np.abs(np.linalg.eigvals(np.array([[1 + beta - eta * lam, -beta], [1.0, 0.0]])))))
               for lam in lams)


# --- Polyak's optimum and the measured rate ---------------------------------------------------


@pytest.mark.parametrize("kappa,L", [(10.0, 1.0), (100.0, 1.0), (50.0, 4.0)])
def test_polyak_is_the_fastest_heavy_ball_and_its_rate_is_the_spectral_radius(kappa, L):
    eta, beta, rate = lmo.polyak(kappa, L)
    lams = (L / kappa, L)
    assert spectral_radius(eta, beta, lams) == pytest.approx(rate, abs=1e-4)  # a double root: eigvals to ~√eps
    etas, betas = np.linspace(0.1, 3.9, 120) / L, np.linspace(0.0, 0.97, 120)
    assert min(spectral_radius(e, b, lams) for e in etas for b in betas) >= rate - 1e-6


@pytest.mark.parametrize("condition,angle", [(100.0, 0.0), (10.0, 0.7)])
def test_polyak_point_reads_the_quadratics_hessian(condition, angle):
    quad = landscapes.get("quadratic", condition=condition, angle=angle)
    p = ls.polyak_point("momentum", quad, ("learning_rate", "momentum"))
    assert (p["mu"], p["L"]) == pytest.approx((1 / condition, 1.0), rel=1e-4)  # the quadratic's 1/κ and 1
    eta = 4 / (1 + math.sqrt(1 / condition)) ** 2
    beta = ((math.sqrt(condition) - 1) / (math.sqrt(condition) + 1)) ** 2
    assert p["point"] == pytest.approx((eta, beta), rel=1e-4)
    assert ls.polyak_point("momentum", quad, ("momentum", "learning_rate"))["point"] == pytest.approx((beta, eta), rel=1e-4)
    assert ls.polyak_point("sgd", quad, ("learning_rate", "momentum")) is None
    assert ls.polyak_point("momentum", landscapes.get("rosenbrock"), ("learning_rate", "momentum")) is None


def test_rate_map_is_gds_contraction_on_one_eigen_direction():
    """From a start on the steep axis (λ = 1) GD multiplies the error by 1 − η each step: the rate is |1 − η|
    (12 steps: (1 − η)^24 stays clear of float32's underflow)."""
    quad = landscapes.get("quadratic")
    etas = np.array([0.1, 0.5, 0.9, 1.3, 1.7])
    result = optimizers.sweep(quad, "momentum", (0.0, 2.0), 12, grid={"learning_rate": etas, "momentum": np.array([0.0, 0.5])})
    rate = lmo.rate_map(result, float(quad.f(np.array([0.0, 2.0]))))
    np.testing.assert_allclose(rate[:, 0], np.abs(1 - etas), rtol=1e-4)
    # with momentum: |e_T / e_0|^(1/T) of the recurrence e_{t+1} = (1 + β − η) e_t − β e_{t−1}, e_1 = (1 − η) e_0
    for eta, measured in zip(etas, rate[:, 1]):
        e = [2.0, 2.0 * (1 - eta)]
        while len(e) <= 12:
            e.append((1 + 0.5 - eta) * e[-1] - 0.5 * e[-2])
        assert measured == pytest.approx(abs(e[12] / e[0]) ** (1 / 12), rel=1e-3)


# --- the lab's axis model ------------------------------------------------------------------------


def own_numeric(rule: str) -> list[str]:
    return [h.name for h in optimizers.rule_info(rule).hyperparams if h.numeric]


def test_a_first_visit_sweeps_eta_against_beta_on_rosenbrock_at_the_playgrounds_defaults():
    s = ls.initial_state()
    assert (s["rule"], s["surface"], s["ax1.name"], s["ax2.name"]) == ("momentum", "rosenbrock", "learning_rate", "momentum")
    assert (s["ax1.low"], s["ax1.high"]) == ls.DEFAULT_LR
    settings = sc.Contestant("momentum").settings()
    assert {key[4:]: v for key, v in s.items() if key.startswith("fix.")} == {n: float(settings[n]) for n in ls.fixed_names("momentum")}
    assert {key[2:]: v for key, v in s.items() if key.startswith("p.")} == {p.name: p.default for p in landscapes.params("rosenbrock")}
    req = ls.request(s)
    assert req.hp == {} and req.sp == {} and req.problem is None


def test_a_new_rule_keeps_what_it_can_sweep_and_replaces_the_rest():
    s = ls.initial_state()
    s["rule"] = "sgd"
    changes = ls.changed(s, "rule")
    s.update(changes)
    assert own_numeric("sgd") == ["learning_rate"]  # so β is gone: the next axis is Rosenbrock's first parameter
    assert s["ax1.name"] == "learning_rate" and (s["ax1.low"], s["ax1.high"]) == ls.DEFAULT_LR  # kept with its range
    assert s["ax2.name"] == landscapes.params("rosenbrock")[0].name and changes["cell"] is None
    assert (s["ax2.low"], s["ax2.high"], s["ax2.log"]) == ls.default_range(ls.axes_for("sgd", "rosenbrock")["a"])
    assert {key for key in changes if key.startswith("fix.")} == {f"fix.{n}" for n in ls.fixed_names("sgd")}


def test_a_kept_axis_keeps_its_range_only_inside_the_new_sliders_range():
    s = {**ls.initial_state(), "rule": "sgd", "surface": "saddle"}
    s.update(ls.changed(s, "surface"))
    s.update({"ax2.name": "a", "ax2.low": 0.5, "ax2.high": 4.5})  # the saddle's a runs to 5
    s["surface"] = "rosenbrock"  # Rosenbrock's a only to 3
    s.update(ls.changed(s, "surface"))
    h = landscapes.params("rosenbrock")[0]
    assert s["ax2.name"] == "a" and (s["ax2.low"], s["ax2.high"]) == (float(h.low), float(h.high))


def test_a_new_axis_name_takes_its_default_range_and_a_scene_sets_everything():
    s = ls.initial_state()
    s["ax2.name"] = "warmup_steps"
    s.update(ls.changed(s, "ax2"))
    assert (s["ax2.low"], s["ax2.high"], s["ax2.log"]) == ls.default_range(ls.ENGINE_AXES["warmup_steps"])
    s.update(ls.scene_state(ls.POLYAK))
    req = ls.request(s)
    assert (req.rule, req.surface, req.swept, req.n, req.steps) == ("momentum", "quadratic", ("learning_rate", "momentum"), 64, 200)
    assert req.sp == {"condition": 100.0} and req.ranges == tuple((low, high, log) for _, low, high, log in ls.POLYAK["axes"])
    assert req.axes[0] == ("learning_rate", 0.1, 10.0, 64, True)


def test_a_request_carries_only_the_settings_that_differ_and_names_its_problems():
    s = {**ls.initial_state(), "fix.noise": 0.5, "p.b": 100.0}
    req = ls.request(s)
    assert req.hp == {"noise": 0.5} and req.sp == {}  # b = 100 is Rosenbrock's default
    assert dict(req.run["fixed"])["noise"] == 0.5 and "learning_rate" not in dict(req.run["fixed"])
    assert ls.request({**s, "ax1.low": 0.0, "ax1.log": True}).problem == ("log", 0)
    assert ls.request({**s, "ax2.low": 0.9, "ax2.high": 0.5}).problem == ("order", 1)
    assert ls.request({**s, "ax2.name": "learning_rate"}).problem == ("same", None)
    boxes = ls.fixed_boxes("momentum", "rosenbrock", req.swept)
    want = [n for n in ls.fixed_names("momentum") if n not in req.swept]
    assert [name for _, name, _, _ in boxes] == want + ["a", "b"]
    assert [key for key, *_ in boxes] == [f"fix.{n}" for n in want] + ["p.a", "p.b"]


# --- reading the map -------------------------------------------------------------------------------


def test_the_reading_is_the_engines_runs():
    s = {**ls.initial_state(), "n": 5, "steps": 60, "ax1.low": 1e-4, "ax1.high": 5e-2, "ax1.log": True}
    req = ls.request(s)
    result = lm.sweep_map(**req.run, axes=req.axes)
    loss = np.where(np.isfinite(result.final_loss), result.final_loss, np.inf)
    best = np.unravel_index(np.argmin(loss), loss.shape)
    r = lm.read_map(result, req, None)
    assert r.best == r.cell == tuple(int(i) for i in best)
    assert r.diverged == int(np.isfinite(result.diverged_at).sum()) > 0  # η up to 0.05 on Rosenbrock: some diverge
    eta, beta = r.values["learning_rate"], r.values["momentum"]
    ref = optimizers.run(landscapes.get("rosenbrock"), "momentum", None, 60, learning_rate=eta, momentum=beta)
    assert r.loss == pytest.approx(float(ref.loss[-1]), rel=1e-4) and r.diverged_at is None
    # a click lands on the nearest cell (in log space along a log axis)
    picked = lm.read_map(result, req, (float(result.values[0][1]) * 1.1, float(result.values[1][3]) - 0.01))
    assert picked.cell == (1, 3) and picked.best == r.best
    assert r.polyak is None and not r.minimum_moves and r.start == landscapes.get("rosenbrock").start
