r"""Lesson 4's computations: AdaGrad, RMSProp and Adam, measured with the engine and checked against closed forms.

1. The race (`race`): GD and the three adaptive rules on the same narrow valley, once along the axes and once
   turned; the same start relative to the valley (`turned_start`). GD is rotation-invariant; the adaptive rules
   divide each *coordinate* by its own gradient scale, which separates the valley's directions only when they
   are the coordinates. That is this 2-D demo's claim, measured by `arrival`.
2. The long run under gradient noise σ: AdaGrad's effective learning rate :math:`\eta/\sqrt{G_t+\epsilon}`, with
   :math:`G_t = G_0 + \sum_{k\le t} g_k^2 \approx G_0 + \sigma^2 t`, falls like :math:`c/\sqrt t` with
   :math:`c \approx \eta/\sigma` (`root_t_fit`). Its partial sums (`partial_sums`) grow like :math:`2c\sqrt t`
   without bound (:math:`\sum 1/\sqrt k = \infty`): AdaGrad slows, it does not stop.
   RMSProp's :math:`\nu` averages about :math:`1/(1-\rho)` squared gradients, so its step holds at about
   :math:`\eta/\sigma` and wobbles by :math:`\sqrt{(1-\rho)/(2(1+\rho))}` (`wobble`, `wobble_theory`):
   about 16 % for ρ = 0.9, 5 % for ρ = 0.99.
3. Each rule's first update in closed form, ε where the code puts it (`first_update`):
   AdaGrad :math:`-\eta g/\sqrt{G_0 + g^2 + \epsilon}`, RMSProp :math:`-\eta g/\sqrt{(1-\rho)g^2 + \epsilon}`
   (ε inside the root, optax's default), Adam :math:`-\eta\,\hat m/(\sqrt{\hat v} + \epsilon)` (ε outside).
4. The course notes' Adam loop writes the bias-corrected values back into ``m`` and ``v``
   (``m_w = m_w/(1-beta1**(i+1))``), so the next step corrects them again: `adam_loop` runs it and the
   correct loop; `overwritten_scale` is what the stored average becomes for a steady gradient.

Pure: runs of the engine and NumPy loops, no Streamlit, no plotly.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable, Mapping

import jax
import numpy as np

import landscapes
import optimizers
from lab import scene as sc

from . import curvature
from .momentum import arrival  # lesson 3's reading of a run

KAPPA = 30.0  # the valley's condition number
START_UV = (-2.4, 1.6)  # the start in the valley's own axes (u along the floor, v across): it turns with the valley
RACE_STEPS = 400
RACE_LR = {"sgd": 1.0, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1}

LONG_STEPS = 2000
LONG_LR = {"adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1}
RHOS = (0.9, 0.99)  # RMSProp's usual decays, run side by side
FIT_FROM = 200  # AdaGrad's c/√t is fitted on steps FIT_FROM … the end (G₀ and the first big gradients have faded)

# the rules' own defaults (G₀, ε, ρ, …): what the page's formulas show
RULE_DEFAULTS = {r: optimizers.rule_info(r).defaults for r in ("adagrad", "rmsprop", "adam")}
FIRST_STEPS = 40  # Adam's first steps, with and without bias correction
ADAM_DEFAULTS = {"learning_rate": 0.001, "b1": 0.9, "b2": 0.999, "eps": 1e-8}  # Kingma & Ba, Algorithm 1


# ----------------------------------------------------------------------------
# 1) the race


def valley(condition: float = KAPPA, angle: float = 0.0):
    """The narrow quadratic valley, turned by ``angle`` (radians) from the axes."""
    return landscapes.get("quadratic", condition=condition, angle=angle)


def turned_start(angle: float) -> tuple[float, float]:
    """(x, y) = R(angle)(u, v): the same start relative to the valley at every angle."""
    (u, v), c, s = START_UV, math.cos(angle), math.sin(angle)
    return (c * u - s * v, s * u + c * v)


def race(condition: float, angle: float, steps: int = RACE_STEPS, rates: Mapping[str, float] = RACE_LR,
         g0: float | None = None) -> dict:
    """Every rule of ``rates`` ({rule: η}) on the valley turned by ``angle``, from `turned_start`: {rule: Trajectory}.

    ``g0``: AdaGrad's starting sum G₀ (None: the rule's default, optax's 0.1).
    """
    surface, start = valley(condition, angle), turned_start(angle)
    extra = {"adagrad": {} if g0 is None else {"initial_accumulator_value": g0}}
    return {r: optimizers.run(surface, r, start=start, steps=steps, learning_rate=lr, **extra.get(r, {}))
            for r, lr in rates.items()}


def race_scene(condition: float, angle: float) -> sc.Scene:
    """The race on the turned valley as a Playground scene."""
    return sc.Scene(surface="quadratic", surface_params={"condition": condition, "angle": angle},
                    start=turned_start(angle), steps=RACE_STEPS,
                    contestants=[sc.Contestant(r, {"learning_rate": lr}) for r, lr in RACE_LR.items()])


# ----------------------------------------------------------------------------
# 2) the long run


def long_runs(noise: float, g0: float, steps: int = LONG_STEPS, condition: float = KAPPA, seed: int = 0) -> dict:
    """AdaGrad (starting sum ``g0``), RMSProp at each of `RHOS` and Adam on the valley with gradient noise σ.

    Keys: ``"adagrad"``, ``"rmsprop-0.9"``, ``"rmsprop-0.99"``, ``"adam"``; each trajectory records
    ``state["effective_lr"]`` (per coordinate) and ``state["second_moment"]``.
    """
    surface = valley(condition)
    common = dict(steps=steps, noise=noise, seed=seed)
    out = {"adagrad": optimizers.run(surface, "adagrad", learning_rate=LONG_LR["adagrad"],
                                     initial_accumulator_value=g0, **common)}
    for rho in RHOS:
        out[f"rmsprop-{rho:g}"] = optimizers.run(surface, "rmsprop", learning_rate=LONG_LR["rmsprop"], decay=rho, **common)
    out["adam"] = optimizers.run(surface, "adam", learning_rate=LONG_LR["adam"], **common)
    return out


def root_t_fit(series: np.ndarray, start: int = FIT_FROM) -> tuple[float, float]:
    """Fit ``series[t-1] ≈ c/√t`` on steps ``start`` … ``len(series)`` (on log axes: the geometric mean of s·√t).

    Returns ``(c, worst)``: the constant and the largest relative miss ``|s·√t / c − 1|`` over those steps.
    """
    s = np.asarray(series, dtype=np.float64)
    t = np.arange(1, s.size + 1, dtype=np.float64)
    scaled = (s * np.sqrt(t))[start - 1:]
    c = float(np.exp(np.mean(np.log(scaled))))
    return c, float(np.max(np.abs(scaled / c - 1.0)))


def root_t(c: float, steps: int) -> np.ndarray:
    """c/√t for t = 1 … steps."""
    return c / np.sqrt(np.arange(1, steps + 1, dtype=np.float64))


def partial_sums(series: np.ndarray) -> np.ndarray:
    """S_t = Σ_{k ≤ t} series_k: how far steps of these sizes can still carry the iterate."""
    return np.cumsum(np.asarray(series, dtype=np.float64))


def wobble(series: np.ndarray, start: int) -> float:
    """The relative spread std/mean of ``series`` from step ``start`` on (the measured wobble of a step size)."""
    s = np.asarray(series, dtype=np.float64)[start - 1:]
    return float(np.std(s) / np.mean(s))


def wobble_theory(rho: float) -> float:
    r"""RMSProp's step wobble under pure Gaussian noise: :math:`\sqrt{(1-\rho)/(2(1+\rho))}`.

    ν averages g² with weights (1−ρ)ρᵏ: mean σ², variance 2σ⁴(1−ρ)²Σρ²ᵏ = 2σ⁴(1−ρ)/(1+ρ). The step
    goes as ν^(−1/2), so its relative spread is half of ν's (to first order).
    """
    return math.sqrt((1.0 - rho) / (2.0 * (1.0 + rho)))


# ----------------------------------------------------------------------------
# 3) the first update of each rule, as its code computes it


def first_update(rule: str, g, **hp) -> np.ndarray:
    """The first update u₁ (θ₁ = θ₀ + u₁) of ``rule`` for the gradient ``g``, with the rule's defaults for what
    ``hp`` leaves out; ε sits where the rule's code puts it."""
    h = {**optimizers.rule_info(rule).defaults, **hp}
    g = np.asarray(g, dtype=np.float64)
    eta, eps = h["learning_rate"], h["eps"]
    if rule == "adagrad":
        G = h["initial_accumulator_value"] + g * g
        # −η g / √(G₀ + g² + ε); optax leaves a coordinate with G = 0 alone
        return np.where(G > 0, -eta * g / np.sqrt(G + eps), 0.0)
    if rule == "rmsprop":
        nu = h["decay"] * h["initial_scale"] + (1 - h["decay"]) * g * g
        # −η g / √(ν + ε) (optax's default), or −η g / (√ν + ε)
        return -eta * g / (np.sqrt(nu + eps) if h["eps_in_sqrt"] else np.sqrt(nu) + eps)
    if rule == "adam":
        m, v = (1 - h["b1"]) * g, (1 - h["b2"]) * g * g
        if h["bias_correction"]:
            m, v = m / (1 - h["b1"]), v / (1 - h["b2"])
        # −η m̂ / (√v̂ + ε)
        return -eta * m / (np.sqrt(v) + eps)
    raise ValueError(f"no closed form for {rule!r}")


