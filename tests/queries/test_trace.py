"""Trace semantics on the small invented network (tests/fixtures/network.yaml)."""

import pytest

from csn.graph.errors import Ambiguous, CsnError, NotFound
from csn.graph.schema import SCHEMA
from csn.loaders.curated.seed import load_seed
from csn.queries.trace import trace, trace_frame
from tests.conftest import STORES, TESTS, _store_with

NO_GROUP = TESTS / "fixtures" / "no-group.yaml"


def routes(result):
    return [tuple(n.id for n in p.nodes) for p in result.paths]


def test_all_paths_strongest_first(fixture_store):
    result = trace(fixture_store)
    assert routes(result) == [
        ("minister", "cartel", "river-route"),
        ("minister", "ex-official", "smugglers", "air-route"),
        ("police-a", "gang", "harbour-town", "river-route"),
        ("police-a", "gang", "smugglers", "air-route"),
        ("minister", "ex-official", "smugglers", "gang", "harbour-town", "river-route"),
    ]
    assert [p.weakest for p in result.paths] == ["reported", "alleged", "alleged", "rumoured", "rumoured"]
    assert not result.truncated


def test_hops_keep_stated_direction_and_sources(fixture_store):
    path = trace(fixture_store, start="police-a", corridor="river-route").paths[0]
    (last,) = path.hops[-1].facts
    assert (last.from_node.id, last.edge.type, last.to_node.id) == (
        "river-route",
        "PASSES_THROUGH",
        "harbour-town",
    )
    (first,) = path.hops[0].facts
    assert first.edge.status == "alleged"
    (source,) = first.sources
    assert (source.publisher, source.date, source.url) == (
        "Test Gazette",
        "2021-03",
        "https://example.org/gazette",
    )
    assert source.says == "officers are said to protect the gang"


def test_government_is_not_repeated_through_its_officials(fixture_store):
    # gov-a -> minister -> cartel would repeat the minister's path: inner state actors are cut.
    assert all("gov-a" not in route for route in routes(trace(fixture_store)))


def test_legal_actions_are_not_walked(fixture_store):
    assert all("court-a" not in route for route in routes(trace(fixture_store)))


def test_hop_bound(fixture_store):
    assert max(len(p.hops) for p in trace(fixture_store, max_hops=5).paths) == 5
    assert routes(trace(fixture_store, max_hops=2)) == [("minister", "cartel", "river-route")]
    assert routes(trace(fixture_store, max_hops=1)) == []
    with pytest.raises(CsnError, match="max hops must be from 1 to 10, not 0"):
        trace(fixture_store, max_hops=0)


def test_min_status_drops_weaker_edges(fixture_store):
    assert routes(trace(fixture_store, min_status="alleged")) == routes(trace(fixture_store))[:3]
    assert routes(trace(fixture_store, min_status="reported")) == [("minister", "cartel", "river-route")]
    assert routes(trace(fixture_store, min_status="official_finding")) == []


def test_as_of_keeps_only_facts_that_held(fixture_store):
    # On 2014-01-01 the minister is in office and colludes; the gang controls nothing yet.
    assert routes(trace(fixture_store, as_of="2014-01-01")) == [("minister", "cartel", "river-route")]
    # From July 2015 she is out of office: no longer a state actor, only a person on a path.
    assert routes(trace(fixture_store, as_of="2020-06-01")) == [
        ("police-a", "gang", "harbour-town", "river-route"),
        ("police-a", "gang", "smugglers", "ex-official", "minister", "cartel", "river-route"),
    ]
    # A partial valid_to covers its whole month: still in office on 2015-06-30.
    assert routes(trace(fixture_store, as_of="2015-06-30"))[0] == ("minister", "cartel", "river-route")
    assert routes(trace(fixture_store, as_of="2015-07-01")) == []


def test_weakest_link_is_the_weakest_hop(fixture_store):
    path = trace(fixture_store, start="police-a", corridor="air-route").paths[0]
    assert [h.status for h in path.hops] == ["alleged", "rumoured", "sanctioned"]
    assert path.weakest == "rumoured"


def test_names_resolve_case_and_accent_insensitively(fixture_store):
    assert routes(trace(fixture_store, start="ana rios", corridor="RIVER ROUTE"))[0][0] == "minister"
    assert routes(trace(fixture_store, start="the minister", max_hops=2)) == [
        ("minister", "cartel", "river-route")
    ]


def test_bad_names_and_starts(fixture_store):
    with pytest.raises(NotFound, match="no entity named 'Ana Rioss'; did you mean 'Ana Ríos'"):
        trace(fixture_store, start="Ana Rioss")
    with pytest.raises(Ambiguous, match="'rios' matches 2 entities"):
        trace(fixture_store, start="rios")
    with pytest.raises(CsnError, match="'Harbour Gang' is a CriminalGroup with no office in a state body"):
        trace(fixture_store, start="Harbour Gang")
    with pytest.raises(CsnError, match="'Harbour Gang' is a CriminalGroup, not a migration corridor"):
        trace(fixture_store, corridor="Harbour Gang")
    with pytest.raises(CsnError, match="as-of date '2020-02-30' is not a date"):
        trace(fixture_store, as_of="2020-02-30")


