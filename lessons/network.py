"""The network page's computations: its teaching scenes, and a race of up to four optimizers on one network.

A race trains every racer from the same initial weights (the setup's seed), then draws what the page shows:
each trained network's decision boundary over the data, the plane of the runs' weights (`networks.plane`)
with every path on it, and on request the Hessian's extreme eigenvalues along the first run or each run's
sharpness at its end (a filter-normalised slice and the largest eigenvalue).
Everything is a pure function of hashable values, so a page can keep the results; a race keeps each run's
weights at a few checkpoints only (`Trained`), not at every step.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

import networks
from optimizers.results import Recorded

MAX_RACERS = 4
STEPS = (200, 500, 1000, 2000)
WIDTHS = (2, 4, 8, 16, 32, 64)
DEPTHS = (1, 2, 3)
SAMPLES = (50, 100, 200, 400)
BOUNDARY_GRID = 60  # points per side of a decision-boundary picture
PLANE_GRID = 64


@dataclass(frozen=True)
class Setup:
    """The data, the network and the run's length, shared by every racer."""

    dataset: str = "spirals"
    n_samples: int = 200
    noise: float = 0.05
    label_noise: float = 0.0
    width: int = 32
    depth: int = 2
    activation: str = "tanh"
    steps: int = 2000
    seed: int = 0  # the data's, the initial weights', the shuffles'

    def data(self) -> networks.Dataset:
        return networks.dataset(self.dataset, n_samples=self.n_samples, noise=self.noise, test_fraction=0.5,
                                seed=self.seed, label_noise=self.label_noise)

    def model(self) -> networks.Model:
        return networks.model(self.data(), hidden=(self.width,) * self.depth, activation=self.activation)


@dataclass(frozen=True)
class Racer:
    """One optimizer: a rule and its settings (optax names, as `networks.train` takes them), as sorted pairs."""

    rule: str
    settings: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, rule: str, **settings) -> Racer:
        return cls(rule, tuple(sorted(settings.items())))


@dataclass(frozen=True)
class Scene:
    """A teaching scene: one click loads its setup and racers; ``measure`` names what it measures beside the race
    (``"sharpness"``, ``"curvature"``)."""

    key: str
    setup: Setup
    racers: tuple[Racer, ...]
    measure: str = ""


SCENES = {s.key: s for s in (
    # plain SGD crawls on the spirals' plateau; momentum gets off it; Adam is first down
    Scene("optimizers", Setup(), (Racer.of("sgd", learning_rate=0.1), Racer.of("momentum", learning_rate=0.1, momentum=0.9),
                                  Racer.of("adam", learning_rate=0.01))),
    # a large network on few noisy points memorises them: its test loss climbs, unless weights decay
    Scene("weight_decay", Setup("moons", 60, 0.3, 0.1, width=64),
          (Racer.of("adam", learning_rate=0.01), Racer.of("adam", learning_rate=0.01, weight_decay=0.01))),
    # the same SGD with four samples per step and with all of them: where each ends, and how sharp it is there
    Scene("batch", Setup("moons", 200, 0.25), (Racer.of("sgd", learning_rate=0.1, batch_size=4),
                                               Racer.of("sgd", learning_rate=0.1)), "sharpness"),
    # Adam at η = 0.3 stalls in a ReLU network; the same rate after 200 warmup steps trains it
    Scene("warmup", Setup(activation="relu"), (Racer.of("adam", learning_rate=0.3),
                                                Racer.of("adam", learning_rate=0.3, warmup_steps=200))),
    # gradient descent from a random start: the Hessian's negative eigenvalues at first, almost none at the end
    Scene("curvature", Setup("moons", 200, 0.25), (Racer.of("sgd", learning_rate=0.1),), "curvature"),
)}
DEFAULT_SCENE = "optimizers"
# the data sizes the page offers: its own, and every scene's (a scene's size outside them would be changed unsaid)
SAMPLE_STOPS = tuple(sorted({*SAMPLES, *(s.setup.n_samples for s in SCENES.values())}))
# the controls that change the network's shape, or its loop's length, with every value the page offers: each
# value is a compiled program of its own per rule (the data's kind, its noise and the seed change none)
SHAPES = {"width": WIDTHS, "depth": DEPTHS, "activation": networks.ACTIVATIONS, "n_samples": SAMPLE_STOPS,
          "steps": STEPS}


