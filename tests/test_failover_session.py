"""ui.failover: a session that another replica started answers its first move, even a fragment's.

Against Streamlit's own `AppSession`: a fresh session (what a replica gives a browser that
reconnects after its replica died) is asked for a fragment's rerun, as the browser does when the
learner's first move after the reconnect is a Playground slider. The run that would start is
caught before a script thread starts.
"""

import asyncio
import concurrent.futures

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

from ui import failover

QUERY = "surface=rosenbrock&o1=adam"


def _runs_asked(requests: list[ClientState], install: bool, monkeypatch) -> list:
    """The runs a fresh session starts for ``requests`` (their RerunData), with or without ui.failover."""
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)  # undone after the test
    if install:
        failover.install()

    async def go():
        session = AppSession(ScriptData("app.py"), MemoryUploadedFileManager("/upload"), ScriptCache(), None, {})
        started = []
        session._create_scriptrunner = started.append  # the run it would start, no script thread
        try:
            for cs in requests:
                session.request_rerun(cs)
        finally:
            session.shutdown()
        return started

    # in a thread of its own: the browser tests' Playwright (sync API) keeps an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def _move(fragment: str = "") -> ClientState:
    return ClientState(query_string=QUERY, page_name="", fragment_id=fragment)


def test_streamlit_alone_drops_a_fragment_move_on_a_fresh_session(monkeypatch):
    # what ui.failover is for: if this starts failing, Streamlit reruns such a request itself
    assert _runs_asked([_move("f1")], install=False, monkeypatch=monkeypatch) == []


def test_a_fresh_session_runs_the_whole_page_for_a_fragment_move(monkeypatch):
    runs = _runs_asked([_move("f1")], install=True, monkeypatch=monkeypatch)
    assert len(runs) == 1
    assert runs[0].fragment_id is None
    assert runs[0].query_string == QUERY  # the page starts from the browser's URL


def test_once_the_page_ran_fragment_moves_stay_fragment_runs(monkeypatch):
    runs = _runs_asked([_move(), _move("f1")], install=True, monkeypatch=monkeypatch)
    # the first one started a script runner; the second is the fragment's own run (queued on a
    # runner that exists, or a runner of its own), never turned into a whole page
    assert [r.fragment_id for r in runs] in ([None], [None, "f1"])


@pytest.mark.parametrize("state", [None, ClientState(query_string=QUERY)])
def test_whole_page_first_leaves_other_requests_alone(state):
    class Session:
        pass

    assert failover.whole_page_first(Session(), state) is state


def test_install_is_idempotent(monkeypatch):
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)
    failover.install()
    wrapped = AppSession.request_rerun
    failover.install()
    assert AppSession.request_rerun is wrapped


def test_a_lesson_sections_move_on_a_fresh_session_runs_that_lesson_whole(monkeypatch):
    # a lesson's sections are fragments too: the move runs the page the browser shows, whole, not the Playground
    move = ClientState(query_string="lang=ko", page_name="adaptive", fragment_id="f1")
    runs = _runs_asked([move], install=True, monkeypatch=monkeypatch)
    assert [(r.fragment_id, r.page_name, r.query_string) for r in runs] == [(None, "adaptive", "lang=ko")]
