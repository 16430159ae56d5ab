"""Figure builders: sizes, what the animation frames touch, divergence, arrows, scales; no Streamlit involved."""

import json
import math
import pathlib
import re
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import landscapes
import optimizers
from figures import (
    CLICK_TRACE_NAME,
    Path,
    click_trace_index,
    color,
    inspector_figure,
    loss_curves_figure,
    lr_schedule_figure,
    playground_figure,
)
from figures import heights, look, paths
from figures.playground import playground_layers
from figures.text import DEFAULT as WORDS

STEPS = 500
MAX_JSON = 600_000
RULES = ("sgd", "momentum", "rmsprop", "adam")
# learning rates that converge (or at least stay in the box) on every registered surface
BASE_LR = {"sgd": 0.01, "momentum": 0.005, "rmsprop": 0.01, "adam": 0.05}
GRADIENT_SCALE = {"rosenbrock": 0.1, "himmelblau": 0.2}  # steep surfaces: smaller steps for sgd and momentum
MARKER_TYPES = {"scattergl", "scatter3d"}  # the moving markers
STATIC_ONLY = {"contour", "surface"}
SENT = 1e-5  # relative precision of the arrays a figure sends (float32 with a 16-bit mantissa)


def _paths(surface, steps=STEPS, rules=RULES, **overrides):
    scale = GRADIENT_SCALE.get(surface.name, 1.0)
    out = []
    for i, rule in enumerate(rules):
        lr = overrides.get(rule, BASE_LR[rule] * (scale if rule in ("sgd", "momentum") else 1.0))
        out.append(Path(rule, color(i), optimizers.run(surface, rule, steps=steps, learning_rate=lr)))
    return out


def _frame_dicts(fig):
    return fig.to_plotly_json().get("frames", [])


def _on(trace, xaxis=None, yaxis=None):
    """Whether a trace lies on these cartesian axes (3-D traces have none)."""
    on_x = xaxis is None or getattr(trace, "xaxis", None) == xaxis
    return on_x and (yaxis is None or getattr(trace, "yaxis", None) == yaxis)


def _arrows(fig):
    return [a for a in fig.layout.annotations if a.showarrow and a.axref == "x"]


@pytest.fixture(scope="module")
def figures_by_surface():
    """The standard case for every surface: 4 paths × 500 steps, 3-D on."""
    out = {}
    for name in landscapes.names():
        surface = landscapes.get(name)
        paths = _paths(surface)
        out[name] = (surface, paths, playground_figure(surface, paths))
    return out


# ----------------------------------------------------------------------------
# the standard case on every surface


@pytest.mark.parametrize("name", landscapes.names())
def test_standard_figure_is_small(figures_by_surface, name):
    _, _, fig = figures_by_surface[name]
    assert len(fig.to_json()) <= MAX_JSON


@pytest.mark.parametrize("name", landscapes.names())
def test_frames_touch_only_the_moving_markers(figures_by_surface, name):
    _, _, fig = figures_by_surface[name]
    frames = _frame_dicts(fig)
    assert 0 < len(frames) <= 100
    markers = {i for i, t in enumerate(fig.data) if t.type in MARKER_TYPES and t.name == "now"}
    assert markers, "the figure has moving markers"
    for frame in frames:
        assert set(frame["traces"]) <= markers
        assert len(frame["traces"]) == len(frame["data"])
        for index, trace in zip(frame["traces"], frame["data"]):
            assert trace["type"] not in STATIC_ONLY
            assert trace["type"] == fig.data[index].type
            assert set(trace) <= {"type", "x", "y", "z"}  # only coordinates move


@pytest.mark.parametrize("name", landscapes.names())
def test_one_click_catcher_and_fixed_ranges(figures_by_surface, name):
    surface, _, fig = figures_by_surface[name]
    assert [t.name for t in fig.data].count(CLICK_TRACE_NAME) == 1
    assert fig.data[click_trace_index(fig)].name == CLICK_TRACE_NAME
    (x0, x1), (y0, y1) = surface.domain
    assert tuple(fig.layout.xaxis.range) == pytest.approx((x0, x1))
    assert tuple(fig.layout.yaxis.range) == pytest.approx((y0, y1))
    assert fig.layout.xaxis.autorange is False and fig.layout.yaxis.autorange is False
    assert fig.layout.scene.xaxis.range == pytest.approx((x0, x1))


