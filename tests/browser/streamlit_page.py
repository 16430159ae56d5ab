"""What the browser tests need to know about a Streamlit page and the Plotly charts in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Playwright is imported where it is used, so conftest loads without it
    from playwright.sync_api import Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}

RUN_TIMEOUT_MS = 120_000  # a first run on a cold JAX compile cache takes a while

# The app is idle: the script ran to its end (Streamlit writes its state on the
# app's root element), the status widget shows no "Running..." icon, and no
# element is still a grey skeleton (widgets' code loads lazily on a first visit).
_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const state = app.getAttribute('data-test-script-state');
  if (state !== 'notRunning' && state !== 'compilationError') return false;
  return !document.querySelector(
    '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"], ' +
    '[data-testid="stAppSkeleton"], [data-testid="stSkeleton"], [data-testid="stSkeletonElement"]');
}"""

# Every visible chart has drawn: Streamlit's own (its SVG; Plotly loads lazily) and the app's in-place
# charts (ui/chart.js counts each finished draw in data-revision; the Playground's also its contour layer).
_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
  .filter(c => c.offsetParent !== null)
  .every(c => { const s = c.querySelector('.js-plotly-plot svg.main-svg'); return s && s.childElementCount > 0; })
  && Array.from(document.querySelectorAll('[data-testid="lll-figure"], [data-testid="lll-chart"]'))
  .every(c => Number(c.dataset.revision) >= 1 && (c.dataset.testid !== 'lll-chart' || Number(c.dataset.backgroundRevision) >= 1))
  && !document.querySelector('[data-testid="lll-chart"][data-partial]')"""  # a first picture, the page's rest to come


def wait_until_idle(page: Page, timeout: int = RUN_TIMEOUT_MS) -> None:
    """Wait for the app's root, for the script run to finish, and for its charts to draw."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    # both at once: a chart's first picture may call for the rest of the page (a run after an idle moment)
    page.wait_for_function(f"() => ({_IDLE})() && ({_CHARTS_DRAWN})()", timeout=timeout, polling=100)


def wait_for_rerun(page: Page, timeout: int = RUN_TIMEOUT_MS) -> None:
    """After an interaction: let the rerun start (if it has not already come and gone), then wait until idle."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => !({_IDLE})()", timeout=3_000, polling=50)
    except PlaywrightTimeout:
        pass  # too fast to see, or no rerun at all: the caller checks its own result
    wait_until_idle(page, timeout)


def open_context(browser):
    """A new browser context (its own cookies, storage and so Streamlit session) and a 1400×1000 page in it."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(30_000)
    return ctx, ctx.new_page()


def open_app(page: Page, url: str, timeout: int = RUN_TIMEOUT_MS) -> None:
    """Open a page of the app and wait until its charts have drawn. Every page opens with a chart, so one must
    exist first: before the first run has mounted any, "every chart has drawn" holds of none (a loaded machine
    showed it)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="lll-figure"], [data-testid="lll-chart"]', state="attached", timeout=timeout)
    wait_until_idle(page, timeout)


def screenshot(page: Page, name: str) -> Path | None:
    """Save what the page shows to artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")
    try:
        page.screenshot(path=str(path))
    except Exception:  # a closed or crashed page: the test's own error says more
        return None
    return path


def exceptions(page: Page) -> list[str]:
    """The texts of Streamlit's exception boxes on the page."""
    return [e.inner_text()[:2000] for e in page.locator('[data-testid="stException"]').all()]


def assert_no_exception(page: Page) -> None:
    found = exceptions(page)
    assert not found, f"{len(found)} exception box(es) on {page.url}:\n\n" + "\n\n".join(found)


# --- Plotly: the graph div carries data, layout and Plotly's filled-in _fullData ----

# The Playground's chart (ui/chart.js): a root with two stacked plotly.js layers, the contour behind.
PLAYGROUND = '[data-testid="lll-chart"] .lll-fg'
PLAYGROUND_CONTOUR = '[data-testid="lll-chart"] .lll-bg'

# A chart's traces (``chart``: the index of a `.js-plotly-plot`, or a CSS selector of one): name, type, mode,
# xaxis and, for 2-D traces, x and y as plain lists, from ``_fullData`` (decoded typed arrays, frames merged in).
TRACES_JS = """(i) => {
  const gd = typeof i === 'string' ? document.querySelector(i) : document.querySelectorAll('.js-plotly-plot')[i];
  if (!gd || !gd._fullData) return [];
  const list = v => (v && v.length !== undefined && typeof v !== 'string') ? Array.from(v, Number) : null;
  return gd._fullData.map(t => {
    const flat = t.type === 'scatter' || t.type === 'scattergl';
    return {name: t.name, type: t.type, mode: t.mode || '', xaxis: t.xaxis || 'x',
            x: flat ? list(t.x) : null, y: flat ? list(t.y) : null};
  });
}"""


def traces(page: Page, chart: int | str = 0) -> list[dict]:
    """The chart's traces: name, type, mode, xaxis and, for 2-D traces, x and y as plain lists.

    ``chart``: the index of a `.js-plotly-plot` on the page, or a CSS selector of one (the Playground's
    paths are in ``PLAYGROUND``). Coordinates come from ``_fullData``, where Plotly has decoded the typed
    arrays (Plotly 7 sends them base64-encoded) and merged animation frames in.
    """
    return page.evaluate(TRACES_JS, chart)


def layout(page: Page, chart: int | str = 0) -> dict:
    """The parts of the chart's layout the tests read (axes ranges, menus, sliders)."""
    return page.evaluate(
        """(i) => {
      const gd = typeof i === 'string' ? document.querySelector(i) : document.querySelectorAll('.js-plotly-plot')[i];
      const l = (gd && gd._fullLayout) || {};
      return {xrange: l.xaxis && l.xaxis.range, yrange: l.yaxis && l.yaxis.range,
              menus: (l.updatemenus || []).map(m => (m.buttons || []).map(b => b.label)),
              slider_active: (l.sliders || []).map(s => s.active)};
    }""",
        chart,
    )


def trace(traces_: list[dict], name: str) -> dict | None:
    return next((t for t in traces_ if t["name"] == name), None)


def path_traces(traces_: list[dict]) -> list[dict]:
    """The optimizers' paths: line traces on the contour's axes (not the start, not the grid)."""
    return [t for t in traces_
            if t["type"] in ("scatter", "scattergl") and "lines" in t["mode"]
            and t["xaxis"] == "x" and t["name"] != "start"]


def signature(traces_: list[dict], extra=None) -> str:
    """A short fingerprint of what the traces show: each one's length, first and last point."""
    def ends(v):
        return None if not v else (len(v), round(v[0], 9), round(v[-1], 9))
    return json.dumps([[t["name"], ends(t["x"]), ends(t["y"])] for t in traces_] + [extra])
