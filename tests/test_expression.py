"""Typed formulas: accepted ones match a hand-written NumPy reference, hostile ones are refused fast."""

import ast
import math
import pathlib
import time

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
from landscapes import from_expression
from landscapes.latex import to_latex
from landscapes.parser import ALLOWED_FUNCTIONS, ALLOWED_NAMES, MAX_LENGTH, parse

LANDSCAPES = pathlib.Path(landscapes.__file__).parent

# (formula, the same formula written by hand in NumPy) -- the reference is float64 NumPy, not our parser
CORPUS = [
    ("x**2 + 10*y**2", lambda x, y: x**2 + 10 * y**2),
    ("(1-x)**2 + 100*(y-x**2)**2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2),
    ("(x**2+y-11)**2+(x+y**2-7)**2", lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2),
    ("sin(x)*cos(y)", lambda x, y: np.sin(x) * np.cos(y)),
    ("sqrt(x**2+y**2+1)", lambda x, y: np.sqrt(x**2 + y**2 + 1)),
    ("abs(x)+abs(y)", lambda x, y: np.abs(x) + np.abs(y)),
    ("exp(-x**2-y**2)", lambda x, y: np.exp(-(x**2) - y**2)),
    ("tanh(x)*y", lambda x, y: np.tanh(x) * y),
    ("log(1+x**2+y**2)", lambda x, y: np.log(1 + x**2 + y**2)),
    ("-x", lambda x, y: -x),
    ("2.5e-1*x**2", lambda x, y: 0.25 * x**2),
    ("pi*x**2 + e*y**2", lambda x, y: np.pi * x**2 + np.e * y**2),
    ("x**-2", lambda x, y: x**-2.0),
    ("-x**2 + (-y)**3", lambda x, y: -(x**2) + (-y) ** 3),
    ("2**x**2 / 10", lambda x, y: 2 ** (x**2) / 10),  # ** is right-associative
    ("+x - -y", lambda x, y: x + y),
    ("x/(1+y**2) - x*y/3", lambda x, y: x / (1 + y**2) - x * y / 3),
    ("tan(x/4)*y", lambda x, y: np.tan(x / 4) * y),
    ("(y**2 + 1)**0.5 * x", lambda x, y: np.sqrt(y**2 + 1) * x),
    ("1e-3*x + 1E2*y", lambda x, y: 1e-3 * x + 100 * y),
    ("exp(sin(x))*cos(y)**2", lambda x, y: np.exp(np.sin(x)) * np.cos(y) ** 2),
    ("  x*y  ", lambda x, y: x * y),
    ("3", lambda x, y: 3.0 + 0 * x),
]

# |x|, |y| >= 0.3 keeps x**-2 and the kinks of abs away
POINTS = [(0.7, -1.3), (-1.9, 0.4), (2.2, 1.6), (-0.5, -2.4), (1.1, 0.9)]


@pytest.fixture(scope="module")
def surfaces():
    return {text: from_expression(text) for text, _ in CORPUS}


@pytest.mark.parametrize("text,ref", CORPUS, ids=[t for t, _ in CORPUS])
def test_value_matches_numpy_reference(surfaces, text, ref):
    s = surfaces[text]
    for x, y in POINTS:
        got = s.value(jnp.array([x, y], jnp.float32), s.params)
        assert got.shape == ()
        np.testing.assert_allclose(float(got), ref(np.float64(x), np.float64(y)), rtol=2e-5, atol=1e-5)


@pytest.mark.parametrize("text,ref", CORPUS, ids=[t for t, _ in CORPUS])
def test_grad_matches_central_differences(surfaces, text, ref):
    s = surfaces[text]
    h = 1e-6
    for x, y in POINTS[:3]:
        # central differences of the float64 reference
        fd = [(ref(x + h, y) - ref(x - h, y)) / (2 * h), (ref(x, y + h) - ref(x, y - h)) / (2 * h)]
        g = np.asarray(s.grad((x, y)))
        np.testing.assert_allclose(g, fd, rtol=1e-4, atol=1e-4 * (1 + np.abs(fd).max()))


def test_constant_formula_is_a_differentiable_scalar():
    s = from_expression("3")
    xy = jnp.array([0.5, -0.5])
    assert s.value(xy, {}).shape == ()
    np.testing.assert_array_equal(np.asarray(jax.grad(s.value)(xy, {})), [0.0, 0.0])
    assert s.minima == () and not s.log_levels
    _, _, Z = s.grid(11)
    np.testing.assert_array_equal(Z, 3.0)


def test_function_can_be_jitted_and_vmapped():
    s = from_expression("sin(x)*cos(y)")
    pts = jnp.array([[0.1, 0.2], [1.0, -1.0]])
    got = jax.jit(jax.vmap(s.value, in_axes=(0, None)))(pts, {})
    np.testing.assert_allclose(got, np.sin(pts[:, 0]) * np.cos(pts[:, 1]), rtol=1e-6)


# -- hostile and malformed input ----------------------------------------------------------------
HOSTILE = [
    "__import__('os').system('ls')",
    "x.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "[x for x in ()]",
    "{x: 1 for x in ()}",
    "(x for x in ())",
    "lambda: 1",
    "(lambda: 1)()",
    "open('f')",
    "os",
    "E",
    "sin",
    "x if y else 1",
    "x < y",
    "x and y",
    "not x",
    "~x",
    "x // 2",
    "x % 2",
    "x @ y",
    "'a'*10",
    '""',
    "9**9**9",
    "2**2**2**2**2",
    "x**1e6",
    "x**-200",
    "x**(2**7)",
    "x**(1/0)",
    "10**100000",
    "1e400",
    "99999999999999999999*x",
    "(" * 10000 + "x" + ")" * 10000,
    "(" * 150 + "x" + ")" * 150,
    "-" * 150 + "x",
    "-(" * 60 + "x" + ")" * 60,
    "sin(" * 31 + "x" + ")" * 31,
    "x; import os",
    "import os",
    "exec('1')",
    "eval('1')",
    "compile('1', '', 'eval')",
    "getattr(x, 'y')",
    "sin(x, y)",
    "sin()",
    "sin(x=1)",
    "sin(*x)",
    "b'x'",
    "1j*x",
    "True",
    "None",
    "...",
    "x[0]",
    "{x}",
    "[x]",
    "(x, y)",
    "(x:=1)",
    "*x",
    "f'{x}'",
    "x y",
    "2x",
    "",
    "   ",
    "\n\t",
    "x\x00",
    "\x00",
    "é" * 100_000,
    "π" * 100,
    "π*x",
    "ｘ**2",  # fullwidth x: Python itself would read it as x
    None,
    3,
    3.0,
    b"x",
    ["x"],
]


def _refusal_time(entry, text) -> float:
    """Fastest of 3 attempts, each of which must raise ValueError."""
    best = math.inf
    for _ in range(3):
        t0 = time.perf_counter()
        with pytest.raises(ValueError):
            entry(text)
        best = min(best, time.perf_counter() - t0)
    return best


# every way in from user text: the surface, the parser itself, and the LaTeX printer
ENTRIES = {"from_expression": from_expression, "parse": parse, "to_latex": to_latex}


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t)[:40] for t in HOSTILE])
def test_hostile_input_refused_within_100ms(text, entry):
    assert _refusal_time(ENTRIES[entry], text) < 0.1


