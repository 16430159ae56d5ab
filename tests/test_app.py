"""The app through Streamlit's AppTest: pages render, controls change their figure, links reproduce views."""

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from lab import scene as sc
from apptest import array, charts, lesson_files, lesson_keys, spec

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120  # JAX compiles on a cold cache take seconds


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k.replace("__", ".")] = v
    return at.run()


def figure(at: AppTest, index: int = 0) -> dict:
    return spec(at, index)


def paths(spec: dict) -> dict[str, np.ndarray]:
    """The contour's path traces (2-D lines in the legend, named after a contestant) by name: (steps+1, 2)."""
    out = {}
    for tr in spec["data"]:
        on_contour = tr.get("type") == "scatter" and tr.get("mode") == "lines" and tr.get("xaxis", "x") == "x"
        if on_contour and tr.get("showlegend", True) and " · " in tr.get("name", ""):
            out.setdefault(tr["name"], np.stack([array(tr["x"]), array(tr["y"])], axis=1))
    return out


def start_of(spec: dict) -> tuple[float, float]:
    tr = next(t for t in spec["data"] if t.get("name") == "start")
    return float(array(tr["x"])[0]), float(array(tr["y"])[0])


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


# --- rendering -----------------------------------------------------------------------------


def test_playground_renders_with_two_racers_by_default():
    at = app()
    assert_clean(at)
    spec = figure(at)
    assert len(paths(spec)) == 2
    assert len(spec["animation"]["steps"]) > 1, "the figure is animated"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_playground_renders_in_both_languages(lang):
    at = app(lang=lang)
    assert_clean(at)
    from lab.i18n import t

    assert at.title[0].value == t("pg.title", lang)


# --- controls change what they should ----------------------------------------------------


def test_learning_rate_slider_changes_that_path_only():
    at = app()
    before = paths(figure(at))
    at.select_slider(key="pg.o1.learning_rate").set_value(0.5).run()
    assert_clean(at)
    after = paths(figure(at))
    sgd_before = next(v for k, v in before.items() if k.startswith("1 ·"))
    sgd_after = next(v for k, v in after.items() if k.startswith("1 ·"))
    assert not np.allclose(sgd_before, sgd_after)
    mom_before = next(v for k, v in before.items() if k.startswith("2 ·"))
    mom_after = next(v for k, v in after.items() if k.startswith("2 ·"))
    np.testing.assert_array_equal(mom_before, mom_after)
    # and the drawn path is the engine's path for that setting
    s = landscapes.get("quadratic", **sc.default_scene().surface_params)
    want = optimizers.run(s, "sgd", steps=sc.STEPS.default, learning_rate=0.5).xy
    np.testing.assert_allclose(sgd_after, want, rtol=5e-5, atol=1e-5)  # figures keep ~5 digits


def test_surface_parameter_changes_the_contour():
    at = app()
    z0 = next(t for t in figure(at)["data"] if t["type"] == "contour")["z"]
    at.slider(key="pg.p.angle").set_value(0.5).run()
    z1 = next(t for t in figure(at)["data"] if t["type"] == "contour")["z"]
    assert not np.array_equal(array(z0), array(z1))


def test_start_number_inputs_move_the_start():
    at = app()
    at.number_input(key="pg.x0").set_value(1.25).run()
    at.number_input(key="pg.y0").set_value(-0.5).run()
    assert_clean(at)
    spec = figure(at)
    assert start_of(spec) == pytest.approx((1.25, -0.5))
    for xy in paths(spec).values():
        assert tuple(xy[0]) == pytest.approx((1.25, -0.5))


def test_adding_and_removing_an_optimizer():
    at = app()
    at.button(key="pg.add").click().run()
    assert_clean(at)
    assert len(paths(figure(at))) == 3
    at.button(key="pg.o1.remove").click().run()
    assert_clean(at)
    names = sorted(paths(figure(at)))
    assert len(names) == 2 and names[0].startswith("1 · Momentum")


def test_switching_the_rule_and_its_variant():
    at = app()
    at.selectbox(key="pg.o1.family").set_value("adam").run()
    assert_clean(at)
    assert any("Adam" in k for k in paths(figure(at)))
    at.checkbox(key="pg.o1.is_adamw").check().run()
    assert_clean(at)
    assert any("AdamW" in k for k in paths(figure(at)))
    assert at.query_params["o1"] == "adamw"


@pytest.mark.parametrize("rule", optimizers.names())
def test_every_rule_renders_as_a_contestant_with_its_settings_panel_closed_and_open(rule):
    """AdamW's weight decay is its own, not a run setting: keeping the closed panel's values must not touch it
    (it did: a traceback on screen for any AdamW contestant)."""
    at = app(o1="sgd", o2=rule)
    assert_clean(at)
    at.session_state["pg.o2.more"] = True
    at.run()
    assert_clean(at)
    assert at.query_params["o2"] == rule


