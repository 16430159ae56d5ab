"""A class at once: N simulated students on one server, each moving a slider every 1-3 s.

Run: ``.venv/bin/python bench/bench_load.py --students N --seconds S [--url URL]``
(``--students 10,25,50`` runs each size in turn on a fresh server and prints a table;
``--replicas R``: R servers behind a local HAProxy, deploy/'s design on one machine, CPU and RSS summed;
``--heavy K``: K of the students are on the sweep lab asking for its largest sweep;
``--browsers B``: B headless Chromium sessions in the same run, default 2;
``--floor``: serve `bench/floor_app.py` instead, a page with the Playground's elements and none of its
work, to every student and no browser: what Streamlit itself costs a rerun here).

Without ``--url`` it starts the app itself, as the Docker image does (``lab.warmup``, then
``LLL_WARM_PAGES=1 python -m ui.serve`` on a free port: every page's programs loaded before it
answers; log in ``artifacts/bench_load_server.log``); it measures that server's CPU and memory from
``/proc``. With ``--url`` (and optionally ``--pid``) it loads a server
that runs elsewhere.

Each student (`bench/students.py`: Streamlit's own websocket protocol, as a browser
speaks it) opens a link from a realistic mix of shared links, arriving within the
first few seconds: the Playground as the course page links it, a teacher's shared
teaching scene, or a lesson. Then, until the time is up, it waits 1-3 s and moves a
random slider of its page to a random value in range. Rerun latency is what the
student sees: from sending the rerun to the run's ``script_finished``.

The browsers open Playground links too and compare the paths they draw (read
from plotly's ``_fullData``) with what a protocol student receives for the same
link: the protocol clients are only a fair load if they get the same figures.
They run in Linux's idle scheduling class (SCHED_IDLE, ``nice 19`` besides): in a class
each browser draws on its student's own machine, and here the two of them, each reopening
a link every few seconds, and this bench kept 1.4 of the 2 cores busy beside a server
that used 0.4 (10 students).
``--browser-nice 0`` runs Chromium as it is, competing with the server, as before. The line
before the last says how busy the whole machine was and how much of it was the server.

Locust would fit a request/response load; this is 50 long-lived websockets
exchanging protobufs, which asyncio and the `websockets` library that Streamlit
already installs run in one thread of one process, beside the server, with no
further dependency.

The last line reads
``students N: p50 X ms, p95 Y ms, p99 Z ms, errors E, reruns R, server CPU C%, RSS M MB``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "browser")]

from students import Student  # noqa: E402

from figures import wire  # noqa: E402
from lab import course, presets, scene  # noqa: E402
from ui import workers  # noqa: E402

LESSONS = course.KEYS
RAMP_S = 5.0  # students arrive within this many seconds (a teacher's link, opened by the class at once)
WINDOW_S = 15.0  # --by-page also prints the latency of each such stretch of the run (when a rerun ended)
SWEEP_MAX = {"sweep.n": "128", "sweep.steps": "2000"}  # the sweep lab's largest grid and step count
SWEEP_HEAVIEST = "sweep.surface"  # ... on its costliest surface: the regression's data (every cell a pass over it)


def links() -> list[tuple[str, str, float]]:
    """(page, query string, weight): what a class opens. The course page's Playground link most; each
    teaching scene a teacher shares; each lesson."""
    from urllib.parse import urlencode

    out = [("", "", 10.0)]
    out += [("", urlencode(scene.to_query(p.scene)), 2.0) for p in presets.PRESETS]
    out += [(lesson, "", 1.0) for lesson in LESSONS]
    return out


@dataclass
class Stats:
    opens: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    heavy: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)  # the reruns again, by the page moved on
    by_window: dict[int, list[float]] = field(default_factory=dict)  # the reruns again, by WINDOW_S of the run
    t0: float = field(default_factory=time.monotonic)
    agreed: int = 0
    disagreed: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------
# the students


async def student(url: str, deadline: float, rng: random.Random, stats: Stats, heavy: bool = False,
                  floor: bool = False) -> None:
    if floor:
        page, query = "", ""
    else:
        page, query, _ = ("sweep", "", 0) if heavy else rng.choices(links(), weights=[w for *_, w in links()])[0]
    await asyncio.sleep(rng.uniform(0, RAMP_S))
    s = Student(url, page, query)
    try:
        opened = await s.open()
        stats.opens.append(opened.seconds)
        stats.errors += opened.errors
        if heavy:  # the largest sweep the page allows, on its costliest surface, asked for again on every move
            by_key = {w.id.split("-", 2)[-1]: w for w in s.widgets.values()}
            costly = by_key[SWEEP_HEAVIEST]
            option = next(o for o in costly.proto.options if "regression" in o.lower())
            for changes in ([costly.chosen(option)], [by_key[k].moved_to(v) for k, v in SWEEP_MAX.items()]):
                r = await s.rerun(changes)
                stats.heavy.append(r.seconds)
                stats.errors += r.errors
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(1.0, 3.0))
            if time.monotonic() >= deadline:
                break
            r = await s.move(rng)
            if r is None:
                break
            (stats.heavy if heavy else stats.reruns).append(r.seconds)
            stats.by_page.setdefault(page or ("playground, a scene" if query else "playground"), []).append(r.seconds)
            stats.by_window.setdefault(int((time.monotonic() - stats.t0) // WINDOW_S), []).append(r.seconds)
            stats.errors += r.errors
    except Exception as err:  # a refused or dropped connection is an error of the run, not of the bench
        stats.errors.append(f"{type(err).__name__}: {err}")
    finally:
        await s.close()


# ----------------------------------------------------------------------------
# the browsers: do they see what the protocol students get?


def protocol_paths(chart: dict) -> list[tuple[str, np.ndarray, np.ndarray]]:
    from streamlit_page import path_traces

    fig = wire.unpack(chart["figure"])
    traces = [{"name": t.get("name"), "type": t.get("type", "scatter"), "mode": t.get("mode", ""),
               "xaxis": t.get("xaxis", "x"), "x": t.get("x"), "y": t.get("y")} for t in fig["foreground"]["data"]]
    return [(t["name"], np.asarray(t["x"], float), np.asarray(t["y"], float)) for t in path_traces(traces)]


CHROMIUM = "/usr/bin/chromium"


def niced_chromium(nice: int, folder: Path) -> str:
    """A launcher for Chromium in the idle scheduling class at ``nice`` (every process and thread it starts
    inherits both): the browsers check the students' figures, and in a class they run on the students' own
    machines; here they use what the server leaves idle instead of taking it from it. 0: Chromium itself."""
    if nice == 0:
        return CHROMIUM
    folder.mkdir(parents=True, exist_ok=True)
    launcher = folder / f"chromium-nice{nice}"
    # SCHED_IDLE besides: Chromium run as root raises its own threads' priority (nice -8), which a nice value
    # alone does not outlast; the scheduling class holds for every thread it starts
    launcher.write_text(f'#!/bin/sh\nexec chrt --idle 0 nice -n {nice} {CHROMIUM} "$@"\n')
    launcher.chmod(0o755)
    return str(launcher)


async def browser(url: str, deadline: float, rng: random.Random, stats: Stats, pw, chromium: str = CHROMIUM) -> None:
    from streamlit_page import _CHARTS_DRAWN, _IDLE, PLAYGROUND, TRACES_JS, path_traces

    b = await pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
    try:
        await asyncio.sleep(rng.uniform(0, RAMP_S))
        while time.monotonic() < deadline:
            page_name, query, _ = rng.choice([link for link in links() if link[0] == ""])
            ctx = await b.new_context(viewport={"width": 1400, "height": 1000})
            page = await ctx.new_page()
            await page.goto(f"{url}/?{query}")
            # the chart first (a page that has not started its run yet also looks idle), then idle and drawn
            await page.wait_for_function(f"() => {{ const gd = document.querySelector('{PLAYGROUND}'); "
                                         "return gd && gd._fullData && gd._fullData.length > 0; }",
                                         timeout=120_000, polling=100)
            await page.wait_for_function(f"() => ({_IDLE})() && ({_CHARTS_DRAWN})()", timeout=120_000, polling=100)
            seen = [(t["name"], np.asarray(t["x"], float), np.asarray(t["y"], float))
                    for t in path_traces(await page.evaluate(TRACES_JS, PLAYGROUND))]
            await ctx.close()
            s = Student(url, page_name, query)
            await s.open()
            await s.close()
            got = protocol_paths(s.chart)
            same = len(seen) == len(got) and all(
                a[0] == b_[0] and a[1].shape == b_[1].shape and np.allclose(a[1], b_[1], equal_nan=True, rtol=1e-6)
                and np.allclose(a[2], b_[2], equal_nan=True, rtol=1e-6) for a, b_ in zip(seen, got))
            if same:
                stats.agreed += 1
            else:
                stats.disagreed.append(f"?{query}: browser {[p[0] for p in seen]} vs protocol {[p[0] for p in got]}")
            await asyncio.sleep(rng.uniform(1.0, 3.0))
    finally:
        await b.close()


# ----------------------------------------------------------------------------
# the server and its resources


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_warmed: set[Path] = set()


FLOOR = ["-m", "streamlit", "run", "bench/floor_app.py"]  # `--floor`: no warm-up, nothing to compile


def start_server(log: Path, root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """Serve the checkout at ``root`` (this one by default) as the Docker image does, on a free port; wait until
    healthy. As in the image, JAX's compile cache holds the Playground's programs first (`lab.warmup`, once per
    checkout and run), and the server runs every lesson page once before it answers (``LLL_WARM_PAGES=1``): a
    fresh machine's run then measures a deployed server, not a class waiting on compiles."""
    return start_servers(log, root, 1)[0]


