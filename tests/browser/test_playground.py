"""The Playground in a real browser: its controls move the figure, the animation plays,
a click on the contour moves the start, and its URL reproduces the view.

The page's contract with these tests:
- the main chart is the first `.js-plotly-plot` on the page, its first subplot the contour;
- the start point is a trace named "start" in it; the optimizers' paths are line traces on the contour's axes;
- optimizer 1's learning rate is the first slider whose label starts with "Learning rate";
- the animation's play button is a Plotly updatemenu button "▶ Play";
- a click in the contour moves the start there; the URL's query string keeps the view.
Until a page keeps this contract (no trace "start" anywhere), the tests skip.
"""

import time

import pytest
from streamlit_page import (
    assert_no_exception,
    layout,
    open_app,
    open_context,
    path_traces,
    screenshot,
    signature,
    trace,
    traces,
    wait_for_rerun,
    wait_until_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.playground]

CHANGE_TIMEOUT_S = 60


def _has_start(page) -> bool:
    return trace(traces(page), "start") is not None


@pytest.fixture(scope="module")
def playground_page(browser, app_url):
    """One Playground page for the module's tests (a page load costs seconds): each test
    checks the change it makes against the state it finds. Skips while there is no such page."""
    ctx, page = open_context(browser)
    try:
        open_app(page, app_url)
        if not _has_start(page):
            link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Playground")
            if link.count():
                page.goto(link.first.get_attribute("href"))
                wait_until_idle(page)
        if not _has_start(page):
            pytest.skip("no Playground page yet: no chart with a trace named 'start' on the landing page "
                        "or on a sidebar page called 'Playground'")
        yield page
    finally:
        ctx.close()


@pytest.fixture
def playground(playground_page, screenshot_at_end):
    page = screenshot_at_end(playground_page)
    wait_until_idle(page)
    assert_no_exception(page)
    return page


def _wait_for_change(page, before, what) -> None:
    """Poll until what(page) differs from before (a rerun or the animation takes its time)."""
    end = time.monotonic() + CHANGE_TIMEOUT_S
    while time.monotonic() < end:
        if what(page) != before:
            return
        page.wait_for_timeout(200)
    pytest.fail(f"{what.__name__}: nothing changed within {CHANGE_TIMEOUT_S} s", pytrace=False)


def _paths_signature(page) -> str:
    return signature(path_traces(traces(page)))


def _start(page) -> tuple[float, float]:
    s = trace(traces(page), "start")
    return s["x"][0], s["y"][0]


def _url(page) -> str:
    return page.url


def _learning_rate_slider(page):
    slider = page.locator('[role="slider"][aria-label^="Learning rate"], input[type="range"][aria-label^="Learning rate"]')
    if not slider.count():
        pytest.skip("the Playground has no slider labelled 'Learning rate…' yet")
    return slider.first


def test_learning_rate_slider_moves_the_figure(playground):
    page = playground
    slider = _learning_rate_slider(page)
    value = slider.get_attribute("aria-valuetext")
    before = _paths_signature(page)

    slider.focus()
    slider.press("ArrowRight")  # one step up, as a keyboard user would
    wait_for_rerun(page)
    _wait_for_change(page, before, _paths_signature)

    assert slider.get_attribute("aria-valuetext") != value
    assert_no_exception(page)


def test_play_advances_the_animation(playground):
    page = playground
    menus = layout(page)["menus"]
    if not any("▶ Play" in labels for labels in menus):
        pytest.skip(f"the main chart has no '▶ Play' button yet (menus: {menus})")

    def frame(p) -> str:  # the animated traces and the step slider's position
        return signature(traces(p), layout(p)["slider_active"])

    before = frame(page)
    buttons = page.locator(".js-plotly-plot").first.locator(".updatemenu-button")
    buttons.first.scroll_into_view_if_needed()
    buttons.filter(has_text="▶ Play").first.click()
    try:
        _wait_for_change(page, before, frame)
    finally:  # stop it: a running animation keeps the browser busy for the next tests
        pause = buttons.filter(has_text="Pause")
        if pause.count():  # a plain DOM click: Playwright's click would wait for the animation to settle
            pause.first.dispatch_event("click")
    assert_no_exception(page)


def _click_target(page) -> tuple[tuple[float, float], tuple[float, float]]:
    """A point of the contour away from the current start: its data and its page coordinates."""
    lay = layout(page)
    (x0, x1), (y0, y1) = lay["xrange"], lay["yrange"]
    sx, sy = _start(page)
    # a quarter in from opposite corners: pick the one farther from the start
    candidates = [(x0 + 0.75 * (x1 - x0), y0 + 0.25 * (y1 - y0)), (x0 + 0.25 * (x1 - x0), y0 + 0.75 * (y1 - y0))]
    tx, ty = max(candidates, key=lambda c: (c[0] - sx) ** 2 + (c[1] - sy) ** 2)

    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    area = chart.locator('.nsewdrag[data-subplot="xy"]')
    if not area.count():
        area = chart.locator(".nsewdrag")
    box = area.first.bounding_box()
    px = box["x"] + (tx - x0) / (x1 - x0) * box["width"]
    py = box["y"] + (y1 - ty) / (y1 - y0) * box["height"]  # the y axis points up
    return (tx, ty), (px, py)


def _click_contour(page) -> tuple[float, float]:
    """Click the contour at a point away from the start and wait for the start to move; the point clicked."""
    before = _start(page)
    (tx, ty), (px, py) = _click_target(page)
    page.mouse.click(px, py)
    wait_for_rerun(page)
    _wait_for_change(page, before, _start)
    return tx, ty


def test_click_on_contour_moves_the_start(playground):
    page = playground
    tx, ty = _click_contour(page)
    (x0, x1), (y0, y1) = layout(page)["xrange"], layout(page)["yrange"]
    sx, sy = _start(page)
    # the page may snap the click to its grid: near the point clicked is enough
    assert abs(sx - tx) <= 0.1 * abs(x1 - x0) and abs(sy - ty) <= 0.1 * abs(y1 - y0), (
        f"clicked near ({tx:.3g}, {ty:.3g}) but the start is at ({sx:.3g}, {sy:.3g})")
    assert_no_exception(page)


def test_url_reproduces_the_view_in_a_new_context(playground, new_page):
    page = playground
    url_before = page.url
    # change the view (the earlier tests' changes, run in order, are in it too)
    _click_contour(page)
    _wait_for_change(page, url_before, _url)
    url = page.url
    start, n_paths = _start(page), len(path_traces(traces(page)))

    # a new context has no cookies and no Streamlit session: only the URL carries the view
    other = new_page()
    open_app(other, url)
    screenshot(other, "test_url_reproduces_the_view_in_a_new_context-new-context")
    assert_no_exception(other)
    (x0, x1), (y0, y1) = layout(other)["xrange"], layout(other)["yrange"]
    ox, oy = _start(other)
    # the URL may round the start to a few digits
    assert ox == pytest.approx(start[0], abs=1e-3 * abs(x1 - x0))
    assert oy == pytest.approx(start[1], abs=1e-3 * abs(y1 - y0))
    assert len(path_traces(traces(other))) == n_paths
    # the paths' names carry each optimizer's settings (the changed learning rate among them)
    assert [t["name"] for t in path_traces(traces(other))] == [t["name"] for t in path_traces(traces(page))]
