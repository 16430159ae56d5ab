r"""Lesson 3's computations: momentum's step on a constant slope, and Nesterov's two forms.

1. On a constant gradient ``g`` heavy ball's velocity sums a geometric series,
   :math:`v_t = (1 + \beta + \dots + \beta^{t-1})\,g \to g/(1-\beta)`, so its step tends to
   :math:`\eta\lVert g\rVert/(1-\beta)`: 1/(1−β) times GD's, an effective learning rate η/(1−β).
   `steady_step_ratio` measures it with the engine.
2. Nesterov in the notes' (Sutskever's) form takes the gradient at the look-ahead point,

   .. math:: V_t = \beta V_{t-1} - \eta\nabla f(x_t + \beta V_{t-1}), \qquad x_{t+1} = x_t + V_t,

   while the engine (optax, PyTorch) runs Bengio, Boulanger-Lewandowski and Pascanu's (2013) rewriting,

   .. math:: v_t = \beta v_{t-1} + \nabla f(\theta_t), \qquad \theta_{t+1} = \theta_t - \eta\,(\nabla f(\theta_t) + \beta v_t).

   With :math:`\theta_t = x_t + \beta V_{t-1}` and :math:`V_t = -\eta v_t` they are the same method.
   `nesterov_notes_form` runs the first form; `notes_to_engine` maps it onto the second.
3. Nesterov's (1983) guarantee on an L-smooth convex function: with η = 1/L and the growing
   momentum :math:`\beta_t = (t-1)/(t+2)`, :math:`f(x_t) - f^\star \le 2L\lVert x_0 - x^\star\rVert^2/(t+1)^2`
   (the form of Su, Boyd & Candès 2016, Theorem 6). `nesterov_convex` runs that schedule; `nesterov_bound` is
   the right-hand side.
4. One Nesterov step read back from the engine's run in the notes' variables (`lookahead_at`), beside the
   heavy-ball step from the same point (`heavy_ball_instead`).
5. The textbooks' three forms of momentum (heavy ball, ``v ← βv + g``; the notes' ``v ← βv + ηg``; the
   average ``v ← βv + (1−β)g``) run side by side (`three_forms`) and their distance (`distance_between`).
6. Heavy ball's rate on a quadratic with curvatures in [μ, L], κ = L/μ, tuned as Polyak (1964) showed:

   .. math:: \eta^\star = \frac{4}{(\sqrt L + \sqrt\mu)^2},\qquad
             \beta^\star = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2,\qquad
             \text{rate } \sqrt{\beta^\star} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}

   (`polyak`, the code base's one copy), against gradient descent's best 2/(L + μ) with rate (κ − 1)/(κ + 1)
   (`gd_optimum`), and the rate measured over an (η, β) grid by one sweep of the engine (`measured_rate_map`,
   Goh 2017's figure).

Pure: runs of the engine and small `lax.scan` loops, no Streamlit, no plotly.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

import landscapes
import optimizers

from .gradient_descent import best_constant_rate

SLOPE = (0.6, 0.8)  # the plane's gradient: length 1
PLANE = f"{SLOPE[0]}*x + {SLOPE[1]}*y"
PLANE_HALF_WIDTH = 1e4  # the plane's domain: the run must stay far inside the engine's divergence bound
STEADY_STEPS = 1000  # β^1000 < 5e-5 for β ≤ 0.99
TOL = 1e-6  # "arrived": the loss is below this fraction of where it started


@functools.lru_cache(maxsize=1)
def plane():
    """f = 0.6x + 0.8y: the same gradient, of length 1, everywhere."""
    w = PLANE_HALF_WIDTH
    return landscapes.from_expression(PLANE, domain=((-w, w), (-w, w)), start=(0.0, 0.0))


def steady_step_ratio(learning_rate: float, beta: float, steps: int = STEADY_STEPS) -> float:
    """Heavy ball's last step on the plane, measured, divided by GD's step η‖g‖ (theory: (1 − β^steps)/(1 − β))."""
    traj = optimizers.run(plane(), "momentum", (0.0, 0.0), steps, learning_rate=learning_rate, momentum=beta,
                          dtype="float64")
    last = np.linalg.norm(traj.xy[-1] - traj.xy[-2])
    return float(last / (learning_rate * np.hypot(*SLOPE)))


def steady_step_theory(beta: float, steps: int | None = None) -> float:
    """1/(1 − β), or after ``steps`` steps the partial sum 1 + β + … + β^(steps−1)."""
    return 1.0 / (1.0 - beta) if steps is None else (1.0 - beta**steps) / (1.0 - beta)


def _float64(surface, start):
    """The surface's parameters and the start as float64 arrays (inside `jax.enable_x64`)."""
    return {k: jnp.asarray(v, jnp.float64) for k, v in surface.params.items()}, jnp.asarray(start, jnp.float64)


