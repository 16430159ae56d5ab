"""Lesson 6, learning-rate schedules: the page, its figures, the course's per-epoch decays against their closed
forms and optax, the plateau where a decay goes, the noise floor, and warmup's rescue and first step."""

import math

import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures.colors import color
from figures.lesson_schedules import EpochRun, epoch_figure, schedules_figure
from lab.i18n import t
from lessons import schedules as ls
from optimizers import schedules
import apptest
from apptest import array, charts, spec

PAGE = "views/lesson_6_schedules.py"
KEY = "schedules"
EPOCHS, EXERCISE, CURVES, EFFECT, RESCUE = range(5)
LIBRARY = ("constant", "step", "exponential", "inverse_time", "cosine")


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)


def optax_schedule(name: str, lr: float, warmup: int, transition_steps=100, decay_rate=0.5, staircase=False,
                   decay_steps=400, alpha=0.0):
    """The trusted reference: the same schedule from optax's own pieces, or the closed form where optax has none."""
    if name == "constant":
        main = optax.constant_schedule(lr)
    elif name == "step":
        main = optax.exponential_decay(lr, transition_steps, decay_rate, staircase=True)
    elif name == "exponential":
        main = optax.exponential_decay(lr, transition_steps, decay_rate, staircase=staircase)
    elif name == "cosine":
        main = optax.cosine_decay_schedule(lr, decay_steps, alpha)
    elif name == "epoch_exponential":  # η γ^(⌊t/T⌋+1) = (ηγ) γ^⌊t/T⌋
        main = optax.exponential_decay(lr * decay_rate, transition_steps, decay_rate, staircase=True)
    elif name == "manual":  # one drop by γ at step T
        main = optax.piecewise_constant_schedule(lr, {int(transition_steps): decay_rate})
    elif name == "epoch_inverse":  # the course's 1/(1 + decay_rate · epoch) · α₀, epochs from 1
        def main(count):
            return lr / (1 + decay_rate * (np.floor(np.maximum(count, 0) / transition_steps) + 1))
    elif name == "epoch_inverse_sqrt":  # the course's k/√epoch · α₀, with k α₀ = lr
        def main(count):
            return lr / np.sqrt(np.floor(np.maximum(count, 0) / transition_steps) + 1)  # join_schedules tries t < 0
    else:  # tf.keras InverseTimeDecay: η / (1 + γ p), p = t/T (floored with a staircase)
        def main(count):
            p = np.asarray(count, dtype=np.float64) / transition_steps
            return lr / (1 + decay_rate * (np.floor(p) if staircase else p))
    if warmup == 0:
        return main
    return optax.join_schedules([optax.linear_schedule(0.0, lr, warmup), main], [warmup])


