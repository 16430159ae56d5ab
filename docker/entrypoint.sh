#!/bin/sh
# The image's entrypoint: put the compile cache the build warmed where JAX looks for it, then run the command.
#
# The build fills JAX's persistent compile cache at $LLL_COMPILE_CACHE and keeps it in $LLL_COMPILE_CACHE_SEED:
# a read-only container (compose's read_only, Kubernetes' readOnlyRootFilesystem) mounts an empty writable
# directory (tmpfs, emptyDir) at $LLL_COMPILE_CACHE, which hides what the image had there. Copying the seed to
# that same path, not pointing JAX at the seed, matters: JAX's cache key includes the cache folder's path (it
# enters XLA's debug options), so entries written under one path are never found under another.
set -eu
seed=${LLL_COMPILE_CACHE_SEED:-}
cache=${LLL_COMPILE_CACHE:-}
if [ -n "$seed" ] && [ -d "$seed" ] && [ -n "$cache" ] && [ "$cache" != off ]; then
  # -n: never overwrite what is there (a cache volume kept from an earlier start)
  if ! { mkdir -p "$cache" && cp -Rn "$seed/." "$cache/"; } 2>/dev/null; then
    echo "entrypoint: $cache is not writable; the first visitors wait for JAX's compiles" >&2
  fi
fi
exec "$@"
