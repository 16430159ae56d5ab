"""Benchmark of the app as a user meets it: the baseline design and the new one, side by side in one run.

Run: ``.venv/bin/python bench/bench_app.py [--quick] [--write]`` (needs Debian's Chromium at
/usr/bin/chromium and Playwright in the venv; ``--write`` saves ``bench/RESULTS_APP.md``).
``--quick`` is a smoke run with few repetitions; the full run takes several minutes and wants a
quiet machine.

Two designs, measured one after the other by the same code:

- baseline: commit d1e258f (the app before the in-place chart), checked out in a temporary
  ``git worktree``, warmed with ``python -m lab.warmup`` and served by ``streamlit run app.py``,
  as that commit's bin/app did. A redraw is a remount: ``st.plotly_chart`` puts a new
  ``.js-plotly-plot`` node in the page, so a node that carries data and lacks the marker set
  before the key press is the new picture (a changed trace signature counts too).
- new: the working tree, warmed with ``python -m lab.warmup`` and ``python -m ui.assets`` and
  served by ``python -m ui.serve``, as bin/app does now. A redraw is a higher ``data-revision`` on
  the Playground's chart (``[data-testid="lll-chart"]``) or on a lesson's ``.lll-figure``.

Each server runs in its own process group on a free port and logs to a temporary file. In
headless Chromium (Playwright), a slider is focused and moved with the keyboard; the time from the
key press to the redraw is polled with requestAnimationFrame. A redraw that does not come within
30 s is a miss: counted and reported, not timed.

1. Playground optimizer sliders: optimizer 1's learning rate and optimizer 2's momentum β, right
   and left in turn; then the learning rate one way (ArrowLeft only), so that every value is new
   to the server's caches and to Streamlit's message cache.
2. A surface slider (the quadratic's ``angle``: in the sidebar in the baseline, under the chart in the new design).
3. The steps slider (sidebar), with arrows, PageUp/PageDown, Home and End, so that many step
   counts are hit.
4. Lesson 3 (``/momentum``): its momentum β slider; a redraw is any of the page's charts redrawn.
5. First chart after healthy: a fresh server, ``/_stcore/health`` answers, a fresh browser context
   opens the Playground; until the chart is drawn (new: revision >= 1 and background revision >= 1;
   baseline: ``.main-svg`` with data). Also from the server's launch. Plus one cold start of the
   new design: an empty JAX compile cache (``LLL_COMPILE_CACHE``) and no ``lab.warmup``.
6. Bytes per optimizer-slider move: websocket frames received between the press and the redraw
   (median), for the moves in turn and for the one-way moves.
7. Ten pages at once: ten browser contexts on one server, each moving its learning-rate slider
   with about 1 s between presses, all concurrently.

Targets (printed beside the new design's figures as PASS/MISS, never asserted): optimizer sliders
p50 <= 250 ms and p90 <= 350 ms; surface slider p50 <= 300 ms; steps p50 <= 350 ms; lesson slider
p50 <= 300 ms; first chart <= 3 s warm, <= 6 s cold; ten pages p50 <= 1 s; <= 100 KB per move.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BASELINE = "d1e258f"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows"]
VIEWPORT = {"width": 1400, "height": 1000}
STREAMLIT_ARGS = ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
WAIT_MS = 30_000  # one redraw, at most
LOAD_MS = 90_000  # one page's first chart, at most (ten pages at once on a small machine)
SETTLE_MS = 300  # after a redraw, before the next press: the rerun finishes


# ---------------------------------------------------------------- the two designs

# A redraw in the baseline: the watched .js-plotly-plot is a new node (no marker) with data, or its
# traces changed (names carry η). ``scope`` "first" watches the first chart, "any" every chart.
REMOUNT_ARM = """(token) => {
  for (const g of document.querySelectorAll('.js-plotly-plot')) g.__benchMark = token;
  const g = document.querySelector('.js-plotly-plot');
  window.__benchSig = Array.from(g?.data ?? []).map(t => `${t.name}:${t.x?.length ?? 0}`).join('|');
}"""
REMOUNT_DONE = """([token, scope]) => {
  const all = Array.from(document.querySelectorAll('.js-plotly-plot'));
  const watched = scope === 'first' ? all.slice(0, 1) : all;
  if (watched.some(g => g.__benchMark !== token && g._fullData?.length > 0)) return true;
  const g = all[0];
  if (!g || !g._fullData?.length) return false;
  return Array.from(g.data ?? []).map(t => `${t.name}:${t.x?.length ?? 0}`).join('|') !== window.__benchSig;
}"""
# A redraw in the new design: an element's data-revision went up (a new element counts from 0).
REVISION_ARM = """([token, selector]) => {
  for (const e of document.querySelectorAll(selector)) e.__benchRevision = Number(e.dataset.revision ?? 0);
}"""
REVISION_DONE = """([token, selector]) => Array.from(document.querySelectorAll(selector))
  .some(e => Number(e.dataset.revision ?? 0) > (e.__benchRevision ?? 0))"""

FIRST_CHART_BASELINE = """() => {
  const g = document.querySelector('.js-plotly-plot');
  return !!(g && g.querySelector('.main-svg') && g._fullData?.length > 0);
}"""
FIRST_CHART_NEW = """() => {
  const r = document.querySelector('[data-testid="lll-chart"]');
  return !!r && Number(r.dataset.revision ?? 0) >= 1 && Number(r.dataset.backgroundRevision ?? 0) >= 1;
}"""
PLAYGROUND_CHART = '[data-testid="lll-chart"]'
REVISIONS = "(selector) => Array.from(document.querySelectorAll(selector)).reduce((a, e) => a + Number(e.dataset.revision ?? 0), 0)"
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')"
# the whole first page: the script idle and every slider of the default Playground drawn (the new design sends
# the chart first and its controls after it; the baseline, everything in one run)
COMPLETE = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stSkeleton"]')
  && document.querySelectorAll('[data-testid="stSliderThumbValue"]').length >= 6"""


