"""Scenes and their URLs: a round trip keeps everything, and nothing from a URL is trusted."""

import math

import pytest

import landscapes
from lab import scene as sc
from lab.presets import PRESETS
from lab.scene import Contestant, Scene


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.key)
def test_presets_round_trip_through_the_url(preset):
    scene = preset.scene
    back, notices = sc.from_query(sc.to_query(scene))
    assert notices == []
    assert back == scene


def test_a_full_scene_round_trips():
    scene = Scene(
        surface="expression", formula="sin(x)*y + x**2", start=(0.5, -1.25), steps=300, seed=7,
        contestants=[Contestant("adamw", {"learning_rate": 0.02, "weight_decay": 0.1, "bias_correction": False}),
                     Contestant("momentum", {"form": "textbook", "schedule": "cosine", "decay_steps": 120.0,
                                             "clip_value": 0.5, "batch_size": 8})],
        projector=True, show_3d=True, lang="ko", inspect=12,
    )
    back, notices = sc.from_query(sc.to_query(scene))
    assert notices == [] and back == scene


def test_a_slider_value_round_trips_exactly():
    # a surface parameter's slider moves in steps of (high - low) / 200: the angle's are multiples of pi/200,
    # which six digits do not hold (the view after a reload, or on another replica, was not the same)
    value = -math.pi / 2 + 97 * math.pi / 200
    scene = Scene(surface="quadratic", surface_params={"angle": value}, contestants=[Contestant("sgd", {"learning_rate": 0.05})])
    query = sc.to_query(scene)
    assert query["o1.learning_rate"] == "0.05"  # short values stay short
    back, notices = sc.from_query(query)
    assert notices == [] and back.surface_params["angle"] == value


@pytest.mark.parametrize(
    "query,expect",
    [
        ({"surface": "nope"}, "unknown surface"),
        ({"o1": "sgd", "o1.learning_rate": "1e9"}, "clamped"),
        ({"o1": "sgd", "o1.learning_rate": "fast"}, "not a number"),
        ({"o1": "adam", "o1.bias_correction": "maybe"}, "not one of"),
        ({"o1": "__import__"}, "unknown optimizer"),
        ({"steps": "2.5"}, "whole number"),
        ({"x0": "1", "y0": "nan"}, "start point"),
        ({"what": "<script>alert(1)</script>"}, "ignored unknown parameters"),
        ({"surface": "expression", "f": "x" * 500}, "cut to 200"),
    ],
)
def test_bad_values_are_dropped_or_clamped_with_a_notice(query, expect):
    scene, notices = sc.from_query(query)
    assert any(expect in n for n in notices), notices
    assert scene.contestants  # always something to show


def test_repeated_parameters_take_the_last_value():
    scene, _ = sc.from_query({"steps": ["100", "300"]})
    assert scene.steps == 300


