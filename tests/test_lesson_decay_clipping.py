"""Lesson 7, weight decay and gradient clipping: the page renders and reacts, and its claims hold.

Claims checked: Adam + L2 ends at the closed-form minimum of f + λ/2‖θ‖²; AdamW cannot hold a
coordinate beyond about 1/λ and pulls the steep coordinate harder than L2 does; early on, L2's pull on the
coordinate with large gradients is much weaker than AdamW's; clipping by norm bounds every step by η·c
and keeps the direction, clipping by value bounds it by η·c·√2 and turns the direction by the angle
numpy's clip gives, away from the capped, dominant coordinate (towards the diagonal); our clipping transforms
are optax's.
"""

import math

import jax.numpy as jnp
import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from figures import lesson_decay_clipping as fd
from figures.colors import color
from figures.paths import Path as DrawnPath
from lab.catalog import CATALOG
from lab.i18n import t
from lessons import decay_clipping as ld
from optimizers import clipping
import apptest
from apptest import array, charts, spec

PAGE = "views/lesson_7_decay_clipping.py"
DECAY, RATE, CLIP, COMPASS = range(4)  # the page's charts, in order
SCALES, CENTRE = (1.0, 10.0), (2.5, 1.5)
FORMULA = "(x-2.5)**2 + 10*(y-1.5)**2"
CLIP_START = (-1.6, 2.5)


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)



def decay_runs(lam: float, steps: int = 2000):
    s = landscapes.from_expression(FORMULA)
    kw = dict(start=(0.0, 0.0), steps=steps, learning_rate=0.05, weight_decay=lam)
    return optimizers.run(s, "adam", **kw), optimizers.run(s, "adamw", **kw)


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == t("lesson.decay_clipping.title", lang)
    assert t("lesson.decay_clipping.claim", lang) in [m.value for m in at.markdown]
    assert len(charts(at)) == 4
    assert len(at.dataframe) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_full_batch_runs_are_gd_and_hovers_speak_the_pages_language(lang):
    at = open_page(lang)
    names = [tr.get("name") for tr in spec(at, CLIP)["data"]]
    assert t("lesson.decay_clipping.clip.none", lang, rule="GD") in names
    assert t("rule.sgd.exact", lang) in "\n".join(m.value for m in at.markdown)
    if lang == "ko":
        for chart in (DECAY, RATE, CLIP):
            hovers = [tr.get("hovertemplate") or "" for tr in spec(at, chart)["data"]]
            assert not [h for h in hovers if h.startswith(("start", "minimum")) or " step " in h], chart


def test_korean_texts_use_the_glossary():
    ko = [v["ko"] for k, v in CATALOG.items() if k.startswith(("lesson.decay_clipping.", "nav.decay_clipping"))]
    for wrong in ("반복", "가중치 감쇠", "정규화 (", "L2 정규화", "놀이터", "걸음"):
        assert not [x for x in ko if wrong in x], wrong
    assert any("가중치 감소" in x for x in ko) and any("L2 규제" in x for x in ko)  # the notes' own term


def test_lambda_slider_moves_the_runs():
    at = open_page()
    before = spec(at, DECAY)
    at.slider(key="decay_clipping.lam").set_value(0.2).run()
    assert not at.exception
    after = spec(at, DECAY)
    assert before["data"] != after["data"]
    # the drawn Adam + L2 path is the engine's run at the new λ
    drawn = next(tr for tr in after["data"] if tr.get("name") == "Adam + L2" and tr.get("mode") == "lines")
    want = decay_runs(0.2)[0].xy
    np.testing.assert_allclose(array(drawn["x"]), want[:, 0], rtol=1e-4, atol=1e-5)


def test_threshold_slider_changes_the_clipped_runs():
    at = open_page()
    before = spec(at, CLIP)
    at.select_slider(key="decay_clipping.c").set_value(0.25).run()
    assert not at.exception
    assert spec(at, CLIP)["data"] != before["data"]