@dataclass
class Design:
    """How to warm, serve and watch one version of the app."""

    name: str
    cwd: Path
    prepare: list[list[str]]  # run once before serving (compile cache, assets)
    serve: list[str]  # the server command; port and Streamlit options are appended
    kind: str  # "remount" (baseline) or "revision" (new)
    first_chart: str  # JS: the Playground's chart is drawn
    env: dict[str, str] = field(default_factory=dict)

    def watch(self, where: str, token: str) -> tuple[str, object, str, object]:
        """(arm JS, its argument, done JS, its argument) for one redraw; ``where``: "playground" or "lesson"."""
        if self.kind == "remount":
            return REMOUNT_ARM, token, REMOUNT_DONE, [token, "first" if where == "playground" else "any"]
        selector = PLAYGROUND_CHART if where == "playground" else ".lll-figure"
        return REVISION_ARM, [token, selector], REVISION_DONE, [token, selector]


def baseline_design(worktree: Path) -> Design:
    return Design(
        name=f"baseline ({BASELINE})", cwd=worktree, kind="remount", first_chart=FIRST_CHART_BASELINE,
        prepare=[[PYTHON, "-m", "lab.warmup"]],
        serve=[PYTHON, "-m", "streamlit", "run", "app.py"],
    )


def new_design(env: dict[str, str] | None = None, warm: bool = True) -> Design:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return Design(
        name=f"new ({head}{' + working tree' if dirty else ''})", cwd=ROOT, kind="revision", first_chart=FIRST_CHART_NEW,
        prepare=[[PYTHON, "-m", "lab.warmup"], [PYTHON, "-m", "ui.assets"]] if warm else [],
        serve=[PYTHON, "-m", "ui.serve"], env=env or {},
    )


