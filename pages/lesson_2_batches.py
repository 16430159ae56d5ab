"""Lesson 2: batch, stochastic and mini-batch gradient descent on a real regression, and the 1/√B spread."""

import jax
import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures.colors import color
from figures.lesson_batches import epoch_figure, finite_population_spread, one_over_sqrt_b, spread_figure
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import t
from optimizers import oracle
from ui import chart, lesson as ui

KEY = "batches"
SAMPLES = (100, 1000, 1050)  # the notes' examples: 100 / 20 → 5; 1000 / 10 → 100; 1050 / 100, drop 50 → 10
BATCHES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
STEPS = 300  # iterations per run, and mini-batch gradients per B in the spread measurement (one compiled program)
LEARNING_RATE = 0.05
SEED = 0
DEFAULTS = {f"{KEY}.n": 100, f"{KEY}.b": 20, f"{KEY}.drop_last": False}
TRY = {f"{KEY}.n": 1050, f"{KEY}.b": 100, f"{KEY}.drop_last": True}


@st.cache_resource(max_entries=4, show_spinner=False)
def data_surface(n: int):
    return landscapes.get("linear_regression", n_samples=n)


@st.cache_data(max_entries=4, show_spinner=False)
def contour_grid(n: int):
    xs, ys, z = data_surface(n).grid(90)
    return xs.astype(np.float32), ys.astype(np.float32), z.astype(np.float32)


def per_sample_gradients(surface, xy) -> np.ndarray:
    """∇ℓᵢ at ``xy`` for every sample i, by `jax.grad` of the surface's per-sample loss: (N, 2)."""
    xy = np.asarray(xy, dtype=np.float32)
    data = {k: np.asarray(v, dtype=np.float32) for k, v in surface.data.items()}
    grad_one = jax.grad(surface.sample_value)
    return np.asarray(jax.vmap(grad_one, in_axes=(None, None, 0))(xy, {}, data), dtype=np.float64)


@st.cache_data(max_entries=4, show_spinner=False)
def measured_spread(n: int, steps: int, seed: int) -> tuple[list[int], list[float], float]:
    """For each B < N: the RMS distance of ``steps`` mini-batch gradients at the start from the full gradient; and σ."""
    surface = data_surface(n)
    full = np.asarray(surface.grad(surface.start), dtype=np.float64)
    sigma = float(np.sqrt(np.mean(np.sum((per_sample_gradients(surface, surface.start) - full) ** 2, axis=1))))
    sizes = [b for b in BATCHES if b < n]
    spread = []
    for b in sizes:
        # η = 0: the point never moves, so every step draws a fresh mini-batch gradient at the start
        tr = optimizers.run(surface, "sgd", steps=steps, learning_rate=0.0, batch_size=b, drop_last=True, seed=seed)
        spread.append(float(np.sqrt(np.mean(np.sum((tr.grad.astype(np.float64) - full) ** 2, axis=1)))))
    return sizes, spread, sigma


def load_try() -> None:
    st.session_state.update(TRY)


