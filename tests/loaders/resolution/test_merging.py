"""Merging list entries with curated nodes, keeping editions and delisting, on hand-built editions.

The editions here are built as the readers build them (csn.loaders.lists.listing), on the small
fixture network, so each rule of csn.loaders.resolution.merging and csn.loaders.storage.kept_imports
is shown on a few records.
The same rules on the real OFAC, UN and FtM files are in tests/cli/test_imports.py.
"""

from __future__ import annotations

import dataclasses

import pytest

from csn.graph.errors import DataError
from csn.graph.model import Citation, Edge, Node
from csn.graph.store import EdgeFilter
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.listing import ListEdition, ListImport, entry_id, listing_edge_id
from csn.loaders.resolution.matching import Evidence
from csn.loaders.resolution.merging import merge
from csn.loaders.resolution.resolutions import Decision, append_decision, read_resolutions
from csn.loaders.storage import kept_imports
from csn.workspace.assembly import prepare_import
from tests.conftest import FIXTURE, SEED

DECIDED = Decision("minister", "test-list-1", True, "a reviewer", "2026-12-01", "same person")


def edition(date: str, entries: list[tuple[str, str, dict]], key: str = "test-list") -> ListImport:
    """An edition of an invented list: each entry listed by the fixture's court."""
    source = Node(
        f"{key}-{date}",
        "Source",
        f"Test list, {date}",
        {
            "publisher": "Test Authority",
            "title": "Test list",
            "date": date,
            "url": "https://example.org/list",
        },
    )
    nodes, edges = [source], []
    for number, name, properties in entries:
        node = Node(entry_id(key, number), "Person", name, properties)
        nodes.append(node)
        edges.append(
            Edge(
                listing_edge_id(node.id, "SANCTIONED_BY", "court-a"),
                "SANCTIONED_BY",
                node.id,
                "court-a",
                "sanctioned",
                (Citation(source.id, f"entry {number}"),),
                properties={"reference": number, "list": key},
            )
        )
    return ListImport(ListEdition(key, date, source, ("court-a",)), [*nodes, *edges])


@pytest.fixture(scope="module")
def curated():
    return load_seed(FIXTURE)


def node_named(records, node_id):
    return next(r for r in records if isinstance(r, Node) and r.id == node_id)


def test_a_decision_merges_an_entry_into_the_curated_node_and_changes_nothing_curated(curated):
    listed = edition(
        "2026-01-01", [("1", "RIOS, Ana", {"birth_dates": ["1970-01-02"], "identifiers": ["X: 1"]})]
    )
    merged, report = merge(curated, [listed], [DECIDED])
    minister = node_named(merged, "minister")
    before = node_named(curated, "minister")
    assert report.merged_into == {"test-list-1": "minister"}
    assert (minister.name, minister.label) == (before.name, before.label)
    assert minister.aliases == ["The Minister", "RIOS, Ana"]
    assert minister.properties["birth_dates"] == ["1970-01-02"]
    assert minister.properties["merged_ids"] == ["test-list-1"]
    listing = next(r for r in merged if isinstance(r, Edge) and r.type == "SANCTIONED_BY")
    assert listing.from_id == "minister"
    assert not any(isinstance(r, Node) and r.id == "test-list-1" for r in merged)
    curated_edges = {r.id: r for r in curated if isinstance(r, Edge)}
    assert all(curated_edges[r.id] == r for r in merged if isinstance(r, Edge) and r.id in curated_edges)


def test_without_a_decision_a_name_alone_merges_nothing_and_the_pair_awaits_review(curated):
    listed = edition("2026-01-01", [("1", "RIOS, Ana", {})])
    _, report = merge(curated, [listed], [])
    assert report.merged_into == {}
    assert [(c.a.id, c.b.id, c.evidence.verdict) for c in report.pending] == [
        ("minister", "test-list-1", "candidate")
    ]
    refused = Decision("minister", "test-list-1", False, "a reviewer", "2026-12-01", "another Ana Ríos")
    assert merge(curated, [listed], [refused])[1].pending == []


