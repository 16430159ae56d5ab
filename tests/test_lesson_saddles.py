"""Lesson 8 (saddles, plateaus, local minima): the page in both languages, its controls, and its claims
checked against closed-form theory and measurement: the linearised saddle, momentum's growth rate out of
the saddle (the recurrence's root and its approximation), AdaGrad lingering where its summed squares sit
on the way out, noise carrying GD out of a shallow minimum, Adam's first step, the double well's basins
(computed in one vectorised program), and the exact all-positive probabilities of small random matrices."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_saddles as fx
from figures.colors import color
from figures.paths import Path as RunPath
from lab.i18n import rule_title, t
from landscapes.double_well import stationary_x
from lessons import saddles as ls, saddles_minima as lm
from optimizers.engine import run_batch
from apptest import APP, array, charts, elements, spec

PAGE = "views/lesson_8_saddles.py"


def page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart(at: AppTest, key: str) -> dict:
    return spec(at, f"saddles.{key}")


def bars(at: AppTest) -> dict[str, float]:
    tr = chart(at, "near_chart")["data"][0]
    return dict(zip(tr["x"], array(tr["y"])))


def linear_count(a, b, eta, start, radius, steps) -> int:
    """Steps of the linearised saddle map x ← (1 − 2aη)x, y ← (1 + 2bη)y within the radius (closed form per step)."""
    t_ = np.arange(steps + 1)
    x = start[0] * (1 - 2 * a * eta) ** t_
    y = start[1] * (1 + 2 * b * eta) ** t_
    return int(np.sum(np.hypot(x, y) <= radius))


def gd(lang: str = "en") -> str:
    return rule_title("sgd", lang, stochastic=False)


@pytest.fixture(scope="module")
def en() -> AppTest:
    return page("en")


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_renders_in_both_languages(lang):
    at = page(lang)
    assert at.title[0].value == t("lesson.saddles.title", lang)
    assert len(charts(at)) == 10
    assert gd(lang) in bars(at)
    # the first screen: title, claim, the two main controls, then the saddle race; the formulas fold under it
    kinds = elements(at)
    before = kinds[: kinds.index("chart")]
    assert before.count("title") == 1 and "expander" not in before and "subheader" not in before
    assert sum(k in ("slider", "select_slider") for k in before) == 2
    assert kinds.index("expander") > kinds.index("chart")
    assert t("lesson.saddles.claim", lang) in [m.value for m in at.markdown]


def test_the_claim_holds_on_the_first_figure_momentum_noise_and_adam_leave_much_sooner(en):
    """The first screen's claim, on the page's own measured bars at the default settings: each of momentum,
    noisy SGD (mean over seeds) and Adam spends less than half of GD's steps near the saddle."""
    counts = bars(en)
    gd_steps = counts[gd("en")]
    others = {k: v for k, v in counts.items() if k != gd("en")}
    assert gd_steps > 0 and len(others) == 3
    assert all(v < 0.5 * gd_steps for v in others.values()), counts


def test_y0_slider_changes_the_figures_and_gd_matches_the_linearised_saddle(en):
    at = en
    before = chart(at, "saddle_chart")
    at.select_slider(key="saddles.y0").set_value(1e-8).run()
    assert not at.exception
    after = chart(at, "saddle_chart")
    assert before["data"] != after["data"]
    # the GD bar against the linear map's own count (the quartic term is negligible within r)
    surface = landscapes.get("saddle")
    p = surface.params
    gd_count = bars(at)[gd()]
    want = linear_count(p["a"], p["b"], 0.1, (-2.5, 1e-8), 0.25, 300)
    assert abs(gd_count - want) <= 1
    # and the bar is the engine's path, counted
    traj = optimizers.run(surface, "sgd", (-2.5, 1e-8), 300, learning_rate=0.1)
    assert gd_count == ls.steps_near(traj.xy, (0, 0), 0.25)
    # the closer to the ridge, the longer GD waits: 1e-8 beats the default 1e-4
    at.select_slider(key="saddles.y0").set_value(1e-4).run()
    assert bars(at)[gd()] < gd_count