def test_try_this_sets_lambda_one():
    at = open_page()
    at.button(key="decay_clipping.try").click().run()
    assert not at.exception
    assert at.slider(key="decay_clipping.lam").value == pytest.approx(1.0)


# --- claims: weight decay ------------------------------------------------------------------


def test_the_lessons_surface_is_the_one_written_here():
    assert ld.FORMULA == FORMULA and (ld.SCALES, ld.CENTRE) == (SCALES, CENTRE)
    xs, ys, z = ld.decay_grid()
    (x0, x1), (y0, y1) = ld.DECAY_WINDOW
    assert (xs[0], xs[-1], ys[0], ys[-1]) == pytest.approx((x0, x1, y0, y1))
    assert z[3, 5] == pytest.approx((xs[5] - 2.5) ** 2 + 10 * (ys[3] - 1.5) ** 2, rel=1e-5)


@pytest.mark.parametrize("lam", [0.25, 0.5, 1.0])
def test_adam_with_l2_ends_at_the_regularised_minimum(lam):
    l2, _ = decay_runs(lam)
    # closed form: 2aᵢ(θᵢ − cᵢ) + λθᵢ = 0
    want = [2 * a * c / (2 * a + lam) for a, c in zip(SCALES, CENTRE)]
    np.testing.assert_allclose(l2.xy[-1], want, atol=2e-3)
    np.testing.assert_allclose(ld.l2_minimum(SCALES, CENTRE, lam), want)


def test_adamw_pulls_every_coordinate_alike():
    lam = 1.0
    l2, w = decay_runs(lam)
    # Adam's normalised step is at most about 1 per coordinate: against ηλθ, no coordinate stays beyond ~1/λ
    assert np.all(np.abs(w.xy[-1]) <= 1 / lam + 0.02)
    np.testing.assert_allclose(w.xy[-1], [1 / lam, 1 / lam], atol=0.06)
    # L2 barely moves the steep coordinate y; AdamW pulls it far more
    pull_l2 = 1 - l2.xy[-1] / np.array(CENTRE)
    pull_w = 1 - w.xy[-1] / np.array(CENTRE)
    page = ld.pull(ld.decay_runs(lam))
    np.testing.assert_allclose(page["l2"], pull_l2, rtol=1e-6)
    np.testing.assert_allclose(page["decoupled"], pull_w, rtol=1e-6)
    assert pull_l2[1] < 0.05 < 0.3 < pull_w[1]
    assert pull_w[1] / pull_l2[1] > pull_w[0] / pull_l2[0]


def test_l2_pulls_the_large_gradient_coordinate_less_early_on():
    l2, w = decay_runs(0.5, steps=300)
    weaker = [np.mean(w.lr) / np.mean(l2.state["effective_lr"][:, c]) for c in (0, 1)]
    assert ld.weaker_in_adam({"l2": l2, "decoupled": w}) == pytest.approx(weaker)  # the page's numbers
    # y's gradients are larger (10× the curvature), so Adam divides its L2 pull by a larger √v̂
    assert weaker[1] > 3 * weaker[0] and weaker[1] > 4


# --- claims: clipping ------------------------------------------------------------------------


@pytest.mark.parametrize("lr, c", [(0.3, 1.0), (0.2, 0.5), (0.5, 2.0)])
def test_clipping_bounds_every_step(lr, c):
    cliff = landscapes.get("cliff")
    run = lambda **kw: optimizers.run(cliff, "sgd", start=CLIP_START, steps=60, learning_rate=lr, **kw)  # noqa: E731
    free, by_norm, by_value = run(), run(clip_norm=c), run(clip_value=c)
    assert ld.largest_step(free)[0] > 2.0  # thrown by the wall
    assert ld.largest_step(by_norm)[0] <= lr * c * (1 + 1e-5)
    assert ld.largest_step(by_value)[0] <= lr * c * math.sqrt(2) * (1 + 1e-5)
    assert ld.step_bounds(lr, c) == pytest.approx({"none": None, "norm": lr * c, "value": lr * c * math.sqrt(2)})
    for mine, theirs in zip(ld.clip_runs(lr, c).values(), (free, by_norm, by_value)):  # the page's runs are these
        np.testing.assert_array_equal(mine.xy, theirs.xy)


