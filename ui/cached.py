"""Cached computations for the pages: surfaces, contour grids, and the lessons' slower computations.

Trajectories are not cached: a run takes well under a millisecond once compiled,
less than a cache lookup of its arrays would cost to copy. Surfaces are kept as
resources (a typed formula's surface holds a closure that cannot be pickled);
grids and the lessons' results (sweeps, basin maps) are data, each in one
bounded cache every page shares.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lab.compute import make_surface
from lab.scene import Scene

GRID_POINTS = 120


def key_for(name: str, formula: str = "", **params) -> tuple:
    """What identifies a surface: its name, parameters and formula (``name`` "expression" for a typed one)."""
    return (name, tuple(sorted(params.items())), formula)


def surface_key(scene: Scene) -> tuple:
    """The `key_for` of a scene's surface."""
    return key_for(scene.surface, scene.formula, **scene.surface_params)


@st.cache_resource(max_entries=64, show_spinner=False)
def surface(key: tuple):
    """The surface for ``key`` (see `key_for`); raises `ValueError` for a formula the parser refuses."""
    name, params, formula = key
    return make_surface(Scene(surface=name, surface_params=dict(params), formula=formula))


@st.cache_data(max_entries=64, show_spinner=False)
def grid(key: tuple, n: int = GRID_POINTS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contour grid of the surface for ``key``, as float32 arrays."""
    xs, ys, z = surface(key).grid(n)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def contour(name: str, formula: str = "", n: int = GRID_POINTS, **params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contour grid of the surface ``name`` with ``params`` (`grid` of its `key_for`)."""
    return grid(key_for(name, formula, **params), n)


def computed(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, kept: for a pure function of plain values (a `lessons` computation such as a sweep
    or a basin map), keyed by its qualified name and its arguments."""
    return _computed(f"{fn.__module__}.{fn.__qualname__}", args, tuple(sorted(kwargs.items())), fn)


@st.cache_data(max_entries=32, show_spinner=False)
def _computed(name: str, args: tuple, kwargs: tuple, _fn):
    return _fn(*args, **dict(kwargs))
