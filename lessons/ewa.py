r"""Lesson 5's computations: a made-up year of temperatures, its exponentially weighted averages, and their weights.

The average of the temperatures :math:`T_t`, :math:`v_t = \beta v_{t-1} + (1-\beta)T_t`, unrolls to
:math:`v_t = (1-\beta)\sum_{k<t} \beta^k T_{t-k}`: the weight of a value
``k`` days back is :math:`(1-\beta)\beta^k`. The last :math:`1/(1-\beta)` days
hold :math:`1-\beta^{1/(1-\beta)} \approx 1 - 1/e \approx 63\%` of it. The weights of the first t days sum to
:math:`1 - \beta^t`; bias correction divides by it.

Pure: the average is `optimizers.ewa.ewma`, the same code as the optimizers' moments; no Streamlit, no plotly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from optimizers.ewa import ewma

DAYS = 365
MEAN, SWING, NOISE = 15.0, 10.0, 3.0  # °C: yearly mean, half the summer-winter difference, day-to-day noise
COLDEST_DAY = 15  # mid-January
WEIGHT_WINDOWS = 4  # the weights are listed this many windows back


def temperature_year(seed: int = 0, days: int = DAYS) -> np.ndarray:
    """A made-up year of daily temperatures (°C): a seasonal cosine, coldest in mid-January, plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    d = np.arange(days)
    # 1) the season: MEAN − SWING cos(2π (d − coldest)/365)
    season = MEAN - SWING * np.cos(2 * np.pi * (d - COLDEST_DAY) / DAYS)
    # 2) the weather: independent day-to-day noise
    return (season + NOISE * rng.standard_normal(days)).astype(np.float32)


def window(beta: float) -> float:
    """1/(1−β): about how many recent values the average covers."""
    return 1.0 / (1.0 - beta)


def averages(seed: int, beta: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The year of ``seed``, its bias-corrected average and its raw average, by `optimizers.ewa.ewma`."""
    series = temperature_year(seed)
    return series, np.asarray(ewma(series, beta, True)), np.asarray(ewma(series, beta, False))


def weight_sum(beta: float, t: int) -> float:
    """1 − βᵗ: the sum of the first t weights (1 − β)βᵏ, what bias correction divides the average by at step t."""
    return 1.0 - beta**t


@dataclass(frozen=True)
class Weights:
    """The weight (1 − β)βᵏ of a value k = 0, 1, … days back, and the first ``n`` ≈ 1/(1 − β) days' ``share``."""

    k: np.ndarray
    weights: np.ndarray
    n: int
    share: float


def weights(beta: float) -> Weights:
    """The weights `WEIGHT_WINDOWS` windows back, and the share of the first window (Σ_{k<n} (1−β)βᵏ = 1 − βⁿ)."""
    w = window(beta)
    k = np.arange(0, int(np.ceil(WEIGHT_WINDOWS * w)) + 1)
    n = int(round(w))
    return Weights(k, (1 - beta) * beta**k, n, weight_sum(beta, n))
