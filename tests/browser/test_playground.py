"""The Playground in a real browser: its chart updates in place, the animation plays and scrubs,
a click on the contour moves the start and lands in the URL, the contour survives the animation,
the PNG export holds the contour, the 3-D view draws, and a URL reproduces the view.

The page's contract with these tests (ui/chart.js):
- the chart is `[data-testid="lll-chart"]`: a background plotly.js layer `.lll-bg` (the contour) under
  a foreground `.lll-fg` (paths, landmarks, panels); `data-revision` counts finished foreground draws,
  `data-background-revision` contour draws, `data-frame` is the animation's frame;
- the start point is a trace named "start" in the foreground; the paths are its line traces on the contour's axes;
- under the chart: a play button `.lll-play`, a step scrubber `.lll-scrub`, a PNG button `.lll-png`.
"""

import time
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit_page import (
    PLAYGROUND,
    PLAYGROUND_CONTOUR,
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
ROOT = '[data-testid="lll-chart"]'


@pytest.fixture(scope="module")
def playground_page(browser, app_url):
    """One Playground page for the module's tests (a page load costs seconds): each test
    checks the change it makes against the state it finds."""
    ctx, page = open_context(browser)
    try:
        open_app(page, app_url)
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
        page.wait_for_timeout(100)
    pytest.fail(f"{what.__name__}: nothing changed within {CHANGE_TIMEOUT_S} s", pytrace=False)


def _paths_signature(page) -> str:
    return signature(path_traces(traces(page, PLAYGROUND)))


def _start(page) -> tuple[float, float]:
    s = trace(traces(page, PLAYGROUND), "start")
    return s["x"][0], s["y"][0]


def _dataset(page) -> dict:
    return page.evaluate(f"() => ({{...document.querySelector('{ROOT}').dataset}})")


def _frame(page) -> str:
    return _dataset(page).get("frame")


def _mark_nodes(page) -> None:
    """Tag the chart's DOM nodes: a remount would replace them with untagged ones."""
    page.evaluate(f"""() => {{ for (const s of ['{ROOT}', '{PLAYGROUND}', '{PLAYGROUND_CONTOUR}'])
                                 document.querySelector(s).__lllProbe = true; }}""")


def _nodes_kept(page) -> bool:
    return page.evaluate(f"""() => ['{ROOT}', '{PLAYGROUND}', '{PLAYGROUND_CONTOUR}']
                               .every(s => document.querySelector(s)?.__lllProbe === true)""")


def _contour_drawn(page) -> int:
    """How many contour lines the background layer shows."""
    return page.evaluate(f"() => document.querySelectorAll('{PLAYGROUND_CONTOUR} .contourlayer path').length")


def _learning_rate_slider(page):
    return page.locator('[data-testid="stSlider"]', has_text="Learning rate").first.locator(
        '[role="slider"], input[type="range"]').first


def test_learning_rate_slider_updates_the_chart_in_place(playground):
    page = playground
    slider = _learning_rate_slider(page)
    value = slider.get_attribute("aria-valuetext")
    before, revision, contour = _paths_signature(page), _dataset(page)["revision"], _dataset(page)["backgroundRevision"]
    _mark_nodes(page)

    slider.focus()
    slider.press("ArrowRight")  # one step up, as a keyboard user would
    wait_for_rerun(page)
    _wait_for_change(page, before, _paths_signature)

    assert slider.get_attribute("aria-valuetext") != value
    assert _dataset(page)["revision"] != revision
    assert _nodes_kept(page), "the chart was mounted anew instead of updated in place"
    assert _dataset(page)["backgroundRevision"] == contour, "the contour was redrawn for an optimizer's setting"
    assert_no_exception(page)


def test_play_advances_and_the_contour_survives(playground):
    page = playground
    lines = _contour_drawn(page)
    assert lines > 0, "the background layer draws the contour"
    before = _frame(page)
    page.locator(f"{ROOT} .lll-play").click()
    try:
        _wait_for_change(page, before, _frame)
        page.wait_for_timeout(500)  # a few frames
        assert _contour_drawn(page) == lines, "the animation erased contour lines"
    finally:
        if "Pause" in page.locator(f"{ROOT} .lll-play").inner_text():
            page.locator(f"{ROOT} .lll-play").click()
    # the moving markers moved: the trail's positions are those of a later step
    assert_no_exception(page)


def test_scrubber_moves_the_markers_to_that_step(playground):
    page = playground
    scrub = page.locator(f"{ROOT} .lll-scrub")
    target = int(scrub.get_attribute("max")) // 2
    target -= _frame(page) == str(target)
    # as a drag does: the range input's value changes and it fires "input"
    scrub.evaluate("(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }", target)
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.frame === '{target}'")
    now = trace(traces(page, PLAYGROUND), "now")  # the trail on the contour: its last point is the current one
    paths = [t for t in path_traces(traces(page, PLAYGROUND)) if not t["name"].endswith("(casing)")]
    step = int(page.locator(f"{ROOT} .lll-step").inner_text().split(":")[-1])
    trail = len(now["x"]) // len(paths)
    first = paths[0]
    assert now["x"][trail - 1] == pytest.approx(first["x"][step], rel=1e-6)
    assert now["y"][trail - 1] == pytest.approx(first["y"][step], rel=1e-6)


def _click_target(page) -> tuple[tuple[float, float], tuple[float, float]]:
    """A point of the contour away from the current start: its data and its page coordinates."""
    lay = layout(page, PLAYGROUND)
    (x0, x1), (y0, y1) = lay["xrange"], lay["yrange"]
    sx, sy = _start(page)
    candidates = [(x0 + 0.75 * (x1 - x0), y0 + 0.25 * (y1 - y0)), (x0 + 0.25 * (x1 - x0), y0 + 0.75 * (y1 - y0))]
    tx, ty = max(candidates, key=lambda c: (c[0] - sx) ** 2 + (c[1] - sy) ** 2)
    area = page.locator(f'{PLAYGROUND} .nsewdrag[data-subplot="xy"]').first
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    px = box["x"] + (tx - x0) / (x1 - x0) * box["width"]
    py = box["y"] + (y1 - ty) / (y1 - y0) * box["height"]  # the y axis points up
    return (tx, ty), (px, py)


def _click_contour(page) -> tuple[float, float]:
    before = _start(page)
    (tx, ty), (px, py) = _click_target(page)
    page.mouse.click(px, py)
    wait_for_rerun(page)
    _wait_for_change(page, before, _start)
    return tx, ty


def test_click_on_contour_moves_the_start_and_the_url(playground):
    page = playground
    tx, ty = _click_contour(page)
    (x0, x1), (y0, y1) = layout(page, PLAYGROUND)["xrange"], layout(page, PLAYGROUND)["yrange"]
    sx, sy = _start(page)
    assert abs(sx - tx) <= 0.02 * abs(x1 - x0) and abs(sy - ty) <= 0.02 * abs(y1 - y0), (
        f"clicked at ({tx:.3g}, {ty:.3g}) but the start is at ({sx:.3g}, {sy:.3g})")
    _wait_for_change(page, "", lambda p: parse_qs(urlparse(p.url).query).get("x0", [""])[0])
    query = parse_qs(urlparse(page.url).query)
    assert float(query["x0"][0]) == pytest.approx(sx, abs=1e-3 * abs(x1 - x0))
    assert float(query["y0"][0]) == pytest.approx(sy, abs=1e-3 * abs(y1 - y0))
    # the sidebar's start boxes show it too
    x_box = page.locator('[data-testid="stNumberInput"]', has_text="x₀").locator("input").first
    assert float(x_box.input_value()) == pytest.approx(sx, abs=1e-3 * abs(x1 - x0))
    assert_no_exception(page)


def test_png_export_holds_the_contour_and_the_paths(playground):
    page = playground
    with page.expect_download() as got:
        page.locator(f"{ROOT} .lll-png").click()
    download = got.value
    assert download.suggested_filename.endswith(".png")
    # read the exported picture back in the page: inside the contour's plot area, away from the paths,
    # a pixel has the contour's colour (the foreground alone is transparent there, and the export's
    # canvas starts white)
    probe = page.evaluate(f"""async () => {{
      const gd = document.querySelector('{PLAYGROUND}'), L = gd._fullLayout;
      const url = document.querySelector('{ROOT}').__lll.lastPng;
      const img = new Image(); await new Promise(r => {{ img.onload = r; img.src = url; }});
      const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const s = img.width / L.width;
      const at = (fx, fy) => Array.from(ctx.getImageData(Math.round(s * (L.xaxis._offset + fx * L.xaxis._length)),
                                                          Math.round(s * (L.yaxis._offset + fy * L.yaxis._length)), 1, 1).data);
      return {{corner: at(0.97, 0.03), middle: at(0.5, 0.5), size: [img.width, img.height]}};
    }}""")
    r, g, b, _ = probe["corner"]
    assert (r, g, b) != (255, 255, 255), f"the exported PNG has no contour colour in the plot's corner: {probe}"
    assert probe["size"][0] > 800


def test_3d_switch_draws_a_surface(playground):
    page = playground
    page.get_by_text("Show the 3-D surface").first.click()
    wait_for_rerun(page)
    page.wait_for_function(f"() => document.querySelector('{PLAYGROUND}')?._fullLayout?.scene !== undefined",
                           timeout=60_000)
    types = {t["type"] for t in traces(page, PLAYGROUND)}
    assert "surface" in types and "scatter3d" in types
    screenshot(page, "test_3d_switch_draws_a_surface-3d")
    page.get_by_text("Show the 3-D surface").first.click()  # back to 2-D for the tests after this one
    wait_for_rerun(page)
    page.wait_for_function(f"() => document.querySelector('{PLAYGROUND}')?._fullLayout?.scene === undefined",
                           timeout=60_000)
    assert_no_exception(page)


def test_url_reproduces_the_view_in_a_new_context(playground, new_page):
    page = playground
    url_before = page.url
    _click_contour(page)
    _wait_for_change(page, url_before, lambda p: p.url)
    url = page.url
    start, names = _start(page), [t["name"] for t in path_traces(traces(page, PLAYGROUND))]

    # a new context has no cookies and no Streamlit session: only the URL carries the view
    other = new_page()
    open_app(other, url)
    screenshot(other, "test_url_reproduces_the_view_in_a_new_context-new-context")
    assert_no_exception(other)
    (x0, x1), (y0, y1) = layout(other, PLAYGROUND)["xrange"], layout(other, PLAYGROUND)["yrange"]
    ox, oy = _start(other)
    assert ox == pytest.approx(start[0], abs=1e-3 * abs(x1 - x0))
    assert oy == pytest.approx(start[1], abs=1e-3 * abs(y1 - y0))
    # the paths' names carry each optimizer's settings (the changed learning rate among them)
    assert [t["name"] for t in path_traces(traces(other, PLAYGROUND))] == names


def test_the_picture_comes_first_and_the_controls_follow(new_page, app_url):
    """A fresh session: the chart is drawn before the page's other controls exist, then they come by themselves
    (the chart calls for them), and the chart stays the same node."""
    page = new_page()
    page.add_init_script("""document.addEventListener("lll:drawn", (e) => {
      window.__lllFirst ??= { sliders: document.querySelectorAll('[data-testid="stSlider"]').length, node: e.target };
    }, true);""")
    page.goto(app_url)
    page.wait_for_function("() => window.__lllFirst", timeout=60_000)  # the first picture (idle may come before it)
    wait_until_idle(page)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSlider\"]').length >= 3", timeout=60_000)
    first = page.evaluate("() => window.__lllFirst.sliders")
    assert first == 0  # the first picture came alone
    # then the race's sliders under the chart and the scene's in the sidebar, without a touch
    assert page.locator('[data-testid="stSlider"]').count() >= 3
    assert page.locator('section[data-testid="stSidebar"] [data-testid="stSlider"]').count() >= 1
    assert page.evaluate(f"() => window.__lllFirst.node === document.querySelector('{ROOT}')")
    assert_no_exception(page)


def test_a_link_with_bad_values_says_what_it_changed_once_the_whole_page_is_up(new_page, app_url):
    """A shared link with a value out of range and an unknown optimizer: the page draws the view it can and says
    what it changed, and the notice stays after the rest of the page has come (the first picture's run is
    followed by a whole run)."""
    page = new_page()
    open_app(page, app_url + "/?steps=99999&o1=nosuchrule")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSlider\"]').length >= 3", timeout=60_000)
    wait_until_idle(page)
    text = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "steps" in text and "2000" in text, text
    assert "nosuchrule" in text, text
    assert_no_exception(page)


def test_a_chart_that_cannot_draw_says_so(new_page, app_url):
    """No plotly.js (a blocked or broken download): the chart's place says what went wrong, no blank box."""
    page = new_page()
    page.route("**/plotly-cartesian-*.js", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(app_url)
    page.wait_for_function(f"() => document.querySelector('{ROOT}')?.dataset.error", timeout=60_000)
    note = page.locator(f"{ROOT} .lll-loading").inner_text()
    assert note.startswith("The chart could not be drawn") and "plotly-cartesian" in note
    assert_no_exception(page)
