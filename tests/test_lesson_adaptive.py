"""Lesson 4, AdaGrad, RMSProp, Adam: the page renders and reacts, and its claims hold.

Claims checked against runs of the engine, optax and closed forms:
- the race: GD's path on the turned valley is its aligned path turned (same arrival); the adaptive rules
  need far more steps when the valley is turned at 45°, and exactly as many at 90° as at 0°;
- AdaGrad under noise: the recorded effective learning rate is η/√(G₀ + Σg² + ε) of the recorded gradients,
  it falls like c/√t with c ≈ η/σ, and its partial sums keep growing like 2c√t (it slows, it does not stop);
- RMSProp's rate holds near η/σ and wobbles by √((1−ρ)/(2(1+ρ))): ρ = 0.9 visibly more than ρ = 0.99;
- each rule's first update equals its closed form with ε where the code puts it (and not the other place),
  AdaGrad's G₀ reaches optax's ``initial_accumulator_value``;
- Adam's first step without bias correction is (1−β₁)/√(1−β₂) times the corrected one, and the usual
  defaults are optax's;
- the notes' Adam loop: the correct loop is optax's Adam; the faulty one takes the same first step, then
  the overwritten averages grow as `overwritten_scale` says and the steps shrink.
"""

import inspect
import math
import re

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_adaptive as fa
from figures.colors import color
from lab.i18n import rule_title, t
from lessons import adaptive as lx
import apptest
from apptest import charts, spec

PAGE = "views/lesson_4_adaptive.py"
RACE, LONG, BIAS, NOTES = range(4)  # the page's charts, in order
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)


def caption(at: AppTest, start: str) -> str:
    return next(c.value for c in at.caption if c.value.startswith(start))


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == t("lesson.adaptive.title", lang)
    assert t("lesson.adaptive.claim", lang) in [m.value for m in at.markdown]
    assert len(charts(at)) == 4
    # the race comes first: two contour panels and the loss curves, GD named as a full-batch run
    race = spec(at, RACE)
    assert {"xaxis", "xaxis2", "xaxis3"} <= set(race["layout"])
    entries = [tr for tr in race["data"] if tr.get("showlegend") and tr.get("mode") == "lines"]
    legend = [tr["name"] for tr in sorted(entries, key=lambda tr: tr.get("legendrank", 1000))]
    gd = rule_title("sgd", lang, stochastic=False)
    assert legend[0] == f"{gd} η=1" and not any("SGD" in name for name in legend)


def test_korean_figure_words_are_korean():
    words = {k: t(f"lesson.adaptive.fig.{k}", "ko") for k in fa.WORDS}
    for key, word in words.items():
        assert HANGUL.search(word) or not re.search(r"[A-Za-z]{3,}", word), (key, word)


def test_turning_moves_only_the_right_hand_valley():
    at = open_page()
    before = spec(at, RACE)
    at.slider(key="adaptive.angle").set_value(20).run()
    assert not at.exception
    after = spec(at, RACE)
    contours = lambda s: [tr["z"] for tr in s["data"] if tr["type"] == "heatmap"]  # noqa: E731
    assert contours(before)[0] == contours(after)[0] and contours(before)[1] != contours(after)[1]
    assert "turned by 20°" in caption(at, "Loss curves")


def test_try_this_turns_the_valley_to_90_degrees_and_the_arrivals_match():
    at = open_page()
    at.button(key="adaptive.try").click().run()
    assert not at.exception
    assert at.slider(key="adaptive.angle").value == 90
    text = caption(at, "Loss curves")
    aligned, turned = re.search(r"along the axes: (.*); turned by 90°: (.*)\.$", text).groups()
    assert aligned == turned


def test_noise_and_g0_change_the_long_run():
    at = open_page()
    before = spec(at, LONG)
    at.slider(key="adaptive.g0").set_value(0.0).run()
    assert not at.exception
    assert spec(at, LONG)["data"][0]["y"] != before["data"][0]["y"]  # AdaGrad's rate
    assert "G₀ = 0" in caption(at, "G₀ matters")
    at.slider(key="adaptive.noise").set_value(0.0).run()
    assert not at.exception
    assert caption(at, "Without noise")