def start_servers(log: Path, root: Path = ROOT, n: int = 1, floor: bool = False,
                  workers: int = 1) -> list[tuple[subprocess.Popen, str]]:
    """``n`` servers as `start_server` starts one, side by side (``log`` gets ``.1``, ``.2``... beyond the first);
    ``floor``: `bench/floor_app.py`'s; ``workers`` > 1: each is the image's ``python -m ui.workers`` with that many
    server processes behind its own HAProxy (``LLL_WORKERS``)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    if root not in _warmed and not floor:
        with log.open("wb") as out:
            # the image's warm-up (--network-reach: the network page's first shape moves too), if the checkout has it
            reach = ["--network-reach"] if "network-reach" in (root / "lab" / "warmup.py").read_text() else []
            subprocess.run([sys.executable, "-m", "lab.warmup", *reach], cwd=root, stdout=out, stderr=subprocess.STDOUT,
                           check=True)
        _warmed.add(root)
    started = []
    for i in range(n):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, *(FLOOR if floor else ["-m", "ui.workers" if workers > 1 else "ui.serve"]),
             "--server.port", str(port), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=root, stdout=(log if i == 0 else log.with_suffix(f".{i}.log")).open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "LLL_WARM_PAGES": "1", "LLL_HEAVY_PROCESS": os.environ.get("LLL_HEAVY_PROCESS", "1"),
                 "LLL_WORKERS": str(workers)})
        started.append((proc, f"http://127.0.0.1:{port}"))
    for proc, url in started:
        for _ in range(1200):
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            for p, _ in started:
                p.kill()
            raise SystemExit(f"the app did not become healthy; see {log}")
    return started


def start_balancer(urls: list[str], log: Path) -> tuple[subprocess.Popen, str]:
    """HAProxy (Debian's ``haproxy``) on a free port in front of ``urls`` (servers on the loopback), configured as
    `ui.workers` configures it: a new session goes to the server with the fewest open connections, a cookie keeps
    a browser's requests on one (a protocol student's one websocket stays on its server by itself)."""
    exe = workers.haproxy()
    if exe is None:
        raise SystemExit("--replicas needs HAProxy: apt-get install haproxy")
    port = free_port()
    cfg = log.with_suffix(".cfg")
    cfg.write_text(workers.config("127.0.0.1", port, [int(u.rsplit(":", 1)[1]) for u in urls]))
    proc = subprocess.Popen([exe, "-f", str(cfg)], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"HAProxy did not answer; see {log}")


def process_tree(pids: list[int]) -> list[int]:
    """The processes ``pids`` and their descendants, now (Linux: ``/proc/<pid>/task/<tid>/children``)."""
    out, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


class Usage:
    """CPU time and resident memory of a process and its children (the heavy-work process), or of several (replicas),
    summed; read from /proc (Linux). A child that ends before the run's end takes its CPU time with it."""

    def __init__(self, pid: int | list[int] | None):
        self.pids = [] if pid is None else [pid] if isinstance(pid, int) else list(pid)
        self.pid, self.rss_peak = pid, 0.0
        self.t0, self.cpu0, self.machine0 = time.monotonic(), self._cpu(), self._machine()

    def tree(self) -> list[int]:
        return process_tree(self.pids)

    def _cpu(self) -> dict[int, float]:
        out = {}
        for pid in self.tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        return out

    @staticmethod
    def _machine() -> tuple[int, int]:
        """The machine's busy and total CPU ticks since boot, every core (``/proc/stat``). Busy is every tick but
        idle and I/O wait: time the hypervisor took from this virtual machine (steal) counts as busy."""
        # user nice system idle iowait irq softirq steal; guest time, the fields after, is inside user already
        ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        idle = ticks[3] + ticks[4]  # idle, iowait
        return sum(ticks) - idle, sum(ticks)

    def rss_mb(self) -> float:
        return sum(self.rss_by_process().values()) if self.pids else float("nan")

    def rss_by_process(self) -> dict[int, float]:
        """Each process's resident memory (MB): the server(s) first, then their children."""
        out = {}
        for pid in self.tree():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            out[pid] = sum(int(line.split()[1]) for line in lines if line.startswith("VmRSS:")) / 1024
        return out

    async def sample(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.rss_peak = max(self.rss_peak, self.rss_mb())
            await asyncio.sleep(0.5)

    def stop(self) -> None:
        """Close the measurement (before the server stops): CPU as a percentage of one core over the run."""
        now = self._cpu()
        used = sum(c - self.cpu0.get(pid, 0.0) for pid, c in now.items())
        self.cpu = float("nan") if not self.pids else 100 * used / (time.monotonic() - self.t0)
        (busy, total), (busy0, total0) = self._machine(), self.machine0
        # the whole machine, in cores: the server's share, and the rest (this bench's students and browsers)
        self.machine_cores = (busy - busy0) / max(total - total0, 1) * (os.cpu_count() or 1)


# ----------------------------------------------------------------------------


async def load(url: str, pid: int | list[int] | None, n: int, seconds: float, heavy: int, browsers: int, seed: int,
               floor: bool = False, chromium: str = CHROMIUM) -> tuple[Stats, Usage]:
    stats, rng = Stats(), random.Random(seed)
    deadline = time.monotonic() + seconds
    usage = Usage(pid)
    tasks = [student(url, deadline, random.Random(rng.random()), stats, heavy=i < heavy, floor=floor) for i in range(n)]
    tasks.append(usage.sample(deadline))
    if browsers:
        from playwright.async_api import async_playwright

        async with async_playwright() as pw:
            tasks += [browser(url, deadline, random.Random(rng.random()), stats, pw, chromium) for _ in range(browsers)]
            await asyncio.gather(*tasks)
    else:
        await asyncio.gather(*tasks)
    usage.stop()
    return stats, usage


def pct(values, q) -> float:
    return float(np.percentile(values, q) * 1000) if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--students", default="10", help="how many students; several sizes as 10,25,50")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long each run moves sliders")
    ap.add_argument("--url", help="load this server instead of starting one")
    ap.add_argument("--pid", type=int, help="with --url: the server's process, for CPU and RSS")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="serve this checkout instead of the working tree (a before/after comparison by the same bench)")
    ap.add_argument("--heavy", type=int, default=0, help="students on the sweep lab asking for its largest sweep")
    ap.add_argument("--browsers", type=int, default=2, help="headless Chromium sessions checking the figures")
    ap.add_argument("--browser-nice", type=int, default=19, choices=range(20), metavar="0-19",
                    help="the browsers' priority: from 1 (19 by default) they run in the idle scheduling class "
                         "at that nice value, using what the server leaves idle; 0, they compete with it")
    ap.add_argument("--replicas", type=int, default=1,
                    help="serve with this many servers behind a local HAProxy (deploy/'s design on one machine)")
    ap.add_argument("--workers", type=int, default=1,
                    help="serve as the image does with LLL_WORKERS=N: N server processes behind HAProxy (ui/workers.py)")
    ap.add_argument("--floor", action="store_true",
                    help="serve bench/floor_app.py (the Playground's elements, none of its work) with no browser")
    ap.add_argument("--by-page", action="store_true", help="also print each page's rerun latency")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--check", action="store_true",
                    help="exit 1 on any error, figure disagreement, or browser that compared nothing (CI); "
                         "latencies are reported, never asserted")
    args = ap.parse_args()
    if args.replicas > 1 and args.workers > 1:
        raise SystemExit("--replicas and --workers are two ways to run several servers: choose one")
    sizes = [int(s) for s in args.students.split(",")]
    if args.floor:
        args.browsers, args.heavy = 0, 0
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores; {args.seconds:g} s per run; "
          f"{args.heavy} heavy sweep students; {args.browsers} browsers", flush=True)
    lines, crossed, failed = [], None, False
    for n in sizes:
        procs = []
        url, pid = args.url, args.pid
        if url is None:
            servers = start_servers(ROOT / "artifacts" / "bench_load_server.log", args.root, args.replicas, args.floor,
                                    args.workers)
            procs, pid = [p for p, _ in servers], [p.pid for p, _ in servers]
            url = servers[0][1]
            if args.replicas > 1:
                try:
                    balancer, url = start_balancer([u for _, u in servers], ROOT / "artifacts" / "bench_load_balancer.log")
                except BaseException:  # no HAProxy, say: the servers must not outlive the bench
                    for proc in procs:
                        os.killpg(proc.pid, signal.SIGTERM)
                    raise
                procs.append(balancer)
        try:
            stats, usage = asyncio.run(load(url, pid, n, args.seconds, args.heavy, args.browsers, args.seed, args.floor,
                                            niced_chromium(args.browser_nice, ROOT / "artifacts")))
        finally:
            for proc in procs:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        p95 = pct(stats.reruns, 95)
        # a browser that never got to compare counts as a failed check, as one that saw other paths does
        failed |= bool(stats.errors or stats.disagreed or not stats.reruns or (args.browsers and not stats.agreed))
        if crossed is None and p95 > 1000:
            crossed = n
        print(f"  opens: p50 {pct(stats.opens, 50):.0f} ms, p95 {pct(stats.opens, 95):.0f} ms; "
              f"browser checks: {stats.agreed} agreed, {len(stats.disagreed)} disagreed"
              + (f"; heavy sweeps: p50 {pct(stats.heavy, 50):.0f} ms over {len(stats.heavy)}" if stats.heavy else ""),
              flush=True)
        print(f"  the machine: {usage.machine_cores:.2f} of {os.cpu_count()} cores busy, the server "
              f"{usage.cpu / 100:.2f} of them (the rest: this bench's students and browsers, anything else)", flush=True)
        if args.by_page:
            for name, values in sorted(stats.by_page.items(), key=lambda kv: -pct(kv[1], 50)):
                print(f"    {name}: {len(values)} reruns, p50 {pct(values, 50):.0f} ms, p95 {pct(values, 95):.0f} ms",
                      flush=True)
            print("    by when they ended: " + "; ".join(
                f"{w * WINDOW_S:.0f}-{(w + 1) * WINDOW_S:.0f} s: {len(v)} reruns, p95 {pct(v, 95):.0f} ms"
                for w, v in sorted(stats.by_window.items())), flush=True)
        for e in sorted(set(stats.errors))[:5] + stats.disagreed[:3]:
            print(f"  ! {e}", flush=True)
        lines.append(f"students {n}: p50 {pct(stats.reruns, 50):.0f} ms, p95 {p95:.0f} ms, "
                     f"p99 {pct(stats.reruns, 99):.0f} ms, errors {len(stats.errors) + len(stats.disagreed)}, "
                     f"reruns {len(stats.reruns)}, server CPU {usage.cpu:.0f}%, RSS {usage.rss_peak:.0f} MB")
        print(lines[-1], flush=True)
    if len(sizes) > 1:
        print(f"p95 passes 1 s at {crossed} students" if crossed else f"p95 stays under 1 s up to {sizes[-1]} students")
        print(lines[-1])
    if args.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
