"""Lesson 10 in a real browser: the landscape's play button runs its frames, moving a marker per run along its
path and along its loss curve together, without mounting the chart anew."""

import pytest
from streamlit_page import assert_no_exception, open_app, wait_for_rerun

pytestmark = pytest.mark.browser

LANDSCAPE = """() => [...document.querySelectorAll('.lll-figure')].find(g => (g.layout?.sliders || []).length > 0)"""


def test_play_moves_the_markers_along_the_paths_and_the_curves(page, app_url):
    open_app(page, app_url)
    page.locator('[data-testid="stSidebarNav"] a[href$="/network"]').first.click()
    page.wait_for_url("**/network*")
    wait_for_rerun(page)
    page.wait_for_function(f"() => ({LANDSCAPE})()?._transitionData?._frames?.length > 1", timeout=60_000)
    page.evaluate(f"""() => {{ const g = ({LANDSCAPE})(); g.__probe = true; g.__frames = [];
      g.on('plotly_animatingframe', e => g.__frames.push(e.name)); }}""")
    start = page.evaluate(f"() => ({LANDSCAPE})()._fullData.filter(t => t.mode === 'markers').map(t => [t.x[0], t.y[0]])")
    play = page.locator(".lll-figure .updatemenu-button").first
    play.scroll_into_view_if_needed()
    play.click()
    page.wait_for_function(f"() => ({LANDSCAPE})().__frames.length >= 5", timeout=30_000)
    moved = page.evaluate(f"() => ({LANDSCAPE})()._fullData.filter(t => t.mode === 'markers').map(t => [t.x[0], t.y[0]])")
    assert len(moved) == len(start) >= 2 and moved != start, "the markers did not move"
    assert page.evaluate(f"() => ({LANDSCAPE})().__probe === true"), "the chart was mounted anew"
    assert_no_exception(page)
