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
