"""The matching benchmark's reference holds every pair its rules propose, and csn's matcher meets
the benchmark's goals on it (read from ../shared/data; skipped without it except in CI)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks.matching import GOALS, OFAC_CUT, OFAC_DATE, UN_CUT, evaluate
from benchmarks.matching_reference import propose, read_ofac_people, read_reference, read_un_people
from csn import ARTICLE_DATASET
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.un import read_un
from csn.loaders.resolution.resolutions import read_resolutions, resolutions_file
from tests.conftest import REPO, SHARED_DATA

needs_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir() and os.environ.get("CI") != "true", reason="the real list excerpts are not here"
)


def test_the_reference_is_checked_and_each_pair_is_listed_once():
    reference = read_reference()
    pairs = [(p.ofac_id, p.un_id) for p in reference]
    assert len(pairs) == len(set(pairs))
    assert {p.same for p in reference} == {"yes", "no"}
    assert all(p.note for p in reference)


@needs_data
def test_the_reference_holds_every_pair_its_rules_propose():
    proposed = propose(read_ofac_people(SHARED_DATA / OFAC_CUT), read_un_people(SHARED_DATA / UN_CUT))
    checked = {(p.ofac_id, p.un_id) for p in read_reference() if p.found_by == "same birth date"}
    assert {(p.ofac_id, p.un_id) for p in proposed} == checked


@needs_data
def test_the_matcher_meets_the_goals_on_the_reference():
    imports = [read_ofac(SHARED_DATA / OFAC_CUT, OFAC_DATE), read_un(SHARED_DATA / UN_CUT)]
    seed = load_seed(ARTICLE_DATASET)
    outcome = evaluate(imports, seed, read_resolutions(resolutions_file(ARTICLE_DATASET)), read_reference())
    true = len(outcome.true_pairs)
    assert outcome.merges_false == []
    assert outcome.merges_unchecked == []  # every automatic merge was read by hand
    assert len(outcome.merged) / true >= GOALS["automatic"]
    assert (len(outcome.merged) + len(outcome.proposed)) / true >= GOALS["merged or proposed"]


@needs_data
def test_the_benchmark_runs_and_prints_its_table():
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.matching", "--no-full-size"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "| merged or proposed |" in run.stdout
    assert "False automatic merges: 0" in run.stdout
