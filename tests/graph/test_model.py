"""The model's date rules: on which days a fact holds (Edge.holds_on) and how its period reads."""

from __future__ import annotations

import pytest

from csn.graph.model import Citation, Edge, Node, normalise_name, packed_row, record_row, stored_record


def fact(valid_from: str | None = None, valid_to: str | None = None) -> Edge:
    return Edge("e", "COLLUDES_WITH", "a", "b", "reported", (), valid_from=valid_from, valid_to=valid_to)


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "day", "holds"),
    [
        # a full start date: not the day before, from the first day on
        ("2012-03-15", None, "2012-03-14", False),
        ("2012-03-15", None, "2012-03-15", True),
        ("2012-03-15", None, "2012-03-16", True),
        # a full end date: up to and including the last day, not the day after
        (None, "2014-11-30", "2014-11-29", True),
        (None, "2014-11-30", "2014-11-30", True),
        (None, "2014-11-30", "2014-12-01", False),
        # a partial start covers its whole period from its first day
        ("2013", None, "2012-12-31", False),
        ("2013", None, "2013-01-01", True),
        ("2013-06", None, "2013-05-31", False),
        ("2013-06", None, "2013-06-01", True),
        # a partial end covers its whole period up to its last day
        (None, "2023-09", "2023-09-01", True),
        (None, "2023-09", "2023-09-30", True),
        (None, "2023-09", "2023-10-01", False),
        (None, "2023", "2023-12-31", True),
        (None, "2023", "2024-01-01", False),
        # a fact of one day holds that day only
        ("2020-02-29", "2020-02-29", "2020-02-28", False),
        ("2020-02-29", "2020-02-29", "2020-02-29", True),
        ("2020-02-29", "2020-02-29", "2020-03-01", False),
        # undated facts hold every day
        (None, None, "1900-01-01", True),
    ],
)
def test_a_fact_holds_from_its_first_day_to_its_last(valid_from, valid_to, day, holds):
    assert fact(valid_from, valid_to).holds_on(day) is holds


def test_every_fact_holds_when_no_day_is_asked():
    assert fact("2999-01-01", "2999-12-31").holds_on(None) is True


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "period"),
    [
        ("2010-01", "2014", "2010-01 to 2014"),
        ("2012", None, "since 2012"),
        (None, "2022-01-01", "until 2022-01-01"),
        (None, None, "dates unknown"),
    ],
)
def test_the_period_reads_as_every_output_writes_it(valid_from, valid_to, period):
    assert fact(valid_from, valid_to).period == period


def test_names_fold_case_accents_and_spaces():
    assert normalise_name("  Moïse   JOVENEL ") == "moise jovenel"
    assert normalise_name("Ñandú Straße") == "nandu strasse"
    assert normalise_name("JOH") == "joh"


def test_a_node_finds_itself_by_its_name_and_aliases_once():
    node = Node("n", "Person", "Ana Ríos", {"aliases": ["The Minister", "ANA RIOS", "the minister"]})
    assert node.aliases == ["The Minister", "ANA RIOS", "the minister"]
    assert node.search_keys == ["ana rios", "the minister"]
    assert Node("m", "Person", "Bo").aliases == []


def minister_edge() -> Edge:
    """An edge with every field set: two citations, both dates, a property."""
    return Edge(
        "e",
        "HOLDS_OFFICE",
        "n",
        "gov",
        "official_finding",
        (Citation("s1", "minister"), Citation("s2", "in office")),
        valid_from="2010-01",
        valid_to="2015-06",
        properties={"role": "minister"},
    )


def test_records_read_back_from_their_flat_properties():
    node = Node("n", "Person", "Ana Ríos", {"aliases": ["The Minister"], "gender": "Female"})
    flat = node.to_properties()
    assert flat == {
        "aliases": ["The Minister"],
        "gender": "Female",
        "id": "n",
        "name": "Ana Ríos",
        "search_keys": ["ana rios", "the minister"],
    }
    assert Node.from_properties("Person", flat) == node
    edge = minister_edge()
    flat = edge.to_properties()
    assert flat == {
        "role": "minister",
        "id": "e",
        "status": "official_finding",
        "valid_from": "2010-01",
        "valid_to": "2015-06",
        "sources": ["s1", "s2"],
        "says": ["minister", "in office"],
    }
    assert Edge.from_properties("HOLDS_OFFICE", "n", "gov", flat) == edge
    with pytest.raises(ValueError):
        Edge.from_properties("HOLDS_OFFICE", "n", "gov", {**flat, "says": ["one only"]})


def test_a_record_kept_as_a_row_of_plain_values_is_made_again_as_it_was():
    node = Node("n", "Person", "Ana Ríos", {"aliases": ["The Minister"]})
    edge = minister_edge()
    assert record_row(node) == ("n", "Person", "Ana Ríos", {"aliases": ["The Minister"]})
    row = record_row(edge)
    assert row == (
        "e",
        "HOLDS_OFFICE",
        "n",
        "gov",
        "official_finding",
        (("s1", "minister"), ("s2", "in office")),
        "2010-01",
        "2015-06",
        {"role": "minister"},
    )
    kept_forms = [(node, record_row(node)), (edge, row), (node, packed_row(node)), (edge, packed_row(edge))]
    for record, kept in kept_forms:
        attributes = {"record": kept}
        assert stored_record(attributes) == record
        assert attributes["record"] == record and type(attributes["record"]) is type(record)  # made once
        assert stored_record(attributes) is attributes["record"]
    assert type(packed_row(edge)) is bytes


def test_a_row_marshal_cannot_pack_is_kept_as_it_is():
    import datetime

    node = Node("n", "Person", "Ana Ríos", {"seen": datetime.date(2020, 1, 2)})
    assert packed_row(node) == record_row(node)
    assert stored_record({"record": packed_row(node)}) == node
