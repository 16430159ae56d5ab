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
"""

import os
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
