"""The Neo4j Browser: style and guide generated from the schema, loaded after connecting."""

import re
import urllib.request

import pytest

from graph.schema import SCHEMA
from neo4j_local.browser import CypherFile, cypher_files, grass, guide_html, neo4j_settings
from neo4j_local.server import BROWSER_CONTENT_POLICY, write_config
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
    from neo4j_local.browser import browser_parameters

    for file in cypher_files():
        records, _, _ = neo4j_seed_store.driver.execute_query(
            file.body, browser_parameters(), database_=neo4j_seed_store.settings.database
        )
        assert records, file.name