def test_bias_ratio_and_the_defaults_button():
    at = open_page()
    at.select_slider(key="adaptive.b2").set_value(0.9999).run()
    assert not at.exception
    text = caption(at, "First step")
    ratio = float(re.search(r"the ratio is ([0-9]+\.[0-9]+)", text).group(1))
    closed = float(re.search(r"with this ε: ([0-9]+\.[0-9]+)", text).group(1))
    assert ratio == pytest.approx(0.1 / math.sqrt(1e-4), rel=1e-3) and ratio == pytest.approx(closed, rel=1e-3)
    at.button(key="adaptive.defaults").click().run()
    assert not at.exception
    got = {k: at.select_slider(key=f"adaptive.{k}").value for k in ("eta", "b1", "b2", "eps")}
    assert got == {"eta": 0.001, "b1": 0.9, "b2": 0.999, "eps": 1e-8}


def test_the_exercise_draws_both_loops():
    at = open_page()
    figure = spec(at, NOTES)
    names = {tr["name"] for tr in figure["data"] if tr.get("showlegend", True) and tr.get("mode") == "lines"}
    assert {t("lesson.adaptive.notes.correct", "en"), t("lesson.adaptive.notes.buggy", "en")} <= names
    at.radio(key="adaptive.overwrite").set_value("m").run()
    assert not at.exception
    assert spec(at, NOTES)["data"] != figure["data"]


# --- the race ------------------------------------------------------------------------------


def test_gd_ignores_the_turn_and_the_adaptive_rules_do_not():
    runs = {a: lx.race(lx.KAPPA, a) for a in (0.0, math.pi / 4, math.pi / 2)}
    # GD is rotation-invariant: the turned path is the aligned path turned
    c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
    np.testing.assert_allclose(runs[math.pi / 4]["sgd"].xy, runs[0.0]["sgd"].xy @ np.array([[c, s], [-s, c]]),
                               atol=1e-5)
    assert lx.arrival(runs[0.0]["sgd"]) == lx.arrival(runs[math.pi / 4]["sgd"]) is not None
    for rule in ("adagrad", "rmsprop", "adam"):
        aligned, turned = lx.arrival(runs[0.0][rule]), lx.arrival(runs[math.pi / 4][rule])
        # along the axes the adaptive rule beats GD; turned it is slower than along the axes, and than GD
        assert aligned is not None and aligned < lx.arrival(runs[0.0]["sgd"]), (rule, aligned)
        assert turned is None or turned > max(1.5 * aligned, lx.arrival(runs[0.0]["sgd"])), (rule, aligned, turned)
        # at 90° the valley is along the axes again: the same arrival as at 0°
        assert lx.arrival(runs[math.pi / 2][rule]) == aligned, rule


def test_along_the_axes_rmsprop_and_adam_do_not_mind_how_narrow():
    gd = {k: lx.arrival(lx.race(k, 0.0)["sgd"]) for k in (3.0, 100.0)}
    assert gd[3.0] is not None and (gd[100.0] is None or gd[100.0] > 10 * gd[3.0])  # GD's count grows with κ
    for rule in ("rmsprop", "adam"):
        wide, narrow = (lx.arrival(lx.race(k, 0.0)[rule]) for k in (3.0, 100.0))
        assert narrow is not None and narrow <= 1.5 * wide, (rule, wide, narrow)
        assert lx.arrival(lx.race(100.0, math.pi / 4)[rule]) is None  # turned, the narrowness is back


