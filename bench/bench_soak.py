"""Soak: one session making many reruns across every page; does the server's memory settle?

Run: ``.venv/bin/python bench/bench_soak.py [--reruns 2000] [--root DIR | --url URL --pid PID]``

One simulated student (`bench/students.py`) visits the Playground and the nine
lessons in turn, moving a random slider of each page to a random value 20 times
before it goes on. The server's resident memory (``/proc/<pid>/status``) is read
after the first pass over all pages (the warm-up: every page's programs compiled,
its caches filled once) and then every 100 reruns; a server whose every cache is
bounded levels off. The last line reads
``soak: R reruns, RSS after warm-up W MB, at the end E MB, growth G MB, errors N``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import LESSONS, ROOT, Usage, start_server  # noqa: E402
from students import Student  # noqa: E402

MOVES_PER_PAGE = 20


async def soak(url: str, pid: int | None, reruns: int, seed: int) -> None:
    rng, usage = random.Random(seed), Usage(pid)
    pages = ["", *LESSONS]
    s = Student(url, pages[0])
    await s.open()
    done, errors, warm, trend = 1, [], None, []
    try:
        while done < reruns:
            for page in pages:
                run = await s.goto(page)
                done += 1
                errors += run.errors
                for _ in range(MOVES_PER_PAGE):
                    run = await s.move(rng)
                    if run is None:
                        break
                    done += 1
                    errors += run.errors
                    if done % 100 == 0 and warm is not None:
                        trend.append(usage.rss_mb())
                if done >= reruns:
                    break
            if warm is None:
                warm = usage.rss_mb()  # after the first pass over every page
                print(f"warm-up: {done} reruns over {len(pages)} pages, RSS {warm:.0f} MB ({split(usage)})", flush=True)
    finally:
        await s.close()
    end = usage.rss_mb()
    print(f"at the end: {split(usage)}")
    print("RSS every 100 reruns after warm-up (MB): " + " ".join(f"{v:.0f}" for v in trend))
    for e in sorted(set(errors))[:5]:
        print(f"  ! {e}")
    print(f"soak: {done} reruns, RSS after warm-up {warm:.0f} MB, at the end {end:.0f} MB, "
          f"growth {end - warm:.0f} MB, errors {len(errors)}")


def split(usage: Usage) -> str:
    """The server's own resident memory and its children's (the heavy-work process), each in MB."""
    by = usage.rss_by_process()
    own = sum(v for pid, v in by.items() if pid in usage.pids)
    return f"the server {own:.0f} MB, its heavy-work process {sum(by.values()) - own:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reruns", type=int, default=2000)
    ap.add_argument("--root", type=Path, default=ROOT, help="serve this checkout instead of the working tree")
    ap.add_argument("--url")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    proc = None
    url, pid = args.url, args.pid
    if url is None:
        proc, url = start_server(ROOT / "artifacts" / f"bench_soak_server_{os.getpid()}.log", root=args.root)
        pid = proc.pid
    try:
        asyncio.run(soak(url, pid, args.reruns, args.seed))
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)


if __name__ == "__main__":
    main()
