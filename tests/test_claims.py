"""The claims report: every quantitative claim with a verdict, and the data behind it."""

import subprocess
import sys

from queries.claims import CLAIMS, VERDICTS, check_claims, claims_report
from tests.conftest import FIXTURE


def verdicts(records):
    return {claim.id: verdict for claim, verdict in check_claims(records)}


def test_every_claim_has_a_known_verdict_and_data(seed_records):
    found = verdicts(seed_records)
    assert len(found) == len(CLAIMS) >= 15
    assert {c.kind for c in CLAIMS} <= {"number", "ranking", "trend", "date"}
    for claim_id, verdict in found.items():
        assert verdict.verdict in VERDICTS, claim_id
        assert verdict.data, claim_id


def test_verdicts_on_the_seed(seed_records):
    found = verdicts(seed_records)
    assert found["moise-killed-july-2023"].verdict == "contradicts"
    assert "2021-07-07" in found["moise-killed-july-2023"].data[0]
    assert found["mexico-a-quarter"].verdict == "contradicts"
    assert "37.8%" in found["mexico-a-quarter"].data[0]
    assert found["venezuela-mexico-top-two"].verdict == "contradicts"
    assert found["nicaragua-sanctions-2018"].verdict == "supports"
    assert found["hernandez-45-years-400-tons"].verdict == "supports"
    assert found["decline-matches-migration"].verdict == "inconclusive"  # n = 4 countries
    assert any("pardoned" in line for line in found["hernandez-45-years-400-tons"].data)
    assert found["bti-steady-decline"].verdict == "no source"
    assert found["december-2023-370000"].verdict == "no source"
    assert found["small-states-big-senders"].verdict == "mixed"
    assert any("Haiti: no southwest-border figure" in line for line in found["small-states-big-senders"].data)


def test_without_flows_the_numeric_claims_have_no_source(fixture_records):
    found = verdicts(fixture_records)
    for claim_id in (
        "venezuela-mexico-top-two",
        "mexico-a-quarter",
        "decline-matches-migration",
        "small-states-big-senders",
        "bti-steady-decline",
    ):
        assert found[claim_id].verdict == "no source", claim_id


def test_report_lists_coverage_and_every_claim(seed_records):
    text = claims_report(seed_records)
    assert "Coverage" in text and "  Venezuela: encounters FY2021 SW, FY2023 SW" in text
    for claim in CLAIMS:
        assert claim.id in text
    assert text.rstrip().splitlines()[-1].startswith(f"Claims: {len(CLAIMS)} checked:")


def test_check_prints_the_report():
    run = subprocess.run([sys.executable, "-m", "csn", "check"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "The article's quantitative claims" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "csn", "check", "--seed", str(FIXTURE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and "[no source] december-2023-370000" in run.stdout