def test_two_people_of_one_name_stay_apart_and_the_same_person_on_two_lists_merges(curated):
    first = edition("2026-01-01", [("1", "PEREZ, Juan Carlos", {"birth_dates": ["1960-05-01"]})], "list-a")
    namesake = edition("2026-01-01", [("7", "Juan Carlos Pérez", {"birth_dates": ["1981-09-30"]})], "list-b")
    same_person = edition(
        "2026-01-01", [("9", "JUAN CARLOS PEREZ", {"birth_dates": ["1960-05-01"]})], "list-c"
    )
    merged, report = merge(curated, [first, namesake, same_person], [])
    assert report.merged_into == {"list-c-9": "list-a-1"} and report.refused == []
    people = {r.id for r in merged if isinstance(r, Node) and r.label == "Person"}
    assert {"list-a-1", "list-b-7"} <= people and "list-c-9" not in people
    assert report.pending == []  # birth dates disagree: not even proposed


def test_two_curated_nodes_are_never_merged(curated):
    listed = edition("2026-01-01", [("1", "Ana Rios", {})])
    both = [DECIDED, Decision("ex-official", "test-list-1", True, "a reviewer", "2026-12-01", "wrong")]
    _, report = merge(curated, [listed], both)
    assert report.merged_into == {"test-list-1": "minister"}
    assert report.refused == ["ex-official / test-list-1: both are curated nodes"]


def test_a_newer_edition_ends_the_listings_it_no_longer_holds(curated):
    first = edition("2025-01-01", [("1", "Ana Rios", {}), ("2", "Carlos Vega", {})])
    second = edition("2026-01-01", [("1", "Ana Rios", {})])
    outcome = prepare_import(second, curated, [first], [DECIDED])
    (ended,) = outcome.ended
    assert ended.from_id == "test-list-2" and ended.valid_to == "2026-01-01"
    assert ended.citations[-1] == Citation(
        "test-list-2026-01-01", "Entry 2 is not on the edition of 2026-01-01: the listing had ended by then."
    )
    assert EdgeFilter(as_of="2025-06-30").allows(ended) and not EdgeFilter(as_of="2026-01-02").allows(ended)
    again = prepare_import(second, curated, [outcome.kept], [DECIDED])
    assert again.kept.records == outcome.kept.records and again.ended == []
    with pytest.raises(
        DataError, match=r"this edition \(2025-01-01\) is older than the one already imported"
    ):
        prepare_import(first, curated, [outcome.kept], [DECIDED])


def test_kept_editions_read_back_as_written(tmp_path, curated):
    listed = edition("2026-01-01", [("1", "Ana Ríos", {"birth_dates": ["1970"], "aliases": ["Señora R"]})])
    path = kept_imports.save(tmp_path, listed)
    assert path.name == "test-list.jsonl"
    back = kept_imports.load(path)
    assert back.edition == listed.edition and back.records == listed.records
    assert kept_imports.load_all(tmp_path)[0].records == listed.records


def test_records_to_write_hold_the_edition_and_the_curated_nodes_it_touches(curated):
    listed = edition("2026-01-01", [("1", "Ana Rios", {}), ("2", "Carlos Vega", {})])
    outcome = prepare_import(listed, curated, [], [DECIDED])
    written = {r.id for r in outcome.records_to_write}
    assert {"minister", "test-list-2", "court-a", "test-list-2026-01-01"} <= written
    assert "test-list-1" not in written and "gov-a" not in written


def test_decisions_are_appended_and_a_pair_is_decided_once(tmp_path):
    path = tmp_path / "resolutions.yaml"
    append_decision(path, DECIDED)
    other = Decision("gang", "test-list-9", False, "a reviewer", "2026-12-01", "a different gang: 'Harbour'")
    append_decision(path, other)
    assert read_resolutions(path) == [DECIDED, other]
    with pytest.raises(DataError, match="the pair test-list-1 / minister is already decided"):
        append_decision(path, Decision("test-list-1", "minister", False, "b", "2026-12-02", "no"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("decisions:\n  - {a: x, b: y, same: true, by: me, date: 2026-12-01}\n", "decision 1: why: missing"),
        (
            "decisions:\n  - {a: Bad Id, b: y, same: true, by: me, date: 2026-12-01, why: w}\n",
            "decision 1: a: 'Bad Id' is not an id",
        ),
        (
            "decisions:\n  - {a: x, b: y, same: yes please, by: me, date: 2026-12-01, why: w}\n",
            "decision 1: same: must be true, false or unsure",
        ),
        ("decisions: 3\n", "-: decisions: the file must hold a list 'decisions'"),
    ],
)
def test_a_broken_decisions_file_names_the_record_and_field(tmp_path, text, problem):
    path = tmp_path / "resolutions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_resolutions(path)
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [problem]


