"""The API's documentation page in a browser: Swagger UI from the portal's own files runs
under the portal's Content-Security-Policy, lists every operation, and tries one."""

import pytest

from tests.browser.conftest import WIDTHS


@pytest.mark.parametrize("width", WIDTHS)
def test_the_api_documentation_runs_under_the_portals_csp(open_window, samples, width):
    window = open_window(width)
    window.open("/api/v1/docs/")
    window.page.wait_for_selector(".opblock-summary", timeout=20_000)
    operations = window.page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/releases/", "/api/v1/releases/{id}/", "/api/v1/people/{id}/"} <= set(operations)
    assert "In English:" in window.page.content()
    # Try the list of releases: the answer is shown.
    window.page.locator(".opblock-summary-path", has_text="/api/v1/releases/").first.click()
    window.page.get_by_role("button", name="Try it out").first.click()
    window.page.get_by_role("button", name="Execute").first.click()
    window.page.wait_for_selector(".responses-wrapper .live-responses-table", timeout=20_000)
    assert "L’aide aux migrants" in window.page.locator(".live-responses-table").inner_text()
    assert window.console_errors == []
    window.screenshot("api-docs")