def test_clipping_by_value_turns_the_gradient_at_the_wall():
    cliff = landscapes.get("cliff")
    c = 1.0
    tr = optimizers.run(cliff, "sgd", start=CLIP_START, steps=60, learning_rate=0.3, clip_value=c)
    k = ld.cliff_step(tr)
    raw = tr.grad[k].astype(np.float64)
    assert np.linalg.norm(raw) > 20  # on the wall: the slope is h·k/4 = 25 at the defaults
    by_norm = np.asarray(clipping.clip_by_global_norm(c).update(raw, None)[0], dtype=np.float64)
    by_value = np.asarray(clipping.clip(c).update(raw, None)[0], dtype=np.float64)
    reference = np.clip(raw, -c, c)
    np.testing.assert_allclose(by_value, reference, rtol=1e-6)
    np.testing.assert_allclose(by_norm, raw * c / np.linalg.norm(raw), rtol=1e-5)
    assert ld.angle_between(raw, by_norm) < 0.1
    want = math.degrees(math.acos(raw @ reference / (np.linalg.norm(raw) * np.linalg.norm(reference))))
    assert ld.angle_between(raw, by_value) == pytest.approx(want, abs=1e-4)
    assert want > 20
    k_page, raw_page, norm_page, value_page = ld.wall_gradient(tr, c)  # the page's reading of the same run
    assert k_page == k
    np.testing.assert_allclose(raw_page, raw)
    np.testing.assert_allclose(value_page, reference, rtol=1e-6)
    np.testing.assert_allclose(norm_page, raw * c / np.linalg.norm(raw), rtol=1e-5)


# --- the figure builders, without Streamlit --------------------------------------------------


def test_angle_between():
    assert ld.angle_between((1, 0), (0, 2)) == pytest.approx(90)
    assert ld.angle_between((1, 1), (2, 2)) == pytest.approx(0, abs=1e-9)
    assert ld.angle_between((1, 0), (-1, 0)) == pytest.approx(180)


def test_compass_figure_draws_the_raw_and_clipped_gradients():
    raw = np.array([-25.0, 1.0])
    clipped = {"norm": (raw / np.linalg.norm(raw), color(2)), "value": (np.clip(raw, -1, 1), color(3))}
    figure = fd.compass_figure(raw, clipped, 1.0, labels={"raw": "raw", "circle": "o", "square": "□"})
    heads = [(a.x, a.y) for a in figure.layout.annotations]
    assert len(heads) == 3
    # the raw gradient is drawn along its direction, shortened to fit; the clipped ones as they are
    assert heads[0][0] * raw[1] - heads[0][1] * raw[0] == pytest.approx(0, abs=1e-9)
    assert heads[2] == pytest.approx((-1.0, 1.0))


def test_decay_figure_marks_each_endpoint():
    s = landscapes.from_expression(FORMULA)
    l2, w = decay_runs(0.5, steps=200)
    window = ((-0.3, 2.9), (-0.3, 2.1))
    loci = {"l2": (np.array([[2.5, 1.5], [2.0, 1.46]]), color(0))}
    theory = np.array([ld.l2_minimum(SCALES, CENTRE, lam) for lam in (0.0, 0.5)])
    figure = fd.decay_figure(s, [DrawnPath("L2", color(0), l2), DrawnPath("W", color(1), w)], loci, theory,
                             grid=s.grid(30, domain=window), window=window, labels={"theory": "theory"})
    ends = {tr.name: (tr.x[0], tr.y[0]) for tr in figure.data if tr.name and tr.name.endswith("(end)")}
    assert ends["L2 (end)"] == pytest.approx(tuple(l2.xy[-1]))
    assert ends["W (end)"] == pytest.approx(tuple(w.xy[-1]))
    assert list(figure.layout.xaxis.range) == [-0.3, 2.9]


