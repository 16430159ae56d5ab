"""A simulated student behind the load balancer: it keeps the affinity cookie, knows its replica, reconnects.

`bench/students.Student` speaks Streamlit's websocket protocol as a browser does. Behind HAProxy
(deploy/haproxy.cfg) a browser also:

- keeps the balancer's affinity cookie (``LLL_REPLICA``) and sends it on every connection, so it
  stays on one replica; here the cookie can also be given up front, to place a student on a replica;
- learns which replica answered: the balancer names it in ``X-LLL-Replica`` (a slot, not an address);
- after a drop, opens a new websocket through the balancer, still sending the old cookie: the
  balancer sees that replica gone, sends the connection to a healthy one, and sets a new cookie.

The new replica starts a new server session, which knows nothing of the student. So `reconnect`
then does what opening the address bar's URL does: a first run with the current query string and no
widget state. On the Playground that query string holds the whole view (`lab.scene.to_query`).

`view` is what the student sees, for comparing before and after: every trace of every chart of the
app's own chart component (the Playground's race, the lessons' figures) as (chart, name, x, y).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

import numpy as np
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from students import INTERNAL_KEY_PREFIX, Run, Student  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from figures import wire  # noqa: E402

COOKIE = "LLL_REPLICA"
REPLICA_HEADER = "X-LLL-Replica"


def view_of(elements) -> list[tuple[int, str, np.ndarray, np.ndarray]]:
    """The traces of a run's charts (the ``lll.chart`` component): (chart index, name, x, y), in page order.

    The Playground's foreground holds the optimizers' paths (its contour is sent only when it changed,
    so it is left out); a lesson's figure holds all of its traces."""
    out = []
    charts = [p for k, p in elements if k == "bidi_component" and p.component_name == "lll.chart"]
    for i, p in enumerate(charts):
        payload = wire.payload(p)
        fig = wire.unpack(payload["figure"])
        traces = fig["data"] if payload.get("mode") == "figure" else fig["foreground"]["data"]
        for t in traces:
            x, y = t.get("x"), t.get("y")
            if x is None or y is None:
                continue
            out.append((i, str(t.get("name")), _array(x), _array(y)))
    return out


