"""The investigator's queries on the small invented network, on both stores, with the actual
answers; and on the seed data, where both stores must agree."""

import pytest

from csn.graph.errors import Ambiguous, CsnError, NotFound, QueryBoundExceeded, SchemaError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.queries.brokers import brokers
from csn.queries.connect import connect
from csn.queries.corridor import corridor_report
from csn.queries.lookup import resolve
from csn.queries.neighbourhood import neighbourhood
from csn.queries.profile import profile, profile_frame
from csn.queries.trace import trace
from csn.visualize.profile_report import profile_markdown


def routes(paths):
    return [tuple(n.id for n in p.nodes) for p in paths]


# -- connect ---------------------------------------------------------------------------------


def test_connect_shortest_first_then_strongest(fixture_store):
    result = connect(fixture_store, "Ana Ríos", "Harbour Gang", k=2)
    assert routes(result.paths) == [
        ("minister", "gov-a", "police-a", "gang"),
        ("minister", "ex-official", "smugglers", "gang"),
    ]
    assert [p.weakest for p in result.paths] == ["alleged", "rumoured"]
    assert not result.truncated
    assert connect(fixture_store, "minister", "gang", k=1).truncated


def test_connect_filters(fixture_store):
    assert routes(connect(fixture_store, "minister", "gang", min_status="alleged").paths) == [
        ("minister", "gov-a", "police-a", "gang")
    ]
    assert routes(
        connect(fixture_store, "minister", "gang", labels=["Person", "SmugglingNetwork"]).paths
    ) == [("minister", "ex-official", "smugglers", "gang")]
    assert routes(
        connect(fixture_store, "minister", "gang", types=["FAMILY_OF", "LEADS", "ALLIED_WITH"]).paths
    ) == [("minister", "ex-official", "smugglers", "gang")]
    assert connect(fixture_store, "minister", "gang", as_of="2016-01-01").paths == []
    assert connect(fixture_store, "minister", "gang", max_hops=2).paths == []


def test_connect_cites_each_hop(fixture_store):
    (path,) = connect(fixture_store, "minister", "cartel", k=1).paths
    (fact,) = path.hops[0].facts
    assert fact.edge.status == "convicted"
    assert [s.url for s in fact.sources] == ["https://example.org/verdict"]


def test_connect_refuses_bad_input(fixture_store):
    with pytest.raises(SchemaError, match="unknown relationship type 'BRIBES'"):
        connect(fixture_store, "minister", "gang", types=["BRIBES"])
    with pytest.raises(CsnError, match="max hops must be from 1 to 8, not 9"):
        connect(fixture_store, "minister", "gang", max_hops=9)
    with pytest.raises(CsnError, match="are the same entity"):
        connect(fixture_store, "minister", "The Minister")


# -- neighbourhood ---------------------------------------------------------------------------


def test_neighbourhood_pages_nearest_first(fixture_store):
    result = neighbourhood(fixture_store, "minister", hops=1, limit=2)
    assert [(n.id, d) for n, d in result.nodes] == [("cartel", 1), ("court-a", 1)]
    assert (result.total, result.more) == (4, 2)
    assert [e.type for e in result.edges] == ["COLLUDES_WITH", "CONVICTED_BY"]
    second = neighbourhood(fixture_store, "minister", hops=1, limit=2, offset=2)
    assert [n.id for n, _ in second.nodes] == ["ex-official", "gov-a"] and second.more == 0


def test_neighbourhood_two_hops_and_filters(fixture_store):
    result = neighbourhood(fixture_store, "minister", hops=2)
    assert [(n.id, d) for n, d in result.nodes] == [
        ("cartel", 1),
        ("court-a", 1),
        ("ex-official", 1),
        ("gov-a", 1),
        ("police-a", 2),
        ("river-route", 2),
        ("smugglers", 2),
    ]
    assert [n.id for n, _ in neighbourhood(fixture_store, "minister", types=["FAMILY_OF"]).nodes] == [
        "ex-official"
    ]
    assert [n.id for n, _ in neighbourhood(fixture_store, "minister", min_status="convicted").nodes] == [
        "cartel",
        "court-a",
    ]
    assert [n.id for n, _ in neighbourhood(fixture_store, "minister", labels=["StateBody"]).nodes] == [
        "gov-a"
    ]
    with pytest.raises(CsnError, match="hops must be from 1 to 3, not 4"):
        neighbourhood(fixture_store, "minister", hops=4)


