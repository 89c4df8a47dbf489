"""Without its tools a browser check skips, except in CI, where it must fail."""

import pytest

from tests.browser.conftest import tool_missing


def test_a_missing_tool_skips_with_the_reason_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no Chromium .*install-browser-tools\.sh"):
        tool_missing("no Chromium on this machine")


def test_a_missing_tool_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        tool_missing("no Chromium on this machine")
