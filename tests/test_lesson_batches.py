"""Lesson 2, batch / stochastic / mini-batch: the page, its figures, iterations per epoch and the 1/√B spread."""

import itertools
import math

import jax
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures.lesson_batches import cost_noise_figure, epoch_figure, spread_figure
from lab.catalog import CATALOG
from lab.i18n import rule_title, t
from lessons import batches as lb
from lessons.batches import batch_sizes_of_epoch, finite_population_spread
from optimizers import oracle
import apptest
from apptest import array, charts, spec

PAGE = "views/lesson_2_batches.py"
KEY = "batches"


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def metric(at: AppTest, label_key: str, **values) -> str:
    label = t(f"lesson.{KEY}.{label_key}", "en", **values)
    return next(m.value for m in at.metric if m.label == label)


def closed_form_sigma(surface) -> float:
    """σ of the per-sample gradients at the start, by hand: ∇ℓᵢ = 2 (w xᵢ + b − yᵢ) (xᵢ, 1)."""
    x, y = surface.data["x"], surface.data["y"]
    w, b = surface.start
    r = w * x + b - y
    g = np.stack([2 * r * x, 2 * r], axis=1)
    return float(np.sqrt(np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=1))))


def heat_row(fig: dict) -> np.ndarray:
    z = fig["data"][0]["z"]
    return array(z[0]) if isinstance(z, list) else array(z)


