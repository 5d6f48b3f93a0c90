"""The claims report: every quantitative claim (data in seed/article.claims.yaml) with a verdict
computed over a store, the same on the in-memory store and on Neo4j."""

import subprocess
import sys
from pathlib import Path

import pytest

from csn.graph.errors import DataError
from csn.graph.memory_store import MemoryStore
from csn.loaders.curated.claims import CHECKS, DEFAULT_CLAIMS, KINDS, claims_file, load_claims
from csn.loaders.curated.seed import load_seed, seed_files
from csn.queries.claims import CHECK_FUNCTIONS, VERDICTS, check_claims, claims_report
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
    # Mexico: 37.8% in FY2021 and 34.0% in FY2022 (from counts), 29% in FY2023 (as stated).
    mexico = found["mexico-a-quarter"]
    assert mexico.verdict == "mixed"
    assert mexico.data[0].startswith("FY2021") and "= 37.8%" in mexico.data[0]
    assert mexico.data[1].startswith("FY2022") and "= 34.0%" in mexico.data[1]
    assert mexico.data[2].startswith("FY2023") and "Mexico 29% of 2,475,669" in mexico.data[2]
    assert found["venezuela-mexico-top-two"].verdict == "contradicts"
    assert found["nicaragua-sanctions-2018"].verdict == "supports"
    assert found["hernandez-45-years-400-tons"].verdict == "supports"
    assert found["decline-matches-migration"].verdict == "inconclusive"  # n = 5 countries, fewer than 8
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
    assert any("Haiti: no southwest-border figure" in line for line in small.data)


def test_a_stated_share_counts_only_if_the_cited_edge_says_it(seed_records):
    wrong = load_claims(DEFAULT_CLAIMS)
    [claim] = [c for c in wrong.claims if c.id == "mexico-a-quarter"]
    claim.params["stated_shares"][0]["quote"] = "with 45 percent of the total"
    store = MemoryStore()
    store.write(seed_records)
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
    ):
        assert found[claim_id].verdict == "no source", claim_id


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