def test_try_this_starts_on_the_ridge_where_only_noise_escapes():
    at = page("en")
    at.button(key="saddles.try").click().run()
    assert not at.exception
    assert at.session_state["saddles.y0"] == 0.0
    counts = list(bars(at).values())
    gd, mom, noisy, adam_ = counts
    steps = 300
    # on the ridge the y-gradient is exactly zero: the deterministic runs sit at the saddle most of the time
    assert min(gd, mom, adam_) > 0.7 * steps
    assert noisy < 0.2 * steps


def test_plateau_first_steps_match_theory(en):
    table = en.dataframe[0].value
    first = dict(zip(table.iloc[:, 0], table.iloc[:, 2].astype(float)))
    surface = landscapes.get("plateau", width=0.6)
    g = np.asarray(surface.grad(surface.start), dtype=float)
    eta, eps = 0.1, 1e-8
    # Adam's first bias-corrected step is η g/(|g| + ε) in each coordinate: about η√2 when |g| ≫ ε
    assert first["Adam"] == pytest.approx(eta * np.linalg.norm(g / (np.abs(g) + eps)), rel=5e-3)
    # GD's first step is η‖∇f‖, up to float32's spacing of positions near the start
    spacing = float(np.spacing(np.float32(2.5)))
    assert abs(first["GD"] - eta * np.linalg.norm(g)) <= 2 * spacing
    assert first["GD"] < 1e-5 < 0.1 < first["Adam"]


def test_double_well_basins_follow_the_saddle_for_small_steps():
    at = page("en")
    at.radio(key="saddles.basin_surface").set_value("double_well").run()
    assert not at.exception
    assert at.session_state["saddles.basin_lr"] == 0.05
    heat = next(tr for tr in chart(at, "basin_chart")["data"] if tr["type"] == "heatmap")
    xs = array(heat["x"])
    codes = array(heat["z"]).reshape(21, 21)
    # GD's x-motion does not see y: each start ends in the well on its side of the saddle's x
    minima, (saddle_x,) = stationary_x(0.5)
    global_code, local_code = 2, 3  # basin codes shifted by 2; the deepest minimum is listed first
    want = np.where(xs[None, :] < saddle_x, global_code, local_code)
    np.testing.assert_array_equal(codes, np.broadcast_to(want, codes.shape))


def test_goe_fractions_match_the_exact_small_cases(en):
    spec = chart(en, "goe_chart")
    measured = spec["data"][0]
    dims = np.asarray(measured["x"], dtype=int)
    frac = array(measured["y"])
    n = 50_000
    exact = {1: 0.5, 2: (2 - math.sqrt(2)) / 4}  # P(GOE 2×2 positive definite), from the joint eigenvalue density
    for d, p in exact.items():
        got = frac[list(dims).index(d)]
        assert abs(got - p) < 4 * math.sqrt(p * (1 - p) / n), (d, got, p)
    assert np.all(np.diff(frac) < 0)
    # below the independent-signs guess 2^-d from d = 2 on
    assert np.all(frac[dims >= 2] < 0.5 ** dims[dims >= 2])


def test_playground_link_carries_the_scene(en):
    url = en.get("link_button")[0].proto.url
    assert url.startswith("./?surface=saddle")
    assert "o3.noise=0.05" in url and "x0=-2.5" in url


# --- pure pieces ----------------------------------------------------------------------------


def test_steps_near_counts_rows_inside_and_skips_nan():
    xy = np.array([[1.0, 0.0], [0.1, 0.0], [0.0, 0.05], [np.nan, np.nan], [0.0, 0.3]])
    assert ls.steps_near(xy, (0, 0), 0.2) == 2
    assert ls.steps_near(xy, (0, 0), 1.0) == 4


def test_linear_saddle_steps_agrees_with_iterating_the_linear_map():
    for y0, r, eta in ((1e-4, 0.25, 0.1), (1e-8, 0.1, 0.05), (1e-3, 0.5, 0.2)):
        est = ls.linear_saddle_steps(1.0, 1.0, eta, (-2.5, y0), r)
        assert abs(est - linear_count(1.0, 1.0, eta, (-2.5, y0), r, 2000)) <= 1.5
    assert math.isinf(ls.linear_saddle_steps(1.0, 1.0, 0.1, (-2.5, 0.0), 0.25))


