"""`csn resolve` end to end, in a fresh case: the review of the pairs the imports leave, as text
and JSON, filters and order, single and batch decisions (same, different, unsure), and where a
merged node's values came from in `show`, `profile` and the FtM export.

The review fixtures (tests/fixtures/lists/review/README.md) are an invented OFAC trio and UN list
whose entries overlap; the real excerpts of ../shared/data are used where they say more, and
those tests skip without them, except in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from csn.cli.main import cli
from csn.loaders.resolution import resolutions
from csn.loaders.resolution.resolutions import read_resolutions
from tests.conftest import FIXTURES, SHARED_DATA

REVIEW = FIXTURES / "lists" / "review"
RANKED = [
    ["ofac-sdn-37003", "un-lyi-901"],
    ["ofac-sdn-37002", "un-cdi-901"],
    ["ofac-sdn-37004", "un-kpi-902"],
    ["ofac-sdn-37005", "un-kpe-901"],
    ["ofac-sdn-37007", "un-kpi-903"],
    ["ofac-sdn-37006", "un-cde-901"],
]
needs_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir() and os.environ.get("CI") != "true", reason="the real list excerpts are not here"
)


def csn(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def csn_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=300)


def listing(*args: str) -> dict:
    done = csn("resolve", *args, "--format", "json")
    assert done.exit_code == 0, done.output
    return json.loads(done.output)


def ids(data: dict) -> list[list[str]]:
    return [[pair["a"]["id"], pair["b"]["id"]] for pair in data["pairs"]]


@pytest.fixture
def reviewed(case):
    """A fresh case with both review fixture lists imported."""
    for args in (["ofac", str(REVIEW / "ofac"), "--list-date", "2024-01-01"], ["un", str(REVIEW / "un.xml")]):
        done = csn("import", *args)
        assert done.exit_code == 0, done.output
    return case


def test_resolve_json_lists_the_candidates_strongest_first_with_their_evidence(reviewed):
    data = listing()
    assert (data["pending"], data["unsure"], data["selected"]) == (6, 0, 6)
    assert data["selection"] == "pairs awaiting a decision"
    assert ids(data) == RANKED
    first = data["pairs"][0]
    assert first["evidence"]["shared_identifiers"] == ["Passport: B7654321 (Libya)"]
    assert first["evidence"]["names"] == "different"
    mbala = data["pairs"][1]
    assert mbala["evidence"]["tags"] == ["birth-dates-close", "nationalities-agree", "names-same-words"]
    assert {"field": "birth dates", "a": ["1971-06-05"], "b": ["1971-06-06"]} in mbala["rows"]
    assert [pair["rank"] for pair in data["pairs"]] == [1, 2, 3, 4, 5, 6]


def test_resolve_shows_a_count_and_each_pair_side_by_side(reviewed):
    done = csn("resolve", "--evidence", "birth-dates-close")
    assert done.exit_code == 0
    assert done.output.splitlines() == [
        "1 of the 6 pairs awaiting a decision match evidence birth-dates-close; strongest first.",
        "",
        "1. ofac-sdn-37002 / un-cdi-901  (Person / Person)",
        "   evidence: names: same words (1.00: 'MBALA, Jean-Pierre' / 'JEAN-PIERRE MBALA'); "
        "birth dates: close; nationalities: agree",
        "                       ofac-sdn-37002, ofac-sdn 2024-01-01       un-cdi-901, un-sc 2026-02-27",
        "   names that matched  MBALA, Jean-Pierre                        JEAN-PIERRE MBALA",
        "   birth dates         1971-06-05                                1971-06-06",
        "   places of birth     Bunia, Congo, Democratic Republic of the  "
        "Bunia, Democratic Republic of the Congo",
        "   nationalities       Congo, Democratic Republic of the (cd)    "
        "Democratic Republic of the Congo (cd)",
        "   identifiers         OFAC SDN: 37002                           UN: CDi.901",
        "   programmes          DRCONGO                                   DRC",
        "   listings            ofac-sdn 37002: dates unknown             un-sc CDi.901: since 2012-12-31",
    ]
    assert csn("resolve", "--limit", "2").output.splitlines()[0] == (
        "6 pairs awaiting a decision; the first 2, strongest first."
    )
    assert csn("resolve", "--list", "curated").output == (
        "0 of the 6 pairs awaiting a decision match list curated.\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--label", "Company"], [RANKED[3], RANKED[5]]),
        (["--label", "Person", "--min-score", "0.995"], [RANKED[1], RANKED[2], RANKED[4]]),
        (["--list", "un-sc", "--list", "ofac-sdn", "--evidence", "shared-identifier"], [RANKED[0]]),
        (["--evidence", "nationalities-agree", "--evidence", "names-same-words"], [RANKED[1], RANKED[2]]),
        (["--limit", "2"], RANKED[:2]),
    ],
)
def test_filters_select_pairs_in_their_order(reviewed, args, expected):
    data = listing(*args)
    assert ids(data) == expected and data["pending"] == 6


def test_bad_options_are_refused_with_one_line(reviewed):
    refused = csn_process("resolve", "--evidence", "strong")
    assert (
        refused.returncode == 2 and "Invalid value for '--evidence': 'strong' is not one of" in refused.stderr
    )
    refused = csn_process("resolve", "--list", "a", "--list", "b", "--list", "c")
    assert (refused.returncode, refused.stderr) == (
        1,
        "Error: a pair has two sides: name one list, or two (one for each side)\n",
    )
    refused = csn_process("resolve", "--list", "ofac")
    assert refused.stderr == "Error: the case holds no list ofac; it holds curated, ofac-sdn, un-sc\n"
    before = reviewed.decisions_file.read_bytes()
    refused = csn_process(
        "resolve", "--list", "un-sc", "--different", "--by", "A", "--why", "two\nlines", "--yes"
    )
    assert (refused.returncode, refused.stderr.splitlines()[0]) == (
        1,
        "Error: 1 problem in the input, nothing loaded",
    )
    assert refused.stderr.splitlines()[1].endswith(
        ": ofac-sdn-37003 / un-lyi-901: why: contains a line break (U+000A) at character 4; "
        "text may not hold control characters"
    )
    assert reviewed.decisions_file.read_bytes() == before
    refused = csn_process("resolve", "--same", "--by", "A. Analyst")
    assert refused.returncode == 2
    assert "a batch decision needs a filter (--label, --list, --min-score or --evidence)" in refused.stderr
    refused = csn_process(
        "resolve", "ofac-sdn-37002", "un-cdi-901", "--same", "--by", "A", "--why", "w", "--label", "Person"
    )
    assert refused.returncode == 2 and "a decision on two ids takes no filters" in refused.stderr


def test_a_batch_decision_shows_its_count_asks_and_records_one_decision_a_pair_in_one_write(
    reviewed, monkeypatch
):
    path = reviewed.decisions_file
    before = path.read_bytes()
    batch = ["--label", "Person", "--evidence", "names-same-words", "--unsure", "--by", "A. Analyst"]
    declined = csn("resolve", *batch, "--why", "no document on either side", input="n\n")
    assert declined.exit_code == 1
    lines = declined.output.splitlines()
    assert lines[:4] == [
        "3 pairs awaiting a decision: label Person; evidence names-same-words",
        "  ofac-sdn-37002 / un-cdi-901  MBALA, Jean-Pierre / JEAN-PIERRE MBALA",
        "  ofac-sdn-37004 / un-kpi-902  KIM, Yong Su / KIM YONG SU",
        "  ofac-sdn-37007 / un-kpi-903  PARK, Min Jun / PAK MIN CHUN",
    ]
    reason = (
        "no document on either side (batch decision on the pairs awaiting a decision: "
        "label Person; evidence names-same-words)"
    )
    assert lines[4].startswith(f"Record 'unsure' for these 3 pairs, by A. Analyst, because \"{reason}\", in ")
    assert path.read_bytes() == before  # declined: nothing written

    writes = []
    update_text = resolutions.update_text
    monkeypatch.setattr(
        resolutions, "update_text", lambda *a, **k: (writes.append(a[0]), update_text(*a, **k))
    )
    accepted = csn("resolve", *batch, "--why", "no document on either side", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.output.splitlines()[-1] == f"Recorded 3 decisions (unsure) in {path}, in one write."
    assert writes == [path]
    decided = read_resolutions(path)
    assert [(list(d.pair), d.verdict, d.by, d.why) for d in decided] == [
        (pair, "unsure", "A. Analyst", reason) for pair in (RANKED[1], RANKED[2], RANKED[4])
    ]
    data = listing()
    assert (data["pending"], data["unsure"]) == (3, 3)
    assert ids(data) == [RANKED[0], RANKED[3], RANKED[5]]
    unsure = listing("--status", "unsure")
    assert ids(unsure) == [RANKED[1], RANKED[2], RANKED[4]]
    assert unsure["pairs"][0]["decision"]["why"] == reason
    shown = csn("resolve").output.splitlines()[0]
    assert shown == (
        "3 pairs awaiting a decision (3 more decided unsure: csn resolve --status unsure); strongest first."
    )

    # --yes records without asking; a later decision on a pair left unsure replaces the doubt.
    scripted = csn(
        "resolve", "--status", "unsure", "--evidence", "birth-dates-close", "--same", "--by", "B", "--yes"
    )
    assert scripted.exit_code == 0 and "Record '" not in scripted.output
    assert scripted.output.splitlines()[-1] == f"Recorded 1 decisions (same) in {path}, in one write."
    assert listing()["unsure"] == 2
    assert (
        "un-cdi-901"
        in json.loads(csn("profile", "ofac-sdn-37002", "--format", "json").output)["node"]["properties"][
            "merged_ids"
        ]
    )


def test_one_pair_decided_unsure_stays_apart_then_is_decided(reviewed):
    done = csn(
        "resolve", "un-kpi-903", "ofac-sdn-37007", "--unsure", "--by", "A. Analyst", "--why", "no date"
    )
    assert done.output == (
        f"Recorded in {reviewed.decisions_file}: un-kpi-903 and ofac-sdn-37007 are marked unsure "
        "(kept apart, listed by 'csn resolve --status unsure').\n"
    )
    assert ids(listing("--status", "unsure")) == [RANKED[4]]
    assert RANKED[4] not in ids(listing())
    kept_apart = json.loads(csn("profile", "ofac-sdn-37007", "--format", "json").output)
    assert "merged_ids" not in kept_apart["node"]["properties"]
    done = csn("resolve", "un-kpi-903", "ofac-sdn-37007", "--different", "--by", "B", "--why", "another man")
    assert done.exit_code == 0
    assert listing("--status", "unsure")["unsure"] == 0
    refused = csn_process("resolve", "un-kpi-903", "ofac-sdn-37007", "--same", "--by", "C", "--why", "w")
    assert refused.returncode == 1 and "is already decided; edit the file to change it" in refused.stderr


def test_a_merged_node_says_which_list_gave_each_value(reviewed, tmp_path):
    # OFAC 37001 and UN KPi.901 merge on import: a passport, the same words, the same birth date.
    profile = json.loads(csn("profile", "ofac-sdn-37001", "--format", "json").output)
    values = {(v["field"], v["value"]): v["origins"] for v in profile["values"]}
    assert values["birth_dates", "1968-04-12"] == [
        "ofac-sdn 2024-01-01, entry ofac-sdn-37001",
        "un-sc 2026-02-27, entry un-kpi-901",
    ]
    assert values["birth_dates", "1969"] == ["un-sc 2026-02-27, entry un-kpi-901"]
    assert values["birth_place", "Pyongyang, Korea, North"] == ["ofac-sdn 2024-01-01, entry ofac-sdn-37001"]
    assert values["aliases", "KIM CHOL-HO"] == ["un-sc 2026-02-27, entry un-kpi-901"]
    assert profile["node"]["properties"]["birth_dates_from"][1] == "un-sc 2026-02-27, entry un-kpi-901"
    markdown = csn("profile", "ofac-sdn-37001", "--format", "markdown").output
    assert "\n## Where each value comes from\n" in markdown
    assert "\n- birth_dates: 1969 (from un-sc 2026-02-27, entry un-kpi-901)\n" in markdown
    table = csn("profile", "ofac-sdn-37001").output.splitlines()
    assert table[1] == "Where each value comes from:"
    assert any(line.startswith("birth_dates    1969 ") and "un-sc 2026-02-27" in line for line in table)
    shown = csn("show", "ofac-sdn-37001").output
    assert "    birth_dates: 1969 (from un-sc 2026-02-27, entry un-kpi-901)\n" in shown
    assert "birth_dates_from" not in shown
    # A node merged from nothing shows its values as before.
    assert "Where each value comes from" not in csn("profile", "ofac-sdn-37002").output

    out = tmp_path / "case.ftm.json"
    assert csn("export", "--format", "ftm", "-o", str(out)).exit_code == 0
    entities = {e["id"]: e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    notes = entities["csn-ofac-sdn-37001"]["properties"]["notes"]
    assert 'birthDate "1969" from un-sc 2026-02-27, entry un-kpi-901' in notes
    assert (
        'birthDate "1968-04-12" from ofac-sdn 2024-01-01, entry ofac-sdn-37001; '
        "un-sc 2026-02-27, entry un-kpi-901"
    ) in notes
    followthemoney = pytest.importorskip("followthemoney")
    proxy = followthemoney.model.get_proxy(entities["csn-ofac-sdn-37001"], cleaned=False)
    assert 'birthDate "1969" from un-sc 2026-02-27, entry un-kpi-901' in proxy.get("notes")
    assert sorted(proxy.get("birthDate")) == ["1968-04-12", "1969"]


@needs_data
def test_the_review_and_origins_on_the_real_matching_cuts(case):
    for args in (
        ["ofac", str(SHARED_DATA / "ofac-sdn-2021-matching-dev"), "--list-date", "2021-07-01"],
        ["un", str(SHARED_DATA / "un-sc-consolidated-2026-02-27-matching-dev.xml")],
    ):
        assert csn("import", *args).exit_code == 0
    # Germain Katanga (OFAC 11975, UN CDi.006): one node, and his birth date says both lists gave it.
    profile = json.loads(csn("profile", "ofac-sdn-11975", "--format", "json").output)
    origins = {v["value"]: v["origins"] for v in profile["values"] if v["field"] == "birth_dates"}
    assert origins["1978-04-28"] == [
        "ofac-sdn 2021-07-01, entry ofac-sdn-11975",
        "un-sc 2026-02-27, entry un-cdi-006",
    ]
    everything = listing()
    assert everything["selected"] == everything["pending"] > 100
    ranks = [
        (
            bool(p["evidence"]["shared_identifiers"]),
            ("disagree", "unknown", "same year", "close", "agree").index(p["evidence"]["birth_dates"]),
        )
        for p in everything["pairs"]
    ]
    assert ranks == sorted(ranks, reverse=True)  # strongest first
    people = listing("--label", "Person", "--list", "un-sc", "--list", "ofac-sdn")
    assert 0 < people["selected"] < everything["selected"]
    assert all({p["a"]["list"], p["b"]["list"]} == {"un-sc", "ofac-sdn"} for p in people["pairs"])
    assert all("Person" in (p["a"]["label"], p["b"]["label"]) for p in people["pairs"])
    documents = listing("--evidence", "shared-identifier")
    assert all(p["evidence"]["shared_identifiers"] for p in documents["pairs"])


@pytest.mark.neo4j
def test_a_batch_reaches_the_database_in_one_go(case, neo4j_store, seed_records):
    from tests.conftest import holding

    store = holding(neo4j_store, "seed", seed_records)
    store.loaded = "seed, the review lists and a batch"  # later tests reload
    s = store.settings
    env = {"NEO4J_URI": s.uri, "NEO4J_USERNAME": s.username, "NEO4J_PASSWORD": s.password}
    for args in (["ofac", str(REVIEW / "ofac"), "--list-date", "2024-01-01"], ["un", str(REVIEW / "un.xml")]):
        done = CliRunner().invoke(cli, ["import", *args, "--store", "neo4j"], env=env, catch_exceptions=False)
        assert done.exit_code == 0, done.output
    batch = ["resolve", "--label", "Person", "--evidence", "names-same-words", "--same", "--by", "A", "--yes"]
    done = CliRunner().invoke(cli, [*batch, "--store", "neo4j"], env=env, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1].startswith("Applied to Neo4j: ")
    from csn.workspace import assembly
    from csn.workspace import case as cases

    embedded = assembly.open_store(cases.find())
    assert sorted(store.all_nodes(), key=lambda n: n.id) == sorted(embedded.all_nodes(), key=lambda n: n.id)
    assert sorted(store.all_edges(), key=lambda e: e.id) == sorted(embedded.all_edges(), key=lambda e: e.id)
    mbala = store.node("ofac-sdn-37002").properties
    assert mbala["merged_ids"] == ["un-cdi-901"]
    assert mbala["birth_dates_from"] == [
        "ofac-sdn 2024-01-01, entry ofac-sdn-37002",
        "un-sc 2026-02-27, entry un-cdi-901",
    ]