def test_g0_holds_adagrad_back_on_a_narrow_valley():
    only = {"adagrad": lx.RACE_LR["adagrad"]}
    arrive = {(k, g0): lx.arrival(lx.race(k, 0.0, rates=only, g0=g0)["adagrad"]) for k in (3.0, 100.0) for g0 in (0.0, 0.1)}
    assert arrive[100.0, 0.0] <= 1.5 * arrive[3.0, 0.0]  # with G₀ = 0, AdaGrad ignores κ along the axes
    assert arrive[100.0, 0.1] > 3 * arrive[3.0, 0.1]  # optax's G₀ = 0.1 weighs on the flat coordinate's small gradients


# --- the long run --------------------------------------------------------------------------


@pytest.mark.parametrize("noise,g0", [(0.5, 0.1), (1.0, 0.0), (1.0, 0.5)])
def test_adagrad_rate_is_the_formula_and_falls_like_one_over_root_t(noise, g0):
    runs = lx.long_runs(noise, g0)
    ada = runs["adagrad"]
    eta = lx.LONG_LR["adagrad"]
    # the recorded rate is η / √(G₀ + Σ g² + ε) of the recorded (noisy) gradients
    G = g0 + np.cumsum(ada.grad.astype(np.float64) ** 2, axis=0)
    np.testing.assert_allclose(ada.state["effective_lr"], eta / np.sqrt(G + 1e-7), rtol=1e-4)
    c, worst = lx.root_t_fit(ada.state["effective_lr"][:, 0])
    # G_t ≈ t·mean(g²), so c ≈ η/√mean(g²); the true gradient is small beside the noise, so that is ≈ η/σ
    mean_square = float(np.mean(ada.grad[:, 0].astype(np.float64) ** 2))
    assert c == pytest.approx(eta / math.sqrt(mean_square), rel=0.03)
    assert c == pytest.approx(eta / noise, rel=0.08)
    assert worst < 0.1


@pytest.mark.parametrize("noise", [0.5, 1.0])
def test_adagrad_slows_but_does_not_stop(noise):
    rate = lx.long_runs(noise, 0.1, steps=8000)["adagrad"].state["effective_lr"][:, 0]
    s = lx.partial_sums(rate)
    c, _ = lx.root_t_fit(rate)
    # the rates go to zero …
    assert rate[-1] < rate[999] / 2.5
    # … but their sums keep growing like 2c√t: four times the steps, twice the sum of the rates added since
    for t in (500, 1000, 2000):
        assert (s[4 * t - 1] - s[t - 1]) == pytest.approx(2 * c * (math.sqrt(4 * t) - math.sqrt(t)), rel=0.1)
    # and the gains over successive doublings grow instead of dying out (as they would for a summable series)
    gains = [s[2 * t - 1] - s[t - 1] for t in (250, 500, 1000, 2000, 4000)]
    assert all(b > a for a, b in zip(gains, gains[1:]))


def test_rmsprop_rate_holds_and_wobbles_as_its_memory_says():
    runs = lx.long_runs(1.0, 0.1, steps=20_000)
    for rho in lx.RHOS:
        rate = runs[f"rmsprop-{rho:g}"].state["effective_lr"][:, 0]
        assert np.mean(rate[5000:]) == pytest.approx(lx.LONG_LR["rmsprop"] / 1.0, rel=0.15)  # ≈ η/σ
        assert lx.wobble(rate, 5000) == pytest.approx(lx.wobble_theory(rho), rel=0.25), rho
    w = {rho: lx.wobble(runs[f"rmsprop-{rho:g}"].state["effective_lr"][:, 0], 5000) for rho in lx.RHOS}
    assert w[0.9] > 2.5 * w[0.99]


# --- ε and G₀ where the code puts them -----------------------------------------------------


def engine_first_update(rule: str, g, **hp) -> np.ndarray:
    tx = optimizers.get(rule, **hp)
    u, _ = tx.update(jnp.asarray(g), tx.init(jnp.zeros(2)))
    return np.asarray(u)


def optax_first_update(tx, g) -> np.ndarray:
    u, _ = tx.update(jnp.asarray(g), tx.init(jnp.zeros(2)))
    return np.asarray(u)


