"""Fixtures shared by the test modules."""

from __future__ import annotations

import threading

import pytest


@pytest.fixture
def admission_limit(monkeypatch):
    """``install(n)``: a limit of ``n`` page runs at once (`ui.admission`) on a saved-and-restored
    `ScriptRunner._run_script`, undone after the test; returns the limit's semaphore."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    from ui import admission

    monkeypatch.setattr(ScriptRunner, "_run_script", ScriptRunner._run_script)
    monkeypatch.setattr(admission, "_turns", None)

    def install(n: int):
        admission.install(n)
        return admission._turns

    return install


@pytest.fixture
def another_run():
    """``start()``: a thread that takes one of `ui.admission`'s turns, and the event it sets once it holds it."""
    from ui import admission

    def start() -> tuple[threading.Thread, threading.Event]:
        got = threading.Event()

        def run():
            with admission.turn():
                got.set()

        t = threading.Thread(target=run)
        t.start()
        return t, got

    return start