# -- profile ---------------------------------------------------------------------------------


def test_profile_groups_facts_and_orders_the_timeline(fixture_store):
    result = profile(fixture_store, "Ana Rios")
    assert list(result.by_type()) == ["HOLDS_OFFICE", "COLLUDES_WITH", "FAMILY_OF", "CONVICTED_BY"]
    assert [(f.date, f.edge.type) for f in result.timeline()] == [
        ("2010-01", "HOLDS_OFFICE"),
        ("2012", "COLLUDES_WITH"),
        ("2016-05-02", "CONVICTED_BY"),
        (None, "FAMILY_OF"),
    ]
    frame = profile_frame(result)
    assert list(frame["type"]) == ["HOLDS_OFFICE", "COLLUDES_WITH", "CONVICTED_BY", "FAMILY_OF"]
    assert list(frame["direction"]) == ["out", "out", "out", "in"]


def test_profile_as_of_leaves_out_later_facts(fixture_store):
    result = profile(fixture_store, "minister", as_of="2014-01-01")
    assert sorted(f.edge.type for f in result.facts) == ["COLLUDES_WITH", "FAMILY_OF", "HOLDS_OFFICE"]


def test_profile_markdown_has_numbered_footnotes(fixture_store):
    text = profile_markdown(profile(fixture_store, "minister"))
    assert text.startswith("# Ana Ríos\n\nPerson, id `minister`\nAlso known as: The Minister\n")
    assert "- `-[COLLUDES_WITH]->` Río Cartel (convicted, since 2012)[^1]\n" in text
    assert "- `<-[FAMILY_OF]-` Bo Ríos (reported, dates unknown)[^2]\n" in text
    assert (
        '[^1]: Test Court Records, "Verdict in the minister case", 2016-05-02, <https://example.org/verdict>'
        in text
    )


# -- brokers ---------------------------------------------------------------------------------


def test_brokers_rank_who_sits_between_state_and_crime(fixture_store):
    found = brokers(fixture_store)
    assert [(b.node.id, b.score, b.pairs) for b in found] == [
        ("minister", 2.5, 3),
        ("ex-official", 2.0, 3),
        ("police-a", 2.0, 3),
        ("gang", 1.5, 2),
        ("gov-a", 1.5, 2),
        ("smugglers", 0.5, 1),
    ]
    assert ("gov-a", "minister", "cartel") in routes(found[0].paths)
    assert all("minister" in route[1:-1] for route in routes(found[0].paths))


def test_brokers_as_of(fixture_store):
    # In 2014 the minister is in office and colludes; the gang ties and the LEADS edge come later.
    found = brokers(fixture_store, as_of="2014-01-01")
    assert [(b.node.id, b.score) for b in found] == [("minister", 2.0), ("gov-a", 1.0)]


# -- corridor report -------------------------------------------------------------------------


def test_corridor_report(fixture_store):
    report = corridor_report(fixture_store, "River route")
    assert [(f.actor.id, f.strongest, len(f.paths)) for f in report.feeders] == [
        ("minister", "reported", 2),
        ("police-a", "alleged", 1),
    ]
    assert [g.id for g in report.feeders[0].groups] == ["cartel", "gang", "smugglers"]
    assert [(s.leg.type, s.place.id) for s in report.stops] == [("PASSES_THROUGH", "harbour-town")]
    with pytest.raises(CsnError, match="'Harbour Gang' is a CriminalGroup, not a migration corridor"):
        corridor_report(fixture_store, "Harbour Gang")


# -- finding entities ------------------------------------------------------------------------


def test_lookup_by_alias_ignoring_case_and_accents(seed_store):
    assert resolve(seed_store, "JOH").id == "juan-orlando-hernandez"
    assert resolve(seed_store, "joh").id == "juan-orlando-hernandez"
    assert resolve(seed_store, "Moise").id == "jovenel-moise"
    assert resolve(seed_store, "CHERIZIER").id == "jimmy-cherizier"
    with pytest.raises(Ambiguous) as caught:
        resolve(seed_store, "Hernandez")
    assert {"juan-orlando-hernandez", "tony-hernandez"} <= {c[0] for c in caught.value.candidates}
    with pytest.raises(NotFound, match="did you mean 'Jimmy Chérizier'"):
        resolve(seed_store, "Jimmy Cherizer")


