"""The registry of update rules: the one way the engine, the pages and URLs name a rule.

Our rules are listed by name ("sgd", "momentum", ...). Any optimizer of optax's
alias module can run beside them as ``"optax:NAME"`` (for instance ``"optax:lion"``);
only names in that module are accepted.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Callable

from . import adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd
from .base import GradientTransformation, Hyper

_MODULES: tuple[ModuleType, ...] = (sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)
OPTAX_PREFIX = "optax:"
# optax optimizers whose update needs more than the gradient (a loss value, a function): not runnable here
_OPTAX_EXCLUDED = {"lbfgs", "polyak_sgd"}


@dataclass(frozen=True)
class Rule:
    """An update rule: its factory, hyperparameters with slider ranges, and what the inspector can show."""

    name: str
    title: str
    factory: Callable[..., GradientTransformation]
    hyperparams: tuple[Hyper, ...]
    probe: Callable | None
    accepts: frozenset[str]
    module: ModuleType | None = None

    @property
    def defaults(self) -> dict:
        return {h.name: h.default for h in self.hyperparams}


def _ours(m: ModuleType) -> Rule:
    factory = getattr(m, m.NAME)
    return Rule(m.NAME, m.TITLE, factory, m.HYPERPARAMS, m.probe, frozenset(inspect.signature(factory).parameters), m)


_RULES = {m.NAME: _ours(m) for m in _MODULES}


def optax_names() -> list[str]:
    """Optimizers of optax's alias module that can run here, as ``optax:NAME``."""
    from optax._src import alias

    return sorted(
        OPTAX_PREFIX + n
        for n, f in vars(alias).items()
        if inspect.isfunction(f) and f.__module__ == alias.__name__ and not n.startswith("_") and n not in _OPTAX_EXCLUDED
    )


def _optax_rule(name: str) -> Rule:
    base = name[len(OPTAX_PREFIX) :]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", base) or name not in optax_names():
        raise ValueError(f"unknown optax optimizer {base!r}; known: {', '.join(n[len(OPTAX_PREFIX):] for n in optax_names())}")
    import optax

    factory = getattr(optax, base)
    sig = inspect.signature(factory)
    hypers = [Hyper("learning_rate", 1e-2, 1e-4, 10.0, log=True, help="step size η")]
    for p in sig.parameters.values():
        d = p.default
        if p.name != "learning_rate" and isinstance(d, (int, float)) and not isinstance(d, bool):
            hypers.append(Hyper(p.name, d))
        elif isinstance(d, bool):
            hypers.append(Hyper(p.name, d, choices=(False, True)))
    return Rule(name, f"optax {base}", factory, tuple(hypers), None, frozenset(sig.parameters))


def names() -> list[str]:
    """Our rules, in teaching order."""
    return list(_RULES)


def rule_info(name: str) -> Rule:
    """The `Rule` called ``name`` (ours, or ``optax:NAME``)."""
    if isinstance(name, str) and name.startswith(OPTAX_PREFIX):
        return _optax_rule(name)
    try:
        return _RULES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown optimizer {name!r}; known: {', '.join(_RULES)}, or optax:NAME") from None


def get(name: str, **hyperparameters) -> GradientTransformation:
    """The rule ``name`` as a `GradientTransformation`, defaults filled in for what is not given."""
    rule = rule_info(name)
    unknown = sorted(set(hyperparameters) - rule.accepts)
    if unknown:
        raise ValueError(f"{name}: unknown hyperparameter(s) {', '.join(unknown)}; allowed: {', '.join(sorted(rule.accepts))}")
    kw = {**{k: v for k, v in rule.defaults.items() if k in rule.accepts}, **hyperparameters}
    return rule.factory(**kw)