G = np.array([0.03, -2.0])  # one small and one large coordinate: ε = 0.1 shows in the small one


@pytest.fixture
def x64():
    with jax.enable_x64(True):
        yield


@pytest.mark.parametrize("g0", [0.0, 0.1, 1.0])
def test_adagrad_first_update_g0_and_eps_inside_the_root(g0, x64):
    hp = dict(learning_rate=0.5, initial_accumulator_value=g0, eps=0.1)
    want = -0.5 * G / np.sqrt(g0 + G**2 + 0.1)
    np.testing.assert_allclose(lx.first_update("adagrad", G, **hp), want, rtol=1e-12)
    np.testing.assert_allclose(engine_first_update("adagrad", G, **hp), want, rtol=1e-12)
    np.testing.assert_allclose(optax_first_update(optax.adagrad(0.5, initial_accumulator_value=g0, eps=0.1), G), want,
                               rtol=1e-12)
    outside = -0.5 * G / (np.sqrt(g0 + G**2) + 0.1)
    assert not np.allclose(engine_first_update("adagrad", G, **hp), outside, rtol=1e-3)


def test_adagrad_g0_is_a_setting_of_the_rule_and_runs_like_optax(x64):
    assert optimizers.rule_info("adagrad").defaults["initial_accumulator_value"] == \
        inspect.signature(optax.adagrad).parameters["initial_accumulator_value"].default
    rng = np.random.default_rng(1)
    grads = [jnp.asarray(rng.normal(size=2) * [0.05, 3.0]) for _ in range(30)]
    for g0 in (0.0, 0.7):
        ours, theirs = optimizers.get("adagrad", learning_rate=0.3, initial_accumulator_value=g0), \
            optax.adagrad(0.3, initial_accumulator_value=g0)
        s1, s2, p = ours.init(jnp.zeros(2)), theirs.init(jnp.zeros(2)), jnp.zeros(2)
        for g in grads:
            u1, s1 = ours.update(g, s1, p)
            u2, s2 = theirs.update(g, s2, p)
            np.testing.assert_allclose(np.asarray(u1), np.asarray(u2), rtol=1e-12)


@pytest.mark.parametrize("inside", [True, False])
def test_rmsprop_first_update_eps_placement(inside, x64):
    hp = dict(learning_rate=0.05, decay=0.9, eps=0.1, eps_in_sqrt=inside)
    nu = 0.1 * G**2
    want = -0.05 * G / (np.sqrt(nu + 0.1) if inside else np.sqrt(nu) + 0.1)
    np.testing.assert_allclose(lx.first_update("rmsprop", G, **hp), want, rtol=1e-12)
    np.testing.assert_allclose(engine_first_update("rmsprop", G, **hp), want, rtol=1e-12)
    np.testing.assert_allclose(optax_first_update(optax.rmsprop(0.05, decay=0.9, eps=0.1, eps_in_sqrt=inside), G), want,
                               rtol=1e-12)
    # the default is inside, as the page's formula says
    assert optimizers.rule_info("rmsprop").defaults["eps_in_sqrt"] is True


@pytest.mark.parametrize("bias_correction", [True, False])
def test_adam_first_update_eps_outside_the_root(bias_correction, x64):
    hp = dict(learning_rate=0.1, b1=0.9, b2=0.999, eps=0.1, bias_correction=bias_correction)
    m, v = 0.1 * G, 0.001 * G**2
    if bias_correction:
        m, v = G, G**2
    want = -0.1 * m / (np.sqrt(v) + 0.1)
    np.testing.assert_allclose(lx.first_update("adam", G, **hp), want, rtol=1e-12)
    np.testing.assert_allclose(engine_first_update("adam", G, **hp), want, rtol=1e-12)
    if bias_correction:
        np.testing.assert_allclose(optax_first_update(optax.adam(0.1, b1=0.9, b2=0.999, eps=0.1), G), want, rtol=1e-12)
        assert not np.allclose(want, -0.1 * m / np.sqrt(v + 0.1), rtol=1e-3)  # not ε inside the root


