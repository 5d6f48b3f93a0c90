"""The pyvis view: self-contained HTML, schema colours, status styles, text-only tooltips."""

import json
import re

from graph.model import Citation, Edge, Node
from queries.trace import trace
from tests.browser import open_view
from visualize.network_view import ViewGraph, build_network, render_html, write_view
from visualize.trace_view import trace_caption, view_of_trace


def graph_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_view_is_self_contained(fixture_store, tmp_path):
    result = trace(fixture_store)
    path = write_view(view_of_trace(result), tmp_path / "v.html", "Trace", trace_caption(result, {}))
    html = path.read_text()
    assert not re.search(r'(src|href)\s*=\s*"https?:', html)
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html.lower()
    data = graph_data(html)
    assert {n["id"] for n in data["nodes"]} == {
        "minister", "ex-official", "cartel", "smugglers", "gang", "police-a", "harbour-town",
        "river-route", "air-route",
    }
    assert data["options"]["physics"]["enabled"] is False


def test_schema_drives_colours_shapes_and_dashes(fixture_store):
    net = build_network(view_of_trace(trace(fixture_store)))
    nodes = {n["id"]: n for n in net.nodes}
    assert (nodes["cartel"]["color"], nodes["cartel"]["shape"]) == ("#2f2f2f", "triangle")
    assert nodes["river-route"]["shape"] == "star"
    dashes = {e["title"].split("\n")[1].split()[1]: e["dashes"] for e in net.edges}
    assert dashes["convicted"] is False and dashes["alleged"] is True and dashes["rumoured"] == [2, 8]


def test_tooltips_carry_status_dates_and_sources_as_text(fixture_store):
    net = build_network(view_of_trace(trace(fixture_store)))
    (edge,) = [e for e in net.edges if e["from"] == "minister" and e["to"] == "cartel"]
    assert edge["title"] == (
        "Ana Ríos COLLUDES_WITH Río Cartel\n"
        "Status: convicted  (2012)\n"
        "[1] Test Court Records, \"Verdict in the minister case\", 2016-05-02, https://example.org/verdict\n"
        "    \u201ctook bribes from the Río Cartel\u201d"
    )


HOSTILE = '</script><script>alert("x")</script> <img src=x onerror=alert(1)> "quotes" & \'apostrophes\''


def hostile_view() -> ViewGraph:
    source = "Evil Press, \"</script><b>bold</b>\", 2024, https://example.org/e"
    nodes = {
        "a": Node("a", "StateBody", HOSTILE),
        "b": Node("b", "CriminalGroup", "Gang <b>bold</b>"),
    }
    edge = Edge("e", "COLLUDES_WITH", "a", "b", "alleged", (Citation("s", HOSTILE),))
    return ViewGraph(nodes, {"e": edge}, {"s": source})


def test_markup_in_names_is_escaped_in_the_file():
    html = render_html(build_network(hostile_view()), title=HOSTILE, caption=HOSTILE)
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    assert graph_data(html)["nodes"][0]["name"] == HOSTILE


def test_view_draws_offline_in_chromium(fixture_store, output_dir):
    result = trace(fixture_store)
    path = write_view(view_of_trace(result), output_dir / "fixture-trace.html", "Trace", "caption")
    report = open_view(path, screenshot=output_dir / "fixture-trace.png")
    assert report.painted_pixels > 1000
    assert report.off_machine_requests == []
    assert report.errors == []


def test_hostile_names_show_as_text_and_run_nothing(tmp_path):
    path = write_view(hostile_view(), tmp_path / "hostile.html", title=HOSTILE, caption=HOSTILE)
    report = open_view(path, script="window.csnNetwork.selectNodes(['a'])")
    assert report.dialogs == [] and report.errors == []
    assert HOSTILE in report.text


def test_seed_trace_view_draws_offline_in_chromium(seed_store, output_dir):
    result = trace(seed_store, limit=1000)
    path = write_view(view_of_trace(result), output_dir / "seed-trace.html", "Trace", trace_caption(result, {}))
    report = open_view(path, screenshot=output_dir / "seed-trace.png")
    assert report.painted_pixels > 10_000
    assert report.off_machine_requests == [] and report.errors == []
    assert (output_dir / "seed-trace.png").stat().st_size > 10_000
