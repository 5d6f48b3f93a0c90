"""The claims report: every quantitative claim (data in seed/article.claims.yaml) with a verdict
computed over a store, the same on the in-memory store and on Neo4j."""

import subprocess
import sys
from pathlib import Path

import pytest

from csn.graph.errors import DataError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Citation, Edge, Node
from csn.loaders.curated.claims import CHECKS, DEFAULT_CLAIMS, KINDS, claims_file, load_claims
from csn.loaders.curated.seed import load_seed, seed_files
from csn.queries.claims import (
    CHECK_FUNCTIONS,
    VERDICTS,
    Facts,
    check_citizens_abroad,
    check_claims,
    check_named_share,
    check_office_span,
    claims_report,
)
from tests.conftest import FIXTURE, SEED

CLAIMS = load_claims(DEFAULT_CLAIMS)


def verdicts(store):
    return {claim.id: verdict for claim, verdict in check_claims(store, CLAIMS)}


def test_the_claims_file_is_data_the_seed_loader_skips():
    assert DEFAULT_CLAIMS.parent == SEED and DEFAULT_CLAIMS.exists()
    assert DEFAULT_CLAIMS not in seed_files(SEED)
    assert claims_file(SEED) == DEFAULT_CLAIMS and claims_file(FIXTURE) == DEFAULT_CLAIMS
    assert len(CLAIMS.claims) >= 15 and "haiti" in CLAIMS.countries
    assert {c.kind for c in CLAIMS.claims} <= set(KINDS)
    assert set(CHECK_FUNCTIONS) == set(CHECKS)


def test_every_claim_has_a_known_verdict_and_data(seed_store):
    found = verdicts(seed_store)
    assert list(found) == [c.id for c in CLAIMS.claims]
    for claim_id, verdict in found.items():
        assert verdict.verdict in VERDICTS, claim_id
        assert verdict.data, claim_id


def test_verdicts_on_the_seed(seed_store):
    found = verdicts(seed_store)
    assert found["moise-killed-july-2023"].verdict == "contradicts"
    assert "2021-07-07" in found["moise-killed-july-2023"].data[0]
    # Mexico: 37.8% in FY2021, 34.0% in FY2022, 29.0% in FY2023 and 30.6% in FY2024, all from counts
    # (the 29% a source states for FY2023 is no longer needed).
    mexico = found["mexico-a-quarter"]
    assert mexico.verdict == "mixed"
    assert mexico.data[0].startswith("FY2021") and "= 37.8%" in mexico.data[0]
    assert mexico.data[1].startswith("FY2022") and "= 34.0%" in mexico.data[1]
    assert mexico.data[2].startswith("FY2023") and "Mexico 717,333 of 2,475,669 = 29.0%" in mexico.data[2]
    assert mexico.data[3].startswith("FY2024") and "= 30.6%" in mexico.data[3]
    # Mexico and Venezuela are the top two in FY2023 and FY2024, not in FY2021 or FY2022.
    top = found["venezuela-mexico-top-two"]
    assert top.verdict == "contradicts"
    assert any(line.startswith("FY2023") and "Venezuela ranks 2" in line for line in top.data)
    assert found["nicaragua-sanctions-2018"].verdict == "supports"
    assert found["hernandez-45-years-400-tons"].verdict == "supports"
    # GI-TOC criminality 2021-2023 against southwest encounters FY2021-FY2023: nine countries, rho -0.10.
    decline = found["decline-matches-migration"]
    assert decline.verdict == "contradicts" and "rho -0.10, n = 9" in decline.data[0]
    assert any("pardoned" in line for line in found["hernandez-45-years-400-tons"].data)
    assert found["bti-steady-decline"].verdict == "no source"
    # The article's December figure is CBP's nationwide count, not the southwest border's.
    december = found["december-2023-370000"]
    assert december.verdict == "contradicts"
    assert "302,034" in december.data[0] and "371,036" in december.data[1]
    assert "nationwide" in december.data[-1]
    small = found["small-states-big-senders"]
    assert small.verdict == "mixed"
    assert any(line.startswith("Cuba:") and "FY2022 220,908 = 9.3%" in line for line in small.data)
    assert any(line.startswith("Haiti: FY2023 76,130 = 3.1%") for line in small.data)
    # The Venezuelans abroad: R4V's 7,891,000 (November 2024) is 'almost 8 million'.
    abroad = found["venezuela-8-million"]
    assert abroad.verdict == "supports" and "7,891,000 as of 2024-11, within" in abroad.data[0]
    # Colombia 2.9 million, Chile and Ecuador close to half a million; Mexico 83,000 is not.
    hosts = found["venezuelans-3-million-colombia"]
    assert hosts.verdict == "mixed"
    assert [line.split(":")[0] for line in hosts.data] == ["Colombia", "Chile", "Ecuador", "Mexico"]
    assert "83,000 as of 2021-11, outside" in hosts.data[3]
    duvalier = found["duvalier-1957-1986"]
    assert duvalier.verdict == "supports" and "Span held: 1957 to 1986" in duvalier.data[-1]
    # More than 80% Latin American: above 80% as a lower bound in FY2021, FY2023 and FY2024; FY2022
    # lacks most countries' figures, so the claim stays open.
    latin = found["latin-american-80-percent"]
    assert latin.verdict == "inconclusive"
    assert any(line.startswith("FY2023") and "= 83.7%" in line for line in latin.data)
    assert any(line.startswith("FY2022") and "not computed" in line for line in latin.data)
    no_source = [claim_id for claim_id, verdict in found.items() if verdict.verdict == "no source"]
    assert len(no_source) <= 4, no_source


