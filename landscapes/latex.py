r"""LaTeX of a typed formula, for the pages that show it (lesson 7 writes its surface as ``$f(x,y) = …$``).

Printed from the parser's checked syntax tree, so only what the parser accepts is ever printed,
with parentheses only where precedence needs them: ``(x+y)**2`` -> ``\left(x + y\right)^{2}``,
``sqrt(x)/(1+y)`` -> ``\frac{\sqrt{x}}{1 + y}``, ``log`` -> ``\ln``.
"""

from __future__ import annotations

import ast

from .parser import parse

# Precedence, loosest to tightest: 1 sum, 2 product, 3 unary minus, 4 power/fraction, 5 atom.
_FUNCTIONS = {"sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "exp": r"\exp", "log": r"\ln", "tanh": r"\tanh"}


def to_latex(text: str) -> str:
    """LaTeX for the formula ``text`` (the right-hand side only); ``ValueError`` if not allowed."""
    return _latex(parse(text).tree)[0]


def _latex(node: ast.expr) -> tuple[str, int]:
    """``(latex, precedence)`` of a checked node."""
    if isinstance(node, ast.Constant):
        return _number(node.value)
    if isinstance(node, ast.Name):
        return (r"\pi" if node.id == "pi" else node.id), 5
    if isinstance(node, ast.Call):
        name, (arg, _) = node.func.id, _latex(node.args[0])
        if name == "sqrt":
            return rf"\sqrt{{{arg}}}", 5
        if name == "abs":
            return rf"\left|{arg}\right|", 5
        return rf"{_FUNCTIONS[name]}\left({arg}\right)", 5
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


def _number(v: int | float) -> tuple[str, int]:
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
