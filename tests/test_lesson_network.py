"""Lesson 10, a real network: the page in both languages, its scenes, its refusals, and its figures against the race
they draw (`lessons.network.race`, computed here independently of the page)."""

import re

import numpy as np
import pytest

import apptest
import networks
from apptest import array, charts, spec
from figures import network as fx
from figures.colors import color
from lab.i18n import t
from lessons import network as ln

PAGE = "views/lesson_10_network.py"
KEY = "network"
WORDS = {w: w for w in ("probability", "train", "test", "class0", "class1", "loss", "curve_loss", "train_curve",
                        "test_curve", "end", "step", "start", "play", "pause", "highest", "lowest", "negative",
                        "eigenvalue")} | {"pc1": "d1 {share}", "pc2": "d2 {share}"}


def open_page(lang: str = "en"):
    return apptest.open_page(PAGE, lang)


def clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(scope="module")
def default_race() -> ln.Race:
    scene = ln.SCENES[ln.DEFAULT_SCENE]
    return ln.race(scene.setup, scene.racers)


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_with_its_title_claim_boundaries_and_landscape(lang):
    at = open_page(lang)
    clean(at)
    assert at.title[0].value == t(f"lesson.{KEY}.title", lang)
    assert t(f"lesson.{KEY}.claim", lang) in [m.value for m in at.markdown]
    assert len(charts(at)) == 2
    assert spec(at, 0)["data"][0]["type"] == "heatmap", "the first picture is the decision boundaries"
    assert spec(at, f"{KEY}.landscape")["frames"], "the landscape is animated"


def test_the_warm_up_reaches_every_shape_the_pages_controls_offer():
    """`lab.warmup --network-reach` (the image's build) trains `ln.reach` of the first scene: it must cover every
    value the page's shape controls offer, or a learner's first move there would compile after all."""
    at = open_page()
    first = ln.SCENES[ln.DEFAULT_SCENE].setup
    widgets = {w.key: w for w in [*at.select_slider, *at.radio]}
    reached = {name: {str(getattr(first, name))} for name in ln.SHAPES}
    for setup in ln.reach(first):
        moved = [name for name in ln.SHAPES if getattr(setup, name) != getattr(first, name)]
        assert len(moved) == 1, moved  # one control at a time
        reached[moved[0]].add(str(getattr(setup, moved[0])))
    for name, values in reached.items():
        offered = {str(o) for o in widgets[f"{KEY}.{name}"].options}
        assert offered == values, (name, offered, values)


