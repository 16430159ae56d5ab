r"""Lesson 8's computations at a saddle and on a plateau: time near the saddle, how fast each method leaves it.

The saddle is :math:`f = a x^2 - b y^2 + c y^4`. Near the ridge :math:`y = 0` the y-gradient is :math:`-2by`
(the quartic adds :math:`4cy^3`, negligible while :math:`2cy^2 \ll b`), so y moves on its own, linearly:

* GD: :math:`y_{t+1} = (1 + 2b\eta)\,y_t`, growth :math:`1 + h` per step with :math:`h = 2b\eta`;
* heavy ball (:math:`v_t = \beta v_{t-1} + g_t`, :math:`\theta_{t+1} = \theta_t - \eta v_t`):
  :math:`y_{t+1} = (1 + \beta + h)\,y_t - \beta\,y_{t-1}`, whose growing mode is the larger root of
  :math:`r^2 - (1 + \beta + h)\,r + \beta = 0`. At :math:`h = 0` the roots are 1 and β, and :math:`dr/dh = 1/(1-\beta)`
  at r = 1, so for :math:`h \ll (1-\beta)^2` the growth is about :math:`1 + h/(1-\beta)`: the velocity *along y*
  piles up the small, agreeing y-gradients. The speed built on the way in is along x, the stable axis; it
  does not carry the point out.

Measurements run the engine (`optimizers.run`, `optimizers.engine.run_batch` for many seeds at once). Several
minima (basins, noise out of a shallow well, how rare minima are among critical points) are in
`lessons.saddles_minima`. Pure: no Streamlit, no plotly.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

import landscapes
import optimizers
from lab import scene as sc
from optimizers.engine import Trajectory, run_batch

ROTATED = "2*x*y + (x - y)**4/16"  # the saddle a=b=1, c=1/4 turned by 45°: u = (x+y)/√2 in, w = (x−y)/√2 out
# the lesson's runs
STEPS = 300
MOMENTUM = 0.9  # β of every momentum run
SADDLE_X0 = -2.5  # the saddle surface's suggested start; y₀ is the page's main control
SADDLE = (0.0, 0.0)
NOISE_SEEDS = 20
GROWTH_Y0 = 1e-6  # section 2 starts this close to the ridge, so the linear stretch is long
GROWTH_BAND = (1e-4, 1e-2)  # |y| band where the growth is measured: past the start's transient, before the quartic
ADAPTIVE_RULES = ("sgd", "adagrad", "rmsprop", "adam")
ADAPTIVE_LR, ADAPTIVE_Y0, ADAPTIVE_RADIUS = 0.1, 1e-4, 0.25
PLATEAU_RULES = ("sgd", "momentum", "adam")
PLATEAU_LR = 0.1
PLATEAU_REACH = 0.5  # "reached the well": f below this
FORMULAS = (  # the lesson's notes: GD's step, the saddle, and GD's time near it from the linearised map
    r"\theta_{t+1} = \theta_t - \eta\,\nabla f(\theta_t)",
    r"f(x,y) = a\,x^2 - b\,y^2 + c\,y^4,\qquad \nabla^2 f(0,0) = \begin{pmatrix}2a & 0\\ 0 & -2b\end{pmatrix}",
    r"x_{t+1} \approx (1-2a\eta)\,x_t,\quad y_{t+1} \approx (1+2b\eta)\,y_t"
    r"\;\Rightarrow\; T_r \approx \frac{\ln(r/|y_0|)}{\ln(1+2b\eta)} - \frac{\ln(|x_0|/r)}{\ln\frac{1}{1-2a\eta}}",
)
GROWTH_FORMULAS = (r"y_{t+1} = (1 + 2b\eta)\,y_t \qquad\text{(GD)}",
                   r"y_{t+1} = (1 + \beta + 2b\eta)\,y_t - \beta\,y_{t-1}\;\Rightarrow\;"
                   r"r^2 - (1 + \beta + 2b\eta)\,r + \beta = 0,\quad r \approx 1 + \frac{2b\eta}{1-\beta}"
                   r"\quad (2b\eta \ll (1-\beta)^2)")
ADAPTIVE_FORMULAS = (r"G_t = G_{t-1} + g_t^2,\qquad \theta_{t+1} = \theta_t - \eta\,\frac{g_t}{\sqrt{G_t + \epsilon}}"
                     r"\qquad\text{(AdaGrad)}",
                     r"\nu_t = \rho\,\nu_{t-1} + (1-\rho)\,g_t^2,\qquad \theta_{t+1} = \theta_t - \eta\,"
                     r"\frac{g_t}{\sqrt{\nu_t + \epsilon}}\qquad\text{(RMSProp)}")


def hp(rule: str, lr: float) -> dict:
    """A run's keywords on this page: the learning rate, and β for momentum."""
    return {"learning_rate": lr, **({"momentum": MOMENTUM} if rule == "momentum" else {})}


