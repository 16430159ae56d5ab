"""Teaching scenes that load in one click: each makes one point of the course notes visible."""

from __future__ import annotations

from dataclasses import dataclass

from .scene import Contestant, Scene


@dataclass(frozen=True)
class Preset:
    key: str  # also the catalogue key of its title and its one-line lesson: preset.<key>, preset.<key>.lesson
    scene: Scene


def _c(rule: str, **hp) -> Contestant:
    return Contestant(rule, dict(hp))


PRESETS = (
    # the gradient is perpendicular to the contours, not aimed at the minimum: GD crosses the valley
    Preset("zigzag", Scene(
        surface="quadratic", surface_params={"condition": 25.0}, steps=100,
        contestants=[_c("sgd", learning_rate=1.8), _c("momentum", learning_rate=0.5, momentum=0.7),
                     _c("nesterov", learning_rate=0.5, momentum=0.7), _c("adam", learning_rate=0.3)],
    )),
    # a curved valley: the momentum methods against Adam's per-coordinate steps
    Preset("rosenbrock", Scene(
        surface="rosenbrock", steps=600,
        contestants=[_c("sgd", learning_rate=1e-3), _c("momentum", learning_rate=5e-4, momentum=0.9),
                     _c("nesterov", learning_rate=5e-4, momentum=0.9), _c("adam", learning_rate=0.05)],
    )),
    # near a saddle the gradient is tiny: plain GD waits; noise and adaptive steps leave sooner
    Preset("saddle", Scene(
        surface="saddle", steps=150,
        contestants=[_c("sgd", learning_rate=0.1), _c("sgd", learning_rate=0.1, noise=0.3),
                     _c("momentum", learning_rate=0.05, momentum=0.9), _c("adam", learning_rate=0.05)],
    )),
    # a steep wall: one huge gradient throws plain GD away; clipping keeps the step short
    Preset("cliff", Scene(
        surface="cliff", steps=200,
        contestants=[_c("sgd", learning_rate=0.3), _c("sgd", learning_rate=0.3, clip_norm=1.0),
                     _c("sgd", learning_rate=0.3, clip_value=1.0)],
    )),
    # below 2/L gradient descent converges, above it diverges
    Preset("too_large", Scene(
        surface="quadratic", surface_params={"condition": 10.0}, steps=60,
        contestants=[_c("sgd", learning_rate=0.5), _c("sgd", learning_rate=1.5), _c("sgd", learning_rate=2.2),
                     _c("sgd", learning_rate=3.0)],
    )),
)
BY_KEY = {p.key: p for p in PRESETS}