def test_basin_of_codes():
    minima = [(0.0, 0.0), (3.0, 2.0)]
    assert lm.basin_of((2.95, 2.02), minima, 0.1) == 1
    assert lm.basin_of((1.0, 1.0), minima, 0.1) == lm.NOT_SETTLED
    assert lm.basin_of((np.nan, 1.0), minima, 0.1) == lm.DIVERGED_CODE
    codes = lm.basin_codes(np.array([[2.95, 2.02], [1.0, 1.0], [np.nan, 1.0], [0.01, 0.0]]), minima, 0.1)
    np.testing.assert_array_equal(codes, [1, lm.NOT_SETTLED, lm.DIVERGED_CODE, 0])


def test_goe_counts_are_seeded_and_sane():
    a = lm.goe_all_positive((1, 2, 3), 4000, seed=3)
    b = lm.goe_all_positive((1, 2, 3), 4000, seed=3)
    np.testing.assert_array_equal(a, b)
    assert a[0] > a[1] > a[2]


def test_figure_builders():
    s = landscapes.get("saddle")
    traj = optimizers.run(s, "sgd", (-2.5, 1e-4), 50, learning_rate=0.1)
    fig = fx.paths_figure(s.grid(30), [RunPath("GD", color(0), traj)], minima=s.minima, saddles=s.saddles,
                          circle=((0.0, 0.0), 0.25))
    assert fig.layout.shapes[0].x1 == pytest.approx(0.25)
    assert [tr.name for tr in fig.data if tr.type == "scatter" and tr.mode == "lines+markers"] == ["GD"]
    bar = fx.near_saddle_figure([fx.Bar("GD", color(0), 32), fx.Bar("noisy", color(1), 5, 1, 9)], theory=32.6)
    assert list(bar.data[0].y) == [32, 5]
    assert bar.data[1].y[0] == pytest.approx(32.6)
    basin = np.array([[0, 1], [lm.NOT_SETTLED, lm.DIVERGED_CODE]])
    fig = fx.basin_figure(s.grid(20), np.array([0.0, 1.0]), np.array([0.0, 1.0]), basin, [(0, 1), (0, -1)])
    heat = fig.data[0]
    np.testing.assert_array_equal(np.asarray(heat.z), basin + 2)
    assert {tr.name for tr in fig.data if tr.type == "scatter" and tr.x == (None,)} == {"not settled", "diverged"}
    goe = fx.goe_figure((1, 2, 3), (500, 150, 0), 1000)
    assert list(goe.data[0].x) == [1, 2]
    assert goe.data[2].y[0] == pytest.approx(3 / 1000)
    guide = fx.Guide("1 + 2bη", color(0), 1.2, 3, 1e-3, 10)
    fig = fx.growth_figure([("GD", color(0), np.array([1e-4, 2e-4, 0.0, 8e-4]))], [guide], window=(1e-4, 1e-2))
    assert list(fig.data[0].x) == [0, 1, 3]  # |y| = 0 has no place on a log axis
    assert np.asarray(fig.data[1].y)[-1] == pytest.approx(1e-3 * 1.2**7, rel=1e-3)


# --- momentum out of the saddle -------------------------------------------------------------


def growth_runs(eta: float, beta: float, y0: float = 1e-10, steps: int = 2000):
    surface = landscapes.get("saddle")
    start = (-2.5, y0)
    gd_run = optimizers.run(surface, "sgd", start, steps, learning_rate=eta, dtype="float64")
    mom = optimizers.run(surface, "momentum", start, steps, learning_rate=eta, momentum=beta, dtype="float64")
    return surface.params["b"], gd_run.xy[:, 1], mom.xy[:, 1]


