"""Exports: CSV and JSON hold every trajectory (NaN as empty/null), the HTML plays offline."""

import csv
import io
import json
import re

import numpy as np

import landscapes
from figures.colors import color
from figures.playground import Path, playground_figure
from lab import compute, export
from lab import scene as sc


def _results():
    scene = sc.Scene(steps=50, contestants=[sc.Contestant("sgd", {"learning_rate": 3.0}), sc.Contestant("adam")])
    s = landscapes.get("quadratic")
    return s, scene, compute.run_scene(s, scene)


def test_csv_has_one_row_per_position_and_run():
    s, scene, results = _results()
    rows = list(csv.DictReader(io.StringIO(export.trajectories_csv(results))))
    assert len(rows) == sum(r.traj.xy.shape[0] for r in results)
    adam = [row for row in rows if row["rule"] == "adam"]
    np.testing.assert_allclose([float(r["x"]) for r in adam], results[1].traj.xy[:, 0], rtol=1e-6)


def test_json_is_strict_and_writes_nan_as_null():
    s, scene, results = _results()
    data = json.loads(export.trajectories_json(sc.to_query(scene), results))
    sgd = data["runs"][0]
    assert sgd["diverged_at"] is not None
    assert sgd["xy"][-1] == [None, None]  # after the divergence
    assert data["scene"]["o1"] == "sgd"
    back, notices = sc.from_query(data["scene"])
    assert not notices and back.contestants[0].rule == "sgd"


def test_html_carries_plotly_and_the_frames():
    s, scene, results = _results()
    fig = playground_figure(s, [Path(r.label, color(i), r.traj) for i, r in enumerate(results)], show_3d=False)
    html = export.figure_html(fig)
    assert "<script" in html and not re.search(r"<script[^>]+src=", html)  # plotly.js inlined: no network needed
    assert "addFrames" in html and len(html) > 3_000_000
