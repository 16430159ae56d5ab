"""Failover test: kill one of three replicas mid-class; its learners get their exact view back from another.

Run by ``bash deploy/failover.sh``, which starts the stack (deploy/compose.yaml: 3 replicas behind
HAProxy, on this machine's loopback) and tears it down; by hand, against a running stack:

    .venv/bin/python deploy/failover.py --url http://127.0.0.1:8080 --stats http://127.0.0.1:8404 --project P

1) Placement. Each replica's affinity cookie is read from the balancer (its answers to anonymous health
   checks), then the protocol students (`deploy/reconnect.StickyStudent`: Streamlit's websocket protocol)
   are placed round-robin on the three replicas by sending that cookie, and both headless Chromium
   sessions on the replica that will be killed. Every student checks that the replica which answered
   (``X-LLL-Replica``) is the one its cookie names.
2) Class. First every replica serves every link of the mix once: the class has been going for a while
   (``--cold`` skips this, and the replicas' first visits of a page then count in the reconnects).
   Students open a mix of shared links (the course's Playground link, the teaching presets, lessons)
   and move a random slider every 1-3 s. One browser opens a Playground preset and moves a
   contestant's learning rate (a run of the race fragment), the other moves the steps slider (a
   whole-page run), so neither view is the link it opened.
3) Kill. ``docker kill`` of the browsers' replica. A student on it notices the drop (its websocket
   closes, or its move fails) and reconnects (`StickyStudent.reconnect`: a new websocket through the
   balancer with its old cookie, then the page's first run with its current query string).
4) Checks. For each affected student: reconnected to a surviving replica, within 5 s of the kill, with
   the view its URL names (the same traces as a fresh session opening that URL: every path of the
   Playground, every figure of a lesson) and, on the Playground, the same paths as before the kill
   (unless a move was in flight at the kill). Students on the other replicas: no error, no drop. Each
   browser: the same scene (paths and URL) as before within 5 s, without a reload; then two moves of a
   contestant's slider: the page answers (ui/failover.py), with what its URL names. Screenshots in
   artifacts/screenshots/failover-*.png; figures in artifacts/failover.json.

The last line: ``failover: PASS|FAIL, reconnect p50 X s, max Y s (N students), browsers A s, B s;
errors: affected E1, others E2; views restored V/N``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import numpy as np
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "browser"), str(ROOT / "deploy")]

from reconnect import COOKIE, REPLICA_HEADER, StickyStudent, same_view, view_difference, view_of  # noqa: E402
from streamlit_page import _CHARTS_DRAWN, _IDLE, PLAYGROUND, TRACES_JS, path_traces  # noqa: E402

from figures import wire  # noqa: E402
from lab import presets, scene  # noqa: E402

TARGET_S = 5.0  # an affected learner has their view back within this long after the kill
ARTIFACTS = ROOT / "artifacts"
LESSONS = ("gradient_descent", "momentum", "adaptive", "ewa", "schedules", "saddles")


def links() -> list[tuple[str, str]]:
    """(page, query) of the students, in order: the course's Playground link, each teaching preset, the lessons."""
    playground = [("", "")] + [("", urlencode(scene.to_query(p.scene))) for p in presets.PRESETS]
    return playground * 2 + [(lesson, "") for lesson in LESSONS]


# ----------------------------------------------------------------------------
# the stack: replicas as the balancer sees them, and their containers


def replicas(stats: str) -> dict[str, tuple[str, str]]:
    """Slot -> (status, address) of the balancer's app servers that have an address (HAProxy's CSV)."""
    rows = urllib.request.urlopen(f"{stats}/;csv", timeout=5).read().decode().splitlines()
    head = rows[0].lstrip("# ").split(",")
    out = {}
    for row in rows[1:]:
        r = dict(zip(head, row.split(",")))
        if r.get("pxname") == "app" and r["svname"] not in ("FRONTEND", "BACKEND") and "MAINT" not in r["status"]:
            out[r["svname"]] = (r["status"], r.get("addr", ""))
    return out


