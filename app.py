"""Loss Landscape Lab: the entry point. It owns the page config, the navigation and the language."""

from pathlib import Path

import optimizers  # noqa: F401  (first: sets XLA's options before any computation starts its backend)
import streamlit as st

from lab import course
from lab.i18n import LANG_NAMES, LANGS, t
from lab.scene import page_notices
from ui import style

HERE = Path(__file__).resolve().parent


def lesson_pages(lang: str) -> list:
    pages = []
    for (key, icon), path in zip(course.LESSONS, course.page_files()):
        if (HERE / path).exists():  # tests/test_app.py checks that every lesson has its page
            pages.append(st.Page(str(path), title=t(f"nav.{key}", lang), icon=icon, url_path=key))
    return pages


# the language lives in the URL (?lang=ko) and in the session, shared by every page
if "lang" not in st.session_state:
    # a session's first run: its link, to say on the page what it carries that the page cannot use
    st.session_state["link"] = st.query_params.to_dict()
    wanted = st.query_params.get("lang", "en")
    st.session_state["lang"] = wanted if wanted in LANGS else "en"
lang = st.session_state["lang"]
# projector mode (large text and lines on every page) likewise: ?proj=1. The setting lives under its own
# key, which the switch only mirrors, so it survives pages on which Streamlit forgets widget states.
if "projector" not in st.session_state:
    st.session_state["projector"] = st.query_params.get("proj") in ("1", "true", "True")
st.session_state["projector_switch"] = st.session_state["projector"]
# the browser tab's title in the page's language; icons from Streamlit's own font (no emoji font needed)
st.set_page_config(page_title=t("app.title", lang), page_icon=":material/landscape:", layout="wide")
style.apply(st.session_state["projector"])


def _projector_switched() -> None:
    st.session_state["projector"] = st.session_state["projector_switch"]


playground = st.Page("views/playground.py", title=t("nav.playground", lang), icon=":material/landscape:", default=True, url_path="playground")
nav = st.navigation({t("app.title", lang): [playground], t("nav.lessons", lang): lesson_pages(lang)})
with st.sidebar:
    st.radio(t("app.language", lang), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True)
    st.toggle(t("app.projector", lang), key="projector_switch", on_change=_projector_switched)
for name, value in (("lang", lang if lang != "en" else None), ("proj", "1" if st.session_state["projector"] else None)):
    if value is not None:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]
# the Playground reads the rest of its link itself and says what it dropped
for notice in page_notices(st.session_state.pop("link", {}), lesson=nav is not playground):
    st.warning(t("pg.notice", lang) + " " + notice, icon=":material/warning:")
nav.run()