PATHS, STRIP, SPREAD, PRACTICE = 0, 1, 2, 3


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_the_catalogue_title(lang):
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert len(charts(at)) == 4


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_first_screen_is_title_claim_controls_figure(lang):
    """Title, the one-sentence claim, the three controls, then the runs' figure: nothing else before it."""
    at = open_page(lang)
    assert at.markdown[0].value == t(f"lesson.{KEY}.claim", lang)
    order = [el.type for el in at.main if el.type in ("markdown", "radio", "select_slider", "toggle", "metric", "latex",
                                                      "expandable", "bidi_component", "plotly_chart")]
    first_chart = next(i for i, kind in enumerate(order) if kind in ("bidi_component", "plotly_chart"))
    assert order[:first_chart] == ["markdown", "radio", "select_slider", "toggle"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_runs_are_named_gd_for_the_full_batch_and_sgd_for_samples(lang):
    """Lesson 2 defines the names: the exact gradient is GD, a sampled one SGD (B = 1) or mini-batch SGD."""
    at = open_page(lang)
    names = {tr["name"] for tr in spec(at, PATHS)["data"] if tr.get("mode") == "lines" and "casing" not in tr["name"]}
    gd, sgd = rule_title("sgd", lang, stochastic=False), rule_title("sgd", lang, stochastic=True)
    assert names == {t(f"lesson.{KEY}.run.full", lang, name=gd, n=100), t(f"lesson.{KEY}.run.sgd", lang, name=sgd),
                     t(f"lesson.{KEY}.run.mini", lang, name=sgd, b=20)}
    assert gd.startswith("GD") and sgd.startswith("SGD")


def test_the_texts_never_call_the_synthetic_data_real():
    texts = [v[lang] for key, v in CATALOG.items() if key.startswith(f"lesson.{KEY}.") for lang in ("en", "ko")]
    assert not [s for s in texts if "real" in s.lower() or "실제 데이터" in s]
    assert any("synthetic" in s for s in texts) and any("합성 데이터" in s for s in texts)


def test_the_batch_slider_changes_the_epoch_the_runs_and_the_highlight():
    at = open_page()
    assert metric(at, "ipe") == "5"  # the notes: 100 samples, batch 20 -> 5 iterations
    before = [spec(at, i) for i in (STRIP, PATHS, SPREAD)]
    at.select_slider(key=f"{KEY}.b").set_value(5).run()
    assert not at.exception
    after = [spec(at, i) for i in (STRIP, PATHS, SPREAD)]
    for b, a in zip(before, after):
        assert b["data"] != a["data"]
    assert spec(at, PRACTICE)["data"] == spec(open_page(), PRACTICE)["data"], "the practice figure has its own data"
    assert metric(at, "ipe") == "20"
    names = {tr["name"] for tr in spec(at, PATHS)["data"] if tr.get("mode") == "lines"}
    assert t(f"lesson.{KEY}.run.mini", "en", name="SGD", b=5) in names


def test_the_try_button_loads_the_notes_drop_last_example():
    at = open_page()
    at.button(key=f"{KEY}.try").click().run()
    assert not at.exception
    assert (at.session_state[f"{KEY}.n"], at.session_state[f"{KEY}.b"], at.session_state[f"{KEY}.drop_last"]) == (1050, 100, True)
    assert metric(at, "ipe") == str(1050 // 100) == "10"
    assert metric(at, "last") == t(f"lesson.{KEY}.last.dropped", "en", size=50)
    at.toggle(key=f"{KEY}.drop_last").set_value(False).run()
    assert metric(at, "ipe") == str(math.ceil(1050 / 100)) == "11"
    assert metric(at, "last") == t(f"lesson.{KEY}.last.short", "en", size=50)


def test_the_measured_spread_follows_the_finite_population_law():
    """The page's measured points against σ/√B · √((N−B)/(N−1)) with σ from the per-sample gradients by hand."""
    at = open_page()
    fig = spec(at, SPREAD)
    dots = next(tr for tr in fig["data"] if tr.get("mode") == "markers" and tr["name"].startswith("measured"))
    bs, measured = array(dots["x"]).astype(float), array(dots["y"]).astype(float)
    surface = landscapes.get("linear_regression", n_samples=100)
    sigma = closed_form_sigma(surface)
    want = sigma / np.sqrt(bs) * np.sqrt((100 - bs) / 99)
    np.testing.assert_allclose(measured, want, rtol=0.15)
    # and the slope on the log-log plot is −1/2 once the finite-population factor is divided out
    slope = np.polyfit(np.log(bs), np.log(measured / np.sqrt((100 - bs) / 99)), 1)[0]
    assert slope == pytest.approx(-0.5, abs=0.06)


# --- the claims, without the page ---------------------------------------------------------------


@pytest.mark.parametrize("n, b", [(100, 20), (1050, 100), (1000, 10), (7, 3), (10, 10), (5, 1)])
def test_iterations_per_epoch_are_ceil_and_floor(n, b):
    with_last, dropped = batch_sizes_of_epoch(n, b, drop_last=False)
    assert len(with_last) == math.ceil(n / b) and sum(with_last) == n and dropped == 0
    without, dropped = batch_sizes_of_epoch(n, b, drop_last=True)
    assert len(without) == n // b and dropped == n % b
    for drop_last, want in ((False, math.ceil(n / b)), (True, n // b)):
        assert int(oracle.iterations_per_epoch(n, b, drop_last)) == want


@pytest.mark.parametrize("n, b", [(100, 20), (1050, 100), (1000, 10), (7, 3), (5, 1)])
def test_last_batch_is_what_the_oracles_epoch_ends_with(n, b):
    """The last batch the metric names: the samples the oracle's last batch of an epoch weighs (drop_last off),
    or the samples it leaves out of the epoch (on)."""
    key = jax.random.key(0)
    ipe = int(oracle.iterations_per_epoch(n, b, False))
    last = int(np.asarray(oracle.batch_weights(key, ipe - 1, n, b, False)).sum())
    assert lb.last_batch(n, b, False) == ("full" if n % b == 0 else "short", last)
    kept = sum(int(np.asarray(oracle.batch_weights(key, k, n, b, True)).sum())
               for k in range(int(oracle.iterations_per_epoch(n, b, True))))
    assert lb.last_batch(n, b, True) == (("full", b) if n % b == 0 else ("dropped", n - kept))


def test_the_lessons_three_runs_are_the_engines_runs():
    runs = lb.three_runs(100, 20, True, 30, 0.05, 0)
    surface = landscapes.get("linear_regression", n_samples=100)
    for kind, size in (("full", 100), ("sgd", 1), ("mini", 20)):
        want = optimizers.run(surface, "sgd", steps=30, learning_rate=0.05, batch_size=size, drop_last=True, seed=0)
        np.testing.assert_array_equal(runs[kind].xy, want.xy)
    sizes, noise, sigma, odd = lb.practice_noise(20, 0)
    assert sizes == lb.powers_of_two(lb.PRACTICE_N) and len(noise) == len(sizes)
    # the odd size's noise sits between its neighbours' among the powers of two, as 1/√B says
    assert noise[sizes.index(128)] < odd < noise[sizes.index(64)]


def test_one_epoch_of_the_oracle_uses_every_sample_once():
    key = jax.random.key(3)
    n, b = 1050, 100
    weights = np.stack([np.asarray(oracle.batch_weights(key, k, n, b, False)) for k in range(11)])
    np.testing.assert_array_equal(weights.sum(axis=0), np.ones(n))
    assert sorted(weights.sum(axis=1).astype(int).tolist()) == [50] + [100] * 10
    kept = np.stack([np.asarray(oracle.batch_weights(key, k, n, b, True)) for k in range(10)])
    assert kept.sum() == 1000 and kept.max(axis=0).sum() == 1000  # 50 samples sit this epoch out


def test_finite_population_spread_matches_an_exhaustive_enumeration():
    """Every B-subset of a small population, by brute force: the RMS distance of its mean from the full mean."""
    rng = np.random.default_rng(0)
    g = rng.normal(size=(7, 2))
    sigma = float(np.sqrt(np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=1))))
    for b in range(1, 8):
        means = np.array([g[list(c)].mean(axis=0) for c in itertools.combinations(range(7), b)])
        exact = float(np.sqrt(np.mean(np.sum((means - g.mean(axis=0)) ** 2, axis=1))))
        assert float(finite_population_spread(sigma, 7, b)) == pytest.approx(exact, abs=1e-12)


# --- the figures --------------------------------------------------------------------------------


def test_epoch_figure_draws_batches_and_the_dropped_tail():
    fig = epoch_figure(1050, 100, True).to_plotly_json()
    z = heat_row(fig)
    assert z.size == 1050
    assert np.count_nonzero(z == 3) == 50  # grey: dropped
    assert len(fig["layout"]["shapes"]) == 10  # borders after each of the 10 kept batches
    fig = epoch_figure(1050, 100, False).to_plotly_json()
    z = heat_row(fig)
    assert np.count_nonzero(z == 2) == 50 and np.count_nonzero(z == 3) == 0  # orange: the short 11th batch


# --- batch-size practice: the noise a bigger batch removes against what its step costs ------------------------


def test_the_practice_figure_measures_noise_that_follows_sigma_over_root_b():
    """On N = 2000: each power of two's measured noise against σ/√B · √((N−B)/(N−1)), σ from the per-sample
    gradients by hand; the x of each point is the cost model's c(B) = t₀ + ⌈B/W⌉."""
    at = open_page()
    fig = spec(at, PRACTICE)
    dots = next(tr for tr in fig["data"] if tr.get("mode") == "markers+text" and tr["name"].startswith("measured"))
    sizes = np.array([int(s) for s in dots["customdata"]])
    assert sizes.tolist() == [2**k for k in range(11)]  # 1 … 1024, all below N = 2000
    cost, measured = array(dots["x"]).astype(float), array(dots["y"]).astype(float)
    np.testing.assert_allclose(cost, lb.OVERHEAD + np.ceil(sizes / lb.VECTOR_WIDTH))
    n = lb.PRACTICE_N
    sigma = closed_form_sigma(landscapes.get("linear_regression", n_samples=n))
    want = sigma / np.sqrt(sizes) * np.sqrt((n - sizes) / (n - 1))
    np.testing.assert_allclose(measured, want, rtol=0.15)
    slope = np.polyfit(np.log(sizes), np.log(measured / np.sqrt((n - sizes) / (n - 1))), 1)[0]
    assert slope == pytest.approx(-0.5, abs=0.05)
    # the odd size pays for a power of two and gets more noise than it
    odd = next(tr for tr in fig["data"] if tr.get("marker", {}).get("symbol") == "diamond")
    assert array(odd["x"])[0] == lb.step_cost(128) and array(odd["y"])[0] > measured[list(sizes).index(128)]
    # the usual range is marked over the costs of B = 64 … 512
    band = fig["layout"]["shapes"][0]
    assert band["x0"] < lb.step_cost(64) and band["x1"] > lb.step_cost(512) and band["x0"] > lb.step_cost(32)


def test_measured_noise_follows_the_law_without_the_page():
    surface = landscapes.get("linear_regression", n_samples=1000)
    sizes = [1, 8, 64, 500, 999]
    measured = np.array(lb.measured_noise(surface, sizes, 300, seed=1))
    sigma = lb.per_sample_sigma(surface, surface.start)
    assert sigma == pytest.approx(closed_form_sigma(surface), rel=1e-5)
    np.testing.assert_allclose(measured, finite_population_spread(sigma, 1000, np.array(sizes)), rtol=0.15)
    assert measured[-1] < 0.1 * float(lb.one_over_sqrt_b(sigma, 999))  # the correction takes B = N − 1 near 0


def test_the_cost_model_in_closed_form():
    w, t0 = lb.VECTOR_WIDTH, lb.OVERHEAD
    # up to W samples a step costs one pass: B = 1 costs what B = W does
    assert len({float(lb.step_cost(b)) for b in range(1, w + 1)}) == 1
    assert lb.step_cost(w + 1) == lb.step_cost(w) + 1
    # a size that is not a power of two pays for the next one
    assert lb.step_cost(lb.ODD_SIZE) == lb.step_cost(128)
    # cost per sample = (1/W)(1 + t₀W/B) on multiples of W: twice the floor at t₀W, and the usual range
    for b in (64, 128, 256, 512, 1024):
        assert lb.cost_per_sample(b) == pytest.approx((1 + t0 * w / b) / w)
    # t0 is calibrated, not derived: it is chosen so that the knee t0*W sits at the notes' 64 (the page says so)
    assert lb.cost_per_sample(t0 * w) * w == pytest.approx(2.0)
    assert lb.cost_per_sample(lb.USUAL[1]) * w == pytest.approx(1.125)
    assert lb.powers_of_two(2000) == [2**k for k in range(11)] and lb.powers_of_two(64) == [1, 2, 4, 8, 16, 32]


@pytest.mark.parametrize("n, want", [(100, "full"), (1050, "full"), (1999, "full"), (2000, "mini"), (60000, "mini")])
def test_the_notes_practice(n, want):
    assert lb.practice(n) == want


def test_cost_noise_figure_draws_the_law_through_the_costs():
    fig = cost_noise_figure([1, 2, 64], [10.0, 7.0, 1.2], [3.0, 3.0, 4.0], 10.0, 100, odd=(100, 6.0, 1.0),
                            full_cost=6.0).to_plotly_json()
    law = fig["data"][0]
    np.testing.assert_allclose(array(law["y"]), 10 / np.sqrt([1, 2, 64]) * np.sqrt((100 - np.array([1, 2, 64])) / 99),
                               rtol=1e-5)
    assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "log"
    assert [s["type"] for s in fig["layout"]["shapes"]] == ["rect", "line"]


def test_spread_figure_draws_the_law_its_finite_form_and_the_points():
    fig = spread_figure([1, 2, 5], [10.0, 7.0, 4.4], 10.0, 100, chosen=2).to_plotly_json()
    law, finite, dots = fig["data"][:3]
    x = array(law["x"]).astype(float)
    np.testing.assert_allclose(array(law["y"]), 10 / np.sqrt(x), rtol=1e-4)
    np.testing.assert_allclose(array(finite["y"]), 10 / np.sqrt(x) * np.sqrt((100 - x) / 99), rtol=1e-3)  # x is sent rounded
    assert x.max() < 100  # the finite form is 0 at B = N, which a log axis cannot show
    assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "log"
    assert len(fig["data"]) == 4  # the ring around the chosen B