def _array(values) -> np.ndarray:
    """Numbers as floats (None as NaN); categories (a bar chart's names) as strings."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return np.asarray([str(v) for v in values], dtype=object)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape or (a.dtype == object) != (b.dtype == object):
        return False
    if a.dtype == object:
        return bool(np.all(a == b))
    return bool(np.allclose(a, b, rtol=1e-9, atol=0, equal_nan=True))


def same_view(a, b) -> bool:
    """The same charts with the same traces, the same numbers (NaN where NaN)."""
    return len(a) == len(b) and all((i, n) == (j, m) and _same(x, u) and _same(y, v)
                                    for (i, n, x, y), (j, m, u, v) in zip(a, b))


def view_difference(a, b) -> str:
    """Where two views part, in a few words (for a failed comparison's report)."""
    if len(a) != len(b):
        return f"{len(a)} traces against {len(b)}: {[t[1] for t in a]} / {[t[1] for t in b]}"
    for (i, n, x, y), (j, m, u, v) in zip(a, b):
        if (i, n) != (j, m):
            return f"chart {i} trace {n!r} against chart {j} trace {m!r}"
        if not (_same(x, u) and _same(y, v)):
            def end(p, q):
                return f"{len(p)} points ending ({p[-1]}, {q[-1]})" if len(p) and len(q) else f"{len(p)} points"
            return f"chart {i} trace {n!r}: {end(x, y)} against {end(u, v)}"
    return "the same"


class StickyStudent(Student):
    """A `Student` that connects as a browser behind the balancer does (see the module's docstring)."""

    def __init__(self, url: str, page: str = "", query: str = "", timeout: float = 60.0, cookie: str | None = None):
        super().__init__(url, page, query, timeout)
        self.cookie = cookie  # the balancer's affinity cookie: which replica this student's requests go to
        self.replica: str | None = None  # the slot that answered the last handshake
        self.connected_at: float | None = None  # time.monotonic() of the last handshake
        self.open_runs: list[float] = []  # the seconds of the last open's runs (the Playground: picture, then the rest)
        self._shown: list = []  # the elements of the last whole run without error

    async def connect(self) -> None:
        """A websocket through the balancer, sending the affinity cookie; keep the replica's name and a new cookie."""
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
                                           open_timeout=self.timeout, additional_headers=headers)
        self.connected_at = time.monotonic()
        response = self.ws.response.headers
        self.replica = response.get(REPLICA_HEADER)
        for line in response.get_all("Set-Cookie"):
            name, _, rest = line.partition("=")
            if name.strip() == COOKIE:
                self.cookie = rest.split(";", 1)[0]

    async def open(self) -> Run:
        """`Student.open`, over `connect`: the page's first run (the Playground: picture first, then the rest)."""
        # the same steps as Student.open, which opens its own websocket (without the cookie): were it split
        # into connecting and loading the page, this would be `connect` and the loading half
        await self.connect()
        first = await self.rerun()
        self.open_runs = [first.seconds]
        bidi = [p for k, p in first.elements if k == "bidi_component" and p.component_name == "lll.chart"]
        if bidi and wire.payload(bidi[0]).get("report_drawn"):
            trigger = WidgetState(id=f"{INTERNAL_KEY_PREFIX}_{bidi[0].id}__events",
                                  json_trigger_value=json.dumps([{"event": "drawn", "value": True}]))
            rest = await self.rerun([trigger])
            self.open_runs.append(rest.seconds)
            return Run(first.seconds + rest.seconds, rest.elements, first.errors + rest.errors)
        return first

    async def rerun(self, changed=(), fragment_id: str = "") -> Run:
        run = await super().rerun(changed, fragment_id)
        if run.errors:
            return run
        if not run.fragment:
            self._shown = run.elements
        else:  # a fragment's run redraws its own elements only: they take the place of theirs, by id
            fresh = {p.id: (k, p) for k, p in run.elements if getattr(p, "id", "")}
            self._shown = [fresh.get(getattr(p, "id", "") or None, (k, p)) for k, p in self._shown]
        return run

    @property
    def shown(self) -> list:
        """The page as its last runs without error left it (keep it; work out `view_of` it later): a whole run's
        elements, with those a later fragment's run drew again (the Playground's moves) in their place."""
        return self._shown

    @property
    def view(self) -> list:
        """What the last whole run showed (`view_of`), worked out when asked: a class's worth of students
        unpacking every figure would take a good part of a core from the machine under test."""
        return view_of(self._shown)

    def closed(self, run: Run | None = None) -> bool:
        """Whether the websocket is gone (the balancer closes it when its replica dies), or ``run`` ended
        because it closed (its state may lag behind the error the run got)."""
        from websockets.protocol import State

        lost = run is not None and any(e.startswith("connection closed") for e in run.errors)
        return lost or self.ws is None or self.ws.state is not State.OPEN

    async def reconnect(self, within: float = 30.0) -> Run:
        """After a drop: a new websocket through the balancer (the old cookie still sent), then the page's first
        run with the current query string and no widget state, as a new server session needs. Retried, as
        Streamlit's client retries, until a connection opens or ``within`` seconds have passed."""
        if self.ws is not None:
            try:
                await self.ws.close()
            except Exception:  # already gone
                pass
        self.widgets, self._shown = {}, []
        deadline, last = time.monotonic() + within, None
        while time.monotonic() < deadline:
            try:
                run = await self.open()
                if not self.closed(run):
                    return run
                last = run.errors  # taken, then dropped (by a replica on its way out): again
            except (OSError, websockets.InvalidHandshake, websockets.ConnectionClosed, asyncio.TimeoutError) as err:
                last = err  # no replica took it (yet): try again shortly
            self.widgets, self._shown = {}, []
            await asyncio.sleep(0.2)
        raise ConnectionError(f"no replica took the reconnect within {within:g} s: {last}")
