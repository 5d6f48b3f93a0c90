"""The curated listings checked against each imported list, on the project's own list fixtures.

OFAC's CSV gives no listing dates (tests/fixtures/lists/ofac): a curated listing that such a list
holds agrees whatever its date. An invented dated list shows the other verdicts.
"""

from __future__ import annotations

import pytest

from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.listing import ListEdition, ListImport, entry_id, listing_edge_id
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.resolution.merging import merge
from csn.loaders.resolution.resolutions import Decision
from csn.queries.crosscheck import crosscheck, crosscheck_report
from tests.conftest import FIXTURE, FIXTURES

OFAC = FIXTURES / "lists" / "ofac"
OFAC_DATE = "2024-03-01"


def curated_listing(subject: str, rel_type: str, authority: str, valid_from: str | None) -> Edge:
    status = "designated" if rel_type == "DESIGNATED_BY" else "sanctioned"
    return Edge(
        f"{subject}-{rel_type.lower()}-{authority}",
        rel_type,
        subject,
        authority,
        status,
        (Citation("src-court", "curated"),),
        valid_from=valid_from,
    )


def decided(a: str, b: str) -> Decision:
    return Decision(a, b, True, "a reviewer", "2026-12-01", "same entity")


def court_source(date: str) -> Node:
    properties = {
        "publisher": "Aland High Court",
        "title": "Court list",
        "date": date,
        "url": "https://e.org/c",
    }
    return Node(f"court-list-{date}", "Source", "Court list", properties)


def dated_list(date: str, entries: list[tuple[str, str, str | None]]) -> ListImport:
    """An invented list of the fixture's court that dates its listings: (number, name, since).
    The listing of entry 3 was carried over from an edition of 2020, which it cites first."""
    source = court_source(date)
    older = court_source("2020-01-01")
    nodes: list = [source, older]
    edges = []
    for number, name, since in entries:
        node = Node(entry_id("court-list", number), "SmugglingNetwork", name)
        nodes.append(node)
        edges.append(
            Edge(
                listing_edge_id(node.id, "SANCTIONED_BY", "court-a"),
                "SANCTIONED_BY",
                node.id,
                "court-a",
                "sanctioned",
                (
                    *([Citation(older.id, "carried")] if number == "3" else []),
                    Citation(source.id, f"entry {number}"),
                ),
                valid_from=since,
                properties={"reference": number, "list": "court-list"},
            )
        )
    return ListImport(ListEdition("court-list", date, source, ("court-a",)), [*nodes, *edges])


@pytest.fixture
def checked():
    curated = [
        *load_seed(FIXTURE),
        Node("ofac", "Authority", "Office of Foreign Assets Control"),
        Node("jose-perez", "Person", "José Luis Pérez Gómez"),
        Node("tren", "CriminalGroup", "Tren del Norte"),
        Node("fleet", "SmugglingNetwork", "Night Fleet"),
        Node("boats", "SmugglingNetwork", "Boat Ring"),
        # held by the OFAC fixture, which dates nothing: each agrees, dated or not
        curated_listing("jose-perez", "DESIGNATED_BY", "ofac", "2019-05-01"),
        curated_listing("tren", "DESIGNATED_BY", "ofac", None),
        # not held by it: before the edition, undated, and after the edition
        curated_listing("minister", "SANCTIONED_BY", "ofac", OFAC_DATE),
        curated_listing("minister", "DESIGNATED_BY", "ofac", "2023"),  # same name: by id, after
        curated_listing("cartel", "DESIGNATED_BY", "ofac", None),
        curated_listing("gang", "DESIGNATED_BY", "ofac", "2024-03-02"),
        # the dated court list: the same date, another date, a curated listing without a date
        curated_listing("smugglers", "SANCTIONED_BY", "court-a", "2021-06-01"),
        curated_listing("fleet", "SANCTIONED_BY", "court-a", "2021-06-01"),
        curated_listing("boats", "SANCTIONED_BY", "court-a", None),
    ]
    court = dated_list(
        "2022-01-01",
        [
            ("1", "COYOTES", "2021-06-01"),
            ("2", "FLEET", "2021-07-15"),
            ("3", "BOATS", "2020-02-02"),
            ("4", "FLEET TWO", "2021-05-01"),
        ],
    )
    decisions = [
        decided("jose-perez", "ofac-sdn-36001"),
        decided("tren", "ofac-sdn-36002"),
        decided("smugglers", "court-list-1"),
        decided("fleet", "court-list-2"),
        decided("fleet", "court-list-4"),
        decided("boats", "court-list-3"),
    ]
    records, report = merge(curated, [read_ofac(OFAC, OFAC_DATE), court], decisions)
    assert report.dropped_edges == []
    store = MemoryStore()
    store.write(records)
    return crosscheck(store)


