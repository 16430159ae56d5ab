"""Lesson 2: GD, SGD and mini-batch SGD on a linear regression of synthetic data; the 1/√B noise and its cost."""

import numpy as np
import streamlit as st

from figures.colors import color
from figures.lesson_batches import cost_noise_figure, epoch_figure, spread_figure
from figures.lesson_gradient_descent import paths_and_losses_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import rule_title, t
from lessons import batches as lb
from optimizers import oracle
from ui import cached, chart, lesson as ui

KEY = "batches"
SAMPLES = (100, 1000, 1050)  # the notes' examples: 100 / 20 → 5; 1000 / 10 → 100; 1050 / 100, drop 50 → 10
BATCHES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
STEPS = 300  # steps per run, and mini-batch gradients per B in the noise measurements (one compiled program)
LEARNING_RATE = 0.05
SEED = 0
DEFAULTS = {f"{KEY}.n": 100, f"{KEY}.b": 20, f"{KEY}.drop_last": False}
TRY = {f"{KEY}.n": 1050, f"{KEY}.b": 100, f"{KEY}.drop_last": True}


def lesson() -> None:
    ui.header(KEY, DEFAULTS)
    body(ui.lang())


@st.fragment
def body(lang: str) -> None:
    """Everything under the title: the controls change every section and the Playground link, so the page's one
    fragment is all of it (a move reruns neither the app's frame nor the header)."""
    # 1) the controls
    a, b, c = st.columns([1.2, 2, 1.4])
    a.radio(t(f"lesson.{KEY}.n", lang), SAMPLES, key=f"{KEY}.n", horizontal=True)
    b.select_slider(t(f"lesson.{KEY}.b", lang), BATCHES, key=f"{KEY}.b")
    c.toggle(t(f"lesson.{KEY}.drop_last", lang), key=f"{KEY}.drop_last")
    n, batch, drop_last = int(st.session_state[f"{KEY}.n"]), int(st.session_state[f"{KEY}.b"]), bool(st.session_state[f"{KEY}.drop_last"])
    key = cached.key_for("linear_regression", n_samples=n)

    # 2) three runs: the same rule and η, gradients from N samples (GD), 1 (SGD) and B (mini-batch SGD)
    gd_name, sgd_name = rule_title("sgd", lang, stochastic=False), rule_title("sgd", lang, stochastic=True)
    runs = lb.three_runs(n, batch, drop_last, STEPS, LEARNING_RATE, SEED)
    labels = {"full": t(f"lesson.{KEY}.run.full", lang, name=gd_name, n=n),
              "sgd": t(f"lesson.{KEY}.run.sgd", lang, name=sgd_name),
              "mini": t(f"lesson.{KEY}.run.mini", lang, name=sgd_name, b=batch)}
    shown = ("full", "sgd", "mini") if 1 < batch < n else ("full", "sgd")
    epochs = {k: f"{STEPS / tr.iterations_per_epoch:.3g}" for k, tr in runs.items()}
    ipe, b_eff = runs["mini"].iterations_per_epoch, min(batch, n)
    paths = [Path(labels[k], color(i), runs[k]) for i, k in enumerate(shown)]
    fig = paths_and_losses_figure(cached.surface(key), paths, grid=cached.grid(key, 90),
                                  step_title=t(f"lesson.{KEY}.axis.iteration", lang),
                                  loss_title=t(f"lesson.{KEY}.axis.loss", lang),
                                  diverged=t(f"lesson.{KEY}.hover.diverged", lang, step="{step}"), xy_titles=("w", "b"),
                                  start_text=t("fig.start", lang), minimum_text=t("fig.minimum", lang),
                                  projector=ui.projector())
    chart.figure(fig, key=f"{KEY}.chart")
    st.caption(t(f"lesson.{KEY}.paths", lang, steps=STEPS, eta=LEARNING_RATE, b=b_eff, gd_name=gd_name, sgd_name=sgd_name,
                 **epochs))
    ui.explain(
        KEY,
        r"g_t = \frac{1}{|B_t|}\sum_{i\in B_t}\nabla \ell_i(\theta_t),\qquad \theta_{t+1} = \theta_t - \eta\, g_t",
        r"\text{" + t(f"lesson.{KEY}.ipe", lang) + r"} = \lceil N/B \rceil \ \ (\text{drop\_last: } \lfloor N/B \rfloor),\qquad "
        r"\sqrt{\mathbb{E}\lVert g_t - \nabla f\rVert^2} = \frac{\sigma}{\sqrt{B}}\sqrt{\frac{N-B}{N-1}}",
    )

    # 3) the epoch, counted by the engine
    st.subheader(t(f"lesson.{KEY}.epoch", lang))
    m1, m2, m3 = st.columns(3)
    m1.metric(t(f"lesson.{KEY}.ipe", lang), ipe, help=t(f"lesson.{KEY}.ipe.help", lang))
    last, size = lb.last_batch(n, batch, drop_last)
    m2.metric(t(f"lesson.{KEY}.last", lang), t(f"lesson.{KEY}.last.{last}", lang, size=size))
    m3.metric(t(f"lesson.{KEY}.epochs", lang, steps=STEPS), epochs["mini"])
    if batch >= n:
        st.info(t(f"lesson.{KEY}.full_batch", lang, name=gd_name), icon=":material/info:")
    chart.figure(epoch_figure(n, batch, drop_last, x_title=t(f"lesson.{KEY}.axis.position", lang),
                              batch_text=t(f"lesson.{KEY}.hover.batch", lang, k="{k}", size="{size}"),
                              dropped_text=t(f"lesson.{KEY}.hover.dropped", lang, size="{size}"), projector=ui.projector()),
                 key=f"{KEY}.strip")
    st.caption(t(f"lesson.{KEY}.strip", lang))

    # 4) the noise of the mini-batch gradient against B, measured and in closed form
    st.subheader(t(f"lesson.{KEY}.spread", lang))
    sizes, spread, sigma = cached.computed(lb.spread_by_size, n, BATCHES, STEPS, SEED)
    chart.figure(spread_figure(sizes, spread, sigma, n, chosen=batch if batch < n else None,
                               measured_label=t(f"lesson.{KEY}.legend.measured", lang, steps=STEPS),
                               x_title=t(f"lesson.{KEY}.axis.b", lang), y_title=t(f"lesson.{KEY}.axis.spread", lang),
                               projector=ui.projector()), key=f"{KEY}.spread")
    st.caption(t(f"lesson.{KEY}.spread.help", lang, steps=STEPS))
    if batch < n:
        i = sizes.index(batch)
        st.markdown(t(f"lesson.{KEY}.spread.result", lang, b=batch, measured=f"{spread[i]:.3g}",
                      law=f"{float(lb.one_over_sqrt_b(sigma, batch)):.3g}",
                      factor=f"{np.sqrt((n - batch) / (n - 1)):.3g}",
                      finite=f"{float(lb.finite_population_spread(sigma, n, batch)):.3g}", sigma=f"{sigma:.3g}", n=n))
    else:
        st.markdown(t(f"lesson.{KEY}.spread.full", lang))

    # 5) choosing B: the noise a step removes against what the step costs
    practice_section(lang, n)

    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(oracle.iterations_per_epoch, oracle.batch_weights, oracle.minibatch_loss, lb.per_sample_gradients,
              lb.measured_noise, lb.finite_population_spread, lb.step_cost, epoch_figure, cost_noise_figure)
    ui.references("ng_dl", "cs231n")
    ui.playground_link(sc.Scene(
        surface="linear_regression", surface_params={"n_samples": float(n)}, steps=STEPS, seed=SEED,
        contestants=[sc.Contestant("sgd", {"learning_rate": LEARNING_RATE, "batch_size": float(b), "drop_last": drop_last})
                     for b in (0, 1, batch)],
    ))


