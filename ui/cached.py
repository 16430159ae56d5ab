"""Cached computations for the pages: surfaces, contour grids, and the lessons' slower computations.

Trajectories are not cached here: a run takes well under a millisecond once compiled,
less than a cache lookup of its arrays would cost to copy (the Playground keeps only its
own session's last runs, `lab.compute.run_scene`'s ``reuse``). Surfaces are kept as
resources (a typed formula's surface holds a closure that cannot be pickled);
grids and the lessons' results (sweeps, basin maps) are data, each in one
bounded cache every page shares.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import streamlit as st

from figures import kept
from lab.compute import make_surface
from lab.scene import Scene

from . import admission

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


# Heavy work (a sweep lab map, lesson 10's trainings): one computation at a time across every session of the
# server, so one student's large request leaves the other core to everyone else; the others queue, and are told
# so. Results are kept in a small bounded cache of their own, checked before queueing (a map another student
# already drew costs nothing). With LLL_HEAVY_PROCESS=1 (the Docker image sets it) the work runs in a process of
# its own: a new network's tracing and lowering is Python, and in the server it held the interpreter lock that
# every other student's rerun needs, for up to a second a move.
HEAVY_ENTRIES = 16
HEAVY_PROCESS = "LLL_HEAVY_PROCESS"
_heavy_lock = threading.Lock()
_heavy_cache: OrderedDict = OrderedDict()
_heavy_cache_lock = threading.Lock()
_worker: ProcessPoolExecutor | None = None


def heavy(fn, *args, waiting: str = "", **kwargs):
    """``fn(*args, **kwargs)``, kept, computed only while no other session computes a heavy result: the caller waits
    in line meanwhile, under a spinner saying ``waiting``. The result is shared: do not mutate it. ``fn`` is a
    module's function of picklable arguments (it may run in the heavy-work process)."""
    key = (f"{fn.__module__}.{fn.__qualname__}", args, tuple(sorted(kwargs.items())))
    if (hit := _heavy_get(key)) is not None:
        return hit
    if not _heavy_lock.acquire(blocking=False):
        with st.spinner(waiting or "…"), admission.released():
            _heavy_lock.acquire()
    try:
        if (hit := _heavy_get(key)) is not None:  # computed by the one we waited for
            return hit
        result = _compute(fn, args, kwargs)
    finally:
        _heavy_lock.release()
    with _heavy_cache_lock:
        _heavy_cache[key] = result
        while len(_heavy_cache) > HEAVY_ENTRIES:
            _heavy_cache.popitem(last=False)
    return result


def _compute(fn, args, kwargs):
    """``fn(*args, **kwargs)`` in the heavy-work process when there is one (`HEAVY_PROCESS`), else here. A process
    that died (out of memory, say) is replaced, and the work done here meanwhile."""
    global _worker
    if os.environ.get(HEAVY_PROCESS) != "1":
        return fn(*args, **kwargs)
    if _worker is None:
        # "spawn": a fork of a server whose threads hold locks (JAX's, the allocator's) could deadlock
        _worker = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        with admission.released():  # the wait is another process's work: others take this run's turn meanwhile
            return _worker.submit(fn, *args, **kwargs).result()
    except BrokenProcessPool:
        _worker = None
        return fn(*args, **kwargs)


def _heavy_get(key):
    with _heavy_cache_lock:
        if key in _heavy_cache:
            _heavy_cache.move_to_end(key)
            return _heavy_cache[key]
    return None


# The lessons' slower results: a table per function, so that a class moving one page's sliders at random never
# pushes another page's fixed result out (one table of 32 for all of them recomputed the saddle page's 10⁵ random
# matrices every few reruns). Kept in this process as they are, not pickled in and out as `st.cache_data` does on
# every hit; their arrays are made read-only, so a page that tried to change a shared result would fail loudly.
COMPUTED_ENTRIES = 24  # per function: a page's few sliders' combinations that a class visits at once
_computed_tables: dict[str, OrderedDict] = {}
_computed_lock = threading.Lock()


def computed(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, kept: for a pure function of plain values (a `lessons` computation such as a sweep
    or a basin map), keyed by its arguments in a bounded table of its own. The result is shared by every session:
    its arrays are read-only."""
    name, key = f"{fn.__module__}.{fn.__qualname__}", _key(args, kwargs)
    with _computed_lock:
        table = _computed_tables.setdefault(name, OrderedDict())
        if key in table:
            table.move_to_end(key)
            return table[key]
    result = _read_only(fn(*args, **kwargs))
    with _computed_lock:
        table[key] = result
        while len(table) > COMPUTED_ENTRIES:
            table.popitem(last=False)
    return result


def _key(args: tuple, kwargs: dict):
    """The arguments as a dictionary key: themselves when hashable, else a digest of their plain values."""
    key = (args, tuple(sorted(kwargs.items())))
    try:
        hash(key)
        return key
    except TypeError:
        return kept.digest(key)


def _read_only(value):
    """``value`` with every NumPy array in it (in tuples, lists and dicts) made read-only."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for v in value:
            _read_only(v)
    elif isinstance(value, dict):
        for v in value.values():
            _read_only(v)
    return value
