"""What the Playground's chart component receives: `figures.playground_layers` packed by `figures.wire`.

The browser (ui/chart.js) trusts three things checked here: the background and foreground share one
geometry; the animation's indices point at the traces it reads; a frame it builds from them is the frame
the self-contained figure (`playground_figure`, the HTML export) ships.
"""

import json
import math

import numpy as np
import pytest
from apptest import array

import landscapes
import optimizers
from figures import kept, movers, wire
from figures.colors import color
from figures.playground import Path, playground_figure, playground_layers


@pytest.fixture(scope="module")
def race():
    s = landscapes.get("rosenbrock")
    runs = [("sgd", 1e-3), ("momentum", 5e-4), ("adam", 0.05), ("sgd", 0.02)]  # the last one diverges
    paths = [Path(f"{i + 1} · {r}", color(i), optimizers.run(s, r, steps=300, learning_rate=lr)) for i, (r, lr) in enumerate(runs)]
    assert paths[-1].traj.diverged_at is not None
    return s, paths


# --- figures.wire ---------------------------------------------------------------------------------


def test_pack_sends_each_array_once_and_unpacks_to_the_same_values():
    a = np.linspace(0, 1, 100)
    tree = {"x": a, "again": a.copy(), "y": np.arange(50, dtype=np.int64), "n": [1.5, math.nan, np.float32(2)], "s": "text"}
    packed = wire.pack(tree)
    json.dumps(packed, allow_nan=False)  # valid JSON: no NaN outside the arrays
    assert len(packed["arrays"]) == 2  # x and its copy are one array
    assert packed["tree"]["x"] == packed["tree"]["again"]
    back = wire.unpack(packed)
    np.testing.assert_array_equal(back["x"], a.astype(np.float32))
    np.testing.assert_array_equal(back["y"], np.arange(50))
    assert back["n"] == [1.5, None, 2.0] and back["s"] == "text"


def test_pack_reads_plotly_typed_arrays_with_a_shape():
    z = np.arange(12, dtype=np.float32).reshape(3, 4)
    import base64

    spec = {"dtype": "f4", "bdata": base64.b64encode(z.tobytes()).decode(), "shape": "3, 4"}
    back = wire.unpack(wire.pack({"z": spec}))
    np.testing.assert_array_equal(back["z"], z)


def test_pack_turns_every_kind_of_value_into_plain_json():
    """Plain values and their NumPy and subclass cousins alike: numbers as numbers, non-finite as null, tuples and
    short arrays as lists, keys as strings; a dict that merely has a "bdata" key is left a dict."""
    from collections import OrderedDict
    from enum import IntEnum

    class Level(IntEnum):
        HIGH = 3

    tree = {1: (True, np.bool_(False), 2, np.int64(-4), Level.HIGH), "f": [0.5, math.inf, -math.inf, math.nan],
            "np": [np.float32(0.25), np.float64(math.nan), np.str_("s")], "od": OrderedDict([(2.5, None)]),
            "short": np.array([1.0, math.nan, 3.0]), "label": {"bdata": "not an array", "text": "ok"}}
    got = wire.pack(tree)["tree"]
    assert got == {"1": [True, False, 2, -4, 3], "f": [0.5, None, None, None], "np": [0.25, None, "s"],
                   "od": {"2.5": None}, "short": [1.0, None, 3.0], "label": {"bdata": "not an array", "text": "ok"}}
    assert [type(v) for v in got["1"]] == [bool, bool, int, int, int]
    json.dumps(got, allow_nan=False)


def test_a_document_with_members_encoded_apart_reads_back_as_one_json_object():
    figure = wire.pack({"data": [{"x": np.linspace(0, 1, 20), "name": "한국어 · path"}]})
    raw = wire.document({"mode": "figure", "clickable": False, "words": {"play": "재생"}}, {"figure": wire.encode(figure)})
    assert isinstance(raw, bytes)
    assert json.loads(raw) == json.loads(json.dumps({"mode": "figure", "clickable": False, "words": {"play": "재생"},
                                                     "figure": figure}))
    assert json.loads(wire.document({}, {})) == {}
    with pytest.raises(ValueError):  # the browser's JSON.parse would refuse NaN: refused here, where it is made
        wire.encode({"range": [0.0, math.nan]})


# --- figures.playground_layers ---------------------------------------------------------------------


