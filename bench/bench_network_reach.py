"""Benchmark of a learner's first shape move on the network page: compiled anew, or loaded from the image's cache.

Run: ``.venv/bin/python bench/bench_network_reach.py``

The network page opens on its first teaching scene (spirals, 200 points, two hidden layers of 32 tanh units,
2,000 steps; SGD, momentum and Adam). A move of its width, depth, activation, data size or step count trains
a network of another shape: three programs (one per rule) that JAX compiles, unless its persistent compile
cache holds them. `lessons.network.reach` lists the 15 such moves from the first scene.

Side by side, each in a fresh process with a compile cache of its own (a new, empty folder each):

1. today's image: the cache filled by ``python -m lab.warmup`` (the Playground and the five scenes);
2. the new image: filled by ``python -m lab.warmup --network-reach`` (those, and the 15 moves' networks).

Each design then trains every move's race once, as the page's first request of that shape, in a process that
has trained the first scene already (as a server has): the time a learner waits, before any queue. Printed:
each move's seconds side by side, then the median and p90 over the 15, and how long each warm-up took.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child() -> None:
    """In a process whose compile cache is ``LLL_COMPILE_CACHE``: every move's first race, in seconds (JSON)."""
    sys.path.insert(0, str(ROOT))
    from lessons import network as ln

    first = ln.SCENES[ln.DEFAULT_SCENE]
    ln.race(first.setup, first.racers)  # the page as it opened
    out = []
    for setup in ln.reach(first.setup):
        moved = next(name for name in ln.SHAPES if getattr(setup, name) != getattr(first.setup, name))
        t = time.perf_counter()
        ln.race(setup, first.racers)
        out.append((f"{moved} {getattr(setup, moved)}", time.perf_counter() - t))
    print(json.dumps(out))


def design(flags: list[str]) -> tuple[float, list[tuple[str, float]]]:
    """Warm a new cache with ``lab.warmup flags``, then time the moves against it: (warm-up seconds, moves)."""
    with tempfile.TemporaryDirectory(prefix="lll-reach-") as cache:
        env = {**os.environ, "LLL_COMPILE_CACHE": cache}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lab.warmup", *flags], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        warm = time.perf_counter() - t
        done = subprocess.run([sys.executable, __file__, "--child"], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True)
        return warm, [tuple(m) for m in json.loads(done.stdout.strip().splitlines()[-1])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    if ap.parse_args().child:
        child()
        return
    import numpy as np

    print(f"# first shape moves on the network page; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    (warm_a, a), (warm_b, b) = design([]), design(["--network-reach"])
    print(f"\n{'move (seconds to train the race)':<34} {'today':>8} {'new':>8}")
    for (name, x), (_, y) in zip(a, b):
        print(f"{name:<34} {x:8.2f} {y:8.2f}")
    xa, xb = np.array([x for _, x in a]), np.array([y for _, y in b])
    print(f"{'median / p90 over ' + str(len(a)) + ' moves':<34} {np.median(xa):4.2f}/{np.percentile(xa, 90):4.2f} "
          f"{np.median(xb):4.2f}/{np.percentile(xb, 90):4.2f}")
    print(f"{'lab.warmup (an empty cache)':<34} {warm_a:8.1f} {warm_b:8.1f}")
    print(f"first shape move: median {np.median(xa):.2f} s -> {np.median(xb):.2f} s, p90 {np.percentile(xa, 90):.2f} s -> "
          f"{np.percentile(xb, 90):.2f} s; warm-up {warm_a:.0f} s -> {warm_b:.0f} s")


if __name__ == "__main__":
    main()
