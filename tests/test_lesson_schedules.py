"""Lesson 6, learning-rate schedules: the page, its figure, η(t) against optax, the noise floor, warmup's rescue."""


import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures.colors import color
from figures.lesson_schedules import schedules_figure
from lab.i18n import t
from optimizers import schedules
import apptest
from apptest import array, charts, spec

PAGE = "pages/lesson_6_schedules.py"
KEY = "schedules"
CURVES, EFFECT, RESCUE = 0, 1, 2


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def optax_schedule(name: str, lr: float, warmup: int, transition_steps=100, decay_rate=0.5, staircase=False,
                   decay_steps=400, alpha=0.0):
    """The trusted reference: the same schedule built from optax's own pieces (inverse time from its closed form)."""
    if name == "constant":
        main = optax.constant_schedule(lr)
    elif name == "step":
        main = optax.exponential_decay(lr, transition_steps, decay_rate, staircase=True)
    elif name == "exponential":
        main = optax.exponential_decay(lr, transition_steps, decay_rate, staircase=staircase)
    elif name == "cosine":
        main = optax.cosine_decay_schedule(lr, decay_steps, alpha)
    else:  # tf.keras InverseTimeDecay: η / (1 + γ p), p = t/T (floored with a staircase)
        def main(count):
            p = np.asarray(count, dtype=np.float64) / transition_steps
            return lr / (1 + decay_rate * (np.floor(p) if staircase else p))
    if warmup == 0:
        return main
    return optax.join_schedules([optax.linear_schedule(0.0, lr, warmup), main], [warmup])


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_the_catalogue_title(lang):
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert len(charts(at)) == 3


def test_the_drawn_schedule_is_optaxs():
    """The bold curve (step decay, T = 100, γ = ½, 20 warmup steps, η = 0.5) against optax, step by step."""
    at = open_page()
    fig = spec(at, CURVES)
    bold = next(tr for tr in fig["data"] if tr["name"] == t("choice.step", "en"))
    steps = np.arange(400)
    want = np.array([float(optax_schedule("step", 0.5, 20)(k)) for k in steps])
    np.testing.assert_allclose(array(bold["y"]), want, rtol=1e-4, atol=1e-7)


def test_choosing_a_schedule_changes_the_curves_and_the_run():
    at = open_page()
    curves, effect = spec(at, CURVES), spec(at, EFFECT)
    at.selectbox(key=f"{KEY}.schedule").set_value("cosine").run()
    assert not at.exception
    assert spec(at, EFFECT)["data"] != effect["data"]
    bold = spec(at, CURVES)["data"][-1]
    assert bold["name"] == t("choice.cosine", "en") and bold != curves["data"][-1]
    # the cosine's own parameter appears, step decay's are gone
    assert at.select_slider(key=f"{KEY}.decay_steps") is not None
    assert not [w for w in at.select_slider if w.key == f"{KEY}.transition_steps"]


def test_the_try_button_sets_its_scene():
    at = open_page()
    at.button(key=f"{KEY}.try").click().run()
    assert not at.exception
    assert at.session_state[f"{KEY}.schedule"] == "cosine"
    assert at.session_state[f"{KEY}.alpha"] == 0.0 and at.session_state[f"{KEY}.decay_steps"] == 400


def test_the_page_shows_warmup_rescuing_the_run():
    at = open_page()
    text = markdown(at)
    well = landscapes.get("double_well")
    cold = optimizers.run(well, "sgd", steps=300, learning_rate=0.25)
    assert t(f"lesson.{KEY}.diverged", "en", label=t(f"lesson.{KEY}.run.cold", "en"), step=cold.diverged_at) in text
    assert text.count("💥") == 1, "the warmed-up run does not diverge"
    at.slider(key=f"{KEY}.warmup").set_value(0).run()
    assert markdown(at).count("💥") == 2, "with W = 0 both runs are the same, diverging run"


# --- the claims, without the page ---------------------------------------------------------------


