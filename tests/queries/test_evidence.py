"""Paths with their evidence (csn.queries.evidence): parallel facts, the weakest link, the order."""

from __future__ import annotations

import pytest

from csn.graph.errors import CsnError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.graph.schema import SCHEMA
from csn.graph.store import RawPath
from csn.queries.evidence import (
    FRAME_COLUMNS,
    CitedSource,
    check_as_of,
    citation,
    explain_paths,
    group_by_route,
    paths_frame,
    shortest_first,
    strongest_first,
)


def source(number: int) -> Node:
    properties = {
        "publisher": f"Pub {number}",
        "title": f"Doc {number}",
        "date": "2020",
        "url": "https://e.org",
    }
    return Node(f"s{number}", "Source", f"Doc {number}", properties)


def fact(edge_id: str, rel_type: str, a: str, b: str, status: str, *sources: int) -> Edge:
    return Edge(edge_id, rel_type, a, b, status, tuple(Citation(f"s{n}", f"says {n}") for n in sources))


@pytest.fixture
def store():
    """gov -> g1 -> corridor (one fact reported, then two parallel), gov -> g2 -> corridor (alleged)."""
    store = MemoryStore()
    store.write(
        [
            source(1),
            source(2),
            Node("gov", "StateBody", "Government"),
            Node("g1", "CriminalGroup", "Group One"),
            Node("g2", "CriminalGroup", "Group Two"),
            Node("road", "MigrationCorridor", "Road", {"mode": "land"}),
            fact("e1", "COLLUDES_WITH", "gov", "g1", "reported", 1),
            fact("e2b", "SMUGGLES_ON", "g1", "road", "rumoured", 2),
            fact("e2a", "SMUGGLES_ON", "g1", "road", "convicted", 1, 2),
            fact("e2c", "SMUGGLES_ON", "g1", "road", "convicted", 2),
            fact("e3", "COLLUDES_WITH", "gov", "g2", "alleged", 2),
            fact("e4", "SMUGGLES_ON", "road", "g2", "convicted", 1),
        ]
    )
    return store


ONE = RawPath(("gov", "g1", "road"), ("e1", "e2b"))
ONE_AGAIN = RawPath(("gov", "g1", "road"), ("e1", "e2a"))
ONE_MORE = RawPath(("gov", "g1", "road"), ("e1", "e2c"))
TWO = RawPath(("gov", "g2", "road"), ("e3", "e4"))


def test_raw_paths_over_the_same_nodes_are_one_route_with_parallel_facts_strongest_first(store):
    routes = group_by_route(store, [ONE, TWO, ONE_AGAIN, ONE_MORE])
    assert list(routes) == [("gov", "g1", "road"), ("gov", "g2", "road")]
    assert [[e.id for e in hop] for hop in routes[("gov", "g1", "road")]] == [["e1"], ["e2a", "e2c", "e2b"]]
    assert [[e.id for e in hop] for hop in routes[("gov", "g2", "road")]] == [["e3"], ["e4"]]


def test_paths_are_ordered_by_their_weakest_link_then_hops_then_ids(store):
    routes = group_by_route(store, [ONE, TWO, ONE_AGAIN])
    one, two = ("gov", "g1", "road"), ("gov", "g2", "road")
    assert strongest_first(one, routes[one]) < strongest_first(two, routes[two])  # reported beats alleged
    assert strongest_first(one, routes[one]) == (-SCHEMA.rank("reported"), 2, one)
    assert shortest_first(two, routes[two]) == (2, -SCHEMA.rank("alleged"), two)
    paths, total = explain_paths(store, [TWO, ONE, ONE_AGAIN], strongest_first, limit=5)
    assert total == 2 and [p.nodes[1].id for p in paths] == ["g1", "g2"]
    paths, total = explain_paths(store, [TWO, ONE, ONE_AGAIN], strongest_first, limit=1)
    assert total == 2 and [p.nodes[1].id for p in paths] == ["g1"]
    # equal weakest links and lengths: the route's ids decide
    same = [RawPath(("gov", "g2", "road"), ("e3", "e4")), RawPath(("gov", "g1", "road"), ("e3x", "e4x"))]
    store.write([fact("e3x", "COLLUDES_WITH", "gov", "g1", "alleged", 1)])
    store.write([fact("e4x", "SMUGGLES_ON", "g1", "road", "convicted", 1)])
    for order in (strongest_first, shortest_first):
        paths, _ = explain_paths(store, same, order, limit=5)
        assert [p.nodes[1].id for p in paths] == ["g1", "g2"]


def test_a_path_is_as_strong_as_its_weakest_hop_and_names_its_ends(store):
    (path,) = explain_paths(store, [ONE, ONE_AGAIN], strongest_first, limit=5)[0]
    assert (path.start.id, path.corridor.id) == ("gov", "road")
    assert [hop.status for hop in path.hops] == ["reported", "convicted"]
    assert path.weakest == "reported"
    first = path.hops[1].facts[0]
    assert first.sentence == "Group One -[SMUGGLES_ON]-> Road"
    assert [s.says for s in first.sources] == ["says 1", "says 2"]
    backwards = explain_paths(store, [TWO], strongest_first, limit=5)[0][0].hops[1].facts[0]
    assert (backwards.from_node.id, backwards.to_node.id) == ("road", "g2")  # as stated, not as walked


def test_a_source_is_cited_the_same_everywhere(store):
    assert citation(source(1)) == 'Pub 1, "Doc 1", 2020, https://e.org'
    cited = CitedSource("s1", "Pub 1", "Doc 1", "2020", "https://e.org", "says 1")
    assert cited.document == source(1)
    assert cited.citation() == 'Pub 1, "Doc 1", 2020, https://e.org'


def test_the_table_has_a_row_per_fact_with_its_sources_joined(store):
    paths, _ = explain_paths(store, [ONE, ONE_AGAIN, TWO], strongest_first, limit=5)
    frame = paths_frame(paths)
    assert list(frame.columns) == FRAME_COLUMNS
    rows = frame.to_dict("records")
    assert [(r["path"], r["hop"], r["from_id"], r["to_id"], r["status"]) for r in rows] == [
        (1, 1, "gov", "g1", "reported"),
        (1, 2, "g1", "road", "convicted"),
        (1, 2, "g1", "road", "rumoured"),
        (2, 1, "gov", "g2", "alleged"),
        (2, 2, "road", "g2", "convicted"),
    ]
    second = rows[1]
    assert (second["start"], second["end"], second["path_weakest"]) == ("Government", "Road", "reported")
    assert (second["from"], second["type"], second["to"]) == ("Group One", "SMUGGLES_ON", "Road")
    assert (second["valid_from"], second["valid_to"]) == (None, None)
    assert second["sources"] == 'Pub 1, "Doc 1", 2020, https://e.org | Pub 2, "Doc 2", 2020, https://e.org'
    assert second["says"] == "says 1 | says 2"
    empty = paths_frame([])
    assert list(empty.columns) == FRAME_COLUMNS and len(empty) == 0


def test_an_as_of_date_must_be_a_day():
    assert check_as_of(None) is None
    assert check_as_of("2020-02-29") == "2020-02-29"
    for bad in ("2021-02-29", "2020-02", "yesterday"):
        with pytest.raises(CsnError, match=rf"^as-of date '{bad}' is not a date \(YYYY-MM-DD\)$"):
            check_as_of(bad)