def test_unknown_name_message_says_what_is_allowed():
    with pytest.raises(ValueError) as err:
        from_expression("os")
    msg = str(err.value)
    assert "'os'" in msg
    for name in ALLOWED_NAMES + ALLOWED_FUNCTIONS:
        assert name in msg


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("open('f')", "functions allowed are sin"),
        ("x.__class__", "attributes"),
        ("x < y", "comparisons"),
        ("'a'*10", "strings"),
        ("9**9**9", "exponent"),
        ("1e400", "out of range"),
        ("sin(x, y)", "exactly one argument"),
        ("x +", "could not parse"),
        ("x" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH}"),
        ("-" * 150 + "x", "nested too deeply"),
        ("   ", "empty"),
        (None, "must be text"),
    ],
)
def test_messages_name_the_problem_and_the_rule(text, fragment):
    with pytest.raises(ValueError) as err:
        from_expression(text)
    msg = str(err.value)
    assert fragment in msg
    assert len(msg) < 300


def test_limits_are_inclusive():
    assert from_expression("x" + " " * (MAX_LENGTH - 1)).title == "x"  # exactly MAX_LENGTH characters
    assert from_expression("sin(" * 29 + "x" + ")" * 29).minima == ()  # 30 levels: the deepest allowed
    from_expression("x**100 * 1e-6 + 1e6*y**-100 / 1e6")


@pytest.mark.parametrize("module", sorted(p.name for p in LANDSCAPES.glob("*.py")))
def test_no_module_evaluates_text(module):
    tree = ast.parse((LANDSCAPES / module).read_text())
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not called & {"eval", "exec", "compile", "__import__"}


