"""Serve the app with the first picture's work done before the server answers its health check.

``python -m ui.serve [streamlit options]`` is ``streamlit run app.py [options]`` in a process
that has already imported JAX (about 2 s), compiled (or loaded from JAX's persistent cache)
the default scene's programs and built its figure once. Streamlit runs the page scripts in
this same process, so the first visitor's run finds all of that in memory.

With ``LLL_WARM_PAGES=1`` (the Docker image sets it) every lesson page is also run once
before the health check answers (`warm_pages`): a class that opens the lessons in the same
minute then loads no programs while it waits. Each first visit to a lesson otherwise loads its
programs under the interpreter lock (about 150 programs, 14 s of the server's time on this
2-core machine), stalling every other student meanwhile. It costs the server about 25 s more
before it answers, so a learner's own ``bin/app`` leaves it off.

It also lets only a few page runs hold the interpreter at once (`ui.admission`, ``LLL_RUNS_AT_ONCE``), and
answers a keyed widget's lookup of its one key without presenting every other (`ui.keyed_state`). Several of
these servers behind HAProxy in one container: `ui.workers` (``LLL_WORKERS``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def warm() -> float:
    """Run the default Playground scene once, as the page does (and at each loop length of the steps
    slider); the seconds it took."""
    t0 = time.perf_counter()
    import optimizers  # noqa: F401  (first: XLA's options, the persistent cache)
    # what the first page run would import (about 0.4 s): Streamlit's data layer, the pages' own modules
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401

    import figures.inspector  # noqa: F401
    import lab.export  # noqa: F401
    import lab.presets  # noqa: F401
    import streamlit.emojis  # noqa: F401

    from . import controls, state  # noqa: F401  (not chart nor cached: they register with the runtime)
    from figures.colors import color
    from figures.playground import Path as FigPath
    from figures.playground import playground_layers
    from figures.wire import pack
    from lab import compute
    from lab.scene import default_scene
    from lab.warmup import slider_scenes

    from . import assets

    scene = default_scene()
    surface = compute.make_surface(scene)
    for at_length in slider_scenes(scene):  # the steps slider's every loop length, loaded into this process
        compute.run_scene(surface, at_length)
    results = compute.run_scene(surface, scene)
    paths = [FigPath(r.label, color(r.index - 1), r.traj) for r in results if r.traj is not None]
    pack(playground_layers(surface, paths, grid=surface.grid(120)))
    assets.ensure_full_bundle()
    return time.perf_counter() - t0


def warm_pages(pages: list[str] | None = None) -> tuple[float, list[str]]:
    """Run every lesson page (or ``pages``, paths like ``views/lesson_5_ewa.py``) once in this process, headless (Streamlit's AppTest, before the server's own runtime
    starts): their programs loaded or compiled, their kept results and figures in memory. Seconds it took, and
    what failed (a page that raises is reported, and the server starts all the same)."""
    from streamlit.testing.v1 import AppTest

    from lab import course

    t0, failed = time.perf_counter(), []
    for page in course.page_files() if pages is None else pages:
        try:
            at = AppTest.from_file(str(APP), default_timeout=600)
            at.run()
            at.switch_page(page).run()
            failed += [f"{page}: {e.message}" for e in at.exception[:1]]
        except Exception as err:  # noqa: BLE001 (a warm-up that fails must not keep the server from starting)
            failed.append(f"{page}: {type(err).__name__}: {err}")
    return time.perf_counter() - t0, failed


# glibc gives each new thread its own malloc arena, up to 8 per core, and keeps what each arena once held. Streamlit
# runs every rerun in a new thread, so a server's memory crept up by a few hundred MB over a soak's 2,000 reruns,
# all of it in arenas; with two arenas it stays flat (bench/bench_soak.py). MALLOC_ARENA_MAX=2 in the environment
# does the same for a process started another way.
ARENAS = 2
M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


def limit_arenas() -> bool:
    """At most `ARENAS` malloc arenas from now on (glibc only; elsewhere nothing changes). Call before threads start."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, ARENAS))
    except (OSError, AttributeError):
        return False


def main() -> None:
    limit_arenas()
    from . import failover

    failover.install()  # behind a balancer: a session taken over from a dead replica answers its first move
    from . import theme_once

    theme_once.install()  # every run's first message: the theme read from the configuration once, not per run
    from . import keyed_state

    keyed_state.install()  # a keyed widget tests its one key, not every key's presented value
    from . import admission

    runs = admission.limit_from_env()
    admission.install(runs)  # a class: a few page runs at a time, the others wait their turn off the lock
    print(f"serve: at most {runs} page runs at once ({admission.ENV})" if runs else
          f"serve: no limit on page runs at once ({admission.ENV}=0)", flush=True)
    seconds = warm()
    print(f"warm: the default scene is ready ({seconds:.1f} s)", flush=True)
    if os.environ.get("LLL_WARM_PAGES", "") == "1":
        seconds, failed = warm_pages()
        print(f"warm: every lesson page ran once ({seconds:.1f} s)"
              + "".join(f"\nwarm: a page failed to warm: {f}" for f in failed), flush=True)
    print("starting Streamlit", flush=True)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