def verdicts(checked, key: str) -> list[tuple[str, str | None, str]]:
    (listed,) = [c for c in checked if c.key == key]
    return [(r.entity.id, r.curated.valid_from, r.verdict) for r in listed.rows]


def test_an_undated_list_agrees_with_every_curated_listing_it_holds(checked):
    assert [c.key for c in checked] == ["court-list", "ofac-sdn"]
    assert verdicts(checked, "ofac-sdn") == [
        ("jose-perez", "2019-05-01", "agrees"),
        ("tren", None, "agrees"),
        ("minister", "2023", "not on the list"),  # by name: Ana Ríos, then Río Cartel; then by id
        ("minister", OFAC_DATE, "not on the list"),
        ("cartel", None, "not on the list"),
        ("gang", "2024-03-02", "after the edition"),
    ]
    ofac = checked[1]
    assert ofac.date == OFAC_DATE
    (jose,) = [r for r in ofac.rows if r.entity.id == "jose-perez"]
    assert [e.id for e in jose.listed] == ["ofac-sdn-36001--designated-by--ofac"]
    assert jose.authority.id == "ofac" and jose.list_key == "ofac-sdn"


def test_a_dated_list_agrees_only_on_the_same_date(checked):
    assert verdicts(checked, "court-list") == [
        ("boats", None, "agrees"),
        ("smugglers", "2021-06-01", "agrees"),
        ("fleet", "2021-06-01", "different dates"),
    ]
    assert checked[0].date == "2022-01-01"


def test_the_report_counts_each_verdict_and_names_the_listings_to_look_at(checked):
    assert crosscheck_report(checked) == "\n".join(
        [
            "Curated listings checked against each imported list:",
            "  court-list, edition of 2022-01-01:",
            "    agrees: 2",
            "    different dates: 1",
            "      Night Fleet -[SANCTIONED_BY]-> Aland High Court, curated 2021-06-01; "
            "the list: 2021-05-01, 2021-07-15",
            "    not on the list: 0",
            "    after the edition: 0",
            "  ofac-sdn, edition of 2024-03-01:",
            "    agrees: 2",
            "    different dates: 0",
            "    not on the list: 3",
            "      Ana Ríos -[DESIGNATED_BY]-> Office of Foreign Assets Control, curated 2023",
            "      Ana Ríos -[SANCTIONED_BY]-> Office of Foreign Assets Control, curated 2024-03-01",
            "      Río Cartel -[DESIGNATED_BY]-> Office of Foreign Assets Control, curated undated",
            "    after the edition: 1",
        ]
    )
    assert crosscheck_report([]) == "No official list has been imported."


def test_a_list_whose_listings_cite_nothing_has_no_edition_date():
    store = MemoryStore()
    store.write(
        [
            Node("ofac", "Authority", "OFAC"),
            Node("p", "Person", "P"),
            Edge("listed", "SANCTIONED_BY", "p", "ofac", "sanctioned", (), properties={"list": "bare"}),
        ]
    )
    (bare,) = crosscheck(store)
    assert (bare.key, bare.date, bare.rows) == ("bare", "", ())