# --- the correction: clipping by value turns the step away from the dominant coordinate --------------


def optax_clip(g, c, by):
    tx = optax.clip(c) if by == "value" else optax.clip_by_global_norm(c)
    out, _ = tx.update(jnp.asarray(g, dtype=jnp.float32), tx.init(jnp.zeros(2)))
    return np.asarray(out, dtype=np.float64)


def ours_clip(g, c, by):
    tx = clipping.clip(c) if by == "value" else clipping.clip_by_global_norm(c)
    return np.asarray(tx.update(jnp.asarray(g, dtype=jnp.float32), None)[0], dtype=np.float64)


def test_the_notes_example_wall_gradient_becomes_the_diagonal():
    """(−25, 2.5) clipped by value at c = 1 is (−1, 1), on the diagonal, 45° off the x axis where the raw gradient
    was atan(0.1) ≈ 5.7° off it; clipped by norm it keeps its 5.7°."""
    raw = np.array([-25.0, 2.5])
    by_value, by_norm = optax_clip(raw, 1.0, "value"), optax_clip(raw, 1.0, "norm")
    np.testing.assert_allclose(ours_clip(raw, 1.0, "value"), by_value, rtol=1e-6)
    np.testing.assert_allclose(ours_clip(raw, 1.0, "norm"), by_norm, rtol=1e-6)
    np.testing.assert_allclose(by_value, [-1.0, 1.0])
    assert ld.dominant_axis(raw) == 0
    assert ld.axis_angle(raw) == pytest.approx(math.degrees(math.atan(2.5 / 25)))
    assert ld.axis_angle(by_value) == pytest.approx(45.0)
    assert ld.axis_angle(by_norm) == pytest.approx(ld.axis_angle(raw), abs=1e-4)


@pytest.mark.parametrize("lr, c", [(0.3, 0.25), (0.3, 1.0), (0.2, 2.0)])
def test_clipping_by_value_turns_the_measured_wall_gradient_away_from_its_dominant_axis(lr, c):
    cliff = landscapes.get("cliff")
    tr = optimizers.run(cliff, "sgd", start=CLIP_START, steps=60, learning_rate=lr, clip_value=c)
    raw = tr.grad[ld.cliff_step(tr)].astype(np.float64)
    by_value, by_norm = optax_clip(raw, c, "value"), optax_clip(raw, c, "norm")
    np.testing.assert_allclose(ours_clip(raw, c, "value"), by_value, rtol=1e-6)
    np.testing.assert_allclose(ours_clip(raw, c, "norm"), by_norm, rtol=1e-5)
    # the angle to the dominant axis grows (towards the diagonal); by norm it stays
    assert ld.axis_angle(by_value) > ld.axis_angle(raw) + 5
    assert ld.axis_angle(by_value) <= 45.0 + 1e-9
    assert ld.axis_angle(by_norm) == pytest.approx(ld.axis_angle(raw), abs=1e-3)


def test_the_page_states_the_turn_it_measured():
    at = open_page()
    c, lr = 1.0, 0.3
    tr = optimizers.run(landscapes.get("cliff"), "sgd", start=CLIP_START, steps=60, learning_rate=lr, clip_value=c)
    k = ld.cliff_step(tr)
    raw = tr.grad[k].astype(np.float64)
    by_value = optax_clip(raw, c, "value")
    caption = "\n".join(x.value for x in at.caption)
    assert f"{ld.axis_angle(raw):.1f}° off the {'xy'[ld.dominant_axis(raw)]} axis" in caption
    assert f"{ld.axis_angle(by_value):.1f}° off the axis (the diagonal is at 45°)" in caption
    text = t("lesson.decay_clipping.clip.text", "en", rule="GD") + t("lesson.decay_clipping.p3", "en")
    assert "turns away from the capped, dominant coordinate" in text and "towards the capped" not in text