def test_the_seed_decisions_file_is_valid():
    decisions = read_resolutions(SEED / "resolutions.yaml")
    assert {d.pair for d in decisions} >= {
        ("nicolas-maduro", "ofac-sdn-22790"),
        ("jimmy-cherizier", "un-hti-001"),
    }


def with_node(records, node: Node):
    """The records with `node` in place of the node of the same id."""
    return [node if isinstance(r, Node) and r.id == node.id else r for r in records]


def test_a_merge_never_changes_a_curated_property_and_only_adds_the_entry_values(curated):
    minister = node_named(curated, "minister")
    own = {
        "aliases": ["The Minister"],
        "birth_place": "Harbour Town, Aland",
        "birth_dates": ["1970-01-02"],
        "gender": "Female",
        "description": "Minister of the interior from 2010 to 2015.",
        "nationalities": ["Aland"],
    }
    records = with_node(curated, dataclasses.replace(minister, properties=own))
    entry = {
        "aliases": ["RIOS, Ana Maria", "ana ríos", "The minister"],
        "birth_place": "Elsewhere, Otherland",
        "birth_dates": ["1971", "1970-01-02"],
        "gender": "Male",
        "description": "A list's own words.",
        "nationalities": ["Otherland", "Aland"],
        "identifiers": ["Passport: X1 (Aland)"],
        "addresses": ["1 Main St, Harbour Town"],
        "weak_aliases": ["La Jefa"],
        "merged_ids": ["somebody-else"],
    }
    listed = edition("2026-01-01", [("1", "RIOS, Ana", entry)])
    merged, report = merge(records, [listed], [DECIDED])
    after = node_named(merged, "minister")
    assert report.merged_into == {"test-list-1": "minister"}
    assert (after.id, after.label, after.name) == ("minister", "Person", "Ana Ríos")
    values = {k: v for k, v in after.properties.items() if not k.endswith("_from")}  # origins: below
    assert values == {
        # the curated values as they were, the entry's only added to lists
        "aliases": ["The Minister", "RIOS, Ana", "RIOS, Ana Maria"],
        "birth_place": "Harbour Town, Aland",
        "birth_dates": ["1970-01-02", "1971"],
        "gender": "Female",
        "description": "Minister of the interior from 2010 to 2015.",
        "nationalities": ["Aland", "Otherland"],
        # values the curated node has none of come from the entry
        "identifiers": ["Passport: X1 (Aland)"],
        "addresses": ["1 Main St, Harbour Town"],
        "weak_aliases": ["La Jefa"],
        "merged_ids": ["test-list-1"],
    }
    entry_of = "test-list 2026-01-01, entry test-list-1"
    # where each value came from: 1970-01-02 from both, 1971 from the list alone
    assert after.properties["birth_dates_from"] == [f"curated facts; {entry_of}", entry_of]
    assert after.properties.get("birth_place_from", "curated facts") == "curated facts"
    assert own == node_named(records, "minister").properties  # the curated record itself untouched
    curated_edges = [r for r in records if isinstance(r, Edge)]
    merged_edges = {r.id: r for r in merged if isinstance(r, Edge)}
    assert all(merged_edges[e.id] == e for e in curated_edges)


def test_entries_merged_into_one_node_add_their_names_and_ids_in_order(curated):
    first = edition("2026-01-01", [("1", "PEREZ, Juan Carlos", {"birth_dates": ["1960-05-01"]})], "list-a")
    second = edition(
        "2026-01-01",
        [("2", "JUAN CARLOS PEREZ", {"birth_dates": ["1960"], "aliases": ["EL PROFE", "el profe"]})],
        "list-c",
    )
    third = edition("2026-01-01", [("3", "Pérez, Juan Carlos", {"birth_dates": ["1960-05-01"]})], "list-b")
    decided = [
        Decision("list-c-2", "list-a-1", True, "a reviewer", "2026-12-01", "same passport"),
        Decision("list-b-3", "list-c-2", True, "a reviewer", "2026-12-01", "same passport"),
    ]
    merged, report = merge(curated, [first, second, third], decided)
    # the entry with the smallest id stands for the group
    assert report.merged_into == {"list-b-3": "list-a-1", "list-c-2": "list-a-1"}
    person = node_named(merged, "list-a-1")
    assert person.name == "PEREZ, Juan Carlos"
    assert person.aliases == ["JUAN CARLOS PEREZ", "EL PROFE"]
    assert person.properties["merged_ids"] == ["list-b-3", "list-c-2"]
    assert person.properties["birth_dates"] == ["1960-05-01", "1960"]
    kept = {r.id for r in merged if isinstance(r, Node)}
    assert "list-a-1" in kept and not {"list-b-3", "list-c-2"} & kept


