"""Lesson 10: the same optimizers training a small real network; its decision boundaries, the plane of its
weights with every path, and its curvature and sharpness, measured."""

import numpy as np
import streamlit as st

import networks
from figures import network as fx
from figures.colors import color
from lab.i18n import t
from lessons import network as ln
from ui import cached, controls, lesson as ui
from views import network_controls as panel, network_state as nc

K = "network"
say = ui.Page(K)
FIGURE_WORDS = ("probability", "train", "test", "class0", "class1", "pc1", "pc2", "loss", "curve_loss", "train_curve",
                "test_curve", "end", "highest", "lowest", "negative", "eigenvalue", "alpha", "slice_loss")


def lesson() -> None:
    lg = ui.lang()
    ui.header(K)
    nc.init()
    words = {w: say(f"fig.{w}") for w in FIGURE_WORDS} | {"step": t("fig.step", lg), "start": t("fig.start", lg),
                                                          "play": t("fig.play", lg), "pause": t("fig.pause", lg)}
    with st.sidebar:
        panel.sidebar(lg)

    # 1) the scenes, one click each, and what to look for in the one loaded
    for name, col in zip(ln.SCENES, st.columns(len(ln.SCENES))):
        col.button(say(f"scene.{name}"), key=nc.k("scene", name), on_click=nc.load_scene, args=(name,),
                   help=say(f"look.{name}"), use_container_width=True)
    setup, racers = nc.read()
    scene = st.session_state.get(nc.k("scene"))
    if nc.is_scene(scene, setup, racers):
        st.caption(say(f"look.{scene}"))
    try:
        with st.spinner(say("training", n=len(racers))):
            race = cached.heavy(ln.race, setup, racers, waiting=say("queued"))
    except ValueError as err:  # a combination the engine refuses: said, the controls left to mend it
        st.error(say("error", message=str(err)), icon=":material/error:")
        return
    labels = [nc.label(i, r, lg) for i, r in enumerate(racers, start=1)]
    colors = [color(i) for i in range(len(racers))]

    # 2) the first picture: each trained network's decision boundary
    titles = [say("boundary.title", label=name, accuracy=f"{_last(run.test_accuracy):.0%}") if run.diverged_at is None
              else say("boundary.diverged", label=name, step=run.diverged_at) for run, name in zip(race.runs, labels)]
    say.show("boundaries", fx.boundaries_figure(race.boundary_xs, race.boundary_ys, race.probabilities, race.data,
                                                titles, words=words, projector=ui.projector()))
    st.caption(say("boundary.caption"))
    ui.explain(K, *formulas())

    # 3) the plane of the weights with every path, beside the loss curves; the results; what the plane cannot show
    st.subheader(say("landscape"))
    say.show("landscape", fx.landscape_figure(race.plane, race.runs, labels, colors, words=words,
                                              projector=ui.projector()))
    st.caption(say("landscape.caption"))
    st.markdown(controls.markdown_table(nc.rows(race, labels, lg)))
    ev = race.plane.explained_variance
    st.info(say("honest", n=f"{race.model.n_params:,}", pc1=f"{ev[0]:.1%}", pc2=f"{ev[1]:.1%}",
                total=f"{ev.sum():.1%}", rest=f"{max(1 - ev.sum(), 0.0):.1%}"), icon=":material/info:")

    # 4) measured: the Hessian along run 1, and every end's sharpness
    a, b = st.columns(2)
    a.toggle(say("show_curvature"), key=nc.k("show_curvature"))
    b.toggle(say("show_sharpness"), key=nc.k("show_sharpness"))
    if st.session_state[nc.k("show_curvature")]:
        curvature_section(setup, racers, labels[0], words)
    if st.session_state[nc.k("show_sharpness")]:
        sharpness_section(setup, racers, labels, colors, words)

    ui.source(networks.train, networks.plane, networks.filter_normalized, networks.hessian_extremes, ln.race)
    ui.references("li2018", "keskar2017", "goyal2017", "dauphin2014", "playground", "cs231n")


def curvature_section(setup, racers, label: str, words: dict) -> None:
    st.subheader(say("curvature"))
    with st.spinner(say("measuring")):
        steps, lowest, highest = cached.computed(nc.measure, setup, racers, "curvature")
    say.show("curvature_chart", fx.curvature_figure(steps, lowest, highest, words=words, projector=ui.projector()))
    st.caption(say("curvature.caption", points=len(steps), label=label, end=int(steps[-1]), lo0=f"{lowest[0]:.3g}",
                   lo1=f"{lowest[-1]:.3g}", hi0=f"{highest[0]:.3g}", hi1=f"{highest[-1]:.3g}",
                   negative=int(np.sum(lowest < 0)), ratio=f"{abs(lowest[-1]) / max(highest[-1], 1e-12):.2%}"))


def sharpness_section(setup, racers, labels: list[str], colors: list[str], words: dict) -> None:
    st.subheader(say("sharpness"))
    with st.spinner(say("measuring")):
        ends = cached.computed(nc.measure, setup, racers, "sharpness")
    say.show("sharpness_chart", fx.sharpness_figure([e["alphas"] for e in ends], [e["loss"] for e in ends], labels, colors,
                                                    words={"alpha": words["alpha"], "loss": words["slice_loss"]},
                                                    projector=ui.projector()))
    span = float(ends[0]["alphas"][-1])
    for e, name in zip(ends, labels):
        mid = len(e["loss"]) // 2
        st.markdown("- " + say("sharpness.row", label=name, hi=f"{e['highest']:.3g}", lo=f"{e['lowest']:.3g}",
                               at0=f"{e['loss'][mid]:.3g}", at1=f"{(e['loss'][0] + e['loss'][-1]) / 2:.3g}",
                               span=f"{span:g}"))
    order = np.argsort([e["highest"] for e in ends])
    if len(ends) > 1:
        st.caption(say("sharpness.caption", sharpest=labels[order[-1]], flattest=labels[order[0]]))


def _last(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite[-1]) if finite.size else float("nan")


def formulas() -> tuple[str, ...]:
    """The loss, the plane of the weights, and the filter-normalised direction."""
    return (
        r"\mathcal L(\theta) = -\frac1n\sum_{i=1}^n \Bigl[y_i \log \sigma\bigl(z_\theta(x_i)\bigr) + (1-y_i)"
        r"\log\bigl(1-\sigma(z_\theta(x_i))\bigr)\Bigr]",
        r"M = \begin{bmatrix}\theta_0 - \theta^* \\ \vdots \\ \theta_T - \theta^*\end{bmatrix} = U\Sigma V^\top,\quad"
        r"d_1, d_2 = V_{:,1}, V_{:,2},\quad \text{plane: } \mathcal L(\theta^* + a\,d_1 + b\,d_2)",
        r"d_{:,j} \leftarrow d_{:,j}\,\frac{\lVert W_{:,j}\rVert}{\lVert d_{:,j}\rVert}\qquad"
        r"H v = \nabla_\theta\bigl(\nabla_\theta \mathcal L \cdot v\bigr)",
    )


lesson()
