"""The heavy-work queue (`ui.cached.heavy`): one heavy computation at a time across sessions, results kept and bounded."""

import os
import threading
import time

import numpy as np
import pytest

from ui import cached


RECORD = {"running": 0, "most": 0, "calls": 0}


def _slow(x, delay=0.2):
    record = RECORD
    record["running"] += 1
    record["most"] = max(record["most"], record["running"])
    time.sleep(delay)
    record["running"] -= 1
    record["calls"] += 1
    return x * 2


def test_heavy_computations_run_one_at_a_time_and_a_repeat_is_not_computed_again():
    record = RECORD
    record.update(running=0, most=0, calls=0)
    out = {}
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, cached.heavy(_slow, 1000 + i)))
               for i in range(4)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert record["most"] == 1  # never two at once
    assert time.perf_counter() - t0 >= 4 * 0.2 * 0.9  # so the four took turns
    assert out == {i: 2 * (1000 + i) for i in range(4)}
    calls = record["calls"]
    assert cached.heavy(_slow, 1001) == 2002 and record["calls"] == calls  # kept


def test_the_heavy_cache_is_bounded():
    record = RECORD
    for i in range(cached.HEAVY_ENTRIES + 5):
        cached.heavy(_slow, 5000 + i, delay=0.0)
    assert len(cached._heavy_cache) <= cached.HEAVY_ENTRIES
    calls = record["calls"]
    cached.heavy(_slow, 5000, delay=0.0)  # the oldest was dropped: computed again
    assert record["calls"] == calls + 1


# --- the heavy-work process (LLL_HEAVY_PROCESS=1, as the Docker image runs) -------------------------------------


def _where(x):
    return os.getpid(), x * 3


def _dies_away_from_home(home):
    if os.getpid() != home:
        os._exit(3)  # the worker dies, as one killed for its memory would
    return "computed here"


@pytest.fixture
def heavy_process(monkeypatch):
    monkeypatch.setenv(cached.HEAVY_PROCESS, "1")
    yield
    if cached._worker is not None:
        cached._worker.shutdown()
    cached._worker = None


def test_with_a_heavy_process_the_work_runs_there_and_its_result_comes_back(heavy_process):
    pid, value = cached.heavy(_where, 7001)
    assert pid != os.getpid() and value == 21003
    again, _ = cached.heavy(_where, 7002)
    assert again == pid  # one process, kept for the next heavy request


def test_a_race_computed_in_the_heavy_process_is_the_one_computed_here(heavy_process):
    from lessons import network as ln

    setup = ln.Setup("moons", 50, 0.2, width=4, depth=1, steps=200)
    racers = (ln.Racer.of("sgd", learning_rate=0.1), ln.Racer.of("adam", learning_rate=0.01))
    there = cached.heavy(ln.race, setup, racers)
    here = ln.race(setup, racers)
    assert [r.name for r in there.runs] == [r.name for r in here.runs]
    for a, b in zip(there.runs, here.runs):
        np.testing.assert_array_equal(a.train_loss, b.train_loss)
        np.testing.assert_array_equal(a.checkpoints, b.checkpoints)
    np.testing.assert_array_equal(there.plane.loss, here.plane.loss)
    for a, b in zip(there.probabilities, here.probabilities):
        np.testing.assert_array_equal(a, b)


def test_a_heavy_process_that_dies_is_replaced_and_the_work_is_done_here(heavy_process):
    assert cached.heavy(_dies_away_from_home, os.getpid()) == "computed here"
    assert cached._worker is None  # the broken one is gone; the next request starts a new one
    pid, _ = cached.heavy(_where, 7003)
    assert pid != os.getpid()


def _refuses(x):
    raise ValueError(f"a request the engine refuses: {x}")


def test_a_refusal_in_the_heavy_process_reaches_the_page_as_the_same_value_error(heavy_process):
    # the pages catch ValueError around `heavy` and show its message (lesson 10, the sweep lab)
    with pytest.raises(ValueError, match="a request the engine refuses: 7"):
        cached.heavy(_refuses, 7)
    pid, _ = cached.heavy(_where, 7004)
    assert pid != os.getpid()  # the process lives on


def _sleeps_there(x, delay=1.0):
    time.sleep(delay)
    return os.getpid(), x


def test_a_run_waiting_on_the_heavy_process_gives_its_turn_to_another_run(heavy_process, admission_limit, another_run):
    from ui import admission

    admission_limit(1)  # one turn: a run holding it through the heavy wait would keep everyone else out
    cached.heavy(_where, 7005)  # the process is up (its start is not what is tested)
    result = {}

    def page_run():
        with admission.turn():
            result["heavy"] = cached.heavy(_sleeps_there, 7006)
            result["holding_after"] = admission._local.holding

    t = threading.Thread(target=page_run)
    t.start()
    time.sleep(0.3)  # the page run is waiting on the heavy process now
    t2, other_got_a_turn = another_run()
    assert other_got_a_turn.wait(0.6), "another run waited for the heavy work to finish"
    t.join(10)
    t2.join(10)
    pid, value = result["heavy"]
    assert pid != os.getpid() and value == 7006 and result["holding_after"]
    assert admission._turns._value == 1
