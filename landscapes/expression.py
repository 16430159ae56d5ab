r"""A surface typed by the user: a formula in ``x`` and ``y``, parsed safely.

.. math::

    f(x, y) = \text{the typed formula, e.g. } x^{2} + 10\,y^{2}

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

Minima are found numerically, since a typed formula has no known answer:

1. on a 101 x 101 grid, the interior points no higher than their 8 neighbours are candidates;
2. each takes a few damped Newton steps, :math:`p \leftarrow p - (\nabla^2 f + \mu I)^{-1}\nabla f`
   (:math:`\mu \ge 0` makes the matrix positive definite, and a step is at most 5% of the domain's diagonal);
3. a candidate is kept if :math:`\nabla f \approx 0` and :math:`\nabla^2 f` is positive definite there.
   Degenerate minima (``x**4 + y**4``) are kept when the grid point was strictly lowest, flat
   valleys (``x**2`` alone) are not; kinks such as the corner of ``abs(x) + abs(y)`` have no
   usable gradient and are not listed.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import math
import operator
from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .base import Box, Point, Surface

NAME = "expression"
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


class _Compiled(NamedTuple):
    value: Callable[..., jax.Array]  # value(xy, params, data=None), the surface convention
    latex: str


# -- public API -----------------------------------------------------------------------
def from_expression(text: str, domain: Box = ((-3.0, 3.0), (-3.0, 3.0)), start: Point | None = None) -> Surface:
    """The surface ``f(x, y) = text`` over ``domain``; ``ValueError`` for anything not allowed."""
    title = _clean(text)
    compiled = _compile(title)
    domain = _check_domain(domain)
    (x0, x1), (y0, y1) = domain
    # default start: 80% of the way from the centre to the upper-left corner
    start = (x0 + 0.1 * (x1 - x0), y0 + 0.9 * (y1 - y0)) if start is None else _check_point(start, "start")
    surface = Surface(
        name=NAME,
        title=title,
        formula="f(x,y) = " + compiled.latex,
        value=compiled.value,
        params={},
        domain=domain,
        minima=(),
        start=start,
        note="Minima were found numerically (grid search, then Newton steps); they may miss some.",
    )
    Z = surface.grid(_GRID_N)[2]
    if not np.isfinite(Z).any():
        raise ValueError("the formula is not finite anywhere on the plotting domain")
    return dataclasses.replace(surface, minima=_find_minima(surface, Z), log_levels=_wants_log_levels(Z))


def to_latex(text: str) -> str:
    """LaTeX for the formula ``text`` (the right-hand side only); ``ValueError`` if not allowed."""
    return _compile(_clean(text)).latex


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
def _compile(text: str) -> _Compiled:
    """Parse, check and build ``text`` once: the same text always gives the same function object,
    so the trajectory engine (which keys its jit cache on the function) never recompiles it."""
    tree = _parse(text)
    body = _build(tree.body, text)

    def value(xy, params, data=None):
        x, y = xy[0], xy[1]
        # adding 0·x makes even a constant formula an array of x's dtype that jax.grad can follow
        return body(x, y) + jnp.zeros_like(x)

    value.__doc__ = f"f(x, y) = {text}"
    return _Compiled(value, _latex(tree.body)[0])


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


# -- 3) checked tree -> LaTeX -----------------------------------------------------------------
# Precedence, loosest to tightest: 1 sum, 2 product, 3 unary minus, 4 power/fraction, 5 atom.
_TEX_FUNCTIONS = {"sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "exp": r"\exp", "log": r"\ln", "tanh": r"\tanh"}


def _latex(node: ast.expr) -> tuple[str, int]:
    """``(latex, precedence)`` of a checked node; parentheses only where precedence needs them."""
    if isinstance(node, ast.Constant):
        return _tex_number(node.value)
    if isinstance(node, ast.Name):
        return (r"\pi" if node.id == "pi" else node.id), 5
    if isinstance(node, ast.Call):
        name, (arg, _) = node.func.id, _latex(node.args[0])
        if name == "sqrt":
            return rf"\sqrt{{{arg}}}", 5
        if name == "abs":
            return rf"\left|{arg}\right|", 5
        return rf"{_TEX_FUNCTIONS[name]}\left({arg}\right)", 5
    if isinstance(node, ast.UnaryOp):
        operand, prec = _latex(node.operand)
        if isinstance(node.op, ast.UAdd):
            return operand, prec
        return "-" + _paren(operand, prec < 3 or operand.startswith("-")), 3
    left, lp = _latex(node.left)
    right, rp = _latex(node.right)
    if isinstance(node.op, ast.Pow):  # x^{2}: the exponent is braced, the base must be an atom
        return f"{_paren(left, lp < 5)}^{{{right}}}", 4
    if isinstance(node.op, ast.Div):
        return rf"\frac{{{left}}}{{{right}}}", 4
    right = _paren(right, right.startswith("-"))  # x + (-y), x (-y)
    if isinstance(node.op, ast.Mult):
        sep = r" \cdot " if right[0].isdigit() else " "  # 2 \cdot 3, but 10 y^{2}
        return _paren(left, lp < 2) + sep + _paren(right, rp < 2), 2
    if isinstance(node.op, ast.Sub):
        return f"{left} - {_paren(right, rp < 2)}", 1
    return f"{left} + {right}", 1


def _tex_number(v: int | float) -> tuple[str, int]:
    s = repr(v)
    if s.endswith(".0"):
        s = s[:-2]
    if "e" not in s:
        return s, 5
    mantissa, power = s.split("e")
    ten = f"10^{{{int(power)}}}"
    return (ten if mantissa == "1" else rf"{mantissa} \cdot {ten}"), 4


def _paren(tex: str, needed: bool) -> str:
    return rf"\left({tex}\right)" if needed else tex


# -- 4) domain and start --------------------------------------------------------------------
def _check_domain(domain) -> Box:
    try:
        (x0, x1), (y0, y1) = ((float(lo), float(hi)) for lo, hi in domain)
    except (TypeError, ValueError):
        raise ValueError(f"the domain must be two (low, high) pairs of numbers, got {domain!r}") from None
    for lo, hi in ((x0, x1), (y0, y1)):
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi and math.isfinite(hi - lo)):
            raise ValueError(f"each domain range must be finite with low < high, got {domain!r}")
    return (x0, x1), (y0, y1)


def _check_point(point, what: str) -> Point:
    try:
        px, py = (float(v) for v in point)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be two numbers (x, y), got {point!r}") from None
    if not (math.isfinite(px) and math.isfinite(py)):
        raise ValueError(f"{what} must be finite, got {point!r}")
    return px, py


# -- 5) minima and contour levels, numerically --------------------------------------------------
_GRID_N = 101  # odd, so the centre of a symmetric domain (often the minimum) is a grid point
_CANDIDATES = 32  # grid minima polished by Newton (a fixed count: one compilation per formula)
_NEWTON_STEPS = 30
_MAX_MINIMA = 8


def _find_minima(surface: Surface, Z: np.ndarray) -> tuple[Point, ...]:
    """Grid points lower than their 8 neighbours, polished by Newton, kept if they are true minima."""
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, _GRID_N), np.linspace(y0, y1, _GRID_N)
    diameter = math.hypot(x1 - x0, y1 - y0)

    # 1) interior grid points no higher than any of their 8 neighbours (non-finite counts as +inf)
    H = np.where(np.isfinite(Z), Z, np.inf)
    centre = H[1:-1, 1:-1]
    neighbours = np.stack([H[1 + di : _GRID_N - 1 + di, 1 + dj : _GRID_N - 1 + dj]
                           for di in (-1, 0, 1) for dj in (-1, 0, 1) if (di, dj) != (0, 0)])
    low = np.isfinite(centre) & (centre <= neighbours.min(0)) & (centre < neighbours.max(0))
    strict = centre < neighbours.min(0)  # lower than every neighbour, not just level with some
    rows, cols = np.nonzero(low)
    if rows.size == 0:
        return ()
    order = np.argsort(centre[rows, cols])[:_CANDIDATES]
    rows, cols = rows[order], cols[order]
    grid_pts = np.stack([xs[cols + 1], ys[rows + 1]], axis=1)

    # 2) damped Newton steps from each (padded to a fixed count so the compiled code is reused)
    padded = np.concatenate([grid_pts, np.repeat(grid_pts[:1], _CANDIDATES - len(grid_pts), axis=0)])
    out = _polisher(surface.value)(
        jnp.asarray(padded, jnp.float32), jnp.asarray([x0, y0]), jnp.asarray([x1, y1]), 0.05 * diameter
    )
    pts, f, g_norm, d_norm, lam_min, lam_max = (np.asarray(a)[: len(grid_pts)] for a in out)

    # 3) a minimum: ∇f ≈ 0, Newton's step to the stationary point is tiny, and ∇²f is positive
    #    definite (or semi-definite at a strict grid minimum, so that the degenerate minimum of
    #    x**4 + y**4 counts while the flat valley floor of x**2 does not)
    finite = np.isfinite(Z)
    slope = (Z[finite].max() - Z[finite].min()) / diameter  # a typical |∇f| on this domain
    h_tol = 1e-5 * np.maximum(1.0, np.abs(lam_max))
    ok = (np.isfinite(f) & (g_norm < 1e-3 * max(1.0, slope)) & (d_norm < 1e-4 * diameter)
          & ((lam_min > h_tol) | (strict[rows, cols] & (lam_min >= -h_tol))))

    # 4) lowest first, without duplicates, at most _MAX_MINIMA
    minima: list[Point] = []
    for i in np.argsort(np.where(ok, f, np.inf)):
        if not ok[i] or len(minima) == _MAX_MINIMA:
            break
        if all(math.dist(pts[i], m) >= 1e-3 * diameter for m in minima):
            minima.append((float(pts[i, 0]), float(pts[i, 1])))
    return tuple(minima)


@functools.lru_cache(maxsize=256)
def _polisher(value) -> Callable:
    """Jitted ``(points, lo, hi, max_step) -> (points, f, |∇f|, |Newton step|, λ_min, λ_max)``.

    Each point takes ``_NEWTON_STEPS`` damped Newton steps and falls back to where it started
    if it leaves the box ``[lo, hi]`` or stops being finite; the rest is measured where it ends.
    """
    f = lambda p: value(p, {}, None)  # noqa: E731

    def newton(p):
        g, H = jax.grad(f)(p), jax.hessian(f)(p)
        a, b, c = H[0, 0], H[0, 1], H[1, 1]
        # eigenvalues of the symmetric 2x2 Hessian: λ = m ∓ r, m = (a + c)/2, r = √(((a − c)/2)² + b²)
        m, r = (a + c) / 2, jnp.sqrt(((a - c) / 2) ** 2 + b**2)
        lam_min, lam_max = m - r, m + r
        # d = (∇²f + μI)⁻¹ ∇f, with μ ≥ 0 just large enough to make ∇²f + μI positive definite,
        # so -d always points downhill (Levenberg-Marquardt); 2x2 inverse written out
        mu = jnp.maximum(0.0, 1e-6 * (1.0 + jnp.abs(lam_max)) - lam_min)
        a, c = a + mu, c + mu
        d = jnp.stack([c * g[0] - b * g[1], a * g[1] - b * g[0]]) / (a * c - b * b)
        return d, g, lam_min, lam_max

    def polish(start, lo, hi, max_step):
        def step(_, p):
            d = newton(p)[0]
            # damping: no step longer than max_step
            return p - d * jnp.minimum(1.0, max_step / (jnp.linalg.norm(d) + 1e-30))

        p = lax.fori_loop(0, _NEWTON_STEPS, step, start)
        p = jnp.where(jnp.all(jnp.isfinite(p) & (p >= lo) & (p <= hi)), p, start)
        d, g, lam_min, lam_max = newton(p)
        return p, f(p), jnp.linalg.norm(g), jnp.linalg.norm(d), lam_min, lam_max

    return jax.jit(jax.vmap(polish, in_axes=(0, None, None, None)))


def _wants_log_levels(Z: np.ndarray) -> bool:
    """Log-spaced contours when the surface rises more than 3 decades above its floor.

    With heights ``h = f - min f`` over the finite grid values, the floor is the 1st percentile
    of the positive heights, and the rule is ``max h > 1000 · floor``: Rosenbrock's steep walls
    around a flat valley, or x**4 + y**4, say yes; bowls like x**2 + 10*y**2 or Himmelblau's say no.
    """
    z = Z[np.isfinite(Z)]
    h = z - z.min()
    if not (h > 0).any():  # a constant formula
        return False
    return bool(h.max() > 1000.0 * np.percentile(h[h > 0], 1))
