"""Loss Landscape Lab: the entry point. It owns the page config, the navigation and the language."""

from pathlib import Path

import optimizers  # noqa: F401  (first: sets XLA's options before any computation starts its backend)
import streamlit as st

from lab.i18n import LANG_NAMES, LANGS, t

HERE = Path(__file__).resolve().parent
# The lessons, in the order of the course notes: (key, icon). Page file: pages/lesson_<n>_<key>.py,
# navigation title: the catalogue's nav.<key>.
LESSONS = (
    ("gradient_descent", "📉"),
    ("batches", "🎲"),
    ("momentum", "🏃"),
    ("adaptive", "📐"),
    ("ewa", "〰️"),
    ("schedules", "📅"),
    ("decay_clipping", "✂️"),
    ("saddles", "🐴"),
    ("sweep", "🗺️"),
)


def lesson_pages(lang: str) -> list:
    pages = []
    for n, (key, icon) in enumerate(LESSONS, start=1):
        path = Path("pages") / f"lesson_{n}_{key}.py"
        if (HERE / path).exists():  # tests/test_app.py checks that every lesson has its page
            pages.append(st.Page(str(path), title=t(f"nav.{key}", lang), icon=icon, url_path=key))
    return pages


st.set_page_config(page_title="Loss Landscape Lab", page_icon="⛰️", layout="wide")

# the language lives in the URL (?lang=ko) and in the session, shared by every page
if "lang" not in st.session_state:
    wanted = st.query_params.get("lang", "en")
    st.session_state["lang"] = wanted if wanted in LANGS else "en"
lang = st.session_state["lang"]

playground = st.Page("pages/playground.py", title=t("nav.playground", lang), icon="⛰️", default=True, url_path="playground")
nav = st.navigation({t("app.title", lang): [playground], t("nav.lessons", lang): lesson_pages(lang)})
with st.sidebar:
    st.radio(t("app.language", lang), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True)
if lang != "en":
    st.query_params["lang"] = lang
elif "lang" in st.query_params:
    del st.query_params["lang"]
nav.run()
