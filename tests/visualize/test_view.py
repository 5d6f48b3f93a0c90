"""The pyvis view: self-contained HTML, schema colours, status styles, text-only tooltips, large
graphs capped and laid out up front, and the page checked in headless Chromium."""

import json
import math
import re
import struct
import subprocess
import sys

import pytest

from benchmarks.views import synthetic_graph
from csn.graph.errors import CsnError
from csn.graph.model import Citation, Edge, Node
from csn.graph.schema import SCHEMA, check_value
from csn.queries.filters import edge_filter
from csn.queries.trace import trace
from csn.visualize.cap import cap_view, relevance_order
from csn.visualize.layout import SPRING_LIMIT, positions
from csn.visualize.network_view import (
    PHYSICS_THRESHOLD,
    ViewGraph,
    build_html,
    build_network,
    render_html,
    write_view,
)
from csn.visualize.selection import mark_listings, neighbourhood, view_caption, whole_graph
from csn.visualize.trace_view import trace_caption, view_of_trace
from tests.browser import open_view
from tests.conftest import FIXTURE


def graph_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.DOTALL)
    assert block, "the page holds no graph data"
    return json.loads(block.group(1))


def legend(html: str, kind: str) -> list[str]:
    return re.findall(rf'<div class="legend-{kind}"[^>]*>.*?</span>([^<]+?)\s*(?:<|</div>)', html)


# -- the page ---------------------------------------------------------------------------------


def test_view_is_self_contained(fixture_store, tmp_path):
    result = trace(fixture_store)
    path = write_view(view_of_trace(result), tmp_path / "v.html", "Trace", trace_caption(result, {}))
    html = path.read_text()
    assert not re.search(r'(src|href)\s*=\s*"https?:', html)
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html.lower()
    data = graph_data(html)
    assert {n["id"] for n in data["nodes"]} == {
        "minister",
        "ex-official",
        "cartel",
        "smugglers",
        "gang",
        "police-a",
        "harbour-town",
        "river-route",
        "air-route",
    }
    # A small view keeps physics (pre-stabilised) so nodes can be dragged.
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_legend_lists_only_what_is_shown(fixture_store):
    html = build_html(view_of_trace(trace(fixture_store)), "Trace")
    assert legend(html, "label") == [
        "Person",
        "StateBody",
        "CriminalGroup",
        "SmugglingNetwork",
        "Place",
        "MigrationCorridor",
    ]
    shown = {e["status"] for e in graph_data(html)["edges"]}
    assert legend(html, "status") == [s for s in SCHEMA.evidence if s in shown]
    assert "Authority" not in legend(html, "label") and "charged" not in legend(html, "status")


def test_schema_drives_colours_shapes_and_dashes(fixture_store):
    net = build_network(view_of_trace(trace(fixture_store)))
    nodes = {n["id"]: n for n in net.nodes}
    assert (nodes["cartel"]["color"], nodes["cartel"]["shape"]) == ("#2f2f2f", "triangle")
    assert nodes["river-route"]["shape"] == "star"
    dashes = {e["status"]: e["dashes"] for e in net.edges}
    assert dashes["convicted"] is False and dashes["alleged"] is True and dashes["rumoured"] == [2, 8]


def test_tooltips_carry_status_dates_and_sources_as_text(fixture_store):
    net = build_network(view_of_trace(trace(fixture_store)))
    (edge,) = [e for e in net.edges if e["from"] == "minister" and e["to"] == "cartel"]
    assert edge["title"] == (
        "Ana Ríos COLLUDES_WITH Río Cartel\n"
        "Status: convicted  (since 2012)\n"
        '[1] Test Court Records, "Verdict in the minister case", 2016-05-02, https://example.org/verdict\n'
        "    \u201ctook bribes from the Río Cartel\u201d"
    )


def test_physics_is_off_and_edge_labels_dropped_above_the_thresholds():
    view = synthetic_graph(PHYSICS_THRESHOLD + 1)
    data = graph_data(build_html(view, "Big"))
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    assert all("label" in e for e in data["edges"])  # few edges yet: labels stay
    big = graph_data(build_html(synthetic_graph(1_000), "Bigger"))
    assert not any("label" in e for e in big["edges"])  # 1,500 edges: type in the tooltip only
    assert all(e["title"].split("\n")[0].split()[2] in SCHEMA.relationships for e in big["edges"])


