"""The review (csn/workspace/review.py) on the review fixtures: an invented OFAC trio and UN list
whose entries overlap, read by csn's own readers, with the small fixture network as the curated
facts (tests/fixtures/lists/review/README.md lists the pairs and what each shows)."""

from __future__ import annotations

import pytest

from csn.graph.errors import CsnError
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.un import read_un
from csn.loaders.resolution.merging import merge
from csn.loaders.resolution.resolutions import Decision
from csn.workspace.review import (
    EVIDENCE_TAGS,
    Review,
    Selection,
    as_data,
    batch_decisions,
    batch_reason,
    review_of,
)
from tests.conftest import FIXTURE, FIXTURES

REVIEW = FIXTURES / "lists" / "review"
RANKED = [
    ("ofac-sdn-37003", "un-lyi-901"),  # a shared passport, names that differ
    ("ofac-sdn-37002", "un-cdi-901"),  # birth dates a day apart, nationalities agree
    ("ofac-sdn-37004", "un-kpi-902"),  # a year that holds the other's date
    ("ofac-sdn-37005", "un-kpe-901"),  # an organisation: the same words, nothing else
    ("ofac-sdn-37007", "un-kpi-903"),  # a person: the same words (an alias), nothing else
    ("ofac-sdn-37006", "un-cde-901"),  # an organisation's name within the other's
]


@pytest.fixture(scope="module")
def inputs():
    curated = load_seed(FIXTURE)
    lists = [read_ofac(REVIEW / "ofac", "2024-01-01"), read_un(REVIEW / "un.xml")]
    return curated, lists


def reviewed(inputs, *decisions: Decision) -> Review:
    curated, lists = inputs
    return review_of(curated, lists, list(decisions))


def unsure(a: str, b: str) -> Decision:
    return Decision(a, b, None, "A. Analyst", "2026-12-08", "no document to tell")


def test_pairs_come_strongest_first(inputs):
    review = reviewed(inputs)
    assert [p.pair for p in review.pending] == RANKED
    assert review.unsure == []
    assert [p.status for p in review.pending] == ["pending"] * 6


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(labels=("Company",)), [RANKED[3], RANKED[5]]),
        (Selection(labels=("Person",), evidence=("names-same-words",)), [RANKED[1], RANKED[2], RANKED[4]]),
        (Selection(evidence=("shared-identifier",)), [RANKED[0]]),
        (Selection(evidence=("birth-dates-close", "nationalities-agree")), [RANKED[1]]),
        (Selection(min_score=0.995), [RANKED[1], RANKED[2], RANKED[3], RANKED[4]]),
        (Selection(lists=("un-sc",)), RANKED),
        (Selection(lists=("un-sc", "ofac-sdn")), RANKED),
        (Selection(lists=("ofac-sdn", "ofac-sdn")), []),
        (Selection(lists=("curated",)), []),
    ],
)
def test_filters_narrow_the_pairs_and_keep_the_order(inputs, selection, expected):
    assert [p.pair for p in reviewed(inputs).select(selection)] == expected


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(labels=("Country",)), "the review compares no label Country; use Person, "),
        (Selection(evidence=("strong",)), "no evidence is called strong; use shared-identifier, "),
        (Selection(lists=("a", "b", "c")), "a pair has two sides: name one list, or two"),
        (Selection(min_score=1.5), "a names' score is from 0 to 1, not 1.5"),
        (Selection(lists=("ofac",)), "the case holds no list ofac; it holds curated, ofac-sdn, un-sc"),
    ],
)
def test_a_bad_selection_is_refused(inputs, selection, message):
    with pytest.raises(CsnError) as caught:
        reviewed(inputs).select(selection)
    assert str(caught.value).startswith(message)


def test_a_pair_shows_each_side_side_by_side(inputs):
    (mbala,) = reviewed(inputs).select(Selection(evidence=("birth-dates-close",)))
    assert (mbala.a.origin, mbala.b.origin) == ("ofac-sdn 2024-01-01", "un-sc 2026-02-27")
    assert (mbala.a.list, mbala.b.list, mbala.a.now_in) == ("ofac-sdn", "un-sc", "ofac-sdn-37002")
    rows = {row.field: (row.a, row.b) for row in mbala.rows}
    assert rows == {
        "names that matched": (("MBALA, Jean-Pierre",), ("JEAN-PIERRE MBALA",)),
        "other names": ((), ()),
        "birth dates": (("1971-06-05",), ("1971-06-06",)),
        "places of birth": (
            ("Bunia, Congo, Democratic Republic of the",),
            ("Bunia, Democratic Republic of the Congo",),
        ),
        "nationalities": (
            ("Congo, Democratic Republic of the (cd)",),
            ("Democratic Republic of the Congo (cd)",),
        ),
        "identifiers": (("OFAC SDN: 37002",), ("UN: CDi.901",)),
        "programmes": (("DRCONGO",), ("DRC",)),
        "listings": (("ofac-sdn 37002: dates unknown",), ("un-sc CDi.901: since 2012-12-31",)),
    }
    (airways,) = reviewed(inputs).select(Selection(evidence=("names-words-within",)))
    rows = {row.field: (row.a, row.b) for row in airways.rows}
    assert rows["names that matched"] == (
        ("GREAT LAKES EXAMPLE AIRWAYS",),
        ("GREAT LAKES EXAMPLE AIRWAYS (GLEA)",),
    )
    assert rows["other names"] == (("GLEA",), ())


