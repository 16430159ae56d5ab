"""What a dropped program leaves behind, released (`optimizers.runtime.release`), and what a release must not cost:
a compile or a trace of a program the tables keep."""

import ctypes
import threading
import time

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import monitoring

import landscapes
import networks
import optimizers
from optimizers import program, runtime

_compiles: list[str] = []
monitoring.register_event_listener(
    lambda name, **kw: _compiles.append(name) if name == "/jax/compilation_cache/compile_requests_use_cache" else None)


def test_a_table_asks_for_a_release_when_it_drops_a_program_and_only_then(monkeypatch):
    asked = []
    monkeypatch.setattr(runtime, "release_soon", lambda: asked.append(1))
    f = program.bounded(lambda spec, x: x * spec, 2)
    for n in (1, 2, 1, 2):  # two programs, kept: nothing dropped
        f(2.0, np.ones(n, np.float32))
    assert asked == []
    f(2.0, np.ones(3, np.float32))  # a third: the oldest is dropped
    assert asked == [1] and len(f.programs) == 2


def test_release_clears_the_trace_caches_that_outlive_a_dropped_program():
    from jax._src.interpreters import partial_eval as pe

    @jax.jit
    def g(x):
        return jnp.mean(jax.nn.softplus(x))  # library functions: their traces are kept per shape, for good

    for n in range(3, 8):
        g(np.ones(n, np.float32))
    del g
    assert pe._cached_abstract_eval.cache_info().currsize > 0
    assert runtime.forget_traces() == len(runtime.TRACE_CACHES)  # this JAX has every cache named there
    assert pe._cached_abstract_eval.cache_info().currsize == 0


def test_after_a_release_kept_programs_and_eager_operations_neither_compile_nor_trace():
    surface = landscapes.get("quadratic")
    m = networks.model(networks.dataset("moons", 60), (4,))
    x = jnp.ones((7, 3))

    points = np.random.default_rng(0).normal(size=(9, 2))

    def work():
        a = optimizers.run(surface, "adam", steps=100, learning_rate=0.1).xy
        b = networks.train(m, "sgd", 200, learning_rate=0.1).theta
        c = float(jnp.mean(x)), np.asarray(jnp.sum(x, axis=0)), np.asarray(jax.nn.softplus(x))
        # an eager transformation, as lesson 4's curvature: JAX keeps its programs under pjit's trace cache
        d = np.asarray(jax.vmap(surface.hessian)(points))
        return a, b, c, d

    first = work()
    runtime.release()
    _compiles.clear()
    traces = program.TRACE_COUNT
    again = []
    t = threading.Thread(target=lambda: again.append(work()))  # as a page's rerun: on a new thread
    t.start()
    t.join()
    assert _compiles == [] and program.TRACE_COUNT == traces
    np.testing.assert_array_equal(again[0][0], first[0])
    np.testing.assert_array_equal(again[0][1], first[1])


def test_release_soon_releases_on_a_thread_of_its_own():
    before = runtime.RELEASES
    runtime.release_soon()
    deadline = time.monotonic() + 30
    while runtime.RELEASES == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runtime.RELEASES > before
    assert runtime._releaser is not threading.current_thread() and runtime._releaser.daemon


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


@pytest.mark.skipif(runtime._LIBC is None, reason="glibc's malloc_trim")
def test_trim_gives_back_memory_that_was_freed_but_kept():
    # 200 MB in blocks glibc serves from its arenas, one in a hundred kept: the rest is free but stays resident,
    # as what a compile used does (the live blocks between the free ones keep the arena from shrinking)
    blocks = [ctypes.create_string_buffer(2000) for _ in range(100_000)]
    kept = blocks[::100]
    del blocks
    before = _rss_mb()
    assert runtime.trim_malloc()
    assert before - _rss_mb() > 100
    del kept