def test_edges_into_and_out_of_a_merged_entry_move_onto_the_node_it_merged_into(curated):
    listed = edition("2026-01-01", [("1", "RIOS, Ana", {}), ("2", "VEGA, Carlos", {})])
    source = listed.edition.source.id

    def linked(number: str, a: str, b: str) -> Edge:
        return Edge(f"link-{number}", "LINKED_TO", a, b, "official_finding", (Citation(source, number),))

    into = linked("in", "test-list-2", "test-list-1")  # another entry's "Linked To" the merged one
    out = linked("out", "test-list-1", "test-list-2")  # the merged entry's own "Linked To"
    to_curated = linked("gang", "test-list-1", "gang")
    listed.records += [into, out, to_curated]
    merged, report = merge(curated, [listed], [DECIDED])
    edges = {r.id: r for r in merged if isinstance(r, Edge)}
    assert (edges["link-in"].from_id, edges["link-in"].to_id) == ("test-list-2", "minister")
    assert (edges["link-out"].from_id, edges["link-out"].to_id) == ("minister", "test-list-2")
    assert (edges["link-gang"].from_id, edges["link-gang"].to_id) == ("minister", "gang")
    assert edges["link-in"].citations == into.citations and edges["link-in"].status == "official_finding"
    listing = edges[listing_edge_id("test-list-1", "SANCTIONED_BY", "court-a")]
    assert (listing.from_id, listing.to_id) == ("minister", "court-a")
    assert report.dropped_edges == []


def test_an_edge_whose_ends_are_not_in_the_graph_or_the_schema_is_dropped_and_reported(curated):
    listed = edition("2026-01-01", [("1", "RIOS, Ana", {})])
    source = listed.edition.source.id
    cited = (Citation(source, "x"),)
    nowhere = Edge("to-nowhere", "LINKED_TO", "test-list-1", "no-such-node", "reported", cited)
    wrong = Edge("wrong-ends", "HOLDS_OFFICE", "test-list-1", "cartel", "reported", cited)
    from_nowhere = Edge("from-nowhere", "LINKED_TO", "no-such-node", "test-list-1", "reported", cited)
    listed.records += [nowhere, wrong, from_nowhere]
    merged, report = merge(curated, [listed], [])
    assert report.dropped_edges == ["to-nowhere", "wrong-ends", "from-nowhere"]
    assert not {"to-nowhere", "wrong-ends", "from-nowhere"} & {r.id for r in merged}


def test_a_decision_on_an_id_not_in_the_graph_merges_nothing(curated):
    listed = edition("2026-01-01", [("1", "RIOS, Ana", {})])
    elsewhere = Decision("minister", "test-list-2", True, "a reviewer", "2026-12-01", "not imported")
    merged, report = merge(curated, [listed], [elsewhere])
    assert report.merged_into == {}
    assert node_named(merged, "minister").properties.get("merged_ids") is None
    assert report.node_of("test-list-2") == "test-list-2"


def test_ofac_links_aimed_at_the_entry_that_merges_follow_it_onto_the_curated_node(curated):
    from csn.loaders.lists.ofac import read_ofac
    from tests.conftest import FIXTURES

    listed = read_ofac(FIXTURES / "lists" / "ofac", "2024-03-01")
    records = [*curated, Node("ofac", "Authority", "Office of Foreign Assets Control")]
    records.append(Node("jose-perez", "Person", "José Luis Pérez Gómez"))
    decision = Decision("jose-perez", "ofac-sdn-36001", True, "a reviewer", "2026-12-01", "same passport")
    merged, report = merge(records, [listed], [decision])
    links = {(r.from_id, r.to_id) for r in merged if isinstance(r, Edge) and r.type == "LINKED_TO"}
    assert links == {
        ("jose-perez", "ofac-sdn-36002"),  # his own "Linked To: TREN DEL NORTE."
        ("ofac-sdn-36003", "jose-perez"),  # "Linked To: PÉREZ GÓMEZ, José Luis" of two other entries
        ("ofac-sdn-36005", "jose-perez"),
        ("ofac-sdn-36002", "ofac-sdn-36003"),
    }
    assert report.dropped_edges == []
    assert "ofac-sdn-36001" not in {r.id for r in merged if isinstance(r, Node)}


