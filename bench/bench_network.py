"""Benchmark of the network page's redraw: four optimizers trained on a small network, and its loss plane.

Run: ``.venv/bin/python bench/bench_network.py [--passes 9] [--browser 12]``

The setup is issue 10's: spirals, 200 training points (and 200 test points), an MLP of two hidden layers of
32 tanh units (1,185 parameters); sgd, momentum, rmsprop and adam, 2,000 full-batch steps each, test loss every
20 steps; then the plane of the four runs' weights on a 64 × 64 grid (`networks.plane`) and each network's
decision boundary on a 60 × 60 grid. That is what the page computes after a slider move.

Side by side, in alternating passes (so background load hits them alike), each pass changing every learning
rate by a factor 1 + 1e-3·i (nothing memoised, and a recompile would show):

1. plain optax: what a notebook user writes, ``jax.jit`` of one step (``optax.<rule>`` update on the mean
   cross-entropy's gradient) called 2,000 times from Python, recording θ and the loss every step, evaluating
   the test set every 20; then the same plane by a Python loop over the grid's 4,096 points (one jitted loss
   call each);
2. this project: ``lessons.network.race`` (``networks.train`` per rule: one compiled `lax.scan` with every
   number traced, and ``networks.plane``'s single vectorised grid call).

Both train the same runs: their weights must agree over the first 50 steps (float32: rtol 1e-3, atol 1e-4;
later, rounding differences grow, as float32 paths of 2,000 steps of a network do). Reported: median and p90 over
the passes, in milliseconds, for training, the plane and their sum, and the target (about 1 s for the redraw's
computation). Compiles are paid before the timed passes; a first visit's compile cost is printed separately
(``networks.train`` with the persistent compile cache warm, as a running server has it).

``--browser N``: the same setup as a learner meets it. A server (``python -m ui.serve``, as bin/app starts it)
and headless Chromium open ``/network``; the page is set to the setup above (a fourth optimizer added, 400
points: 200 for training), then optimizer 1's learning-rate slider is moved N times with the keyboard, one way
(every value new to every cache). Timed: from the key press until every chart on the page has drawn anew
(``data-revision``, ui/chart.js), median and p90.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402

import networks  # noqa: E402
from lessons import network as ln  # noqa: E402

RULES = (("sgd", 0.1), ("momentum", 0.1), ("rmsprop", 0.003), ("adam", 0.01))
STEPS, EVAL_EVERY, GRID = 2000, 20, 64
SETUP = ln.Setup("spirals", n_samples=400, noise=0.05, width=32, depth=2, steps=STEPS)
TARGET_MS = 1000.0


def plain_optax(m: networks.Model, factor: float):
    """The loop a notebook user writes, and the plane by a loop over the grid."""
    x, y = jnp.asarray(m.data.x_train, jnp.float32), jnp.asarray(m.data.y_train, jnp.float32)
    xt, yt = jnp.asarray(m.data.x_test, jnp.float32), jnp.asarray(m.data.y_test, jnp.float32)
    thetas = []
    for rule, lr in RULES:
        # the learning rate lives in the state (optax.inject_hyperparams): a new rate does not recompile the step
        factory = {"sgd": optax.sgd, "momentum": lambda learning_rate: optax.sgd(learning_rate, momentum=0.9),
                   "rmsprop": optax.rmsprop, "adam": optax.adam}[rule]
        tx = optax.inject_hyperparams(factory)(learning_rate=lr * factor)
        step = _step(rule, tx, m.arch)
        theta = jnp.asarray(m.init(0), jnp.float32)
        state, path, losses, tests = tx.init(theta), [theta], [], []
        for t in range(STEPS):
            theta, state, loss = step(theta, state, x, y)
            path.append(theta)
            losses.append(loss)
            if t % EVAL_EVERY == 0:
                tests.append(_test(m.arch, theta, xt, yt))
        thetas.append(np.asarray(jnp.stack(path)))
        np.asarray(jnp.stack(losses)), np.asarray(jnp.stack(tests))
    train_done = time.perf_counter()
    # the plane, point by point
    center = thetas[0][-1]
    sample = np.concatenate([t[:: max(1, STEPS // 128)] - center for t in thetas])
    d = np.linalg.svd(sample, full_matrices=False)[2][:2]
    coords = [(t - center) @ d.T for t in thetas]
    lo, hi = np.min([c.min(0) for c in coords], 0), np.max([c.max(0) for c in coords], 0)
    xs, ys = np.linspace(lo[0], hi[0], GRID), np.linspace(lo[1], hi[1], GRID)
    loss = _loss(m.arch)
    grid = np.array([[float(loss(jnp.asarray(center + a * d[0] + b * d[1], jnp.float32), x, y)) for a in xs] for b in ys])
    return thetas, grid, train_done


_STEPS: dict = {}


def _step(rule, tx, arch):
    """One jitted step per rule, kept across passes as a notebook keeps it."""
    if (rule, arch) not in _STEPS:
        @jax.jit
        def step(theta, state, x, y):
            loss, g = jax.value_and_grad(lambda t: arch.loss(t, x, y))(theta)
            u, state = tx.update(g, state, theta)
            return optax.apply_updates(theta, u), state, loss
        _STEPS[(rule, arch)] = step
    return _STEPS[(rule, arch)]


_test = jax.jit(lambda arch, theta, x, y: arch.loss(theta, x, y), static_argnums=0)
_LOSS: dict = {}


def _loss(arch):
    return _LOSS.setdefault(arch, jax.jit(lambda t, x, y: arch.loss(t, x, y)))


def ours(factor: float):
    racers = tuple(ln.Racer.of(rule, learning_rate=lr * factor) for rule, lr in RULES)
    m = SETUP.model()
    t0 = time.perf_counter()
    runs = [networks.train(m, r.rule, STEPS, eval_every=EVAL_EVERY, **dict(r.settings)) for r in racers]
    t1 = time.perf_counter()
    networks.plane(runs, grid=GRID)
    t2 = time.perf_counter()
    ln.race(SETUP, racers)  # the page's whole computation (boundaries included)
    t3 = time.perf_counter()
    return [r.theta for r in runs], (t1 - t0, t2 - t1, t3 - t2)


def browser(moves: int) -> list[float]:
    """Seconds from a slider's key press to every chart redrawn, on the page in Chromium (see the docstring)."""
    import signal
    import socket
    import subprocess
    import tempfile
    import urllib.request

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
    from streamlit_page import wait_until_idle

    root = Path(__file__).resolve().parents[1]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tempfile.NamedTemporaryFile(prefix="bench_network_", suffix=".log", delete=False)
    server = subprocess.Popen([str(root / ".venv/bin/python"), "-m", "ui.serve", "--server.port", str(port),
                               "--server.headless", "true", "--server.address", "127.0.0.1",
                               "--server.fileWatcherType", "none"], cwd=root, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url, times = f"http://127.0.0.1:{port}", []
    revisions = "() => [...document.querySelectorAll('.lll-figure')].map(g => Number(g.dataset.revision))"
    redrawn = "(b) => { const r = [...document.querySelectorAll('.lll-figure')].map(g => Number(g.dataset.revision));" \
              " return r.length >= b.length && b.every((v, i) => r[i] > v); }"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium")
            page = b.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url + "/network")
            wait_until_idle(page, 180_000)

            def press(key_class: str, key: str, timed: bool) -> None:
                before = page.evaluate(revisions)
                thumb = page.locator(f".{key_class} [role='slider'], .{key_class} input[type='range']").first
                thumb.focus()
                t = time.perf_counter()
                thumb.press(key)
                page.wait_for_function(redrawn, arg=before, timeout=60_000, polling="raf")
                if timed:
                    times.append(time.perf_counter() - t)
                wait_until_idle(page, 60_000)

            page.locator(".st-key-network-add button").first.click()  # a fourth optimizer
            wait_until_idle(page, 180_000)
            press("st-key-network-n_samples", "ArrowRight", False)  # 200 -> 400 points: 200 to train on
            for _ in range(moves):
                press("st-key-network-o1-learning_rate", "ArrowLeft", True)
            b.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=9)
    ap.add_argument("--browser", type=int, default=0, metavar="N", help="also time N slider moves in Chromium")
    args = ap.parse_args()
    m = SETUP.model()
    print(f"# network redraw: spirals, {m.data.n_train} training points, hidden (32, 32), {m.n_params} parameters, "
          f"{len(RULES)} rules × {STEPS} steps, plane {GRID}×{GRID}; load average {os.getloadavg()[0]:.2f}")
    # first visit: compile (persistent cache as the server has it)
    t = time.perf_counter()
    ours(1.0)
    first = time.perf_counter() - t
    t = time.perf_counter()
    thetas, _, _ = plain_optax(m, 1.0)
    first_optax = time.perf_counter() - t
    paths, _ = ours(1.0)
    for a, b in zip(paths, thetas):  # float32 paths this long are chaotic: the first 50 steps must agree
        np.testing.assert_allclose(a[:51], b[:51], rtol=1e-3, atol=1e-4)
    print(f"first pass (compiles included): plain optax {first_optax * 1e3:.0f} ms, this project {first * 1e3:.0f} ms")
    plain, mine = [], []
    for i in range(1, args.passes + 1):
        f = 1 + 1e-3 * i
        t = time.perf_counter()
        _, _, done = plain_optax(m, f)
        end = time.perf_counter()
        plain.append((done - t, end - done))
        _, (train_s, plane_s, race_s) = ours(f)
        mine.append((train_s, plane_s, race_s))
    plain, mine = np.array(plain) * 1e3, np.array(mine) * 1e3

    def cell(v):
        return f"{np.median(v):7.0f} / {np.percentile(v, 90):7.0f}"

    print(f"\n{'ms, median / p90 over ' + str(args.passes) + ' passes':<40} {'plain optax':>17} {'this project':>17}")
    print(f"{'train 4 rules × 2,000 steps':<40} {cell(plain[:, 0])} {cell(mine[:, 0])}")
    print(f"{'plane 64 × 64':<40} {cell(plain[:, 1])} {cell(mine[:, 1])}")
    print(f"{'train + plane':<40} {cell(plain.sum(1))} {cell(mine[:, :2].sum(1))}")
    print(f"{'the page computation (+ boundaries)':<40} {'':>17} {cell(mine[:, 2])}")
    verdict = "PASS" if np.median(mine[:, 2]) <= TARGET_MS else "MISS"
    print(f"\nnetwork redraw computation: median {np.median(mine[:, 2]):.0f} ms, p90 {np.percentile(mine[:, 2], 90):.0f} ms "
          f"(target {TARGET_MS:.0f} ms: {verdict}); plain optax train + plane median {np.median(plain.sum(1)):.0f} ms")
    if args.browser:
        t = np.array(browser(args.browser)) * 1e3
        verdict = "PASS" if np.median(t) <= TARGET_MS else "MISS"
        print(f"network page in Chromium, slider move to every chart redrawn ({len(t)} moves): median "
              f"{np.median(t):.0f} ms, p90 {np.percentile(t, 90):.0f} ms (target about {TARGET_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
