"""The `Surface` type every landscape returns, and the `Param` spec its parameters are described by.

A surface is a scalar loss of a length-2 position ``xy = (x, y)``. Its numeric
parameters (condition number, Rosenbrock's ``a`` and ``b``...) are kept apart
from its code, so the trajectory engine can pass them into a jitted function as
traced arguments: changing a parameter never recompiles.

Data surfaces (linear regression) also carry per-sample arrays. Their loss is the
mean of a per-sample loss, so a mini-batch gradient is the gradient of a weighted
mean over a subset of the samples.

Gradients and Hessians come only from `jax.grad` / `jax.hessian`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

Point = tuple[float, float]
Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Param:
    """One numeric parameter of a surface: its default and the range a slider should offer.

    Its slider's help, in both languages, is the catalogue's ``help.<surface>.<name>`` (`lab.texts`).
    """

    name: str
    default: float
    low: float
    high: float
    log: bool = False  # a slider over this range should be log-spaced
    structural: bool = False  # changes array shapes (e.g. n_samples): a new value recompiles
    integer: bool = False  # only whole numbers (a count, a seed)
    stops: tuple[float, ...] | None = None  # the only values the app offers (a structural one compiles per value)


@dataclass(frozen=True, eq=False)
class Surface:
    """A 2-D loss surface with its parameters bound.

    ``value(xy, params, data)`` is the pure `jnp` loss; ``params`` are the traced
    numeric parameters; ``data`` holds per-sample arrays (leading axis = sample)
    for data surfaces and is ``None`` otherwise, in which case
    ``sample_value(xy, params, sample)`` is the loss of one sample.
    """

    name: str
    title: str
    formula: str  # LaTeX
    value: Callable[..., jax.Array]
    params: Mapping[str, float]
    domain: Box
    minima: tuple[Point, ...]
    start: Point
    saddles: tuple[Point, ...] = ()
    specs: tuple[Param, ...] = ()
    data: Mapping[str, np.ndarray] | None = None
    sample_value: Callable[..., jax.Array] | None = None
    log_levels: bool = False  # contour levels should be log-spaced (steep walls, flat floors)
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, float] = field(default_factory=dict)  # every parameter as given to get(), for URLs

    # -- evaluation -------------------------------------------------------------
    # Each is one compiled program per surface function (`_compiled`), its numbers traced: a lesson that asks
    # for a gradient in a loop pays a dispatch (tens of µs), not JAX's op-by-op tracing (about 1 ms).
    def f(self, xy) -> jax.Array:
        """The loss at ``xy`` (a length-2 array)."""
        return _compiled(self.value, "f")(_as_float(xy), self._traced_params(), self._traced_data())

    def grad(self, xy) -> jax.Array:
        """Gradient of the loss at ``xy``, by `jax.grad`."""
        return _compiled(self.value, "grad")(_as_float(xy), self._traced_params(), self._traced_data())

    def hessian(self, xy) -> jax.Array:
        """Hessian of the loss at ``xy``, by `jax.hessian`."""
        return _compiled(self.value, "hessian")(_as_float(xy), self._traced_params(), self._traced_data())

    def grid(self, n: int = 120, domain: Box | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The loss on an ``n`` x ``n`` grid over ``domain``: ``(xs, ys, Z)`` with ``Z[i, j] = f(xs[j], ys[i])``."""
        (x0, x1), (y0, y1) = domain or self.domain
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        X, Y = np.meshgrid(xs, ys)
        pts = _as_float(np.stack([X.ravel(), Y.ravel()], axis=1))
        Z = _grid_fn(self.value)(pts, self._traced_params(), self._traced_data())
        return xs, ys, np.asarray(Z).reshape(n, n)

    # -- what the engine needs --------------------------------------------------
    @property
    def is_data(self) -> bool:
        return self.data is not None

    @property
    def n_samples(self) -> int | None:
        if self.data is None:
            return None
        return int(next(iter(self.data.values())).shape[0])

    @functools.cached_property
    def f_min(self) -> float:
        """The lowest loss among the listed minima (``nan`` when none are known)."""
        if not self.minima:
            return math.nan
        return float(min(float(self.f(m)) for m in self.minima))

    def static_key(self) -> tuple:
        """What identifies this surface's compiled code: its functions and array shapes, never its numbers."""
        shapes = () if self.data is None else tuple((k, v.shape) for k, v in sorted(self.data.items()))
        return (self.value, self.sample_value, tuple(sorted(self.params)), shapes)

    def _traced_params(self) -> dict[str, jax.Array]:
        return {k: _as_float(v) for k, v in self.params.items()}

    def _traced_data(self):
        if self.data is None:
            return None
        return {k: jnp.asarray(v) for k, v in self.data.items()}


_DERIVED = {"f": lambda value: value, "grad": jax.grad, "hessian": jax.hessian}


@functools.lru_cache(maxsize=192)
def _compiled(value, what: str):
    """``value`` (``what="f"``), its gradient or its Hessian in ``xy``, jitted; the most recent 64 surface
    functions' kept (typed formulas add up)."""
    return jax.jit(_DERIVED[what](value))


@functools.lru_cache(maxsize=64)
def _grid_fn(value):
    """One jitted, vmapped evaluator per surface function, the most recent 64 kept (typed formulas add up)."""
    return jax.jit(jax.vmap(value, in_axes=(0, None, None)))


def _as_float(xy) -> jax.Array:
    """``xy`` as JAX's default float (float32, or float64 under ``jax.enable_x64``)."""
    return jnp.asarray(xy, dtype=jnp.result_type(float))


def bind(
    specs: tuple[Param, ...],
    given: Mapping[str, Any],
    surface_name: str,
) -> dict[str, float]:
    """Fill defaults and check the given parameter values: unknown names and non-finite values are refused."""
    known = {p.name: p for p in specs}
    unknown = sorted(set(given) - set(known))
    if unknown:
        allowed = ", ".join(known) or "none"
        raise ValueError(f"{surface_name}: unknown parameter(s) {', '.join(unknown)}; allowed: {allowed}")
    out: dict[str, float] = {}
    for name, spec in known.items():
        raw = given.get(name, spec.default)
        try:
            if isinstance(raw, (bool, np.bool_)):
                raise TypeError
            val = float(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{surface_name}: parameter {name} must be a number, got {raw!r}") from None
        if not math.isfinite(val):
            raise ValueError(f"{surface_name}: parameter {name} must be finite, got {raw!r}")
        if spec.integer:
            if val != int(val):
                raise ValueError(f"{surface_name}: parameter {name} must be a whole number, got {raw!r}")
            val = int(val)
        out[name] = val
    return out
