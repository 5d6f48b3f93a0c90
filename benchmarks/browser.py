"""Open a network view in headless Chromium (Debian's package) and report what it drew and requested.

The view benchmark (benchmarks/views.py) and the browser tests (tests/browser.py, which decides
whether a missing Chromium skips or fails a test) use this same driver, so the figures the
benchmark prints are measured the way the tests check the page.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
DRAW_TIMEOUT_MS = 60_000


@dataclass
class PageReport:
    painted_pixels: int
    canvas_size: tuple[int, int]
    off_machine_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    text: str = ""
    result: Any = None  # what `script` returned
    drawn_seconds: float = 0.0  # from the start of navigation until vis-network's first drawing


def find_chromium() -> str | None:
    """The path of the installed Chromium, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


COUNT_PAINTED = """() => {
  const canvas = document.querySelector('#network canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return [painted, canvas.width, canvas.height];
}"""


def open_view(
    html: Path,
    executable: str,
    screenshot: Path | None = None,
    script: str | None = None,
) -> PageReport:
    """Load a network view in the Chromium at `executable`, wait until vis-network has drawn, and
    report; blocks off-machine requests. Raises playwright's TimeoutError if nothing is drawn in
    DRAW_TIMEOUT_MS.

    `script` is a JavaScript expression or function evaluated after the first drawing; its value
    is the report's `result` (the canvas is counted after it ran).
    """
    from playwright.sync_api import sync_playwright

    off_machine: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            off_machine.append(url)
            route.abort()

    def dismiss(dialog: Any) -> None:  # an alert() would be a script run from data
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", guard)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", dismiss)
            started = time.perf_counter()
            page.goto(html.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-drawn=yes]", timeout=DRAW_TIMEOUT_MS, state="attached")
            drawn = time.perf_counter() - started
            result = page.evaluate(script) if script else None
            painted, width, height = page.evaluate(COUNT_PAINTED)
            if screenshot:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot))
            text = page.inner_text("body")
        finally:
            browser.close()
    return PageReport(painted, (width, height), off_machine, errors, dialogs, text, result, drawn)