# --- Adam's bias correction and defaults ---------------------------------------------------


@pytest.mark.parametrize("b2", [0.9, 0.99, 0.999, 0.9999])
def test_first_step_without_bias_correction(b2):
    lr, b1 = 0.1, 0.9
    runs = lx.adam_first_steps(3, learning_rate=lr, b1=b1, b2=b2, eps=1e-8)
    first_on, first_off = (lx.step_lengths(runs[bc].xy)[0] for bc in (True, False))
    # corrected: m̂₁ = g, v̂₁ = g², so the first step is η·sign(g) in each coordinate
    assert first_on == pytest.approx(lr * math.sqrt(2), rel=1e-5)
    assert first_off / first_on == pytest.approx((1 - b1) / math.sqrt(1 - b2), rel=1e-4)


def test_usual_adam_defaults_are_optax_s():
    params = inspect.signature(optax.adam).parameters
    assert {k: params[k].default for k in ("b1", "b2", "eps")} == {k: lx.ADAM_DEFAULTS[k] for k in ("b1", "b2", "eps")}
    assert lx.ADAM_DEFAULTS["learning_rate"] == 0.001  # Kingma & Ba (2015), Algorithm 1


# --- the notes' Adam loop ------------------------------------------------------------------


NOTES_HP = dict(learning_rate=0.05, b1=0.9, b2=0.99, eps=1e-8)


def test_the_correct_loop_is_the_engines_and_optax_adam():
    surface = landscapes.get("linear_regression")
    loop = lx.adam_loop(lx.quadratic_gradient(surface), (1.0, 1.0), 150, **NOTES_HP)
    engine = optimizers.run(surface, "adam", start=(1.0, 1.0), steps=150, dtype="float64", **NOTES_HP)
    np.testing.assert_allclose(loop, engine.xy, rtol=1e-9, atol=1e-12)
    with jax.enable_x64(True):
        tx = optax.adam(NOTES_HP["learning_rate"], b1=NOTES_HP["b1"], b2=NOTES_HP["b2"], eps=NOTES_HP["eps"])
        p = jnp.asarray([1.0, 1.0])
        state, xs = tx.init(p), [np.asarray(p)]
        for _ in range(150):
            u, state = tx.update(jax.grad(surface.f)(p), state, p)
            p = optax.apply_updates(p, u)
            xs.append(np.asarray(p))
    np.testing.assert_allclose(loop, np.stack(xs), rtol=1e-9, atol=1e-12)


def test_quadratic_gradient_is_jax_s_gradient():
    surface = landscapes.get("linear_regression")
    grad = lx.quadratic_gradient(surface)
    for point in ((1.0, 1.0), (-0.5, 2.0)):
        np.testing.assert_allclose(grad(np.asarray(point)), np.asarray(surface.grad(np.asarray(point))), rtol=1e-5)


@pytest.mark.parametrize("overwrite", [("m", "v"), ("m",)])
def test_overwriting_compounds_the_correction_as_explained(overwrite):
    # a steady gradient (a plane): correct Adam steps η·sign(g) every time; an overwritten average at step t
    # holds a_t times the true one, a_t = (β a_{t−1} + 1 − β)/(1 − βᵗ)
    g = np.array([0.6, -0.8])
    steps, hp = 30, dict(learning_rate=0.01, b1=0.9, b2=0.99, eps=0.0)
    correct = lx.step_lengths(lx.adam_loop(lambda th: g, (0.0, 0.0), steps, **hp))
    faulty = lx.step_lengths(lx.adam_loop(lambda th: g, (0.0, 0.0), steps, overwrite=overwrite, **hp))
    np.testing.assert_allclose(correct, 0.01 * math.sqrt(2), rtol=1e-12)
    a = lx.overwritten_scale(0.9, steps)
    b = lx.overwritten_scale(0.99, steps) if "v" in overwrite else np.ones(steps)
    np.testing.assert_allclose(faulty, 0.01 * math.sqrt(2) * a / np.sqrt(b), rtol=1e-10, atol=1e-15)  # differences of positions
    assert faulty[0] == pytest.approx(correct[0])  # the first step is the same: the fault shows from step 2
    assert a[1] == pytest.approx(1 / (1 - 0.9**2))
    if "v" in overwrite:
        assert faulty[-1] < correct[-1] / 100  # v outgrows m²: the notes' loop stalls
    else:
        assert faulty[-1] > correct[-1] * 100  # only m inflated: steps far too large


