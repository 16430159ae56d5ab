"""The server's CPU per rerun: one student at a time, so each rerun's cost is its own.

Run: ``.venv/bin/python bench/bench_rerun.py [--moves 40] [--root DIR] [--url URL --pid PID]``

A 50-student class moving a slider every 1-3 s asks one server for about 25 reruns a
second, and Streamlit runs every page's Python under one interpreter lock: each rerun
must cost the server well under 40 ms of CPU. Here one simulated student
(`bench/students.py`) opens each page on a fresh session, makes a few moves that are
not counted (each page's programs compiled or loaded), then ``--moves`` random slider
moves in turn. For each rerun the server's CPU time (all its threads: the script run,
the websocket's serialization, anything it leaves behind) is read from the kernel's
per-process CPU clock, with nanosecond resolution, before the rerun is sent and after
it has finished and the server has gone idle. Prints the median and p90 per page, and
for the Playground and the lessons pooled.

``--root DIR`` serves another checkout (for example ``git archive <commit>`` unpacked
in a temporary directory), so that before and after are measured by the same code.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import LESSONS, ROOT, process_tree, start_server  # noqa: E402
from students import Student  # noqa: E402

WARM_MOVES = 5  # moves per page not counted: a page's first moves compile or load its programs
SETTLE_S = 0.05  # after a run has finished, the time the server gets to finish what it sends


def cpu_seconds(pid: int) -> float:
    """The CPU time of process ``pid`` and its children (the heavy-work process), every thread living or gone,
    from their CPU-time clocks (``clock_getcpuclockid``: ``(~pid << 3) | 2`` on Linux)."""
    total = 0.0
    for p in process_tree([pid]):
        try:
            total += time.clock_gettime(((~p) << 3) | 2)
        except OSError:  # ended meanwhile
            pass
    return total


async def page_costs(url: str, pid: int, page: str, moves: int, rng: random.Random) -> tuple[list[float], int]:
    """CPU milliseconds of each counted rerun of ``page``, and the errors seen."""
    s = Student(url, page)
    errors = 0
    try:
        errors += len((await s.open()).errors)
        costs = []
        for i in range(WARM_MOVES + moves):
            await asyncio.sleep(SETTLE_S)
            before = cpu_seconds(pid)
            run = await s.move(rng)
            if run is None:
                break
            await asyncio.sleep(SETTLE_S)
            if i >= WARM_MOVES:
                costs.append(1e3 * (cpu_seconds(pid) - before))
            errors += len(run.errors)
    finally:
        await s.close()
    return costs, errors


async def measure(url: str, pid: int, pages: list[str], moves: int, seed: int) -> dict[str, list[float]]:
    rng, out = random.Random(seed), {}
    for page in pages:
        costs, errors = await page_costs(url, pid, page, moves, rng)
        out[page or "playground"] = costs
        print(f"  {page or 'playground':<18} {summary(costs)}" + (f", errors {errors}" if errors else ""), flush=True)
    return out


def summary(costs: list[float]) -> str:
    if not costs:
        return "no reruns"
    return f"median {np.median(costs):6.1f} ms, p90 {np.percentile(costs, 90):6.1f} ms over {len(costs)} reruns"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=40, help="counted moves per page")
    ap.add_argument("--pages", default="", help="comma-separated page names ('' or playground, lesson keys); default all")
    ap.add_argument("--root", type=Path, default=ROOT, help="serve this checkout instead of the working tree")
    ap.add_argument("--url")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    pages = ["", *LESSONS] if not args.pages else ["" if p == "playground" else p for p in args.pages.split(",")]
    proc = None
    url, pid = args.url, args.pid
    if url is None:
        proc, url = start_server(ROOT / "artifacts" / "bench_rerun_server.log", root=args.root)
        pid = proc.pid
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores; serving {args.root if proc else url}; "
          f"server CPU per rerun, one student at a time", flush=True)
    try:
        costs = asyncio.run(measure(url, pid, pages, args.moves, args.seed))
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    lessons = [c for page, c in costs.items() if page != "playground"]
    print(f"playground: {summary(costs.get('playground', []))}")
    print(f"lessons: {summary([c for page in lessons for c in page])}")


if __name__ == "__main__":
    main()
