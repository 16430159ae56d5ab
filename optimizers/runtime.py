"""How JAX runs here: XLA:CPU's small-loop option and the persistent compilation cache.

1. A trajectory is a `lax.scan` of a few hundred tiny steps. XLA:CPU runs such
   loops on a fast path only while the loop's buffers stay under a byte
   threshold; a loop body that records more outputs can fall off it and run up
   to 20x slower (measured here: 257 µs against 1,627 µs for one Adam run).
   Raising ``xla_cpu_small_while_loop_byte_threshold`` keeps our loops on it.
   XLA reads its flags when the backend starts (the first computation), so this
   must run before that; `optimizers` does it on import.
2. The persistent compilation cache keeps compiled programs on disk, so a
   restarted app does not pay every compile again. The directory is
   ``$LLL_COMPILE_CACHE`` or ``~/.cache/loss-landscape-lab/jax``;
   ``LLL_COMPILE_CACHE=off`` disables it. A cache the user configured is left alone.
3. What a dropped program leaves behind (`release`, which `optimizers.program.bounded`
   asks for when its table drops a program). Dropping a program's jitted function frees
   its executable and its own traces, but two things stay:

   - glibc keeps the memory a compile used and freed (tens of MB of LLVM's working
     memory for each) and what the dropped program held, in its arenas, between
     live blocks: freed, but resident, and never given back by itself;
   - JAX's trace caches keep the traces of the library functions a program called
     (``jnp.mean``, ``softplus``, ``lax.cond``'s branches, ...), keyed by their shapes:
     those functions live for good, so their entries outlive the program (about
     0.4 MB a network program) until each cache's thousands of entries are full.

   `release` gives the free pages back (``malloc_trim``) and clears the two of those
   caches whose loss costs nothing but a re-trace (`TRACE_CACHES`), off the caller's
   thread. The largest, ``pjit._infer_params_cached`` (0.39 of the 0.4 MB), stays: it
   also owns the programs JAX compiled for eager transformations elsewhere (a page's
   ``jax.vmap(jax.hessian(f))(points)``), and clearing it made those load again
   (a curvature computation of lesson 4: 80 ms, then about 1 s after each release).
"""

import ctypes
import ctypes.util
import importlib
import os
import threading
from pathlib import Path

import jax

SMALL_LOOP_OPTION = "xla_cpu_small_while_loop_byte_threshold=10000000"


def configure_xla() -> bool:
    """Add the small-loop option to ``XLA_FLAGS`` unless set; False when the backend already started."""
    flags = os.environ.get("XLA_FLAGS", "")
    if "xla_cpu_small_while_loop_byte_threshold" in flags:
        return True
    from jax._src import xla_bridge

    if xla_bridge.backends_are_initialized():
        return False  # too late for this process: it keeps the default threshold
    os.environ["XLA_FLAGS"] = f"{flags} --xla_backend_extra_options={SMALL_LOOP_OPTION}".strip()
    return True


def enable_persistent_cache() -> str | None:
    where = os.environ.get("LLL_COMPILE_CACHE", str(Path.home() / ".cache" / "loss-landscape-lab" / "jax"))
    if where.lower() == "off" or jax.config.jax_compilation_cache_dir:
        return jax.config.jax_compilation_cache_dir
    try:
        Path(where).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: run without the cache
    jax.config.update("jax_compilation_cache_dir", where)
    # our programs compile in 0.1-0.3 s: cache them all
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return where


# JAX's trace-time caches (module, attribute) whose entries outlive the functions traced, and whose loss costs the
# next trace a re-trace only: they own no compiled program (clearing them compiles nothing: tests/test_release.py)
TRACE_CACHES = (
    ("jax._src.interpreters.partial_eval", "_cached_abstract_eval"),
    ("jax._src.interpreters.partial_eval", "trace_to_jaxpr"),
)


def forget_traces() -> int:
    """Clear `TRACE_CACHES`; how many of them this JAX has (a JAX without one skips it)."""
    cleared = 0
    for module, name in TRACE_CACHES:
        try:
            clear = getattr(getattr(importlib.import_module(module), name), "cache_clear")
        except (ImportError, AttributeError):
            continue
        clear()
        cleared += 1
    return cleared


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _libc()


def trim_malloc() -> bool:
    """Give the OS back every free page of glibc's arenas (``malloc_trim(0)``); False where there is no glibc."""
    if _LIBC is None:
        return False
    _LIBC.malloc_trim(0)
    return True


def release() -> None:
    """What dropped programs left behind, released now: `forget_traces`, then `trim_malloc`."""
    forget_traces()
    trim_malloc()


_wanted = threading.Event()
_releaser: threading.Thread | None = None
_releaser_lock = threading.Lock()
RELEASES = 0  # how many times `release` ran on the releaser's thread


def release_soon() -> None:
    """`release` on a thread of its own, soon: the caller does not wait, and requests made meanwhile are one release."""
    global _releaser
    _wanted.set()
    with _releaser_lock:
        if _releaser is None or not _releaser.is_alive():
            _releaser = threading.Thread(target=_release_when_wanted, name="release", daemon=True)
            _releaser.start()


def _release_when_wanted() -> None:
    global RELEASES
    while True:
        _wanted.wait()
        _wanted.clear()
        release()
        RELEASES += 1