def test_a_curated_node_without_aliases_or_a_value_takes_the_entry_s_and_keeps_its_merged_ids(curated):
    gang = node_named(curated, "gang")
    records = with_node(curated, dataclasses.replace(gang, properties={"merged_ids": ["old-list-7"]}))
    listed = edition(
        "2026-01-01",
        [
            (
                "1",
                "HARBOUR GANG",
                {"aliases": ["Harbour Gang"], "description": "A gang of the port.", "gender": "-"},
            )
        ],
    )
    decision = Decision("gang", "test-list-1", True, "a reviewer", "2026-12-01", "same gang")
    merged, _ = merge(records, [listed], [decision])
    after = node_named(merged, "gang")
    # every name of the entry is the curated name: no aliases at all
    assert after.properties == {
        "merged_ids": ["old-list-7", "test-list-1"],
        "description": "A gang of the port.",
        "gender": "-",
    }


def test_decisions_that_close_a_circle_refuse_nothing(curated):
    listed = edition("2026-01-01", [("1", "Uno", {}), ("2", "Dos", {}), ("3", "Tres", {})])
    circle = [
        Decision("test-list-1", "test-list-2", True, "a reviewer", "2026-12-01", "same"),
        Decision("test-list-2", "test-list-3", True, "a reviewer", "2026-12-01", "same"),
        Decision("test-list-1", "test-list-3", True, "a reviewer", "2026-12-01", "same"),
    ]
    _, report = merge(curated, [listed], circle)
    assert report.merged_into == {"test-list-2": "test-list-1", "test-list-3": "test-list-1"}
    assert report.refused == []


def test_the_curated_node_stands_for_its_group_whatever_the_ids(curated):
    listed = edition("2026-01-01", [("1", "Uno", {})], key="aaa-list")
    decision = Decision("aaa-list-1", "minister", True, "a reviewer", "2026-12-01", "same")
    _, report = merge(curated, [listed], [decision])
    assert report.merged_into == {"aaa-list-1": "minister"}


def test_pairs_of_every_list_are_weighed_not_only_the_last_and_decided_ones_are_skipped(curated):
    # identical names: whatever the rule's verdict, each pair is merged or proposed
    first = edition("2026-01-01", [("1", "Ana Ríos", {}), ("2", "Bo Ríos", {})], key="list-a")
    second = edition("2026-01-01", [("1", "Bo Ríos", {})], key="list-b")
    decided_first = Decision("minister", "list-a-1", False, "a reviewer", "2026-12-01", "another Ana")
    _, report = merge(curated, [first, second], [decided_first])
    weighed = {(c.a.id, c.b.id) for c in report.pending} | {(v, k) for k, v in report.merged_into.items()}
    assert {("ex-official", "list-a-2"), ("ex-official", "list-b-1")} <= weighed
    assert ("minister", "list-a-1") not in weighed
    assert report.refused == []


def test_an_entry_the_rule_ties_to_two_curated_nodes_joins_one_and_the_other_is_refused(curated):
    born = {"birth_dates": ["1970-01-02"], "nationalities": ["Aland"]}
    minister = dataclasses.replace(node_named(curated, "minister"), properties={**born, "aliases": []})
    twin = Node("twin", "Person", "Ana Ríos", dict(born))
    records = [*with_node(curated, minister), twin]
    listed = edition("2026-01-01", [("1", "Ana Ríos", dict(born))])
    _, report = merge(records, [listed], [])
    if len(report.refused) == 1:  # the rule called both pairs the same
        assert report.refused[0] in (
            "twin / test-list-1: both are curated nodes",
            "test-list-1 / twin: both are curated nodes",
            "minister / test-list-1: both are curated nodes",
            "test-list-1 / minister: both are curated nodes",
        )
        assert report.merged_into["test-list-1"] in ("minister", "twin")
    else:
        assert report.refused == [] and "test-list-1" not in report.merged_into


def test_the_seed_decisions_load_as_they_were_written():
    decisions = read_resolutions(SEED / "resolutions.yaml")
    assert len(decisions) == 25 and all(isinstance(d.same, bool) for d in decisions)