def test_a_stated_share_counts_only_if_the_cited_edge_says_it(seed_records):
    # Without Mexico's FY2023 count, the FY2023 share is the one a cited source states (29%).
    without = [r for r in seed_records if getattr(r, "id", None) != "enc-mexico-fy2023-southwest-land-border"]
    store = MemoryStore()
    store.write(without)
    [(_, stated)] = [(c, v) for c, v in check_claims(store, CLAIMS) if c.id == "mexico-a-quarter"]
    assert stated.verdict == "mixed" and any("Mexico 29% of 2,475,669" in line for line in stated.data)
    wrong = load_claims(DEFAULT_CLAIMS)
    [claim] = [c for c in wrong.claims if c.id == "mexico-a-quarter"]
    claim.params["stated_shares"][0]["quote"] = "with 45 percent of the total"
    [(_, verdict)] = [(c, v) for c, v in check_claims(store, wrong) if c.id == "mexico-a-quarter"]
    assert verdict.verdict == "contradicts" and not any("FY2023" in line for line in verdict.data)


def test_without_flows_the_numeric_claims_have_no_source(fixture_store):
    found = verdicts(fixture_store)
    for claim_id in (
        "december-2023-370000",
        "venezuela-mexico-top-two",
        "mexico-a-quarter",
        "decline-matches-migration",
        "small-states-big-senders",
        "bti-steady-decline",
        "latin-american-80-percent",
        "venezuela-8-million",
        "venezuelans-3-million-colombia",
        "duvalier-1957-1986",
    ):
        assert found[claim_id].verdict == "no source", claim_id


# -- checks on small hand-written records ---------------------------------------------------------

CITE = (Citation("doc", "as the page says"),)
SOURCE = Node(
    "doc", "Source", "Doc", {"publisher": "P", "title": "T", "date": "2024", "url": "https://example.org"}
)


def country(node_id: str, name: str) -> Node:
    return Node(node_id, "Country", name, {"iso2": "ZZ"})


def facts_of(*records) -> Facts:
    store = MemoryStore()
    store.write([SOURCE, *records])
    return Facts(store)


def living(host: str, people: int, as_of: str) -> Edge:
    return Edge(
        f"a-in-{host}-{as_of}",
        "LIVING_IN",
        "a",
        host,
        "official_finding",
        CITE,
        None,
        None,
        {"people": people, "as_of": as_of},
    )


COUNTRIES = [
    country("a", "Avalon"),
    country("b", "Borduria"),
    country("c", "Carpania"),
    country("w", "Worldwide"),
]


def test_citizens_abroad_judges_the_latest_count_by_the_claims_date():
    facts = facts_of(
        *COUNTRIES,
        living("b", 1_000_000, "2021-11-25"),
        living("b", 2_900_000, "2024-06"),
        living("b", 3_600_000, "2025-03"),  # after the claim: listed, not judged
        living("w", 7_891_000, "2024-11"),
    )
    params = {
        "origin": "a",
        "as_of": "2024-12",
        "counts": [{"host": "b", "low": 2_550_000, "high": 3_450_000, "said": "3 million"}],
    }
    verdict = check_citizens_abroad(facts, params)
    assert verdict.verdict == "supports"
    assert "2,900,000 as of 2024-06, within [a-in-b-2024-06; doc]" in verdict.data[0]
    assert "also held: 1,000,000 as of 2021-11-25; 3,600,000 as of 2025-03" in verdict.data[0]
    params["as_of"] = "2021-12"
    assert check_citizens_abroad(facts, params).verdict == "contradicts"  # 1,000,000 then
    params["counts"].append({"host": "w", "low": 7_500_000, "high": 8_000_000})
    params["as_of"] = "2024-11"  # a count dated within the month counts
    assert check_citizens_abroad(facts, params).verdict == "supports"
    params["counts"].append({"host": "c", "low": 1, "high": 2})  # no count there: listed, not judged
    verdict = check_citizens_abroad(facts, params)
    assert verdict.verdict == "supports" and "Carpania: '1 to 2'; no count" in verdict.data[-1]