# -- caching ----------------------------------------------------------------------------------------
def test_same_text_same_function():
    a = from_expression("x**2 + 3*y**2")
    b = from_expression("  x**2 + 3*y**2 ", domain=((-1, 1), (-2, 2)))
    c = from_expression("x**2 + 3*y**2 + 0")
    assert a.value is b.value
    assert a.static_key() == b.static_key()
    assert a.value is not c.value


# -- the surface ------------------------------------------------------------------------------------
def test_surface_fields():
    s = from_expression(" x**2 + 10*y**2 ")
    assert (s.name, s.title, s.params, s.specs) == ("expression", "x**2 + 10*y**2", {}, ())
    assert s.domain == ((-3.0, 3.0), (-3.0, 3.0))
    np.testing.assert_allclose(s.start, (-2.4, 2.4))  # 80% toward the upper-left corner
    assert "numerically" in s.note
    assert from_expression("x*y", start=(1, 2)).start == (1.0, 2.0)


@pytest.mark.parametrize(
    "domain",
    [((1, 0), (0, 1)), ((0, 0), (0, 1)), ((0, math.nan), (0, 1)), ((0, math.inf), (0, 1)),
     ((0, 1),), "ab", None, ((0, 1), (0, "z")), ((-1e308, 1e308), (0, 1))],
)
def test_bad_domain(domain):
    with pytest.raises(ValueError, match="domain"):
        from_expression("x", domain=domain)


@pytest.mark.parametrize("start", [(math.nan, 0), (0, math.inf), (1,), "ab", (1, 2, 3)])
def test_bad_start(start):
    with pytest.raises(ValueError, match="start"):
        from_expression("x", start=start)


def test_quadratic_has_one_minimum_at_the_origin():
    s = from_expression("x**2 + 10*y**2")
    assert len(s.minima) == 1
    np.testing.assert_allclose(s.minima[0], (0.0, 0.0), atol=1e-3)
    assert not s.log_levels


# Himmelblau's four minima (Himmelblau 1972; f = 0 at each)
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]


def test_himmelblau_has_four_minima():
    s = from_expression("(x**2+y-11)**2+(x+y**2-7)**2", domain=((-5, 5), (-5, 5)))
    assert len(s.minima) == 4
    for m in s.minima:
        assert np.linalg.norm(np.asarray(s.grad(m))) < 1e-3
    found = sorted(s.minima)
    np.testing.assert_allclose(found, sorted(HIMMELBLAU_MINIMA), atol=1e-3)


def test_rosenbrock_minimum_and_log_levels():
    s = from_expression("(1-x)**2 + 100*(y-x**2)**2", domain=((-2, 2), (-1, 3)))
    assert len(s.minima) == 1
    np.testing.assert_allclose(s.minima[0], (1.0, 1.0), atol=1e-3)
    assert s.log_levels


def test_minima_are_sorted_by_value_and_capped():
    s = from_expression("sin(3*x)*cos(3*y) + (x**2 + y**2)/50")  # about 18 minima on the domain
    assert len(s.minima) == 8
    values = [float(s.f(m)) for m in s.minima]
    assert values == sorted(values)
    for m in s.minima:
        assert np.linalg.norm(np.asarray(s.grad(m))) < 1e-3
        assert np.all(np.linalg.eigvalsh(np.asarray(s.hessian(m))) > 0)


def assert_same_points(got, expected, atol):
    """The same points in any order: as many, and each expected one within ``atol`` of a different found one."""
    got, expected = np.asarray(got, dtype=float).reshape(-1, 2), np.asarray(expected, dtype=float).reshape(-1, 2)
    assert len(got) == len(expected), (got, expected)
    dist = np.abs(got[:, None] - expected[None]).max(axis=-1)
    assert sorted(dist.argmin(axis=0)) == list(range(len(got))) and dist.min(axis=0).max() <= atol, (got, expected)


def _double_well_minima(tilt):
    """The minima of (x² − 1)² + t·x + y²: the outer real roots of 4x³ − 4x + t, deeper (left) first."""
    roots = np.sort(np.roots([4.0, 0.0, -4.0, tilt]).real)
    return [(roots[0], 0.0), (roots[2], 0.0)]


