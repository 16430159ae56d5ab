"""Every registered surface, checked against trusted references: finite differences, closed-form theory, numpy."""

import math
import zlib

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
from landscapes import newton
from landscapes.parser import parse

NAMES = landscapes.names()
N_DRAWS = 2


def random_params(name: str, draw: int) -> dict:
    """A reproducible draw of every parameter of ``name`` within its slider range (log-uniform for log sliders)."""
    rng = np.random.default_rng([draw, zlib.crc32(name.encode())])
    out = {}
    for p in landscapes.params(name):
        if p.log:
            v = math.exp(rng.uniform(math.log(p.low), math.log(p.high)))
        else:
            v = rng.uniform(p.low, p.high)
        out[p.name] = int(round(v)) if p.integer else float(v)
    return out


CASES = [pytest.param(n, {}, id=f"{n}-default") for n in NAMES] + [
    pytest.param(n, random_params(n, i), id=f"{n}-random{i}")
    for n in NAMES
    if landscapes.params(n)
    for i in range(N_DRAWS)
]


@pytest.fixture
def x64():
    with jax.enable_x64(True):
        yield


def random_points(s, n: int, seed: int = 0) -> np.ndarray:
    (x0, x1), (y0, y1) = s.domain
    rng = np.random.default_rng(seed)
    return np.stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)], axis=1)


def f64(s, p) -> float:
    return float(s.f(np.asarray(p, dtype=np.float64)))


def fd_grad(s, p, h: float = 1e-5) -> np.ndarray:
    """Central finite differences: (f(p + h e_i) - f(p - h e_i)) / 2h."""
    p = np.asarray(p, dtype=np.float64)
    e = np.eye(2)
    return np.array([(f64(s, p + h * e[i]) - f64(s, p - h * e[i])) / (2 * h) for i in range(2)])


def grad_scale(s) -> float:
    """A typical gradient norm over the domain: tolerances for "zero gradient" are relative to it."""
    return float(np.median([np.linalg.norm(np.asarray(s.grad(p))) for p in random_points(s, 8, seed=1)]))


def inside(p, domain) -> bool:
    (x0, x1), (y0, y1) = domain
    return x0 <= p[0] <= x1 and y0 <= p[1] <= y1


# -- every surface ----------------------------------------------------------------


@pytest.mark.parametrize("name, params", CASES)
def test_gradient_matches_finite_differences(name, params, x64):
    s = landscapes.get(name, **params)
    for p in random_points(s, 6):
        g = np.asarray(s.grad(p))
        assert g.dtype == np.float64
        fd = fd_grad(s, p)
        # rounding in the difference quotient is ~ eps |f| / h; allow for it on top of the relative tolerance
        np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-8 * (1.0 + abs(f64(s, p))), err_msg=f"at {p}")


@pytest.mark.parametrize("name, params", CASES)
def test_minima_and_saddles_are_stationary_with_the_right_curvature(name, params, x64):
    s = landscapes.get(name, **params)
    tol = 1e-7 * (1.0 + grad_scale(s))
    for m in s.minima:
        assert np.linalg.norm(np.asarray(s.grad(m))) < tol, f"gradient at minimum {m}"
        eig = np.linalg.eigvalsh(np.asarray(s.hessian(m)))
        assert eig[0] > 1e-9 * abs(eig[1]), f"Hessian at minimum {m} not positive definite: {eig}"
    for q in s.saddles:
        assert np.linalg.norm(np.asarray(s.grad(q))) < tol, f"gradient at saddle {q}"
        eig = np.linalg.eigvalsh(np.asarray(s.hessian(q)))
        assert eig[0] < 0 < eig[1], f"Hessian at saddle {q} not indefinite: {eig}"


@pytest.mark.parametrize("name, params", CASES)
def test_points_lie_in_the_domain_and_the_start_is_above_the_minima(name, params, x64):
    s = landscapes.get(name, **params)
    (x0, x1), (y0, y1) = s.domain
    assert x0 < x1 and y0 < y1
    for p in s.minima + s.saddles:
        assert inside(p, s.domain), f"{p} outside {s.domain}"
    assert inside(s.start, s.domain)
    f_start = f64(s, s.start)
    assert math.isfinite(f_start)
    for m in s.minima:
        assert f64(s, m) <= f_start


