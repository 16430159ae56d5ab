"""`lessons.curvature`: the Hessian's eigenvalues against closed forms and against finite differences of the loss."""

import math

import jax
import numpy as np
import pytest

import landscapes
from lessons import curvature as lc


@pytest.mark.parametrize("condition", [1.0, 10.0, 100.0, 1000.0])
@pytest.mark.parametrize("angle", [0.0, 0.4, -1.2])
def test_quadratic_eigenvalues_are_one_over_kappa_and_one_everywhere(condition, angle):
    # f = ½(u²/κ + v²) in coordinates turned by θ: H has eigenvalues μ = 1/κ and L = 1 at every point
    quad = landscapes.get("quadratic", condition=condition, angle=angle)
    assert lc.eigenvalues(quad) == pytest.approx([1 / condition, 1.0], rel=1e-5, abs=1e-7)
    points = np.array([[[-2.5, 2.0], [1.0, 0.3]], [[0.0, -3.0], [2.9, 2.9]]])
    lam = lc.eigenvalues(quad, points)
    assert lam.shape == (2, 2, 2)
    assert lam[..., 0] == pytest.approx(np.full((2, 2), 1 / condition), rel=1e-5, abs=1e-7)
    assert lam[..., 1] == pytest.approx(np.ones((2, 2)), rel=1e-5)
    mu, big_l, kappa = lc.curvature(quad)
    assert (mu, big_l) == pytest.approx((1 / condition, 1.0), rel=1e-5, abs=1e-7)
    assert kappa == pytest.approx(condition, rel=1e-3)
    assert lc.largest(quad) == pytest.approx(1.0, rel=1e-5)


@pytest.mark.parametrize("a,b,c", [(1.0, 1.0, 0.25), (0.3, 2.0, 1.5), (4.0, 0.5, 0.0)])
def test_saddle_eigenvalues_are_its_second_derivatives(a, b, c):
    # f = a x² − b y² + c y⁴: H = diag(2a, −2b + 12 c y²) (no xy term), at the saddle and off it
    s = landscapes.get("saddle", a=a, b=b, c=c)
    points = np.array([[0.0, 0.0], [-2.5, 1e-4], [1.0, 0.7], [0.2, -1.3]])
    want = np.sort(np.stack([np.full(len(points), 2 * a), -2 * b + 12 * c * points[:, 1] ** 2], axis=1), axis=1)
    assert lc.eigenvalues(s, points) == pytest.approx(want, rel=1e-5, abs=1e-5)
    assert lc.largest(s, points) == pytest.approx(want[:, 1], rel=1e-5, abs=1e-5)
    assert lc.curvature(s, (0.0, 0.0)).kappa == math.inf  # μ = −2b < 0: not a minimum


def finite_difference_hessian(surface, xy, h=1e-4):
    """Central second differences of the loss itself, in float64 (no derivative taken by JAX)."""
    with jax.enable_x64(True):
        f = lambda p: float(surface.f(np.asarray(p, dtype=np.float64)))  # noqa: E731
        out = np.empty((2, 2))
        for i in range(2):
            for j in range(2):
                ei, ej = np.eye(2)[i] * h, np.eye(2)[j] * h
                out[i, j] = (f(xy + ei + ej) - f(xy + ei - ej) - f(xy - ei + ej) + f(xy - ei - ej)) / (4 * h * h)
    return out


@pytest.mark.parametrize("name", ["rosenbrock", "himmelblau", "double_well", "plateau"])
def test_eigenvalues_match_finite_differences_of_the_loss(name):
    s = landscapes.get(name)
    (x0, x1), (y0, y1) = s.domain
    points = np.array([s.start, s.minima[0], ((x0 + x1) / 2 + 0.3, (y0 + y1) / 2 - 0.2)], dtype=np.float64)
    got = lc.eigenvalues(s, points)
    for p, lam in zip(points, got):
        want = np.linalg.eigvalsh(finite_difference_hessian(s, p))
        scale = max(1.0, float(np.max(np.abs(want))))
        assert lam == pytest.approx(want, abs=1e-4 * scale)


def test_many_points_at_once_equal_one_at_a_time():
    s = landscapes.get("rosenbrock")
    points = np.array([[-1.5, 2.0], [0.0, 0.0], [1.0, 1.0], [0.5, -0.5]])
    batched = lc.eigenvalues(s, points)
    for p, lam in zip(points, batched):
        assert lam == pytest.approx(np.linalg.eigvalsh(np.asarray(s.hessian(p), dtype=np.float64)), rel=1e-6, abs=1e-6)
        assert lc.largest(s, p) == pytest.approx(lam[-1], rel=1e-6)


def test_spectrum_is_the_characteristic_polynomials_roots_smallest_first():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((50, 2, 2))
    h = (a + np.swapaxes(a, 1, 2)) / 2
    # a 2 × 2 symmetric matrix: λ = tr/2 ± √((tr/2)² − det)
    half, det = np.trace(h, axis1=1, axis2=2) / 2, np.linalg.det(h)
    root = np.sqrt(half**2 - det)
    assert lc.spectrum(h) == pytest.approx(np.stack([half - root, half + root], axis=1), abs=1e-12)