def test_the_page_draws_the_race_it_computes(default_race):
    """The paths on the plane, the curves and the table are the race's, trained here without the page."""
    at = open_page()
    fig = spec(at, f"{KEY}.landscape")
    n = len(default_race.runs)
    paths = [np.stack([array(tr["x"]), array(tr["y"])], 1) for tr in fig["data"][1 : 1 + 2 * n : 2]]
    for drawn, want in zip(paths, default_race.plane.paths, strict=True):
        np.testing.assert_allclose(drawn, want, rtol=1e-5, atol=1e-5 * np.abs(want).max())
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    for run, row in zip(default_race.runs, table.splitlines()[2:], strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert float(cells[1]) == pytest.approx(float(run.train_loss[-1]), rel=1e-3)
        assert float(cells[2]) == pytest.approx(float(run.test_loss[-1]), rel=1e-3)
        assert cells[4] == f"{run.test_accuracy[-1]:.0%}"
    # the honest note prints the plane's own share of the movement
    note = next(i.value for i in at.info)
    ev = default_race.plane.explained_variance
    assert f"{ev[0]:.1%} + {ev[1]:.1%} = {ev.sum():.1%}" in note
    assert f"{default_race.model.n_params:,}" in note


@pytest.mark.parametrize("name", list(ln.SCENES))
def test_each_scene_button_loads_its_scene(name):
    at = open_page()
    at.button(key=f"{KEY}.scene.{name}").click().run()
    clean(at)
    scene = ln.SCENES[name]
    ss = at.session_state
    for field in ("dataset", "n_samples", "noise", "label_noise", "width", "depth", "activation", "steps", "seed"):
        assert ss[f"{KEY}.{field}"] == getattr(scene.setup, field), field  # no widget changed the scene's value
    assert ss[f"{KEY}.n"] == len(scene.racers)
    assert t(f"lesson.{KEY}.look.{name}", "en") in [c.value for c in at.caption]
    expected = 2 + (scene.measure != "")
    assert len(charts(at)) == expected
    fig = spec(at, f"{KEY}.landscape")
    assert len(fig["data"]) == 1 + 2 * len(scene.racers) + 1 + 4 * len(scene.racers)


def test_the_curvature_scene_states_what_it_measured():
    at = open_page()
    at.button(key=f"{KEY}.scene.curvature").click().run()
    clean(at)
    scene = ln.SCENES["curvature"]
    steps, lowest, highest = ln.curvature(ln.race(scene.setup, scene.racers))
    caption = next(c.value for c in at.caption if "Lanczos" in c.value)
    assert f"is {lowest[0]:.3g} at step 0 and {lowest[-1]:.3g} at step {steps[-1]}" in caption
    assert f"negative at {int(np.sum(lowest < 0))} of the {len(steps)}" in caption
    drawn = spec(at, f"{KEY}.curvature_chart")["data"]
    np.testing.assert_allclose(array(drawn[1]["y"]), lowest, rtol=1e-5)


def test_the_batch_scene_names_the_sharpest_end_by_its_largest_eigenvalue():
    at = open_page()
    at.button(key=f"{KEY}.scene.batch").click().run()
    clean(at)
    scene = ln.SCENES["batch"]
    ends = ln.sharpness(ln.race(scene.setup, scene.racers))
    caption = next(c.value for c in at.caption if "sharpest" in c.value)
    labels = [tr["name"] for tr in spec(at, f"{KEY}.sharpness_chart")["data"]]
    highest = [e["highest"] for e in ends]
    assert re.search(f"sharpest end here is {re.escape(labels[int(np.argmax(highest))])} ", caption)


def test_adding_changing_and_removing_an_optimizer():
    at = open_page()
    at.button(key=f"{KEY}.add").click().run()
    clean(at)
    assert at.session_state[f"{KEY}.n"] == 4 and f"{KEY}.add" not in [b.key for b in at.button]
    assert at.session_state[f"{KEY}.o4.family"] == "adagrad"  # the first rule not racing yet (GD, momentum, Adam are)
    at.selectbox(key=f"{KEY}.o4.family").set_value("rmsprop").run()
    clean(at)
    assert at.session_state[f"{KEY}.o4.learning_rate"] == 0.01  # RMSProp's own default, not the old rule's
    at.button(key=f"{KEY}.o1.remove").click().run()
    clean(at)
    assert at.session_state[f"{KEY}.n"] == 3 and at.session_state[f"{KEY}.o1.family"] == "momentum"
    assert len(spec(at, 0)["layout"]["annotations"]) == 3


def test_a_setting_the_engine_refuses_is_a_message_not_a_traceback(monkeypatch):
    def refuse(*args, **kwargs):
        raise ValueError("batch_size must be at least 1, got 0")

    monkeypatch.setattr(networks, "train", refuse)
    at = open_page()
    at.number_input(key=f"{KEY}.seed").set_value(4321).run()  # a race no earlier test has kept
    assert not at.exception, [e.message for e in at.exception]
    assert any("batch_size must be at least 1" in e.value for e in at.error)


# --- the figures ------------------------------------------------------------------------------


def test_boundaries_figure_has_a_panel_per_run_titled_by_the_page(default_race):
    r = default_race
    fig = fx.boundaries_figure(r.boundary_xs, r.boundary_ys, r.probabilities, r.data, ["a", "b", "c"], words=WORDS)
    assert len(fig["data"]) == 4 * len(r.runs) + 2
    heat = [tr for tr in fig["data"] if tr["type"] == "heatmap"]
    for tr, p in zip(heat, r.probabilities, strict=True):
        np.testing.assert_array_equal(tr["z"], p)
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["a", "b", "c"]
    points = [tr for tr in fig["data"] if tr["type"] == "scatter" and tr["x"][0] is not None]
    assert sum(len(tr["x"]) for tr in points) == len(r.runs) * (len(r.data.x_train) + len(r.data.x_test))


def test_landscape_figure_draws_every_path_and_animates_a_marker_per_run_and_curve(default_race):
    r, n = default_race, len(default_race.runs)
    fig = fx.landscape_figure(r.plane, r.runs, ["a", "b", "c"], [color(i) for i in range(n)], words=WORDS)
    data, frames = fig["data"], fig["frames"]
    assert len(data) == 1 + 2 * n + 1 + 2 * n + 2 * n
    for i, want in enumerate(r.plane.paths):
        tr = data[1 + 2 * i]
        np.testing.assert_array_equal(np.stack([tr["x"], tr["y"]], 1), want)
    steps = fx.frame_steps(r.runs[0].steps)
    assert len(frames) == len(steps) == fx.FRAMES and steps[0] == 0 and steps[-1] == r.runs[0].steps
    assert [f["name"] for f in frames] == [s["args"][0][0] for s in fig["layout"]["sliders"][0]["steps"]]
    movers = list(range(len(data) - 2 * n, len(data)))
    for f, k in zip(frames, steps):
        assert f["traces"] == movers
        for i in range(n):
            assert (f["data"][i]["x"][0], f["data"][i]["y"][0]) == tuple(r.plane.paths[i][k])
            assert f["data"][n + i]["y"][0] == pytest.approx(max(float(r.runs[i].train_loss[k]), fx.LOSS_FLOOR))
    ev = r.plane.explained_variance
    assert fig["layout"]["xaxis"]["title"]["text"] == f"d1 {ev[0]:.0%}"


def test_log_ticks_label_the_loss_itself():
    ticks = fx._log_ticks(np.log10(np.array([0.09, 1.3])))
    assert ticks["ticktext"] == ["0.1", "0.2", "0.5", "1"]
    np.testing.assert_allclose(ticks["tickvals"], np.log10([0.1, 0.2, 0.5, 1]))


def test_every_schedule_and_run_setting_trains_without_a_traceback():
    """The run settings' panel: each schedule (with the parameters it shows), clipping, decay, warmup, mini-batches."""
    from optimizers import settings

    at = open_page()
    at.select_slider(key=f"{KEY}.steps").set_value(200).run()
    at.select_slider(key=f"{KEY}.width").set_value(8).run()
    for name in settings.get("schedule").choices:
        at.selectbox(key=f"{KEY}.o1.schedule").set_value(name).run()
        clean(at)
    for name, value in (("clip_norm", 1.0), ("weight_decay", 0.1), ("warmup_steps", 50), ("batch_size", 16)):
        widget = at.select_slider if name in ("clip_norm", "batch_size") else at.slider
        widget(key=f"{KEY}.o1.{name}").set_value(value).run()
        clean(at)
    label = spec(at, f"{KEY}.landscape")["data"][1]["name"]
    assert label.startswith("1 · SGD") and "B=16" in label and "λ=0.1" in label and "warmup=50" in label