def test_citizens_abroad_uses_the_earliest_count_when_none_is_old_enough_and_mixes_parts():
    facts = facts_of(*COUNTRIES, living("b", 83_000, "2021-11"), living("c", 444_400, "2021-12"))
    params = {
        "origin": "a",
        "as_of": "2020",
        "counts": [
            {"host": "b", "low": 425_000, "high": 575_000},
            {"host": "c", "low": 425_000, "high": 575_000},
        ],
        "note": "A note.",
    }
    verdict = check_citizens_abroad(facts, params)
    assert verdict.verdict == "mixed"
    assert "earliest count, after 2020: 83,000 as of 2021-11, outside" in verdict.data[0]
    assert verdict.data[-1] == "A note."
    assert check_citizens_abroad(facts_of(*COUNTRIES), params).verdict == "no source"


def office(person: str, start: str, end: str) -> Edge:
    return Edge(
        f"{person}-office", "HOLDS_OFFICE", person, "gov", "reported", CITE, start, end, {"role": "president"}
    )


PEOPLE = [Node("gov", "StateBody", "Government"), Node("f", "Person", "Father"), Node("s", "Person", "Son")]


def test_office_span_is_the_first_start_and_the_last_end_without_gaps():
    params = {"persons": ["f", "s"], "from_year": 1957, "to_year": 1986}
    facts = facts_of(*PEOPLE, office("f", "1957", "1971"), office("s", "1971", "1986-02-07"))
    verdict = check_office_span(facts, params)
    assert verdict.verdict == "supports" and verdict.data[-1].startswith("Span held: 1957 to 1986")
    assert verdict.data[0].startswith("Father: president, Government, 1957 to 1971 [f-office; doc]")
    gap = facts_of(*PEOPLE, office("f", "1957", "1968"), office("s", "1971", "1986-02-07"))
    verdict = check_office_span(gap, params)
    assert verdict.verdict == "mixed" and "gaps: 1968 to 1971" in verdict.data[-1]
    later = facts_of(*PEOPLE, office("f", "1960", "1971"), office("s", "1971", "1990"))
    assert check_office_span(later, params).verdict == "contradicts"
    half = facts_of(*PEOPLE, office("f", "1957", "1971"))
    verdict = check_office_span(half, params)
    assert verdict.verdict == "mixed" and "no dated office of Son" in verdict.data[-1]
    assert check_office_span(facts_of(*PEOPLE), params).verdict == "no source"


def encountered(citizenship: str, fiscal_year: int, encounters: int) -> Edge:
    return Edge(
        f"{citizenship}-{fiscal_year}",
        "ENCOUNTERED_IN",
        citizenship,
        "united-states",
        "official_finding",
        CITE,
        None,
        None,
        {"fiscal_year": fiscal_year, "encounters": encounters, "area": "southwest land border"},
    )


def test_named_share_judges_a_lower_bound_only_with_a_threshold():
    records = [
        *COUNTRIES,
        country("united-states", "United States"),
        country("all-nationalities", "All nationalities (totals)"),
        encountered("a", 2021, 70),
        encountered("b", 2021, 20),
        encountered("all-nationalities", 2021, 100),
        encountered("a", 2022, 50),
        encountered("all-nationalities", 2022, 100),
    ]
    facts = facts_of(*records)
    params = {"countries": ["a", "b"], "min_named": 2, "why": "Why."}
    assert check_named_share(facts, params).verdict == "no source"  # context only
    params |= {"more_than": 0.8, "fiscal_years": [2021]}
    verdict = check_named_share(facts, params)
    assert (
        verdict.verdict == "supports" and "2 named Latin American countries = 90.0% of 100" in verdict.data[1]
    )
    params["fiscal_years"] = [2021, 2022]
    verdict = check_named_share(facts, params)
    assert verdict.verdict == "inconclusive"
    assert (
        verdict.data[2] == "FY2022 southwest border: 1 of the 2 named countries have a figure; not computed"
    )
    params |= {"more_than": 0.95, "fiscal_years": [2021]}
    assert check_named_share(facts, params).verdict == "inconclusive"  # 90% falls short: not a contradiction