def test_merged_values_keep_the_edition_and_entry_that_gave_them(curated):
    un = edition(
        "2026-02-27",
        [("1", "RIOS, Ana", {"birth_dates": ["1970-01-02", "1971"], "nationalities": ["Aland"]})],
        "list-un",
    )
    ofac = edition(
        "2021-07-01",
        [
            (
                "9",
                "Ana RIOS",
                {"birth_dates": ["1970-01-02"], "birth_place": "Harbour", "identifiers": ["X: 1"]},
            )
        ],
        "list-ofac",
    )
    decisions = [
        Decision("minister", entry, True, "a reviewer", "2026-12-01", "same")
        for entry in ("list-ofac-9", "list-un-1")
    ]
    merged, report = merge(curated, [ofac, un], decisions)
    minister = node_named(merged, "minister")
    values = minister.properties
    assert report.merged_into == {"list-ofac-9": "minister", "list-un-1": "minister"}
    assert values["birth_dates"] == ["1970-01-02", "1971"]
    assert values["birth_dates_from"] == [
        "list-ofac 2021-07-01, entry list-ofac-9; list-un 2026-02-27, entry list-un-1",
        "list-un 2026-02-27, entry list-un-1",
    ]
    assert values["birth_place_from"] == "list-ofac 2021-07-01, entry list-ofac-9"
    assert values["identifiers_from"] == ["list-ofac 2021-07-01, entry list-ofac-9"]
    assert values["nationalities_from"] == ["list-un 2026-02-27, entry list-un-1"]
    # The curated node's own alias comes from the curated facts; OFAC's 'Ana RIOS' is its name
    # ('Ana Ríos') and adds nothing; the UN's 'RIOS, Ana' is another spelling (word order).
    assert list(zip(values["aliases"], values["aliases_from"], strict=True)) == [
        ("The Minister", "curated facts"),
        ("RIOS, Ana", "list-un 2026-02-27, entry list-un-1"),
    ]
    untouched = node_named(merge(curated, [un], [])[0], "list-un-1")
    assert not any(key.endswith("_from") for key in untouched.properties)  # merged from nothing


def test_unsure_reads_writes_and_gives_way_to_a_later_decision(tmp_path):
    path = tmp_path / "resolutions.yaml"
    doubt = Decision("minister", "test-list-1", None, "a reviewer", "2026-12-01", "no date on the entry")
    append_decision(path, doubt)
    assert "    same: unsure\n" in path.read_text(encoding="utf-8")
    assert read_resolutions(path) == [doubt] and doubt.verdict == "unsure"
    settled = Decision("test-list-1", "minister", True, "another reviewer", "2026-12-09", "DOB found")
    append_decision(path, settled)
    assert read_resolutions(path) == [settled]  # the doubt stays on record above it
    assert path.read_text(encoding="utf-8").count("\n    same: ") == 2
    with pytest.raises(DataError, match="the pair test-list-1 / minister is already decided"):
        append_decision(path, Decision("test-list-1", "minister", None, "c", "2026-12-10", "not so sure"))


def test_a_batch_of_decisions_is_one_write_all_or_nothing(tmp_path, monkeypatch):
    from csn.loaders.resolution import resolutions

    path = tmp_path / "resolutions.yaml"
    append_decision(path, DECIDED)
    writes = []

    def counted(*args, **kwargs):
        writes.append(args[0])
        return update_text(*args, **kwargs)

    update_text = resolutions.update_text
    monkeypatch.setattr(resolutions, "update_text", counted)
    batch = [
        Decision("gang", f"test-list-{n}", False, "a reviewer", "2026-12-01", "batch") for n in range(2, 6)
    ]
    resolutions.append_decisions(path, batch)
    assert writes == [path]
    assert read_resolutions(path) == [DECIDED, *batch]
    before = path.read_bytes()
    clash = [Decision("gang", "test-list-9", False, "r", "2026-12-01", "w"), DECIDED]
    with pytest.raises(DataError, match="the pair minister / test-list-1 is already decided"):
        resolutions.append_decisions(path, clash)
    with pytest.raises(DataError, match="a pair comes twice in one batch of decisions"):
        resolutions.append_decisions(path, [clash[0], clash[0]])
    assert path.read_bytes() == before