def test_a_contestants_settings_are_the_engines_keywords():
    """No translation between the scene and the engine: the settings are optax's names, None for a stage that is off."""
    import optimizers
    from optimizers import settings

    kw = Contestant("sgd", {"clip_norm": 2.0}).settings()
    assert kw["clip_norm"] == 2.0 and kw["clip_value"] is None and kw["batch_size"] is None
    assert set(kw) == {"learning_rate", *settings.RUN}
    surface = landscapes.get("linear_regression")
    t = optimizers.run(surface, "sgd", steps=5, **Contestant("sgd", {"batch_size": 16}).settings())
    assert t.hyperparams["batch_size"] == 16 and t.iterations_per_epoch == -(-surface.n_samples // 16)


@pytest.mark.parametrize("x0,y0", [("50", "0"), ("-1e6", "1e6")])
def test_a_start_outside_the_plotting_area_is_moved_inside_with_a_notice(x0, y0):
    scene, notices = sc.from_query({"surface": "quadratic", "x0": x0, "y0": y0})
    (xl, xh), (yl, yh) = landscapes.get("quadratic").domain
    assert xl <= scene.start[0] <= xh and yl <= scene.start[1] <= yh
    assert scene.start[0] == (xh if float(x0) > 0 else xl)
    assert any("outside the plotting area" in n for n in notices), notices


def test_a_start_inside_the_plotting_area_is_kept_without_a_notice():
    scene, notices = sc.from_query({"surface": "quadratic", "x0": "0.5", "y0": "-0.25"})
    assert scene.start == (0.5, -0.25) and notices == []


def test_an_off_stage_in_the_url_reads_as_its_default():
    scene, notices = sc.from_query({"o1": "sgd", "o1.clip_norm": "off", "o1.batch_size": "off"})
    assert notices == [] and scene.contestants[0].hp == {}


def test_a_rules_own_defaults_win_over_the_shared_run_settings():
    import optimizers

    adamw_default = optimizers.rule_info("adamw").defaults["weight_decay"]
    assert adamw_default > 0
    assert Contestant("adamw").settings()["weight_decay"] == adamw_default
    assert Contestant("sgd").settings()["weight_decay"] == 0.0


def test_the_default_scene_is_the_headline_gd_zigzags_and_momentum_is_faster():
    """The Playground opens on the course's story: plain GD bounces across the narrow valley (its steep
    coordinate changes sign almost every step) while momentum reaches the bottom in fewer steps."""
    import numpy as np

    import landscapes
    import optimizers

    scene = sc.default_scene()
    surface = landscapes.get(scene.surface, **scene.surface_params)
    gd, mom = (optimizers.run(surface, c.rule, start=scene.start, steps=scene.steps, **c.settings())
               for c in scene.contestants)
    assert [c.rule for c in scene.contestants] == ["sgd", "momentum"]
    hessian = np.asarray(surface.hessian(np.zeros(2)))
    assert abs(hessian[0, 1]) < 1e-9  # the valley follows the axes: the steep one is a coordinate
    steep = int(np.argmax(np.diag(hessian)))  # across the valley
    flips = np.sum(np.diff(np.sign(gd.xy[:21, steep])) != 0)
    assert flips >= 18  # of 20 steps: the zigzag
    target = 1e-6 * float(gd.loss[0])
    assert mom.steps_to(target) is not None and gd.steps_to(target) is not None
    assert mom.steps_to(target) < 0.7 * gd.steps_to(target)


def test_the_default_scene_round_trips_and_another_surface_drops_its_parameters():
    scene = sc.default_scene()
    back, notices = sc.from_query(sc.to_query(scene))
    assert notices == [] and back == scene
    other, notices = sc.from_query({"surface": "rosenbrock"})
    assert notices == [] and other.surface_params == {}


@pytest.mark.parametrize("lesson", [False, True])
def test_a_links_app_wide_settings_get_a_notice_on_every_page_and_other_keys_on_a_lesson(lesson):
    query = {"lang": "fr", "proj": "maybe", "surface": "saddle"}
    notices = sc.page_notices(query, lesson=lesson)
    assert any("unknown language 'fr'" in n for n in notices)
    assert any("proj: 'maybe'" in n for n in notices)
    # the Playground reads `surface` itself; a lesson reads nothing but lang and proj
    assert any("'surface'" in n for n in notices) == lesson
    assert sc.page_notices({"lang": "ko", "proj": "1"}, lesson=lesson) == []


def test_a_parameter_with_stops_takes_the_nearest_stop_from_a_url_with_a_notice():
    stops = next(p for p in landscapes.params("linear_regression") if p.name == "n_samples").stops
    scene, notices = sc.from_query({"surface": "linear_regression", "p.n_samples": "137"})
    assert scene.surface_params["n_samples"] == min(stops, key=lambda s: abs(s - 137)) == 100
    assert any("n_samples" in n and "using 100" in n for n in notices)
    scene, notices = sc.from_query({"surface": "linear_regression", "p.n_samples": "200"})
    assert scene.surface_params["n_samples"] == 200 and notices == []


KOREAN_LINK = {"lang": "ko", "steps": "99999", "o1": "nosuchrule", "o2": "adam", "o2.learning_rate": "abc",
               "o2.schedule": "x", "surface": "bogus", "x0": "50", "y0": "1", "3d": "maybe", "zz": "1"}


def test_a_korean_link_gets_its_notices_in_korean_and_an_english_one_in_english():
    scene, ko = sc.from_query(KOREAN_LINK)
    _, en = sc.from_query({**KOREAN_LINK, "lang": "en"})
    assert scene.lang == "ko" and len(ko) == len(en) == 8
    for k, e in zip(ko, en):
        assert any("가" <= ch <= "힣" for ch in k), k  # Hangul in every Korean notice
        assert not any("가" <= ch <= "힣" for ch in e), e
    # the link's own values are quoted as they were, in either language
    for value in ("'99999'", "'nosuchrule'", "'abc'", "'bogus'", "'zz'"):
        assert any(value in k for k in ko) and any(value in e for e in en)
    # a lesson's link too, and a language we do not have falls back to English with its own notice
    assert all(any("가" <= ch <= "힣" for ch in n) for n in sc.page_notices({"lang": "ko", "proj": "2", "x": "1"}, True))
    assert sc.page_notices({"lang": "xx"}, False) == ["unknown language 'xx' ignored"]