def containers(project: str) -> dict[str, str]:
    """IP address -> container name of the project's app replicas."""
    names = subprocess.run(["docker", "ps", "--filter", f"label=com.docker.compose.project={project}",
                            "--filter", "label=com.docker.compose.service=app", "--format", "{{.Names}}"],
                           capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for name in names:
        ip = subprocess.run(["docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name],
                            capture_output=True, text=True, check=True).stdout.strip()
        out[ip] = name
    return out


def cookies(url: str, slots: list[str], tries: int = 60) -> dict[str, str]:
    """Slot -> the balancer's affinity cookie for it, from its answers to requests without a cookie."""
    found: dict[str, str] = {}
    for _ in range(tries):
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
            slot = r.headers.get(REPLICA_HEADER)
            for line in r.headers.get_all("Set-Cookie") or []:
                name, _, rest = line.partition("=")
                if name.strip() == COOKIE:
                    found[slot] = rest.split(";", 1)[0]
        if all(s in found for s in slots):
            return found
    raise SystemExit(f"the balancer set cookies for {sorted(found)} only, not all of {slots}")


# ----------------------------------------------------------------------------
# the protocol students


@dataclass
class Record:
    name: str
    page: str
    slot: str  # where the cookie placed it
    answered: str | None = None  # where it landed
    errors: list[str] = field(default_factory=list)  # outside the drop itself
    reruns: int = 0
    dropped_at: float | None = None  # seconds after the kill
    inflight: bool = False  # a move was on its way when the replica died
    before: list = field(default_factory=list)  # the view before the drop (its elements, then `view_of` them)
    query: str = ""  # the address bar at the drop
    connected_at: float | None = None  # seconds after the kill: a replica took the new websocket
    runs: list[float] = field(default_factory=list)  # the reopening's runs, in seconds
    back_at: float | None = None  # seconds after the kill: the view is back
    back_on: str | None = None  # the replica it came back on
    after: list = field(default_factory=list)
    reference_ok: bool = False  # the view after the reconnect is what a fresh session opening its URL gets


def when() -> str:
    since = Clock.since_kill()
    return "before the kill" if since is None else f"{since:.2f} s after the kill"


class Clock:
    """The kill's moment, shared: times are reported in seconds after it."""

    kill: float | None = None

    @classmethod
    def since_kill(cls) -> float | None:
        return None if cls.kill is None else time.monotonic() - cls.kill


async def student(url: str, page: str, query: str, slot: str, cookie: str, rec: Record, rng: random.Random,
                  stop: float) -> None:
    s = StickyStudent(url, page, query, cookie=cookie)
    try:
        await asyncio.sleep(rng.uniform(0, 3))  # a class does not click in the same millisecond
        opened = await s.open()
        rec.answered, rec.errors = s.replica, [f"opening the link: {e}" for e in opened.errors]
        while time.monotonic() < stop:
            # idle 1-3 s, unless the websocket closes meanwhile (a browser notices at once: onclose)
            closed = asyncio.ensure_future(s.ws.wait_closed())
            await asyncio.wait({closed}, timeout=rng.uniform(1.0, 3.0))
            closed.cancel()
            if s.closed():
                await recover(s, rec, inflight=False)
                continue
            if time.monotonic() >= stop:
                break
            run = await s.move(rng)
            if run is None:
                break
            if run.errors and s.closed(run):
                await recover(s, rec, inflight=True)
            else:
                rec.errors += [f"a move ({when()}): {e}" for e in run.errors]
                rec.reruns += 1
    except Exception as err:  # an error of the run (refused, timed out, failed to reconnect), not of the test
        rec.errors.append(f"{type(err).__name__} ({when()}): {err}")
    finally:
        try:
            await s.close()
        except Exception:
            pass


async def recover(s: StickyStudent, rec: Record, inflight: bool) -> None:
    """The replica is gone: note what the student saw and where its URL points, reconnect, note what it sees now."""
    since = Clock.since_kill()
    if rec.dropped_at is not None or since is None:
        rec.errors.append(f"dropped {'again' if rec.dropped_at is not None else 'before the kill'}")
    # the elements only: their views are worked out after the run, not while the machine is under test
    rec.dropped_at, rec.inflight, rec.before, rec.query = since, inflight, s.shown, s.query
    run = await s.reconnect()
    rec.back_at, rec.back_on, rec.after = Clock.since_kill(), s.replica, s.shown
    rec.connected_at, rec.runs = s.connected_at - Clock.kill, s.open_runs
    rec.errors += [f"the reconnect ({when()}): {e}" for e in run.errors]


async def reference(url: str, page: str, query: str) -> StickyStudent:
    """A fresh session opening ``page?query`` (on whichever replica the balancer picks): what that URL names."""
    s = StickyStudent(url, page, query)
    try:
        run = await s.open()
        if run.errors:
            raise RuntimeError(f"reference {page}?{query}: {run.errors}")
        return s
    finally:
        await s.close()


# ----------------------------------------------------------------------------
# the browsers


@dataclass
class BrowserRecord:
    name: str
    link: str
    slot: str
    first_move: str  # "race": a contestant's slider (a fragment run); "sidebar": the steps slider (a whole-page run)
    url_before: str = ""
    ws_back_at: float | None = None  # seconds after the kill: Streamlit's client opened a new websocket
    reran: bool = False  # whether the client asked the new replica for a run on its own (Streamlit does after a fragment run)
    scene_back_at: float | None = None  # seconds after the kill: the page idle again, showing the same scene
    same_scene: bool = False  # same paths and same URL as before the kill, without a reload
    answered: list[str] = field(default_factory=list)  # after each move: "url view" when the page shows what its URL names
    moved_kept: bool | None = None  # whether the first move after the reconnect was kept (else the URL's view came back)
    changed_on_second: bool = False
    errors: list[str] = field(default_factory=list)
    shots: list[str] = field(default_factory=list)


async def idle(page, timeout: float = 120_000) -> None:
    await page.wait_for_function(f"() => ({_IDLE})() && ({_CHARTS_DRAWN})()", timeout=timeout, polling=100)


async def after_move(page) -> None:
    """Wait for the rerun a move starts (if it has not come and gone already), then until idle."""
    try:
        await page.wait_for_function(f"() => !({_IDLE})()", timeout=3_000, polling=50)
    except Exception:
        pass
    await idle(page, 60_000)


async def paths(page) -> list[tuple[str, np.ndarray, np.ndarray]]:
    return [(t["name"], np.asarray(t["x"], float), np.asarray(t["y"], float))
            for t in path_traces(await page.evaluate(TRACES_JS, PLAYGROUND))]


def protocol_paths(s: StickyStudent) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """A protocol client's Playground paths, picked as the browser's are (streamlit_page.path_traces)."""
    fig = wire.unpack(s.chart["figure"])
    traces = [{"name": t.get("name"), "type": t.get("type", "scatter"), "mode": t.get("mode", ""),
               "xaxis": t.get("xaxis", "x"), "x": t.get("x"), "y": t.get("y")} for t in fig["foreground"]["data"]]
    return [(t["name"], np.asarray(t["x"], float), np.asarray(t["y"], float)) for t in path_traces(traces)]


def same_paths(a, b) -> bool:
    return len(a) == len(b) and all(
        n == m and x.shape == u.shape and np.allclose(x, u, rtol=1e-9, atol=0, equal_nan=True)
        and np.allclose(y, v, rtol=1e-9, atol=0, equal_nan=True) for (n, x, y), (m, u, v) in zip(a, b))


async def shows_its_url(page, url: str) -> bool:
    """Whether the browser's Playground paths are what a fresh session opening its URL gets."""
    ref = await reference(url, "", urlsplit(page.url).query)
    return same_paths(await paths(page), protocol_paths(ref))


def learning_rate(page):
    """Contestant 1's learning-rate slider: in the race fragment."""
    return page.locator('[data-testid="stSlider"]', has_text="Learning rate").first.locator(
        '[role="slider"], input[type="range"]').first


def steps(page):
    """The sidebar's steps slider: a whole-page run."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first.locator(
        '[role="slider"], input[type="range"]').first


async def shot(page, rec: BrowserRecord, what: str) -> None:
    path = ARTIFACTS / "screenshots" / f"failover-{rec.name}-{what}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(path))
    rec.shots.append(str(path.relative_to(ROOT)))


class Sockets:
    """The page's websockets: when each opened (seconds after the kill), how many frames the page sent on it,
    and how many script runs the server finished on it (its ``script_finished`` messages)."""

    def __init__(self, page):
        self.opened: list[float | None] = []
        self.sent: list[int] = []
        self.finished: list[int] = []
        page.on("websocket", self._new)

    def _new(self, ws) -> None:
        i = len(self.opened)
        self.opened.append(Clock.since_kill())
        self.sent.append(0)
        self.finished.append(0)
        ws.on("framesent", lambda _: self.sent.__setitem__(i, self.sent[i] + 1))
        ws.on("framereceived", lambda payload: self._received(i, payload))

    def _received(self, i: int, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.finished[i] += 1

    def after_kill(self) -> int | None:
        """The index of the first websocket opened after the kill."""
        return next((i for i, t in enumerate(self.opened) if t is not None), None)


async def browser_before(ctx, url: str, rec: BrowserRecord, cookie: str):
    """Open the link on the replica the cookie names, move one slider; the page, its sockets and what it shows."""
    await ctx.add_cookies([{"name": COOKIE, "value": cookie, "url": url}])
    page = await ctx.new_page()
    sockets = Sockets(page)
    await page.goto(f"{url}/?{rec.link}")
    await idle(page)
    if [c["value"] for c in await ctx.cookies() if c["name"] == COOKIE] != [cookie]:
        rec.errors.append("the balancer did not keep the browser on the replica its cookie names")
    slider = learning_rate(page) if rec.first_move == "race" else steps(page)
    await slider.focus()
    await slider.press("ArrowRight" if rec.first_move == "race" else "ArrowLeft")
    await after_move(page)
    rec.url_before = page.url
    if rec.url_before == f"{url}/?{rec.link}":
        rec.errors.append("the move before the kill did not change the URL")
    await shot(page, rec, "1-before-kill")
    return page, sockets, await paths(page)


async def browser_after(page, sockets: Sockets, before, url: str, rec: BrowserRecord, stop: float) -> None:
    """After the kill: Streamlit's client reconnects by itself; then the learner moves a contestant's slider twice."""
    while sockets.after_kill() is None and time.monotonic() < stop:
        await asyncio.sleep(0.02)
    i = sockets.after_kill()
    if i is None:
        rec.errors.append("no new websocket after the kill")
        return
    rec.ws_back_at = sockets.opened[i]
    await shot(page, rec, "2-reconnecting")
    # the scene is back when the page is idle with its charts drawn: at once when the client asks for no run
    # (it asks as soon as it is connected, if it does), else once the new replica has finished a run for it
    while time.monotonic() < stop:
        rec.reran = sockets.sent[i] > 0
        if (rec.reran and sockets.finished[i] or not rec.reran and Clock.since_kill() - rec.ws_back_at > 0.5) \
                and await page.evaluate(f"() => ({_IDLE})() && ({_CHARTS_DRAWN})()"):
            break
        await asyncio.sleep(0.05)
    rec.scene_back_at = Clock.since_kill()
    rec.same_scene = same_paths(await paths(page), before) and page.url == rec.url_before
    await shot(page, rec, "3-reconnected")
    slider = learning_rate(page)
    for n in (1, 2):
        shown = await paths(page)
        await slider.focus()
        await slider.press("ArrowRight")
        await after_move(page)
        if await page.locator('[data-testid="stException"]').count():
            rec.errors.append(f"an exception on the page after move {n}")
        ok = await shows_its_url(page, url)
        rec.answered.append("url view" if ok else "NOT the url's view")
        if n == 1:
            rec.moved_kept = page.url != rec.url_before
        else:
            rec.changed_on_second = not same_paths(await paths(page), shown)
    await shot(page, rec, "4-after-moves")


# ----------------------------------------------------------------------------


async def class_in_progress(url: str, slots: list[str], cookie: dict[str, str]) -> float:
    """Every replica serves every link of the mix once, as a class that has been going for a while has had
    them served; the seconds it took. (A replica's first visitor of a page pays for the page's programs'
    tracing and its caches in that process: a lesson's first visit costs 0.5-3.4 s on an idle replica.)"""
    t0 = time.monotonic()
    for page, query in dict.fromkeys(links()):
        visits = [StickyStudent(url, page, query, cookie=cookie[slot]) for slot in slots]
        runs = await asyncio.gather(*(v.open() for v in visits))
        await asyncio.gather(*(v.close() for v in visits))
        for v, r, slot in zip(visits, runs, slots):
            if r.errors or v.replica != slot:
                raise SystemExit(f"warming {slot} with {page or 'the Playground'}?{query}: {r.errors or v.replica}")
    return time.monotonic() - t0


async def run(url: str, stats: str, project: str, n: int, warm: float, after: float, seed: int,
              cold: bool = False) -> dict:
    from playwright.async_api import async_playwright

    rng = random.Random(seed)
    for old in (ARTIFACTS / "screenshots").glob("failover-*.png"):
        old.unlink()  # this run's screenshots only
    up = replicas(stats)
    slots = sorted(s for s, (status, _) in up.items() if status.startswith("UP"))
    if len(slots) < 3:
        raise SystemExit(f"3 replicas up were expected, the balancer has {up}")
    slots = slots[:3]
    by_ip = containers(project)
    victim_slot = slots[0]
    victim = by_ip[up[victim_slot][1].rsplit(":", 1)[0]]
    cookie = cookies(url, slots)
    names = {s: by_ip[up[s][1].rsplit(":", 1)[0]] for s in slots}
    print(f"replicas: {', '.join(f'{s} = {names[s]}' for s in slots)}; "
          f"the browsers and every third student on {victim_slot} ({victim}), which will be killed", flush=True)

    all_links = links()
    recs = [Record(f"s{i + 1}", all_links[i % len(all_links)][0] or "playground", slots[i % 3]) for i in range(n)]
    preset = [urlencode(scene.to_query(p.scene)) for p in presets.PRESETS]
    # one browser's last run before the kill is a fragment's (Streamlit's client then reruns on reconnecting),
    # the other's a whole page's (the client does not: its next move, a fragment's, meets a fresh session)
    brecs = [BrowserRecord(f"b{i + 1}", preset[i % len(preset)], victim_slot, move) for i, move in enumerate(("race", "sidebar"))]

    if not cold:
        print(f"every replica served every link once (a class in progress) in "
              f"{await class_in_progress(url, slots, cookie):.1f} s", flush=True)
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            # the browsers first, one at a time (each takes a core for a few seconds to draw its first page)
            contexts = [await chromium.new_context(viewport={"width": 1400, "height": 1000}) for _ in brecs]
            opened = [await browser_before(ctx, url, rec, cookie[victim_slot]) for ctx, rec in zip(contexts, brecs)]
            # the class
            stop = time.monotonic() + warm + after
            tasks = [asyncio.ensure_future(student(url, *all_links[i % len(all_links)], rec.slot, cookie[rec.slot], rec,
                                                   random.Random(rng.random()), stop)) for i, rec in enumerate(recs)]
            await asyncio.sleep(warm)
            out_at = asyncio.ensure_future(taken_out(stats, victim_slot, stop))
            Clock.kill = time.monotonic()
            subprocess.run(["docker", "kill", victim], capture_output=True, check=True)
            print(f"killed {victim} at {time.strftime('%H:%M:%S')}", flush=True)
            await asyncio.gather(*(browser_after(page, sockets, before, url, rec, stop)
                                   for (page, sockets, before), rec in zip(opened, brecs)))
            await asyncio.gather(*tasks)
            out = await out_at
        finally:
            await chromium.close()

    # what each affected student's URL names, from a fresh session
    for rec in recs:
        if rec.dropped_at is not None:
            rec.before, rec.after = view_of(rec.before), view_of(rec.after)
            page = "" if rec.page == "playground" else rec.page
            ref = await reference(url, page, rec.query)
            rec.reference_ok = same_view(rec.after, ref.view)
    return verdict(recs, brecs, victim, victim_slot, out, cold)


async def taken_out(stats: str, slot: str, stop: float) -> float | None:
    """Seconds after the kill until the balancer no longer counts ``slot`` as up."""
    while time.monotonic() < stop:
        try:
            status = replicas(stats).get(slot, ("gone",))[0]
        except OSError:
            status = "UP"
        if Clock.kill is not None and not status.startswith("UP"):
            return Clock.since_kill()
        await asyncio.sleep(0.05)
    return None


def verdict(recs, brecs, victim, victim_slot, out, cold: bool) -> dict:
    problems = []
    for r in recs:
        if r.answered != r.slot:
            problems.append(f"{r.name}: placed on {r.slot}, answered by {r.answered}")
    affected = [r for r in recs if r.slot == victim_slot]
    others = [r for r in recs if r.slot != victim_slot]
    for r in affected:
        if r.dropped_at is None:
            problems.append(f"{r.name}: on the killed replica but never noticed")
            continue
        if r.back_at is None or r.back_at > TARGET_S:
            problems.append(f"{r.name}: view back after {r.back_at} s (target {TARGET_S:g} s)")
        if r.back_on in (None, victim_slot):
            problems.append(f"{r.name}: came back on {r.back_on}")
        if not getattr(r, "reference_ok", False):
            problems.append(f"{r.name}: the view after the reconnect is not what its URL names (?{r.query[:80]})")
        if r.page == "playground" and not r.inflight and not same_view(r.before, r.after):
            problems.append(f"{r.name}: the Playground's paths differ from before the kill: "
                            f"{view_difference(r.before, r.after)} (?{r.query})")
        problems += [f"{r.name} (affected): {e}" for e in r.errors]
    for r in others:
        problems += [f"{r.name}: {e}" for e in r.errors]
        if r.dropped_at is not None:
            problems.append(f"{r.name}: on a surviving replica, but dropped")
    for b in brecs:
        problems += [f"browser {b.name}: {e}" for e in b.errors]
        if b.scene_back_at is None or b.scene_back_at > TARGET_S:
            problems.append(f"browser {b.name}: the scene back after {b.scene_back_at} s")
        if not b.same_scene:
            problems.append(f"browser {b.name}: not the same scene after the reconnect")
        if b.answered != ["url view", "url view"]:
            problems.append(f"browser {b.name}: after the moves: {b.answered}")
        if not b.changed_on_second:
            problems.append(f"browser {b.name}: the second move did not change the chart")
    back = [r.back_at for r in affected if r.back_at is not None]
    lessons = [r for r in affected if r.page != "playground" and r.dropped_at is not None]
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cold": cold,
        "killed": victim,
        "balancer_took_it_out_s": out,
        "affected": [{"student": r.name, "page": r.page, "dropped_s": r.dropped_at, "connected_s": r.connected_at, "runs_s": r.runs,
                      "back_s": r.back_at,
                      "back_on": r.back_on, "inflight": r.inflight, "errors": r.errors} for r in affected],
        "others": {"students": len(others), "reruns": sum(r.reruns for r in others),
                   "errors": sum(len(r.errors) for r in others)},
        "browsers": [b.__dict__ for b in brecs],
        "lesson_views_reset": [r.name for r in lessons if not same_view(r.before, r.after)],
        "problems": problems,
    }
    views = sum(1 for r in affected if getattr(r, "reference_ok", False))
    result["line"] = (
        f"failover{' (cold)' if cold else ''}: {'PASS' if not problems else 'FAIL'}, reconnect p50 {statistics.median(back):.2f} s, "
        f"max {max(back):.2f} s ({len(back)} students), browsers "
        + ", ".join("-" if b.scene_back_at is None else f"{b.scene_back_at:.2f} s" for b in brecs)
        + f"; errors: affected {sum(len(r.errors) for r in affected)}, others {result['others']['errors']}; "
        f"views restored {views}/{len(affected)}") if back else "failover: FAIL, no student reconnected"
    return result


def fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", required=True, help="the balancer, e.g. http://127.0.0.1:8080")
    ap.add_argument("--stats", required=True, help="the balancer's stats page, e.g. http://127.0.0.1:8404")
    ap.add_argument("--project", required=True, help="the compose project (to find the replicas' containers)")
    ap.add_argument("--students", type=int, default=20)
    ap.add_argument("--warm", type=float, default=10.0, help="seconds of slider moves before the kill")
    ap.add_argument("--after", type=float, default=20.0, help="seconds of slider moves after the kill")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cold", action="store_true",
                    help="kill before every replica has served every link (the replicas' first visits then count)")
    args = ap.parse_args()
    result = asyncio.run(run(args.url.rstrip("/"), args.stats.rstrip("/"), args.project, args.students,
                             args.warm, args.after, args.seed, args.cold))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "failover.json").write_text(json.dumps(result, indent=1, default=str))
    print(f"the balancer took {result['killed']} out after {fmt(result['balancer_took_it_out_s'])} s")
    for a in result["affected"]:
        print(f"  {a['student']} ({a['page']}): dropped at {fmt(a['dropped_s'])} s, "
              f"connected at {fmt(a['connected_s'])} s, runs {'+'.join(fmt(x) for x in a['runs_s'])} s, view back at {fmt(a['back_s'])} s on {a['back_on']}"
              + (" (a move was in flight)" if a["inflight"] else ""))
    for b in result["browsers"]:
        print(f"  browser {b['name']} (last move before the kill: {b['first_move']}): new websocket at "
              f"{fmt(b['ws_back_at'])} s, {'a rerun asked by the client' if b['reran'] else 'no rerun'}, "
              f"scene back at {fmt(b['scene_back_at'])} s, same scene {b['same_scene']}; two moves: {b['answered']}, "
              f"the first one {'kept' if b['moved_kept'] else 'replaced by the URL view'}")
    if result["lesson_views_reset"]:
        print(f"  lesson students back at their lesson's defaults (lessons keep sliders out of the URL): "
              f"{', '.join(result['lesson_views_reset'])}")
    for p in result["problems"]:
        print(f"  ! {p}")
    print(result["line"])
    sys.exit(0 if not result["problems"] else 1)


if __name__ == "__main__":
    main()