def test_background_holds_the_contour_alone_on_the_foregrounds_geometry(race):
    s, paths = race
    layers = playground_layers(s, paths)
    bg, fg = layers["background"], layers["foreground"]
    assert [t["type"] for t in bg["data"]] == ["heatmap", "contour"]  # the fill, then the level lines
    assert not {"heatmap", "contour"} & {t["type"] for t in fg["data"]}
    for key in ("height", "margin"):
        assert bg["layout"][key] == fg["layout"][key]
    for axis in ("xaxis", "yaxis"):  # the same axes, their labels drawn (invisibly) at the same size
        clear = {"tickfont": {"color"}, "tickcolor": {None}, "title": {"font"}}
        for key, value in fg["layout"][axis].items():
            if key not in clear:
                assert bg["layout"][axis][key] == value, (axis, key)
        assert bg["layout"][axis]["title"]["text"] == fg["layout"][axis]["title"]["text"]
    assert not [k for k in bg["layout"] if k[:5] in ("xaxis", "yaxis") and k not in ("xaxis", "yaxis")]
    assert fg["layout"]["paper_bgcolor"] == fg["layout"]["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert {t["type"] for t in fg["data"] if t.get("name") == movers.NAME} == {"scatter"}  # SVG: no WebGL context


def test_animation_indices_point_at_the_paths_and_panels(race):
    s, paths = race
    layers = playground_layers(s, paths)
    data, anim = layers["foreground"]["data"], layers["animation"]
    for j, p in enumerate(paths):
        tr = data[anim["path_traces"][j]]
        n = (p.traj.steps if p.traj.diverged_at is None else p.traj.diverged_at) + 1
        np.testing.assert_allclose(tr["x"], p.traj.xy[:n, 0], rtol=1e-4, atol=1e-6)
        assert tr["name"] == p.label
    for row in anim["panel_traces"]:
        axes = {data[i]["xaxis"] for i in row if i is not None}
        assert len(axes) <= 1 and "x" not in axes  # one panel each, none on the contour
        assert [data[i]["name"] for i in row if i is not None] == [p.label for p in paths][: len([i for i in row if i is not None])]
    assert anim["movers"] == list(range(len(data) - len(anim["movers"]), len(data)))


def _browser_frame(data, anim, k):
    """ui/chart.js's frameData, step for step, in Python."""
    out, xs, ys, trail = [], [], [], anim["trail"]
    for ti in anim["path_traces"]:
        x, y = data[ti]["x"], data[ti]["y"]
        for i in range(k - trail + 1, k + 1):
            ok = 0 <= i < len(x)
            xs.append(x[i] if ok else math.nan)
            ys.append(y[i] if ok else math.nan)
    out.append((xs, ys))
    for row in anim["panel_traces"]:
        if any(i is None for i in row):
            continue
        y = [data[i]["y"][k] if k < len(data[i]["y"]) else math.nan for i in row]
        out.append(([k if math.isfinite(v) else math.nan for v in y], y))
    return out


def test_frames_built_in_the_browser_are_the_exported_figures_frames(race):
    s, paths = race
    layers = wire.unpack(wire.pack(playground_layers(s, paths, show_3d=False)))  # as the browser receives them
    fig = playground_figure(s, paths, show_3d=False)
    data, anim = layers["foreground"]["data"], layers["animation"]
    assert anim["steps"] == [int(f.name) for f in fig.frames]
    for frame in fig.frames[:: max(1, len(fig.frames) // 12)]:
        mine = _browser_frame(data, anim, int(frame.name))
        assert len(mine) == len(frame.data)
        for (x, y), shipped in zip(mine, frame.data):
            np.testing.assert_allclose(np.asarray(x, float), array(shipped.x), rtol=1e-6, equal_nan=True)
            np.testing.assert_allclose(np.asarray(y, float), array(shipped.y), rtol=1e-6, equal_nan=True)


def test_an_optimizer_move_leaves_the_background_unchanged(race):
    s, paths = race
    bg_before = playground_layers(s, paths)["background"]
    before = wire.pack(bg_before)
    moved = [Path(paths[0].label, paths[0].color, optimizers.run(s, "sgd", steps=300, learning_rate=2e-3)), *paths[1:]]
    bg_after = playground_layers(s, moved)["background"]
    after = wire.pack(bg_after)
    assert before == after  # so the page sends it once and the browser never redraws it for this move
    assert kept.digest(bg_before) == kept.digest(bg_after)  # ui.chart names a background by its content's digest
    bg_other = playground_layers(landscapes.get("rosenbrock", b=50.0), paths)["background"]
    assert wire.pack(bg_other) != before and kept.digest(bg_other) != kept.digest(bg_before)
