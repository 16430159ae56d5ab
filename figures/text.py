"""Every word the shared figures show, in English by default; a page passes its own language's words.

Builders take ``text`` (a partial mapping over `DEFAULT`); the app fills it from
its catalogue, so the figures stay free of the app's code and language.
"""

from __future__ import annotations

from typing import Mapping

DEFAULT: dict[str, str] = {
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "step": "step",
    "loss_gap_log": "f − f_min (log)",
    "loss": "f",
    "grad_log": "‖∇f‖ (log)",
    "lr": "learning rate η",
    "log": "(log)",
    "distance_log": "distance to min (log)",
    "distance": "distance to min",
    "no_minimum": "no known minimum",
    "start": "start",
    "minimum": "minimum",
    "saddle": "saddle",
    "diverged": "diverged at step {step}",
    "last_point": "last finite point",
    "off_plot": "off the plot",
    "click": "click to start here",
    "neg_grad": "−∇f",
    "velocity": "velocity pull",
    "solid": "solid arrow",
    "dashed": "dashed arrow",
    "finished": "finished",
    "no_adaptive": "Only adaptive rules (AdaGrad, RMSProp, Adam) have a per-coordinate step size",
    "effective_lr": "effective step η/(√v̂+ε) (log)",
    "second_moment": "second moment (AdaGrad: Σg²)",
}


def words(text: Mapping[str, str] | None) -> dict[str, str]:
    """`DEFAULT` with the given words in place; unknown keys are refused (a typo would silently show English)."""
    text = dict(text or {})
    unknown = set(text) - set(DEFAULT)
    if unknown:
        raise KeyError(f"unknown figure text keys: {sorted(unknown)}")
    return {**DEFAULT, **text}
