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

Pure: runs of the engine and small `lax.scan` loops, no Streamlit, no plotly.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

import landscapes
import optimizers

SLOPE = (0.6, 0.8)  # the plane's gradient: length 1
PLANE = f"{SLOPE[0]}*x + {SLOPE[1]}*y"
PLANE_HALF_WIDTH = 1e4  # the plane's domain: the run must stay far inside the engine's divergence bound
STEADY_STEPS = 1000  # β^1000 < 5e-5 for β ≤ 0.99


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