@pytest.mark.parametrize("name", NAMES)
def test_grid_rows_are_y_and_columns_are_x(name):
    s = landscapes.get(name)
    for domain in (None, ((-1.0, 2.0), (0.5, 2.5))):
        if domain is not None and s.is_data:
            (w0, _), (b0, _) = s.domain
            domain = ((w0, w0 + 3.0), (b0 + 0.5, b0 + 2.5))
        xs, ys, Z = s.grid(n=9, domain=domain)
        assert Z.shape == (9, 9)
        for i, j in ((0, 0), (0, 8), (8, 0), (2, 7), (6, 3)):
            expect = float(s.f((xs[j], ys[i])))
            assert Z[i, j] == pytest.approx(expect, rel=1e-5, abs=1e-6 * (1.0 + float(np.abs(Z).max())))


# -- surface by surface -------------------------------------------------------------


@pytest.mark.parametrize("condition, angle", [(1.0, 0.0), (10.0, 0.3), (1000.0, -1.2), (37.5, math.pi / 2)])
def test_quadratic_hessian_eigenvalues_are_one_over_kappa_and_one(condition, angle, x64):
    s = landscapes.get("quadratic", condition=condition, angle=angle)
    for p in [(0.0, 0.0), (1.3, -0.7)]:
        eig = np.linalg.eigvalsh(np.asarray(s.hessian(p)))
        np.testing.assert_allclose(eig, [1.0 / condition, 1.0], rtol=1e-12, atol=1e-15)


def test_saddle_without_quartic_has_no_minimum(x64):
    s = landscapes.get("saddle", c=0.0)
    assert s.minima == ()
    assert s.saddles == ((0.0, 0.0),)
    # f = a x² - b y² is unbounded below along y
    assert f64(s, (0.0, 100.0)) == pytest.approx(-1e4)


@pytest.mark.parametrize("a, b", [(1.0, 100.0), (0.3, 1.0), (2.7, 900.0)])
def test_rosenbrock_is_zero_at_a_a_squared(a, b, x64):
    s = landscapes.get("rosenbrock", a=a, b=b)
    assert s.minima == ((a, a * a),)
    # zero up to the rounding of a² itself: the compiled loss may form y - x² with one fused multiply-add, which
    # leaves fl(a²) - a² (at most half an ulp of a²) where plain float64 arithmetic leaves 0; squared and times b
    assert 0.0 <= f64(s, (a, a * a)) <= b * (np.spacing(a * a) / 2) ** 2
    assert f64(s, (a + 0.1, a * a)) > 1e-3


def test_himmelblau_has_four_distinct_zero_minima(x64):
    s = landscapes.get("himmelblau")
    mins = np.array(s.minima)
    assert mins.shape == (4, 2)
    assert (3.0, 2.0) in s.minima
    for x, y in mins:
        # both squares vanish: x² + y = 11 and x + y² = 7
        assert abs(x * x + y - 11) < 1e-12 and abs(x + y * y - 7) < 1e-12
        assert f64(s, (x, y)) < 1e-20
    dist = np.linalg.norm(mins[:, None] - mins[None], axis=-1)
    assert dist[np.triu_indices(4, 1)].min() > 1.0
    sad = np.array(s.saddles)
    assert sad.shape == (4, 2)
    assert np.linalg.norm(sad[:, None] - sad[None], axis=-1)[np.triu_indices(4, 1)].min() > 1.0
    (mx,) = s.extra["maxima"]
    assert np.linalg.norm(np.asarray(s.grad(mx))) < 1e-9
    assert np.linalg.eigvalsh(np.asarray(s.hessian(mx)))[1] < 0


def _cubic_roots(t: float) -> np.ndarray:
    """Roots of x³ - x + t/4 = 0 by the trigonometric formula (three real roots for |t| < 8/(3√3)), ascending."""
    phi = math.acos(-3 * math.sqrt(3) * t / 8)
    return np.sort([2 / math.sqrt(3) * math.cos(phi / 3 - 2 * math.pi * k / 3) for k in range(3)])


