"""The frame every lesson page shares: a title and a one-sentence claim, the explanation and the
update in LaTeX folded under the figure, a "try this" prompt, the real source of the code that drew
the picture, references, and a link to the Playground.

A lesson's first screen (1400 × 950, in both languages and in projector mode) holds its title, its
claim, its main figure and that figure's one or two main controls: `header`, the controls, the
figure, then `explain` under it (tests/browser/test_first_screen.py checks the figure's place).

Texts come from the catalogue under ``lesson.<key>.*``: ``title``, ``claim`` (one sentence),
``p1`` … ``pN`` (the explanation's paragraphs, as many as exist), ``try`` (the prompt) and
``try.button``.

A section whose widgets change only that section is a fragment (``@st.fragment`` on its function): a move of its
widgets reruns that section alone. What other parts read stays in the page's whole run: a first section whose
widgets later sections or the Playground link read, and the "try this" button, which sets several sections'
widgets (where one section of controls feeds everything, the body under the header is the page's one fragment,
the button in it). A fragment's widget that other parts read anyway, or a button in one that sets other sections'
widgets, reruns the whole page (`whole_page`).
"""

from __future__ import annotations

import functools
import inspect
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lab import scene as sc
from lab.catalog import CATALOG
from lab.i18n import rule_title, t
from ui import chart

# The course's references; a lesson cites them by key.
REFERENCES = {
    "cs231n": "CS231n, Lecture 7: Training Neural Networks II, Stanford University (2017).",
    "kingma2015": "D. P. Kingma, J. Ba. Adam: A Method for Stochastic Optimization. ICLR 2015.",
    "goh2017": "G. Goh. Why Momentum Really Works. Distill (2017).",
    "goyal2017": "P. Goyal et al. Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour. arXiv:1706.02677 (2017).",
    "loshchilov2019": "I. Loshchilov, F. Hutter. Decoupled Weight Decay Regularization. ICLR 2019.",
    "pascanu2013": "R. Pascanu, T. Mikolov, Y. Bengio. On the difficulty of training recurrent neural networks. ICML 2013.",
    "duchi2011": "J. Duchi, E. Hazan, Y. Singer. Adaptive Subgradient Methods for Online Learning and Stochastic Optimization. JMLR 12 (2011).",
    "hinton2012": "G. Hinton. Neural Networks for Machine Learning, Lecture 6e: RMSProp. Coursera (2012).",
    "sutskever2013": "I. Sutskever, J. Martens, G. Dahl, G. Hinton. On the importance of initialization and momentum in deep learning. ICML 2013.",
    "bengio2013": "Y. Bengio, N. Boulanger-Lewandowski, R. Pascanu. Advances in Optimizing Recurrent Networks. ICASSP 2013.",
    "nesterov1983": "Y. Nesterov. A method of solving a convex programming problem with convergence rate O(1/k²). Soviet Mathematics Doklady 27 (1983).",
    "dauphin2014": "Y. Dauphin et al. Identifying and attacking the saddle point problem in high-dimensional non-convex optimization. NeurIPS 2014.",
    "li2018": "H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein. Visualizing the Loss Landscape of Neural Nets. NeurIPS 2018.",
    "keskar2017": "N. S. Keskar, D. Mudigere, J. Nocedal, M. Smelyanskiy, P. T. P. Tang. On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima. ICLR 2017.",
    "playground": "D. Smilkov, S. Carter. TensorFlow Playground: Tinker With a Neural Network Right Here in Your Browser (2016), playground.tensorflow.org.",
    "ng_dl": "A. Ng. Deep Learning Specialization, Course 2: Improving Deep Neural Networks (Coursera).",
}


def lang() -> str:
    return st.session_state.get("lang", "en")


def projector() -> bool:
    """The app-wide projector switch (large text and lines), owned by app.py's sidebar."""
    return bool(st.session_state.get("projector", False))