def test_the_notes_loop_stalls_on_the_line_fit():
    surface = landscapes.get("linear_regression")
    grad = lx.quadratic_gradient(surface)
    correct = lx.adam_loop(grad, (1.0, 1.0), 200, **NOTES_HP)
    notes = lx.adam_loop(grad, (1.0, 1.0), 200, overwrite=("m", "v"), eps_in_sqrt=True, **NOTES_HP)
    start, minimum = np.linalg.norm(np.subtract((1.0, 1.0), surface.minima[0])), surface.minima[0]
    left = [float(np.linalg.norm(xy[-1] - minimum)) for xy in (correct, notes)]
    assert left[0] < 1e-3 and left[1] > 0.8 * start  # the correct loop arrives; the notes' barely leaves
    k = lx.NOTES_PROBE
    assert lx.step_lengths(notes)[k - 1] < lx.step_lengths(correct)[k - 1] / 10


# --- the figure builders, without Streamlit --------------------------------------------------


def test_race_figure_panels_and_curves():
    runs = lx.race(lx.KAPPA, 0.0, steps=50)
    panel = fa.Panel("a", lx.valley(), lx.valley().grid(20), [fa.Line(r, color(i), tr.xy) for i, (r, tr) in enumerate(runs.items())])
    losses = [fa.Line(r, color(i), tr.loss - tr.f_min, legend=False) for i, (r, tr) in enumerate(runs.items())]
    figure = fa.race_figure([panel, panel], losses, loss_title="l", words={"step": "s"})
    assert figure.layout.xaxis2.anchor == "y2" and figure.layout.yaxis2.scaleanchor == "x2"
    assert [a.text for a in figure.layout.annotations] == ["a", "a", "l"]
    assert figure.layout.yaxis3.type == "log"
    curves = [tr for tr in figure.data if tr.xaxis == "x3"]
    assert len(curves) == len(runs)
    np.testing.assert_allclose(curves[0].y, runs["sgd"].loss - runs["sgd"].f_min + 1e-12, rtol=1e-3)
    with pytest.raises(KeyError):
        fa.race_figure([panel], losses, loss_title="l", words={"nonsense": "x"})


def test_long_run_and_first_steps_figures():
    rate = lx.root_t(1.0, 2000)
    figure = fa.long_run_figure([fa.Line("r", color(0), rate)], [fa.Line("s", color(0), lx.partial_sums(rate))])
    idx = fa.log_spaced(2000)
    assert idx[0] == 0 and idx[-1] == 1999 and len(idx) <= fa.LOG_POINTS and np.all(np.diff(idx) > 0)
    np.testing.assert_allclose(figure.data[0].y, rate[idx], rtol=1e-4)
    assert figure.layout.xaxis.type == "log" and figure.layout.yaxis2.rangemode == "tozero"
    steps = fa.first_steps_figure([fa.Line("a", color(1), np.array([0.1, 0.2]))])
    np.testing.assert_allclose(steps.data[0].y, [0.1, 0.2], rtol=1e-4)