@pytest.mark.parametrize("tilt", [0.1, 0.5, 1.2])
def test_double_well_roots_and_depths(tilt, x64):
    s = landscapes.get("double_well", tilt=tilt, stiffness=2.0)
    left, middle, right = _cubic_roots(tilt)
    assert len(s.minima) == 2 and len(s.saddles) == 1
    (g, _), (loc, _) = s.minima
    assert g == pytest.approx(left, abs=1e-12) and loc == pytest.approx(right, abs=1e-12)
    assert s.saddles[0][0] == pytest.approx(middle, abs=1e-12)
    assert f64(s, s.minima[0]) < f64(s, s.minima[1])
    # the start is on the shallow side
    assert s.start[0] > s.saddles[0][0]


def test_double_well_beyond_the_critical_tilt_has_one_minimum(x64):
    s = landscapes.get("double_well", tilt=1.6)  # > 8/(3√3) ≈ 1.54
    assert len(s.minima) == 1 and s.saddles == ()
    assert np.linalg.norm(np.asarray(s.grad(s.minima[0]))) < 1e-10


def test_double_well_without_tilt_has_equal_wells(x64):
    s = landscapes.get("double_well", tilt=0.0)
    assert sorted(m[0] for m in s.minima) == pytest.approx([-1.0, 1.0], abs=1e-12)
    assert s.saddles[0][0] == pytest.approx(0.0, abs=1e-12)


def test_plateau_gradient_at_start_is_tiny(x64):
    s = landscapes.get("plateau", width=0.6)
    r = math.hypot(*s.start)
    # |∇f| = (r / w²) exp(-r² / 2w²)
    expect = r / 0.36 * math.exp(-r * r / 0.72)
    assert np.linalg.norm(np.asarray(s.grad(s.start))) == pytest.approx(expect, rel=1e-12)
    assert expect < 1e-5
    # at r = w the gradient is exp(-1/2)/w, orders of magnitude larger
    assert np.linalg.norm(np.asarray(s.grad((0.6, 0.0)))) == pytest.approx(math.exp(-0.5) / 0.6, rel=1e-12)


def test_cliff_wall_slope_is_h_k_over_4(x64):
    h, k, c = 5.0, 20.0, -1.0
    s = landscapes.get("cliff", height=h, steepness=k, position=c)
    gx, gy = np.asarray(s.grad((c, 0.5)))
    # bowl slope 0.1 (x - 2) plus the wall's -h k / 4
    assert gx == pytest.approx(0.1 * (c - 2.0) - h * k / 4, rel=1e-6)
    assert gy == pytest.approx(0.5)


def _descend(s, lr: float, steps: int, max_norm: float | None = None):
    """Plain gradient descent, optionally with the gradient clipped to norm ``max_norm``: positions and losses."""
    grad = jax.jit(jax.grad(s.value))
    params = {k: jnp.asarray(v) for k, v in s.params.items()}
    p = np.asarray(s.start, dtype=np.float64)
    path = [p]
    for _ in range(steps):
        g = np.asarray(grad(jnp.asarray(p), params, None), dtype=np.float64)
        if max_norm is not None:
            g = g * min(1.0, max_norm / np.linalg.norm(g))
        p = p - lr * g
        path.append(p)
    path = np.array(path)
    return path, np.array([float(s.f(q)) for q in path])


def test_cliff_throws_plain_descent_and_clipping_steps_down():
    s = landscapes.get("cliff")
    (x0, x1), _ = s.domain
    path, _ = _descend(s, lr=0.3, steps=120)
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    assert steps.max() > 4 * (x1 - x0) / 10  # thrown several tenths of the domain in one step
    path, losses = _descend(s, lr=0.3, steps=300, max_norm=1.0)
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    assert steps.max() <= 0.3 * (1 + 1e-6)
    assert np.all(np.diff(losses) <= 1e-6)  # the loss never goes up
    assert np.linalg.norm(path[-1] - np.array(s.minima[0])) < 0.05


# -- linear regression -----------------------------------------------------------------