@pytest.mark.parametrize("eta,beta", [(0.1, 0.9), (0.05, 0.5), (0.2, 0.8), (0.02, 0.95)])
def test_momentum_growth_out_of_the_saddle_is_the_recurrence_root(eta, beta):
    b, y_gd, y_mom = growth_runs(eta, beta)
    band = (1e-8, 1e-3)  # 100·y₀ (the start's transient has faded) to where the quartic is still negligible
    gd_growth = ls.measured_growth(y_gd, *band)[0]
    mom_growth = ls.measured_growth(y_mom, *band)[0]
    assert gd_growth == pytest.approx(ls.growth_gd(b, eta), rel=1e-5)
    root = ls.growth_momentum(b, eta, beta)
    assert mom_growth == pytest.approx(root, rel=1e-4)
    # the root solves the recurrence y_{t+1} = (1 + β + 2bη) y_t − β y_{t−1}
    assert root**2 - (1 + beta + 2 * b * eta) * root + beta == pytest.approx(0.0, abs=1e-12)
    # momentum always grows faster than GD, and the first-order formula overshoots the root
    assert ls.growth_gd(b, eta) < mom_growth < ls.growth_momentum_approx(b, eta, beta)


@pytest.mark.parametrize("eta,beta", [(0.0004, 0.9), (0.002, 0.5)])
def test_momentum_growth_approximation_holds_for_small_steps(eta, beta):
    """1 + 2bη/(1−β) matches the measured growth when 2bη ≪ (1−β)²."""
    b, _, y_mom = growth_runs(eta, beta, steps=20_000)
    assert 2 * b * eta <= 0.1 * (1 - beta) ** 2
    measured = ls.measured_growth(y_mom, 1e-8, 1e-3)[0]
    approx = ls.growth_momentum_approx(b, eta, beta)
    assert measured - 1 == pytest.approx(approx - 1, rel=0.1)  # first order: off by O(2bη/(1−β)²)
    assert measured - 1 == pytest.approx(ls.growth_momentum(b, eta, beta) - 1, rel=1e-3)


def test_growth_section_shows_the_measured_factors(en):
    """The caption's factors are measured on the page's own runs (recomputed here from the same settings),
    and they agree with the closed forms."""
    cap = next(c.value for c in en.caption if c.value.startswith("Measured growth"))
    surface = landscapes.get("saddle")
    b, eta, beta = float(surface.params["b"]), float(en.session_state["saddles.lr"]), 0.9
    start, band = (-2.5, 1e-6), (1e-4, 1e-2)  # the page's start and measuring band (lessons.saddles: SADDLE_X0, GROWTH_Y0, GROWTH_BAND)
    runs = {"sgd": optimizers.run(surface, "sgd", start, 300, learning_rate=eta),
            "momentum": optimizers.run(surface, "momentum", start, 300, learning_rate=eta, momentum=beta)}
    again = {r: f"{ls.measured_growth(tr.xy[:, 1], *band)[0]:.4g}" for r, tr in runs.items()}
    gd_m = cap.split(": GD ")[1].split(" ")[0]
    mom_m = cap.split("momentum ")[1].split(" ")[0]
    assert (gd_m, mom_m) == (again["sgd"], again["momentum"])
    assert float(gd_m) == pytest.approx(ls.growth_gd(b, eta), rel=2e-3)  # float32 run on the page
    assert float(mom_m) == pytest.approx(ls.growth_momentum(b, eta, beta), rel=2e-3)


def test_measured_growth_window():
    y = 1e-6 * 1.5 ** np.arange(40)
    g, first, last = ls.measured_growth(y, 1e-4, 1e-2)
    assert g == pytest.approx(1.5) and y[first] >= 1e-4 > y[first - 1] and y[last] <= 1e-2 < y[last + 1]
    assert math.isnan(ls.measured_growth(np.zeros(10), 1e-4, 1e-2)[0])


# --- AdaGrad at a saddle ----------------------------------------------------------------------


def adaptive_counts(turned: bool) -> dict[str, int]:
    surface = ls.rotated_saddle() if turned else landscapes.get("saddle")
    start = ls.rotated_point(-2.5, 1e-4) if turned else (-2.5, 1e-4)
    return {rule: ls.steps_near(optimizers.run(surface, rule, start, 300, learning_rate=0.1).xy, (0, 0), 0.25)
            for rule in ("sgd", "adagrad", "rmsprop", "adam")}


def test_rotated_saddle_is_the_saddle_turned():
    turned, saddle = ls.rotated_saddle(), landscapes.get("saddle")
    for u, w in ((0.3, -0.2), (-1.0, 0.7), (2.0, 1.1)):
        assert float(turned.f(ls.rotated_point(u, w))) == pytest.approx(float(saddle.f((u, w))), rel=1e-5, abs=1e-6)


