"""Browser tests: the real app in Debian's Chromium, driven by Playwright.

One Streamlit server and one browser serve the whole session (a fresh context,
i.e. fresh cookies and storage, per test), so the suite stays fast.

Environment:
  LLL_APP_URL           test an app that already runs there (the Docker smoke test)
  LLL_APP_FILE          start this Streamlit script instead of the repo's app.py
  LLL_REQUIRE_BROWSER=1 a missing Chromium fails the suite instead of skipping it (CI)
  LLL_CHROMIUM          the browser binary (default /usr/bin/chromium)

Every test leaves a screenshot in artifacts/screenshots/<test-name>.png; a failing
test's screenshot is taken at the failure and named in its report.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit_page import SCREENSHOTS, open_context, screenshot

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = os.environ.get("LLL_CHROMIUM", "/usr/bin/chromium")
# Chromium as root in a container, with no network but loopback: without the
# background-networking flags it keeps trying (and failing) to reach Google.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HEALTH_TIMEOUT_S = 60


def _required() -> bool:
    return os.environ.get("LLL_REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session", autouse=True)
def _browser_available():
    """Skip the browser suite where there is no browser, unless it is required (CI)."""
    problem = None
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        problem = f"no Chromium at {CHROMIUM} (bin/setup installs Debian's chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright is not installed (bin/setup installs requirements-dev.txt)"
    if problem and _required():
        pytest.fail(f"LLL_REQUIRE_BROWSER is set but {problem}", pytrace=False)
    if problem:
        pytest.skip(f"browser tests skipped: {problem}")


# --- the app under test --------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def _wait_healthy(url: str, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if _healthy(url):
            return
        if proc is not None and proc.poll() is not None:
            break  # the server died: no use waiting
        time.sleep(0.2)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:]) if log and log.exists() else ""
    pytest.fail(f"the app at {url} did not become healthy within {HEALTH_TIMEOUT_S} s\n{tail}", pytrace=False)


@pytest.fixture(scope="session")
def app_url():
    """The app's base URL: LLL_APP_URL, or a Streamlit server started here for the session."""
    given = os.environ.get("LLL_APP_URL")
    if given:
        url = given.rstrip("/")
        _wait_healthy(url)
        yield url
        return

    with _server("streamlit.log") as url:
        yield url


@pytest.fixture
def fresh_app_url():
    """A server of its own, started for this test: its first browser session is the test's."""
    if os.environ.get("LLL_APP_URL"):
        pytest.skip("LLL_APP_URL points at a running app: no fresh server to start")
    with _server("streamlit-fresh.log") as url:
        yield url


@contextlib.contextmanager
def _server(log_name: str):
    """Start the app (LLL_APP_FILE, or app.py) on a free port, wait for health, yield its URL, stop it."""
    app_file = Path(os.environ.get("LLL_APP_FILE", REPO / "app.py")).resolve()
    if not app_file.is_file():
        pytest.skip(f"no app to test: {app_file} does not exist")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / log_name
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.setdefault("JAX_PLATFORMS", "cpu")
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_file),
        "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]
    with open(log, "wb") as out:
        # its own process group, so that stopping it stops everything it started
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


# --- the browser -------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(_browser_available):
    """Debian's Chromium, headless, with a new empty profile (a normal launch)."""
    from playwright.sync_api import sync_playwright

    # the screenshots show this run only
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """A factory of pages, each in its own browser context; all closed when the test ends."""
    contexts = []

    def make():
        ctx, p = open_context(browser)
        contexts.append(ctx)
        return p

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def screenshot_at_end(request):
    """watch(page): that page's screenshot is saved when the test ends (or at its failure, see below)."""
    def watch(p):
        request.node._lll_page = p
        return p

    yield watch
    p = getattr(request.node, "_lll_page", None)
    if p is not None and not getattr(request.node, "_lll_screenshot", None):
        screenshot(p, request.node.name)


@pytest.fixture
def page(new_page, app_url, screenshot_at_end):
    """A 1400×1000 page in a fresh context; its screenshot is saved when the test ends."""
    return screenshot_at_end(new_page())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, the screenshot shows the page as it was then; its path goes into the report."""
    report = yield
    p = getattr(item, "_lll_page", None)
    if report.when == "call" and report.failed and p is not None:
        path = screenshot(p, item.name)
        if path:
            item._lll_screenshot = path
            report.sections.append(("screenshot", str(path.relative_to(REPO))))
    return report