@functools.partial(jax.jit, static_argnums=(0, 5))
def _notes_scan(value, params, start, lr, beta, steps):
    grad = jax.grad(lambda p: value(p, params, None))

    def body(carry, _):
        x, V = carry
        # V_t = β V_{t−1} − η ∇f(x_t + β V_{t−1});  x_{t+1} = x_t + V_t
        V = beta * V - lr * grad(x + beta * V)
        return (x + V, V), (x + V, V)

    _, (xs, Vs) = jax.lax.scan(body, (start, jnp.zeros_like(start)), None, length=steps)
    return xs, Vs


def nesterov_notes_form(surface, start, learning_rate: float, beta: float, steps: int):
    """The notes' Nesterov, run directly in float64: positions x_0..x_steps (steps+1, 2) and velocities V_0..V_{steps−1}."""
    with jax.enable_x64(True):
        params, x0 = _float64(surface, start)
        xs, Vs = _notes_scan(surface.value, params, x0, jnp.float64(learning_rate), jnp.float64(beta), steps)
        xs, Vs = np.asarray(xs), np.asarray(Vs)
    return np.concatenate([np.asarray(start, np.float64)[None], xs]), Vs


def notes_to_engine(xs: np.ndarray, Vs: np.ndarray, beta: float) -> np.ndarray:
    """θ_t = x_t + βV_{t−1} (V_{−1} = 0): the notes' positions as the iterates the engine stores, t = 0..steps−1."""
    V_prev = np.concatenate([np.zeros((1, 2)), Vs[:-1]])
    return xs[:-1] + beta * V_prev


def forms_gap(surface, start, learning_rate: float, beta: float, steps: int, dtype: str = "float32") -> float:
    """The largest distance between the engine's Nesterov iterates and the notes' form mapped by θ_t = x_t + βV_{t−1}."""
    traj = optimizers.run(surface, "nesterov", start, steps, learning_rate=learning_rate, momentum=beta, dtype=dtype)
    xs, Vs = nesterov_notes_form(surface, start, learning_rate, beta, steps)
    theta = notes_to_engine(xs, Vs, beta)
    n = len(theta) if traj.diverged_at is None else min(len(theta), traj.diverged_at + 1)
    return float(np.max(np.linalg.norm(traj.xy[:n] - theta[:n], axis=1))) if n else 0.0


def valley_forms_gap(kappa: float, learning_rate: float, beta: float, steps: int) -> float:
    """`forms_gap` on the κ = ``kappa`` quadratic valley from its start, in the engine's float32."""
    surface = landscapes.get("quadratic", condition=kappa)
    return forms_gap(surface, surface.start, learning_rate, beta, steps)


@functools.partial(jax.jit, static_argnums=(0, 4))
def _convex_scan(value, params, start, lr, steps):
    grad = jax.grad(lambda p: value(p, params, None))

    def body(carry, t):
        x, x_prev = carry  # x_{t−1}, x_{t−2} (x_{−1} = x_0)
        # y_{t−1} = x_{t−1} + (k − 1)/(k + 2) (x_{t−1} − x_{t−2}) with k = t − 1;  x_t = y_{t−1} − η ∇f(y_{t−1})
        y = x + (t - 2.0) / (t + 1.0) * (x - x_prev)
        x_new = y - lr * grad(y)
        return (x_new, x), value(x_new, params, None)

    _, losses = jax.lax.scan(body, (start, start), jnp.arange(1, steps + 1, dtype=start.dtype))
    return losses


def nesterov_convex(surface, start, L: float, steps: int) -> np.ndarray:
    """f(x_t) for t = 0..steps of Nesterov's method with η = 1/L and β_k = (k − 1)/(k + 2), in float64."""
    with jax.enable_x64(True):
        params, x0 = _float64(surface, start)
        losses = np.asarray(_convex_scan(surface.value, params, x0, jnp.float64(1.0 / L), steps))
        f0 = float(surface.value(x0, params, None))
    return np.concatenate([[f0], losses])