def test_the_formulas_on_the_page_say_what_the_code_does():
    # the placements themselves are pinned to the code by the first-update tests above
    at = open_page()
    latex = " ".join(el.value for el in at.latex)
    assert r"G_0 = 0.1" in latex and r"\sqrt{G_t + \epsilon}" in latex and r"\epsilon = 10^{-7}" in latex
    assert r"\sqrt{\nu_t + \epsilon}" in latex and r"\sqrt{\hat v_t} + \epsilon" in latex
    at.slider(key="adaptive.g0").set_value(0.0).run()
    assert r"G_0 = 0," in " ".join(el.value for el in at.latex)


def test_loops_figure_marks_the_ends_and_names_the_parameters():
    surface = landscapes.get("linear_regression")
    xy = np.array([[1.0, 1.0], [1.1, 0.9], [1.1, 0.9]])  # the last step is exactly 0
    figure = fa.loops_figure(surface, surface.grid(20), [fa.Line("a", color(1), xy)])
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("w", "b")
    end = next(tr for tr in figure.data if tr.name == "a (end)")
    assert (end.x[0], end.y[0]) == pytest.approx((1.1, 0.9))
    lengths = next(tr for tr in figure.data if tr.xaxis == "x2").y
    assert lengths[0] == pytest.approx(math.hypot(0.1, 0.1), rel=1e-3) and np.isnan(lengths[1])


def test_g0_effect_is_adagrads_first_step_written_out():
    """The first update of the flat coordinate is −η g/√(G₀ + g² + ε) (optax's ε = 1e-7), and G₀ = 0 takes a
    full step of η; the arrivals are the engine's runs with each G₀."""
    gx, first, plain, arrive = lx.g0_effect(0.5, 30.0)
    g = float(np.asarray(lx.valley().grad(np.asarray(lx.valley().start)))[0])
    eta = lx.RACE_LR["adagrad"]
    assert gx == pytest.approx(g)
    assert first == pytest.approx(-eta * g / math.sqrt(0.5 + g * g + 1e-7), rel=1e-6)
    assert plain == pytest.approx(-eta * math.copysign(1.0, g), rel=1e-5)
    want = [lx.arrival(lx.race(30.0, 0.0, rates={"adagrad": eta}, g0=v)["adagrad"]) for v in (0.5, 0.0)]
    assert arrive == want


def test_bias_ratio_is_the_simple_ratio_when_eps_is_negligible():
    """Without correction Adam's first step is (1 − β₁)/√(1 − β₂) times the corrected one (exactly, at ε = 0)."""
    theory, simple = lx.bias_ratio(learning_rate=0.01, b1=0.9, b2=0.999, eps=1e-12)
    assert simple == pytest.approx(0.1 / math.sqrt(0.001))
    assert theory == pytest.approx(simple, rel=1e-6)
    steps = lx.adam_first_steps(learning_rate=0.01, b1=0.9, b2=0.999, eps=1e-12)
    measured = lx.step_lengths(steps[False].xy)[0] / lx.step_lengths(steps[True].xy)[0]
    assert measured == pytest.approx(theory, rel=1e-4)


def test_notes_reading_measures_the_two_loops():
    correct, notes = lx.notes_loops(("m", "v"))
    r = lx.notes_reading(correct, notes)
    best = np.asarray(landscapes.get("linear_regression").minima[0])
    assert r["correct"] == pytest.approx(np.linalg.norm(correct[-1] - best))
    assert r["notes"] == pytest.approx(np.linalg.norm(notes[-1] - best))
    k = lx.NOTES_PROBE
    assert r["ratio"] == pytest.approx(np.linalg.norm(notes[k] - notes[k - 1]) / np.linalg.norm(correct[k] - correct[k - 1]))


def test_race_scene_opens_the_race_in_the_playground():
    scene = lx.race_scene(30.0, math.pi / 4)
    assert scene.surface_params == {"condition": 30.0, "angle": math.pi / 4}
    assert scene.start == pytest.approx(lx.turned_start(math.pi / 4))
    assert [(c.rule, c.hp["learning_rate"]) for c in scene.contestants] == list(lx.RACE_LR.items())