# ----------------------------------------------------------------------------
# time near the saddle


def steps_near(xy: np.ndarray, point: Sequence[float], radius: float) -> int:
    """How many positions of a path (start included) lie within ``radius`` of ``point``; NaN rows never do."""
    xy = np.asarray(xy, dtype=np.float64)
    d = np.hypot(xy[..., 0] - point[0], xy[..., 1] - point[1])
    return int(np.sum(np.nan_to_num(d, nan=np.inf) <= radius))


def linear_saddle_steps(a: float, b: float, eta: float, start: Sequence[float], radius: float) -> float:
    r"""Gradient descent's time near the saddle of :math:`ax^2 - by^2`, from the linearised map.

    Each step multiplies ``x`` by :math:`1 - 2a\eta` and ``y`` by :math:`1 + 2b\eta`, so the path enters
    the disc of radius ``r`` after :math:`\ln(|x_0|/r) / \ln(1/|1-2a\eta|)` steps and leaves it after
    :math:`\ln(r/|y_0|) / \ln(1+2b\eta)`: the difference is the time spent near the saddle
    (``inf`` exactly on the ridge, where ``y`` never grows).
    """
    x0, y0 = abs(float(start[0])), abs(float(start[1]))
    shrink = abs(1.0 - 2.0 * a * eta)
    if y0 == 0.0:
        return math.inf
    t_in = 0.0 if x0 <= radius else (math.log(x0 / radius) / -math.log(shrink) if 0 < shrink < 1 else math.inf)
    t_out = max(math.log(radius / y0), 0.0) / math.log1p(2.0 * b * eta)
    return max(t_out - t_in, 0.0)


def near_counts(surface, rule: str, start, steps: int, seeds: Sequence[int], radius: float, point=(0.0, 0.0),
                **hp) -> np.ndarray:
    """`steps_near` for one run per seed (all in one program)."""
    xy = run_batch(surface, rule, start, steps, seeds=np.asarray(seeds), **hp)
    return np.array([steps_near(row, point, radius) for row in xy])


def race_contestants(lr: float, sigma: float) -> list[sc.Contestant]:
    """The first figure's four runs, all at ``lr``: GD, heavy ball, SGD with gradient noise ``sigma``, Adam."""
    return [sc.Contestant("sgd", {"learning_rate": lr}), sc.Contestant("momentum", hp("momentum", lr)),
            sc.Contestant("sgd", {"learning_rate": lr, "noise": sigma}), sc.Contestant("adam", {"learning_rate": lr})]


@dataclass(frozen=True)
class Race:
    """The four runs from ``start`` = (`SADDLE_X0`, y₀) and their steps within the radius of the saddle, as
    (value, least, most): for a noisy run the mean, least and most over `NOISE_SEEDS` seeds (its drawn run is
    seed 0), else the count alone. ``theory`` is GD's time from the linearised map, whose factors per step are
    ``shrink`` = 1 − 2aη along x and ``grow`` = 1 + 2bη along y."""

    start: tuple[float, float]
    contestants: list[sc.Contestant]
    runs: list[Trajectory]
    near: list[tuple[float, float | None, float | None]]
    theory: float
    shrink: float
    grow: float

    @property
    def text(self) -> dict[str, str]:
        """The numbers the caption quotes, as it quotes them: GD's measured and theoretical time, the two factors."""
        return dict(measured=self.near[0][0], theory=f"{self.theory:.1f}", shrink=f"{self.shrink:.3g}", grow=f"{self.grow:.3g}")