def practice_section(lang: str, n: int) -> None:
    """The notes' batch-size practice, drawn as cost against noise on the largest data set."""
    st.subheader(t(f"lesson.{KEY}.practice", lang))
    big = lb.PRACTICE_N
    sizes, noise, sigma, odd_noise = cached.computed(lb.practice_noise, STEPS, SEED)
    costs = lb.step_cost(sizes)
    fig = cost_noise_figure(
        sizes, noise, costs, sigma, big, usual=lb.USUAL,
        odd=(lb.ODD_SIZE, float(lb.step_cost(lb.ODD_SIZE)), odd_noise), full_cost=float(lb.step_cost(big)),
        measured_label=t(f"lesson.{KEY}.legend.noise", lang, steps=STEPS),
        usual_label=t(f"lesson.{KEY}.legend.usual", lang, lo=lb.USUAL[0], hi=lb.USUAL[1]),
        odd_label=t(f"lesson.{KEY}.legend.odd", lang, b="{b}"),
        full_label=t(f"lesson.{KEY}.legend.full", lang, n="{n}"),
        x_title=t(f"lesson.{KEY}.axis.cost", lang), y_title=t(f"lesson.{KEY}.axis.spread", lang),
        projector=ui.projector(),
    )
    chart.figure(fig, key=f"{KEY}.practice")
    w, t0 = lb.VECTOR_WIDTH, lb.OVERHEAD
    st.caption(t(f"lesson.{KEY}.practice.help", lang, n=big, w=w, t0=f"{t0:g}", steps=STEPS,
                 odd=lb.ODD_SIZE, odd_cost=f"{float(lb.step_cost(lb.ODD_SIZE)):g}",
                 pow2=2 ** int(np.ceil(np.log2(lb.ODD_SIZE)))))
    with st.expander(t(f"lesson.{KEY}.practice.why", lang)):
        st.latex(r"c(B) = t_0 + \left\lceil B/W \right\rceil,\qquad \frac{c(B)}{B} = \frac{1}{W}\Big(1 + \frac{t_0 W}{B}\Big)"
                 r"\ \ (B \text{ a multiple of } W)")
        for i in (1, 2, 3):
            st.markdown(t(f"lesson.{KEY}.practice.p{i}", lang, w=w, t0=f"{t0:g}", knee=int(t0 * w), lo=lb.USUAL[0],
                          hi=lb.USUAL[1], ratio_lo=f"{float(lb.cost_per_sample(lb.USUAL[0]) * w):.3g}",
                          ratio_hi=f"{float(lb.cost_per_sample(lb.USUAL[1]) * w):.3g}", below=f"{lb.FULL_BATCH_BELOW:,}"))
    verdict = lb.practice(n)
    st.markdown(t(f"lesson.{KEY}.practice.{verdict}", lang, n=f"{n:,}", below=f"{lb.FULL_BATCH_BELOW:,}",
                  lo=lb.USUAL[0], hi=lb.USUAL[1], name=rule_title("sgd", lang, stochastic=False)))


lesson()
