"""Lesson charts in a real browser: a slider updates them in place, and a click on the sweep map selects a cell.

Contract (ui/chart.js): each lesson chart is `.lll-figure` (a plotly.js graph div), whose `data-revision`
counts finished draws.
"""

import pytest
from streamlit_page import assert_no_exception, open_app, trace, wait_for_rerun

pytestmark = pytest.mark.browser


def _open_lesson(page, app_url, path: str) -> None:
    """Through the sidebar, as a learner does (a lesson's address opened directly may show Streamlit's
    "Page not found" box on a fresh server: see the README's known issues)."""
    open_app(page, app_url)
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    page.wait_for_url(f"**/{path}*")
    wait_for_rerun(page)


def _revisions(page) -> list[int]:
    return page.evaluate("() => [...document.querySelectorAll('.lll-figure')].map(g => Number(g.dataset.revision))")


def test_a_lesson_slider_updates_its_charts_in_place(page, app_url):
    _open_lesson(page, app_url, "momentum")
    page.evaluate("() => document.querySelectorAll('.lll-figure').forEach(g => { g.__lllProbe = true; })")
    before = _revisions(page)
    slider = page.locator('[data-testid="stSlider"]', has_text="Momentum β").first.locator(
        '[role="slider"], input[type="range"]').first
    slider.focus()
    slider.press("ArrowLeft")
    wait_for_rerun(page)
    page.wait_for_function("(b) => [...document.querySelectorAll('.lll-figure')].some((g, i) => Number(g.dataset.revision) > b[i])",
                           arg=before, timeout=30_000)
    kept = page.evaluate("() => [...document.querySelectorAll('.lll-figure')].map(g => g.__lllProbe === true)")
    assert kept and all(kept), "a lesson chart was mounted anew instead of updated in place"
    assert_no_exception(page)


def _figure_traces(page, i: int) -> list[dict]:
    return page.evaluate("""(i) => (document.querySelectorAll('.lll-figure')[i]._fullData || []).map(t => ({
      name: t.name, x: t.x ? Array.from(t.x, Number) : null, y: t.y ? Array.from(t.y, Number) : null}))""", i)


def test_a_click_on_the_sweep_map_selects_that_cell(page, app_url):
    _open_lesson(page, app_url, "sweep")
    charts = page.locator(".lll-figure")
    index = next(i for i in range(charts.count()) if trace(_figure_traces(page, i), "sweep-cells") is not None)
    charts.nth(index).scroll_into_view_if_needed()
    assert trace(_figure_traces(page, index), "selected cell") is None
    cells = trace(_figure_traces(page, index), "sweep-cells")
    k = len(cells["x"]) // 3  # some cell away from the corners
    # where that cell's centre is on screen, from the graph's own axes
    px, py = page.evaluate("""([i, x, y]) => {
      const gd = document.querySelectorAll('.lll-figure')[i], L = gd._fullLayout;
      const r = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
      return [r.left + L.xaxis.d2p(x), r.top + L.yaxis.d2p(y)];
    }""", [index, cells["x"][k], cells["y"][k]])
    page.mouse.click(px, py)
    wait_for_rerun(page)
    page.wait_for_function(
        "(i) => (document.querySelectorAll('.lll-figure')[i]._fullData || []).some(t => t.name === 'selected cell')",
        arg=index, timeout=30_000)
    assert_no_exception(page)


def _move_slider(page, label: str, key: str, chart: int) -> tuple[list[int], list[int]]:
    """Press ``key`` on the slider labelled ``label``; wait until chart number ``chart`` has drawn again. Returns the
    charts' draw counts before and after."""
    box = page.locator('[data-testid="stSlider"]', has_text=label).first
    box.scroll_into_view_if_needed()
    before = _revisions(page)
    slider = box.locator('[role="slider"], input[type="range"]').first
    slider.focus()
    slider.press(key)
    wait_for_rerun(page)
    page.wait_for_function("([b, i]) => Number(document.querySelectorAll('.lll-figure')[i].dataset.revision) > b[i]",
                           arg=[before, chart], timeout=30_000)
    return before, _revisions(page)


def test_a_lesson_section_reruns_alone_and_a_shared_slider_reruns_the_page(page, app_url):
    """Lesson 8 (charts: the race's two, growth, the adaptive rules' two, the plateau's two, basins, well, counts):
    the well radius belongs to the plateau section alone, a fragment, so only its two charts draw again; the race's
    η is read by the growth section too, so the whole page reruns, the growth chart with it, on the same lesson."""
    _open_lesson(page, app_url, "saddles")
    before, after = _move_slider(page, "Well radius w", "ArrowLeft", 5)
    assert [i for i, (b, a) in enumerate(zip(before, after)) if a > b] in ([5, 6], [5])
    before, after = _move_slider(page, "Learning rate η (all four)", "ArrowRight", 2)
    assert page.url.split("?")[0].endswith("/saddles")
    assert page.locator("h1").first.inner_text().startswith("Saddle points")
    assert after[0] > before[0]  # the race moved with η too
    # a whole run: the charts whose figures did not change are not drawn again
    assert {i for i, (b, a) in enumerate(zip(before, after)) if a > b} <= {0, 1, 2}, (before, after)
    assert_no_exception(page)
