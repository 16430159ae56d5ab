"""At most a few page runs at once in one server: the others wait their turn, off the interpreter lock.

Streamlit runs every session's rerun in a thread of its own, all under one interpreter lock. Under a
class of 50 on one server, about thirty runs were under way at once (py-spy): each got the lock for a
few milliseconds in turn, so each finished only when nearly all of them had, and the switching between
them cost the server CPU of its own. Here only `LIMIT` runs hold a turn; the others wait on a
semaphore, which costs nothing while they wait. A run that waits on another process
(`ui.cached.heavy`: the heavy-work process) gives its turn back meanwhile (`released`).

Measured with `bench/bench_load.py` (50 students, 60 s, this 2-core machine, alternating runs; README,
"A class on one machine"): with no browser on the machine, one server's p50 went from 2.5-2.7 s to
0.7-1.6 s and its reruns from 580-620 to 760-985 a run; with the bench's two browsers beside it, p50
3.1-3.3 s to 1.9-2.4 s; two replicas, p95 1.9 s to 0.83 s (one run each). One turn left the lock idle
while a run waited on XLA's own threads (p95 4.6 s); three and four measured between one and two.

Installed by `ui.serve` (the server the image runs): ``LLL_RUNS_AT_ONCE`` turns, `LIMIT` when unset, 0 for
no limit. It wraps `ScriptRunner._run_script`, a method of Streamlit's runtime; tests/test_admission.py
fails if that method's shape changes.
"""

from __future__ import annotations

import contextlib
import os
import threading

ENV = "LLL_RUNS_AT_ONCE"
LIMIT = 2
_turns: threading.BoundedSemaphore | None = None
_local = threading.local()  # .holding: this thread holds a turn


def limit_from_env() -> int:
    """``LLL_RUNS_AT_ONCE`` as a whole number (`LIMIT` when unset, 0: no limit); anything else is refused with a
    message."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return LIMIT
    if not raw.isdigit():
        raise SystemExit(f"{ENV} must be a whole number (0 turns the limit off), got {raw!r}")
    return int(raw)


@contextlib.contextmanager
def turn():
    """Hold one of the server's turns (when a limit is installed) while the block runs."""
    turns = _turns
    if turns is None or getattr(_local, "holding", False):
        yield
        return
    turns.acquire()
    _local.holding = True
    try:
        yield
    finally:
        _local.holding = False
        turns.release()


@contextlib.contextmanager
def released():
    """Give this thread's turn back while the block runs (it waits on another process), and take one again after."""
    turns = _turns
    if turns is None or not getattr(_local, "holding", False):
        yield
        return
    _local.holding = False
    turns.release()
    try:
        yield
    finally:
        turns.acquire()
        _local.holding = True


def install(limit: int) -> None:
    """Let at most ``limit`` page runs hold a turn at once (0: no limit, nothing installed). Once per process."""
    global _turns
    if limit <= 0 or _turns is not None:
        return
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    _turns = threading.BoundedSemaphore(limit)
    original = ScriptRunner._run_script

    def _run_script(self, rerun_data):
        with turn():
            return original(self, rerun_data)

    _run_script.__doc__ = original.__doc__
    ScriptRunner._run_script = _run_script