def test_clipping_setting_changes_the_cliff_path():
    at = app(surface="cliff", o1="sgd", o1__learning_rate="0.3")
    free = next(iter(paths(figure(at)).values()))
    at.session_state["pg.o1.more"] = True  # open the run settings' panel: its widgets are drawn only then
    at.run()
    assert at.select_slider(key="pg.o1.clip_norm").value == "off"  # the settings table's default: no clipping
    at.select_slider(key="pg.o1.clip_norm").set_value(1.0).run()
    assert_clean(at)
    clipped = next(iter(paths(figure(at)).values()))
    # clipped at norm 1 with η = 0.3: no step longer than 0.3
    steps = np.linalg.norm(np.diff(clipped, axis=0), axis=1)
    assert steps.max() <= 0.3 + 1e-5
    assert np.linalg.norm(np.diff(free, axis=0), axis=1).max() > 1.0


def test_inspector_adds_arrows():
    at = app()
    assert not [a for a in figure(at)["layout"].get("annotations", []) if a.get("showarrow")]
    at.session_state["pg.inspect_open"] = True  # open the panel: its controls are drawn only then
    at.run()
    at.toggle(key="pg.inspect_on").set_value(True).run()
    at.slider(key="pg.inspect_slider").set_value(5).run()
    assert_clean(at)
    arrows = [a for a in figure(at)["layout"].get("annotations", []) if a.get("showarrow")]
    assert len(arrows) >= 2


def test_the_3d_view_is_a_switch():
    at = app()
    assert not any(t["type"] == "surface" for t in figure(at)["data"])
    at.toggle(key="pg.show_3d").set_value(True).run()
    assert_clean(at)
    assert any(t["type"] == "surface" for t in figure(at)["data"])
    assert at.query_params["3d"] == "1"


def test_projector_mode_enlarges_the_text():
    at = app()
    small = figure(at)["layout"]["font"]["size"]
    at.toggle(key="projector_switch").set_value(True).run()
    assert figure(at)["layout"]["font"]["size"] > small
    assert at.query_params["proj"] == "1"
    # it is app-wide: a lesson's figures grow too
    at.switch_page("views/lesson_3_momentum.py").run()
    assert_clean(at)
    assert figure(at)["layout"]["font"]["size"] > small


@pytest.mark.parametrize("preset", [p.key for p in __import__("lab.presets", fromlist=["PRESETS"]).PRESETS])
def test_presets_load_their_scene(preset):
    from lab.presets import BY_KEY

    at = app()
    at.button(key=f"pg.preset.{preset}").click().run()
    assert_clean(at)
    scene = BY_KEY[preset].scene
    assert at.selectbox(key="pg.surface").value == scene.surface
    assert len(paths(figure(at))) == len(scene.contestants)
    assert at.query_params["surface"] == scene.surface


def test_too_large_learning_rate_is_a_lesson_not_an_error():
    at = app(o1="sgd", o1__learning_rate="3", o2="momentum")
    assert_clean(at)
    assert any("diverged at step" in w.value for w in at.warning)
    assert len(paths(figure(at))) == 2  # the diverged path is still drawn, up to where it left


# --- formulas -------------------------------------------------------------------------------


def test_a_typed_formula_is_drawn():
    at = app(surface="expression", f="x**2 + 10*y**2")
    assert_clean(at)
    assert len(paths(figure(at))) == 2


@pytest.mark.parametrize("formula", ["__import__('os').system('ls')", "x.__class__", "9**9**9", "log(-1-x**2)", "(" * 300])
def test_a_rejected_formula_shows_the_parsers_message(formula):
    at = app(surface="expression", f=formula)
    assert_clean(at)
    assert at.error and "cannot be used" in at.error[0].value
    # the page still works: pick a registered surface and the chart is back
    at.selectbox(key="pg.surface").set_value("rosenbrock").run()
    assert_clean(at)
    assert len(paths(figure(at))) == 2


# --- URLs -------------------------------------------------------------------------------------


def test_a_query_string_reproduces_a_setting():
    q = dict(surface="rosenbrock", p__b="50", x0="-1", y0="1.5", steps="300", o1="adam", o1__learning_rate="0.02",
             o1__b1="0.8", o2="nesterov", o2__momentum="0.95")
    at = app(**q)
    assert_clean(at)
    spec = figure(at)
    assert start_of(spec) == pytest.approx((-1.0, 1.5))
    got = paths(spec)
    s = landscapes.get("rosenbrock", b=50.0)
    want = optimizers.run(s, "adam", start=(-1, 1.5), steps=300, learning_rate=0.02, b1=0.8).xy
    adam = next(v for k, v in got.items() if k.startswith("1 ·"))
    np.testing.assert_allclose(adam, want, rtol=5e-5, atol=1e-5)  # figures keep ~5 digits
    # the page writes the same setting back to the URL
    assert at.query_params["o2.momentum"] == "0.95"