def test_linear_regression_loss_is_the_mean_of_the_sample_losses(x64):
    s = landscapes.get("linear_regression", n_samples=37, noise=1.3, data_seed=5)
    data = {k: jnp.asarray(v) for k, v in s.data.items()}
    per_sample = jax.vmap(s.sample_value, in_axes=(None, None, 0))
    for p in random_points(s, 4):
        xy = jnp.asarray(p)
        assert float(s.f(xy)) == pytest.approx(float(jnp.mean(per_sample(xy, {}, data))), rel=1e-13)


def test_linear_regression_minimum_is_the_least_squares_fit(x64):
    for settings in ({}, {"n_samples": 12, "noise": 2.5, "true_w": -1.5, "true_b": 2.0, "data_seed": 77}):
        s = landscapes.get("linear_regression", **settings)
        w, b = np.polyfit(s.data["x"], s.data["y"], 1)
        np.testing.assert_allclose(s.minima[0], (w, b), rtol=1e-10, atol=1e-12)


def test_linear_regression_hessian_is_constant_and_closed_form(x64):
    s = landscapes.get("linear_regression", n_samples=50, data_seed=3)
    x = s.data["x"]
    # H = 2 [[mean x², mean x], [mean x, 1]]
    expect = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    for p in [s.start, s.minima[0], (10.0, -7.0)]:
        np.testing.assert_allclose(np.asarray(s.hessian(p)), expect, rtol=1e-12)


def test_linear_regression_data_follow_the_seed():
    a = landscapes.get("linear_regression", data_seed=4)
    b = landscapes.get("linear_regression", data_seed=4)
    c = landscapes.get("linear_regression", data_seed=5)
    for k in ("x", "y"):
        np.testing.assert_array_equal(a.data[k], b.data[k])
        assert not np.array_equal(a.data[k], c.data[k])
    # the settings are not traced parameters, but they are kept
    assert a.params == {}
    assert a.extra["data_seed"] == 4 and a.extra["n_samples"] == 100
    # noise zero: every point on the generating line, and the fit recovers it
    d = landscapes.get("linear_regression", noise=0.0, true_w=0.7, true_b=-2.0)
    np.testing.assert_allclose(d.data["y"], 0.7 * d.data["x"] - 2.0)
    np.testing.assert_allclose(d.minima[0], (0.7, -2.0), atol=1e-9)


def test_linear_regression_sample_count():
    s = landscapes.get("linear_regression", n_samples=1050)
    assert s.n_samples == 1050
    assert s.data["x"].shape == s.data["y"].shape == (1050,)
    assert s.static_key() != landscapes.get("linear_regression").static_key()


@pytest.mark.parametrize("bad", [{"n_samples": 1.5}, {"n_samples": 0}, {"n_samples": 1}, {"n_samples": "many"}, {"data_seed": 2.5}, {"data_seed": -1}, {"noise": -0.1}])
def test_linear_regression_refuses_bad_settings(bad):
    with pytest.raises(ValueError):
        landscapes.get("linear_regression", **bad)


# -- registry ---------------------------------------------------------------------------


def test_registry_lists_surfaces_in_teaching_order():
    assert NAMES == [
        "quadratic",
        "saddle",
        "rosenbrock",
        "himmelblau",
        "double_well",
        "plateau",
        "cliff",
        "linear_regression",
    ]
    for name in NAMES:
        assert landscapes.title(name)
        s = landscapes.get(name)
        assert s.name == name
        assert [p.name for p in s.specs] == [p.name for p in landscapes.params(name)]


def test_unknown_surface_is_refused_with_the_known_names():
    with pytest.raises(ValueError) as err:
        landscapes.get("mexican_hat")
    for name in NAMES:
        assert name in str(err.value)
    for call in (landscapes.params, landscapes.title):
        with pytest.raises(ValueError):
            call("mexican_hat")


@pytest.mark.parametrize("name", NAMES)
def test_unknown_parameter_is_refused_with_the_allowed_names(name):
    with pytest.raises(ValueError) as err:
        landscapes.get(name, learning_rate=0.1)
    msg = str(err.value)
    assert "learning_rate" in msg
    for p in landscapes.params(name):
        assert p.name in msg


