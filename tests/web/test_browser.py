"""The workbench in headless Chromium: search -> entity -> connect -> network view; a review
decision made in the page lands in the case's decisions file and changes the graph; hostile names
are text and run nothing; no request leaves the machine and the content policy refuses nothing;
every control is reached with the keyboard; and the same pages on the Neo4j store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from csn.loaders.resolution.resolutions import read_resolutions
from csn.web.server import serving
from csn.web.workbench import Workbench
from tests.browser import CHROMIUM_FLAGS, chromium_path
from tests.conftest import OUTPUT, REPO

# The README's picture is this test's screenshot: written to test-output/ on every run, and over
# docs/entity-page.png when CSN_UPDATE_SCREENSHOT=1 (so a test run changes no file of the checkout).
SCREENSHOT = OUTPUT / "entity-page.png"
README_PICTURE = REPO / "docs" / "entity-page.png"


@dataclass
class Visit:
    """What the browser did on the workbench: requests elsewhere, errors, dialogs."""

    base: str
    elsewhere: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def browsing(base: str) -> Iterator[tuple[Any, Visit]]:
    """A Chromium page on the workbench at `base`; any request to another address is recorded
    and aborted before it is sent."""
    from playwright.sync_api import sync_playwright

    visit = Visit(base)

    def guard(route: Any) -> None:
        url = route.request.url
        visit.requests.append(url)
        if url.startswith(base + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            visit.elsewhere.append(url)
            route.abort()

    def dismiss(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", guard)
            page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: visit.errors.append(str(e)))
            page.on("dialog", dismiss)
            yield page, visit
        finally:
            browser.close()


@pytest.fixture(scope="module")
def listed_bench(tmp_path_factory):
    from csn.workspace.case import init
    from tests.web.conftest import with_lists

    bench = Workbench(with_lists(init(tmp_path_factory.mktemp("browsed") / "case")), warm=False)
    yield bench
    bench.close()


def test_search_entity_connect_and_the_network_view(listed_bench):
    chromium_path()
    with serving(listed_bench) as base, browsing(base) as (page, visit):
        page.goto(base + "/")
        page.fill("#q", "hernandez")  # results as the user types, accents ignored
        page.wait_for_selector("#results li a[href^='/entity/juan-orlando-hernandez']")
        assert "/search?q=hernandez" in page.url  # the address follows the search
        page.click("#results li a[href^='/entity/juan-orlando-hernandez']")
        page.wait_for_selector("body[data-drawn=yes]", state="attached", timeout=60_000)
        assert page.url.startswith(base + "/entity/juan-orlando-hernandez")
        assert page.locator("h1").inner_text() == "Juan Orlando Hernández (Person)"
        assert page.locator("#network canvas").count() == 1
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        if os.environ.get("CSN_UPDATE_SCREENSHOT") == "1":
            shutil.copyfile(SCREENSHOT, README_PICTURE)
        # The as-of control rewrites the address and the answer.
        page.fill("form.controls input[name=as_of]", "2015-01-01")
        page.click("form.controls button")
        page.wait_for_url("**as_of=2015-01-01**")
        assert "as of 2015-01-01" in page.locator(".lead").inner_text()
        page.goto(base + "/entity/juan-orlando-hernandez")
        page.click("a[aria-label^='Connect Juan Orlando Hernández and']")
        page.wait_for_url("**/connect?**")
        page.fill("form.query input[name=b]", "Sinaloa Cartel")
        page.click("form.query button")
        page.wait_for_selector("body[data-drawn=yes]", state="attached", timeout=60_000)
        head = page.locator(".caption").inner_text()
        assert (
            head.startswith("5 paths from Juan Orlando Hernández to Sinaloa Cartel") or "paths from" in head
        )
        assert page.locator(".paths > li").count() >= 1 and "source" not in visit.errors
        drawn = page.evaluate("() => window.csnNetwork.nodes.get().map(n => n.id)")
        assert {"juan-orlando-hernandez", "sinaloa-cartel"} <= set(drawn)
    assert visit.elsewhere == [] and visit.errors == [] and visit.dialogs == []


def test_a_decision_made_in_the_page_is_in_the_decisions_file_and_changes_the_graph(case):
    from tests.web.conftest import with_lists

    bench = Workbench(with_lists(case), warm=False)
    chromium_path()
    try:
        with serving(bench) as base, browsing(base) as (page, visit):
            page.goto(base + "/review?q=ortega")
            form = page.locator("form.decide").first
            form.locator("input[value=same]").check()
            form.locator("input[name=by]").fill("A. Analyst")
            form.locator("textarea[name=why]").fill("Same full name; the list's entry is the president")
            form.locator("button").click()
            page.wait_for_selector("p.done")
            assert (
                "daniel-ortega and ftm-review-ortega recorded as the same"
                in page.locator("p.done").inner_text()
            )
            assert "q=ortega" in page.url
            page.goto(base + "/entity/daniel-ortega")
            assert "ftm-review-ortega" in page.locator("ul.merged").inner_text()
            assert "RV-001" in page.locator("table.listings").inner_text()  # the entry's listing moved here
        (decision,) = read_resolutions(case.decisions_file)
        assert (decision.a, decision.b, decision.same, decision.by) == (
            "daniel-ortega",
            "ftm-review-ortega",
            True,
            "A. Analyst",
        )
        assert bench.snapshot.generation == 1
        assert visit.elsewhere == [] and visit.errors == []
    finally:
        bench.close()


HOSTILE = '<img src=x onerror="alert(1)">'


def test_hostile_names_render_as_text_and_run_nothing(listed_bench):
    chromium_path()
    with serving(listed_bench) as base, browsing(base) as (page, visit):
        page.goto(base + "/search")
        page.fill("#q", "img src")
        page.wait_for_selector("#results li")
        assert HOSTILE in page.locator("#results").inner_text()
        page.goto(base + "/entity/ftm-hostile-person")
        page.wait_for_selector("body[data-drawn=yes]", state="attached", timeout=60_000)
        text = page.locator("main").inner_text()
        for name in (HOSTILE, '</script><script>alert("x")</script>', "[click me](javascript:alert(1))"):
            assert name in text
        assert page.locator("main img").count() == 0 and page.locator("main script:not([type])").count() == 0
        page.goto(base + "/imports")
        assert "Evil <b>Press</b>" in page.locator("main").inner_text()
        assert page.locator("main b").count() == 0
    assert visit.dialogs == [] and visit.errors == [] and visit.elsewhere == []


FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter(e => !e.disabled && e.getClientRects().length)
  .map(e => e.type === 'radio'
    ? 'radio:' + e.name + ':' + e.form.querySelector('[name=a]').value : e.dataset.k)"""

