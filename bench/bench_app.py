"""Benchmark of the Playground as a user meets it: figure size, rerun time, slider-to-picture latency.

Run: ``.venv/bin/python bench/bench_app.py [--quick] [--write]`` (needs Debian's
Chromium at /usr/bin/chromium, as the browser tests do; ``--write`` saves
``bench/RESULTS_APP.md``).

1. Figure: `figures.playground.playground_figure` for four optimizers (sgd,
   momentum, nesterov, adam) x 500 steps on Rosenbrock, with the 3-D view:
   JSON size of ``fig.to_json()`` and build time (median of repeated builds).
2. Script rerun: Streamlit's AppTest reruns the whole page after moving the
   first optimizer's learning-rate slider; median over alternating values, timed
   by the page itself (``pg.rerun_ms`` in the session) and, as an upper bound,
   around AppTest's call (which adds its own polling).
3. Browser: the app served on localhost, Debian's Chromium driven by Playwright.
   (a) first page fully drawn: from the moment ``/_stcore/health`` answers (JAX's
   persistent compile cache warmed by ``python -m lab.warmup`` first, as bin/app
   and the Docker image do) until the chart's SVG is on screen; (b) slider move:
   the learning-rate slider of optimizer 1 is focused and moved one stop with the
   arrow keys; the time from the key press until the chart shows the new paths
   (its trace names, which carry η, change), median over repeated presses.

Targets (printed as PASS/MISS, never asserted): figure <= 0.6 MB; rerun <= 100 ms
median; slider move to picture <= 300 ms median; first page <= 3 s after healthy.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import optimizers  # noqa: E402  (first: XLA's options)
import landscapes  # noqa: E402
from figures.colors import color  # noqa: E402
from figures.playground import Path as FigPath  # noqa: E402
from figures.playground import playground_figure  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RULES = (("sgd", 1e-3), ("momentum", 5e-4), ("nesterov", 5e-4), ("adam", 0.05))


def mark(ok: bool) -> str:
    return "**PASS**" if ok else "**MISS**"


def median_ms(samples: list[float]) -> float:
    return 1e3 * statistics.median(samples)


def figure_numbers(repeats: int) -> dict:
    s = landscapes.get("rosenbrock")
    paths = [FigPath(f"{i + 1} · {r}", color(i), optimizers.run(s, r, steps=500, learning_rate=lr))
             for i, (r, lr) in enumerate(RULES)]
    grid = s.grid(120)
    times, size = [], 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        fig = playground_figure(s, paths, grid=grid)
        text = fig.to_json()
        times.append(time.perf_counter() - t0)
        size = len(text)
    return {"bytes": size, "build_ms": median_ms(times)}


def rerun_numbers(repeats: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    slider = "pg.o1.learning_rate"
    values = (0.1, 0.11)
    at.select_slider(key=slider).set_value(values[1]).run()  # compile everything once
    times, script = [], []
    for i in range(repeats):
        at.select_slider(key=slider).set_value(values[i % 2])
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
        script.append(at.session_state["pg.rerun_ms"] / 1e3)  # the page's own clock, inside the script
    return {"apptest_ms": median_ms(times), "rerun_ms": median_ms(script)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 90.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the app did not become healthy")


SIGNATURE_JS = "() => Array.from(document.querySelector('.js-plotly-plot')?.data ?? []).map(t => t.name).join('|')"


def browser_numbers(presses: int) -> dict:
    from playwright.sync_api import sync_playwright

    subprocess.run([sys.executable, "-m", "lab.warmup"], cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="bench_app_", suffix=".log", delete=False)
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            wait_healthy(url)
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            page.wait_for_function("() => document.querySelector('.js-plotly-plot')?.data?.length > 0")
            first_page = time.perf_counter() - t0

            slider = page.locator('[data-testid="stSlider"]', has_text="Learning rate").first.locator('input[type="range"]')
            slider.focus()
            times = []
            for i in range(presses):
                before = page.evaluate(SIGNATURE_JS)
                t1 = time.perf_counter()
                page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                page.wait_for_function(f"(before) => ({SIGNATURE_JS})() !== before", arg=before, polling="raf", timeout=30_000)
                times.append(time.perf_counter() - t1)
                page.wait_for_timeout(150)  # let the rerun finish before the next press
            browser.close()
    finally:
        os.killpg(server.pid, 15)
        server.wait(10)
    return {"first_page_s": first_page, "slider_ms": median_ms(times), "slider_min_ms": 1e3 * min(times), "presses": presses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--write", action="store_true", help="also write bench/RESULTS_APP.md")
    args = ap.parse_args()
    n = 3 if args.quick else 15

    fig = figure_numbers(n)
    rerun = rerun_numbers(n)
    web = browser_numbers(5 if args.quick else 21) if Path(CHROMIUM).exists() else None

    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    lines = [
        "# Loss Landscape Lab: app benchmark",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average {load}",
        "- method: medians; see the docstring of bench/bench_app.py",
        "",
        "| figure | value | target |",
        "|---|---:|---|",
        f"| Playground figure, 4 optimizers x 500 steps with 3-D, JSON | {fig['bytes'] / 1e6:.3f} MB | <= 0.6 MB {mark(fig['bytes'] <= 600_000)} |",
        f"| figure build + to_json | {fig['build_ms']:.0f} ms | |",
        f"| script rerun after a slider move (the page's own clock) | {rerun['rerun_ms']:.0f} ms | <= 100 ms {mark(rerun['rerun_ms'] <= 100)} |",
        f"| the same through AppTest (adds its polling) | {rerun['apptest_ms']:.0f} ms | |",
    ]
    if web:
        lines += [
            f"| slider move to new picture in Chromium (median of {web['presses']}; min {web['slider_min_ms']:.0f} ms) | {web['slider_ms']:.0f} ms | <= 300 ms {mark(web['slider_ms'] <= 300)} |",
            f"| first page fully drawn after healthy (warm compile cache) | {web['first_page_s']:.2f} s | <= 3 s {mark(web['first_page_s'] <= 3)} |",
        ]
    else:
        lines.append("| browser figures | skipped: no /usr/bin/chromium | |")
    report = "\n".join(lines)
    print(report)
    if args.write:
        (ROOT / "bench" / "RESULTS_APP.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