@pytest.mark.parametrize("name", [n for n in NAMES if landscapes.params(n)])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_parameter_is_refused(name, bad):
    first = landscapes.params(name)[0].name
    with pytest.raises(ValueError, match="finite"):
        landscapes.get(name, **{first: bad})


# -- Newton's method (landscapes.newton), from several starts at once ------------------


def _formula(text):
    return parse(text).value


def test_newton_from_several_starts_finds_himmelblaus_nine_stationary_points(x64):
    # Himmelblau's function has 4 minima, 4 saddles and 1 maximum; rough guesses near each
    guesses = [(3.1, 2.1), (-2.8, 3.1), (-3.8, -3.3), (3.6, -1.8),
               (0.09, 2.88), (-3.07, -0.08), (3.39, 0.07), (-0.13, -1.95), (-0.27, -0.92)]
    value = landscapes.get("himmelblau").value
    found = newton.solve(value, guesses)
    assert found.converged.all()
    signs = []
    for p in found.points:
        assert np.linalg.norm(np.asarray(jax.grad(value)(jnp.asarray(p), {}))) < 1e-9
        eig = np.linalg.eigvalsh(np.asarray(jax.hessian(value)(jnp.asarray(p), {})))
        signs.append(int((eig > 0).sum()))  # 2: minimum, 1: saddle, 0: maximum
    assert signs == [2] * 4 + [1] * 4 + [0]
    assert np.linalg.norm(found.points[:, None] - found.points[None], axis=-1)[np.triu_indices(9, 1)].min() > 1.0
    # each start alone (refine) reaches the same point
    for guess, p in zip(guesses, found.points):
        np.testing.assert_allclose(newton.refine(value, guess), p, rtol=0, atol=1e-12)


def test_newton_takes_no_step_along_a_flat_valley(x64):
    # f = x²: every (0, y) is a minimum; one Newton step lands on x = 0 and y stays
    found = newton.solve(_formula("x**2"), [(0.3, 1.0), (-2.0, -0.5)])
    assert found.converged.all()
    np.testing.assert_allclose(found.points, [(0.0, 1.0), (0.0, -0.5)], atol=1e-15)
    # f = exp(sin x) cos²y is 0 on the whole line y = π/2: the point reaches the line near where it started
    # instead of wandering along it (the Newton step along the line would be rounding error over rounding error)
    (x, y), = newton.solve(_formula("exp(sin(x))*cos(y)**2"), [(-1.56, 1.56)]).points
    assert y == pytest.approx(math.pi / 2, abs=1e-9)
    assert abs(x + 1.56) < 0.05


def test_newton_says_where_it_failed_instead_of_raising(x64):
    log, plane, quartic = _formula("log(x)"), _formula("x + y"), _formula("x**4 + y**4")
    assert not newton.solve(log, [(-1.0, 0.0)]).converged[0]  # not finite there
    assert not newton.solve(plane, [(0.5, 0.5)]).converged[0]  # no stationary point at all
    found = newton.solve(quartic, [(0.0, 0.0)])  # ∇f = 0 and ∇²f = 0: stationary already
    assert found.converged[0] and tuple(found.points[0]) == (0.0, 0.0)
    with pytest.raises(RuntimeError, match="did not converge"):
        newton.refine(plane, (0.5, 0.5))


def test_a_surface_is_made_once_per_values_and_shared():
    """`get` keeps what it made: the same name and values (given or defaulted, in any order) are the same
    object, other values another surface; refused values are still refused."""
    cliff = landscapes.get("cliff")
    assert landscapes.get("cliff", height=5.0) is cliff
    assert landscapes.get("cliff", position=-1.0, height=5.0) is cliff
    higher = landscapes.get("cliff", height=6.0)
    assert higher is not cliff and higher.settings["height"] == 6.0
    assert landscapes.get("quadratic", condition=10.0) is not landscapes.get("quadratic", condition=20.0)
    with pytest.raises(ValueError, match="must be a number"):
        landscapes.get("cliff", height="high")
    data = landscapes.get("linear_regression").data
    assert not any(a.flags.writeable for a in data.values())  # shared data cannot be changed under anyone
