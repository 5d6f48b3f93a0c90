"""The embedded store itself: writing and replacing records, reading them back, the trace walk's bounds."""

from __future__ import annotations

import pickle

import pytest

from csn.graph.errors import NotFound, QueryBoundExceeded
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.graph.store import EdgeFilter, PathQuery, RawPath

CITED = (Citation("src", "says so"),)


def edge(edge_id: str, rel_type: str, a: str, b: str, status: str = "reported", **dates) -> Edge:
    return Edge(edge_id, rel_type, a, b, status, CITED, **dates)


@pytest.fixture
def store():
    store = MemoryStore()
    store.write(
        [
            Node(
                "src",
                "Source",
                "Zeta report",
                {"publisher": "P", "title": "T", "date": "2020", "url": "https://e.org"},
            ),
            Node("gov", "StateBody", "Government"),
            Node("boss", "Person", "Ana Boss", {"aliases": ["La Jefa"]}),
            Node("band", "CriminalGroup", "Band", {"aliases": ["ana boss"]}),
            Node("road", "MigrationCorridor", "Road", {"mode": "land"}),
            Node("sea", "MigrationCorridor", "Sea", {"mode": "sea"}),
            edge("office", "HOLDS_OFFICE", "boss", "gov", "official_finding", valid_to="2015"),
            edge("leads", "LEADS", "boss", "band"),
            edge("on-road", "SMUGGLES_ON", "band", "road"),
            edge("on-sea", "SMUGGLES_ON", "band", "sea", "rumoured"),
            edge("self", "FAMILY_OF", "boss", "boss"),
        ]
    )
    return store


def test_records_read_back_by_id_and_unknown_ids_are_named(store):
    assert store.counts() == (6, 5)
    assert store.node("boss").aliases == ["La Jefa"]
    with pytest.raises(NotFound, match=r"^no entity with id 'nobody'$"):
        store.node("nobody")
    assert set(store.nodes(["boss", "nobody", "gov"])) == {"boss", "gov"}
    assert sorted(n.id for n in store.all_nodes()) == ["band", "boss", "gov", "road", "sea", "src"]
    assert sorted(e.id for e in store.all_edges()) == ["leads", "office", "on-road", "on-sea", "self"]
    assert all(isinstance(e, Edge) for e in store.all_edges())
    assert set(store.edges(["leads", "nothing", "self"])) == {"leads", "self"}
    assert store.edges(["leads"])["leads"].to_id == "band"


def test_the_edges_of_a_node_are_each_listed_once_in_id_order(store):
    assert [e.id for e in store.edges_of("boss")] == ["leads", "office", "self"]
    assert [e.id for e in store.edges_of("band")] == ["leads", "on-road", "on-sea"]
    with pytest.raises(NotFound):
        store.edges_of("nobody")


def test_names_find_nodes_by_key_and_by_part_sources_left_out(store):
    assert [n.id for n in store.find_by_key("ana boss")] == ["band", "boss"]
    assert store.find_by_key("nobody") == []
    assert [n.id for n in store.find_containing("a")] == ["band", "boss", "road", "sea"]
    assert [n.id for n in store.find_containing("a", limit=2)] == ["band", "boss"]
    assert store.find_containing("zeta") == []  # a Source, never an answer
    assert store.names() == [
        ("band", "Band"),
        ("boss", "Ana Boss"),
        ("gov", "Government"),
        ("road", "Road"),
        ("sea", "Sea"),
    ]
    assert store.ids_with_labels(["MigrationCorridor", "StateBody"]) == ["gov", "road", "sea"]


def test_rewriting_a_record_replaces_it_and_its_search_keys(store):
    store.write([Node("boss", "Person", "Bo Boss")])
    assert store.find_by_key("la jefa") == [] and [n.id for n in store.find_by_key("bo boss")] == ["boss"]
    assert [n.id for n in store.find_by_key("ana boss")] == ["band"]
    store.write([edge("leads", "LEADS", "boss", "gov")])  # the same id between other ends
    assert store.counts() == (6, 5)
    assert [e.id for e in store.edges_of("band")] == ["on-road", "on-sea"]
    assert store.edges(["leads"])["leads"].to_id == "gov"
    store.clear()
    assert store.counts() == (0, 0) and store.find_by_key("bo boss") == [] and store.edges(["leads"]) == {}
    store.write([Node("boss", "Person", "Bo Boss")])
    assert [n.id for n in store.find_by_key("bo boss")] == ["boss"]


def test_rewriting_one_of_two_parallel_edges_keeps_the_other(store):
    store.write([edge("leads-too", "LEADS", "boss", "band", "alleged")])
    store.write([edge("leads", "LEADS", "boss", "band", "convicted")])
    both = store.edges(["leads", "leads-too"])
    assert (both["leads"].status, both["leads-too"].status) == ("convicted", "alleged")
    assert store.counts() == (6, 6)


