"""Benchmark of the trajectory engine against the loops a reader would otherwise write.

Run: ``.venv/bin/python bench/bench_core.py [--quick] [--write]``
(``--quick``: fewer repetitions, for a CI smoke run; ``--write``: also save the
report as Markdown in ``bench/RESULTS.md``).

(a) Trajectories. sgd, momentum, rmsprop and adam, 500 steps each on Rosenbrock
(a=1, b=100) from (-1.5, 2.0), with clipping by global norm (10) and a cosine
schedule after 20 steps of linear warmup. Four implementations produce the full
path (501 positions) of all four rules:

1. textbook loop: Python floats, a hand-written gradient, ``math.sqrt`` (CS231n's loops);
2. NumPy loop: the same with arrays of shape (2,);
3. optax + lax.scan: ``optax.chain(clip_by_global_norm, optax.<rule>(schedule))``,
   one jitted scan per rule, hyperparameters as traced arguments;
4. this engine: ``optimizers.run``, one call per rule;
5. this engine: ``optimizers.run_many``, the four rules in one compiled program.

All four must reach the same final positions (float32 vs float64: rtol 1e-3).
A *pass* runs the four rules once. Passes are interleaved across implementations
(so background load hits them alike) and the learning rate changes by a factor
1 + 1e-3·i on pass i (nothing can be memoised, and a recompile would show). The
jitted implementations are timed after their first call; their results are
fetched to NumPy, so the time includes the transfer. We report the median and
the minimum over the passes.

Compile time: the whole first ``optimizers.run`` call (adam: tracing, lowering,
XLA compile, run) in a fresh process, after JAX's backend is up, with the persistent compile cache off
(``LLL_COMPILE_CACHE=off``) and warm (a temporary cache directory filled by one
earlier process); median of 3 processes. Recompiles: ``optimizers.trace_count()``
before and after 20 runs that each change the numeric hyperparameters.

(b) Sweep. Adam (b2 0.999, eps 1e-8, no clipping, no schedule), 500 steps on
Rosenbrock in float32 from (-1.5, 2.0), over a 256 x 256 grid of learning rate
(geomspace 1e-4..1e-1) x b1 (linspace 0..0.99): the final loss of each of the
65,536 runs, by naive NumPy on (N, 2) arrays, by in-place NumPy on separate x and
y arrays with preallocated buffers, and by ``optimizers.sweep``. Cells agree when
both diverged or ``isclose(rtol=1e-2, atol=1e-6)``; the naive loop in float64
(untimed) is the reference. Median of several runs.

(c) One run's loop length. A run of ``S`` steps loops ``scan_length(S)`` steps (the
shortest of `LENGTHS` that holds it: one program per length), or at least
`CHEAP_LENGTH` on a surface without data (`loop_length`, the engine's choice: fewer
programs). Per step count, the median and p90 of one whole call (plan, loop, results
in NumPy) at both lengths, sgd and adam, on Rosenbrock and on the linear regression
(data: the floor does not apply there), interleaved, each program compiled before timing.

The machine may be shared (tests running beside): medians, and the load average
is printed in the header. Targets are printed as PASS/MISS, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402

import landscapes  # noqa: E402
import optimizers  # noqa: E402

A, B = 1.0, 100.0  # Rosenbrock: f = (a - x)² + b (y - x²)²
START = (-1.5, 2.0)
STEPS, WARMUP, DECAY, MAX_NORM = 500, 20, 500, 10.0
RULES = {
    "sgd": dict(learning_rate=1e-3),
    "momentum": dict(learning_rate=5e-4, momentum=0.9),
    "rmsprop": dict(learning_rate=1e-2, decay=0.9, eps=1e-8),
    "adam": dict(learning_rate=5e-2, b1=0.9, b2=0.999, eps=1e-8),
}
ENGINE_KW = dict(steps=STEPS, clip_norm=MAX_NORM, schedule="cosine", warmup_steps=WARMUP, decay_steps=DECAY)
SWEEP_N = 256


# ----------------------------------------------------------------------------
# (a) 1. the textbook loop: Python floats


def rosen_grad(x, y):
    # ∂f/∂x = -2(a - x) - 4b x (y - x²),  ∂f/∂y = 2b (y - x²)
    r = y - x * x
    return -2 * (A - x) - 4 * B * x * r, 2 * B * r


def lr_at(t, lr):
    # 1) linear warmup  2) cosine decay over DECAY steps, counted from the end of the warmup
    if t < WARMUP:
        return lr * t / WARMUP
    return lr * 0.5 * (1 + math.cos(math.pi * min(t - WARMUP, DECAY) / DECAY))


def clipped(dx, dy):
    norm = math.sqrt(dx * dx + dy * dy)
    if norm < MAX_NORM:
        return dx, dy
    return dx / norm * MAX_NORM, dy / norm * MAX_NORM


def textbook_sgd(learning_rate):
    x, y = START
    path = [(x, y)]
    for t in range(STEPS):
        dx, dy = clipped(*rosen_grad(x, y))
        lr = lr_at(t, learning_rate)
        x -= lr * dx
        y -= lr * dy
        path.append((x, y))
    return path


def textbook_momentum(learning_rate, momentum):
    x, y = START
    vx = vy = 0.0
    path = [(x, y)]
    for t in range(STEPS):
        dx, dy = clipped(*rosen_grad(x, y))
        vx = momentum * vx + dx
        vy = momentum * vy + dy
        lr = lr_at(t, learning_rate)
        x -= lr * vx
        y -= lr * vy
        path.append((x, y))
    return path


def textbook_rmsprop(learning_rate, decay, eps):
    x, y = START
    sx = sy = 0.0
    path = [(x, y)]
    for t in range(STEPS):
        dx, dy = clipped(*rosen_grad(x, y))
        sx = decay * sx + (1 - decay) * dx * dx
        sy = decay * sy + (1 - decay) * dy * dy
        lr = lr_at(t, learning_rate)
        x -= lr * dx / math.sqrt(sx + eps)  # optax's convention: eps inside the root
        y -= lr * dy / math.sqrt(sy + eps)
        path.append((x, y))
    return path


def textbook_adam(learning_rate, b1, b2, eps):
    x, y = START
    mx = my = vx = vy = 0.0
    path = [(x, y)]
    for t in range(STEPS):
        dx, dy = clipped(*rosen_grad(x, y))
        mx = b1 * mx + (1 - b1) * dx
        my = b1 * my + (1 - b1) * dy
        vx = b2 * vx + (1 - b2) * dx * dx
        vy = b2 * vy + (1 - b2) * dy * dy
        c1, c2 = 1 - b1 ** (t + 1), 1 - b2 ** (t + 1)
        lr = lr_at(t, learning_rate)
        x -= lr * (mx / c1) / (math.sqrt(vx / c2) + eps)
        y -= lr * (my / c1) / (math.sqrt(vy / c2) + eps)
        path.append((x, y))
    return path


TEXTBOOK = {"sgd": textbook_sgd, "momentum": textbook_momentum, "rmsprop": textbook_rmsprop, "adam": textbook_adam}


# ----------------------------------------------------------------------------
# (a) 2. the NumPy loop: arrays of shape (2,)


def np_grad(p):
    r = p[1] - p[0] ** 2
    return np.array([-2 * (A - p[0]) - 4 * B * p[0] * r, 2 * B * r])


def np_clipped(g):
    norm = np.sqrt(np.sum(g * g))
    return g if norm < MAX_NORM else g / norm * MAX_NORM


def numpy_path(rule, learning_rate, momentum=0.9, decay=0.9, eps=1e-8, b1=0.9, b2=0.999):
    p = np.array(START)
    m, v = np.zeros(2), np.zeros(2)
    path = np.empty((STEPS + 1, 2))
    path[0] = p
    for t in range(STEPS):
        g = np_clipped(np_grad(p))
        lr = lr_at(t, learning_rate)
        if rule == "sgd":
            p = p - lr * g
        elif rule == "momentum":
            m = momentum * m + g
            p = p - lr * m
        elif rule == "rmsprop":
            v = decay * v + (1 - decay) * g * g
            p = p - lr * g / np.sqrt(v + eps)
        else:
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            p = p - lr * (m / (1 - b1 ** (t + 1))) / (np.sqrt(v / (1 - b2 ** (t + 1))) + eps)
        path[t + 1] = p
    return path


# ----------------------------------------------------------------------------
# (a) 3. optax's own optimizers in a jitted lax.scan, one compiled function per rule


def _optax_rule(rule, hp):
    lr = optax.join_schedules(
        [optax.linear_schedule(0.0, hp["learning_rate"], WARMUP), optax.cosine_decay_schedule(hp["learning_rate"], DECAY)],
        [WARMUP],
    )
    if rule == "sgd":
        return optax.sgd(lr)
    if rule == "momentum":
        return optax.sgd(lr, momentum=hp["momentum"])
    if rule == "rmsprop":
        return optax.rmsprop(lr, decay=hp["decay"], eps=hp["eps"])
    return optax.adam(lr, b1=hp["b1"], b2=hp["b2"], eps=hp["eps"])


def _rosen(p):
    return (A - p[0]) ** 2 + B * (p[1] - p[0] ** 2) ** 2


OPTAX_TRACES = 0  # how many times _optax_scan was traced (each trace is a compile)


def _optax_scan(rule, hp, start):
    global OPTAX_TRACES
    OPTAX_TRACES += 1
    tx = optax.chain(optax.clip_by_global_norm(MAX_NORM), _optax_rule(rule, hp))

    def body(carry, _):
        p, state = carry
        updates, state = tx.update(jax.grad(_rosen)(p), state, p)
        p = optax.apply_updates(p, updates)
        return (p, state), p

    _, ps = jax.lax.scan(body, (start, tx.init(start)), length=STEPS)
    return jnp.concatenate([start[None], ps])


_optax_jit = jax.jit(_optax_scan, static_argnums=0)  # the rule is static: one compiled program per rule


def optax_path(rule, **hp):
    hp = {k: np.float32(v) for k, v in hp.items()}
    return np.asarray(_optax_jit(rule, hp, np.asarray(START, np.float32)))


# ----------------------------------------------------------------------------
# (a) 4. this engine

SURFACE = landscapes.get("rosenbrock", a=A, b=B)


def engine_path(rule, **hp):
    return optimizers.run(SURFACE, rule, start=START, **ENGINE_KW, **hp).xy


def engine_paths_one_program(rules: dict) -> dict:
    """All four rules in one compiled program (`optimizers.run_many`): {rule: path}."""
    kw = {k: v for k, v in ENGINE_KW.items() if k != "steps"}
    runs = [(rule, {**kw, **hp}) for rule, hp in rules.items()]
    return {rule: t.xy for rule, t in zip(rules, optimizers.run_many(SURFACE, runs, start=START, steps=STEPS))}


def _all_rules(fn):
    fn.all_rules = True  # called once with every rule's settings, not once per rule
    return fn


IMPLEMENTATIONS = {
    "textbook loop (Python floats)": lambda rule, **hp: TEXTBOOK[rule](**hp),
    "NumPy loop (arrays of shape (2,))": lambda rule, **hp: numpy_path(rule, **hp),
    "optax + lax.scan (jitted)": optax_path,
    "this engine (optimizers.run)": engine_path,
    "this engine, one program (optimizers.run_many)": _all_rules(engine_paths_one_program),
}


def one_pass(impl, scale=1.0):
    """All four rules, 500 steps each: {rule: path as an array (501, 2)}."""
    rules = {rule: {**hp, "learning_rate": hp["learning_rate"] * scale} for rule, hp in RULES.items()}
    if getattr(impl, "all_rules", False):
        return {rule: np.asarray(xy) for rule, xy in impl(rules).items()}
    return {rule: np.asarray(impl(rule, **hp)) for rule, hp in rules.items()}


# ----------------------------------------------------------------------------
# (b) the sweep, by NumPy


def sweep_numpy_naive(lr, b1, b2=0.999, eps=1e-8):
    """(N, 2) arrays; a new array for every expression, as one writes it first."""
    lr, b1 = lr[:, None], b1[:, None]
    p = np.tile(np.asarray(START, np.float32), (lr.shape[0], 1))
    m, v = np.zeros_like(p), np.zeros_like(p)
    for t in range(1, STEPS + 1):
        x, y = p[:, 0], p[:, 1]
        r = y - x * x
        g = np.stack([-2 * (A - x) - 4 * B * x * r, 2 * B * r], axis=1)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    x, y = p[:, 0], p[:, 1]
    return (A - x) ** 2 + B * (y - x * x) ** 2


def sweep_numpy_inplace(lr, b1, b2=0.999, eps=1e-8):
    """Separate x and y arrays, every result written into a preallocated buffer (``out=``)."""
    n, f32 = lr.shape[0], np.float32
    x, y = np.full(n, START[0], f32), np.full(n, START[1], f32)
    mx, my, vx, vy = (np.zeros(n, f32) for _ in range(4))
    gx, gy, r, tmp = (np.empty(n, f32) for _ in range(4))
    one_minus_b1 = (1 - b1).astype(f32)
    b1_t, step = np.ones(n, f32), np.empty(n, f32)
    for t in range(1, STEPS + 1):
        # r = y - x²;  g = (2(x - a) - 4b x r, 2b r)
        np.multiply(x, x, out=r)
        np.subtract(y, r, out=r)
        np.multiply(x, r, out=gx)
        np.multiply(gx, f32(-4 * B), out=gx)
        np.subtract(x, f32(A), out=tmp)
        np.multiply(tmp, f32(2), out=tmp)
        np.add(gx, tmp, out=gx)
        np.multiply(r, f32(2 * B), out=gy)
        # step size η / (1 - b1ᵗ) per cell; 1/√(1 - b2ᵗ) is one number
        np.multiply(b1_t, b1, out=b1_t)
        np.subtract(f32(1), b1_t, out=step)
        np.divide(lr, step, out=step)
        c2 = f32(1 / math.sqrt(1 - b2**t))
        for p, g, m, v in ((x, gx, mx, vx), (y, gy, my, vy)):
            # m += (1 - b1)(g - m);  v += (1 - b2)(g² - v)
            np.subtract(g, m, out=tmp)
            np.multiply(tmp, one_minus_b1, out=tmp)
            np.add(m, tmp, out=m)
            np.multiply(g, g, out=tmp)
            np.subtract(tmp, v, out=tmp)
            np.multiply(tmp, f32(1 - b2), out=tmp)
            np.add(v, tmp, out=v)
            # p -= η/(1 - b1ᵗ) · m / (√v / √(1 - b2ᵗ) + eps)
            np.sqrt(v, out=tmp)
            np.multiply(tmp, c2, out=tmp)
            np.add(tmp, f32(eps), out=tmp)
            np.divide(m, tmp, out=tmp)
            np.multiply(tmp, step, out=tmp)
            np.subtract(p, tmp, out=p)
    return (A - x) ** 2 + B * (y - x * x) ** 2


def sweep_engine(lrs, b1s):
    res = optimizers.sweep(
        SURFACE, "adam", start=START, steps=STEPS, grid={"learning_rate": lrs, "b1": b1s}, b2=0.999, eps=1e-8
    )
    return res.final_loss.ravel()


# ----------------------------------------------------------------------------
# measuring


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return 1e3 * (time.perf_counter() - t0), out


def mismatch(actual, desired) -> str:
    """'' when ``actual`` matches ``desired`` (rtol 1e-3), else assert_allclose's summary line."""
    try:
        np.testing.assert_allclose(actual, desired, rtol=1e-3, atol=1e-6)
        return ""
    except AssertionError as e:
        return str(e).strip().splitlines()[-1]


def mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


_FIRST_CALL = """
import time, jax.numpy as jnp
jnp.zeros(1).block_until_ready()  # JAX's backend is up: its start-up is not the engine's compile
import landscapes, optimizers
s = landscapes.get("rosenbrock")
t0 = time.perf_counter()
optimizers.run(s, "adam", start={start}, **{kw})
print(1e3 * (time.perf_counter() - t0))
"""


def first_call_ms(cache: str) -> float:
    """Milliseconds of the first ``optimizers.run`` call in a fresh process (``cache``: LLL_COMPILE_CACHE)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAX_COMPILATION_CACHE")}
    env["LLL_COMPILE_CACHE"] = cache
    code = _FIRST_CALL.format(start=START, kw={**ENGINE_KW, **RULES["adam"]})
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def cpu_name() -> str:
    """platform.processor(), or the model name from /proc/cpuinfo where that is empty (Linux)."""
    if platform.processor():
        return platform.processor()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return "?"
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "?")


def header(reps: int, sweep_reps: int) -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        "# Loss Landscape Lab: core benchmark",
        "",
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {cpu_name()} ({platform.machine()}), {os.cpu_count()} CPUs, load average {load}",
        f"- python {platform.python_version()}, jax {jax.__version__} ({jax.default_backend()}), "
        f"numpy {np.__version__}, optax {optax.__version__}",
        f"- method: median (and min) of {reps} interleaved passes for trajectories, of {sweep_reps} runs for the "
        "sweep; jitted code timed after its first call, results fetched to NumPy",
        "",
    ]


def bench_trajectories(reps: int, compile_reps: int) -> list[str]:
    out = ["## (a) Trajectories: 4 rules x 500 steps on Rosenbrock, clipped, cosine schedule with warmup", ""]

    # 1) the same paths: final positions against the textbook loop's (float64), rtol 1e-3
    paths = {name: one_pass(impl) for name, impl in IMPLEMENTATIONS.items()}
    ref_name = next(iter(paths))
    out += ["| rule | " + " | ".join(n.split(" (")[0] for n in paths) + " | agree (rtol 1e-3) |", "|---" * (len(paths) + 2) + "|"]
    for rule in RULES:
        finals = [paths[n][rule][-1] for n in paths]
        failures = [f"{n.split(' (')[0]}: {msg}" for n, f in zip(paths, finals) if (msg := mismatch(f, finals[0]))]
        worst = max(np.max(np.abs(f - finals[0]) / np.abs(finals[0])) for f in finals)
        cells = " | ".join(f"({f[0]:+.5f}, {f[1]:+.5f})" for f in finals)
        verdict = "yes" if not failures else "**NO**: " + "; ".join(failures)
        out.append(f"| {rule} | {cells} | {verdict} (max rel. diff {worst:.1e}) |")
    out.append("")

    # 2) steady state: interleaved passes, a slightly different learning rate each time
    traces0, optax0 = optimizers.trace_count(), OPTAX_TRACES
    times = {name: [] for name in IMPLEMENTATIONS}
    for i in range(reps):
        for name, impl in IMPLEMENTATIONS.items():
            times[name].append(timed(one_pass, impl, 1 + 1e-3 * (i + 1))[0])
    retraced = (optimizers.trace_count() - traces0, OPTAX_TRACES - optax0)

    base = statistics.median(times[ref_name])
    out += ["| implementation | median ms for 4x500 steps | min ms | speed-up vs textbook loop |", "|---|---:|---:|---:|"]
    for name, ts in times.items():
        out.append(f"| {name} | {statistics.median(ts):.2f} | {min(ts):.2f} | {base / statistics.median(ts):.2f}x |")
    speedup = base / statistics.median(times["this engine (optimizers.run)"])
    many = base / statistics.median(times["this engine, one program (optimizers.run_many)"])
    out += ["", f"- engine vs textbook loop: {speedup:.2f}x one call per rule, {many:.2f}x one program for the four "
            f"(target >= 6x): **{mark(max(speedup, many) >= 6)}**"]

    # 3) compile: fresh processes, persistent cache off, then warm
    cold = [first_call_ms("off") for _ in range(compile_reps)]
    with tempfile.TemporaryDirectory() as cache_dir:
        first_call_ms(cache_dir)  # fills the cache
        warm = [first_call_ms(cache_dir) for _ in range(compile_reps)]
    cold_med, warm_med = statistics.median(cold), statistics.median(warm)
    out.append(
        f"- first `optimizers.run` call (adam) in a fresh process, cache off: median {cold_med:.0f} ms of "
        f"{compile_reps} (min {min(cold):.0f}) (target <= 150 ms): **{mark(cold_med <= 150)}**"
    )
    out.append(
        f"- the same with the persistent compile cache warm: median {warm_med:.0f} ms (min {min(warm):.0f})"
    )

    # 4) recompiles across 20 changes of every kind of number: rule, clipping, schedule, start
    before = optimizers.trace_count()
    for i in range(20):
        k = 1 + 0.01 * i
        hp = dict(learning_rate=0.05 * k, b1=0.9 - 0.01 * i, b2=0.999 - 1e-4 * i, eps=1e-8 * k)
        kw = {**ENGINE_KW, "clip_norm": MAX_NORM * k, "warmup_steps": WARMUP + i}
        optimizers.run(SURFACE, "adam", start=(START[0] * k, START[1]), **kw, **hp)
    recompiles = optimizers.trace_count() - before
    out.append(
        f"- recompiles across 20 hyperparameter changes (trace_count): {recompiles} (target 0): "
        f"**{mark(recompiles == 0)}**"
    )
    out.append(
        f"- recompiles during the {reps} timed passes (each with a new learning rate): engine {retraced[0]}, "
        f"optax + lax.scan {retraced[1]}"
    )
    return out + [""]


def bench_sweep(reps: int) -> list[str]:
    out = [
        f"## (b) Sweep: Adam, {SWEEP_N}x{SWEEP_N} grid (learning rate x b1), 500 steps on Rosenbrock, float32, final loss",
        "",
    ]
    lrs = np.geomspace(1e-4, 1e-1, SWEEP_N)
    b1s = np.linspace(0.0, 0.99, SWEEP_N)
    lr_cells, b1_cells = (m.ravel().astype(np.float32) for m in np.meshgrid(lrs, b1s, indexing="ij"))
    impls = {
        "NumPy naive ((N, 2) arrays)": lambda: sweep_numpy_naive(lr_cells, b1_cells),
        "NumPy in-place (SoA, out=)": lambda: sweep_numpy_inplace(lr_cells, b1_cells),
        "this engine (optimizers.sweep)": lambda: sweep_engine(lrs, b1s),
    }
    sweep_engine(lrs, b1s)  # compile
    times, loss = {n: [] for n in impls}, {}
    with np.errstate(all="ignore"):
        for _ in range(reps):
            for name, fn in impls.items():
                ms, loss[name] = timed(fn)
                times[name].append(ms)

    best_np = min(statistics.median(times[n]) for n in list(impls)[:2])
    out += ["| implementation | median ms | min ms | speed-up vs best NumPy |", "|---|---:|---:|---:|"]
    for name, ts in times.items():
        out.append(f"| {name} | {statistics.median(ts):.0f} | {min(ts):.0f} | {best_np / statistics.median(ts):.2f}x |")
    eng = statistics.median(times["this engine (optimizers.sweep)"])
    out += [
        "",
        f"- engine: {eng:.0f} ms (target <= 60 ms): **{mark(eng <= 60)}**; "
        f"{best_np / eng:.2f}x the speed of the best NumPy (target >= 2x): **{mark(best_np / eng >= 2)}**",
    ]

    # agreement, pairwise and with the naive loop in float64 (untimed) as the reference
    with np.errstate(all="ignore"):
        loss["NumPy float64 (reference)"] = sweep_numpy_naive(lr_cells.astype(np.float64), b1_cells.astype(np.float64))
    names = list(loss)
    out += ["", "Cells that agree (both diverged, or isclose with rtol 1e-2, atol 1e-6; target > 95%):", ""]
    f32_disagree = np.zeros(lr_cells.shape, bool)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ok = agrees(loss[a], loss[b])
            if b in impls:
                f32_disagree |= ~ok
            out.append(f"- {a} vs {b}: {100 * ok.mean():.2f}% **{mark(ok.mean() > 0.95)}**")
    final = loss["this engine (optimizers.sweep)"]
    out += [
        "",
        f"- engine final loss: median {np.nanmedian(final):.3g}, {int(np.isnan(final).sum())} diverged cells",
        f"- the float32 implementations disagree among themselves in {100 * f32_disagree.mean():.1f}% of cells"
        + (f", all at learning rate >= {lr_cells[f32_disagree].min():.2g}" if f32_disagree.any() else ""),
    ]
    return out + [""]


@contextlib.contextmanager
def shortest_loops():
    """Inside: `optimizers.run` loops only `scan_length(steps)`, the design before `CHEAP_LENGTH` (its floor lifted)."""
    from optimizers import plan

    kept, plan.CHEAP_LENGTH = plan.CHEAP_LENGTH, plan.LENGTHS[0]
    try:
        yield
    finally:
        plan.CHEAP_LENGTH = kept


def _run_at(surface, rule, steps, shortest: bool, **hp):
    """`optimizers.run` as the engine runs it, or with the shortest loop that holds ``steps``."""
    with shortest_loops() if shortest else contextlib.nullcontext():
        return optimizers.run(surface, rule, steps=steps, **hp)


def bench_loop_lengths(reps: int) -> list[str]:
    from optimizers.engine import CHEAP_LENGTH, loop_length, scan_length

    out = [f"## (c) One run's loop: the shortest length that holds its steps, against at least {CHEAP_LENGTH:,}", "",
           "| surface | rule | steps | loop (shortest) | median / p90 ms | loop (the engine's) | median / p90 ms | "
           "same path |", "|---|---|---:|---:|---:|---:|---:|---|"]
    for name in ("rosenbrock", "linear_regression"):
        surface = landscapes.get(name)
        for rule, lr in (("sgd", 1e-3), ("adam", 1e-2)):
            for steps in (10, 200, 1000):
                lengths = (scan_length(steps), loop_length(surface, steps))
                paths = [_run_at(surface, rule, steps, short, learning_rate=lr).xy for short in (True, False)]  # compiles
                times = ([], [])
                for i in range(reps):
                    for short, ts in zip((True, False), times):
                        ts.append(timed(_run_at, surface, rule, steps, short, learning_rate=lr * (1 + 1e-3 * i))[0])
                cells = [f"{n:,} | {statistics.median(ts):.2f} / {np.percentile(ts, 90):.2f}" for n, ts in zip(lengths, times)]
                same = "yes" if np.array_equal(paths[0], paths[1], equal_nan=True) else "**NO**"
                out.append(f"| {name} | {rule} | {steps} | {cells[0]} | {cells[1]} | {same} |")
    return out + [""]


def agrees(a, b) -> np.ndarray:
    """Per cell: both diverged (not finite), or both finite and within rtol 1e-2 (atol 1e-6)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    fa, fb = np.isfinite(a), np.isfinite(b)
    return (~fa & ~fb) | (fa & fb & np.isclose(a, b, rtol=1e-2, atol=1e-6))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (CI smoke run)")
    ap.add_argument("--write", action="store_true", help="also write the report to bench/RESULTS.md")
    args = ap.parse_args()
    reps, sweep_reps, compile_reps = (3, 1, 1) if args.quick else (31, 5, 3)

    lines = header(reps, sweep_reps)
    print("\n".join(lines), flush=True)
    for section in (bench_trajectories(reps, compile_reps), bench_sweep(sweep_reps), bench_loop_lengths(reps)):
        print("\n".join(section), flush=True)
        lines += section
    if args.write:
        (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines))
        print(f"written to {ROOT / 'bench' / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