def test_a_matched_alias_says_it_is_one(inputs):
    (park,) = reviewed(inputs).select(Selection(labels=("Person",), evidence=("birth-dates-unknown",)))
    rows = {row.field: (row.a, row.b) for row in park.rows}
    assert rows["names that matched"] == (("PARK, Min Jun",), ("PARK MIN JUN (alias)",))
    assert rows["other names"] == ((), ("PAK MIN CHUN",))


def test_an_unsure_pair_stays_apart_leaves_the_queue_and_is_listed_with_its_decision(inputs):
    curated, lists = inputs
    doubt = unsure("un-cdi-901", "ofac-sdn-37002")
    review = reviewed(inputs, doubt)
    assert [p.pair for p in review.pending] == [p for p in RANKED if p != RANKED[1]]
    (listed,) = review.unsure
    assert (listed.pair, listed.status, listed.decision) == (RANKED[1], "unsure", doubt)
    _, report = merge(curated, lists, [doubt])
    assert report.node_of("un-cdi-901") == "un-cdi-901"  # apart
    # A doubt on a pair the rule would merge holds the merge back, and the pair is listed.
    held = unsure("ofac-sdn-37001", "un-kpi-901")
    assert merge(curated, lists, [held])[1].node_of("un-kpi-901") == "un-kpi-901"
    assert [p.pair for p in reviewed(inputs, held).unsure] == [("ofac-sdn-37001", "un-kpi-901")]


def test_an_unsure_decision_on_a_pair_matching_keeps_apart_is_listed_with_its_evidence(inputs):
    # Kim Chol Ho (OFAC 37001, 1968) and Kim Yong Su (UN KPi.902, 1975): matching never pairs them.
    review = reviewed(inputs, unsure("ofac-sdn-37001", "un-kpi-902"))
    (listed,) = review.unsure
    assert listed.pair == ("ofac-sdn-37001", "un-kpi-902")
    assert (listed.evidence.birth_dates, listed.evidence.verdict) == ("disagree", "apart")


def test_a_batch_is_one_decision_per_pair_with_the_filter_as_reason(inputs):
    selection = Selection(labels=("Person",), evidence=("names-same-words",))
    chosen = reviewed(inputs).select(selection)
    reason = batch_reason(selection, "no document on either side")
    assert reason == (
        "no document on either side (batch decision on the pairs awaiting a decision: "
        "label Person; evidence names-same-words)"
    )
    decisions = batch_decisions(chosen, "unsure", "A. Analyst", "2026-12-08", reason)
    assert [(d.pair, d.verdict, d.by, d.why) for d in decisions] == [
        (pair, "unsure", "A. Analyst", reason) for pair in (RANKED[1], RANKED[2], RANKED[4])
    ]
    assert batch_reason(Selection(lists=("un-sc",))) == (
        "Batch decision on the pairs awaiting a decision: list un-sc"
    )


def test_the_json_form_holds_the_counts_the_evidence_and_the_rows(inputs):
    review = reviewed(inputs, unsure("ofac-sdn-37007", "un-kpi-903"))
    selection = Selection(evidence=("shared-identifier",))
    data = as_data(review, selection, review.select(selection))
    assert (data["pending"], data["unsure"], data["selected"]) == (5, 1, 1)
    assert data["selection"] == "pairs awaiting a decision: evidence shared-identifier"
    (pair,) = data["pairs"]
    assert pair["rank"] == 1 and pair["status"] == "pending" and pair["decision"] is None
    assert pair["a"] == {
        "id": "ofac-sdn-37003",
        "label": "Person",
        "name": "HADDAD, Youssef",
        "list": "ofac-sdn",
        "origin": "ofac-sdn 2024-01-01",
        "now_in": "ofac-sdn-37003",
    }
    assert pair["evidence"] == {
        "verdict": "candidate",
        "names": "different",
        "name_score": 0.0,
        "matched_names": ["", ""],
        "birth_dates": "same year",
        "nationalities": "agree",
        "shared_identifiers": ["Passport: B7654321 (Libya)"],
        "tags": ["shared-identifier", "birth-dates-same-year", "nationalities-agree", "names-different"],
    }
    assert {"field": "birth dates", "a": ["1979"], "b": ["1979-02-03"]} in pair["rows"]
    assert set(pair["evidence"]["tags"]) <= set(EVIDENCE_TAGS)
    listed = as_data(review, Selection(unsure=True), review.unsure)
    assert listed["pairs"][0]["decision"] == {
        "verdict": "unsure",
        "by": "A. Analyst",
        "date": "2026-12-08",
        "why": "no document to tell",
    }
    assert len(as_data(review, Selection(), review.pending, limit=2)["pairs"]) == 2
