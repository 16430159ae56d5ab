"""The heavy-work queue (`ui.cached.heavy`): one heavy computation at a time across sessions, results kept and bounded."""

import threading
import time

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