class Page:
    """A lesson's own names, so a page need not define them: ``page.k("lr")`` is its widget key
    ``<key>.lr``; ``page("caption", n=3)`` its text ``lesson.<key>.caption`` in the page's language;
    ``page.rule("sgd", stochastic=True)`` a rule's title (GD or SGD for plain steps); ``page.show(name, fig)``
    its chart keyed ``<key>.<name>``."""

    def __init__(self, key: str):
        self.key = key

    def k(self, *parts: str) -> str:
        return ".".join((self.key, *parts))

    def __call__(self, name: str, lg: str | None = None, /, **values) -> str:
        return t(f"lesson.{self.key}.{name}", lg or lang(), **values)

    def rule(self, rule: str, stochastic: bool = False, lg: str | None = None) -> str:
        return rule_title(rule, lg or lang(), stochastic=stochastic if rule == "sgd" else None)

    def show(self, name: str, fig, where=None) -> None:
        chart.figure(fig, key=self.k(name), where=where)


def header(key: str, defaults: dict | None = None) -> None:
    """The lesson's title and its claim in one sentence (``lesson.<key>.claim``): the first screen's words.
    ``defaults``: the page's widget values on a session's first visit (kept once the learner moves them)."""
    for name, value in (defaults or {}).items():
        st.session_state.setdefault(name, value)
    lg = lang()
    st.title(t(f"lesson.{key}.title", lg))
    with st.container(key="lll-claim"):  # its size: ui/style.py
        st.markdown(t(f"lesson.{key}.claim", lg))


def paragraphs(key: str) -> list[str]:
    """The explanation's paragraphs (``lesson.<key>.p1``, ``p2``, …) in the page's language."""
    lg, out, i = lang(), [], 1
    while f"lesson.{key}.p{i}" in CATALOG:
        out.append(t(f"lesson.{key}.p{i}", lg))
        i += 1
    return out


def explain(key: str, *latex: str, expanded: bool = False) -> None:
    """Under the main figure: the update rule(s) in LaTeX and the explanation, folded in an expander."""
    with st.expander(t("lesson.explain", lang()), expanded=expanded):
        formula(*latex)
        for text in paragraphs(key):
            st.markdown(text)


def formula(*latex: str) -> None:
    for line in latex:
        st.latex(line)


def whole_page(callback=None, *args) -> None:
    """A callback for a widget inside a section that is a fragment (``@st.fragment``: its moves rerun only that
    section) when the rest of the page reads its value, or when it sets other sections' widgets: ``callback(*args)``
    if given, then the whole page reruns, so nothing on it shows an old value. In a whole-page run it adds nothing."""
    if callback is not None:
        callback(*args)
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:  # only this section is about to rerun
        st.rerun()


def try_this(key: str, on_click, args=()) -> None:
    """The "try this" prompt and its one-click scene (``on_click`` sets the page's widgets)."""
    lg = lang()
    with st.container(border=True):
        st.markdown("**" + t("lesson.try", lg) + "** " + t(f"lesson.{key}.try", lg))
        st.button(t(f"lesson.{key}.try.button", lg), on_click=on_click, args=args, key=f"{key}.try")


def source(*functions) -> None:
    """The real code that drew the picture: `inspect.getsource`, so it can never drift from what ran."""
    lg = lang()
    with st.expander(t("lesson.source", lg)):
        for fn in functions:
            st.caption(f"{fn.__module__}.{fn.__qualname__}")
            st.code(_source_of(fn), language="python")


@functools.lru_cache(maxsize=128)
def _source_of(fn) -> str:
    """`inspect.getsource`, once per function (reading and tokenizing its file cost each lesson rerun about 5 ms)."""
    return inspect.getsource(fn)


def references(*keys: str) -> None:
    lg = lang()
    with st.expander(t("lesson.references", lg)):
        for k in keys:
            st.markdown(f"- {REFERENCES[k]}")


def playground_link(scene: sc.Scene) -> None:
    """Open this scene in the Playground: the scene travels in the link's query string."""
    lg = lang()
    st.link_button(t("lesson.open_playground", lg), playground_url(scene), icon=":material/landscape:")


def playground_url(scene: sc.Scene) -> str:
    """A link to the Playground showing ``scene``. The Playground is the default page, served at the app's
    root (its own path name is not a route), so the link is relative to the root: ``./?surface=...``."""
    return "./?" + urlencode(sc.to_query(sc.Scene(**{**scene.__dict__, "lang": lang()})))
