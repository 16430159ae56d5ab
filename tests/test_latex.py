"""LaTeX of typed formulas: parentheses only where precedence needs them, and what lesson 7 shows."""

import pytest

from landscapes import from_expression
from landscapes.latex import to_latex


@pytest.mark.parametrize(
    "text,latex",
    [
        ("x**2 + 10*y**2", "x^{2} + 10 y^{2}"),
        ("sqrt(x)/(1+y)", r"\frac{\sqrt{x}}{1 + y}"),
        ("(x+y)**2", r"\left(x + y\right)^{2}"),
        ("-x**2", "-x^{2}"),
        ("(-x)**2", r"\left(-x\right)^{2}"),
        ("x**-2", "x^{-2}"),
        ("x - (y - 1)", r"x - \left(y - 1\right)"),
        ("x - y*2", r"x - y \cdot 2"),
        ("(x - y)*2", r"\left(x - y\right) \cdot 2"),
        ("x*-y", r"x \left(-y\right)"),
        ("x + -1", r"x + \left(-1\right)"),
        ("2*3", r"2 \cdot 3"),
        ("(x**2)**3", r"\left(x^{2}\right)^{3}"),
        ("x**2**3", "x^{2^{3}}"),
        ("(x/y)**2", r"\left(\frac{x}{y}\right)^{2}"),
        ("pi*x**2 + e*y**2", r"\pi x^{2} + e y^{2}"),
        ("sin(x)*cos(y)", r"\sin\left(x\right) \cos\left(y\right)"),
        ("abs(x) + log(y)", r"\left|x\right| + \ln\left(y\right)"),
        ("2.5e-1*x", "0.25 x"),
        ("1e-5*x", "10^{-5} x"),
        ("-(x + y)", r"-\left(x + y\right)"),
    ],
)
def test_latex(text, latex):
    assert to_latex(text) == latex


def test_surface_formula_is_latex():
    assert from_expression("x**2 + 10*y**2").formula == "f(x,y) = x^{2} + 10 y^{2}"
    # the kind of formula lesson 7 writes into its text as $f(x,y) = …$
    assert from_expression("(x-2.5)**2 + 10*(y-1.5)**2").formula == (
        r"f(x,y) = \left(x - 2.5\right)^{2} + 10 \left(y - 1.5\right)^{2}")