def test_frames_are_named_by_step_and_evenly_spaced(figures_by_surface):
    _, _, fig = figures_by_surface["quadratic"]
    steps = [int(f["name"]) for f in _frame_dicts(fig)]
    assert steps[0] == 0 and steps[-1] == STEPS
    assert np.ptp(np.diff(steps)) <= 1  # evenly spaced, up to rounding
    slider = fig.layout.sliders[0]
    assert [s.label for s in slider.steps] == [str(k) for k in steps]
    assert all(s.args[1]["mode"] == "immediate" for s in slider.steps)


def test_controls(figures_by_surface):
    _, _, fig = figures_by_surface["quadratic"]
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels[:2] == ["▶ Play", "❚❚ Pause"]
    speeds = [b for b in fig.layout.updatemenus[0].buttons if b.label.endswith("×")]
    durations = [b.args[1]["frame"]["duration"] for b in speeds]
    assert len(speeds) == 4 and durations == sorted(durations, reverse=True)
    assert fig.layout.sliders[0].currentvalue.prefix == "step: "


def test_common_layout(figures_by_surface):
    _, _, fig = figures_by_surface["quadratic"]
    assert fig.layout.uirevision
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.template.layout.plot_bgcolor == pio.templates["plotly_white"].layout.plot_bgcolor


def test_big_arrays_are_float32(figures_by_surface):
    _, paths, fig = figures_by_surface["quadratic"]
    contour = next(t for t in fig.data if t.type == "contour")
    assert contour.z.dtype == np.float32
    path = next(t for t in fig.data if t.name == paths[0].label and _on(t, "x"))
    assert path.x.dtype == np.float32 and path.y.dtype == np.float32
    assert fig.data[click_trace_index(fig)].x.dtype == np.float32


def test_path_hover_names_label_step_and_loss(figures_by_surface):
    _, paths, fig = figures_by_surface["quadratic"]
    path = next(t for t in fig.data if t.name == "adam" and _on(t, "x") and t.hovertemplate)
    assert path.hovertemplate.startswith("adam · step %{customdata[0]} · f = ")
    n = len(path.x)
    assert path.customdata.shape == (n, 2)
    np.testing.assert_allclose(path.customdata[:, 0], np.arange(n))
    np.testing.assert_allclose(path.customdata[:, 1], paths[3].traj.loss[:n], rtol=SENT)


# ----------------------------------------------------------------------------
# sizes and variants


def test_without_3d_is_smaller_and_has_no_webgl_3d():
    surface = landscapes.get("quadratic")
    paths = _paths(surface)
    flat = playground_figure(surface, paths, show_3d=False)
    full = playground_figure(surface, paths, show_3d=True)
    assert not any(t.type in ("surface", "scatter3d") for t in flat.data)
    assert all(t["type"] != "scatter3d" for f in _frame_dicts(flat) for t in f["data"])
    assert len(flat.to_json()) < len(full.to_json()) <= MAX_JSON


def test_frame_count_respects_frames_and_short_runs():
    surface = landscapes.get("quadratic")
    fig = playground_figure(surface, _paths(surface), frames=30)
    assert len(fig.frames) <= 30
    short = playground_figure(surface, _paths(surface, steps=20), frames=100)
    assert [f.name for f in short.frames] == [str(k) for k in range(21)]  # every step


def test_no_paths_still_draws_the_surface():
    surface = landscapes.get("himmelblau")
    fig = playground_figure(surface, [])
    assert any(t.type == "contour" for t in fig.data)
    assert not fig.frames and not fig.layout.sliders
    assert [t.name for t in fig.data].count(CLICK_TRACE_NAME) == 1


def test_projector_uses_bigger_fonts_and_lines():
    surface = landscapes.get("quadratic")
    paths = _paths(surface, steps=50)
    screen = playground_figure(surface, paths)
    projector = playground_figure(surface, paths, projector=True)
    assert projector.layout.font.size > screen.layout.font.size
    def width(fig):
        return next(t.line.width for t in fig.data if t.name == "adam" and _on(t, "x"))

    assert width(projector) == pytest.approx(2 * width(screen))


