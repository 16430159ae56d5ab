"""Lesson 5: exponentially weighted averages on a noisy year of temperatures, with and without bias correction."""

import streamlit as st

from figures.lesson_ewa import ewa_figure, weights_figure
from lab import scene as sc
from lab.i18n import t
from lessons import ewa as le
from optimizers.ewa import ewma
from ui import cached, chart, lesson as ui

KEY = "ewa"
BETAS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)
SEED = 0
LATE_DAY = 200
DEFAULTS = {f"{KEY}.beta": 0.9, f"{KEY}.zoom": False}
TRY = {f"{KEY}.beta": 0.98, f"{KEY}.zoom": True}


def lesson() -> None:
    ui.header(KEY, DEFAULTS)
    body(ui.lang())


@st.fragment
def body(lang: str) -> None:
    """Everything under the title: the controls change every section and the Playground link, so the page's one
    fragment is all of it (a move reruns neither the app's frame nor the header)."""
    # 1) the controls
    a, b = st.columns([3, 1])
    a.select_slider(t(f"lesson.{KEY}.beta", lang), BETAS, key=f"{KEY}.beta")
    b.toggle(t(f"lesson.{KEY}.zoom", lang), key=f"{KEY}.zoom")
    beta, zoom = float(st.session_state[f"{KEY}.beta"]), bool(st.session_state[f"{KEY}.zoom"])

    # 2) the year and its two averages
    series, corrected, raw = cached.computed(le.averages, SEED, beta)
    fig = ewa_figure(series, corrected, raw, le.window(beta), zoom=zoom,
                     data_label=t(f"lesson.{KEY}.legend.data", lang),
                     corrected_label=t(f"lesson.{KEY}.legend.corrected", lang),
                     raw_label=t(f"lesson.{KEY}.legend.raw", lang),
                     x_title=t(f"lesson.{KEY}.axis.day", lang), y_title=t(f"lesson.{KEY}.axis.temperature", lang),
                     day_word=t(f"lesson.{KEY}.hover.day", lang),
                     window_text=t(f"lesson.{KEY}.annot.window", lang, days="{days}"), projector=ui.projector())
    chart.figure(fig, key=f"{KEY}.chart")
    days = max(int(round(le.window(beta))), 1)
    st.caption(t(f"lesson.{KEY}.numbers", lang, raw=f"{raw[0]:.3g}", corrected=f"{corrected[0]:.3g}", days=days,
                 divisor=f"{le.weight_sum(beta, days):.3g}", late=LATE_DAY,
                 late_divisor=f"{le.weight_sum(beta, LATE_DAY):.3g}"))
    ui.explain(
        KEY,
        r"v_t = \beta\, v_{t-1} + (1-\beta)\,T_t,\quad v_0 = 0"
        r"\qquad\Longrightarrow\qquad v_t = (1-\beta)\sum_{k=0}^{t-1}\beta^k\,T_{t-k}",
        r"\hat v_t = \frac{v_t}{1-\beta^t}\qquad\text{(" + t(f"lesson.{KEY}.f.correction", lang) + r")},\qquad"
        r"\beta^{1/(1-\beta)} \approx \tfrac1e\ \Rightarrow\ \text{" + t(f"lesson.{KEY}.f.window", lang)
        + r"} \approx \frac{1}{1-\beta}",
    )
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t(f"lesson.{KEY}.window", lang), t(f"lesson.{KEY}.window.value", lang, days=f"{le.window(beta):.3g}"))
    m2.metric(t(f"lesson.{KEY}.first.data", lang), f"{series[0]:.2f} °C")
    m3.metric(t(f"lesson.{KEY}.first.raw", lang), f"{raw[0]:.2f} °C")
    m4.metric(t(f"lesson.{KEY}.first.corrected", lang), f"{corrected[0]:.2f} °C")

    # 3) the weights behind the window
    st.subheader(t(f"lesson.{KEY}.weights", lang))
    chart.figure(weights_figure(le.weights(beta), x_title=t(f"lesson.{KEY}.axis.back", lang), y_title=t(f"lesson.{KEY}.axis.weight", lang),
                                share_text=t(f"lesson.{KEY}.annot.share", lang, days="{days}", share="{share}"),
                                projector=ui.projector()), key=f"{KEY}.weights")
    st.caption(t(f"lesson.{KEY}.weights.help", lang))

    ui.try_this(KEY, st.session_state.update, args=(TRY,))
    ui.source(ewma, le.temperature_year, ewa_figure)
    ui.references("ng_dl", "kingma2015")
    # the same average inside the optimizers: momentum's "average" form, and Adam's β₁
    ui.playground_link(sc.Scene(surface="quadratic", contestants=[
        sc.Contestant("momentum", {"form": "average", "momentum": beta, "learning_rate": 0.5}),
        sc.Contestant("adam", {"b1": beta, "learning_rate": 0.1}),
    ]))


lesson()