def test_a_pair_decided_unsure_is_listed_with_its_evidence_and_merged_or_proposed_by_nothing(curated):
    born = {"birth_dates": ["1970-01-02"]}
    first = edition("2026-01-01", [("1", "RIOS, Bo", dict(born)), ("2", "Eva Lind", {})], key="list-a")
    second = edition("2026-01-01", [("1", "Bo Ríos", dict(born))], key="list-b")
    doubt = Decision("list-b-1", "list-a-1", None, "a reviewer", "2026-12-01", "no document")
    no = Decision("ex-official", "list-a-1", False, "a reviewer", "2026-12-01", "another Bo")
    _, report = merge(curated, [first, second], [doubt, no])
    assert [(c.a.id, c.b.id, c.evidence.verdict) for c in report.unsure] == [("list-a-1", "list-b-1", "same")]
    assert report.merged_into == {}  # the rule would merge them: the doubt holds it back
    assert {c.pair for c in report.pending} == {("ex-official", "list-b-1")}


def test_a_pair_decided_unsure_that_matching_keeps_apart_or_never_compares_is_listed_too(curated):
    first = edition(
        "2026-01-01",
        [
            ("1", "RIOS, Ana", {"birth_dates": ["1981-09-30"], "nationalities": ["Aland"]}),
            ("2", "Zed Ardo", {"birth_dates": ["1960-05-01"], "nationalities": ["Finland"]}),
            ("3", "Eva Lind", {"birth_dates": ["1961"], "nationalities": ["Aland"]}),
        ],
        key="list-a",
    )
    minister = dataclasses.replace(
        node_named(curated, "minister"),
        properties={"aliases": [], "birth_dates": ["1970-01-02"], "nationalities": ["Aland"]},
    )
    decisions = [
        Decision(a, b, None, "a reviewer", "2026-12-01", "cannot tell")
        for a, b in [
            ("minister", "nobody"),  # not in the graph: nothing to show
            ("list-a-1", "minister"),  # kept apart by their birth dates
            ("list-a-9", "list-a-1"),
            ("list-a-3", "list-a-2"),  # one list's entries are never compared with each other
        ]
    ]
    _, report = merge(with_node(curated, minister), [first], decisions)
    # the entity that came first is `a`: the curated node, then the list's entries in their order
    assert [(c.a.id, c.b.id) for c in report.unsure] == [("minister", "list-a-1"), ("list-a-2", "list-a-3")]
    kept_apart, never_compared = (c.evidence for c in report.unsure)
    assert (kept_apart.names, kept_apart.birth_dates, kept_apart.verdict) == (
        "same words",
        "disagree",
        "apart",
    )
    assert never_compared == Evidence("different", "disagree", "disagree", ())
    assert report.pending == [] and report.merged_into == {}
    alone = edition("2026-01-01", [("1", "Zed Ardo", {}), ("2", "Eva Lind", {"nationalities": ["Aland"]})])
    doubt = Decision("test-list-2", "test-list-1", None, "a reviewer", "2026-12-01", "cannot tell")
    (unsure,) = merge([], [alone], [doubt])[1].unsure
    assert (unsure.a.id, unsure.evidence) == ("test-list-1", Evidence("different", "unknown", "unknown", ()))


def test_a_group_of_entries_alone_keeps_its_first_entry_s_own_values_as_that_entry_s(curated):
    born = {"birth_dates": ["1970-01-02"], "aliases": ["Bo R."]}
    first = edition("2026-01-01", [("1", "RIOS, Bo Erik", dict(born))], key="list-a")
    second = edition("2026-02-01", [("1", "Bo Erik Ríos", {**born, "aliases": ["BO R."]})], key="list-b")
    merged, report = merge([], [first, second], [])
    assert report.merged_into == {"list-b-1": "list-a-1"}
    values = node_named(merged, "list-a-1").properties
    both = "list-a 2026-01-01, entry list-a-1; list-b 2026-02-01, entry list-b-1"
    assert values["birth_dates_from"] == [both]
    assert list(zip(values["aliases"], values["aliases_from"], strict=True)) == [
        ("Bo R.", both),  # 'BO R.' is the same alias
        ("Bo Erik Ríos", "list-b 2026-02-01, entry list-b-1"),
    ]


def test_an_entry_named_as_a_curated_alias_adds_its_origin_to_that_alias(curated):
    listed = edition("2026-01-01", [("1", "THE MINISTER", {"aliases": ["Ana Rios"]})])
    merged, _ = merge(curated, [listed], [DECIDED])
    values = node_named(merged, "minister").properties
    assert values["aliases"] == ["The Minister"]  # its name, and its own name again: nothing new
    assert values["aliases_from"] == ["curated facts; test-list 2026-01-01, entry test-list-1"]
