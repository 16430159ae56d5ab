"""Trajectories as CSV and JSON, and a figure as a self-contained HTML file that plays offline."""

from __future__ import annotations

import csv
import io
import json

import numpy as np


def trajectories_csv(results) -> str:
    """Long format: optimizer, step, x, y, loss, learning rate, gradient (NaN after a divergence)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["optimizer", "rule", "step", "x", "y", "loss", "learning_rate", "grad_x", "grad_y"])
    for r in results:
        if r.traj is None:
            continue
        t = r.traj
        for k in range(t.xy.shape[0]):
            lr = t.lr[k] if k < t.steps else np.nan
            gx, gy = t.grad[k] if k < t.steps else (np.nan, np.nan)
            w.writerow([r.label, r.contestant.rule, k, *(f"{v:.9g}" for v in (t.xy[k, 0], t.xy[k, 1], t.loss[k], lr, gx, gy))])
    return out.getvalue()


def trajectories_json(scene_query: dict, results) -> str:
    """The scene (as its URL parameters) and every trajectory; NaN written as null."""

    def clean(a):
        a = np.asarray(a, dtype=float)
        return np.where(np.isfinite(a), a, None).tolist()

    runs = []
    for r in results:
        if r.traj is None:
            continue
        t = r.traj
        runs.append({
            "label": r.label,
            "rule": r.contestant.rule,
            "settings": {k: v for k, v in r.contestant.settings().items()},
            "diverged_at": t.diverged_at,
            "xy": clean(t.xy),
            "loss": clean(t.loss),
            "learning_rate": clean(t.lr),
            "grad": clean(t.grad),
            "state": {k: clean(v) for k, v in t.state.items()},
        })
    return json.dumps({"scene": scene_query, "runs": runs}, allow_nan=False)


def figure_html(fig) -> str:
    """The figure with plotly.js inlined: one file that plays its animation with no network."""
    return fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False)
