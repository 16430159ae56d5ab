"""Lesson 3, momentum: the page renders and reacts, and its claims hold against theory.

Claims checked: the measured rate map agrees with the spectral radius of heavy ball's iteration
matrix and its fastest cell sits at Polyak's optimum; the three textbook forms trace one path
(and part under a schedule exactly as said); the drawn Nesterov look-ahead obeys the notes' formula;
momentum's steady step is 1/(1−β) times GD's; the notes' Nesterov and Bengio's (the engine's) give
the same iterates under θ_t = x_t + βV_{t−1}; Nesterov's O(1/t²) bound holds on convex functions.
"""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_momentum as fm
from figures.colors import color
from figures.paths import Path as DrawnPath
from lab.i18n import rule_title, t
from lessons import momentum as lm
import apptest
from apptest import array, charts, elements, spec

PAGE = "views/lesson_3_momentum.py"
PATHS, LOSS, LOOK, FORMS, MAP = range(5)  # the page's charts, in order


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def line(figure: dict, name: str) -> np.ndarray:
    tr = next(tr for tr in figure["data"] if tr.get("name") == name and tr.get("mode", "").startswith("lines"))
    return np.stack([array(tr["x"]), array(tr["y"])], axis=1)


def spectral_radius(eta: float, beta: float, curvatures) -> float:
    """Heavy ball on f = ½λu² moves (v, u) by [[β, λ], [−ηβ, 1 − ηλ]] (Goh 2017): its largest |eigenvalue|."""
    return max(np.abs(np.linalg.eigvals(np.array([[beta, lam], [-eta * beta, 1 - eta * lam]]))).max() for lam in curvatures)


def measured_map(kappa: float) -> tuple[np.ndarray, int]:
    """The map exactly as the page computes it."""
    return lm.measured_rate_map(kappa)


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == t("lesson.momentum.title", lang)
    assert len(charts(at)) == 5


def test_condition_number_changes_the_valley_paths_and_map():
    at = open_page()
    before = spec(at, PATHS), spec(at, MAP)
    at.select_slider(key="momentum.kappa").set_value(100).run()
    assert not at.exception
    after = spec(at, PATHS), spec(at, MAP)
    assert before[0]["data"][0]["z"] != after[0]["data"][0]["z"]  # the contour
    assert before[1]["data"][0]["z"] != after[1]["data"][0]["z"]  # the rate map
    # the drawn SGD path is the engine's path on the narrower valley
    lr = at.slider(key="momentum.lr_sgd").value
    want = optimizers.run(landscapes.get("quadratic", condition=100.0), "sgd", steps=200, learning_rate=lr).xy
    np.testing.assert_allclose(line(after[0], rule_title("sgd", "en", stochastic=False)), want, rtol=1e-4, atol=1e-5)


def test_try_this_sets_the_scene():
    at = open_page()
    at.button(key="momentum.try").click().run()
    assert not at.exception
    assert at.select_slider(key="momentum.kappa").value == 300
    assert at.slider(key="momentum.lr").value == pytest.approx(1.0)
    assert at.slider(key="momentum.beta").value == pytest.approx(0.9)
    # the point of the scene: gradient descent does not arrive within the run, momentum and Nesterov do
    caption = next(c.value for c in at.caption if c.value.startswith("Steps until"))
    assert t("lesson.momentum.never", "en") in caption.split("Momentum")[0]
    assert caption.count(t("lesson.momentum.never", "en")) == 1


def test_schedule_toggle_parts_the_notes_form():
    at = open_page()
    at.toggle(key="momentum.schedule").set_value(True).run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "heavy-ball path" in c.value)
    textbook = float(caption.split("notes' form ")[1].split(",")[0])
    assert textbook > 1e-3


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_first_screen_is_title_claim_two_controls_then_the_race(lang):
    at = open_page(lang)
    kinds = elements(at)
    first_chart = kinds.index("chart")
    before = kinds[:first_chart]
    assert before.count("title") == 1 and "expander" not in before and "subheader" not in before
    assert sum(k in ("slider", "select_slider") for k in before) == 2  # κ and β
    assert kinds.index("expander") > first_chart  # the formulas and paragraphs fold under the figure
    assert t("lesson.momentum.claim", lang) in [m.value for m in at.markdown]