def nesterov_bound(L: float, distance: float, steps: int) -> np.ndarray:
    """2L‖x_0 − x*‖²/(t + 1)² for t = 0..steps: the O(1/t²) guarantee on an L-smooth convex function."""
    t = np.arange(steps + 1)
    return 2.0 * L * distance**2 / (t + 1.0) ** 2


def arrival(traj, tol: float = TOL) -> int | None:
    """The first step whose loss is below ``tol`` times the starting loss (None: not within the run)."""
    return traj.steps_to(tol * float(traj.loss[0]))


# ----------------------------------------------------------------------------
# 4) Nesterov's look-ahead, reconstructed from the engine's trajectory


@dataclass(frozen=True)
class LookAhead:
    """One Nesterov step in the notes' (Sutskever's) variables, at step ``k``.

    The engine runs the form optax and PyTorch use (Bengio et al. 2013), whose iterate
    θ_k is the look-ahead point x_k + βV_{k-1}. The notes' position is therefore
    x_k = θ_k − βV_{k-1} with V_{k-1} = −η v_{k-1}, and their step is
    V_k = βV_{k-1} − η∇f(x_k + βV_{k-1}).
    """

    k: int
    position: np.ndarray  # x_k, where the notes' iterate stands
    lookahead: np.ndarray  # x_k + βV_{k-1} = θ_k, where the gradient is taken
    gradient: np.ndarray  # ∇f at the look-ahead point (the engine's g_k)
    velocity_step: np.ndarray  # βV_{k-1}
    gradient_step: np.ndarray  # −η ∇f(look-ahead)
    next_position: np.ndarray  # x_{k+1} = x_k + V_k
    beta: float
    lr: float


def notes_positions(traj) -> np.ndarray:
    """The notes' iterates x_k = θ_k + β η_{k-1} v_{k-1} of a Nesterov run (x_0 = θ_0); (steps+1, 2)."""
    beta = float(traj.hyperparams["momentum"])
    xs = traj.xy.astype(np.float64).copy()
    xs[1:] += beta * traj.lr[:, None].astype(np.float64) * traj.state["velocity"].astype(np.float64)
    return xs


def lookahead_at(traj, k: int) -> LookAhead:
    """Nesterov's step ``k`` from the trajectory's own data: ``xy``, ``state["velocity"]``, ``grad``, ``lr``."""
    if not 1 <= k < traj.steps:
        raise ValueError(f"k must be between 1 and {traj.steps - 1}, got {k}")
    beta = float(traj.hyperparams["momentum"])
    theta = traj.xy[k].astype(np.float64)
    # V_{k-1} = −η_{k-1} v_{k-1}: the velocity in position units
    V_prev = -float(traj.lr[k - 1]) * traj.state["velocity"][k - 1].astype(np.float64)
    g = traj.grad[k].astype(np.float64)
    lr = float(traj.lr[k])
    position = theta - beta * V_prev  # x_k
    gradient_step = -lr * g
    return LookAhead(k, position, theta, g, beta * V_prev, gradient_step, theta + gradient_step, beta, lr)




@dataclass(frozen=True)
class HeavyBall:
    """What heavy ball would do from the same x_k and velocity: its gradient ∇f(x_k) and where it lands,
    beside the loss after each method's step."""

    gradient: np.ndarray
    next_position: np.ndarray
    f_nesterov: float
    f_heavy_ball: float


def heavy_ball_instead(surface, step: LookAhead) -> HeavyBall:
    """Heavy ball's step from Nesterov's x_k: the same velocity step, the gradient taken at x_k, not ahead."""
    g = np.asarray(surface.grad(step.position), dtype=np.float64)
    landing = step.lookahead - step.lr * g
    return HeavyBall(g, landing, float(surface.f(step.next_position)), float(surface.f(landing)))


# ----------------------------------------------------------------------------
# 5) three textbook forms of momentum

FORMS = ("heavy_ball", "textbook", "average")