def test_given_grid_is_used():
    surface = landscapes.get("quadratic")
    grid = surface.grid(30)
    fig = playground_figure(surface, _paths(surface, steps=10), grid=grid)
    contour = next(t for t in fig.data if t.type == "contour")
    assert contour.z.shape == (30, 30)
    np.testing.assert_allclose(contour.z, grid[2], rtol=SENT)


# ----------------------------------------------------------------------------
# divergence


def test_diverged_path_stops_and_is_marked():
    surface = landscapes.get("quadratic")
    traj = optimizers.run(surface, "sgd", steps=100, learning_rate=5.0)
    k = traj.diverged_at
    assert k is not None
    fig = playground_figure(surface, [Path("sgd η=5", color(0), traj)])
    line = next(t for t in fig.data if t.name == "sgd η=5" and _on(t, "x") and t.hovertemplate)
    assert len(line.x) == k + 1
    np.testing.assert_allclose(line.x, traj.xy[: k + 1, 0], rtol=SENT)
    cross = next(t for t in fig.data if t.name == "diverged")
    assert cross.marker.symbol == "x"
    assert f"diverged at step {k}" in cross.hovertext[0]
    (x0, x1), (y0, y1) = surface.domain
    assert x0 <= cross.x[0] <= x1 and y0 <= cross.y[0] <= y1  # visible even though the run left the box
    assert tuple(fig.layout.xaxis.range) == pytest.approx((x0, x1))
    assert tuple(fig.layout.yaxis.range) == pytest.approx((y0, y1))
    assert len(fig.to_json()) <= MAX_JSON


def test_3d_path_is_clipped_to_the_domain():
    surface = landscapes.get("quadratic")
    traj = optimizers.run(surface, "sgd", steps=100, learning_rate=5.0)
    fig = playground_figure(surface, [Path("sgd", color(0), traj)])
    line3d = next(t for t in fig.data if t.type == "scatter3d" and t.name == "sgd")
    (x0, x1), (y0, y1) = surface.domain
    inside = (traj.xy[: len(line3d.x), 0] >= x0) & (traj.xy[: len(line3d.x), 0] <= x1)
    inside &= (traj.xy[: len(line3d.x), 1] >= y0) & (traj.xy[: len(line3d.x), 1] <= y1)
    assert np.all(np.isnan(np.asarray(line3d.z)[~inside]))
    assert np.all(np.isfinite(np.asarray(line3d.z)[inside]))


# ----------------------------------------------------------------------------
# inspecting a step


@pytest.fixture(scope="module")
def inspected():
    surface = landscapes.get("quadratic", condition=10.0, angle=0.4)
    paths = _paths(surface, steps=60)
    step = 7
    return surface, paths, step, playground_figure(surface, paths, inspect_step=step)


def test_inspect_draws_one_gradient_arrow_per_path_and_velocity_where_kept(inspected):
    _, paths, _, fig = inspected
    arrows = _arrows(fig)
    gradient = [a for a in arrows if "−∇f" in a.hovertext]
    velocity = [a for a in arrows if "velocity" in a.hovertext]
    assert len(gradient) == len(paths)
    with_velocity = [p for p in paths if "velocity" in p.traj.state]
    assert {p.label for p in with_velocity} == {"momentum", "adam"}
    assert len(velocity) == len(with_velocity)
    assert len(arrows) == len(gradient) + len(velocity)
    assert all(a.axref == "x" and a.ayref == "y" and a.xref == "x" and a.yref == "y" for a in arrows)


def test_gradient_arrows_point_downhill_from_the_position(inspected):
    _, paths, step, fig = inspected
    for p in paths:
        arrow = next(a for a in _arrows(fig) if a.hovertext.startswith(f"{p.label}: −∇f"))
        g = p.traj.grad[step].astype(float)
        assert (arrow.ax, arrow.ay) == pytest.approx(tuple(p.traj.xy[step]), abs=1e-6)
        d = np.array([arrow.x - arrow.ax, arrow.y - arrow.ay])
        for i in range(2):
            if abs(g[i]) > 1e-6 * np.abs(g).max():
                assert np.sign(d[i]) == -np.sign(g[i])
        # parallel to −g
        cos = float(np.dot(d, -g) / (np.linalg.norm(d) * np.linalg.norm(g)))
        assert cos == pytest.approx(1.0, abs=1e-6)