# -- layout -----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, SPRING_LIMIT + 50])
def test_layout_places_every_node_the_same_way_each_time(count):
    view = synthetic_graph(count)
    pairs = [(e.from_id, e.to_id) for e in view.edges.values()]
    first = positions(list(view.nodes), pairs)
    assert first == positions(list(view.nodes), pairs)
    assert set(first) == set(view.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    if count > SPRING_LIMIT:
        # Joined nodes sit closer than nodes in general: the layout shows structure.
        def gap(a, b):
            return math.dist(first[a], first[b])

        joined = sum(gap(a, b) for a, b in pairs) / len(pairs)
        ids = list(view.nodes)
        anyhow = sum(gap(ids[i], ids[-1 - i]) for i in range(len(ids) // 2)) / (len(ids) // 2)
        assert joined < anyhow / 2


def test_layout_of_nothing_and_of_one_node():
    assert positions([], []) == {}
    assert list(positions(["a"], [])) == ["a"]


# -- relevance cap ----------------------------------------------------------------------------


def test_cap_keeps_the_focus_then_the_nearest_and_best_evidenced(fixture_store):
    view = neighbourhood(fixture_store, "Ana Ríos", hops=2)
    order = relevance_order(view)
    assert order[0] == "minister"
    direct = {"gov-a", "cartel", "court-a", "ex-official"}
    assert set(order[1:5]) == direct
    shown, note = cap_view(view, max_nodes=3)
    # Weights: the cartel 8 + 4, the government 5 + 5 (two official findings), the court 8.
    assert set(shown.nodes) == {"minister", "cartel", "gov-a"}
    assert all(e.from_id in shown.nodes and e.to_id in shown.nodes for e in shown.edges.values())
    cut = len(view.nodes) - 3
    assert note.startswith(f"Showing the 3 most relevant of {len(view.nodes)} nodes (nearest the focus")
    assert f"Cut {cut} nodes (" in note and "raise --max-nodes" in note


def test_an_uncapped_view_is_returned_as_it_is(fixture_store):
    view = whole_graph(fixture_store)
    assert cap_view(view, max_nodes=len(view.nodes)) == (view, "")
    with pytest.raises(ValueError):
        cap_view(view, 0)


# -- selections -------------------------------------------------------------------------------


def test_neighbourhood_follows_hops_and_filters(fixture_store):
    one = neighbourhood(fixture_store, "rio cartel", hops=1)
    assert set(one.nodes) == {"cartel", "minister", "river-route"} and one.focus == ("cartel",)
    two = neighbourhood(fixture_store, "cartel", hops=2)
    assert {"gov-a", "court-a", "ex-official", "harbour-town"} <= set(two.nodes)
    # Ana Ríos held office until 2015-06: on 2016-01-01 that fact does not hold.
    later = neighbourhood(fixture_store, "minister", hops=1, where=edge_filter(as_of="2016-01-01"))
    assert "gov-a" not in later.nodes and "cartel" in later.nodes
    strong = neighbourhood(fixture_store, "minister", hops=1, where=edge_filter(min_status="convicted"))
    assert set(strong.nodes) == {"minister", "cartel", "court-a"}
    assert set(strong.documents) == {"src-court"} and "src-court" in strong.sources


def test_whole_graph_leaves_out_documents_and_unconnected_entities_when_filtered(fixture_store):
    everything = whole_graph(fixture_store)
    assert len(everything.nodes) == 12 and len(everything.edges) == 12
    assert set(everything.documents) == {"src-court", "src-paper"}
    where = edge_filter(min_status="official_finding", as_of="2012-06-01")
    then = whole_graph(fixture_store, where)
    assert set(then.nodes) == {"minister", "gov-a", "cartel", "police-a"}
    assert view_caption("Whole graph", then, where) == (
        "Whole graph: 4 entities, 3 facts; status at least official_finding; "
        "as of 2012-06-01 (only facts that held that day)."
    )


def test_bad_filters_and_hops_raise_errors_a_person_can_act_on(fixture_store):
    with pytest.raises(CsnError, match="not a date"):
        edge_filter(as_of="2012-13-01")
    with pytest.raises(CsnError, match="unknown status 'sure'"):
        edge_filter(min_status="sure")
    with pytest.raises(CsnError, match=r"^hops must be from 1 to 3, not 0$"):
        neighbourhood(fixture_store, "cartel", hops=0)
    with pytest.raises(CsnError, match=r"^hops must be from 1 to 3, not 4$"):
        neighbourhood(fixture_store, "cartel", hops=4)


def test_synthetic_benchmark_graphs_are_schema_valid():
    view = synthetic_graph(400)
    for node in view.nodes.values():
        for name, prop in SCHEMA.label(node.label).properties.items():
            if prop.required:
                assert check_value(prop, node.properties[name], SCHEMA.evidence) is None
    for edge in view.edges.values():
        rel = SCHEMA.relationship(edge.type)
        assert rel.allows(view.nodes[edge.from_id].label, view.nodes[edge.to_id].label)
        for name, prop in rel.properties.items():
            if prop.required:
                assert check_value(prop, edge.properties[name], SCHEMA.evidence) is None
        assert edge.citations and edge.citations[0].source in view.documents


# -- safety -----------------------------------------------------------------------------------


HOSTILE = '</script><script>alert("x")</script> <img src=x onerror=alert(1)> "quotes" & \'apostrophes\''


def hostile_view() -> ViewGraph:
    source = 'Evil Press, "</script><b>bold</b>", 2024, https://example.org/e'
    nodes = {
        "a": Node("a", "StateBody", HOSTILE),
        "b": Node("b", "CriminalGroup", "Gang <b>bold</b>"),
    }
    edge = Edge("e", "COLLUDES_WITH", "a", "b", "alleged", (Citation("s", HOSTILE),))
    return ViewGraph(nodes, {"e": edge}, {"s": source})


def test_markup_in_names_is_escaped_in_the_file():
    html = render_html(build_network(hostile_view()), title=HOSTILE, caption=HOSTILE, note=HOSTILE)
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    assert graph_data(html)["nodes"][0]["name"] == HOSTILE


# -- in the browser ---------------------------------------------------------------------------


def test_view_draws_offline_in_chromium(fixture_store, output_dir):
    result = trace(fixture_store)
    path = write_view(view_of_trace(result), output_dir / "fixture-trace.html", "Trace", "caption")
    report = open_view(path, screenshot=output_dir / "fixture-trace.png")
    assert report.painted_pixels > 1000
    assert report.off_machine_requests == []
    assert report.errors == []


def test_hostile_names_show_as_text_and_run_nothing(tmp_path):
    path = write_view(hostile_view(), tmp_path / "hostile.html", title=HOSTILE, caption=HOSTILE)
    # Find the hostile node by its name through the find box, as a person would.
    script = """() => {
      const box = document.getElementById('find');
      box.value = 'img src=x';
      box.dispatchEvent(new Event('change'));
      return [window.csnView.highlighted, document.getElementById('found').textContent];
    }"""
    report = open_view(path, script=script)
    assert report.dialogs == [] and report.errors == []
    assert HOSTILE in report.text
    highlighted, found = report.result
    assert highlighted == {"node": "a", "neighbours": ["b"]}
    assert found == f"{HOSTILE}: 1 neighbour"


HIGHLIGHT = """() => {
  const box = document.getElementById('find');
  box.value = 'ana rios';  // case and accents ignored, as on the command line
  box.dispatchEvent(new Event('change'));
  const view = window.csnView;
  const dim = view.nodes.get().filter(n => n.opacity < 1).map(n => n.id).sort();
  const faint = view.edges.get().filter(e => e.color.opacity < 1).map(e => e.id).length;
  const found = document.getElementById('found').textContent;
  document.getElementById('clear').click();
  const after = view.nodes.get().filter(n => n.opacity < 1).length;
  return {highlighted: view.highlighted, dim, faint, found, after};
}"""


def test_find_highlights_a_node_and_its_neighbours_in_chromium(fixture_store, tmp_path):
    view = whole_graph(fixture_store)
    path = write_view(view, tmp_path / "whole.html", "Whole graph")
    report = open_view(path, script=HIGHLIGHT)
    assert report.errors == [] and report.off_machine_requests == []
    near = {"gov-a", "cartel", "court-a", "ex-official"}
    result = report.result
    assert result["found"] == "Ana Ríos: 4 neighbours"
    assert sorted(set(view.nodes) - near - {"minister"}) == result["dim"]
    touching = [e for e in view.edges.values() if "minister" in (e.from_id, e.to_id)]
    assert result["faint"] == len(view.edges) - len(touching)
    assert result["after"] == 0  # "Show all" undoes the highlight


def test_a_capped_large_view_says_what_it_cut_and_draws_in_chromium(tmp_path, output_dir):
    view = synthetic_graph(2_000)
    path = write_view(
        view, output_dir / "large-capped.html", "Large", "2,000 synthetic nodes", max_nodes=1_500
    )
    report = open_view(path, screenshot=output_dir / "large-capped.png")
    assert report.errors == [] and report.off_machine_requests == []
    assert report.painted_pixels > 10_000
    assert "Showing the 1,500 most relevant of 2,000 nodes" in report.text
    assert "Drawn: 1,500 nodes" in report.text and "physics off" in report.text


def test_seed_trace_view_draws_offline_in_chromium(seed_store, output_dir):
    result = trace(seed_store, limit=1000)
    path = write_view(
        view_of_trace(result), output_dir / "seed-trace.html", "Trace", trace_caption(result, {})
    )
    report = open_view(path, screenshot=output_dir / "seed-trace.png")
    assert report.painted_pixels > 10_000
    assert report.off_machine_requests == [] and report.errors == []
    png = (output_dir / "seed-trace.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (1280, 800)  # the whole viewport


# -- the command ------------------------------------------------------------------------------


def csn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_view_command_states_what_it_shows_and_its_filters(tmp_path):
    out = tmp_path / "around.html"
    run = csn(
        "view",
        "--seed",
        str(FIXTURE),
        "--around",
        "The Minister",
        "--hops",
        "1",
        "--as-of",
        "2016-01-01",
        "-o",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    caption = (
        "Within 1 hop of Ana Ríos: 3 entities, 2 facts; as of 2016-01-01 (only facts that held that day)."
    )
    assert run.stdout == f"{caption}\nWrote {out}\n"
    html = out.read_text()
    assert f'<p id="caption">{caption}</p>' in html and "<title>Around Ana Ríos</title>" in html


def test_view_command_traces_and_caps(tmp_path):
    out = tmp_path / "trace.html"
    run = csn(
        "view",
        "--seed",
        str(FIXTURE),
        "--trace",
        "--min-status",
        "reported",
        "--max-nodes",
        "3",
        "-o",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "1 paths from state actors to migration corridors; as of all dates; "
        "minimum status reported, max hops 6.\n"
    )
    assert "Drew the 3 most relevant of 3 nodes" not in run.stdout
    assert len(graph_data(out.read_text())["nodes"]) == 3


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (["--around", "nobody"], 1, "Error: no entity named 'nobody'"),
        (["--as-of", "2024-13-01"], 1, "Error: as-of date '2024-13-01' is not a date (YYYY-MM-DD)"),
        (["--from", "minister"], 2, "Error: --from and --corridor select traced paths; add --trace"),
        (["--trace", "--around", "cartel"], 2, "Error: use either --around or --trace, not both"),
    ],
)
def test_view_command_errors(args, code, line, tmp_path):
    run = csn("view", "--seed", str(FIXTURE), "-o", str(tmp_path / "v.html"), *args)
    assert run.returncode == code
    assert run.stderr.strip().splitlines()[-1] == line


def test_sanctioned_and_designated_entities_are_marked_in_the_view(seed_store):
    view = mark_listings(seed_store, neighbourhood(seed_store, "Nicolás Maduro", 1, edge_filter()))
    assert any(s.startswith("Office of Foreign Assets Control") for s in view.listings["nicolas-maduro"])
    unlisted = [i for i, n in view.nodes.items() if n.label == "StateBody" and i not in view.listings]
    assert unlisted, "a state body the lists do not name stays unmarked"
    nodes = {n["id"]: n for n in build_network(view).nodes}
    assert nodes["nicolas-maduro"]["borderWidth"] == 4 and nodes["nicolas-maduro"]["listed"] is True
    assert nodes["nicolas-maduro"]["title"].splitlines()[1].startswith("Listed: ")
    assert "borderWidth" not in nodes[unlisted[0]]