def three_forms(surface, learning_rate: float, beta: float, steps: int, period: int | None = None) -> dict:
    """The three forms from the surface's start, {form: Trajectory}; ``period``: η halves every ``period`` steps.

    The average form's velocity is (1 − β) times heavy ball's, so it runs at η/(1 − β) to take the same steps.
    """
    sched = dict(schedule="step", transition_steps=period, decay_rate=0.5) if period else {}
    common = dict(steps=steps, momentum=beta, **sched)
    rates = {"heavy_ball": learning_rate, "textbook": learning_rate, "average": learning_rate / (1 - beta)}
    return {f: optimizers.run(surface, "momentum", learning_rate=rates[f], form=f, **common) for f in FORMS}


def distance_between(a, b) -> np.ndarray:
    """‖x_a − x_b‖ at every step (floored for a log axis; NaN after either diverged)."""
    n = min(a.last, b.last) + 1
    d = np.full(a.xy.shape[0], np.nan)
    d[:n] = np.linalg.norm(a.xy[:n].astype(np.float64) - b.xy[:n].astype(np.float64), axis=1)
    return d




# ----------------------------------------------------------------------------
# 6) the convergence-rate map (Goh 2017, fig. "momentum's rate over α and β")

MAP_ETAS = np.arange(1, 49) / 12.0  # η from 1/12 to 4: heavy ball is stable up to η = 2(1+β)/L
MAP_BETAS = np.linspace(0.0, 0.98, 48)
MAP_LADDER = (25, 50, 100, 200, 400)  # a few step counts, so a few programs are compiled
FLOAT32_DECADES = 36.0  # of the 38 decades a float32 loss can fall before it underflows: a margin


def polyak(kappa: float, L: float = 1.0) -> tuple[float, float, float]:
    """Polyak's tuning for heavy ball on a quadratic with curvatures in [L/κ, L]: (η*, β*, rate).

    η* = 4/(√L + √μ)², β* = ((√κ − 1)/(√κ + 1))², rate √β* = (√κ − 1)/(√κ + 1).
    """
    mu = L / kappa
    r = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    return 4.0 / (math.sqrt(L) + math.sqrt(mu)) ** 2, r * r, r


def gd_optimum(kappa: float, L: float = 1.0) -> tuple[float, float]:
    """Gradient descent's best step 2/(L + μ) (lesson 1's) and its rate (κ − 1)/(κ + 1)."""
    return best_constant_rate((L / kappa, L)), (kappa - 1) / (kappa + 1)


def map_steps(kappa: float) -> int:
    """The map's run length: the longest of `MAP_LADDER` over which the best run's loss stays clear of float32's floor.

    The best cell's loss falls like rate*^(2T): T ≤ decades / (2 · (−log₁₀ rate*)).
    """
    r = polyak(kappa)[2]
    if r <= 0:
        return MAP_LADDER[0]
    limit = FLOAT32_DECADES / (2 * -math.log10(r))
    return max([T for T in MAP_LADDER if T <= limit] or [MAP_LADDER[0]])


def map_start(kappa: float) -> tuple[float, float]:
    """The map's start: the flat and the steep direction hold equal shares of the loss (u²/κ = v²)."""
    return (-2.5, 2.5 / math.sqrt(kappa))


def rate_map(result, f0: float) -> np.ndarray:
    """Per-step contraction (f_T / f_0)^(1/(2T)) of every cell: the loss is a squared distance,
    so this estimates how much closer to the minimum each step brings the run. NaN where it diverged."""
    ratio = np.clip(result.final_loss / f0, 0.0, None)
    return ratio ** (1.0 / (2 * result.steps))


def best_cell(rate: np.ndarray) -> tuple[int, int]:
    """Indices (i, j) of the lowest rate (fastest convergence)."""
    return tuple(int(v) for v in np.unravel_index(np.nanargmin(rate), rate.shape))




def measured_rate_map(kappa: float) -> tuple[np.ndarray, int]:
    """Every (η, β) of `MAP_ETAS` × `MAP_BETAS` run at once by the engine on the κ valley: each cell's per-step
    rate (see `rate_map`), and the run length."""
    surface = landscapes.get("quadratic", condition=kappa)
    start, steps = map_start(kappa), map_steps(kappa)
    result = optimizers.sweep(surface, "momentum", start=start, steps=steps,
                              grid={"learning_rate": MAP_ETAS, "momentum": MAP_BETAS})
    return rate_map(result, float(surface.f(np.asarray(start)))), steps
