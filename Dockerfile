# Loss Landscape Lab: the Streamlit app in one image, for a course to deploy.
#
#   docker build -t loss-landscape-lab .
#   docker run -p 8501:8501 loss-landscape-lab        # then open http://localhost:8501
#   docker run -p 8501:8501 -e LLL_WORKERS=2 loss-landscape-lab   # a class: one server per core
#
# BASE_IMAGE is any Debian-based image with python3 (3.11+) and its venv module;
# docker/build_and_smoke.sh passes a locally built one where Docker Hub is out of reach.
ARG BASE_IMAGE=python:3.11-slim-bookworm

# --- builder: the runtime dependencies in a virtual environment at /opt/venv ---
FROM ${BASE_IMAGE} AS builder
# binutils only for `strip` below (this stage is thrown away); unpinned on
# purpose: it is whatever the base's Debian release has, and never shipped.
# python3, not python: the public image has /usr/local/bin/python3, Debian's /usr/bin/python3.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
# Then make the image smaller (1.17 GB -> 0.97 GB):
# - the packages' own test suites (scipy, pandas, numpy, pyarrow) are never imported;
# - pip and setuptools are not needed to run the app, nor Jupyter's extensions
#   (pydeck's and plotly's: Streamlit ships its own front end);
# - the wheels' shared libraries carry symbol tables (jaxlib's alone ~110 MB): strip
#   them, except the auditwheel-grafted ones in *.libs/, which patchelf rewrote and
#   strip would break ("ELF load command address/offset not page-aligned").
# Last, load every shared library and run one JAX computation, so a broken strip
# fails the build rather than the app.
RUN /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check -r /tmp/requirements.txt \
 && find /opt/venv/lib -depth -type d -name tests -path '*/site-packages/*/tests' -exec rm -rf {} + \
 && /opt/venv/bin/pip uninstall -q -y pip setuptools \
 && rm -rf /opt/venv/lib/python3*/site-packages/pydeck/nbextension /opt/venv/lib/python3*/site-packages/plotly/labextension \
 && find /opt/venv/lib \( -name '*.so' -o -name '*.so.*' \) -type f -not -path '*.libs/*' \
      -exec strip --strip-unneeded {} + \
 && JAX_PLATFORMS=cpu /opt/venv/bin/python -c "import ctypes, pathlib; \
[ctypes.CDLL(str(p)) for p in pathlib.Path('/opt/venv/lib').rglob('*.so*') if p.suffix == '.so' or '.so.' in p.name]; \
import jax.numpy as jnp, pandas, pyarrow, plotly, optax, streamlit; \
assert float(jnp.arange(4.0).sum()) == 6.0"
# pyarrow is here for Streamlit's data frames. Its Arrow Flight RPC and S3 file system are libraries
# of their own (~40 MB with the Python bindings' copies) that only pyarrow.flight and pyarrow.fs's S3
# class (pyarrow.fs skips it when missing) load, as does pyarrow's C++ test module; the app and
# Streamlit import none of them. (Substrait stays: libarrow_python links it.) Then load what is left
# and turn a data frame into Arrow bytes as Streamlit does, so a library still needed fails the build.
RUN find /opt/venv/lib -path '*/site-packages/pyarrow/*' \( -name 'libarrow_flight.so*' \
      -o -name 'libarrow_python_flight.so*' -o -name '_flight.*.so' -o -name 'libarrow_s3.so*' \
      -o -name '_s3fs.*.so' -o -name '_pyarrow_cpp_tests.*.so' \) -delete \
 && /opt/venv/bin/python -c "import ctypes, pathlib; \
[ctypes.CDLL(str(p)) for p in pathlib.Path('/opt/venv/lib').rglob('*.so*') if p.suffix == '.so' or '.so.' in p.name]; \
import pandas, pyarrow.compute, pyarrow.fs; from streamlit import dataframe_util as d; \
assert d.convert_anything_to_arrow_bytes(pandas.DataFrame({'a': [1.0, 2.0]}))"

# --- the app ---
FROM ${BASE_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    LANG=C.UTF-8 \
    JAX_PLATFORMS=cpu \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LLL_COMPILE_CACHE=/app/.jax_cache \
    LLL_COMPILE_CACHE_SEED=/opt/jax-cache-seed \
    LLL_WARM_PAGES=1 \
    LLL_HEAVY_PROCESS=1 \
    LLL_WORKERS=1

# HAProxy, for LLL_WORKERS > 1 (ui/workers.py: several servers in one container, one per core); unpinned on
# purpose, as binutils above: the base's Debian release's own. About 9 MB with its libraries; apt's package
# caches (77 MB on a base that does not clean them itself) go with the lists.
# A non-root user; the code stays root's (read-only for it), only the compile cache is its own.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin lab \
 && mkdir -p /app/.jax_cache /opt/jax-cache-seed \
 && chown lab:lab /app/.jax_cache /opt/jax-cache-seed
WORKDIR /app

COPY --from=builder /opt/venv /opt/venv
# The app's code and settings; .dockerignore keeps out tests, bench, .venv, .git, ...
COPY . /app

# the browser's full plotly.js (3-D view), copied from plotly.py next to the shipped cartesian bundle
RUN python -m ui.assets

USER 10001:10001
# Fill the persistent JAX compile cache with the Playground's first programs and
# every lesson's, and the network page's networks one shape move from its first
# scene (--network-reach), so a first visitor (on a new replica, or one whose
# replica died) does not wait for compiles. The cache is filled at the path it is used from
# (JAX's cache key includes that path), then moved to the seed folder, which the
# entrypoint copies back at start: so it is also there when a read-only container
# mounts an empty tmpfs (compose) or emptyDir (Kubernetes) on the cache.
RUN python -m lab.warmup --network-reach \
 && python docker/warm_pages.py \
 && mv /app/.jax_cache/* /opt/jax-cache-seed/

EXPOSE 8501
# No curl in slim images: ask Streamlit's health endpoint with Python's urllib.
HEALTHCHECK --interval=2s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"]
COPY docker/entrypoint.sh /usr/local/bin/lll-entrypoint
ENTRYPOINT ["/usr/local/bin/lll-entrypoint"]
# ui.workers: LLL_WORKERS servers behind HAProxy on this port (a class: one per core, -e LLL_WORKERS=2); with 1, it
# is ui.serve: streamlit run app.py, after importing JAX and running the default scene (the first picture is quick)
CMD ["python", "-m", "ui.workers", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