def test_page_names_full_batch_runs_gd_and_measures_the_effective_step():
    at = open_page()
    legend = [tr["name"] for tr in spec(at, PATHS)["data"] if tr.get("mode") == "lines" and "casing" not in tr["name"]]
    assert legend[0] == "GD" and "SGD" not in legend
    note = next(c.value for c in at.caption if "times larger" in c.value)
    beta = at.slider(key="momentum.beta").value
    lr = at.slider(key="momentum.lr").value
    # the caption's measured ratio is the engine's run on the slope (not the formula), and that equals 1/(1−β)
    measured = note.split("constant slope: ")[1].split(")")[0]
    assert measured == f"{lm.steady_step_ratio(lr, beta):.4g}"
    assert float(measured) == pytest.approx(1 / (1 - beta), rel=1e-3)
    assert "η/(1−β) times" not in note


# --- claims --------------------------------------------------------------------------------


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.8, 0.9, 0.99])
def test_momentum_steady_step_is_one_over_one_minus_beta_times_gds(beta):
    """On a constant gradient the measured step / (η‖g‖) tends to 1/(1−β): the step, not η/(1−β), is multiplied."""
    for lr in (0.01, 0.3):
        assert lm.steady_step_ratio(lr, beta) == pytest.approx(1.0 / (1.0 - beta), rel=1e-4)
    # and on the way there it is the partial geometric sum 1 + β + … + β^(T−1)
    assert lm.steady_step_ratio(0.1, beta, steps=20) == pytest.approx(lm.steady_step_theory(beta, 20), rel=1e-9)


@pytest.mark.parametrize("surface", [landscapes.get("quadratic", condition=30.0), landscapes.get("rosenbrock")],
                         ids=["quadratic", "rosenbrock"])
def test_nesterov_notes_form_and_bengios_form_give_the_same_iterates(surface):
    """Run both forms: the notes' x_t, V_t mapped by θ_t = x_t + βV_{t−1} are the engine's iterates θ_t."""
    lr, beta, steps = (0.5, 0.8, 100) if surface.name == "quadratic" else (1e-3, 0.9, 300)
    start = surface.start
    assert lm.forms_gap(surface, start, lr, beta, steps, dtype="float64") < 1e-9
    nag = optimizers.run(surface, "nesterov", start, steps, learning_rate=lr, momentum=beta, dtype="float64")
    xs, Vs = lm.nesterov_notes_form(surface, start, lr, beta, steps)
    # the inverse map, as the look-ahead figure reconstructs it from the engine's run
    np.testing.assert_allclose(lm.notes_positions(nag)[:steps], xs[:steps], rtol=1e-9, atol=1e-10)
    # and the two forms are not trivially equal: the look-ahead point differs from x_t
    assert np.max(np.abs(lm.notes_to_engine(xs, Vs, beta) - xs[:-1])) > 1e-3


@pytest.mark.parametrize("text,start,f_star,L", [("0.5*x**2 + 0.0005*y**2", (2.0, 2.0), 0.0, 1.0),
                                                 ("log(exp(x) + exp(-x)) + 0.5*y**2", (3.0, 2.0), math.log(2.0), 1.0)])
def test_nesterov_convex_guarantee(text, start, f_star, L):
    """f(x_t) − f* ≤ 2L‖x_0 − x*‖²/(t+1)² for η = 1/L, β_t = (t−1)/(t+2) on smooth convex functions."""
    surface = landscapes.from_expression(text, domain=((-4.0, 4.0), (-4.0, 4.0)))
    steps = 300
    gap = lm.nesterov_convex(surface, start, L, steps) - f_star
    bound = lm.nesterov_bound(L, math.hypot(*start), steps)
    assert np.all(gap <= bound * (1 + 1e-9) + 1e-12)


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1000.0])
def test_rate_map_fastest_cell_is_polyaks_optimum(kappa):
    rate, steps = measured_map(kappa)
    eta_s, beta_s, rate_s = lm.polyak(kappa)
    i, j = lm.best_cell(rate)
    eta, beta = lm.MAP_ETAS[i], lm.MAP_BETAS[j]
    d_eta, d_beta = lm.MAP_ETAS[1] - lm.MAP_ETAS[0], lm.MAP_BETAS[1] - lm.MAP_BETAS[0]
    # β is pinned by the optimum: within the grid's resolution (1.5 cells, as the true β* falls between rows)
    assert abs(beta - beta_s) <= 1.5 * d_beta
    # along η the rate is flat: for β ≥ β*, every η in [(1−√β)²κ, (1+√β)²] leaves both directions
    # critically or under-damped, with the same rate √β. The best cell lies in that band (± one column).
    lo, hi = (1 - math.sqrt(beta)) ** 2 * kappa, (1 + math.sqrt(beta)) ** 2
    assert lo - d_eta <= eta <= hi + d_eta
    # no cell beats the theory; a critically damped run's error carries a factor (1 + ct), so a
    # T-step measurement overestimates the rate by at most about ln(T)/T
    assert rate_s - 1e-3 <= rate[i, j] <= rate_s * (1 + math.log(steps) / steps) + 1e-3