def test_velocity_arrows_point_along_minus_velocity(inspected):
    _, paths, step, fig = inspected
    for p in paths:
        if "velocity" not in p.traj.state:
            continue
        arrow = next(a for a in _arrows(fig) if a.hovertext.startswith(f"{p.label}: velocity"))
        v = p.traj.state["velocity"][step].astype(float)
        d = np.array([arrow.x - arrow.ax, arrow.y - arrow.ay])
        cos = float(np.dot(d, -v) / (np.linalg.norm(d) * np.linalg.norm(v)))
        assert cos == pytest.approx(1.0, abs=1e-6)


def test_longest_gradient_arrow_is_a_fixed_fraction_of_the_width(inspected):
    from figures.inspect_step import ARROW_FRACTION

    surface, _, _, fig = inspected
    (x0, x1), _ = surface.domain
    lengths = [math.hypot(a.x - a.ax, a.y - a.ay) for a in _arrows(fig) if "−∇f" in a.hovertext]
    assert max(lengths) == pytest.approx(ARROW_FRACTION * (x1 - x0), rel=1e-6)


def test_inspect_adds_guides_in_the_four_panels_and_rings(inspected):
    _, paths, step, fig = inspected
    guides = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert sorted(s.xref for s in guides) == ["x2", "x3", "x4", "x5"]
    assert all(s.x0 == s.x1 == step for s in guides)
    rings = next(t for t in fig.data if t.name == f"step {step}")
    np.testing.assert_allclose(rings.x, [p.traj.xy[step, 0] for p in paths], rtol=SENT)
    slider = fig.layout.sliders[0]
    assert slider.steps[slider.active].label == str(step)  # the animation starts at the inspected step


def test_no_arrows_without_inspect_step(figures_by_surface):
    _, _, fig = figures_by_surface["quadratic"]
    assert not _arrows(fig)


# ----------------------------------------------------------------------------
# scales and special surfaces


def test_log_levels_surface_gets_a_log_contour():
    surface = landscapes.get("rosenbrock")
    assert surface.log_levels
    raw = surface.grid(120)[2]
    fig = playground_figure(surface, _paths(surface, steps=50))
    z = np.asarray(next(t for t in fig.data if t.type == "contour").z)
    assert np.isfinite(z).all()
    assert np.ptp(z) < 0.01 * np.ptp(raw)
    assert z.min() < 0 < z.max()  # decades below and above 1
    bar = next(t for t in fig.data if t.type == "contour").colorbar
    assert bar.tickvals and len(bar.tickvals) == len(bar.ticktext)
    np.testing.assert_allclose([float(t) for t in bar.ticktext], [10.0**v for v in bar.tickvals], rtol=0.02)


def test_the_pages_contour_is_a_fill_under_level_lines_of_the_same_heights():
    """On the page the contour is a heatmap fill (the browser scales it) under level lines: one grid, one
    colourbar, the same heights and levels as the export's single contour trace."""
    surface = landscapes.get("rosenbrock")
    paths = _paths(surface, steps=50)
    fill, lines = playground_layers(surface, paths)["background"]["data"]
    (whole,) = [t for t in playground_figure(surface, paths).data if t.type in ("contour", "heatmap")]
    for a in ("x", "y", "z"):
        np.testing.assert_array_equal(fill[a], lines[a])
        np.testing.assert_array_equal(fill[a], np.asarray(getattr(whole, a)))
    assert fill["type"] == "heatmap" and fill["zsmooth"] == "fast" and "showscale" not in fill
    placed = lambda bar: {k: v for k, v in bar.items() if k != "x"}  # noqa: E731  (the two layouts place it apart)
    assert placed(fill["colorbar"]) == placed(whole.colorbar.to_plotly_json())
    assert lines["contours"] == {"coloring": "none", "showlines": True} and lines["showscale"] is False
    assert lines["ncontours"] == whole.ncontours and whole.contours.coloring == "heatmap"