def test_limit_marks_truncation(fixture_store):
    result = trace(fixture_store, limit=2)
    assert len(result.paths) == 2 and result.truncated


def test_dataframe_has_one_row_per_hop(fixture_store):
    result = trace(fixture_store)
    frame = trace_frame(result)
    assert len(frame) == sum(len(h.facts) for p in result.paths for h in p.hops) == 16
    first = frame.iloc[0]
    assert (first["path"], first["hop"], first["from_id"], first["type"], first["to_id"]) == (
        1,
        1,
        "minister",
        "COLLUDES_WITH",
        "cartel",
    )
    assert first["status"] == "convicted" and first["path_weakest"] == "reported"
    assert "Test Court Records" in first["sources"] and first["says"] == "took bribes from the Río Cartel"


def test_parallel_facts_make_one_hop_strongest_first(fixture_records, tmp_path):
    from csn.graph.memory_store import MemoryStore
    from csn.graph.model import Citation, Edge

    store = MemoryStore()
    store.write(fixture_records)
    again = Edge(
        "cartel-smuggles-2",
        "SMUGGLES_ON",
        "cartel",
        "river-route",
        "sanctioned",
        (Citation("src-court", "sanctioned for it"),),
        valid_from="2014",
    )
    store.write([again])
    result = trace(store, start="minister", max_hops=2)
    (path,) = result.paths
    assert [f.edge.id for f in path.hops[1].facts] == [
        "cartel-smuggles-2",
        "cartel--smuggles-on--river-route--2013",
    ]
    assert path.weakest == "sanctioned"
    assert list(trace_frame(result)["hop"]) == [1, 2, 2]


@pytest.fixture(params=STORES)
def no_group_store(request):
    """tests/fixtures/no-group.yaml: state actors reach corridors with and without a group between."""
    return _store_with(request, "no-group", load_seed(NO_GROUP))


def test_a_path_without_a_criminal_group_or_smuggling_network_is_no_trace(no_group_store):
    # The ministry eases the sky route itself, and its vice minister reaches it through a company:
    # state actors and corridors, but no criminal or smuggling group between them.
    result = trace(no_group_store)
    assert routes(result) == [("sheriff", "port-gang", "sea-route")]
    criminal = set(SCHEMA.labels_with_role("criminal"))
    assert all(any(n.label in criminal for n in path.nodes) for path in result.paths)
    assert trace(no_group_store, corridor="sky-route").paths == []


def _dated(records):
    """The fixture network with two facts dated to the day: the minister in office from 2010-01-04
    to 2015-06-30, and colluding with the cartel from 2013-03-15 to 2014-11-30."""
    import dataclasses

    from csn.graph.model import Edge

    days = {
        "HOLDS_OFFICE": ("2010-01-04", "2015-06-30"),
        "COLLUDES_WITH": ("2013-03-15", "2014-11-30"),
    }

    def dated(record):
        if isinstance(record, Edge) and record.from_id == "minister" and record.type in days:
            return dataclasses.replace(record, valid_from=days[record.type][0], valid_to=days[record.type][1])
        return record

    return [dated(r) for r in records]


@pytest.fixture(params=STORES)
def dated_store(request, fixture_records):
    return _store_with(request, "fixture-dated", _dated(fixture_records))


# the day before a fact holds, its first day, its last day, the day after
COLLUSION_DAYS = [("2013-03-14", False), ("2013-03-15", True), ("2014-11-30", True), ("2014-12-01", False)]
OFFICE_DAYS = [("2010-01-03", False), ("2010-01-04", True), ("2015-06-30", True), ("2015-07-01", False)]


def test_as_of_holds_a_fact_on_its_first_and_last_day_and_not_beyond(dated_store):
    for day, holds in COLLUSION_DAYS:
        found = routes(trace(dated_store, start="minister", max_hops=2, as_of=day))
        assert found == ([("minister", "cartel", "river-route")] if holds else []), day


def test_an_office_makes_a_state_actor_from_its_first_day_to_its_last(dated_store):
    from csn.graph.store import EdgeFilter

    for day, holds in OFFICE_DAYS:
        assert ("minister" in dated_store.state_actor_ids(EdgeFilter(as_of=day))) is holds, day


def test_connect_and_neighbourhood_use_a_fact_from_its_first_day_to_its_last(dated_store):
    from csn.queries.connect import connect
    from csn.queries.neighbourhood import neighbourhood

    for day, holds in COLLUSION_DAYS:
        linked = [
            tuple(n.id for n in p.nodes) for p in connect(dated_store, "minister", "cartel", as_of=day).paths
        ]
        assert (("minister", "cartel") in linked) is holds, day
        near = neighbourhood(dated_store, "minister", hops=1, as_of=day, types=["COLLUDES_WITH"])
        assert [n.id for n, _ in near.nodes] == (["cartel"] if holds else []), day
