"""Lesson 5, exponentially weighted averages: the page, its figures, and ewma against optax and the closed form."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

from figures.lesson_ewa import ewa_figure, weights_figure
from lessons import ewa as le
from lessons.ewa import temperature_year, window
from lab.catalog import CATALOG
from lab.i18n import t
from optimizers.ewa import ewma
import apptest
from apptest import array, charts, spec

PAGE = "views/lesson_5_ewa.py"
KEY = "ewa"


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def trace(fig: dict, name: str) -> np.ndarray:
    return array(next(tr for tr in fig["data"] if tr["name"] == name)["y"]).astype(np.float64)


def optax_ema(series: np.ndarray, beta: float, debias: bool) -> np.ndarray:
    """The trusted reference: optax.ema fed the series one value at a time."""
    tx = optax.ema(beta, debias=debias)
    state = tx.init(jnp.zeros(()))
    out = []
    for x in series:
        v, state = tx.update(jnp.asarray(x), state)
        out.append(float(v))
    return np.array(out)


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_the_catalogue_title(lang):
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert t(f"lesson.{KEY}.claim", lang) in [m.value for m in at.markdown]
    assert len(charts(at)) == 2


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_theta_means_parameters_only_temperature_is_t(lang):
    """θ is the parameters everywhere in the app: the temperature is T, in texts, formulas, legends and hovers."""
    texts = [CATALOG[k][lang] for k in CATALOG if k.startswith(f"lesson.{KEY}.")]
    assert not [x for x in texts if "θ" in x or "\\theta" in x]
    at = open_page(lang)
    assert not [x.value for x in at.latex if "\\theta" in x.value]
    assert any("T_t" in x.value for x in at.latex)
    fig = spec(at)
    words = [str(tr.get(k, "")) for tr in fig["data"] for k in ("name", "hovertemplate")]
    assert not [w for w in words if "θ" in w]
    if lang == "ko":  # no English left in the Korean hovers
        assert not [w for w in words if "day" in w]


def test_beta_changes_the_average_and_the_weights():
    at = open_page()
    label = t(f"lesson.{KEY}.legend.corrected", "en")
    before, weights_before = trace(spec(at), label), spec(at, 1)
    at.select_slider(key=f"{KEY}.beta").set_value(0.98).run()
    assert not at.exception
    after = trace(spec(at), label)
    assert not np.allclose(before, after)
    assert spec(at, 1)["data"] != weights_before["data"]
    # smoother: the day-to-day changes of the average shrink as β grows
    assert np.std(np.diff(after)) < np.std(np.diff(before))


def test_the_try_button_sets_its_scene():
    at = open_page()
    at.button(key=f"{KEY}.try").click().run()
    assert not at.exception
    assert at.session_state[f"{KEY}.beta"] == 0.98 and at.session_state[f"{KEY}.zoom"] is True
    x_range = spec(at)["layout"]["xaxis"]["range"]
    assert x_range[1] <= 3 * window(0.98) + 1  # zoomed to the first three windows


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_the_page_draws_bias_correction_exactly(beta):
    """v̂₁ = θ₁, v₁ = (1 − β) θ₁, and the whole corrected curve is optax.ema(debias=True) of the data."""
    at = open_page()
    at.select_slider(key=f"{KEY}.beta").set_value(beta).run()
    fig = spec(at)
    data = trace(fig, t(f"lesson.{KEY}.legend.data", "en"))
    corrected = trace(fig, t(f"lesson.{KEY}.legend.corrected", "en"))
    raw = trace(fig, t(f"lesson.{KEY}.legend.raw", "en"))
    assert corrected[0] == pytest.approx(data[0], rel=1e-4)
    assert raw[0] == pytest.approx((1 - beta) * data[0], rel=1e-4)
    np.testing.assert_allclose(corrected, optax_ema(temperature_year(0), beta, True), rtol=1e-4, atol=1e-4)


# --- the claims, without the page ---------------------------------------------------------------


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98, 0.99])
@pytest.mark.parametrize("bias_correction", [True, False])
def test_ewma_equals_optax_ema(beta, bias_correction):
    series = temperature_year(3)[:120]
    got = np.asarray(ewma(series, beta, bias_correction))
    np.testing.assert_allclose(got, optax_ema(series, beta, bias_correction), rtol=1e-5, atol=1e-5)


def test_ewma_is_the_weighted_sum_it_unrolls_to():
    """v_t = (1 − β) Σ_{k<t} βᵏ θ_{t−k}, and the correction divides by the weights' sum 1 − βᵗ."""
    with jax.enable_x64(True):
        series = np.random.default_rng(1).normal(size=50)
        beta = 0.9
        got_raw = np.asarray(ewma(series, beta, False))
        got = np.asarray(ewma(series, beta, True))
    for t_ in range(1, 51):
        weights = (1 - beta) * beta ** np.arange(t_)
        want = float(np.sum(weights * series[t_ - 1 :: -1]))
        assert got_raw[t_ - 1] == pytest.approx(want, abs=1e-12)
        assert got[t_ - 1] == pytest.approx(want / weights.sum(), abs=1e-12)
        assert weights.sum() == pytest.approx(1 - beta**t_)


