"""Chromium for the browser tests: a test without it skips, except under CI or
CSN_REQUIRE_BROWSER=1, where a missing browser fails it. The page driver itself is shared with the
view benchmark (benchmarks/browser.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks import browser
from benchmarks.browser import CHROMIUM_FLAGS, PageReport

__all__ = ["CHROMIUM_FLAGS", "PageReport", "chromium_path", "open_view"]


def chromium_path() -> str:
    """Chromium's path; skips the test without one, or fails it in CI / CSN_REQUIRE_BROWSER=1."""
    path = browser.find_chromium()
    if path is None:
        if os.environ.get("CI") or os.environ.get("CSN_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here (CI or CSN_REQUIRE_BROWSER=1) but is not installed")
        pytest.skip("no Chromium on this machine")
    return path


def open_view(html: Path, screenshot: Path | None = None, script: str | None = None) -> PageReport:
    """benchmarks.browser.open_view with this machine's Chromium (see chromium_path)."""
    return browser.open_view(html, chromium_path(), screenshot, script)
