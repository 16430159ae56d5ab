"""Lesson 1, gradient descent and the learning rate: the page, its figures, and the 2/L rule against closed forms."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures.colors import color
from figures.lesson_gradient_descent import factor_figure, paths_and_losses_figure
from figures.paths import Path as FigPath
from lab.i18n import t
from lessons import curvature, gradient_descent as gd
import apptest
from apptest import array, charts, spec

PAGE = "views/lesson_1_gradient_descent.py"
KEY = "gradient_descent"


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def contour_paths(fig: dict) -> dict[str, np.ndarray]:
    """The paths drawn on the contour (x, y), by legend name."""
    out = {}
    for tr in fig["data"]:
        if tr.get("type") == "scatter" and tr.get("mode") == "lines" and tr.get("xaxis") == "x" and "casing" not in tr["name"]:
            out[tr["name"]] = np.stack([array(tr["x"]), array(tr["y"])], axis=1)
    return out


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def quadratic_hessian(condition: float, angle: float) -> np.ndarray:
    """The quadratic's Hessian from its definition, R(θ) diag(1/κ, 1) R(θ)ᵀ, independently of jax."""
    c, s = math.cos(angle), math.sin(angle)
    rot = np.array([[c, -s], [s, c]])
    return rot @ np.diag([1.0 / condition, 1.0]) @ rot.T


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_the_catalogue_title(lang):
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert len(charts(at)) == 2


def test_the_multiplier_moves_the_paths_to_the_engines_paths():
    at = open_page()
    before = contour_paths(spec(at))
    at.slider(key=f"{KEY}.multiplier").set_value(0.5).run()
    assert not at.exception
    after = contour_paths(spec(at))
    assert set(before) != set(after), "the labels carry the new rates"
    # the first run is now at 0.5 × 0.05 × 2/L = 0.05: the drawn path is the engine's
    surface = landscapes.get("quadratic", condition=10.0)
    want = optimizers.run(surface, "sgd", steps=100, learning_rate=0.05).xy
    drawn = next(v for k, v in after.items() if k.startswith("η = 0.05 "))
    np.testing.assert_allclose(drawn, want, rtol=1e-4, atol=1e-4)


def test_the_try_button_sets_its_scene():
    at = open_page()
    at.slider(key=f"{KEY}.multiplier").set_value(1.5).run()
    at.button(key=f"{KEY}.try").click().run()
    assert not at.exception
    assert at.session_state[f"{KEY}.condition"] == 100
    assert at.session_state[f"{KEY}.multiplier"] == 1.0
    # 2/L is still 2 at κ = 100: the limit is the steep direction's (the caption under the main figure)
    assert any("2/L = **2**" in c.value for c in at.caption)


def test_the_page_reports_divergence_where_the_closed_form_puts_it():
    """η = 1.05 · 2/L = 2.1: the steep coordinate is multiplied by 1 − η = −1.1 each step; the engine calls a
    position diverged once it is more than 100 half-widths (300) from the centre."""
    at = open_page()
    y0, factor, bound = 2.0, abs(1 - 2.1 * 1.0), 100 * 3.0
    k = math.ceil(math.log(bound / y0) / math.log(factor))
    text = markdown(at)
    assert t(f"lesson.{KEY}.hover.diverged", "en", step=k) in text
    assert text.count(":material/error:") == 1, "only the rate above 2/L diverges"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_first_screen_is_title_claim_controls_figure(lang):
    """Title, the one-sentence claim, the two sliders, then the main figure: no paragraph or formula before it."""
    at = open_page(lang)
    assert at.markdown[0].value == t(f"lesson.{KEY}.claim", lang)
    order = [el.type for el in at.main if el.type in ("markdown", "slider", "select_slider", "latex", "expandable",
                                                      "bidi_component", "plotly_chart")]
    first_chart = next(i for i, kind in enumerate(order) if kind in ("bidi_component", "plotly_chart"))
    assert order[:first_chart] == ["markdown", "slider", "select_slider"]


def test_hovers_speak_the_pages_language():
    at = open_page("ko")
    hovers = [h for tr in spec(at)["data"] for h in (tr.get("hovertext") or [])]
    assert t("fig.start", "ko") in hovers
    assert any(h.startswith(t("fig.minimum", "ko")) for h in hovers)
    assert not any("start" in h or "minimum" in h for h in hovers)


# --- the claim: gradient descent on a quadratic is (I − ηH)^k, stable iff η < 2/L -------------------


@pytest.mark.parametrize("condition, angle", [(10.0, 0.0), (30.0, 0.4)])
def test_gd_on_the_quadratic_is_the_closed_form(condition, angle):
    H = quadratic_hessian(condition, angle)
    surface = landscapes.get("quadratic", condition=condition, angle=angle)
    np.testing.assert_allclose(np.asarray(surface.hessian((0.3, -0.2))), H, atol=1e-6)
    eta, steps = 1.5, 40
    x0 = np.array(surface.start)
    traj = optimizers.run(surface, "sgd", steps=steps, learning_rate=eta, dtype="float64")
    want = np.stack([np.linalg.matrix_power(np.eye(2) - eta * H, k) @ x0 for k in range(steps + 1)])
    np.testing.assert_allclose(traj.xy, want, atol=1e-10)


