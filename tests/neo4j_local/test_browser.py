"""The Neo4j Browser: style and guide generated from the schema, loaded after connecting."""

import urllib.request

import pytest

from csn.graph.schema import SCHEMA
from csn.neo4j_local.browser import CypherFile, cypher_files, grass, guide_html, neo4j_settings
from tests.browser import CHROMIUM_FLAGS, chromium_path
from tests.database import ENDPOINTS


def test_style_has_a_colour_and_caption_for_every_label():
    style = grass()
    for name, label in SCHEMA.labels.items():
        assert f"node.{name} {{\n  color: {label.colour};" in style
    assert "caption: '<type>';" in style


def test_guide_has_every_cypher_file_as_runnable_escaped_code():
    files = cypher_files()
    assert "find_paths" in [f.name for f in files]
    page = guide_html([*files, CypherFile("hostile", "<script>", "RETURN '</pre><script>'")])
    assert page.count('class="pre-scrollable code runnable"') == len(files) + 2
    assert "<script>" not in page and "RETURN &#x27;&lt;/pre&gt;&lt;script&gt;&#x27;" in page


def test_settings_point_the_browser_at_the_content_server():
    settings = neo4j_settings(7476)
    assert settings["browser.post_connect_cmd"] == (
        "style http://localhost:7476/csn.grass; play http://localhost:7476/csn-guide.html"
    )
    assert settings["browser.remote_content_hostname_whitelist"] == "localhost"


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.neo4j
def test_browser_connects_and_plays_the_guide(neo4j_store, output_dir):
    if not ENDPOINTS:
        pytest.skip("the Browser test needs the throwaway server (NEO4J_URI names another)")
    endpoints = ENDPOINTS[0]
    assert served(endpoints.browser_url), f"the test server does not serve {endpoints.browser_url}"
    from playwright.sync_api import sync_playwright

    settings = neo4j_store.settings
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(
                f"{endpoints.browser_url}?dbms=neo4j://{settings.username}@localhost:{endpoints.bolt_port}"
                f"&db={settings.database}"
            )
            page.locator("input[type=password]").first.fill(settings.password)
            page.get_by_test_id("connect").click()
            page.get_by_text("csn: criminal–state networks").wait_for(timeout=60_000)
            page.get_by_text("node.CriminalGroup {").wait_for(timeout=30_000)
            page.screenshot(path=str(output_dir / "neo4j-browser.png"))
        finally:
            browser.close()


@pytest.mark.neo4j
def test_every_cypher_file_runs_as_pasted_with_the_guide_parameters(neo4j_seed_store):
    from csn.neo4j_local.browser import browser_parameters

    for file in cypher_files():
        records, _, _ = neo4j_seed_store.driver.execute_query(
            file.body, browser_parameters(), database_=neo4j_seed_store.settings.database
        )
        assert records, file.name