def adam_first_steps(steps: int = FIRST_STEPS, **hp) -> dict:
    """Adam on the valley (axes, default start) with and without bias correction: {True: Trajectory, False: …}."""
    return {bc: optimizers.run(valley(), "adam", steps=steps, bias_correction=bc, **hp) for bc in (True, False)}


# ----------------------------------------------------------------------------
# 4) the notes' Adam loop


NOTES_PROBE = 20  # the step at which the two loops' step lengths are compared
# the notes' loop (its w half) and the correct one: what `adam_loop` runs with and without ``overwrite``
NOTES_CODE = """m_w = beta1 * m_w + (1 - beta1) * dw
v_w = beta2 * v_w + (1 - beta2) * dw**2
m_w = m_w / (1 - beta1**(i + 1))
v_w = v_w / (1 - beta2**(i + 1))
w = w - eta * m_w / np.sqrt(v_w + eps)"""
FIXED_CODE = """m_w = beta1 * m_w + (1 - beta1) * dw
v_w = beta2 * v_w + (1 - beta2) * dw**2
m_hat = m_w / (1 - beta1**(i + 1))
v_hat = v_w / (1 - beta2**(i + 1))
w = w - eta * m_hat / (np.sqrt(v_hat) + eps)"""


def quadratic_gradient(surface) -> Callable[[np.ndarray], np.ndarray]:
    """∇f(θ) = H(θ − θ*) for a quadratic surface (its Hessian from `jax.hessian` in float64, at its minimum)."""
    centre = np.asarray(surface.minima[0], dtype=np.float64)
    with jax.enable_x64(True):
        hessian = curvature.hessians(surface, centre)
    return lambda theta: hessian @ (theta - centre)