def test_report_lists_coverage_and_every_claim(seed_store):
    text = claims_report(seed_store, CLAIMS)
    assert "Coverage" in text and "  Venezuela: encounters FY2021 SW, FY2022 SW, FY2023 SW" in text
    assert (
        "All nationalities (totals): encounters 2023-12 SW, 2023-12 nationwide, 2024-10 nationwide, FY2021 SW"
        in text
    )
    for claim in CLAIMS.claims:
        assert claim.id in text
    assert text.rstrip().splitlines()[-1].startswith(f"Claims: {len(CLAIMS.claims)} checked:")


def test_report_is_the_same_on_both_stores(memory_seed_store, neo4j_seed_store):
    assert claims_report(neo4j_seed_store, CLAIMS) == claims_report(memory_seed_store, CLAIMS)


BAD_CLAIMS = [
    ("claims: []\n", 1, "-", "claims", "must be a non-empty list"),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: guess\n    check: no_source\n    params: {why: w}\n",
        2,
        "claim 'a'",
        "kind",
        "must be one of number, ranking, trend, date",
    ),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: number\n    check: nope\n",
        2,
        "claim 'a'",
        "check",
        "unknown check 'nope'",
    ),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: number\n    check: share\n"
        "    params: {country: mexico}\n",
        2,
        "claim 'a'",
        "params.low",
        "required by check 'share'",
    ),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: number\n    check: no_source\n"
        "    params: {why: w, x: 1}\n",
        2,
        "claim 'a'",
        "params.x",
        "not a parameter of check 'no_source'",
    ),
    ("claims:\n  - id: Bad Id\n    quote: q\n", 2, "claim #1", "id", "required; use lower-case"),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: number\n    check: citizens_abroad\n"
        "    params: {origin: x, as_of: 2024, counts: [{host: y, low: 5, high: 1}]}\n",
        2,
        "claim 'a'",
        "params.counts[1]",
        "low must not be above high",
    ),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: date\n    check: office_span\n"
        "    params: {persons: [p], from_year: 1986, to_year: 1957}\n",
        2,
        "claim 'a'",
        "params.to_year",
        "must be a year not before from_year",
    ),
    (
        "claims:\n  - id: a\n    quote: q\n    kind: number\n    check: named_share\n"
        "    params: {countries: [x], min_named: 1, why: w, more_than: 80}\n",
        2,
        "claim 'a'",
        "params.more_than",
        "must be a share between 0 and 1",
    ),
]


@pytest.mark.parametrize(("text", "line", "record", "field", "message"), BAD_CLAIMS)
def test_bad_claims_files_name_file_line_claim_and_field(tmp_path, text, line, record, field, message):
    path = tmp_path / "bad.claims.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_claims(path)
    [problem] = [p for p in raised.value.problems if p.field == field]
    assert (problem.file, problem.line, problem.record) == (str(path), line, record)
    assert problem.message.startswith(message)


def test_a_claims_file_beside_the_seed_is_not_loaded_as_facts(tmp_path):
    (tmp_path / "facts.yaml").write_text(Path(FIXTURE).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mine.claims.yaml").write_text("claims: not seed facts\n", encoding="utf-8")
    assert seed_files(tmp_path) == [tmp_path / "facts.yaml"]
    assert load_seed(tmp_path)


def run(*args):
    return subprocess.run([sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=120)


def test_check_prints_the_report():
    done = run("check")
    assert done.returncode == 0 and "The article's quantitative claims" in done.stdout
    assert "[contradicts] december-2023-370000" in done.stdout
    done = run("check", "--seed", str(FIXTURE))
    assert done.returncode == 0 and "[no source] december-2023-370000" in done.stdout


def test_analyse_claims_command_and_its_errors(tmp_path):
    done = run("analyse", "claims")
    assert done.returncode == 0 and done.stdout.startswith("Coverage")
    bad = tmp_path / "bad.claims.yaml"
    bad.write_text("claims: []\n", encoding="utf-8")
    done = run("analyse", "claims", "--claims", str(bad))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: 1 problem in the input, nothing loaded")
    assert f"{bad}:1: -: claims: must be a non-empty list" in done.stderr