# -- time ------------------------------------------------------------------------------------


def test_hernandez_as_it_stood(seed_store):
    before = {f.edge.type for f in profile(seed_store, "JOH", as_of="2025-01-01").facts}
    after = {f.edge.type for f in profile(seed_store, "JOH", as_of="2025-12-01").facts}
    assert "CONVICTED_BY" in before and "SENTENCED_BY" in before and "PARDONED_BY" not in before
    assert "PARDONED_BY" in after


# -- both stores agree on the seed -----------------------------------------------------------


def test_queries_are_equal_on_both_stores(memory_seed_store, neo4j_seed_store):
    for store_a, store_b in [(memory_seed_store, neo4j_seed_store)]:
        assert connect(store_a, "JOH", "Tren de Aragua", k=4) == connect(
            store_b, "JOH", "Tren de Aragua", k=4
        )
        assert connect(
            store_a,
            "Daniel Ortega",
            "Michel Martelly",
            k=3,
            types=None,
            labels=["Person", "StateBody", "SmugglingNetwork", "MigrationCorridor", "CriminalGroup", "Place"],
        ) == connect(
            store_b,
            "Daniel Ortega",
            "Michel Martelly",
            k=3,
            labels=["Person", "StateBody", "SmugglingNetwork", "MigrationCorridor", "CriminalGroup", "Place"],
        )
        for hops in (1, 2):
            assert neighbourhood(store_a, "Tren de Aragua", hops=hops, limit=100) == neighbourhood(
                store_b, "Tren de Aragua", hops=hops, limit=100
            )
        assert profile(store_a, "JOH", as_of="2025-01-01") == profile(store_b, "JOH", as_of="2025-01-01")
        assert brokers(store_a) == brokers(store_b)
        assert brokers(store_a, as_of="2020-01-01", min_status="charged") == brokers(
            store_b, as_of="2020-01-01", min_status="charged"
        )
        for corridor in ("managua-air-bridge", "darien-overland-route"):
            assert corridor_report(store_a, corridor) == corridor_report(store_b, corridor)


# -- bounds ----------------------------------------------------------------------------------


def _clique(with_corridor: bool) -> list:
    """Fourteen groups all allied with each other: paths up to ten hops number in the billions."""
    source = Node(
        "s", "Source", "T", {"publisher": "P", "title": "T", "date": "2024", "url": "https://example.org"}
    )
    cite = (Citation("s", "x"),)
    groups = [Node(f"g{i}", "CriminalGroup", f"Group {i}") for i in range(14)]
    edges = [
        Edge(f"a{i}-{j}", "ALLIED_WITH", f"g{i}", f"g{j}", "reported", cite)
        for i in range(14)
        for j in range(i + 1, 14)
    ]
    records = [
        source,
        Node("state", "StateBody", "State"),
        *groups,
        *edges,
        Edge("c", "COLLUDES_WITH", "state", "g0", "reported", cite),
    ]
    if with_corridor:
        records += [
            Node("corridor", "MigrationCorridor", "Corridor", {"mode": "land"}),
            Edge("k", "SMUGGLES_ON", "g13", "corridor", "rumoured", cite),
        ]
    return records


def test_pathological_trace_stops_at_its_time_bound_in_memory():
    store = MemoryStore(query_seconds=1)
    store.write(_clique(with_corridor=False))
    with pytest.raises(
        QueryBoundExceeded, match="ran past its bound of 1 s; use fewer hops or narrower filters"
    ):
        trace(store, max_hops=10)


@pytest.mark.neo4j
def test_pathological_trace_stops_at_its_time_bound_on_neo4j(neo4j_store):
    neo4j_store.clear()
    neo4j_store.loaded = None
    neo4j_store.write(_clique(with_corridor=True))
    neo4j_store.query_seconds = 1
    try:
        with pytest.raises(QueryBoundExceeded, match="ran past its bound of 1 s and was stopped"):
            trace(neo4j_store, max_hops=10)
    finally:
        neo4j_store.query_seconds = 30.0