def test_a_search_by_part_of_a_name_gives_twenty_at_most_unless_told(store):
    store.write([Node(f"gang-{n:02d}", "CriminalGroup", f"Gang {n}") for n in range(25)])
    assert len(store.find_containing("gang")) == 20
    assert len(store.find_containing("gang", limit=25)) == 25


def test_a_write_with_an_edge_to_an_unknown_node_writes_nothing(store):
    batches: list[int] = []
    with pytest.raises(NotFound, match="edges join unknown nodes, so nothing was written: bad"):
        store.write(
            [Node("new", "Person", "New"), edge("bad", "LEADS", "new", "ghost")], on_batch=batches.append
        )
    assert store.counts() == (6, 5) and batches == []
    store.write([Node("new", "Person", "New"), edge("ok", "LEADS", "new", "band")], on_batch=batches.append)
    assert batches == [1, 1] and store.counts() == (7, 6)
    store.write([edge("ok2", "LEADS", "new", "band")], on_batch=batches.append)
    assert batches == [1, 1, 1]


def test_state_actors_are_state_bodies_and_office_holders_on_the_day(store):
    assert store.state_actor_ids(EdgeFilter()) == ["boss", "gov"]
    assert store.state_actor_ids(EdgeFilter(as_of="2016-01-01")) == ["gov"]
    assert store.state_actor_ids(EdgeFilter(min_rank=99)) == ["gov"]


def test_the_trace_walk_stops_at_max_paths_and_says_so(store):
    both = store.find_paths(PathQuery())
    assert sorted(p.node_ids for p in both.paths) == [("boss", "band", "road"), ("boss", "band", "sea")]
    assert both.truncated is False
    assert len(store.find_paths(PathQuery(max_paths=2)).paths) == 2
    assert not store.find_paths(PathQuery(max_paths=3)).truncated
    cut = store.find_paths(PathQuery(max_paths=1))
    assert len(cut.paths) == 1 and cut.truncated
    assert (
        store.find_paths(PathQuery(start_ids=("nobody", "band"))).paths == []
    )  # not in the store, not a state actor
    assert [p.node_ids for p in store.find_paths(PathQuery(end_ids=("sea",))).paths] == [
        ("boss", "band", "sea")
    ]
    assert store.find_paths(PathQuery(max_hops=1)).paths == []


def test_a_walk_past_its_time_bound_stops_with_the_bound_named(store):
    store.query_seconds = -1.0
    with pytest.raises(QueryBoundExceeded, match=r"^the search ran past its bound of -1 s; use fewer hops"):
        store.find_paths(PathQuery())


def test_connect_and_neighbourhood_name_an_unknown_end(store):
    with pytest.raises(NotFound, match="'ghost'"):
        store.connect_paths("boss", "ghost", EdgeFilter(), 3, 1, 10)
    with pytest.raises(NotFound, match="'ghost'"):
        store.connect_paths("ghost", "boss", EdgeFilter(), 3, 1, 10)
    with pytest.raises(NotFound, match="'ghost'"):
        store.neighbourhood("ghost", 1, EdgeFilter())
    found = store.connect_paths("gov", "road", EdgeFilter(), 4, 1, 10)
    assert [p.node_ids for p in found.paths] == [("gov", "boss", "band", "road")]
    store.write(
        [
            Node("crew", "CriminalGroup", "Crew"),
            edge("leads-crew", "LEADS", "boss", "crew"),
            edge("ally", "ALLIED_WITH", "crew", "band"),
        ]
    )
    shortest = store.connect_paths("boss", "band", EdgeFilter(), 4, 1, 10)
    assert [p.node_ids for p in shortest.paths] == [("boss", "band")]
    two = store.connect_paths("boss", "band", EdgeFilter(), 4, 2, 10)
    assert [p.node_ids for p in two.paths] == [("boss", "band"), ("boss", "crew", "band")]
    assert store.neighbourhood("boss", 1, EdgeFilter()).distances == {
        "boss": 0,
        "gov": 1,
        "band": 1,
        "crew": 1,
    }
    assert store.shortest_between(["gov"], ["road"], EdgeFilter(), 4) == [
        RawPath(("gov", "boss", "band", "road"), ("office", "leads", "on-road"))
    ]


def test_a_pickled_store_keeps_packed_rows_and_reads_back_the_same_records(store):
    nodes, edges = sorted(store.all_nodes(), key=str), sorted(store.all_edges(), key=str)
    copy = pickle.loads(pickle.dumps(store))
    kept = [a["record"] for _, a in copy.graph.nodes(data=True)]
    kept += [a["record"] for *_, a in copy.graph.edges(keys=True, data=True)]
    assert len(kept) == 11 and all(type(row) is bytes for row in kept)  # made only when asked for
    assert sorted(copy.all_nodes(), key=str) == nodes and sorted(copy.all_edges(), key=str) == edges
    assert copy.edges_of("band") == store.edges_of("band")
    assert copy.node("boss") == store.node("boss")
    assert sorted(store.all_edges(), key=str) == edges  # the pickled store reads the same too