@pytest.mark.parametrize("name", schedules.NAMES)
@pytest.mark.parametrize("warmup", [0, 25])
@pytest.mark.parametrize("staircase", [False, True])
def test_the_engines_learning_rates_are_optaxs_schedules(name, warmup, staircase):
    params = dict(transition_steps=50.0, decay_rate=0.6, staircase=staircase, decay_steps=300.0, alpha=0.1)
    traj = optimizers.run(landscapes.get("quadratic"), "sgd", steps=400, learning_rate=0.4, schedule=name,
                          warmup_steps=warmup, **params)
    ref = optax_schedule(name, 0.4, warmup, 50, 0.6, staircase, 300, 0.1)
    want = np.array([float(ref(k)) for k in range(400)])
    np.testing.assert_allclose(traj.lr, want, rtol=2e-5, atol=1e-7)


def test_constant_rate_sgd_rattles_at_the_theorys_noise_floor():
    """SGD with gradient noise σ on a quadratic, per eigen-direction: x ← (1 − ηλ)x − ησξ, whose stationary
    variance is ησ²/(λ(2 − ηλ)); so E[f − f*] = Σ_λ ½λ·var = Σ_λ ησ²/(2(2 − ηλ))."""
    quad = landscapes.get("quadratic")
    lam = np.array([0.1, 1.0])  # 1/κ and 1, the quadratic's curvatures by definition
    for eta, sigma in ((0.5, 1.0), (1.0, 0.5)):
        traj = optimizers.run(quad, "sgd", steps=6000, learning_rate=eta, noise=sigma, seed=0)
        floor = float(np.sum(eta * sigma**2 / (2 * (2 - eta * lam))))
        assert traj.loss[1000:].mean() == pytest.approx(floor, rel=0.12)
    decayed = optimizers.run(quad, "sgd", steps=400, learning_rate=0.5, noise=1.0, seed=0, schedule="cosine", decay_steps=400)
    constant = optimizers.run(quad, "sgd", steps=400, learning_rate=0.5, noise=1.0, seed=0)
    assert decayed.loss[-100:].mean() < 0.2 * constant.loss[-100:].mean()


def test_warmup_rescues_sgd_on_the_double_well_for_good():
    """η = 0.25: unstable at the start (L = 12·1.8² − 4, from f's second derivative by hand), stable at the minimum
    it reaches (L = 12x² − 4 there): without warmup it diverges, with it it converges and stays."""
    well = landscapes.get("double_well")
    eta = 0.25
    x0 = well.start[0]
    assert eta > 2 / (12 * x0**2 - 4)
    assert optimizers.run(well, "sgd", steps=2000, learning_rate=eta).diverged_at is not None
    for warmup in (5, 20, 100):
        traj = optimizers.run(well, "sgd", steps=2000, learning_rate=eta, warmup_steps=warmup)
        assert traj.diverged_at is None
        x, y = traj.xy[-1]
        m = min(well.minima, key=lambda q: abs(q[0] - x))
        assert abs(x - m[0]) < 1e-4 and abs(y) < 1e-4
        assert eta < 2 / max(12 * m[0] ** 2 - 4, 2.0)  # the curvatures at a minimum: 12x² − 4 along x, 2s = 2 along y


# --- the figure ---------------------------------------------------------------------------------


def test_schedules_figure_puts_the_chosen_schedule_last_and_bold():
    curves = {n: np.asarray(schedules.get(n, 0.5, 10.0)(np.arange(100))) for n in schedules.NAMES}
    colors = {n: color(i) for i, n in enumerate(schedules.NAMES)}
    fig = schedules_figure(curves, colors, "cosine", warmup_steps=10).to_plotly_json()
    assert [tr["name"] for tr in fig["data"]][-1] == "cosine"
    assert fig["data"][-1]["opacity"] == 1.0 and all(tr["opacity"] < 1 for tr in fig["data"][:-1])
    assert fig["layout"]["shapes"][0]["x1"] == 10