def race(y0: float, lr: float, sigma: float, radius: float) -> Race:
    """The `Race` on the saddle: one engine run per contestant, the noisy one's seeds in one vectorised program."""
    surface, start = landscapes.get("saddle"), (SADDLE_X0, y0)
    contestants, runs, near = race_contestants(lr, sigma), [], []
    for con in contestants:
        runs.append(optimizers.run(surface, con.rule, start, STEPS, **con.hp))
        if con.hp.get("noise"):
            counts = near_counts(surface, con.rule, start, STEPS, range(NOISE_SEEDS), radius, SADDLE, **con.hp)
            near.append((float(np.mean(counts)), float(counts.min()), float(counts.max())))
        else:
            near.append((steps_near(runs[-1].xy, SADDLE, radius), None, None))
    a, b = surface.params["a"], surface.params["b"]
    return Race(start, contestants, runs, near, linear_saddle_steps(a, b, lr, start, radius), 1 - 2 * a * lr,
                growth_gd(b, lr))


# ----------------------------------------------------------------------------
# how fast |y| grows: GD against momentum


def growth_gd(b: float, eta: float) -> float:
    """GD's growth of y per step near the saddle: 1 + 2bη."""
    return 1.0 + 2.0 * b * eta


def growth_momentum(b: float, eta: float, beta: float) -> float:
    """Heavy ball's growth of y per step: the larger root of r² − (1 + β + 2bη) r + β = 0."""
    s = 1.0 + beta + 2.0 * b * eta
    return (s + math.sqrt(s * s - 4.0 * beta)) / 2.0


def growth_momentum_approx(b: float, eta: float, beta: float) -> float:
    """1 + 2bη/(1 − β): the root's first-order expansion, good while 2bη ≪ (1 − β)²."""
    return 1.0 + 2.0 * b * eta / (1.0 - beta)


def measured_growth(y: np.ndarray, lo: float, hi: float) -> tuple[float, int, int]:
    """The per-step growth of |y| from the first step with |y| ≥ ``lo`` to the last before |y| passes ``hi``.

    Returns (growth, first step, last step); growth is NaN when fewer than two steps lie in the window.
    """
    a = np.abs(np.nan_to_num(np.asarray(y, dtype=np.float64), nan=np.inf))
    above = np.flatnonzero(a >= lo)
    if not above.size:
        return math.nan, 0, 0
    first = int(above[0])
    past = np.flatnonzero(a[first:] > hi)
    last = (first + int(past[0]) - 1) if past.size else len(a) - 1
    if last <= first or a[first] == 0:
        return math.nan, first, last
    return float((a[last] / a[first]) ** (1.0 / (last - first))), first, last


@dataclass(frozen=True)
class Growth:
    """GD's and heavy ball's y out of the saddle from (`SADDLE_X0`, `GROWTH_Y0`) (by rule), their growth per step
    measured in `GROWTH_BAND` (NaN when fewer than two steps fall in it), the formulas ("gd", "root", "approx") and
    the guides laying each on its run's curve, (formula, rate, first step, |y| there, last step); ``x_max`` ends
    the step axis a little after GD has left (|y| > 1): what follows is a stay at a minimum. ``h`` = 2bη."""

    y: dict[str, np.ndarray]
    measured: dict[str, float]
    formulas: dict[str, float]
    guides: list[tuple[str, float, int, float, int]]
    x_max: float | None
    h: float

    @property
    def text(self) -> dict[str, str]:
        """The numbers the caption quotes (a measurement that had too few steps in the band reads "—")."""
        m = {r: ("—" if math.isnan(v) else f"{v:.4g}") for r, v in self.measured.items()}
        return dict(lo=f"{GROWTH_BAND[0]:g}", hi=f"{GROWTH_BAND[1]:g}", gd_m=m["sgd"], mom_m=m["momentum"],
                    gd_f=f"{self.formulas['gd']:.4g}", root=f"{self.formulas['root']:.4g}",
                    approx=f"{self.formulas['approx']:.4g}", h=f"{self.h:.3g}", small=f"{(1 - MOMENTUM) ** 2:.3g}")


