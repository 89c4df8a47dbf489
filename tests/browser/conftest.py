"""Browser checks: Debian's Chromium driven by Playwright, axe-core and the Nu HTML Checker.

Outside CI, a machine without these tools skips the checks with the reason and the
command that installs them; with CI set, a missing tool fails the run instead, so a
CI machine that lost its browser cannot pass by skipping.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import sync_playwright

from tests.helpers import FIXTURES, ROOT, run_import

SCREENSHOTS = ROOT / "screenshots"
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
HTML_CHECKER = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "sh scripts/install-browser-tools.sh installs them (README, « Browser checks »)"

# A desktop window and a phone.
WIDTHS = (1280, 375)

# As root Chromium needs --no-sandbox; the rest keeps it off this machine's closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last: the browser stays open from the first to the end of the session."""
    here = Path(__file__).parent
    browser_tests = [item for item in items if Path(item.path).is_relative_to(here)]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser_tests] + browser_tests


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed  # read by open_window, to keep a picture of the failure
    return report


def tool_missing(what: str):
    """Skip, or fail when CI is set: browser checks must run in CI."""
    message = f"{what} — {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: these checks may not be skipped)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str | None:
    """$CHROMIUM, or Debian's chromium on the PATH."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return path if path and os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        tool_missing("no Chromium on this machine")
    # Playwright's sync API keeps an event loop running in this thread; Django would refuse ORM calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Window:
    """A browser tab of a given width, recording what the page complained about."""

    def __init__(self, page, width: int, base_url: str):
        self.page, self.width, self.base_url = page, width, base_url
        self.console_errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def open(self, path: str, status: int = 200):
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{path} answered {response.status}"
        return response

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.width}.png"
        self.page.screenshot(path=path, full_page=True)
        return path


@pytest.fixture
def open_window(request, browser, live_server):
    """open_window(width, bypass_csp=False) → a Window on the live server; closed after the test.

    When the test fails, each window's last page is kept as screenshots/failed-….png.
    """
    contexts, windows = [], []

    def open_window(width: int, bypass_csp: bool = False, javascript: bool = True) -> Window:
        # axe-core is injected as a script, which the portal's own CSP rightly blocks.
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            locale="fr-FR",
            bypass_csp=bypass_csp,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        windows.append(Window(context.new_page(), width, live_server.url))
        return windows[-1]

    yield open_window
    if getattr(request.node, "call_failed", False):
        for window in windows:
            window.screenshot("failed-" + re.sub(r"\W+", "-", request.node.name))
    for context in contexts:
        context.close()


@pytest.fixture
def samples(live_server):
    """The five sample pages imported, committed so that the live server sees them."""
    return run_import(FIXTURES)


@pytest.fixture
def log_in(live_server, client):
    """log_in(window, user): give the window a session of that user, as the login form would."""

    def log_in(window: Window, user: User):
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        window.page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return log_in


def axe_violations(window: Window) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, best practices) on the window's page."""
    if not AXE_SCRIPT.exists():
        tool_missing("axe-core is not installed (node_modules/axe-core)")
    window.page.add_script_tag(path=str(AXE_SCRIPT))
    result = window.page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    return result["violations"]


# The one violation left on Django's own admin, minor: the tabular inline's first column has no header.
ADMIN_KNOWN_MINOR = {"empty-table-header"}


def assert_accessible(window: Window, admin: bool = False) -> None:
    """axe-core finds nothing on the window's page (the admin: but its one known minor)."""
    failing = [
        v
        for v in axe_violations(window)
        if not (admin and v["id"] in ADMIN_KNOWN_MINOR and v["impact"] == "minor")
    ]
    assert not failing, describe(failing)


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in violations
    )