@pytest.mark.parametrize(
    "query",
    [
        dict(surface="nope", steps="abc", o1="rm -rf", x0="1e999", lang="xx"),
        dict(steps="99999999", o1="sgd", o1__learning_rate="1e9", o1__clip_norm="sideways", seed="-5"),
        dict(surface="<script>alert(1)</script>", o1__b1="NaN", unknown="1", p__condition="[1,2]"),
    ],
)
def test_a_garbage_query_string_renders_with_a_notice(query):
    at = app(**query)
    assert_clean(at)
    assert at.warning, "a notice says what was ignored or clamped"
    assert figure(at)["data"]
    assert not any("<script>" in m.value for m in at.markdown)


def test_steps_from_the_url_are_clamped():
    at = app(steps="99999999")
    assert at.slider(key="pg.steps").value == sc.STEPS.high


# --- every page -------------------------------------------------------------------------------


def test_every_lesson_in_the_navigation_has_its_page():
    root = Path(APP).parent
    missing = [f for f in lesson_files() if not (root / f).exists()]
    assert not missing
    assert lesson_keys()[:9] == ["gradient_descent", "batches", "momentum", "adaptive", "ewa", "schedules",
                                 "decay_clipping", "saddles", "sweep"]  # the course's nine, in its order


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", lesson_files())
def test_every_lesson_renders_in_both_languages(page, lang):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert_clean(at)
    assert at.title, "the lesson has a title"
    assert charts(at), "the lesson draws a live figure"


def test_closed_run_settings_survive_other_moves():
    """The run settings' panel draws its widgets only while open: a setting made there must still be in
    force after the panel is closed and another control moves."""
    at = app()
    at.session_state["pg.o1.more"] = True  # open optimizer 1's run settings
    at.run()
    at.slider(key="pg.o1.noise").set_value(0.5).run()
    at.session_state["pg.o1.more"] = False  # close them: their widgets are not drawn any more
    at.run()
    assert "pg.o1.noise" not in [w.key for w in at.slider]
    at.select_slider(key="pg.o1.learning_rate").set_value(0.05).run()
    at.select_slider(key="pg.o2.learning_rate").set_value(0.02).run()
    assert_clean(at)
    assert at.session_state["pg.o1.noise"] == 0.5
    label = next(k for k in paths(figure(at)) if k.startswith("1 ·"))
    assert "σ" in label, label  # the label marks a noisy run
    want = optimizers.run(landscapes.get("quadratic", **sc.default_scene().surface_params), "sgd", start=(-2.5, 2.0), steps=sc.STEPS.default,
                          learning_rate=0.05, noise=0.5, seed=0).xy
    np.testing.assert_allclose(paths(figure(at))[label], want, rtol=5e-5, atol=1e-5)


def test_summary_table_lists_each_run():
    at = app()
    assert_clean(at)
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    rows = table.splitlines()
    assert len(rows) == 2 + 2  # header, rule, two contestants
    labels = list(paths(figure(at)))
    assert [r.split(" | ")[0].lstrip("| ") for r in rows[2:]] == [k for k in labels if not k.endswith("(casing)")]


def test_export_buttons_appear_when_their_panel_opens():
    at = app()
    assert not at.get("download_button")
    at.session_state["pg.export_open"] = True
    at.run()
    assert_clean(at)
    assert len(at.get("download_button")) == 3


def test_markdown_table_formats_numbers_and_gaps():
    from ui.controls import markdown_table

    text = markdown_table([{"run": "a|b", "loss": 0.000123456, "steps": 12, "div": None},
                           {"run": "c", "loss": float("nan"), "steps": None, "div": 7}])
    assert text.splitlines() == ["| run | loss | steps | div |", "|---|---|---|---|",
                                 "| a\\|b | 0.0001235 | 12 | – |", "| c | – | – | 7 |"]


def test_closed_inspector_keeps_its_step():
    at = app()
    at.session_state["pg.inspect_open"] = True
    at.run()
    at.toggle(key="pg.inspect_on").set_value(True).run()
    at.slider(key="pg.inspect_slider").set_value(7).run()
    at.session_state["pg.inspect_open"] = False  # close the panel: its widgets are not drawn any more
    at.run()
    at.select_slider(key="pg.o1.learning_rate").set_value(0.05).run()
    assert_clean(at)
    assert "pg.inspect_slider" not in [w.key for w in at.slider]
    assert [a for a in figure(at)["layout"].get("annotations", []) if a.get("showarrow")], "the arrows stay"
    assert at.session_state["pg.inspect_slider"] == 7
