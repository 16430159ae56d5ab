"""`ui.admission`: at most LIMIT page runs hold a turn at once; a run waiting on another process gives its turn back."""

from __future__ import annotations

import inspect
import threading

import pytest

from ui import admission


@pytest.fixture
def turns(admission_limit):
    """A limit of 2; its semaphore."""
    return admission_limit(2)


def _crowd(n: int, body) -> tuple[int, list[BaseException]]:
    """Run ``body(i, inside)`` in ``n`` threads, each under `admission.turn`; the most that were inside at once."""
    lock, inside, most, errors = threading.Lock(), [0], [0], []

    def one(i):
        try:
            with admission.turn():
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                try:
                    body(i)
                finally:
                    with lock:
                        inside[0] -= 1
        except BaseException as err:  # noqa: BLE001 (reported to the test)
            errors.append(err)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a run never got a turn"
    return most[0], errors


def test_the_wrapped_method_keeps_streamlits_shape():
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    # admission wraps ScriptRunner._run_script(self, rerun_data): a new shape must be looked at again
    assert list(inspect.signature(ScriptRunner._run_script).parameters) == ["self", "rerun_data"]


def test_no_more_runs_than_the_limit_hold_a_turn(turns):
    gate = threading.Event()
    entered = threading.Semaphore(0)

    def body(i):
        entered.release()
        gate.wait(10)

    result: list = []
    runner = threading.Thread(target=lambda: result.append(_crowd(6, body)))
    runner.start()
    # two runs get in; the other four wait until a turn is given back
    assert entered.acquire(timeout=10) and entered.acquire(timeout=10)
    assert not entered.acquire(timeout=0.3), "a third run got a turn while two held theirs"
    gate.set()
    runner.join(30)
    most, errors = result[0]
    assert not errors and most == 2


def test_a_run_waiting_on_another_process_gives_its_turn_back(turns, another_run):
    # both turns are held by runs that wait elsewhere (`released`): a third run goes ahead meanwhile
    done = threading.Event()
    holders_in = threading.Semaphore(0)

    def holder():
        with admission.turn():
            with admission.released():
                holders_in.release()
                done.wait(10)
            assert admission._local.holding  # the turn is taken again after the wait

    threads = [threading.Thread(target=holder) for _ in range(2)]
    for t in threads:
        t.start()
    assert holders_in.acquire(timeout=10) and holders_in.acquire(timeout=10)

    t3, third_got_a_turn = another_run()
    assert third_got_a_turn.wait(5), "the third run waited although both holders had given their turns back"
    done.set()
    for t in [*threads, t3]:
        t.join(10)
    assert turns._value == 2  # every turn given back


def test_a_run_that_raises_gives_its_turn_back(turns):
    def boom(i):
        raise RuntimeError(f"run {i}")

    most, errors = _crowd(5, boom)
    assert len(errors) == 5 and most <= 2
    assert turns._value == 2


def test_the_wrapper_runs_streamlits_method_under_a_turn(monkeypatch):
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    seen = []
    monkeypatch.setattr(ScriptRunner, "_run_script", lambda self, rerun_data: seen.append(
        (rerun_data, admission._local.holding, admission._turns._value)))
    monkeypatch.setattr(admission, "_turns", None)
    admission.install(3)
    ScriptRunner._run_script(object(), "data")
    assert seen == [("data", True, 2)]  # one of three turns taken while it ran
    assert admission._turns._value == 3


def test_no_limit_installs_nothing(monkeypatch):
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    before = ScriptRunner._run_script
    monkeypatch.setattr(admission, "_turns", None)
    admission.install(0)
    assert ScriptRunner._run_script is before and admission._turns is None
    with admission.turn(), admission.released():  # both are no-ops without a limit
        pass


@pytest.mark.parametrize("raw, expected", [("", admission.LIMIT), ("0", 0), (" 3 ", 3)])
def test_the_limit_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv(admission.ENV, raw)
    assert admission.limit_from_env() == expected


@pytest.mark.parametrize("raw", ["-1", "two", "2.5", "1e3"])
def test_a_limit_that_is_not_a_whole_number_is_refused_with_a_message(monkeypatch, raw):
    monkeypatch.setenv(admission.ENV, raw)
    with pytest.raises(SystemExit, match="LLL_RUNS_AT_ONCE must be a whole number"):
        admission.limit_from_env()