# ---------------------------------------------------------------- servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One design served on a free port, in its own process group, logged to a temporary file."""

    def __init__(self, design: Design):
        self.design = design
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="bench_app_", suffix=".log", delete=False)
        env = {**os.environ, **design.env}
        self.launched = time.perf_counter()
        self.proc = subprocess.Popen([*design.serve, "--server.port", str(self.port), *STREAMLIT_ARGS], cwd=design.cwd,
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, timeout: float = 180.0) -> float:
        """Block until /_stcore/health answers; the perf_counter time it did."""
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); log {self.log.name}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.read().strip() == b"ok":
                        return time.perf_counter()
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"not healthy after {timeout:.0f} s; log {self.log.name}:\n{self.tail()}")

    def tail(self, n: int = 20) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-n:])

    def stop(self) -> str | None:
        """Stop the process group; remove the log unless it holds a traceback (then: its path)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.log.close()
        if "Traceback" in Path(self.log.name).read_text(errors="replace"):
            return self.log.name
        Path(self.log.name).unlink(missing_ok=True)
        return None


def prepare(design: Design) -> None:
    for cmd in design.prepare:
        r = subprocess.run(cmd, cwd=design.cwd, env={**os.environ, **design.env}, capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError(f"{' '.join(cmd[1:])} failed in {design.cwd}:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")


# ---------------------------------------------------------------- statistics

def quantile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


@dataclass
class Sample:
    """The key presses of one figure: seconds to redraw (None: missed), and what came with them."""

    times: list[float | None] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    draw_ms: list[float] = field(default_factory=list)  # new design: the browser's own draw time
    values: list[str] = field(default_factory=list)  # the slider's value after each press
    draws: list[int] = field(default_factory=list)  # new design, Playground: chart revisions per press, once settled
    error: str | None = None

    @property
    def ok(self) -> list[float]:
        return [t for t in self.times if t is not None]

    @property
    def misses(self) -> int:
        return sum(t is None for t in self.times)

    def extend(self, other: Sample) -> None:
        self.times += other.times
        self.bytes += other.bytes
        self.draw_ms += other.draw_ms
        self.values += other.values
        self.draws += other.draws
        self.error = self.error or other.error


# ---------------------------------------------------------------- the browser side

def slider_input(scope, label: str, nth: int = 0):
    """The range input of the ``nth`` slider whose label is exactly ``label``."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    page = getattr(scope, "page", scope)  # inner locators of a filter are built from the page
    box = scope.locator('[data-testid="stSlider"]').filter(has=page.locator('[data-testid="stWidgetLabel"]', has_text=exact))
    return box.nth(nth).locator('[role="slider"], input[type="range"]').first


def count_ws_bytes(page) -> dict:
    """A counter of the bytes the page's websockets receive (``counter["n"]``)."""
    counter = {"n": 0}

    def on_ws(ws):
        ws.on("framereceived", lambda payload: counter.__setitem__("n", counter["n"] + len(payload)))

    page.on("websocket", on_ws)
    return counter


async def open_page(context, design: Design, url: str, timeout: int = LOAD_MS):
    page = await context.new_page()
    counter = count_ws_bytes(page)
    await page.goto(url, timeout=timeout)
    await page.wait_for_function(design.first_chart, polling="raf", timeout=timeout)
    return page, counter


async def settle(page) -> None:
    await page.wait_for_timeout(SETTLE_MS)
    with contextlib.suppress(Exception):
        await page.wait_for_function(IDLE, polling=50, timeout=WAIT_MS)


async def press_and_time(page, design: Design, where: str, slider, key: str, counter: dict | None = None,
                         sample: Sample | None = None) -> Sample:
    """Press ``key`` on the focused slider and time until the redraw; append to ``sample``."""
    sample = sample if sample is not None else Sample()
    if not await slider.evaluate("e => document.activeElement === e"):
        await slider.focus()
    token = f"t{random.getrandbits(48)}"
    arm_js, arm_arg, done_js, done_arg = design.watch(where, token)
    await page.evaluate(arm_js, arm_arg)
    before = counter["n"] if counter else 0
    t0 = time.perf_counter()
    await page.keyboard.press(key)
    try:
        await page.wait_for_function(done_js, arg=done_arg, polling="raf", timeout=WAIT_MS)
        sample.times.append(time.perf_counter() - t0)
        if counter is not None:
            sample.bytes.append(counter["n"] - before)
        if design.kind == "revision" and where == "playground":
            ms = await page.evaluate("() => document.querySelector('[data-testid=\"lll-chart\"]')?.dataset.drawMs")
            if ms is not None:
                sample.draw_ms.append(float(ms))
    except Exception:  # noqa: BLE001  (a timeout, a closed page: a miss)
        sample.times.append(None)
    with contextlib.suppress(Exception):
        sample.values.append(await slider.evaluate("e => e.getAttribute('aria-valuetext') ?? e.value"))
    return sample