def adam_loop(grad: Callable[[np.ndarray], np.ndarray], start, steps: int, *, learning_rate: float, b1: float,
              b2: float, eps: float = 1e-8, overwrite: Iterable[str] = (), eps_in_sqrt: bool = False) -> np.ndarray:
    """Adam written out as the notes write it; positions, shape (steps + 1, 2).

    ``overwrite``: the moments (``"m"``, ``"v"``) the loop replaces by their bias-corrected values, as the
    notes' ``m_w = m_w/(1-beta1**(i+1))`` does. ``eps_in_sqrt``: divide by √(v̂ + ε), as the notes do, instead
    of √v̂ + ε. Neither: Adam as Kingma & Ba (and optax) run it. A second moment that overflows makes the
    step 0 (an infinite √v̂).
    """
    overwrite = frozenset(overwrite)
    theta = np.asarray(start, dtype=np.float64).copy()
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    out = [theta.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            g = grad(theta)
            # m_t = β₁ m_{t−1} + (1−β₁) g_t,   v_t = β₂ v_{t−1} + (1−β₂) g_t²
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            # m̂_t = m_t / (1−β₁ᵗ),   v̂_t = v_t / (1−β₂ᵗ)
            m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
            if "m" in overwrite:  # the notes: m_w = m_w/(1-beta1**(i+1))
                m = m_hat
            if "v" in overwrite:
                v = v_hat
            # θ_{t+1} = θ_t − η m̂_t / (√v̂_t + ε)   (the notes: / √(v̂_t + ε))
            root = np.sqrt(v_hat + eps) if eps_in_sqrt else np.sqrt(v_hat) + eps
            step = np.where(np.isinf(v_hat), 0.0, learning_rate * m_hat / root)
            theta = theta - step
            out.append(theta.copy())
    return np.stack(out)


def overwritten_scale(beta: float, steps: int) -> np.ndarray:
    r"""What an overwritten average holds for a steady input (1 every step), t = 1 … steps.

    Correct: :math:`\hat m_t = 1` at every t. Overwritten: :math:`a_t = (\beta a_{t-1} + 1 - \beta)/(1-\beta^t)`,
    :math:`a_0 = 0`: the correction is applied again at every step, so :math:`a_2 = 1/(1-\beta^2)`, … For
    ``m`` this scales the gradient average; for ``v`` the squared one (the step then goes as
    :math:`a^{(\beta_1)}_t/\sqrt{a^{(\beta_2)}_t}`).
    """
    a, out = 0.0, np.empty(steps)
    with np.errstate(over="ignore"):
        for t in range(1, steps + 1):
            a = (beta * a + 1 - beta) / (1 - beta**t)
            out[t - 1] = a
    return out


def step_lengths(xy: np.ndarray) -> np.ndarray:
    """‖θ_{t+1} − θ_t‖ for every step."""
    return np.linalg.norm(np.diff(np.asarray(xy, dtype=np.float64), axis=0), axis=1)


NOTES_STEPS = 200  # the notes' loop, and the correct one
NOTES_HP = dict(learning_rate=0.05, b1=0.9, b2=0.99, eps=1e-8)
NOTES_START = (1.0, 1.0)  # the notes' w, b = 1, 1


def notes_loops(overwrite: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """On the line fit: the correct Adam loop and the notes' one (overwriting ``overwrite``, ε inside the root)."""
    grad = quadratic_gradient(landscapes.get("linear_regression"))
    correct = adam_loop(grad, NOTES_START, NOTES_STEPS, **NOTES_HP)
    return correct, adam_loop(grad, NOTES_START, NOTES_STEPS, overwrite=overwrite, eps_in_sqrt=True, **NOTES_HP)


def notes_reading(correct: np.ndarray, notes: np.ndarray) -> dict[str, float]:
    """What the page says of the two loops: each one's distance left to the minimum, the start's, and how many
    times longer the notes' step is at `NOTES_PROBE`."""
    best = np.asarray(landscapes.get("linear_regression").minima[0])
    k = NOTES_PROBE - 1
    return {"correct": float(np.linalg.norm(correct[-1] - best)), "notes": float(np.linalg.norm(notes[-1] - best)),
            "start": float(np.linalg.norm(correct[0] - best)), "ratio": float(step_lengths(notes)[k] / step_lengths(correct)[k])}


# ----------------------------------------------------------------------------
# 5) what the page reads off the rules


def g0_effect(g0: float, kappa: float) -> tuple[float, float, float, list[int | None]]:
    """AdaGrad's starting sum G₀ at work: the flat coordinate's gradient at the valley's start, its first update
    with G₀ = ``g0`` and with 0, and the arrival on the κ = ``kappa`` valley with each."""
    surface = valley()
    gx = float(np.asarray(surface.grad(np.asarray(surface.start)))[0])
    first, plain = (first_update("adagrad", [gx, 1.0], initial_accumulator_value=v)[0] for v in (g0, 0.0))
    only = {"adagrad": RACE_LR["adagrad"]}
    return gx, float(first), float(plain), [arrival(race(kappa, 0.0, rates=only, g0=v)["adagrad"]) for v in (g0, 0.0)]


def bias_ratio(**hp) -> tuple[float, float]:
    """How many times longer Adam's first step is without bias correction, at the valley's start: from the first
    updates' closed forms, and the simple (1 − β₁)/√(1 − β₂) that ignores ε."""
    surface = valley()
    g = np.asarray(surface.grad(np.asarray(surface.start)), dtype=np.float64)
    off, on = (np.linalg.norm(first_update("adam", g, bias_correction=bc, **hp)) for bc in (False, True))
    return float(off / on), (1 - hp["b1"]) / math.sqrt(1 - hp["b2"])


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(x: float) -> str:
    """A slider's value: 0.9, or 10⁻⁸ for a small power of ten."""
    k = round(math.log10(x)) if x > 0 else 0
    return f"10{str(k).translate(SUPERSCRIPT)}" if x < 1e-3 and math.isclose(x, 10.0**k) else f"{x:g}"


def power(x: float) -> str:
    """A power of ten in LaTeX: 1e-07 -> 10^{-7}."""
    return f"10^{{{round(math.log10(x))}}}"


def adagrad_formula(g0: float) -> str:
    """AdaGrad as its code runs it (optax's scale_by_rss): the starting sum G₀, ε inside the root."""
    eps = power(RULE_DEFAULTS["adagrad"]["eps"])
    return (rf"\text{{AdaGrad:}}\quad G_0 = {g0:g},\quad G_t = G_{{t-1}} + g_t^2,\qquad"
            rf"\theta_{{t+1}} = \theta_t - \frac{{\eta}}{{\sqrt{{G_t + \epsilon}}}}\, g_t,\quad \epsilon = {eps}")


def formulas() -> tuple[str, ...]:
    """The three rules in LaTeX as their code runs them: G₀ and ε where optax and optimizers/*.py put them."""
    rms, ada = RULE_DEFAULTS["rmsprop"], RULE_DEFAULTS["adam"]
    root = r"\sqrt{\nu_t + \epsilon}" if rms["eps_in_sqrt"] else r"(\sqrt{\nu_t} + \epsilon)"
    return (
        adagrad_formula(RULE_DEFAULTS["adagrad"]["initial_accumulator_value"]),
        rf"\text{{RMSProp:}}\quad \nu_0 = {rms['initial_scale']:g},\quad \nu_t = \rho\,\nu_{{t-1}} + (1-\rho)\,g_t^2,"
        rf"\qquad \theta_{{t+1}} = \theta_t - \frac{{\eta}}{{{root}}}\, g_t,\quad \epsilon = {power(rms['eps'])}",
        r"\text{Adam:}\quad m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,",
        r"\hat m_t = \frac{m_t}{1-\beta_1^t},\qquad \hat v_t = \frac{v_t}{1-\beta_2^t},\qquad"
        rf"\theta_{{t+1}} = \theta_t - \frac{{\eta\,\hat m_t}}{{\sqrt{{\hat v_t}} + \epsilon}},\quad \epsilon = {power(ada['eps'])}",
    )