def test_one_contour_builder_draws_fill_and_lines_or_lines_alone_on_any_axes():
    """`heights.contour_traces`: no colourbar unless given one; level lines alone (over a picture of their own)
    in the colour asked for; the same heights on a second pair of axes."""
    surface = landscapes.get("quadratic")
    h = heights.surface_heights(surface.grid(30), surface)
    fill, lines = heights.contour_traces(h)
    assert fill["showscale"] is False and "colorbar" not in fill
    np.testing.assert_array_equal(fill["z"], lines["z"])
    (alone,) = heights.contour_traces(h, fill=False, line=dict(color="red", width=2), axes=("x2", "y2"))
    assert alone["type"] == "contour" and alone["contours"]["coloring"] == "none" and alone["line"]["color"] == "red"
    assert (alone["xaxis"], alone["yaxis"]) == ("x2", "y2")
    np.testing.assert_array_equal(alone["z"], fill["z"])


def test_one_path_builder_draws_a_run_over_its_casing_with_the_hover_asked_for():
    """`paths.run_traces`: the run's own positions and losses up to where it diverged, its line over a wider
    white casing; each hover form reads the step and what it names (f, or the position) from the run."""
    surface = landscapes.get("rosenbrock")
    traj = optimizers.run(surface, "sgd", steps=80, learning_rate=0.02)  # diverges
    assert traj.diverged_at is not None
    p, lk = Path("run", color(0), traj), look.SCREEN
    n = int(traj.diverged_at) + 1
    casing, line = paths.run_traces(p, lk)
    np.testing.assert_allclose(line["x"], traj.xy[:n, 0], rtol=SENT)
    np.testing.assert_allclose(line["y"], traj.xy[:n, 1], rtol=SENT)
    assert casing["hoverinfo"] == "skip" and casing["line"]["width"] > line["line"]["width"]
    np.testing.assert_array_equal(casing["x"], line["x"])
    np.testing.assert_allclose(line["customdata"][:, 0], np.arange(n))
    np.testing.assert_allclose(line["customdata"][:, 1], traj.loss[:n], rtol=SENT)
    assert "step %{customdata[0]}" in line["hovertemplate"] and "%{customdata[1]" in line["hovertemplate"]
    _, compact = paths.run_traces(p, lk, hover="compact", step="단계")
    np.testing.assert_allclose(compact["customdata"], traj.loss[:n], rtol=SENT)
    assert "단계 %{pointNumber}" in compact["hovertemplate"]
    *_, end = paths.run_traces(p, lk, rows=3, hover="position", step="", axes=("x2", "y2"), markers=0.5, end=True)
    assert end["x"] == [pytest.approx(float(traj.xy[2, 0]), rel=SENT)] and end["xaxis"] == "x2"
    assert end["hovertemplate"].startswith("run · %{customdata} · (%{x")
    with pytest.raises(ValueError):
        paths.run_traces(p, lk, hover="loss curve")


def test_expression_surface_without_saddles():
    surface = landscapes.from_expression("x**2 + 10*y**2")
    assert not surface.saddles
    fig = playground_figure(surface, _paths(surface, steps=100))
    assert "saddles" not in {t.name for t in fig.data}
    assert "minima" in {t.name for t in fig.data}
    assert len(fig.to_json()) <= MAX_JSON


def test_surface_without_minima_says_so():
    surface = landscapes.get("saddle", c=0.0)
    assert not surface.minima
    fig = playground_figure(surface, _paths(surface, steps=100))
    assert WORDS["no_minimum"] in [a.text for a in fig.layout.annotations]
    assert fig.layout.yaxis2.type == "linear"  # no f_min: the loss itself, which goes negative
    assert "minima" not in {t.name for t in fig.data}
    assert len(fig.to_json()) <= MAX_JSON


def test_loss_panel_is_the_gap_to_the_minimum_on_a_log_axis(figures_by_surface):
    _, paths, fig = figures_by_surface["quadratic"]
    assert fig.layout.yaxis2.type == "log"
    assert "f − f_min" in [a.text for a in fig.layout.annotations][0]
    loss_line = next(t for t in fig.data if t.name == "adam" and _on(t, yaxis="y2"))
    gap = paths[3].traj.loss.astype(float) - paths[3].traj.f_min
    np.testing.assert_allclose(loss_line.y, np.maximum(gap, 0) + 1e-12, rtol=1e-5, atol=1e-12)


