r"""The safe parser of typed formulas: user text in ``x`` and ``y`` -> a `jnp` function, never ``eval``.

What a formula may contain
    * numbers: ``2``, ``0.5``, ``2.5e-1`` (finite, at most 1e6 in size);
    * the names ``x``, ``y``, ``pi`` and ``e``;
    * ``+ - * / **``, unary ``+``/``-`` and parentheses;
    * one-argument calls of ``sin cos tan exp log sqrt tanh abs`` (``log`` is the natural log).

Anything else (other names, attributes, indexing, strings, comparisons, lambdas, keyword
arguments...) is refused with a ``ValueError`` that says what was wrong and what is allowed.

Why there is no ``eval``
    ``eval`` runs arbitrary Python: ``__import__('os').system('ls')`` or
    ``().__class__.__bases__[0].__subclasses__()`` reach everything the app can reach, and
    removing the builtins does not close those doors. So the text is only *parsed*:
    ``ast.parse(text, mode="eval")`` builds a syntax tree and runs nothing. Every node of the
    tree is checked against the whitelist above and turned into a closure over a ``jnp``
    operation, so the formula is a plain JAX function (``jax.grad`` and ``jit`` work on it) and
    the user's text is never compiled or executed.

Cheap limits keep every answer fast (well under 100 ms, even for hostile text): at most
``MAX_LENGTH`` characters (checked before parsing), at most ``MAX_DEPTH`` levels of nesting
(checked without recursion), and a constant exponent of at most ``MAX_EXPONENT`` in size, so
``9**9**9`` is refused instead of being computed.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp

MAX_LENGTH = 200  # characters
MAX_DEPTH = 30  # nested sub-expressions: `sin(` * 30 + `x` + `)` * 30 is one too many
MAX_LITERAL = 1e6  # largest number that may be written
MAX_EXPONENT = 100.0  # largest constant exponent of `**`

ALLOWED_NAMES = ("x", "y", "pi", "e")
ALLOWED_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "abs")

_CONSTANTS = {"pi": math.pi, "e": math.e}
_JNP = {"sin": jnp.sin, "cos": jnp.cos, "tan": jnp.tan, "exp": jnp.exp,
        "log": jnp.log, "sqrt": jnp.sqrt, "tanh": jnp.tanh, "abs": jnp.abs}
_MATH = {"sin": math.sin, "cos": math.cos, "tan": math.tan, "exp": math.exp,
         "log": math.log, "sqrt": math.sqrt, "tanh": math.tanh, "abs": abs}
_BINARY = {ast.Add: jnp.add, ast.Sub: jnp.subtract, ast.Mult: jnp.multiply,
           ast.Div: jnp.divide, ast.Pow: jnp.power}
_FLOAT_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.Pow: math.pow}
_NAMES_HINT = f"use {', '.join(ALLOWED_NAMES)} and {', '.join(ALLOWED_FUNCTIONS)}"
_HINT = f"a formula may use numbers, {', '.join(ALLOWED_NAMES)}, + - * / ** and {', '.join(ALLOWED_FUNCTIONS)}"

# Friendly names for the syntax a formula may not use.
_REFUSED = {
    ast.Attribute: "attributes (a.b)",
    ast.Subscript: "indexing (a[i])",
    ast.Compare: "comparisons",
    ast.BoolOp: "'and' / 'or'",
    ast.IfExp: "if-expressions",
    ast.Lambda: "lambdas",
    ast.NamedExpr: "':=' assignments",
    ast.Starred: "'*' unpacking",
    ast.JoinedStr: "f-strings",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Set: "sets",
    ast.Dict: "dicts",
}

Fn = Callable[[jax.Array, jax.Array], jax.Array]  # (x, y) -> value


class Formula(NamedTuple):
    """A typed formula that passed every check."""

    text: str  # the formula stripped of surrounding blanks
    value: Callable[..., jax.Array]  # value(xy, params, data=None), the surface convention
    tree: ast.expr  # its checked syntax tree: only the nodes the whitelist allows


def parse(text) -> Formula:
    """The checked formula ``text``; ``ValueError`` for anything not allowed.

    The same text always gives the same function object, so the trajectory engine (which keys
    its jit cache on the function) never recompiles it.
    """
    return _compile(_clean(text))


# -- 1) text -> checked syntax tree -----------------------------------------------------
def _clean(text) -> str:
    """The formula stripped of surrounding blanks, after the checks that need no parsing."""
    if not isinstance(text, str):
        raise ValueError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"the formula is too long ({len(text)} characters): at most {MAX_LENGTH} are allowed")
    text = str.__str__(text).strip()  # an exact str even for str subclasses
    if not text:
        raise ValueError(f"the formula is empty: {_HINT}, e.g. x**2 + 10*y**2")
    if not text.isascii():
        bad = next(c for c in text if not c.isascii())
        raise ValueError(f"unexpected character {bad!r}: use plain ASCII, e.g. pi for π and x**2 for x²")
    return text


@functools.lru_cache(maxsize=256)
def _compile(text: str) -> Formula:
    """Parse, check and build ``text`` once."""
    tree = _parse(text)
    body = _build(tree.body, text)

    def value(xy, params, data=None):
        x, y = xy[0], xy[1]
        # adding 0·x makes even a constant formula an array of x's dtype that jax.grad can follow
        return body(x, y) + jnp.zeros_like(x)

    value.__doc__ = f"f(x, y) = {text}"
    return Formula(text, value, tree.body)


def _parse(text: str) -> ast.Expression:
    try:
        # (a SyntaxWarning, e.g. for "1if x else 2", may be printed: such text is refused anyway;
        # under -W error it arrives here as a SyntaxError)
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        where = f" at column {err.offset}" if err.offset else ""
        raise ValueError(f"could not parse {text!r} ({err.msg}{where}): {_HINT}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ValueError(f"could not parse {text!r}: {_HINT}") from None
    # depth first, without recursion, so the recursive builders below stay shallow
    stack = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"the formula is nested too deeply: at most {MAX_DEPTH} levels of operations are allowed")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr))
    return tree


# -- 2) checked tree -> closures over jnp ---------------------------------------------------
def _build(node: ast.expr, text: str) -> Fn:
    """A function ``(x, y) -> value`` for ``node``; refuses everything outside the whitelist."""
    if isinstance(node, ast.Constant):
        c = _number(node, text)
        return lambda x, y: c
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda x, y: x
        if node.id == "y":
            return lambda x, y: y
        if node.id in _CONSTANTS:
            c = _CONSTANTS[node.id]
            return lambda x, y: c
        if node.id in ALLOWED_FUNCTIONS:
            raise ValueError(f"{node.id} is a function: call it with one argument, e.g. {node.id}(x)")
        raise ValueError(f"unknown name {node.id!r}: {_NAMES_HINT}")
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.UAdd, ast.USub)):
            raise ValueError(f"operator {_op_text(node)!r} is not allowed: {_HINT}")
        a = _build(node.operand, text)
        if isinstance(node.op, ast.UAdd):
            return a
        return lambda x, y: jnp.negative(a(x, y))
    if isinstance(node, ast.BinOp):
        op = _BINARY.get(type(node.op))
        if op is None:
            raise ValueError(f"operator {_op_text(node)!r} is not allowed: {_HINT}")
        a, b = _build(node.left, text), _build(node.right, text)
        if isinstance(node.op, ast.Pow) and _is_constant(node.right):
            p = _exponent(node.right, text)
            if p.is_integer():  # x**2 by repeated multiplication: exact, and fine for x < 0
                n = int(p)
                return lambda x, y: jnp.power(a(x, y), n)
        return lambda x, y: op(a(x, y), b(x, y))
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in ALLOWED_FUNCTIONS:
            called = name or ast.get_source_segment(text, node.func) or "this"
            raise ValueError(f"unknown function {called!r}: the functions allowed are {', '.join(ALLOWED_FUNCTIONS)}")
        if node.keywords or len(node.args) != 1:
            raise ValueError(f"{name} takes exactly one argument and no keywords, e.g. {name}(x)")
        fn, a = _JNP[name], _build(node.args[0], text)
        return lambda x, y: fn(a(x, y))
    what = _REFUSED.get(type(node), f"{type(node).__name__} expressions")
    raise ValueError(f"{what} not allowed: {_HINT}")


def _number(node: ast.Constant, text: str) -> float:
    v = node.value
    if type(v) not in (int, float):  # bool is a subclass of int: refused here too
        kinds = {str: "strings", bytes: "bytes", bool: "True/False", complex: "complex numbers", type(None): "None"}
        raise ValueError(f"{kinds.get(type(v), repr(v))} not allowed: {_HINT}")
    if not (abs(v) <= MAX_LITERAL):  # also catches inf and nan; exact for huge ints
        literal = ast.get_source_segment(text, node) or repr(v)
        raise ValueError(f"the number {literal} is out of range: numbers must be finite and at most {MAX_LITERAL:g} in size")
    return float(v)


def _is_constant(node: ast.expr) -> bool:
    return not any(isinstance(n, ast.Name) and n.id in ("x", "y") for n in ast.walk(node))


def _exponent(node: ast.expr, text: str) -> float:
    """The value of a constant exponent, refused if above ``MAX_EXPONENT`` in size (``x**1e6``, ``9**9**9``)."""
    p = _fold(node)
    if not (abs(p) <= MAX_EXPONENT):
        problem = "is not a finite number" if math.isnan(p) else "is too large"
        raise ValueError(
            f"the exponent {ast.get_source_segment(text, node)} {problem}: "
            f"a constant exponent must be a finite number at most {MAX_EXPONENT:g} in size, e.g. x**2 or x**-0.5"
        )
    return p


def _fold(node: ast.expr) -> float:
    """A constant (already checked) sub-formula in Python floats; nan when undefined or overflowing."""
    try:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return _CONSTANTS[node.id]
        if isinstance(node, ast.UnaryOp):
            return -_fold(node.operand) if isinstance(node.op, ast.USub) else _fold(node.operand)
        if isinstance(node, ast.Call):
            return float(_MATH[node.func.id](_fold(node.args[0])))
        # the exponents inside were checked already (|b| <= 100): each step is one float operation
        return _FLOAT_OPS[type(node.op)](_fold(node.left), _fold(node.right))
    except (ArithmeticError, ValueError):  # overflow, 1/0, log(-1), (-8)**(1/3)...
        return math.nan


def _op_text(node: ast.AST) -> str:
    ops = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
           ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~"}
    return ops.get(type(node.op), type(node.op).__name__)