def lesson() -> None:
    lang = ui.lang()
    for k, v in DEFAULTS.items():
        st.session_state.setdefault(k, v)
    ui.header(KEY)
    ui.formula(
        r"g_t = \frac{1}{|B_t|}\sum_{i\in B_t}\nabla \ell_i(\theta_t),\qquad \theta_{t+1} = \theta_t - \eta\, g_t",
        r"\text{" + t(f"lesson.{KEY}.ipe", lang) + r"} = \lceil N/B \rceil \ \ (\text{drop\_last: } \lfloor N/B \rfloor),\qquad "
        r"\sqrt{\mathbb{E}\lVert g_t - \nabla f\rVert^2} = \frac{\sigma}{\sqrt{B}}\sqrt{\frac{N-B}{N-1}}",
    )

    # 1) the controls
    a, b, c = st.columns([1.2, 2, 1.4])
    a.radio(t(f"lesson.{KEY}.n", lang), SAMPLES, key=f"{KEY}.n", horizontal=True)
    b.select_slider(t(f"lesson.{KEY}.b", lang), BATCHES, key=f"{KEY}.b")
    c.toggle(t(f"lesson.{KEY}.drop_last", lang), key=f"{KEY}.drop_last")
    n, batch, drop_last = int(st.session_state[f"{KEY}.n"]), int(st.session_state[f"{KEY}.b"]), bool(st.session_state[f"{KEY}.drop_last"])
    surface = data_surface(n)

    # 2) three runs: the same rule and η, gradients from N, 1 and B samples
    def one(b: int):
        return optimizers.run(surface, "sgd", steps=STEPS, learning_rate=LEARNING_RATE, batch_size=b,
                              drop_last=drop_last, seed=SEED)

    mini = one(batch)
    runs = [(t(f"lesson.{KEY}.run.full", lang, n=n), one(n)), (t(f"lesson.{KEY}.run.sgd", lang), one(1))]
    if 1 < batch < n:
        runs.append((t(f"lesson.{KEY}.run.mini", lang, b=batch), mini))

    # 3) the epoch, counted by the engine
    ipe = mini.iterations_per_epoch
    b_eff = min(batch, n)
    rest = n % b_eff
    m1, m2, m3 = st.columns(3)
    m1.metric(t(f"lesson.{KEY}.ipe", lang), ipe, help=t(f"lesson.{KEY}.ipe.help", lang))
    if rest == 0:
        last = t(f"lesson.{KEY}.last.full", lang, size=b_eff)
    elif drop_last:
        last = t(f"lesson.{KEY}.last.dropped", lang, size=rest)
    else:
        last = t(f"lesson.{KEY}.last.short", lang, size=rest)
    m2.metric(t(f"lesson.{KEY}.last", lang), last)
    m3.metric(t(f"lesson.{KEY}.epochs", lang, steps=STEPS), f"{STEPS / ipe:.3g}")
    if batch >= n:
        st.info(t(f"lesson.{KEY}.full_batch", lang), icon="ℹ️")
    chart.figure(epoch_figure(n, batch, drop_last, x_title=t(f"lesson.{KEY}.axis.position", lang),
                                 batch_text=t(f"lesson.{KEY}.hover.batch", lang, k="{k}", size="{size}"),
                                 dropped_text=t(f"lesson.{KEY}.hover.dropped", lang, size="{size}"), projector=ui.projector()), key=f"{KEY}.strip")
    st.caption(t(f"lesson.{KEY}.strip", lang))

    paths = [Path(label, color(i), tr) for i, (label, tr) in enumerate(runs)]
    fig = paths_and_losses_figure(surface, paths, grid=contour_grid(n),
                                  step_title=t(f"lesson.{KEY}.axis.iteration", lang),
                                  loss_title=t(f"lesson.{KEY}.axis.loss", lang),
                                  diverged=t(f"lesson.{KEY}.hover.diverged", lang, step="{step}"), xy_titles=("w", "b"), projector=ui.projector())
    chart.figure(fig, key=f"{KEY}.chart")
    st.caption(t(f"lesson.{KEY}.paths", lang, steps=STEPS, eta=LEARNING_RATE, full=f"{STEPS / runs[0][1].iterations_per_epoch:.3g}",
                 mini=f"{STEPS / ipe:.3g}", b=b_eff, sgd=f"{STEPS / runs[1][1].iterations_per_epoch:.3g}"))

    # 4) the spread of the mini-batch gradient against B, measured and in closed form
    st.subheader(t(f"lesson.{KEY}.spread", lang))
    sizes, spread, sigma = measured_spread(n, STEPS, SEED)
    chart.figure(spread_figure(sizes, spread, sigma, n, chosen=batch if batch < n else None,
                                  measured_label=t(f"lesson.{KEY}.legend.measured", lang, steps=STEPS),
                                  x_title=t(f"lesson.{KEY}.axis.b", lang), y_title=t(f"lesson.{KEY}.axis.spread", lang), projector=ui.projector()), key=f"{KEY}.spread")
    st.caption(t(f"lesson.{KEY}.spread.help", lang, steps=STEPS))
    if batch < n:
        i = sizes.index(batch)
        st.markdown(t(f"lesson.{KEY}.spread.result", lang, b=batch, measured=f"{spread[i]:.3g}",
                      law=f"{float(one_over_sqrt_b(sigma, batch)):.3g}",
                      factor=f"{np.sqrt((n - batch) / (n - 1)):.3g}",
                      finite=f"{float(finite_population_spread(sigma, n, batch)):.3g}", sigma=f"{sigma:.3g}", n=n))
    else:
        st.markdown(t(f"lesson.{KEY}.spread.full", lang))

    ui.try_this(KEY, load_try)
    ui.source(oracle.iterations_per_epoch, oracle.batch_weights, oracle.minibatch_loss, per_sample_gradients,
              finite_population_spread, epoch_figure)
    ui.references("ng_dl", "cs231n")
    ui.playground_link(sc.Scene(
        surface="linear_regression", surface_params={"n_samples": float(n)}, steps=STEPS, seed=SEED,
        contestants=[sc.Contestant("sgd", {"learning_rate": LEARNING_RATE, "batch_size": float(b), "drop_last": drop_last})
                     for b in (0, 1, batch)],
    ))


lesson()
