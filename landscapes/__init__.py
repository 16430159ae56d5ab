"""2-D loss surfaces: a registry of named surfaces and a safe parser for typed formulas.

>>> s = get("quadratic", condition=100.0, angle=0.3)
>>> float(s.f((0.0, 0.0)))
0.0
"""

from . import cliff, double_well, himmelblau, linear_regression, plateau, quadratic, rosenbrock, saddle
from .base import Param, Surface

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


def get(name: str, **params) -> Surface:
    """The surface ``name`` with its parameters bound (defaults for those not given)."""
    return _module(name).make(**params)


def _module(name: str):
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown surface {name!r}; known: {', '.join(_REGISTRY)}") from None


__all__ = ["Param", "Surface", "get", "names", "params", "title"]
