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
from . import settings
from .base import GradientTransformation
from .settings import Setting

_MODULES: tuple[ModuleType, ...] = (sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)
OPTAX_PREFIX = "optax:"
# optax optimizers whose update needs more than the gradient (a loss value, a function): not runnable here
_OPTAX_EXCLUDED = {"lbfgs", "polyak_sgd"}


@dataclass(frozen=True)
class Rule:
    """An update rule: its factory, its settings (defaults from the factory's signature), its family and reference.

    ``family`` is the rule a learner picks it under (Nesterov is a switch on momentum); ``reference`` builds the
    same rule in optax from the same keywords (None for an option optax lacks): the tests compare against it.
    """

    name: str
    title: str
    factory: Callable[..., GradientTransformation]
    hyperparams: tuple[Setting, ...]
    probe: Callable | None
    accepts: frozenset[str]
    module: ModuleType | None = None
    family: str = ""
    reference: Callable | None = None

    @property
    def defaults(self) -> dict:
        return {h.name: h.default for h in self.hyperparams}


def _settings_of(factory: Callable, ours: bool) -> tuple[Setting, ...]:
    """The factory's keywords as settings: range and scale from the settings table, default from the signature.

    Our rules show only what the table lists (``eps_root`` is accepted, not offered); an optax optimizer's other
    numbers and switches are offered without a range. A learning rate without a default gets 10⁻² (optax's
    optimizers require one).
    """
    out = []
    for p in inspect.signature(factory).parameters.values():
        d = p.default
        if p.name in settings.TABLE:
            out.append(settings.TABLE[p.name].with_default(1e-2 if d is p.empty else d))
        elif not ours and isinstance(d, bool):
            out.append(Setting(p.name, d, choices=settings.BOOL))
        elif not ours and isinstance(d, (int, float)):
            out.append(Setting(p.name, d))
    return tuple(out)


def _ours(m: ModuleType) -> Rule:
    factory = getattr(m, m.NAME)
    # every rule names its optax reference, or says why it has none: the tests compare every rule against it
    reference = getattr(m, "optax_reference", None)
    if reference is None and not getattr(m, "NO_OPTAX_REFERENCE", ""):
        raise TypeError(f"optimizers.{m.NAME}: define optax_reference(**settings), or NO_OPTAX_REFERENCE = 'why'")
    return Rule(m.NAME, m.TITLE, factory, _settings_of(factory, ours=True), m.probe,
                frozenset(inspect.signature(factory).parameters), m, getattr(m, "FAMILY", m.NAME), reference)


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
    return Rule(name, f"optax {base}", factory, _settings_of(factory, ours=False), None,
                frozenset(inspect.signature(factory).parameters), None, name, factory)


def names() -> list[str]:
    """Our rules, in teaching order."""
    return list(_RULES)


def families() -> list[str]:
    """The rules a learner picks from (the others are switches on one of these: `variants`)."""
    return [n for n, r in _RULES.items() if r.family == n]


def variants(family: str) -> list[str]:
    """The rules offered as a switch on ``family`` (``["nesterov"]`` for momentum)."""
    return [n for n, r in _RULES.items() if r.family == family and n != family]


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