async def slider_moves(page, design: Design, where: str, slider, keys: list[str], counter: dict | None = None) -> Sample:
    sample = Sample()
    try:
        await slider.scroll_into_view_if_needed(timeout=WAIT_MS)
        await slider.focus(timeout=WAIT_MS)
        await settle(page)
        count = design.kind == "revision" and where == "playground"
        for key in keys:
            before = await page.evaluate(REVISIONS, PLAYGROUND_CHART) if count else 0
            await press_and_time(page, design, where, slider, key, counter, sample)
            await settle(page)
            if count:
                sample.draws.append(await page.evaluate(REVISIONS, PLAYGROUND_CHART) - before)
    except Exception as e:  # noqa: BLE001
        sample.error = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
    return sample


def alternate(n: int) -> list[str]:
    return ["ArrowRight" if i % 2 == 0 else "ArrowLeft" for i in range(n)]


# From 200 steps (range 10..2000 by 10): 210, 200, 400, 200, 2000, 1990, 10, 20, 220, 420, then again
# from 420; every press changes the value.
STEP_KEYS = ["ArrowRight", "ArrowLeft", "PageUp", "PageDown", "End", "ArrowLeft", "Home", "ArrowRight", "PageUp", "PageUp"]


async def first_chart(browser, design: Design, server: Server, healthy: float) -> tuple[float, float, float | None]:
    """Seconds from healthy and from launch until a fresh context shows the Playground's chart, and from
    healthy until the whole first page (its controls too) is up (None if it never was, within the wait)."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        await page.goto(server.url, timeout=LOAD_MS)
        await page.wait_for_function(design.first_chart, polling="raf", timeout=LOAD_MS)
        t = time.perf_counter()
        try:
            await page.wait_for_function(COMPLETE, polling="raf", timeout=WAIT_MS)
            complete = time.perf_counter() - healthy
        except Exception:  # noqa: BLE001
            complete = None
        return t - healthy, t - server.launched, complete
    finally:
        await context.close()


async def ten_pages(browser, design: Design, url: str, presses: int, pages: int = 10) -> Sample:
    """``pages`` pages open the Playground; once all have drawn it, each moves its slider ``presses`` times."""
    loaded = asyncio.Barrier(pages)

    async def one(i: int) -> Sample:
        context = await browser.new_context(viewport=VIEWPORT)
        sample = Sample()
        try:
            try:
                page, _ = await open_page(context, design, url)
                slider = slider_input(page, "Learning rate η")
                await slider.scroll_into_view_if_needed(timeout=WAIT_MS)
                await slider.focus(timeout=WAIT_MS)
            finally:
                await loaded.wait()  # the loads are not measured: the presses start together
            await asyncio.sleep(random.uniform(0, 1))  # ... but not in step
            for k in alternate(presses):
                await press_and_time(page, design, "playground", slider, k, sample=sample)
                await asyncio.sleep(random.uniform(0.7, 1.3))
        except Exception as e:  # noqa: BLE001
            sample.error = f"page {i}: {type(e).__name__}: {str(e).splitlines()[0][:200]}"
            sample.times += [None] * max(0, presses - len(sample.times))
        finally:
            await context.close()
        return sample

    total = Sample()
    for s in await asyncio.gather(*(one(i) for i in range(pages))):
        total.extend(s)
    return total


# ---------------------------------------------------------------- one design, start to end

async def measure(browser, design: Design, cfg: dict, log) -> dict:
    out: dict = {"first_healthy": [], "first_launch": []}
    log(f"[{design.name}] warming up ({', '.join(' '.join(c[1:]) for c in design.prepare) or 'nothing'})")
    prepare(design)
    server = None
    try:
        for r in range(cfg["restarts"]):
            if server is not None:
                keep_log(server, out)
            server = Server(design)
            healthy = server.wait_healthy()
            try:
                from_healthy, from_launch, complete = await first_chart(browser, design, server, healthy)
                out["first_healthy"].append(from_healthy)
                out["first_launch"].append(from_launch)
                if complete is not None:
                    out.setdefault("first_complete", []).append(complete)
                log(f"[{design.name}] first chart {r + 1}: {from_healthy:.2f} s after healthy, {from_launch:.2f} s after launch; "
                    f"whole page {'-' if complete is None else f'{complete:.2f} s'} after healthy")
            except Exception as e:  # noqa: BLE001
                out.setdefault("errors", []).append(f"first chart: {type(e).__name__}")
                log(f"[{design.name}] first chart {r + 1}: failed ({type(e).__name__})")

        # 1, 2, 3, 6: the Playground in one page
        context = await browser.new_context(viewport=VIEWPORT)
        try:
            page, counter = await open_page(context, design, server.url)
            side = page.locator('[data-testid="stSidebar"]')
            n = cfg["moves"]
            out["lr"] = await slider_moves(page, design, "playground", slider_input(page, "Learning rate η"), alternate(n), counter)
            log(f"[{design.name}] learning rate: {summary(out['lr'])}; bytes {out['lr'].bytes}")
            out["beta"] = await slider_moves(page, design, "playground", slider_input(page, "Momentum β"), alternate(n), counter)
            log(f"[{design.name}] momentum β: {summary(out['beta'])}; bytes {out['beta'].bytes}")
            # the same slider one way: each value is new to the server's caches and to Streamlit's message cache
            out["lr_fresh"] = await slider_moves(page, design, "playground", slider_input(page, "Learning rate η"),
                                                 ["ArrowLeft"] * n, counter)
            log(f"[{design.name}] learning rate, new values: {summary(out['lr_fresh'])}; bytes {out['lr_fresh'].bytes}; "
                f"values {', '.join(out['lr_fresh'].values)}")
            out["surface"] = await slider_moves(page, design, "playground", slider_input(page, "angle"), alternate(n))
            log(f"[{design.name}] surface angle: {summary(out['surface'])}")
            keys = (STEP_KEYS * (n // len(STEP_KEYS) + 1))[:n]
            out["steps"] = await slider_moves(page, design, "playground", slider_input(side, "Steps"), keys)
            log(f"[{design.name}] steps: {summary(out['steps'])}; values {', '.join(out['steps'].values)}")

            # 4: lesson 3
            lesson = await context.new_page()
            await lesson.goto(server.url + "/momentum", timeout=LOAD_MS)
            ready = ("() => document.querySelectorAll('.js-plotly-plot').length >= 3" if design.kind == "remount" else
                     "() => Array.from(document.querySelectorAll('.lll-figure')).filter(e => Number(e.dataset.revision) >= 1).length >= 3")
            await lesson.wait_for_function(ready, polling="raf", timeout=LOAD_MS)
            out["lesson"] = await slider_moves(lesson, design, "lesson", slider_input(lesson, "Momentum β"), alternate(n))
            log(f"[{design.name}] lesson β: {summary(out['lesson'])}")
        finally:
            await context.close()

        # 7: ten pages at once
        out["ten"] = await ten_pages(browser, design, server.url, cfg["ten_presses"])
        log(f"[{design.name}] ten pages: {summary(out['ten'])}")
    finally:
        if server is not None:
            keep_log(server, out)
    return out


def keep_log(server: Server, out: dict) -> None:
    """Stop ``server``; a log with a traceback is kept and named among the errors."""
    if (log := server.stop()) is not None:
        out.setdefault("errors", []).append(f"a traceback in the server's log {log}")


async def cold_start(browser, log) -> dict:
    """The new design from an empty JAX compile cache, without lab.warmup."""
    cache = tempfile.mkdtemp(prefix="bench_app_cache_")
    design = new_design(env={"LLL_COMPILE_CACHE": cache}, warm=False)
    server = Server(design)
    try:
        healthy = server.wait_healthy()
        from_healthy, from_launch, _ = await first_chart(browser, design, server, healthy)
        log(f"[cold] first chart {from_healthy:.2f} s after healthy, {from_launch:.2f} s after launch")
        return {"healthy": from_healthy, "launch": from_launch, "ready": healthy - server.launched}
    finally:
        if (kept := server.stop()) is not None:
            log(f"[cold] a traceback in the server's log {kept}")
        shutil.rmtree(cache, ignore_errors=True)


# ---------------------------------------------------------------- report

def summary(s: Sample) -> str:
    if not s.ok:
        return f"no redraw ({s.misses} missed){'; ' + s.error if s.error else ''}"
    text = f"p50 {1e3 * quantile(s.ok, .5):.0f} ms, p90 {1e3 * quantile(s.ok, .9):.0f} ms, n {len(s.ok)}"
    return text + (f", {s.misses} missed" if s.misses else "") + (f"; {s.error}" if s.error else "")


def cell_ms(s: Sample | None) -> str:
    if s is None:
        return "not measured"
    if not s.ok:
        return f"no redraw ({s.misses} missed)" + (" ¹" if s.error else "")
    text = f"{1e3 * quantile(s.ok, .5):.0f} / {1e3 * quantile(s.ok, .9):.0f} ms (n {len(s.ok)}"
    return text + (f", **{s.misses} missed**" if s.misses else "") + ")" + (" ¹" if s.error else "")


def mark(ok: bool) -> str:
    return "**PASS**" if ok else "**MISS**"


def target_ms(s: Sample | None, p50: float, p90: float | None = None) -> str:
    text = f"p50 <= {p50:.0f}" + (f", p90 <= {p90:.0f}" if p90 else "") + " ms"
    if s is None or not s.ok:
        return text + " **MISS**"
    ok = 1e3 * quantile(s.ok, .5) <= p50 and (p90 is None or 1e3 * quantile(s.ok, .9) <= p90) and not s.misses
    return f"{text} {mark(ok)}"


def report(results: dict[str, dict], names: list[str], cold: dict | None, cfg: dict, loads: tuple[str, str],
           started: datetime.datetime, seconds: float) -> str:
    base, new = (results.get(n, {}) for n in names)
    rows = []

    def row(label: str, key: str, p50: float, p90: float | None = None) -> None:
        rows.append(f"| {label} | {cell_ms(base.get(key))} | {cell_ms(new.get(key))} | {target_ms(new.get(key), p50, p90)} |")

    row("Playground: optimizer 1's learning rate η", "lr", 250, 350)
    row("Playground: optimizer 2's momentum β", "beta", 250, 350)
    row("Playground: optimizer 1's η, one way (every value new: no cache hit)", "lr_fresh", 250, 350)
    row("Playground: surface slider (quadratic's angle)", "surface", 300)
    row("Playground: steps slider (sidebar; arrows, PageUp/Down, Home, End)", "steps", 350)
    row("Lesson 3 (/momentum): momentum β, any chart redrawn", "lesson", 300)

    def first(r: dict) -> str:
        xs = r.get("first_healthy", [])
        if not xs:
            return "failed"
        return f"{statistics.median(xs):.2f} s (n {len(xs)}; {statistics.median(r['first_launch']):.2f} s after launch)"

    xs = new.get("first_healthy", [])
    rows.append(f"| first chart after healthy, warm compile cache (median of server starts) | {first(base)} | {first(new)} | "
                f"<= 3 s {mark(bool(xs) and statistics.median(xs) <= 3)} |")

    def complete(r: dict) -> str:
        xs = r.get("first_complete", [])
        return f"{statistics.median(xs):.2f} s (n {len(xs)})" if xs else "not measured"

    rows.append(f"| whole first page after healthy (its controls too; same starts) | {complete(base)} | {complete(new)} | - |")
    if cold:
        rows.append(f"| first chart after healthy, cold (empty compile cache, no lab.warmup) | not measured | "
                    f"{cold['healthy']:.2f} s ({cold['launch']:.2f} s after launch; healthy {cold['ready']:.1f} s after launch) | "
                    f"<= 6 s {mark(cold['healthy'] <= 6)} |")
    else:
        rows.append("| first chart, cold | not measured | failed | <= 6 s **MISS** |")

    def kb(r: dict, keys: tuple[str, ...]) -> str:
        b = [x for k in keys for x in (r.get(k) or Sample()).bytes]
        if not b:
            return "not measured"
        return f"{statistics.median(b) / 1e3:.1f} KB (mean {statistics.mean(b) / 1e3:.1f}, max {max(b) / 1e3:.1f}; n {len(b)})"

    for label, keys in (("the alternating moves above", ("lr", "beta")), ("η one way, every value new", ("lr_fresh",))):
        nb = [x for k in keys for x in (new.get(k) or Sample()).bytes]
        rows.append(f"| websocket bytes received per optimizer-slider move, {label} (median) | {kb(base, keys)} | "
                    f"{kb(new, keys)} | <= 100 KB {mark(bool(nb) and statistics.median(nb) <= 100_000)} |")
    ten = new.get("ten")
    ten_ok = bool(ten and ten.ok) and quantile(ten.ok, .5) <= 1.0
    rows.append(f"| ten pages at once, {cfg['ten_presses']} learning-rate moves each, ~1 s apart | {cell_ms(base.get('ten'))} | "
                f"{cell_ms(ten)} | p50 <= 1000 ms {mark(ten_ok)} |")

    draw = [*(new.get("lr") or Sample()).draw_ms, *(new.get("beta") or Sample()).draw_ms]
    notes = []
    if draw:
        notes.append(f"- new design, browser-side draw time of an optimizer-slider move (`data-draw-ms`): "
                     f"p50 {quantile(draw, .5):.0f} ms, p90 {quantile(draw, .9):.0f} ms")
    draws = [x for k in ("lr", "beta", "lr_fresh", "surface", "steps") for x in (new.get(k) or Sample()).draws]
    if draws:
        counts = ", ".join(f"{k} draw{'s' if k != 1 else ''}: {draws.count(k)}" for k in sorted(set(draws)))
        notes.append(f"- new design, Playground chart revisions per press once the app is idle ({counts})")
    steps_values = sorted({v for r in (base, new) for v in (r.get("steps") or Sample()).values}, key=lambda v: float(v))
    if steps_values:
        notes.append(f"- step counts hit by the steps slider: {', '.join(steps_values)}")
    notes.append("- moves back and forth between two values hit caches in both designs: the server's cached results, "
                 "and Streamlit's message cache (a message the page already holds is sent as a short reference); "
                 "the one-way η row hits neither")
    errors = [f"{n}: {k}: {r[k].error}" for n, r in results.items() for k in r if isinstance(r[k], Sample) and r[k].error]
    errors += [f"{n}: {e}" for n, r in results.items() for e in r.get("errors", [])]
    errors += [f"{n}: {r['failed']}" for n, r in results.items() if "failed" in r]
    if errors:
        notes.append("- ¹ errors: " + "; ".join(errors))

    return "\n".join([
        "# Loss Landscape Lab: app benchmark, baseline and new design",
        "",
        f"- date: {started:%Y-%m-%d %H:%M} UTC; run took {seconds / 60:.1f} min{' (--quick: a smoke run, few repetitions)' if cfg['quick'] else ''}",
        f"- machine: {cpu_model()}, {os.cpu_count()} CPUs, "
        f"load average {loads[0]} at start, {loads[1]} at end",
        f"- {names[0]}: `streamlit run app.py` after `lab.warmup`; {names[1]}: `ui.serve` after `lab.warmup` and "
        "`ui.assets`",
        "- method: headless Chromium (Playwright); key press on the focused slider to redraw, polled each animation "
        f"frame; {SETTLE_MS} ms and an idle app between presses; a redraw missing after {WAIT_MS // 1000} s is a miss; "
        "see the docstring of bench/bench_app.py",
        "",
        "| figure | baseline p50 / p90 | new p50 / p90 | target (new) |",
        "|---|---:|---:|---|",
        *rows,
        "",
        *notes,
    ])


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def loadavg() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


async def run(cfg: dict) -> str:
    from playwright.async_api import async_playwright

    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.perf_counter()
    load_start = loadavg()

    def log(msg: str) -> None:
        print(f"{time.perf_counter() - t0:6.1f} s  {msg}", file=sys.stderr, flush=True)

    log(f"{os.cpu_count()} CPUs, load average {load_start}")
    tmp = Path(tempfile.mkdtemp(prefix="bench_app_baseline_"))
    worktree = tmp / "app"
    results: dict[str, dict] = {}
    cold = None
    subprocess.run(["git", "worktree", "add", "--detach", str(worktree), BASELINE], cwd=ROOT, check=True, capture_output=True)
    try:
        designs = [baseline_design(worktree), new_design()]
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for d in designs:
                    try:
                        results[d.name] = await measure(browser, d, cfg, log)
                    except Exception as e:  # noqa: BLE001
                        log(f"[{d.name}] failed: {e}")
                        results[d.name] = {"failed": f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"}
                try:
                    cold = await cold_start(browser, log)
                except Exception as e:  # noqa: BLE001
                    log(f"[cold] failed: {e}")
            finally:
                await browser.close()
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return report(results, [d.name for d in designs], cold, cfg, (load_start, loadavg()), started, time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run: few repetitions, one server start")
    ap.add_argument("--write", action="store_true", help="also write bench/RESULTS_APP.md")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"needs Debian's Chromium at {CHROMIUM}")
    cfg = {"quick": args.quick, "moves": 5 if args.quick else 20, "restarts": 1 if args.quick else 3,
           "ten_presses": 3 if args.quick else 10}
    text = asyncio.run(run(cfg))
    print(text)
    if args.write:
        (ROOT / "bench" / "RESULTS_APP.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