@pytest.mark.parametrize("condition", [1.0, 10.0, 1000.0])
def test_stable_just_below_two_over_l_and_diverges_just_above(condition):
    surface = landscapes.get("quadratic", condition=condition)
    big_l = float(np.linalg.eigvalsh(quadratic_hessian(condition, 0.0))[-1])
    below = optimizers.run(surface, "sgd", steps=400, learning_rate=0.97 * 2 / big_l)
    above = optimizers.run(surface, "sgd", steps=400, learning_rate=1.03 * 2 / big_l)
    assert below.diverged_at is None
    assert above.diverged_at is not None


@pytest.mark.parametrize("condition, angle", [(10.0, 0.0), (100.0, 0.7)])
def test_the_lessons_theory_against_the_definition(condition, angle):
    """Eigenvalues, 2/L, 2/(L+μ) and max |1 − ηλ| from jax.hessian, against the Hessian built by hand."""
    lam = np.linalg.eigvalsh(quadratic_hessian(condition, angle))
    surface = landscapes.get("quadratic", condition=condition, angle=angle)
    np.testing.assert_allclose(curvature.eigenvalues(surface), lam, rtol=1e-5)
    assert gd.stability_limit(lam) == pytest.approx(2 / lam[-1])
    # 2/(L+μ) minimises the worst factor: a fine scan of η finds no better one
    etas = np.linspace(0.01, 2 / lam[-1], 20001)
    worst = np.array([gd.error_factor(e, lam) for e in etas])
    assert etas[np.argmin(worst)] == pytest.approx(gd.best_constant_rate(lam), rel=1e-3)
    assert gd.error_factor(gd.best_constant_rate(lam), lam) == pytest.approx((condition - 1) / (condition + 1))
    assert gd.rates(2.0, lam) == pytest.approx([2 * f * 2 / lam[-1] for f in gd.FRACTIONS])


def test_outcome_reads_the_engines_runs():
    surface = landscapes.get("quadratic", condition=10.0)
    lam = curvature.eigenvalues(surface)
    limit = gd.stability_limit(lam)
    above = optimizers.run(surface, "sgd", steps=100, learning_rate=1.05 * limit)
    assert gd.outcome(above).kind == "diverged" and gd.outcome(above).step == above.diverged_at
    good = optimizers.run(surface, "sgd", steps=100, learning_rate=gd.best_constant_rate(lam), dtype="float64")
    o = gd.outcome(good)
    assert o.kind == "reached"
    # at η = 2/(L+μ) both directions' errors shrink by (κ−1)/(κ+1) = 9/11 in size per step, so the loss, a
    # sum of their squares, by (9/11)² exactly: 10⁻³ of the start at the first t with (9/11)^(2t) ≤ 10⁻³
    assert o.step == math.ceil(math.log(1e-3) / (2 * math.log(9 / 11)))
    slow = optimizers.run(surface, "sgd", steps=100, learning_rate=0.05 * limit)
    assert gd.outcome(slow).kind == "far" and gd.outcome(slow).gap > 1e-3 * gd.outcome(slow).start_gap


# --- the figures --------------------------------------------------------------------------------


def _paths(rates=(0.1, 1.0, 1.9, 2.1)):
    surface = landscapes.get("quadratic")
    return surface, [FigPath(f"η = {r}", color(i), optimizers.run(surface, "sgd", steps=100, learning_rate=r)) for i, r in enumerate(rates)]


def test_paths_and_losses_figure_draws_each_run_twice_and_marks_the_divergence():
    surface, paths = _paths()
    fig = paths_and_losses_figure(surface, paths, diverged="diverged at step {step}").to_plotly_json()
    lines = [tr for tr in fig["data"] if tr.get("mode") == "lines" and "casing" not in tr["name"]]
    assert sorted(tr["name"] for tr in lines) == sorted([p.label for p in paths] * 2)
    crosses = [tr for tr in fig["data"] if tr.get("marker", {}).get("symbol") == "x"]
    assert len(crosses) == 2  # on the contour and on the loss curve
    assert all("diverged at step 53" in (tr.get("hovertemplate") or "".join(tr.get("hovertext", []))) for tr in crosses)
    assert fig["layout"]["yaxis2"]["type"] == "log"
    # the diverged path is drawn until it leaves the plot, not while it flips far outside
    drawn = next(tr for tr in lines if tr["name"] == "η = 2.1" and tr["xaxis"] == "x")
    ys = array(drawn["y"])
    assert np.all(np.abs(ys[:-1]) <= 3.0) and abs(ys[-1]) > 3.0


def test_factor_figure_crosses_one_at_two_over_l():
    lam = np.array([0.1, 1.0])
    fig = factor_figure(lam, [0.1, 1.0, 1.9, 2.1], list("abcd"), [color(i) for i in range(4)]).to_plotly_json()
    worst = next(tr for tr in fig["data"] if tr["name"] == "max |1 − ηλ|")
    eta, factor = array(worst["x"]).astype(float), array(worst["y"]).astype(float)
    crossing = eta[np.flatnonzero((factor[:-1] < 1) & (factor[1:] >= 1))[0] + 1]
    assert crossing == pytest.approx(2.0, abs=0.02)
    band = fig["layout"]["shapes"][0]
    assert band["x0"] == pytest.approx(2.0)
    dots = [tr for tr in fig["data"] if tr.get("mode") == "markers"]
    assert [d["y"][0] for d in dots] == pytest.approx([0.99, 0.9, 0.9, 1.1])
