"""`ui.workers`: several servers behind HAProxy in one container; a worker that dies is replaced, the app answers."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ui import workers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def test_the_public_address_and_port_go_to_haproxy_and_the_rest_to_every_worker():
    args = ["--server.port", "8600", "--server.headless", "true", "--server.address=0.0.0.0", "--x", "y"]
    assert workers.split_args(args) == ("0.0.0.0", 8600, ["--server.headless", "true", "--x", "y"])
    assert workers.split_args([]) == ("0.0.0.0", 8501, [])  # Streamlit's defaults
    with pytest.raises(SystemExit, match="port number"):
        workers.split_args(["--server.port", "http"])
    with pytest.raises(SystemExit, match="needs a value"):
        workers.split_args(["--server.port"])


@pytest.mark.parametrize("raw", ["0", "-1", "two", "2.5", str(workers.MAX_WORKERS + 1)])
def test_a_worker_count_that_is_not_a_whole_number_in_range_is_refused_with_a_message(monkeypatch, raw):
    monkeypatch.setenv(workers.ENV, raw)
    with pytest.raises(SystemExit, match=f"{workers.ENV} must be a whole number from 1 to {workers.MAX_WORKERS}"):
        workers.workers_from_env()


def test_unset_is_one_worker(monkeypatch):
    monkeypatch.delenv(workers.ENV, raising=False)
    assert workers.workers_from_env() == 1


def test_the_balancer_keeps_a_browser_on_its_worker_and_checks_each_workers_health():
    cfg = workers.config("0.0.0.0", 8501, [9001, 9002])
    assert "bind 0.0.0.0:8501" in cfg
    assert "server w1 127.0.0.1:9001 cookie w1" in cfg and "server w2 127.0.0.1:9002 cookie w2" in cfg
    assert "cookie LLL_WORKER insert" in cfg and "uri /_stcore/health" in cfg
    assert "on-marked-down shutdown-sessions" in cfg and "timeout tunnel 2h" in cfg


def _health(url: str) -> bool:
    try:
        return urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    return [int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()]


@pytest.mark.skipif(workers.haproxy() is None, reason="HAProxy is not installed (bin/setup installs it)")
def test_two_workers_serve_the_playground_and_a_killed_one_is_started_again(tmp_path):
    from students import Student

    port = workers.free_ports(1)[0]
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, workers.ENV: "2", "LLL_WARM_PAGES": "0", "LLL_HEAVY_PROCESS": "0"}
    log = (tmp_path / "workers.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "ui.workers", "--server.port", str(port), "--server.address",
                             "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not _health(url) and time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "workers.log").read_text()[-2000:]
            time.sleep(0.5)
        assert _health(url), (tmp_path / "workers.log").read_text()[-2000:]

        async def open_playground():
            s = Student(url, "")
            try:
                return await s.open(), s.chart
            finally:
                await s.close()

        with ThreadPoolExecutor(1) as pool:  # a thread of its own: another test may have left an event loop running
            run, chart = pool.submit(asyncio.run, open_playground()).result()
        assert not run.errors and chart is not None

        servers = [p for p in _children(proc.pid) if "ui.serve" in Path(f"/proc/{p}/cmdline").read_text()]
        assert len(servers) == 2
        os.killpg(servers[0], signal.SIGKILL)  # one worker dies: the other answers meanwhile
        time.sleep(1.0)
        assert _health(url)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            now = [p for p in _children(proc.pid) if "ui.serve" in Path(f"/proc/{p}/cmdline").read_text()]
            if len(now) == 2 and servers[0] not in now:
                break
            time.sleep(0.5)
        assert len(now) == 2 and servers[0] not in now, "the dead worker was not started again"
        assert "worker 1 exited" in (tmp_path / "workers.log").read_text() or \
            "worker 2 exited" in (tmp_path / "workers.log").read_text()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0  # SIGTERM: every worker and HAProxy stopped, then a clean exit
