"""The Neo4j Browser: style generated from the schema, the guide loaded after connecting, and
nothing sent off the machine."""

import re
import urllib.request
from urllib.parse import urlsplit

import pytest

from csn.graph.schema import SCHEMA
from csn.neo4j_local.browser import GUIDE_FILE, grass, neo4j_settings
from csn.neo4j_local.guide import SLIDES
from csn.neo4j_local.server import BROWSER_CONTENT_POLICY, write_config
from tests.browser import CHROMIUM_FLAGS, chromium_path
from tests.database import ENDPOINTS

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
# Requests that Neo4j Browser 5.24's own code makes to third-party hosts whatever the server's
# settings say. The server's Content-Security-Policy makes Chromium refuse each one in the page, so
# none is ever sent; the test checks that they are refused, not merely that they fail offline.
BUNDLE_REQUESTS = {
    # an @import at the top of the bundle's own style sheet, on every load
    "fonts.googleapis.com": "web fonts (Fira Code, Nunito Sans)",
    # loaded once connected to any Community server: the setting that stops them,
    # browser.allow_outgoing_connections, exists only in Enterprise (5.26 Community refuses it)
    "cdn.segment.com": "Segment's analytics script",
    "canny.io": "Canny's feedback widget",
}
USAGE_BANNER = "we collect information on product usage"


def test_style_has_a_colour_and_caption_for_every_label():
    style = grass()
    for name, label in SCHEMA.labels.items():
        assert f"node.{name} {{\n  color: {label.colour};" in style
    assert "caption: '<type>';" in style


def test_settings_point_the_browser_at_the_content_server():
    settings = neo4j_settings(7476)
    assert settings["browser.post_connect_cmd"] == (
        "style http://localhost:7476/csn.grass; play http://localhost:7476/csn-guide.html"
    )
    assert settings["browser.remote_content_hostname_whitelist"] == "localhost"


def test_the_server_config_turns_telemetry_off_and_lets_pages_load_only_from_this_machine(tmp_path):
    lines = write_config(tmp_path, extra=neo4j_settings(7476)).read_text().splitlines()
    assert "client.allow_telemetry=false" in lines
    assert f"dbms.security.http_static_content_security_policy_header={BROWSER_CONTENT_POLICY}" in lines
    sources = [word for directive in BROWSER_CONTENT_POLICY.split("; ") for word in directive.split()[1:]]
    local = re.compile(r"(ws|http)://(localhost|127\.0\.0\.1):\*")
    allowed = ("'self'", "'none'", "'unsafe-inline'", "data:")
    assert all(word in allowed or local.fullmatch(word) for word in sources), sources


@pytest.mark.neo4j
def test_the_test_server_runs_with_telemetry_off_and_the_local_policy(neo4j_store):
    names = ["client.allow_telemetry", "dbms.security.http_static_content_security_policy_header"]
    records, _, _ = neo4j_store.driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value ORDER BY name",
        {"names": names},
        database_=neo4j_store.settings.database,
    )
    assert [(r["name"], r["value"]) for r in records] == [
        ("client.allow_telemetry", "false"),
        ("dbms.security.http_static_content_security_policy_header", BROWSER_CONTENT_POLICY),
    ]


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def on_this_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def run_blocks(page, guide, question: str) -> None:
    """Click each runnable block of the guide's slide asking `question` and run it, as a person
    would; wait until the Browser shows the values set, or the answer drawn as a graph."""
    from playwright.sync_api import expect

    values_shown = page.get_by_test_id("rawParamData")
    graphs = page.locator("svg.neod3viz")  # the newest frame comes first
    slide = guide.locator("div.slide", has=page.get_by_role("heading", name=question, exact=True))
    for block in slide.locator("pre.runnable").all():
        shown = values_shown if block.inner_text().lstrip().startswith(":params") else graphs
        before = shown.count()
        block.click()  # puts the block in the editor
        page.get_by_test_id("editor-Run").click()
        expect(shown).to_have_count(before + 1, timeout=60_000)
        if shown is graphs:
            graphs.first.locator("g.node").first.wait_for(state="attached", timeout=30_000)


@pytest.mark.neo4j
def test_the_browser_plays_the_guide_and_nothing_leaves_the_machine(neo4j_seed_store, output_dir) -> None:
    if not ENDPOINTS:
        pytest.skip("the Browser test needs the throwaway server (NEO4J_URI names another)")
    endpoints = ENDPOINTS[0]
    assert served(endpoints.browser_url), f"the test server does not serve {endpoints.browser_url}"
    from playwright.sync_api import sync_playwright

    requested: list[str] = []  # every request and WebSocket the page opened or tried to
    refused: dict[str, str | None] = {}  # failed requests and why
    sent_off: list[str] = []  # off-machine requests that got past the page towards the network

    def guard(route) -> None:
        if on_this_machine(route.request.url):
            route.continue_()
        else:
            sent_off.append(route.request.url)
            route.abort()

    settings = neo4j_seed_store.settings
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: requested.append(request.url))
            page.on("websocket", lambda socket: requested.append(socket.url))
            page.on("requestfailed", lambda request: refused.update({request.url: request.failure}))
            page.route("**/*", guard)
            page.goto(
                f"{endpoints.browser_url}?dbms=neo4j://{settings.username}@localhost:{endpoints.bolt_port}"
                f"&db={settings.database}"
            )
            page.locator("input[type=password]").first.fill(settings.password)
            page.get_by_test_id("connect").click()
            guide = page.get_by_test_id("frame").filter(has_text=GUIDE_FILE)
            first = guide.locator("div.slide h3").first
            first.wait_for(timeout=60_000)
            first_title = first.inner_text()
            page.get_by_text("node.CriminalGroup {").wait_for(timeout=30_000)
            for number, slide in enumerate(SLIDES):
                if number:
                    guide.get_by_test_id("nextSlide").click()
                guide.get_by_role("heading", name=slide.question, exact=True).wait_for(timeout=10_000)
                run_blocks(page, guide, slide.question)
                if number == 0:
                    page.screenshot(path=str(output_dir / "neo4j-browser.png"))
            text = page.inner_text("body")
        finally:
            browser.close()

    assert first_title == SLIDES[0].question and first_title.endswith("?")
    assert USAGE_BANNER not in text
    off_machine = [url for url in requested if not on_this_machine(url)]
    assert {urlsplit(url).hostname for url in off_machine} <= set(BUNDLE_REQUESTS), off_machine
    assert {url: refused.get(url) for url in off_machine} == dict.fromkeys(off_machine, "csp")
    assert sent_off == []
