"""Lesson 4, AdaGrad, RMSProp, Adam: the page renders and reacts, and its claims hold.

Claims checked: without bias correction Adam's first step is (1−β₁)/√(1−β₂) times the corrected one
(and the corrected one is η per coordinate); AdaGrad's step under noise falls like 1/√t while RMSProp's
holds, and the recorded step is η/√(G₀ + Σg²) of the recorded gradients; gradient descent does not
notice a turned valley while the per-coordinate methods slow down.
"""

import math
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_adaptive as fa
from figures.colors import color
from figures.paths import Path as DrawnPath
from lab.i18n import t
import apptest
from apptest import charts, spec

PAGE = "pages/lesson_4_adaptive.py"
LONG, RACE, LOSS, BIAS = range(4)  # the page's charts, in order
KAPPA = 30.0


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def turned(angle, uv=(-2.4, 1.6)):
    c, s = math.cos(angle), math.sin(angle)
    return (c * uv[0] - s * uv[1], s * uv[0] + c * uv[1])


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == t("lesson.adaptive.title", lang)
    assert len(charts(at)) == 4


def test_noise_slider_changes_the_step_sizes():
    at = open_page()
    before = spec(at, LONG)
    at.slider(key="adaptive.noise").set_value(1.5).run()
    assert not at.exception
    assert spec(at, LONG)["data"] != before["data"]


def test_try_this_turns_the_valley():
    at = open_page()
    before = spec(at, RACE)["data"][0]["z"]
    at.button(key="adaptive.try").click().run()
    assert not at.exception
    assert at.radio(key="adaptive.angle").value == "turned"
    assert spec(at, RACE)["data"][0]["z"] != before
    caption = next(c.value for c in at.caption if c.value.startswith("Steps until"))
    assert caption.count(t("lesson.adaptive.never", "en")) == 2  # AdaGrad and RMSProp


def test_b2_slider_moves_the_first_step_ratio():
    at = open_page()
    at.select_slider(key="adaptive.b2").set_value(0.9999).run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("First step"))
    ratio = float(re.search(r"the ratio is ([0-9]+\.[0-9]+)", caption).group(1))
    assert ratio == pytest.approx(0.1 / math.sqrt(1e-4), rel=1e-3)


# --- claims --------------------------------------------------------------------------------


@pytest.mark.parametrize("b2", [0.9, 0.99, 0.999, 0.9999])
def test_first_step_without_bias_correction(b2):
    s = landscapes.get("quadratic", condition=KAPPA)
    lr, b1 = 0.1, 0.9
    on = optimizers.run(s, "adam", steps=3, learning_rate=lr, b1=b1, b2=b2, bias_correction=True)
    off = optimizers.run(s, "adam", steps=3, learning_rate=lr, b1=b1, b2=b2, bias_correction=False)
    first_on, first_off = fa.step_lengths(on)[0], fa.step_lengths(off)[0]
    # corrected: m̂₁ = g, v̂₁ = g², so the first step is η·sign(g) in each coordinate
    assert first_on == pytest.approx(lr * math.sqrt(2), rel=1e-5)
    assert first_off / first_on == pytest.approx((1 - b1) / math.sqrt(1 - b2), rel=1e-4)


@pytest.mark.parametrize("noise", [0.5, 1.0])
def test_adagrad_step_falls_like_one_over_root_t_and_rmsprop_holds(noise):
    s = landscapes.get("quadratic", condition=KAPPA)
    ada = optimizers.run(s, "adagrad", steps=2000, learning_rate=0.5, noise=noise)
    rms = optimizers.run(s, "rmsprop", steps=2000, learning_rate=0.05, noise=noise)
    # the recorded step is η / √(G₀ + Σ g² + ε) of the recorded (noisy) gradients
    G = 0.1 + np.cumsum(ada.grad.astype(np.float64) ** 2, axis=0)
    np.testing.assert_allclose(ada.state["effective_lr"], 0.5 / np.sqrt(G + 1e-7), rtol=1e-4)
    for c in (0, 1):
        # over a decade (step 200 → 2000) 1/√t gives √10; G's head start makes it a little less
        assert 2.7 < fa.decade_factor(ada.state["effective_lr"][:, c], 199, 1999) < math.sqrt(10) + 0.05
        assert 0.6 < fa.decade_factor(rms.state["effective_lr"][:, c], 199, 1999) < 1.6


def test_gradient_descent_ignores_the_turn_adaptive_methods_do_not():
    lrs = {"sgd": 1.0, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1}
    steps = {}
    for angle in (0.0, math.pi / 4):
        s = landscapes.get("quadratic", condition=KAPPA, angle=angle)
        for rule, lr in lrs.items():
            tr = optimizers.run(s, rule, start=turned(angle), steps=400, learning_rate=lr, dtype="float64")
            steps[rule, angle] = tr.steps_to(1e-6 * float(tr.loss[0]))
            if rule == "sgd":
                steps["sgd-xy", angle] = tr.xy
    # rotation invariance: the turned path is the aligned path turned
    c, s_ = math.cos(math.pi / 4), math.sin(math.pi / 4)
    np.testing.assert_allclose(steps["sgd-xy", math.pi / 4], steps["sgd-xy", 0.0] @ np.array([[c, s_], [-s_, c]]), atol=1e-9)
    assert steps["sgd", 0.0] == steps["sgd", math.pi / 4]
    for rule in ("adagrad", "rmsprop", "adam"):
        aligned, turned_ = steps[rule, 0.0], steps[rule, math.pi / 4]
        assert aligned is not None and (turned_ is None or turned_ > 1.5 * aligned), (rule, aligned, turned_)


# --- the figure builders, without Streamlit --------------------------------------------------


def test_step_sizes_figure_draws_both_coordinates_of_each_rule():
    s = landscapes.get("quadratic", condition=KAPPA)
    runs = [DrawnPath(r, color(i), optimizers.run(s, r, steps=50, learning_rate=0.1)) for i, r in enumerate(("adagrad", "adam"))]
    figure = fa.step_sizes_figure(runs, labels={"step": "s", "effective_lr": "e", "second_moment": "m"})
    assert len(figure.data) == 2 * 2 * 2  # rules × rows × coordinates
    top = [tr for tr in figure.data if tr.yaxis == "y"]
    np.testing.assert_allclose(top[0].y, runs[0].traj.state["effective_lr"][:, 0], rtol=1e-4)  # short: every step
    idx = fa.log_spaced(2000)
    assert idx[0] == 0 and idx[-1] == 1999 and len(idx) <= fa.LOG_POINTS and np.all(np.diff(idx) > 0)
    assert [tr.line.dash for tr in top[:2]] == ["solid", "dash"]
    assert figure.layout.yaxis.type == "log" and figure.layout.xaxis2.type == "log"


def test_first_steps_figure():
    s = landscapes.get("quadratic", condition=KAPPA)
    tr = optimizers.run(s, "adam", steps=20, learning_rate=0.1)
    figure = fa.first_steps_figure([DrawnPath("adam", color(1), tr)], steps=10, labels={"step": "s", "length": "l"})
    np.testing.assert_allclose(figure.data[0].y, fa.step_lengths(tr)[:10], rtol=1e-4)
    assert list(figure.data[0].x) == list(range(1, 11))
