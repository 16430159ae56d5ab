"""Serve the app from several server processes in one container, behind HAProxy: one per core, for a class.

``python -m ui.workers [streamlit options]`` runs ``python -m ui.serve`` (`ui.serve`) ``LLL_WORKERS`` times, each
on a port of its own on the loopback, and HAProxy (Debian's ``haproxy``) on the address and port the options
name, in front of them. With ``LLL_WORKERS`` unset or 1 it is ``python -m ui.serve`` itself (what
``deploy/compose.yaml`` and ``deploy/k8s/`` run: they scale by replicas instead).

Why: Streamlit runs every session's page in one process, under one interpreter lock. Under a class of 50 on
this project's 2-core machine (`bench/bench_load.py`) one server keeps about one core busy with Python and its
reruns queue for the lock (p95 0.6-1.1 s across runs); two such servers behind HAProxy, on the same two cores,
answer the same class at p95 0.5-0.6 s (README, "A class on one machine"). A course that starts the image with ``docker run``
gets that with ``-e LLL_WORKERS=2``, without Compose. Each worker needs its own memory (about 1.4 GB under a
class, its heavy-work process included).

HAProxy does what `deploy/haproxy.cfg` does for replicas: a cookie keeps each browser on the worker that holds
its session (its websocket, its downloads), a new session goes to the worker with the fewest open connections,
and a worker that stops answering its health check is taken out within two seconds, its sessions closed so that
their browsers reconnect to another worker and get their view back from the address (ui/failover.py). A worker
that exits is started again; when HAProxy exits, everything stops (the container's restart policy takes over).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENV = "LLL_WORKERS"
MAX_WORKERS = 16
RESTART_AFTER_S = 2.0  # a worker that exits is started again after this pause

CONFIG = """global
    maxconn 4096
    log stdout format raw local0 notice

defaults
    mode http
    log global
    timeout connect 500ms
    timeout client 30s
    timeout server 30s
    timeout http-request 10s
    timeout tunnel 2h
    timeout client-fin 5s
    timeout check 2s
    retries 3
    option redispatch 1

frontend web
    bind {address}:{port}
    default_backend workers

backend workers
    balance leastconn
    cookie LLL_WORKER insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk
    http-check send meth GET uri /_stcore/health ver HTTP/1.1 hdr Host localhost
    http-check expect string ok
    default-server check inter 1s fastinter 500ms downinter 2s fall 2 rise 2 on-marked-down shutdown-sessions
{servers}
"""


def workers_from_env() -> int:
    """``LLL_WORKERS`` as a whole number from 1 to `MAX_WORKERS` (1 when unset); anything else is refused."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_WORKERS:
        raise SystemExit(f"{ENV} must be a whole number from 1 to {MAX_WORKERS} (server processes), got {raw!r}")
    return int(raw)


def split_args(args: list[str]) -> tuple[str, int, list[str]]:
    """The public address and port that Streamlit's options name (``--server.address``, ``--server.port``, as
    ``--opt value`` or ``--opt=value``; Streamlit's defaults otherwise), and every other option, for the workers."""
    address, port, rest, i = "0.0.0.0", "8501", [], 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if name in ("--server.address", "--server.port"):
            if not eq:
                if i + 1 >= len(args):
                    raise SystemExit(f"{name} needs a value")
                i, value = i + 1, args[i + 1]
            if name == "--server.port":
                port = value
            else:
                address = value
        else:
            rest.append(args[i])
        i += 1
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise SystemExit(f"--server.port must be a port number, got {port!r}")
    return address, int(port), rest


def config(address: str, port: int, worker_ports: list[int]) -> str:
    """HAProxy's configuration: ``address:port`` in front of one worker on each of ``worker_ports`` (loopback)."""
    servers = "\n".join(f"    server w{i} 127.0.0.1:{p} cookie w{i}" for i, p in enumerate(worker_ports, start=1))
    return CONFIG.format(address=address, port=port, servers=servers)


def haproxy() -> str | None:
    """HAProxy's executable, or None when it is not installed."""
    path = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return path if Path(path).exists() else None


def free_ports(n: int) -> list[int]:
    """``n`` ports the system has free on the loopback now."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def start_worker(port: int, args: list[str]) -> subprocess.Popen:
    """One `ui.serve` on the loopback at ``port``, in a process group of its own (its heavy-work process too)."""
    return subprocess.Popen([sys.executable, "-m", "ui.serve", "--server.address", "127.0.0.1", "--server.port",
                             str(port), *args], start_new_session=True)


def stop(procs: list[subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM to each process's group, then SIGKILL to what is left after ``grace`` seconds."""
    for p in procs:
        if p.poll() is None:
            _signal_group(p, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            _signal_group(p, signal.SIGKILL)
            p.wait()


def _signal_group(p: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(p.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def main() -> None:
    n = workers_from_env()
    args = sys.argv[1:]
    if n == 1:
        os.execv(sys.executable, [sys.executable, "-m", "ui.serve", *args])
    balancer_exe = haproxy()
    if balancer_exe is None:
        raise SystemExit(f"{ENV}={n} needs HAProxy in front of the workers (Debian: apt-get install haproxy)")
    address, port, rest = split_args(args)
    ports = free_ports(n)
    cfg = Path(tempfile.mkdtemp(prefix="lll-workers-")) / "haproxy.cfg"
    cfg.write_text(config(address, port, ports))
    workers = [start_worker(p, rest) for p in ports]
    balancer = subprocess.Popen([balancer_exe, "-db", "-f", str(cfg)], start_new_session=True)
    print(f"workers: {n} servers on 127.0.0.1:{','.join(map(str, ports))}, HAProxy on {address}:{port}", flush=True)

    stopping = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.append(True))
    code = 0
    while not stopping:
        if balancer.poll() is not None:
            print(f"workers: HAProxy exited ({balancer.returncode}); stopping", flush=True)
            code = 1
            break
        for i, w in enumerate(workers):
            if w.poll() is not None:
                print(f"workers: worker {i + 1} exited ({w.returncode}); starting it again", flush=True)
                time.sleep(RESTART_AFTER_S)
                workers[i] = start_worker(ports[i], rest)
        time.sleep(0.5)
    stop([balancer, *workers])
    sys.exit(code)


if __name__ == "__main__":
    main()
