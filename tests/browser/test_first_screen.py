"""Every page makes its point on the first screen: at 1400×950, in both languages and in projector
mode, the page's first chart starts high enough on the window that most of it is seen without
scrolling (the title, a one-sentence claim and one row of controls above it, nothing more).
"""

import sys
from pathlib import Path

import pytest
from streamlit_page import assert_no_exception, open_app, screenshot, wait_for_rerun

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from apptest import lesson_keys  # noqa: E402

pytestmark = pytest.mark.browser

WINDOW = {"width": 1400, "height": 950}
# the first chart's top edge, at most (px from the top of the window)
MAX_TOP = {False: 500, True: 560}
PAGES = ("playground", *lesson_keys())
FIRST_CHART = "() => { const c = document.querySelector('.lll-figure, [data-testid=\"lll-chart\"]'); " \
              "return c ? c.getBoundingClientRect().top : null; }"


@pytest.fixture(scope="module", params=[("en", False), ("ko", False), ("en", True), ("ko", True)],
                ids=["en", "ko", "en-projector", "ko-projector"])
def session(request, browser, app_url):
    """One browser session per language and projector setting; the pages are opened through the sidebar."""
    lang, projector = request.param
    ctx = browser.new_context(viewport=WINDOW)
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    query = "&".join(q for q in (f"lang={lang}" if lang != "en" else "", "proj=1" if projector else "") if q)
    open_app(page, app_url + ("/?" + query if query else "/"))
    yield page, lang, projector
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_first_chart_is_on_the_first_screen(session, path):
    page, lang, projector = session
    if path != "playground":
        page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
        page.wait_for_url(f"**/{path}*")
    else:
        page.locator('[data-testid="stSidebarNav"] a').first.click()
    wait_for_rerun(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    top = page.evaluate(FIRST_CHART)
    screenshot(page, f"first-screen-{path}-{lang}{'-projector' if projector else ''}")
    assert_no_exception(page)
    assert top is not None, f"{path}: no chart on the page"
    assert top <= MAX_TOP[projector], f"{path} ({lang}{', projector' if projector else ''}): the first chart starts at {top:.0f} px"


def test_the_browser_tab_is_titled_in_the_pages_language(session):
    from lab.i18n import t

    page, lang, _ = session
    assert page.title() == t("app.title", lang)
