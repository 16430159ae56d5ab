"""2-D loss surfaces: a registry of named surfaces and a safe parser for typed formulas.

>>> s = get("quadratic", condition=100.0, angle=0.3)
>>> float(s.f((0.0, 0.0)))
0.0

A surface module (one per surface, listed in ``_MODULES``) declares ``NAME``, ``TITLE``,
``FORMULA`` (LaTeX), ``PARAMS`` (its `Param` specs), the pure loss ``value(xy, params, data=None)``
and ``make(p)``: given the checked parameter values ``p``, the `Surface` fields that depend on
them (domain, minima, start, and saddles, log_levels, note... where they apply). `get` checks the
parameters and fills the fields every surface has from the module's constants.
"""

import functools

from . import cliff, double_well, himmelblau, linear_regression, plateau, quadratic, rosenbrock, saddle
from .base import Param, Surface, bind
from .expression import from_expression

_MODULES = (quadratic, saddle, rosenbrock, himmelblau, double_well, plateau, cliff, linear_regression)
_REGISTRY = {m.NAME: m for m in _MODULES}


def names() -> list[str]:
    """Registered surface names, in teaching order."""
    return list(_REGISTRY)


def params(name: str) -> tuple[Param, ...]:
    """The parameters a surface takes, with defaults and slider ranges."""
    return _module(name).PARAMS


def title(name: str) -> str:
    return _module(name).TITLE


MADE = 64  # surfaces kept, by name and values: a sweep's axis of parameter values, a class's pages at once


def get(name: str, **params) -> Surface:
    """The surface ``name`` with its parameters bound (defaults for those not given).

    Made once per name and values, then shared (a `Surface` is immutable, its data read-only): some surfaces
    cost their making (the cliff's minimum is found by Newton's method, about 6 ms), and a lesson asks for
    its surfaces on every rerun."""
    module = _module(name)
    return _made(name, tuple(bind(module.PARAMS, params, name).items()))


@functools.lru_cache(maxsize=MADE)
def _made(name: str, bound: tuple[tuple[str, float], ...]) -> Surface:
    module, p = _module(name), dict(bound)
    common = dict(name=name, title=module.TITLE, formula=module.FORMULA, value=module.value, params=p,
                  specs=module.PARAMS, settings=dict(p))
    return Surface(**{**common, **module.make(p)})


def _module(name: str):
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown surface {name!r}; known: {', '.join(_REGISTRY)}") from None


__all__ = ["Param", "Surface", "from_expression", "get", "names", "params", "title"]