def reach(setup: Setup) -> list[Setup]:
    """``setup`` with one shape control (`SHAPES`) moved to each other value the page offers: what a learner's
    first move from it trains, each a network a server compiles anew unless its compile cache holds it."""
    return [replace(setup, **{name: v}) for name, values in SHAPES.items() for v in values if v != getattr(setup, name)]


@dataclass(frozen=True)
class Trained(Recorded):
    """What a page keeps of a `networks.Run`: its curves and ends, and its weights at `CHECKPOINTS` steps only.

    A run's every θ (2,001 × 1,185 float32 numbers: 9.5 MB) stays out of the page's shared cache.
    """

    name: str
    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    eval_steps: np.ndarray
    lr: np.ndarray
    grad_norm: np.ndarray
    diverged_at: int | None
    hyperparams: Any
    iterations_per_epoch: int | None
    final: np.ndarray
    checkpoint_steps: np.ndarray
    checkpoints: np.ndarray  # θ at checkpoint_steps

    @classmethod
    def of(cls, r: networks.Run) -> Trained:
        at = np.unique(np.linspace(0, r.last, CHECKPOINTS).round().astype(int))
        return cls(r.name, r.train_loss, r.test_loss, r.test_accuracy, r.eval_steps, r.lr, r.grad_norm, r.diverged_at,
                   r.hyperparams, r.iterations_per_epoch, r.final.copy(), at, r.theta[at].copy())


_POOL = ThreadPoolExecutor(max_workers=min(MAX_RACERS, os.cpu_count() or 1), thread_name_prefix="race")
CHECKPOINTS = 9  # steps of each run at which the curvature can be measured


@dataclass(frozen=True)
class Race:
    """The trained runs and the pictures of them."""

    runs: tuple[Trained, ...]
    plane: networks.Plane
    boundary_xs: np.ndarray
    boundary_ys: np.ndarray
    probabilities: tuple[np.ndarray, ...]  # p(y = 1) over the boundary grid, (grid, grid) per run
    model: networks.Model = field(repr=False)

    @property
    def data(self) -> networks.Dataset:
        return self.model.data


def race(setup: Setup, racers: tuple[Racer, ...], eval_every: int = 20) -> Race:
    """Train every racer on the setup's network from the same start; the boundaries and the plane of their weights."""
    if not 1 <= len(racers) <= MAX_RACERS:
        raise ValueError(f"a race has 1 to {MAX_RACERS} optimizers, got {len(racers)}")
    m = setup.model()
    # side by side on the machine's cores: a compiled run releases Python's lock while it computes
    runs = list(_POOL.map(lambda r: networks.train(m, r.rule, setup.steps, seed=setup.seed, eval_every=eval_every,
                                                   **dict(r.settings)), racers))
    d = m.data
    points = np.concatenate([d.x_train, d.x_test])
    (x0, y0), (x1, y1) = points.min(0) - 0.25, points.max(0) + 0.25
    xs, ys = np.linspace(x0, x1, BOUNDARY_GRID), np.linspace(y0, y1, BOUNDARY_GRID)
    grid = np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 2)
    probs = tuple(np.asarray(m.probability(r.final, grid), dtype=float).reshape(BOUNDARY_GRID, BOUNDARY_GRID)
                  for r in runs)
    plane = networks.plane(runs, grid=PLANE_GRID)
    return Race(tuple(Trained.of(r) for r in runs), plane, xs, ys, probs, m)


def sharpness(r: Race, span: float = 1.0, seed: int = 0) -> list[dict[str, Any]]:
    """Each run's end: the loss along one filter-normalised direction (the same seed for all) and the Hessian's
    largest eigenvalue."""
    out = []
    for run in r.runs:
        alphas, loss = networks.random_line(r.model, run.final, points=81, span=span, seed=seed)
        lo, hi = networks.hessian_extremes(r.model, run.final)
        out.append({"alphas": alphas, "loss": loss, "lowest": lo, "highest": hi})
    return out


def curvature(r: Race, index: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Hessian's smallest and largest eigenvalues at the checkpoints of run ``index``: ``(steps, lowest, highest)``."""
    run = r.runs[index]
    pairs = np.array([networks.hessian_extremes(r.model, theta) for theta in run.checkpoints])
    return run.checkpoint_steps, pairs[:, 0], pairs[:, 1]