def test_adagrad_lingers_at_the_turned_saddle():
    """CS231n: AdaGrad's accumulated squares shrink its steps, so it lingers near a saddle, where they sit on the way out."""
    counts = adaptive_counts(turned=True)
    assert counts["adagrad"] > counts["adam"] > counts["rmsprop"]  # Adam's long-memory average sits in between
    assert counts["adagrad"] > counts["sgd"]


def test_adagrad_does_not_linger_when_the_way_out_is_its_own_coordinate():
    counts = adaptive_counts(turned=False)
    assert counts["adagrad"] <= counts["sgd"]


def test_adaptive_section_switches_the_saddle(en):
    at = en
    bars_turned = dict(zip(*(lambda tr: (tr["x"], array(tr["y"])))(chart(at, "adaptive_bars")["data"][0])))
    want = adaptive_counts(turned=True)
    assert bars_turned["AdaGrad"] == want["adagrad"] and bars_turned[gd()] == want["sgd"]
    at.radio(key="saddles.orientation").set_value("aligned").run()
    assert not at.exception
    bars_aligned = dict(zip(*(lambda tr: (tr["x"], array(tr["y"])))(chart(at, "adaptive_bars")["data"][0])))
    assert bars_aligned["AdaGrad"] == adaptive_counts(turned=False)["adagrad"]
    at.radio(key="saddles.orientation").set_value("turned").run()


# --- noise out of a shallow minimum -------------------------------------------------------------


def test_noise_carries_gd_out_of_the_shallow_minimum():
    surface = landscapes.get("double_well")
    start = surface.minima[1]  # the local, shallow well
    seeds = range(64)
    still = lm.noisy_runs(surface, start, 300, seeds, learning_rate=0.05, noise=0.0)
    noisy = lm.noisy_runs(surface, start, 300, seeds, learning_rate=0.05, noise=3.0)
    assert not lm.on_deep_side(still[:, -1], surface).any()
    assert lm.on_deep_side(noisy[:, -1], surface).mean() >= 0.25
    # GD without noise sits exactly where it started: the gradient there is zero
    np.testing.assert_allclose(still[0, -1], start, atol=1e-5)


def test_well_section_caption_counts_the_seeds(en):
    cap = next(c.value for c in en.caption if c.value.startswith("With σ ="))
    k = int(cap.split("**")[1].split(" of ")[0])
    k0 = int(cap.split("**")[3].split(" of ")[0])
    surface = landscapes.get("double_well")
    noisy = lm.noisy_runs(surface, surface.minima[1], 300, range(64), learning_rate=0.05, noise=3.0)
    assert k == int(lm.on_deep_side(noisy[:, -1], surface).sum()) and k > 0 and k0 == 0


# --- one program for many runs ------------------------------------------------------------------


def test_run_batch_rows_are_the_single_runs():
    surface = landscapes.get("double_well")
    xy = run_batch(surface, "sgd", surface.minima[1], 120, seeds=np.array([0, 3, 7]), learning_rate=0.05, noise=3.0)
    for row, seed in zip(xy, (0, 3, 7)):
        single = optimizers.run(surface, "sgd", surface.minima[1], 120, learning_rate=0.05, noise=3.0, seed=seed)
        np.testing.assert_allclose(row, single.xy, rtol=1e-5, atol=1e-6)
    starts = np.array([[1.5, 1.0], [-1.9, -1.9], [40.0, 0.0]])
    xy = run_batch(surface, "momentum", starts, 80, learning_rate=0.3, momentum=0.9)
    for row, s in zip(xy, starts):
        single = optimizers.run(surface, "momentum", tuple(s), 80, learning_rate=0.3, momentum=0.9)
        np.testing.assert_allclose(row, single.xy, rtol=1e-5, atol=1e-6, equal_nan=True)


def test_basins_match_single_runs():
    surface = landscapes.get("himmelblau")
    xs, ys, codes = lm.basins(surface, "sgd", 9, 300, 0.1, learning_rate=0.01)
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 9, size=(6, 2)):
        single = optimizers.run(surface, "sgd", (xs[j], ys[i]), 300, learning_rate=0.01)
        assert codes[i, j] == lm.basin_of(single.xy[-1], surface.minima, 0.1)