# ----------------------------------------------------------------------------
# the other figures


def test_inspector_shows_per_coordinate_steps_of_adaptive_rules():
    surface = landscapes.get("quadratic")
    paths = _paths(surface, steps=100)
    fig = inspector_figure(paths, step=20)
    adaptive = {p.label for p in paths if "effective_lr" in p.traj.state}
    assert adaptive == {"rmsprop", "adam"}
    top = [t for t in fig.data if getattr(t, "yaxis", None) in (None, "y")]
    assert {t.legendgroup for t in top} == adaptive
    assert sorted(t.line.dash for t in top) == ["dash", "dash", "solid", "solid"]
    assert fig.layout.yaxis.type == "log"
    adam_x = next(t for t in top if t.name == "adam · x")
    np.testing.assert_allclose(adam_x.y, paths[3].traj.state["effective_lr"][:, 0], rtol=SENT)
    assert any(s.x0 == 20 for s in fig.layout.shapes)


def test_inspector_without_adaptive_rules_explains():
    surface = landscapes.get("quadratic")
    fig = inspector_figure(_paths(surface, steps=20, rules=("sgd", "momentum")))
    assert not fig.data
    assert [a.text for a in fig.layout.annotations] == [WORDS["no_adaptive"]]


def test_lr_schedule_and_loss_curves():
    steps = np.arange(200)
    lrs = {"constant": (np.full(200, 0.1), color(0)), "cosine": (0.05 * (1 + np.cos(np.pi * steps / 200)), color(1))}
    fig = lr_schedule_figure(lrs, projector=True)
    assert [t.name for t in fig.data] == ["constant", "cosine"]
    assert fig.data[1].y.dtype == np.float32 and fig.data[1].line.color == color(1)
    surface = landscapes.get("quadratic")
    paths = _paths(surface, steps=100)
    curves = loss_curves_figure(paths)
    assert curves.layout.yaxis.type == "log" and len(curves.data) == len(paths)
    assert loss_curves_figure(paths, log=False).layout.yaxis.type == "linear"


# ----------------------------------------------------------------------------
# the package's boundaries


def test_figures_never_import_streamlit():
    package = pathlib.Path(__file__).resolve().parents[1] / "figures"
    imports = re.compile(r"^\s*(import|from)\s+streamlit", re.MULTILINE)
    for source in package.glob("*.py"):
        assert not imports.search(source.read_text()), source.name
    code = "import sys, figures; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=package.parent, check=True)
    assert out.stdout.strip() == "False"


def test_figure_round_trips_through_json(figures_by_surface):
    _, _, fig = figures_by_surface["himmelblau"]
    again = go.Figure(json.loads(fig.to_json()))
    assert len(again.frames) == len(fig.frames)
    assert [t.type for t in again.data] == [t.type for t in fig.data]


def test_runs_of_different_lengths_share_one_animation():
    surface = landscapes.get("quadratic")
    short = Path("short", color(0), optimizers.run(surface, "momentum", steps=100, learning_rate=0.05))
    long = Path("long", color(1), optimizers.run(surface, "adam", steps=300, learning_rate=0.05))
    fig = playground_figure(surface, [short, long], inspect_step=200)
    assert int(fig.frames[-1].name) == 300
    arrows = _arrows(fig)
    assert arrows and all(a.hovertext.startswith("long") for a in arrows)  # the short run has no step 200


def test_figure_words_can_be_replaced_and_typos_are_refused():
    s = landscapes.get("quadratic")
    t = optimizers.run(s, "momentum", steps=50, learning_rate=0.1)
    words = {"play": "▶ 재생", "start": "출발점", "lr": "학습률 η"}
    fig = playground_figure(s, [Path("1", color(0), t)], show_3d=False, text=words, inspect_step=3)
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert "▶ 재생" in labels and "▶ Play" not in labels
    assert any(a.text == "학습률 η" for a in fig.layout.annotations)
    assert any(tr.name == "start" and tr.hovertext[0] == "출발점" for tr in fig.data)
    with pytest.raises(KeyError):
        playground_figure(s, [Path("1", color(0), t)], text={"plya": "x"})