def growth(lr: float) -> Growth:
    """The `Growth` at learning rate ``lr`` (β = `MOMENTUM`)."""
    surface = landscapes.get("saddle")
    b = float(surface.params["b"])
    y = {r: optimizers.run(surface, r, (SADDLE_X0, GROWTH_Y0), STEPS, **hp(r, lr)).xy[:, 1] for r in ("sgd", "momentum")}
    measured = {r: measured_growth(v, *GROWTH_BAND) for r, v in y.items()}
    formulas = {"gd": growth_gd(b, lr), "root": growth_momentum(b, lr, MOMENTUM),
                "approx": growth_momentum_approx(b, lr, MOMENTUM)}
    guides = []
    for rule, key in (("sgd", "gd"), ("momentum", "root"), ("momentum", "approx")):
        _, first, last = measured[rule]
        y_first = abs(float(y[rule][first]))
        if y_first > 0 and last > first:
            guides.append((key, formulas[key], first, y_first, last))
    out = np.flatnonzero(np.abs(np.nan_to_num(y["sgd"])) > 1.0)
    return Growth(y, {r: m[0] for r, m in measured.items()}, formulas, guides, 1.3 * out[0] if out.size else None,
                  2 * b * lr)


# ----------------------------------------------------------------------------
# adaptive steps at a saddle: the axis-aligned one and the same saddle turned by 45°


@functools.lru_cache(maxsize=1)
def rotated_saddle():
    """f = 2xy + (x − y)⁴/16: the page's saddle (a = b = 1, c = 1/4) with its axes along the diagonals."""
    return landscapes.from_expression(ROTATED, domain=((-3.0, 3.0), (-3.0, 3.0)))


def rotated_point(u: float, w: float) -> tuple[float, float]:
    """(x, y) of the point u along the way in, w along the way out of the turned saddle."""
    r = math.sqrt(0.5)
    return (r * (u + w), r * (u - w))


def adaptive(turned: bool) -> tuple[object, dict[str, Trajectory], dict[str, int]]:
    """The adaptive rules at the saddle, turned or along the axes: the surface, each rule's run from
    (`SADDLE_X0`, `ADAPTIVE_Y0`) (turned with it) and its steps within `ADAPTIVE_RADIUS` of the saddle."""
    surface = rotated_saddle() if turned else landscapes.get("saddle")
    start = rotated_point(SADDLE_X0, ADAPTIVE_Y0) if turned else (SADDLE_X0, ADAPTIVE_Y0)
    runs = {rule: optimizers.run(surface, rule, start, STEPS, learning_rate=ADAPTIVE_LR) for rule in ADAPTIVE_RULES}
    return surface, runs, {rule: steps_near(tr.xy, SADDLE, ADAPTIVE_RADIUS) for rule, tr in runs.items()}


# ----------------------------------------------------------------------------
# a plateau


@dataclass(frozen=True)
class Plateau:
    """GD, heavy ball and Adam on the plateau of well radius w: the surface, each rule's run, ‖∇f‖ at the start,
    each first step's length, the first step with f < `PLATEAU_REACH` (None: never), and float32's spacing of
    positions at the start (GD's first step may be below it)."""

    surface: object
    runs: dict[str, Trajectory]
    grad0: float
    first: dict[str, float]
    reach: dict[str, int | None]
    spacing: float

    @property
    def text(self) -> dict[str, str]:
        """The numbers the caption quotes: ‖∇f‖ at the start, GD's first step η‖∇f‖, float32's spacing, Adam's step."""
        return dict(grad=f"{self.grad0:.3g}", gd_step=f"{PLATEAU_LR * self.grad0:.3g}", spacing=f"{self.spacing:.2g}",
                    adam_step=f"{self.first['adam']:.3g}")


def plateau(width: float) -> Plateau:
    surface = landscapes.get("plateau", width=width)
    runs = {rule: optimizers.run(surface, rule, None, STEPS, **hp(rule, PLATEAU_LR)) for rule in PLATEAU_RULES}
    return Plateau(surface, runs, float(np.linalg.norm(np.asarray(surface.grad(surface.start)))),
                   {r: float(np.linalg.norm(tr.xy[1] - tr.xy[0])) for r, tr in runs.items()},
                   {r: tr.steps_to(PLATEAU_REACH) for r, tr in runs.items()},
                   float(np.spacing(np.float32(max(abs(c) for c in surface.start)))))