def course_lr(formula: str, eta0: float, knob, steps: int, per_epoch: int) -> np.ndarray:
    """The course's formulas by hand, per step: the epoch n = ⌊t/N⌋ + 1 counted from 1."""
    n = np.arange(steps) // per_epoch + 1
    if formula == "step":
        return eta0 * 0.5 ** ((n - 1) // knob)
    if formula == "epoch_inverse":
        return eta0 / (1 + knob * n)
    if formula == "epoch_exponential":
        return float(knob) ** n * eta0
    if formula == "epoch_inverse_sqrt":
        return knob / np.sqrt(n) * eta0
    return eta0 * np.where(n >= knob, ls.MANUAL_FACTOR, 1.0)  # manual: η₀/10 from epoch `knob` on


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def drawn_lr(fig: dict, label: str) -> np.ndarray:
    """The η curve of the run ``label`` (the first of its traces), without the copy of its last value."""
    return array(next(tr for tr in fig["data"] if tr["name"] == label)["y"]).astype(np.float64)[:-1]


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_the_catalogue_title_and_claim(lang):
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert t(f"lesson.{KEY}.claim", lang) in markdown(at)
    assert len(charts(at)) == 5


@pytest.mark.parametrize("formula", ls.FORMULAS)
def test_every_course_formula_is_selectable_and_drawn_by_its_closed_form(formula):
    """Each formula, at its default knob, draws the η its closed form gives, step by step, against the epoch."""
    at = open_page()
    at.selectbox(key=f"{KEY}.formula").set_value(formula).run()
    assert not at.exception
    knob, _, default = ls.KNOBS[formula]
    eta0, n = at.session_state[f"{KEY}.eta0"], ls.steps_per_epoch()
    fig = spec(at, EPOCHS)
    got = drawn_lr(fig, t(f"lesson.{KEY}.formula.{formula}", "en"))
    np.testing.assert_allclose(got, course_lr(formula, eta0, default, ls.EPOCHS * n, n), rtol=1e-5)
    # the epoch axis: step t sits at t/N
    x = array(next(tr for tr in fig["data"] if tr["name"] == t(f"lesson.{KEY}.formula.{formula}", "en"))["x"])
    assert x[n] == pytest.approx(1.0) and x[-1] == pytest.approx(ls.EPOCHS)
    assert fig["layout"]["xaxis"]["title"]["text"] == t(f"lesson.{KEY}.axis.epoch", "en")


def test_the_knob_changes_the_decayed_run():
    at = open_page()
    assert at.session_state[f"{KEY}.formula"] == "epoch_exponential"  # the course's 0.95^epoch by default
    at.selectbox(key=f"{KEY}.formula").set_value("epoch_inverse").run()
    label = t(f"lesson.{KEY}.formula.epoch_inverse", "en")
    before = drawn_lr(spec(at, EPOCHS), label)
    at.select_slider(key=f"{KEY}.epoch.decay_rate").set_value(1.0).run()
    after = drawn_lr(spec(at, EPOCHS), label)
    n = ls.steps_per_epoch()
    np.testing.assert_allclose(after, course_lr("epoch_inverse", 0.1, 1.0, ls.EPOCHS * n, n), rtol=1e-5)
    assert not np.allclose(before, after)


def test_the_exercise_marks_the_plateau_and_adds_the_decay_there():
    at = open_page()
    n = ls.steps_per_epoch()
    constant = ls.run(0.1)
    flat = ls.plateau_of(constant, n)
    assert flat is not None
    fig = spec(at, EXERCISE)
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [flat, flat]
    assert len(fig["data"]) == 3  # the constant run alone: η, loss per step, loss per epoch
    at.button(key=f"{KEY}.add").click().run()
    assert not at.exception
    fig = spec(at, EXERCISE)
    label = t(f"lesson.{KEY}.run.dropped", "en", epoch=flat + 1)
    lr = drawn_lr(fig, label)
    # the drawn η (sent with 16 mantissa bits): η₀ through epoch `flat`, η₀/10 from the first step of the next
    assert lr[flat * n - 1] == pytest.approx(0.1, rel=1e-4) and lr[flat * n] == pytest.approx(0.1 * ls.MANUAL_FACTOR, rel=1e-4)
    dropped = ls.run(0.1, ls.manual_drop(0.1, flat + 1, n))
    before, after = ls.final_loss(constant, n), ls.final_loss(dropped, n)
    text = t(f"lesson.{KEY}.exercise.result", "en", constant=f"{before:.3g}", dropped=f"{after:.3g}",
             ratio=f"{before / after:.2g}")
    assert text in [s.value for s in at.success]


def test_the_try_button_sets_its_scene():
    at = open_page()
    at.button(key=f"{KEY}.try").click().run()
    assert not at.exception
    assert at.session_state[f"{KEY}.schedule"] == "cosine"
    assert at.session_state[f"{KEY}.alpha"] == 0.0 and at.session_state[f"{KEY}.decay_steps"] == 400


def test_the_library_section_draws_optaxs_schedule_and_runs_it():
    """The bold curve (step decay, T = 100, γ = ½, η = 0.5, no warmup) against optax, step by step."""
    at = open_page()
    fig = spec(at, CURVES)
    bold = next(tr for tr in fig["data"] if tr["name"] == t("choice.step", "en"))
    want = np.array([float(optax_schedule("step", 0.5, 0)(k)) for k in range(400)])
    np.testing.assert_allclose(array(bold["y"]), want, rtol=1e-4, atol=1e-7)
    effect = spec(at, EFFECT)
    at.selectbox(key=f"{KEY}.schedule").set_value("cosine").run()
    assert not at.exception
    assert spec(at, EFFECT)["data"] != effect["data"]
    bold = spec(at, CURVES)["data"][-1]
    assert bold["name"] == t("choice.cosine", "en")
    assert at.select_slider(key=f"{KEY}.decay_steps") is not None
    assert not [w for w in at.select_slider if w.key == f"{KEY}.transition_steps"]


def test_the_page_shows_warmup_rescuing_the_run_and_its_first_step():
    at = open_page()
    assert at.session_state[f"{KEY}.warmup"] == 5  # the notes' "about 5 epochs"; one GD step is one epoch here
    text = markdown(at)
    well = landscapes.get("double_well")
    cold = optimizers.run(well, "sgd", steps=300, learning_rate=0.25)
    assert t(f"lesson.{KEY}.diverged", "en", label=t(f"lesson.{KEY}.run.cold", "en"), step=cold.diverged_at) in text
    assert text.count(":material/error:") == 1, "the warmed-up run does not diverge"
    # what runs: step 0 at η = 0 (θ stays), step 1 at η/W
    assert t(f"lesson.{KEY}.first", "en", lr0="0", moved0="0", lr1=f"{0.25 / 5:.3g}", eta=0.25, w=5) in text
    at.slider(key=f"{KEY}.warmup").set_value(0).run()
    assert markdown(at).count(":material/error:") == 2, "with W = 0 both runs are the same, diverging run"
    assert t(f"lesson.{KEY}.first.none", "en", eta=0.25) in markdown(at)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_runs_are_named_gd_or_sgd(lang):
    at = open_page(lang)
    sgd, gd = t("rule.sgd.stochastic", lang), t("rule.sgd.exact", lang)
    assert any(tr["name"].startswith(sgd) for tr in spec(at, EPOCHS)["data"])
    assert gd in markdown(at)  # the warmup's run: exact gradients
    at.select_slider(key=f"{KEY}.noise").set_value(0.0).run()
    assert any(tr["name"].startswith(gd) for tr in spec(at, EFFECT)["data"] if tr.get("name"))
    # no English landmark hovers left on the Korean page
    if lang == "ko":
        hovers = [h for tr in spec(at, RESCUE)["data"] for h in (tr.get("hovertext") or [])]
        assert not [h for h in hovers if h.startswith(("start", "minimum"))]


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


@pytest.mark.parametrize("formula", ls.FORMULAS)
@pytest.mark.parametrize("pick", [0, -1])
def test_the_course_formulas_run_as_their_closed_forms(formula, pick):
    """Every knob value, through `decay_settings` and the engine, is the formula written by hand."""
    knob = ls.KNOBS[formula][1][pick]
    n = ls.steps_per_epoch()
    traj = ls.run(0.05, ls.decay_settings(formula, 0.05, knob, n))
    np.testing.assert_allclose(traj.lr, course_lr(formula, 0.05, knob, ls.EPOCHS * n, n), rtol=2e-5)


def test_the_course_counts_epochs_from_one():
    """Ng's table: α₀ = 0.2, decay_rate = 1 gives α = α₀/(1 + n) in epoch n = 1, 2, 3, 4 (0.1 in the first)."""
    traj = ls.run(0.2, ls.decay_settings("epoch_inverse", 0.2, 1.0, 10), epochs=4)
    per_epoch = traj.lr.reshape(4, 10)
    assert np.all(per_epoch == per_epoch[:, :1])  # constant within an epoch
    np.testing.assert_allclose(per_epoch[:, 0], [0.2 / (1 + n) for n in (1, 2, 3, 4)], rtol=1e-6)


def test_decayed_and_constant_runs_draw_the_same_mini_batches():
    n = ls.steps_per_epoch()
    constant, decayed = ls.run(0.1), ls.run(0.1, ls.decay_settings("epoch_inverse", 0.1, 1.0, n))
    np.testing.assert_array_equal(constant.grad[0], decayed.grad[0])  # same start, same batch 0
    # every later batch too: with eta0 = 0 neither run moves, so each step's gradient names its batch alone
    still, still_decayed = ls.run(0.0), ls.run(0.0, ls.decay_settings("epoch_inverse", 0.0, 1.0, n))
    assert np.all(still.xy == still.xy[0]) and np.all(still_decayed.xy == still_decayed.xy[0])
    np.testing.assert_array_equal(still.grad, still_decayed.grad)
    assert len({tuple(g) for g in np.asarray(still.grad, np.float64)}) > n  # the batches do change from step to step
    assert constant.iterations_per_epoch == n == math.ceil(ls.SAMPLES / ls.BATCH)


def test_warmups_first_step_has_eta_zero_and_does_not_move():
    """The ramp η t/W starts at t = 0: step 0 uses η = 0 (θ₁ = θ₀), step 1 η/W, step W the full η (optax's
    linear_schedule(0, η, W) likewise)."""
    well = landscapes.get("double_well")
    w, eta = 5, 0.25
    traj = optimizers.run(well, "sgd", steps=20, learning_rate=eta, warmup_steps=w)
    first = ls.warmup_first_steps(traj, 2)
    assert first["lr"][0] == 0.0 and first["moved"][0] == 0.0
    np.testing.assert_array_equal(traj.xy[1], traj.xy[0])
    assert first["lr"][1] == pytest.approx(eta / w) and first["moved"][1] > 0
    np.testing.assert_allclose(traj.lr[: w + 1], [float(optax.linear_schedule(0.0, eta, w)(k)) for k in range(w + 1)],
                               rtol=1e-6)
    assert traj.lr[w] == pytest.approx(eta)


def test_plateau_epoch_matches_the_closed_form_on_a_geometric_curve():
    """L_n = c + a rⁿ: L_n ≥ (1 − tol) L_{n−w} ⟺ a r^{n−w} (1 − r^w − tol) ≤ tol c, solved for the first n."""
    a, c, r, w, tol = 10.0, 0.01, 0.7, 3, 0.1
    curve = c + a * r ** np.arange(1, 61)
    m = math.log(tol * c / (a * (1 - r**w - tol))) / math.log(r)  # r^{n−w} ≤ … ⟺ n − w ≥ m (log r < 0)
    n = next(k for k in range(w + 1, 61) if curve[k - 1] >= (1 - tol) * curve[k - 1 - w])
    assert ls.plateau_epoch(curve, w, tol) == n == math.ceil(w + m)
    assert ls.plateau_epoch(a * 0.9 ** np.arange(1, 61), w, tol) is None  # 1 − 0.9³ = 27% lower every 3 epochs


def test_the_constant_run_flattens_and_a_drop_there_ends_lower():
    """The measured constant-η run: fast fall, then a plateau; a drop to η/10 right after it ends far lower."""
    n = ls.steps_per_epoch()
    constant = ls.run(0.1)
    means = ls.epoch_means(ls.loss_gap(constant), n)
    flat = ls.plateau_of(constant, n)
    assert flat is not None and flat < ls.EPOCHS - 10
    assert means[flat - 1] < 0.1 * means[0]  # it had fallen a lot
    assert ls.final_loss(constant, n) > 0.5 * means[flat - 1]  # and then it stays at that height
    dropped = ls.run(0.1, ls.manual_drop(0.1, flat + 1, n))
    assert ls.final_loss(dropped, n) < 0.3 * ls.final_loss(constant, n)


def test_constant_rate_sgd_rattles_at_the_theorys_noise_floor():
    """SGD with gradient noise σ on a quadratic, per eigen-direction: x ← (1 − ηλ)x − ησξ, whose stationary
    variance is ησ²/(λ(2 − ηλ)); so E[f − f*] = Σ_λ ½λ·var = Σ_λ ησ²/(2(2 − ηλ))."""
    quad = landscapes.get("quadratic")
    lam = np.linalg.eigvalsh(np.asarray(quad.hessian(np.asarray(quad.minima[0])), np.float64))  # its curvatures
    assert lam == pytest.approx([0.1, 1.0])  # 1/κ and 1, at κ = 10
    for eta, sigma in ((0.5, 1.0), (1.0, 0.5)):
        traj = optimizers.run(quad, "sgd", steps=6000, learning_rate=eta, noise=sigma, seed=0)
        floor = float(np.sum(eta * sigma**2 / (2 * (2 - eta * lam))))
        assert traj.loss[1000:].mean() == pytest.approx(floor, rel=0.12)
    decayed = optimizers.run(quad, "sgd", steps=400, learning_rate=0.5, noise=1.0, seed=0, schedule="cosine", decay_steps=400)
    constant = optimizers.run(quad, "sgd", steps=400, learning_rate=0.5, noise=1.0, seed=0)
    assert decayed.loss[-100:].mean() < 0.2 * constant.loss[-100:].mean()


def test_warmup_rescues_gd_on_the_double_well_for_good():
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


# --- the figures --------------------------------------------------------------------------------


def test_schedules_figure_puts_the_chosen_schedule_last_and_bold():
    curves = {n: np.asarray(schedules.get(n, 0.5, 10.0)(np.arange(100))) for n in LIBRARY}
    colors = {n: color(i) for i, n in enumerate(LIBRARY)}
    fig = schedules_figure(curves, colors, "cosine", warmup_steps=10).to_plotly_json()
    assert [tr["name"] for tr in fig["data"]][-1] == "cosine"
    assert fig["data"][-1]["opacity"] == 1.0 and all(tr["opacity"] < 1 for tr in fig["data"][:-1])
    assert fig["layout"]["shapes"][0]["x1"] == 10


def test_epoch_figure_puts_steps_on_the_epoch_axis_and_means_at_epoch_ends():
    per_epoch, steps = 4, 12
    lr = np.linspace(1.0, 0.5, steps)
    gap = np.arange(1, steps + 1, dtype=float)
    fig = epoch_figure([EpochRun("run", color(0), lr, gap)], per_epoch, marker=(2.0, "here")).to_plotly_json()
    eta, per_step, means = fig["data"]
    np.testing.assert_allclose(array(eta["x"]), np.arange(steps + 1) / per_epoch, rtol=1e-6)
    np.testing.assert_allclose(array(per_step["x"]), np.arange(1, steps + 1) / per_epoch, rtol=1e-6)
    np.testing.assert_allclose(array(means["y"]), gap.reshape(3, 4).mean(axis=1), rtol=1e-6)
    np.testing.assert_allclose(array(means["x"]), [1, 2, 3])
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [2.0, 2.0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_contours_hovers_speak_the_pages_language(lang):
    """The noise floor's and the rescue's contours name their start and minimum in the page's words."""
    at = open_page(lang)
    for name in ("schedules.effect", "schedules.rescue"):
        hovers = [h for tr in spec(at, name)["data"] for h in (tr.get("hovertext") or [])]
        assert t("fig.start", lang) in hovers
        assert any(h.startswith(t("fig.minimum", lang)) for h in hovers)
        if lang == "ko":
            assert not any("start" in h or "minimum" in h for h in hovers)
