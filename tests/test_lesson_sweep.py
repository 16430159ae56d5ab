"""Lesson 9 (sweep lab): the page in both languages; the heat map against `optimizers.run` cell by cell; a clicked
cell's Playground link reproduces that cell; Polyak's optimum on the momentum map; bad requests give messages."""

import math
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_sweep as fx
from lab import scene as sc
from lab.i18n import t
from lessons import sweep as ls, sweep_map as lm, sweep_search as search
from figures.paths import LOG_FLOOR
import apptest
from apptest import APP, array

PAGE = "views/lesson_9_sweep.py"


def page(lang: str = "en", **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def spec(at: AppTest) -> dict:
    return apptest.spec(at, "sweep.chart")


def cells(at: AppTest) -> dict[str, np.ndarray]:
    """The click-catcher's cell centres and their (final loss, steps to tolerance)."""
    tr = next(tr for tr in spec(at)["data"] if tr.get("name") == fx.CLICK_TRACE_NAME)
    return {"x": array(tr["x"]), "y": array(tr["y"]), "custom": array(tr["customdata"]).reshape(-1, 2)}


def heat(at: AppTest) -> np.ndarray:
    tr = next(tr for tr in spec(at)["data"] if tr.get("name") == "metric")
    return array(tr["z"])


def link(at: AppTest) -> dict[str, str]:
    url = at.get("link_button")[0].proto.url
    assert url.startswith("./?")
    return dict(parse_qsl(urlsplit(url).query))


def run_scene(query: dict[str, str]):
    """What the Playground would run for this link: parsed by the scene's own reader, run by the engine."""
    scene, notices = sc.from_query(query)
    assert not notices, notices
    surface = landscapes.get(scene.surface, **scene.surface_params)
    (c,) = scene.contestants
    return optimizers.run(surface, c.rule, scene.start, scene.steps, **c.settings())


@pytest.fixture(scope="module")
def en() -> AppTest:
    return page("en")


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_renders_in_both_languages(lang):
    at = page(lang)
    assert at.title[0].value == t("lesson.sweep.title", lang)
    assert not at.error
    assert len(at.get("link_button")) == 1
    # the first screen: title, claim, the four choices of what to sweep, then the map
    assert at.markdown[0].value == t("lesson.sweep.claim", lang)
    order = [el.type for el in at.main if el.type in ("markdown", "selectbox", "number_input", "select_slider", "radio",
                                                      "checkbox", "expandable", "bidi_component", "plotly_chart")]
    first_chart = next(i for i, kind in enumerate(order) if kind in ("bidi_component", "plotly_chart"))
    assert order[:first_chart] == ["markdown"] + ["selectbox"] * 4


def test_heat_map_cells_are_the_engines_runs(en):
    c = cells(en)
    z = heat(en)  # rows = β (up), columns = η (across)
    n = int(round(math.sqrt(c["x"].size)))
    surface = landscapes.get("rosenbrock")
    loss, steps = c["custom"][:, 0], c["custom"][:, 1]
    finite = np.flatnonzero(np.isfinite(loss))
    picks = [finite[0], finite[len(finite) // 2], int(np.flatnonzero(~np.isfinite(loss))[0])]
    ss = en.session_state
    grid = [ls.axis_values(ss[f"sweep.{a}.low"], ss[f"sweep.{a}.high"], n, ss[f"sweep.{a}.log"]) for a in ("ax1", "ax2")]
    for k in picks:
        i, j = divmod(k, n)  # catcher point k = i·n + j is cell (η_i, β_j)
        x, y = float(grid[0][i]), float(grid[1][j])
        assert (c["x"][k], c["y"][k]) == pytest.approx((x, y), rel=1e-4)
        ref = optimizers.run(surface, "momentum", None, 200, learning_rate=x, momentum=y)
        if not np.isfinite(loss[k]):
            assert ref.diverged_at is not None
            continue
        assert ref.diverged_at is None
        assert loss[k] == pytest.approx(ref.loss[-1], rel=1e-4)
        want_steps = ref.steps_to(1e-3 * (ref.loss[0] - ref.f_min))  # the sweep's default tolerance
        assert (np.isnan(steps[k]) and want_steps is None) or steps[k] == want_steps
        # the colour: log10 of the gap to the minimum, drawn at [row j][column i]
        assert z.reshape(n, n)[j, i] == pytest.approx(math.log10(max(ref.loss[-1] - ref.f_min, 0) + LOG_FLOOR), abs=1e-3)


def test_steps_slider_changes_the_map():
    at = page("en")
    before = heat(at)
    at.select_slider(key="sweep.steps").set_value(50).run()
    assert_clean(at)
    assert not np.array_equal(before, heat(at), equal_nan=True)


def test_a_clicked_cell_opens_that_run_in_the_playground(en):
    at = en
    c = cells(at)
    loss = c["custom"][:, 0]
    k = int(np.flatnonzero(np.isfinite(loss))[len(np.flatnonzero(np.isfinite(loss))) // 3])
    x, y = float(c["x"][k]), float(c["y"][k])
    # the page's callback turns a selection event into this state; its reader is tested below
    at.session_state["sweep.cell"] = (x, y)
    at.run()
    assert_clean(at)
    query = link(at)
    assert float(query["o1.learning_rate"]) == pytest.approx(x, rel=1e-4)
    assert float(query["o1.momentum"]) == pytest.approx(y, rel=1e-4, abs=1e-6)
    assert query["surface"] == "rosenbrock" and query["o1"] == "momentum"
    ref = run_scene(query)
    assert ref.loss[-1] == pytest.approx(loss[k], rel=1e-4)
    # the selection is drawn
    assert any(tr.get("name") == t("lesson.sweep.fig.selected", "en") for tr in spec(at)["data"])


def test_clicked_point_reads_the_catchers_selection():
    event = {"selection": {"points": [{"curve_number": 0, "x": 1, "y": 2}, {"curve_number": 3, "x": 0.5, "y": 0.25}]}}
    assert fx.clicked_point(event, 3) == (0.5, 0.25)
    assert fx.clicked_point(event, 7) is None
    assert fx.clicked_point(None, 3) is None
    assert fx.clicked_point({"selection": {"points": []}}, 3) is None


def test_polyak_optimum_on_the_momentum_map():
    at = page("en")
    at.button(key="sweep.try").click().run()
    assert_clean(at)
    assert at.session_state["sweep.p.condition"] == 100.0
    c = cells(at)
    loss = np.where(np.isfinite(c["custom"][:, 0]), c["custom"][:, 0], np.inf)
    k = int(np.argmin(loss))
    eta_best, beta_best = float(c["x"][k]), float(c["y"][k])
    # f = ½(u²/κ + v²): Hessian eigenvalues μ = 1/κ and L = 1; Polyak (1964)
    kappa = 100.0
    eta = 4 / (1 + math.sqrt(1 / kappa)) ** 2
    beta = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    assert abs(math.log(eta_best / eta)) < math.log(1.25)
    assert abs(beta_best - beta) < 0.05
    # the page states the same optimum, from jax.hessian
    text = next(m.value for m in at.markdown if "η* =" in m.value)
    assert f"{eta:.3f}" in text and f"{beta:.3f}" in text
    marks = {tr["name"]: (tr["x"][0], tr["y"][0]) for tr in spec(at)["data"] if tr.get("name") == "Polyak's optimum"}
    assert marks["Polyak's optimum"] == pytest.approx((eta, beta), rel=1e-6)


def test_swept_surface_parameter_compares_each_cell_with_its_own_minimum():
    at = page("en")
    at.select_slider(key="sweep.n").set_value(16).run()
    at.select_slider(key="sweep.steps").set_value(50).run()
    at.selectbox(key="sweep.rule").set_value("sgd").run()
    at.selectbox(key="sweep.surface").set_value("saddle").run()
    at.selectbox(key="sweep.ax2.name").set_value("c").run()
    at.number_input(key="sweep.ax2.low").set_value(0.1).run()
    assert_clean(at)
    c, z = cells(at), heat(at)
    n = 16
    b = landscapes.get("saddle").params["b"]
    checked = 0
    for k in range(0, n * n, 17):
        loss, cc = c["custom"][k, 0], float(c["y"][k])
        if not np.isfinite(loss):
            continue
        i, j = divmod(k, n)
        f_star = -b * b / (4 * cc)  # the minima at y = ±√(b/2c)
        assert z.reshape(n, n)[j, i] == pytest.approx(math.log10(max(loss - f_star, 0) + LOG_FLOOR), abs=2e-3)
        checked += 1
    assert checked >= 5


def _label(name: str) -> str:
    return t(f"hp.{name}", "en")


@pytest.mark.parametrize("case", ["order", "log", "same"])
def test_bad_requests_give_a_message_not_a_traceback(case):
    at = page("en")
    if case == "order":
        at.number_input(key="sweep.ax1.high").set_value(0.0001).run()
        want = t("lesson.sweep.err.order", "en", axis=_label("learning_rate"), low="0.0001", high="0.0001")
    elif case == "log":
        at.checkbox(key="sweep.ax2.log").check().run()  # β from 0 on a log axis
        want = t("lesson.sweep.err.log", "en", axis=_label("momentum"), low="0")
    else:
        at.selectbox(key="sweep.ax2.name").set_value("learning_rate").run()
        want = t("lesson.sweep.err.same", "en")
    assert_clean(at)
    assert [e.value for e in at.error] == [want]
    assert not at.get("link_button")


def test_changing_the_rule_resets_what_cannot_be_swept():
    at = page("en")
    at.selectbox(key="sweep.rule").set_value("sgd").run()
    assert_clean(at)
    assert at.session_state["sweep.ax1.name"] == "learning_rate"
    assert at.session_state["sweep.ax2.name"] == "a"  # sgd has no second hyperparameter: Rosenbrock's a
    assert not at.error


# --- grid search against random search (Bergstra & Bengio 2012) -------------------------------------------------


def one_axis_searches(side: int, seed: int = search.SEARCH_SEED):
    """Both searches on ONE_AXIS's map, where only the learning rate matters."""
    p = search.ONE_AXIS
    names = tuple(name for name, *_ in p["axes"])
    ranges = tuple((low, high, log) for _, low, high, log in p["axes"])
    return search.grid_and_random(p["surface"], {}, p["rule"], p["steps"], names, ranges, side, seed, {}), names, ranges


def test_grid_and_random_search_count_their_distinct_values():
    ranges = ((1e-3, 1.0, True), (0.0, 0.99, False))
    for side in (3, 5, 7):
        grid, rand = search.grid_points(ranges, side), search.random_points(ranges, side * side, seed=4)
        assert len(grid) == len(rand) == side * side
        assert search.distinct_counts(grid) == (side, side)
        assert search.distinct_counts(rand) == (side * side, side * side)
        assert np.all((rand[:, 0] >= 1e-3) & (rand[:, 0] <= 1.0) & (rand[:, 1] >= 0) & (rand[:, 1] <= 0.99))
    np.testing.assert_array_equal(search.random_points(ranges, 9, 4), search.random_points(ranges, 9, 4))  # seeded


def test_on_the_one_axis_map_only_the_learning_rate_matters():
    """The premise, measured: along the clipping axis the final loss does not move (the threshold never binds)."""
    p = search.ONE_AXIS
    (lr, lo, hi, log), (clip, clo, chi, clog) = p["axes"]
    surface = landscapes.get(p["surface"])
    res = optimizers.sweep(surface, p["rule"], None, p["steps"],
                           grid={lr: ls.axis_values(lo, hi, 9, log), clip: ls.axis_values(clo, chi, 7, clog)})
    assert np.isfinite(res.final_loss).all()
    np.testing.assert_allclose(res.final_loss, res.final_loss[:, :1] * np.ones((1, 7)), rtol=1e-6)
    assert np.ptp(np.log(res.final_loss[:, 0])) > 5  # while η matters by orders of magnitude
    # and the start's gradient is below the lowest threshold: GD with η < 2/L = 2 never grows it
    assert float(np.linalg.norm(np.asarray(surface.grad(surface.start)))) < clo and hi < 2.0


@pytest.mark.parametrize("side", [3, 4, 5, 6])
def test_random_search_is_no_worse_where_only_one_axis_matters(side):
    (grid, rand), names, ranges = one_axis_searches(side)
    assert grid.distinct == (side, side) and rand.distinct == (side * side, side * side)
    assert rand.gaps[rand.best] <= grid.gaps[grid.best]
    # each gap is an engine run at that point
    x, y = rand.points[rand.best]
    ref = optimizers.run(landscapes.get("quadratic"), "sgd", None, search.ONE_AXIS["steps"], learning_rate=x, clip_norm=y)
    assert rand.gaps[rand.best] == pytest.approx(ref.loss[-1] - ref.f_min, rel=1e-5, abs=1e-12)


def test_random_search_is_no_worse_for_other_seeds_either():
    """Not one lucky draw: ten seeds of the 25-run search, each against the same 5 × 5 grid."""
    for seed in range(10):
        (grid, rand), *_ = one_axis_searches(5, seed)
        assert rand.gaps[rand.best] <= grid.gaps[grid.best], seed


def test_the_page_shows_both_searches_on_the_one_axis_map():
    at = page("en")
    at.button(key="sweep.one_axis").click().run()
    assert_clean(at)
    assert (at.session_state["sweep.rule"], at.session_state["sweep.ax2.name"]) == ("sgd", "clip_norm")
    fig = apptest.spec(at, "sweep.search_chart")
    side = 5  # the default budget, 25 runs
    grid_name = t("lesson.sweep.search.grid", "en", runs=25, nx=side, ny=side)
    random_name = t("lesson.sweep.search.random", "en", runs=25, nx=25, ny=25)
    shown = {tr["name"]: tr for tr in fig["data"] if tr.get("showlegend") is not False}
    assert grid_name in shown and random_name in shown
    (grid, rand), *_ = one_axis_searches(side)
    np.testing.assert_allclose(array(shown[random_name]["x"]), rand.points[:, 0], rtol=1e-6)
    text = next(m.value for m in at.markdown if "Best f − f* found" in m.value)
    assert f"grid **{grid.gaps[grid.best]:.3g}**" in text and f"random **{rand.gaps[rand.best]:.3g}**" in text


def test_moving_the_budget_redraws_the_search():
    """The search's figure is its own, not the map's kept figure with points added (which showed the first budget
    ever drawn on that map, whatever the slider said)."""
    at = page("en")
    at.select_slider(key="sweep.budget").set_value(9).run()
    assert_clean(at)
    names = {tr.get("name") for tr in apptest.spec(at, "sweep.search_chart")["data"]}
    assert t("lesson.sweep.search.grid", "en", runs=9, nx=3, ny=3) in names


# --- pure pieces ----------------------------------------------------------------------------


def test_axis_values_round_to_what_a_link_carries():
    v = ls.axis_values(1e-3, 3.0, 17, log=True)
    assert v[0] == 1e-3 and v[-1] == 3.0
    assert all(float(sc._fmt(float(x))) == x for x in v)
    np.testing.assert_allclose(np.diff(np.log(v)), np.log(3000) / 16, rtol=1e-5)
    assert list(ls.axis_values(0, 1, 5, log=False)) == [0, 0.25, 0.5, 0.75, 1]
    assert all(float(sc._fmt(float(x))) == x for x in search.random_points(((1e-3, 3.0, True), (0.0, 1.0, False)), 20, 0).ravel())


def test_cell_edges_and_nearest_cell():
    v = np.array([1e-3, 1e-2, 1e-1])
    np.testing.assert_allclose(fx.cell_edges(v, True), [10**-3.5, 10**-2.5, 10**-1.5, 10**-0.5])
    np.testing.assert_allclose(fx.cell_edges(np.array([0.0, 1.0, 2.0]), False), [-0.5, 0.5, 1.5, 2.5])
    assert lm.nearest_cell((v, np.array([0.0, 0.5, 1.0])), (0.02, 0.7), (True, False)) == (1, 1)


class _Result:
    def __init__(self, loss, steps, div=None):
        self.final_loss = np.asarray(loss, dtype=float)
        self.steps_to_tol = np.asarray(steps, dtype=float)
        self.diverged_at = np.full(self.final_loss.shape, np.nan) if div is None else np.asarray(div, dtype=float)
        self.values = (np.array([0.1, 0.2]), np.array([1.0, 2.0]))


def test_best_cell_breaks_ties_by_the_other_metric():
    r = _Result([[0.0, 0.0], [1.0, np.nan]], [[30, 12], [5, np.nan]])
    assert lm.best_cell(r, "final_loss") == (0, 1)  # two exact zeros: the faster one
    assert lm.best_cell(r, "steps_to_tol") == (1, 0)
    assert lm.best_cell(_Result([[np.nan]], [[np.nan]]), "final_loss") is None


def test_sweep_figure_layers():
    r = _Result([[1e-3, np.nan], [1.0, 0.5]], [[10, np.nan], [np.nan, 40]], div=[[np.nan, 7], [np.nan, np.nan]])
    fig = fx.sweep_figure(r, metric="steps_to_tol", f_min=0.0, logs=(True, False))
    names = [tr.name for tr in fig.data]
    assert names.count("diverged") == 2 and names.count("never within tolerance") == 2
    assert fig.layout.xaxis.type == "log"
    z, is_log = fx.metric_values(r, "final_loss", np.array([[0.0, 0.0], [1.0, 0.0]]))
    assert is_log and z[0, 0] == pytest.approx(-3) and z[1, 0] < -10  # f − f* = 0 on its own floor
    fig = fx.sweep_figure(r, metric="final_loss", selected=(1, 1))
    assert "never within tolerance" not in [tr.name for tr in fig.data]
    assert "selected" in [tr.name for tr in fig.data]


def test_the_search_figure_leaves_the_shared_map_as_it_was():
    """`search_figure` draws its points on the map `sweep_figure` keeps for every session: on a figure of its own,
    so the map another session is shown never carries this one's search."""
    r = _Result([[1e-3, 0.2], [1.0, 0.5]], [[10, 20], [30, 40]])
    shared = fx.sweep_figure(r, metric="final_loss", f_min=0.0)
    traces = len(shared.data)
    search = fx.search_figure(r, np.array([[0.1, 1.0], [0.2, 2.0]]), np.array([[0.15, 1.5]]), best=(0, 0), f_min=0.0)
    assert len(shared.data) == traces and shared.layout.height != search.layout.height
    assert fx.sweep_figure(r, metric="final_loss", f_min=0.0) is shared
    assert {"grid search", "random search", "best run of each"} <= {tr.name for tr in search.data}
    assert len(search.data) == traces + 7  # two edge ticks and the points for each search, and the best runs' ring


def test_a_clipping_cell_links_with_the_playgrounds_own_names():
    """The engine's clip_norm is the Playground's clip = norm with a threshold; the link must still reproduce the cell."""
    at = page("en")
    at.select_slider(key="sweep.n").set_value(16).run()
    at.selectbox(key="sweep.rule").set_value("sgd").run()
    at.selectbox(key="sweep.surface").set_value("himmelblau").run()
    assert at.session_state["sweep.ax2.name"] == "clip_norm"
    assert_clean(at)
    c = cells(at)
    loss = c["custom"][:, 0]
    k = int(np.flatnonzero(np.isfinite(loss))[-1])
    at.session_state["sweep.cell"] = (float(c["x"][k]), float(c["y"][k]))
    at.run()
    query = link(at)
    assert "o1.clip_norm" in query
    assert run_scene(query).loss[-1] == pytest.approx(loss[k], rel=1e-4)


def test_the_pages_cache_keeps_a_result_by_its_function_and_arguments():
    """`ui.cached.computed`: the lessons' slower results (the sweep, its searches) kept by function and arguments."""
    from ui import cached

    calls = []

    def scaled(x, scale=2):
        calls.append((x, scale))
        return np.array([x * scale])

    assert cached.computed(scaled, 3)[0] == 6 and cached.computed(scaled, 3)[0] == 6 and calls == [(3, 2)]
    assert cached.computed(scaled, 3, scale=3)[0] == 9 and len(calls) == 2
    scene = sc.Scene(surface="quadratic", surface_params={"condition": 10.0, "angle": 0.0})
    assert cached.key_for("quadratic", angle=0.0, condition=10.0) == cached.surface_key(scene)


def test_a_request_over_the_work_budget_draws_fewer_cells_and_says_why():
    """The largest map on the regression (128 x 128 cells x 2000 steps x its 100 samples, 3.3e9 sample gradients)
    would hold the server for seconds: the page draws the most cells that fit the budget and says so."""
    from lessons import sweep as lsw

    state = {**lsw.initial_state(), **lsw.changed({**lsw.initial_state(), "surface": "linear_regression"}, "surface"),
             "surface": "linear_regression", "n": 128, "steps": 2000}
    req = lsw.request(state)
    n_samples = landscapes.get("linear_regression").n_samples
    assert req.work == 128 * 128 * 2000 * n_samples > lsw.WORK_BUDGET
    fitted = req.fitted()
    assert fitted.work <= lsw.WORK_BUDGET and fitted.n in lsw.GRID_SIDES
    bigger = [s for s in lsw.GRID_SIDES if s > fitted.n]
    assert all(s * s * 2000 * n_samples > lsw.WORK_BUDGET for s in bigger)  # the most that fit
    small = lsw.request({**state, "steps": 20})
    assert small.fitted() == small  # within the budget: unchanged
    # analytic surfaces cost one gradient per cell and step: the largest map fits
    assert lsw.request({**lsw.initial_state(), "n": 128, "steps": 2000}).fitted().n == 128


def test_the_page_says_when_it_drew_fewer_cells():
    at = page()
    at.selectbox(key="sweep.surface").set_value("linear_regression").run()
    at.select_slider(key="sweep.steps").set_value(2000).run()
    at.select_slider(key="sweep.n").set_value(128).run()
    assert_clean(at)
    assert any("128 × 128 cells" in i.value for i in at.info), [i.value for i in at.info]
    side = max(n for n in ls.GRID_SIDES if n * n * 2000 * landscapes.get("linear_regression").n_samples <= ls.WORK_BUDGET)
    assert heat(at).size == side * side < 128 * 128