@pytest.mark.parametrize("kappa", [10.0, 100.0])
def test_rate_map_agrees_with_the_spectral_radius(kappa):
    rate, _ = measured_map(kappa)
    theory = np.array([[spectral_radius(e, b, (1.0, 1.0 / kappa)) for b in lm.MAP_BETAS] for e in lm.MAP_ETAS])
    converging = theory < 0.97
    assert not np.isnan(rate[theory < 0.999]).any(), "no run diverges where theory says it converges"
    gap = np.abs(rate - theory)[converging & np.isfinite(rate)]
    assert np.median(gap) < 0.01 and np.percentile(gap, 95) < 0.03
    # gradient descent's edge: the best β = 0 cell matches (κ−1)/(κ+1) within the grid's reach
    assert np.nanmin(rate[:, 0]) == pytest.approx(min(theory[:, 0]), abs=0.01)
    assert lm.gd_optimum(kappa)[1] == pytest.approx((kappa - 1) / (kappa + 1))


def test_polyak_formula_is_the_minimum_of_the_theoretical_rate():
    kappa = 50.0
    eta_s, beta_s, rate_s = lm.polyak(kappa)
    etas, betas = np.linspace(0.5, 3.9, 200), np.linspace(0.0, 0.95, 200)
    theory = np.array([[spectral_radius(e, b, (1.0, 1 / kappa)) for b in betas] for e in etas])
    assert theory.min() >= rate_s - 1e-6
    assert spectral_radius(eta_s, beta_s, (1.0, 1 / kappa)) == pytest.approx(rate_s, abs=1e-4)


def test_three_forms_trace_one_path_and_part_under_a_schedule():
    s = landscapes.get("quadratic", condition=30.0)
    lr, beta = 0.5, 0.8
    for sched, textbook_parts in (({}, False), (dict(schedule="step", transition_steps=20, decay_rate=0.5), True)):
        hb = optimizers.run(s, "momentum", steps=200, learning_rate=lr, momentum=beta, form="heavy_ball", **sched)
        tb = optimizers.run(s, "momentum", steps=200, learning_rate=lr, momentum=beta, form="textbook", **sched)
        av = optimizers.run(s, "momentum", steps=200, learning_rate=lr / (1 - beta), momentum=beta, form="average", **sched)
        # the lesson's own runs are these three
        forms = lm.three_forms(s, lr, beta, 200, period=sched.get("transition_steps"))
        for mine, theirs in zip(forms.values(), (hb, tb, av)):
            np.testing.assert_array_equal(mine.xy, theirs.xy)
        assert np.nanmax(lm.distance_between(hb, av)) < 1e-5  # the average form with η/(1−β) is heavy ball, always
        assert (np.nanmax(lm.distance_between(hb, tb)) > 1e-2) == textbook_parts


def test_lookahead_obeys_the_notes_nesterov_formula():
    """V_k = βV_{k−1} − η∇f(x_k + βV_{k−1}), x_{k+1} = x_k + V_k, with ∇f by jax.grad at the reconstructed points."""
    s = landscapes.get("quadratic", condition=30.0)
    lr, beta = 0.5, 0.8
    nag = optimizers.run(s, "nesterov", steps=30, learning_rate=lr, momentum=beta, dtype="float64")
    xs = lm.notes_positions(nag)
    V = np.diff(xs, axis=0)
    for k in range(1, 29):
        look = xs[k] + beta * V[k - 1]
        want = beta * V[k - 1] - lr * np.asarray(s.grad(look), dtype=np.float64)
        np.testing.assert_allclose(V[k], want, rtol=1e-6, atol=1e-7)  # s.grad is float32
        step = lm.lookahead_at(nag, k)
        np.testing.assert_allclose(step.position, xs[k], atol=1e-12)
        np.testing.assert_allclose(step.position + step.velocity_step, step.lookahead, atol=1e-12)
        np.testing.assert_allclose(step.next_position, xs[k + 1], atol=1e-12)


# --- the figure builders, without Streamlit --------------------------------------------------


