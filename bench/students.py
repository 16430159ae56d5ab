"""Simulated students: clients that speak Streamlit's own websocket protocol, as a browser does.

A browser talks to a Streamlit server over one websocket (``/_stcore/stream``):
it sends ``BackMsg.rerun_script`` (the page, the query string and the state of
every widget it holds) and receives ``ForwardMsg``s (the page's elements as
deltas, the new query string, ``script_finished``). A `Student` does the same with
the ``streamlit.proto`` messages, so fifty of them fit beside the server on a
2-core machine (a headless browser costs a core of its own for a second per redraw).

What it emulates of the browser:
- the first run of a page with a query string (a shared link), on the page named
  by its address (``page_name``: ``momentum`` for ``/momentum``); later runs name the
  page the server said it ran (``navigation``'s ``page_script_hash``), as the browser
  does (a rerun that the script asks for, ``st.rerun()``, keeps that page);
- the Playground's picture-first start: when the chart asks to be told it has
  drawn (``report_drawn``), the student answers with the chart's ``drawn``
  trigger, as `ui/chart.js` does once the picture is up;
- a slider move: one widget's new value, sent with the current state of every
  other widget (a browser sends them all), and the address bar kept up to date
  from ``page_info_changed``.

What it measures: the time from sending a rerun to the run's ``script_finished``
(a run that the server restarts because the script asked for a rerun counts until
the final one), and errors (an exception element, a closed socket, a timeout).
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from figures import wire  # noqa: E402  (the chart's data, as the browser reads it)

INTERNAL_KEY_PREFIX = "$$STREAMLIT_INTERNAL_KEY"  # a bidi component's trigger widgets: <prefix>_<id>__events
MOVABLE = ("slider",)  # st.slider and st.select_slider (one proto): what a student moves


@dataclass
class Widget:
    """One widget the page drew, and the value it holds now (as the browser's widget manager holds it).

    The value is read from the element when the widget first appears, or when the script set it
    (``set_value``); otherwise the widget keeps the value it had (a redrawn element carries its
    *default*, not the value the student chose), as in the browser.
    """

    id: str
    kind: str
    proto: object
    value: WidgetState | None = None
    fragment_id: str = ""  # the fragment the widget lives in: a browser reruns only that fragment on its change

    def redrawn(self, kind: str, proto, fragment_id: str = "") -> Widget:
        """This widget after a run that drew it again."""
        fresh = Widget(self.id, kind, proto, fragment_id=fragment_id)
        fresh.value = fresh.state() if getattr(proto, "set_value", False) or self.value is None else self.value
        return fresh

    def state(self) -> WidgetState | None:
        """The value the element carries, as the browser would send it; None for widgets without a value."""
        p, s = self.proto, WidgetState(id=self.id)
        if self.kind == "slider":
            if p.options:  # select_slider: the formatted options
                s.string_array_value.data[:] = list(p.raw_value) if p.set_value else [p.options[int(i)] for i in p.default]
            else:
                s.double_array_value.data[:] = list(p.value) if p.set_value else list(p.default)
        elif self.kind in ("selectbox", "radio"):
            if p.set_value:
                s.string_value = p.raw_value
            elif p.HasField("default") and p.options:
                s.string_value = p.options[p.default]
            else:
                return None
        elif self.kind == "checkbox":
            s.bool_value = p.value if p.set_value else p.default
        elif self.kind == "number_input":
            v = p.value if p.set_value else p.default
            if p.data_type == p.INT:
                s.int_value = int(v)
            else:
                s.double_value = v
        elif self.kind == "text_input":
            s.string_value = p.value if p.set_value else p.default
        else:
            return None
        return s

    def moved_to(self, option: str) -> WidgetState:
        """A select_slider moved to the stop labelled ``option``."""
        if option not in self.proto.options:
            raise ValueError(f"{self.id}: no stop {option!r}")
        s = WidgetState(id=self.id)
        s.string_array_value.data[:] = [option]
        return s

    def chosen(self, option: str) -> WidgetState:
        """A select box (or radio) set to the option labelled ``option``."""
        if option not in self.proto.options:
            raise ValueError(f"{self.id}: no option {option!r}")
        return WidgetState(id=self.id, string_value=option)

    def moved(self, rng: random.Random) -> WidgetState:
        """A random new value in the slider's range (another stop of a select_slider)."""
        p, s = self.proto, WidgetState(id=self.id)
        if p.options:
            s.string_array_value.data[:] = [rng.choice(list(p.options))]
        else:
            steps = max(int(round((p.max - p.min) / p.step)), 1) if p.step > 0 else 100
            s.double_array_value.data[:] = [p.min + rng.randint(0, steps) * (p.max - p.min) / steps]
        return s


@dataclass
class Run:
    """One rerun as the student saw it."""

    seconds: float
    elements: list = field(default_factory=list)  # (kind, proto) in page order
    fragments: dict = field(default_factory=dict)  # element id -> the fragment it was drawn in
    errors: list[str] = field(default_factory=list)
    fragment: bool = False  # a fragment's rerun: only its own elements were sent


class Student:
    """One simulated student on one page of the app at ``url`` (``http://host:port``)."""

    def __init__(self, url: str, page: str = "", query: str = "", timeout: float = 60.0):
        self.ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.origin = url.rstrip("/")
        self.page, self.query, self.timeout = page, query, timeout
        self.page_hash = ""  # the page the server ran last (its navigation message), named in later reruns
        self.widgets: dict[str, Widget] = {}
        self.chart: dict | None = None  # the Playground chart's data (figures.wire JSON), from the last run
        self.ws = None

    async def open(self) -> Run:
        """Connect and load the page as a browser does (the Playground: picture first, then the rest)."""
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], origin=self.origin,
                                           max_size=None, open_timeout=self.timeout)
        first = await self.rerun()
        bidi = [p for k, p in first.elements if k == "bidi_component" and p.component_name == "lll.chart"]
        if bidi and wire.payload(bidi[0]).get("report_drawn"):
            trigger = WidgetState(id=f"{INTERNAL_KEY_PREFIX}_{bidi[0].id}__events",
                                  json_trigger_value=json.dumps([{"event": "drawn", "value": True}]))
            rest = await self.rerun([trigger])
            return Run(first.seconds + rest.seconds, rest.elements, first.errors + rest.errors)
        return first

    async def goto(self, page: str, query: str = "") -> Run:
        """Open another page in the same session, as a click in the navigation does (its widgets are new)."""
        self.page, self.query, self.widgets, self.page_hash = page, query, {}, ""
        return await self.rerun()

    async def move(self, rng: random.Random) -> Run | None:
        """Move one random slider of the page to a random value; None when the page has no slider."""
        movable = [w for w in self.widgets.values() if w.kind in MOVABLE]
        if not movable:
            return None
        w = rng.choice(movable)
        return await self.rerun([w.moved(rng)], fragment_id=w.fragment_id)

    async def rerun(self, changed: list[WidgetState] = (), fragment_id: str = "") -> Run:
        """Send a rerun with every widget's state (``changed`` replacing theirs); wait for the run's end.
        ``fragment_id``: the changed widget's fragment, whose code alone reruns (as the browser asks)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if self.page_hash:  # as the browser: the page it shows, by hash, once the server has named it
            cs.page_script_hash = self.page_hash
        else:
            cs.page_name = self.page
        if fragment_id:
            cs.fragment_id = fragment_id
        new = {s.id: s for s in changed}
        for w in self.widgets.values():
            if w.id in new:
                w.value = new.pop(w.id)
            if w.value is not None:
                cs.widget_states.widgets.append(w.value)
        cs.widget_states.widgets.extend(new.values())  # triggers of widgets not listed
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run(0.0)
        try:
            await asyncio.wait_for(self._receive(run), self.timeout)
        except asyncio.TimeoutError:
            run.errors.append(f"no script_finished within {self.timeout:g} s")
        except websockets.ConnectionClosed as err:
            run.errors.append(f"connection closed: {err}")
        run.seconds = time.perf_counter() - t0
        drawn = {p.id: self.widgets.get(p.id, Widget(p.id, k, p)).redrawn(k, p, run.fragments.get(p.id, ""))
                 for k, p in run.elements if getattr(p, "id", "")}
        # a whole run replaces the page's widgets (one not drawn again is gone, as in the browser); a fragment's
        # rerun replaces only its own
        self.widgets = {**self.widgets, **drawn} if run.fragment or run.errors else drawn
        return run

    async def _receive(self, run: Run) -> None:
        while True:
            f = ForwardMsg()
            f.ParseFromString(await self.ws.recv())
            kind = f.WhichOneof("type")
            if kind == "delta" and f.delta.WhichOneof("type") == "new_element":
                el = f.delta.new_element
                k = el.WhichOneof("type")
                run.elements.append((k, getattr(el, k)))
                if f.delta.fragment_id and getattr(getattr(el, k), "id", ""):
                    run.fragments[getattr(el, k).id] = f.delta.fragment_id
                if k == "exception":
                    run.errors.append(f"exception: {el.exception.type}: {el.exception.message[:200]}")
                elif k == "bidi_component" and el.bidi_component.component_name == "lll.chart":
                    self.chart = wire.payload(el.bidi_component)
            elif kind == "navigation":
                self.page_hash = f.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = f.page_info_changed.query_string  # the address bar
            elif kind == "page_not_found":
                run.errors.append(f"page not found: {self.page!r}")
            elif kind == "script_finished":
                if f.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append("script compile error")
                if f.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run.fragment = f.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    return

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
