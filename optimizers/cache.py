"""JAX's persistent compilation cache, so a restarted app does not pay every compile again.

The cache directory is ``$LLL_COMPILE_CACHE`` or ``~/.cache/loss-landscape-lab/jax``;
``LLL_COMPILE_CACHE=off`` disables it. A cache the user configured already is left alone.
"""

import os
from pathlib import Path

import jax


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