# (formula, domain, its minima by theory, deepest first where they differ in depth)
THEORY = [
    ("x**2 + 10*y**2", None, [(0.0, 0.0)]),
    ("(x-2.5)**2 + 10*(y-1.5)**2", None, [(2.5, 1.5)]),  # lesson 7's surface
    # ∇f = 0 is the linear system [[2, 0.1], [0.1, 6]] (x, y) = (1.4, -1.2)
    ("(x - 0.7)**2 + 3*(y + 0.2)**2 + 0.1*x*y", None, [tuple(np.linalg.solve([[2, 0.1], [0.1, 6]], [1.4, -1.2]))]),
    # lesson 8's rotated saddle: u² − w² + w⁴/4 in u = (x+y)/√2, w = (x−y)/√2; minima at u = 0, w = ±√2
    ("2*x*y + (x - y)**4/16", None, [(1.0, -1.0), (-1.0, 1.0)]),
    ("log(exp(x) + exp(-x)) + 0.5*y**2", ((-4, 4), (-4, 4)), [(0.0, 0.0)]),
    ("(x**2-1)**2 + 0.5*x + y**2", ((-2, 2), (-2, 2)), _double_well_minima(0.5)),
    ("sin(x)*sin(y)", None, [(math.pi / 2, -math.pi / 2), (-math.pi / 2, math.pi / 2)]),
    ("cos(x) + cos(y)", ((-6, 6), (-6, 6)), [(a * math.pi, b * math.pi) for a in (-1, 1) for b in (-1, 1)]),
    ("(x**2+y-11)**2+(x+y**2-7)**2", ((-5, 5), (-5, 5)), HIMMELBLAU_MINIMA),
    ("(1-x)**2 + 100*(y-x**2)**2", ((-2, 2), (-1, 3)), [(1.0, 1.0)]),
]


@pytest.mark.parametrize("text,domain,expected", THEORY, ids=[t for t, _, _ in THEORY])
def test_minima_are_the_theorys_and_true_stationary_points(text, domain, expected):
    s = from_expression(text, domain=domain) if domain else from_expression(text)
    assert_same_points(s.minima, expected, 1e-6)  # (Himmelblau's, from the literature, have 6 decimals)
    if len({round(float(s.f(m)), 6) for m in expected}) > 1:  # different depths: deepest first
        np.testing.assert_allclose(s.minima, expected, rtol=0, atol=1e-6)
    with jax.enable_x64(True):
        for m in s.minima:
            assert np.linalg.norm(np.asarray(s.grad(m))) < 1e-9
            assert np.linalg.eigvalsh(np.asarray(s.hessian(m)))[0] > 0


def test_minima_match_an_independent_search():
    """The 8 lowest of about 18 minima, against BFGS (scipy) from a grid of starts with the hand-written gradient."""
    from scipy.optimize import minimize

    def f(p):
        return np.sin(3 * p[0]) * np.cos(3 * p[1]) + (p @ p) / 50

    def grad(p):
        x, y = p
        return np.array([3 * np.cos(3 * x) * np.cos(3 * y) + x / 25, -3 * np.sin(3 * x) * np.sin(3 * y) + y / 25])

    found = []
    for x0 in np.linspace(-2.9, 2.9, 15):
        for y0 in np.linspace(-2.9, 2.9, 15):
            r = minimize(f, [x0, y0], jac=grad, method="BFGS", options={"gtol": 1e-12})
            if np.all(np.abs(r.x) < 3) and all(np.linalg.norm(r.x - q) > 1e-4 for q in found):
                found.append(r.x)
    reference = sorted(found, key=f)[:8]
    s = from_expression("sin(3*x)*cos(3*y) + (x**2 + y**2)/50")
    assert_same_points(s.minima, reference, 1e-6)


def test_degenerate_minimum_is_kept_at_a_strict_grid_minimum():
    # x⁴ + y⁴ and x⁴ + y²: ∇²f is singular at the minimum (0, 0), which is still the only one
    for text in ("x**4 + y**4", "x**4 + y**2"):
        assert from_expression(text).minima == ((0.0, 0.0),)


def test_flat_directions_and_saddles_are_not_minima():
    assert from_expression("x**2").minima == ()  # a valley of minima, none isolated
    assert from_expression("x**2 - y**2").minima == ()  # a saddle
    assert from_expression("x + y").minima == ()


@pytest.mark.parametrize("text", ["log(-1 - x**2)", "sqrt(-1 - y**2)", "1/0", "log(0*x)"])
def test_not_finite_anywhere(text):
    with pytest.raises(ValueError, match="not finite anywhere"):
        from_expression(text)


def test_partly_finite_formula_is_fine():
    s = from_expression("log(x)", domain=((-1, 1), (-1, 1)))
    assert s.minima == ()