def test_rate_map_figure_marks_the_optima():
    kappa = 100.0
    rate = np.full((lm.MAP_ETAS.size, lm.MAP_BETAS.size), 0.9)
    rate[10, 20] = 0.5
    labels = {k: k for k in ("rate", "theory", "gd", "best", "current", "diverged", "eta_axis", "beta_axis")}
    figure = fm.rate_map_figure(lm.MAP_ETAS, lm.MAP_BETAS, rate, kappa, theory=lm.polyak(kappa)[:2],
                                gd=lm.gd_optimum(kappa)[0], best=lm.best_cell(rate), current=(0.5, 0.8), labels=labels)
    at = {tr.name: (tr.x[0], tr.y[0]) for tr in figure.data if tr.type == "scatter"}
    assert at["theory"] == pytest.approx(lm.polyak(kappa)[:2])
    assert at["gd"] == pytest.approx((2 * kappa / (kappa + 1), 0.0))
    assert at["best"] == pytest.approx((lm.MAP_ETAS[10], lm.MAP_BETAS[20]))
    assert at["current"] == pytest.approx((0.5, 0.8))
    heat = figure.data[0]
    assert np.asarray(heat.z).shape == (lm.MAP_BETAS.size, lm.MAP_ETAS.size)  # rows β, columns η


def test_paths_and_lookahead_figures():
    s = landscapes.get("quadratic", condition=30.0)
    runs = [optimizers.run(s, r, steps=50, learning_rate=0.5) for r in ("sgd", "momentum", "nesterov")]
    paths = [DrawnPath(r.name, color(i), r) for i, r in enumerate(runs)]
    figure = fm.paths_figure(s, paths, grid=s.grid(40))
    named = [tr.name for tr in figure.data if tr.type == "scatter" and tr.showlegend is not False]
    assert named == ["sgd", "momentum", "nesterov"]
    step = lm.lookahead_at(runs[2], 3)
    labels = {k: k for k in ("position", "lookahead", "next", "hb_point", "heavy_ball", "velocity_step", "gradient_step", "path")}
    figure = fm.lookahead_figure(s, lm.notes_positions(runs[2]), step, lm.heavy_ball_instead(s, step).next_position, labels)
    arrows = figure.layout.annotations
    assert len(arrows) == 3
    # the velocity arrow runs from x_k to the look-ahead point, the gradient arrow from there to x_{k+1}
    assert (arrows[0].ax, arrows[0].ay, arrows[0].x, arrows[0].y) == pytest.approx((*step.position, *step.lookahead))
    assert (arrows[1].x, arrows[1].y) == pytest.approx(tuple(step.next_position))
    with pytest.raises(ValueError):
        lm.lookahead_at(runs[2], 0)


def test_heavy_ball_instead_takes_the_gradient_at_x_k():
    """On f = ½(x²/κ + y²) (gradient (x/κ, y), written out here) heavy ball's step from the notes' x_k with the
    same velocity lands at x_k + βV_{k−1} − η∇f(x_k); the losses are f at both landings."""
    kappa = 30.0
    s = landscapes.get("quadratic", condition=kappa)
    nag = optimizers.run(s, "nesterov", steps=20, learning_rate=0.5, momentum=0.8, dtype="float64")
    step = lm.lookahead_at(nag, 5)
    hb = lm.heavy_ball_instead(s, step)
    hessian = np.diag([1 / kappa, 1.0])
    np.testing.assert_allclose(hb.gradient, hessian @ step.position, rtol=1e-5)
    np.testing.assert_allclose(hb.next_position, step.position + step.velocity_step - step.lr * hessian @ step.position,
                               rtol=1e-5)
    f = lambda p: 0.5 * p @ hessian @ p  # noqa: E731
    assert hb.f_heavy_ball == pytest.approx(f(hb.next_position), rel=1e-5)
    assert hb.f_nesterov == pytest.approx(f(step.next_position), rel=1e-5)


def test_arrival_is_the_first_step_below_the_tolerance():
    s = landscapes.get("quadratic", condition=10.0)
    traj = optimizers.run(s, "momentum", steps=200, learning_rate=0.5, momentum=0.8)
    below = [k for k, f in enumerate(traj.loss) if f <= lm.TOL * traj.loss[0]]
    assert lm.arrival(traj) == below[0]
    assert lm.arrival(optimizers.run(s, "sgd", steps=5, learning_rate=0.1)) is None


def test_the_pages_forms_gap_is_the_gap_on_the_valley():
    s = landscapes.get("quadratic", condition=30.0)
    assert lm.valley_forms_gap(30.0, 0.5, 0.8, 50) == lm.forms_gap(s, s.start, 0.5, 0.8, 50)
