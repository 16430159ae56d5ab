"""Two-class data in the plane, made in code from a seed: two moons, concentric circles, two spirals, XOR.

Every data set has ``n_samples`` points, half of each class (labels 0 and 1), coordinates of order 1. ``noise``
is the standard deviation of Gaussian jitter added to every point (scikit-learn's convention); ``label_noise``
is the fraction of points whose label is flipped. The points are then shuffled and split: the last
``round(test_fraction * n_samples)`` are the test set. Nothing is downloaded; the same seed gives the same data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

NAMES = ("spirals", "moons", "circles", "xor")
MAX_SAMPLES = 5_000


@dataclass(frozen=True)
class Dataset:
    """A data set split into train and test: ``x_*`` (n, 2) float64, ``y_*`` (n,) int 0/1, and how it was made."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    noise: float
    label_noise: float
    seed: int

    @property
    def n_train(self) -> int:
        return len(self.y_train)

    @property
    def n_test(self) -> int:
        return len(self.y_test)


def _moons(rng, n0, n1):
    # two interleaved half circles (scikit-learn's make_moons), centred on the origin
    t0, t1 = np.linspace(0, math.pi, n0), np.linspace(0, math.pi, n1)
    a = np.stack([np.cos(t0), np.sin(t0)], 1)
    b = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], 1)
    return np.concatenate([a, b]) - np.array([0.5, 0.25])


def _circles(rng, n0, n1):
    # an outer ring (radius 1) around an inner one (radius 0.5)
    t0 = np.linspace(0, 2 * math.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * math.pi, n1, endpoint=False)
    return np.concatenate([np.stack([np.cos(t0), np.sin(t0)], 1), 0.5 * np.stack([np.cos(t1), np.sin(t1)], 1)])


def _spirals(rng, n0, n1):
    # two arms of one spiral, turned half a turn apart (TensorFlow Playground's spiral, scaled to radius 1)
    def arm(n, turn):
        r = np.linspace(0.05, 1.0, n)
        angle = 1.75 * 2 * math.pi * r + turn
        return np.stack([r * np.sin(angle), r * np.cos(angle)], 1)

    return np.concatenate([arm(n0, 0.0), arm(n1, math.pi)])


def _xor(rng, n0, n1):
    # uniform points in the four quadrants: class 1 where x and y have the same sign
    def quadrants(n, same):
        p = rng.uniform(0.05, 1.0, size=(n, 2))
        signs = rng.choice([-1.0, 1.0], size=n)
        return p * np.stack([signs, signs if same else -signs], 1)

    return np.concatenate([quadrants(n0, False), quadrants(n1, True)])


_MAKERS = {"spirals": _spirals, "moons": _moons, "circles": _circles, "xor": _xor}


def dataset(name: str, n_samples: int = 200, noise: float = 0.1, test_fraction: float = 0.5, seed: int = 0,
            label_noise: float = 0.0) -> Dataset:
    """The data set ``name`` (one of `NAMES`), split into train and test; see the module's docstring."""
    if name not in _MAKERS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(NAMES)}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or not 4 <= n_samples <= MAX_SAMPLES:
        raise ValueError(f"n_samples must be a whole number from 4 to {MAX_SAMPLES}, got {n_samples!r}")
    for what, v, hi in (("noise", noise, 2.0), ("label_noise", label_noise, 0.5), ("test_fraction", test_fraction, 0.9)):
        if not isinstance(v, (int, float, np.floating)) or not 0 <= v <= hi:
            raise ValueError(f"{what} must be a number from 0 to {hi}, got {v!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise ValueError(f"seed must be a whole number from 0 to 2**31-1, got {seed!r}")
    n_test = int(round(test_fraction * n_samples))
    if n_samples - n_test < 2 or (test_fraction > 0 and n_test < 1):
        raise ValueError(f"test_fraction {test_fraction} leaves {n_samples - n_test} training and {n_test} test points")
    rng = np.random.default_rng(seed)
    n1 = n_samples // 2
    n0 = n_samples - n1
    x = _MAKERS[name](rng, n0, n1) + noise * rng.standard_normal((n_samples, 2))
    y = np.concatenate([np.zeros(n0, np.int64), np.ones(n1, np.int64)])
    flip = rng.random(n_samples) < label_noise
    y = np.where(flip, 1 - y, y)
    order = rng.permutation(n_samples)
    x, y = x[order], y[order]
    cut = n_samples - n_test
    return Dataset(name, x[:cut], y[:cut], x[cut:], y[cut:], float(noise), float(label_noise), int(seed))