MARK = (
    """() => { let i = 0; for (const e of document.querySelectorAll('*')) { e.dataset.k = 'k' + (i++); } }"""
)


@pytest.mark.parametrize(
    "path",
    ["/search?q=ortega", "/entity/ftm-review-ortega", "/connect?a=JOH&b=Sinaloa+Cartel&k=1", "/review"],
)
def test_every_control_is_reached_with_the_keyboard(listed_bench, path):
    chromium_path()
    with serving(listed_bench) as base, browsing(base) as (page, visit):
        page.goto(base + path)
        page.evaluate(MARK)
        wanted = page.evaluate(FOCUSABLE)
        reached: set[str] = set()
        for _ in range(len(wanted) + 5):
            page.keyboard.press("Tab")
            key = page.evaluate(
                "() => { const e = document.activeElement; return e.type === 'radio' ? "
                "'radio:' + e.name + ':' + e.form.querySelector('[name=a]').value : e.dataset.k; }"
            )
            reached.add(key)
        assert set(wanted) <= reached, sorted(set(wanted) - reached)[:10]
    assert visit.errors == []


@pytest.mark.neo4j
def test_the_same_pages_on_the_neo4j_store(neo4j_seed_store):
    from csn.workspace.case import find

    chromium_path()
    bench = Workbench(find(), "neo4j", warm=False)
    try:
        with serving(bench) as base, browsing(base) as (page, visit):
            page.goto(base + "/search")
            page.fill("#q", "ortega")
            page.wait_for_selector("#results li a[href^='/entity/daniel-ortega']")
            page.click("#results li a[href^='/entity/daniel-ortega']")
            page.wait_for_selector("body[data-drawn=yes]", state="attached", timeout=60_000)
            assert page.locator("h1").inner_text() == "Daniel Ortega (Person)"
            page.goto(base + "/connect?a=JOH&b=Sinaloa+Cartel&k=2")
            page.wait_for_selector("body[data-drawn=yes]", state="attached", timeout=60_000)
            assert page.locator(".paths > li").count() >= 1
            for path in (
                "/trace?from=daniel-ortega",
                "/corridor?corridor=managua-air-bridge",
                "/brokers?top=3",
                "/claims",
                "/imports",
                "/review",
            ):
                page.goto(base + path)
                assert page.locator("p.error").count() == 0, path
        assert visit.elsewhere == [] and visit.errors == []
    finally:
        bench.close()  # its own connection; the session's store stays open