def test_ewma_compiles_once_per_beta():
    # run eagerly, its lax.scan compiled a new program on every call and JAX kept each one (the soak's growth)
    from jax._src import xla_bridge

    series = np.random.default_rng(1).normal(size=50).astype(np.float32)
    ewma(series, 0.9, True)
    before = len(xla_bridge.get_backend().live_executables())
    for _ in range(20):
        ewma(series, 0.9, True)
    assert len(xla_bridge.get_backend().live_executables()) == before


@pytest.mark.parametrize("beta", [0.9, 0.95, 0.98, 0.99, 0.999])
def test_the_window_is_about_one_over_one_minus_beta(beta):
    """β^(1/(1−β)) → 1/e: after 1/(1−β) steps a value's weight has fallen by about e, and the window holds ≈ 63%."""
    assert beta ** window(beta) == pytest.approx(1 / math.e, rel=0.06)
    assert 1 - beta ** window(beta) == pytest.approx(1 - 1 / math.e, rel=0.04)


# --- the figures --------------------------------------------------------------------------------


def test_weights_figure_states_the_share_of_the_window():
    fig = weights_figure(le.weights(0.9), share_text="{days}: {share}").to_plotly_json()
    assert fig["layout"]["annotations"][0]["text"] == f"10: {100 * (1 - 0.9**10):.0f}%"
    inside = array(fig["data"][0]["y"]).astype(float)
    np.testing.assert_allclose(inside, 0.1 * 0.9 ** np.arange(10), rtol=1e-4)


def test_ewa_figure_shades_the_first_window_and_zooms():
    series = temperature_year(0)
    corrected, raw = np.asarray(ewma(series, 0.95, True)), np.asarray(ewma(series, 0.95, False))
    full = ewa_figure(series, corrected, raw, window(0.95)).to_plotly_json()
    zoomed = ewa_figure(series, corrected, raw, window(0.95), zoom=True).to_plotly_json()
    assert full["layout"]["shapes"][0]["x1"] == pytest.approx(0.5 + 20)
    assert full["layout"]["xaxis"]["range"][1] == pytest.approx(365.5)
    assert zoomed["layout"]["xaxis"]["range"][1] == pytest.approx(60.5)
    assert len(full["data"]) == 3


def test_the_weights_are_the_unrolled_averages_and_sum_to_one_minus_beta_to_the_t():
    """The lesson's weights are what the average gives a single spike k days back; their first t sum to 1 − βᵗ."""
    beta = 0.8
    w = le.weights(beta)
    spike = np.zeros(w.k.size)
    spike[0] = 1.0
    response = np.asarray(ewma(spike, beta, False))  # the raw average k days after a one-day spike
    np.testing.assert_allclose(w.weights, response, rtol=1e-5)
    assert w.n == 5 and w.share == pytest.approx(response[:5].sum(), rel=1e-5)
    series, corrected, raw = le.averages(0, beta)
    np.testing.assert_allclose(corrected, optax_ema(series, beta, True), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(raw, optax_ema(series, beta, False), rtol=1e-4, atol=1e-4)


def test_temperature_year_is_seeded_and_seasonal():
    a, b = temperature_year(0), temperature_year(0)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (365,) and a.dtype == np.float32
    winter, summer = a[:30].mean(), a[180:210].mean()
    assert summer - winter > 12
