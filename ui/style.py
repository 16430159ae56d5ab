"""The app's own CSS, in one place: a lesson's claim, and projector mode's larger text.

Projector mode (``?proj=1``, the sidebar's switch) enlarges text as well as figures, for the back
row of a lecture hall: headings, body text, captions, control labels and values, metrics, tables.
Figures enlarge themselves (`figures.look`).
"""

from __future__ import annotations

import streamlit as st

BASE = """
.st-key-lll-claim p { font-size: 1.3rem; line-height: 1.45; font-weight: 600; margin-bottom: 0; }
"""

PROJECTOR = """
.stMain h1 { font-size: 3.2rem; }
.stMain h2 { font-size: 2.4rem; }
.stMain h3 { font-size: 2rem; }
.stMain [data-testid="stMarkdownContainer"] p, .stMain [data-testid="stMarkdownContainer"] li,
.stMain [data-testid="stMarkdownContainer"] td, .stMain [data-testid="stMarkdownContainer"] th { font-size: 1.35rem; }
.st-key-lll-claim p { font-size: 1.7rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1.2rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.3rem; }
[data-testid="stSliderThumbValue"], [data-testid="stTickBarMin"], [data-testid="stTickBarMax"] { font-size: 1.2rem; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
[data-testid="stExpander"] summary p { font-size: 1.3rem; }
.stButton button p, .stLinkButton a p { font-size: 1.2rem; }
.lll-controls { font-size: 1.2rem; }
"""


def apply(projector: bool) -> None:
    """The CSS for this run (an element without a place on the page)."""
    st.html(f"<style>{BASE}{PROJECTOR if projector else ''}</style>")
