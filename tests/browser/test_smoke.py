"""Smoke tests that hold for any version of the app: it loads, draws, and every page opens."""

import pytest
from streamlit_page import assert_no_exception, exceptions, open_app, screenshot, wait_until_idle

pytestmark = pytest.mark.browser


def test_landing_page_loads_and_draws(page, app_url):
    open_app(page, app_url)
    assert page.title().strip(), "the page has no title"
    assert_no_exception(page)
    # a Plotly chart drew: Streamlit made its graph div and Plotly filled its SVG
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    assert chart.locator("svg.main-svg").first.evaluate("s => s.childElementCount") > 0


def test_every_sidebar_page_opens(page, app_url):
    open_app(page, app_url)
    links = page.locator('[data-testid="stSidebarNav"] a')
    targets = [(a.inner_text().strip() or a.get_attribute("href"), a.get_attribute("href")) for a in links.all()]
    if not targets:
        pytest.skip("the app shows no sidebar navigation (a single page): the landing page test covers it")
    failures = []
    for i, (label, href) in enumerate(targets):
        # a fresh load of each page: a broken page cannot leave the next one half-run
        page.goto(href)
        wait_until_idle(page)
        screenshot(page, f"test_every_sidebar_page_opens-{i}-{label}")
        failures += [f"{label} ({href}):\n{text}" for text in exceptions(page)]
    if failures:
        pytest.fail("exception boxes on these pages:\n\n" + "\n\n".join(failures), pytrace=False)


def test_a_lessons_address_opened_first_on_a_fresh_server_shows_no_page_not_found(new_page, fresh_app_url):
    """A teacher shares /momentum; the first student to open it after a server start sees the lesson,
    without Streamlit's "Page not found" box (it came when the pages lived in a folder named pages/)."""
    page = new_page()
    page.goto(f"{fresh_app_url}/momentum")
    wait_until_idle(page)
    page.wait_for_timeout(1500)  # the box came a moment after the page
    screenshot(page, "test_a_lessons_address_opened_first_on_a_fresh_server")
    assert "not found" not in page.inner_text("body").lower()
    assert page.url.rstrip("/").endswith("/momentum")
    assert_no_exception(page)


def test_a_lessons_link_with_parameters_it_does_not_read_says_so(page, app_url):
    """A lesson reads only lang and proj from its link: the rest, and a bad language, get a notice (AppTest
    cannot open a lesson as a session's first page, so this is checked here)."""
    page.goto(f"{app_url}/ewa?lang=xx&surface=saddle&%3Cscript%3E=1")
    wait_until_idle(page)
    notices = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("unknown language 'xx'" in n for n in notices), notices
    assert any("'surface'" in n and "'<script>'" in n for n in notices), notices
    assert_no_exception(page)
