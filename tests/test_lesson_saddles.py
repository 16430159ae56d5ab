"""Lesson 8 (saddles, plateaus, local minima): the page in both languages, its controls, and its claims
checked against closed-form theory: the linearised saddle, Adam's first step, the double well's basins,
and the exact all-positive probabilities of small random symmetric matrices."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_saddles as fx
from figures.colors import color
from figures.paths import Path as RunPath
from lab.i18n import t
from landscapes.double_well import stationary_x
from apptest import APP, array, charts, spec

PAGE = "pages/lesson_8_saddles.py"


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


@pytest.fixture(scope="module")
def en() -> AppTest:
    return page("en")


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_renders_in_both_languages(lang):
    at = page(lang)
    assert at.title[0].value == t("lesson.saddles.title", lang)
    assert len(charts(at)) == 6
    assert t("lesson.saddles.gd", lang) in bars(at)


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
    gd = bars(at)[t("lesson.saddles.gd", "en")]
    want = linear_count(p["a"], p["b"], 0.1, (-2.5, 1e-8), 0.25, 300)
    assert abs(gd - want) <= 1
    # and the bar is the engine's path, counted
    traj = optimizers.run(surface, "sgd", (-2.5, 1e-8), 300, learning_rate=0.1)
    assert gd == fx.steps_near(traj.xy, (0, 0), 0.25)
    # the closer to the ridge, the longer GD waits: 1e-8 beats the default 1e-4
    at.select_slider(key="saddles.y0").set_value(1e-4).run()
    assert bars(at)[t("lesson.saddles.gd", "en")] < gd


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
    assert abs(first["SGD"] - eta * np.linalg.norm(g)) <= 2 * spacing
    assert first["SGD"] < 1e-5 < 0.1 < first["Adam"]


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
    assert fx.steps_near(xy, (0, 0), 0.2) == 2
    assert fx.steps_near(xy, (0, 0), 1.0) == 4


def test_linear_saddle_steps_agrees_with_iterating_the_linear_map():
    for y0, r, eta in ((1e-4, 0.25, 0.1), (1e-8, 0.1, 0.05), (1e-3, 0.5, 0.2)):
        est = fx.linear_saddle_steps(1.0, 1.0, eta, (-2.5, y0), r)
        assert abs(est - linear_count(1.0, 1.0, eta, (-2.5, y0), r, 2000)) <= 1.5
    assert math.isinf(fx.linear_saddle_steps(1.0, 1.0, 0.1, (-2.5, 0.0), 0.25))


def test_basin_of_codes():
    minima = [(0.0, 0.0), (3.0, 2.0)]
    assert fx.basin_of((2.95, 2.02), minima, 0.1) == 1
    assert fx.basin_of((1.0, 1.0), minima, 0.1) == fx.NOT_SETTLED
    assert fx.basin_of((np.nan, 1.0), minima, 0.1) == fx.DIVERGED_CODE


def test_goe_counts_are_seeded_and_sane():
    a = fx.goe_all_positive((1, 2, 3), 4000, seed=3)
    b = fx.goe_all_positive((1, 2, 3), 4000, seed=3)
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
    basin = np.array([[0, 1], [fx.NOT_SETTLED, fx.DIVERGED_CODE]])
    fig = fx.basin_figure(s.grid(20), np.array([0.0, 1.0]), np.array([0.0, 1.0]), basin, [(0, 1), (0, -1)])
    heat = fig.data[0]
    np.testing.assert_array_equal(np.asarray(heat.z), basin + 2)
    assert {tr.name for tr in fig.data if tr.type == "scatter" and tr.x == (None,)} == {"not settled", "diverged"}
    goe = fx.goe_figure((1, 2, 3), (500, 150, 0), 1000)
    assert list(goe.data[0].x) == [1, 2]
    assert goe.data[2].y[0] == pytest.approx(3 / 1000)
