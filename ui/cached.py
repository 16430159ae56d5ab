"""Cached computations for the pages: surfaces and contour grids.

Trajectories are not cached: a run takes well under a millisecond once compiled,
less than a cache lookup of its arrays would cost to copy. Surfaces are kept as
resources (a typed formula's surface holds a closure that cannot be pickled);
grids are data.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lab.compute import make_surface
from lab.scene import Scene

GRID_POINTS = 120


def surface_key(scene: Scene) -> tuple:
    """What identifies a scene's surface: its name, parameters and formula."""
    return (scene.surface, tuple(sorted(scene.surface_params.items())), scene.formula)


@st.cache_resource(max_entries=64, show_spinner=False)
def surface(key: tuple):
    """The surface for ``key`` (see `surface_key`); raises `ValueError` for a formula the parser refuses."""
    name, params, formula = key
    return make_surface(Scene(surface=name, surface_params=dict(params), formula=formula))


@st.cache_data(max_entries=64, show_spinner=False)
def grid(key: tuple, n: int = GRID_POINTS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contour grid of the surface for ``key``, as float32 arrays."""
    xs, ys, z = surface(key).grid(n)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)
