"""The load benchmarks run end to end on a tiny graph and report every loader they measure."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.first_load import ftm_constraints, ftm_import_arguments
from benchmarks.ftm_file import write_ftm_file
from benchmarks.synthetic import synthetic_records
from tests.conftest import REPO


def test_load_benchmark_measures_every_loader(neo4j_store):
    neo4j_store.loaded = None  # the benchmark clears the database
    s = neo4j_store.settings
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.load",
            "--sizes",
            "60",
            "--per-row",
            "30",
            "--batch-sizes",
            "25",
            "--drivers",
            "python",
            "--no-memory",
            "--uri",
            s.uri,
            "--username",
            s.username,
            "--password",
            s.password,
            "--database",
            s.database,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if line.startswith("| ")]
    main_table = [r for r in rows if r[0] == "neo4j"]
    assert [r[2] for r in main_table] == [
        "per-row",
        "batched (merge), batch 25",
        "edges onto stored nodes, batch 25",
        "batched (unpipelined), batch 25",
        "batched (create), batch 25",
    ]
    assert [r[3] for r in main_table] == ["30", "60", "60", "60", "60"]
    sweep = {r[1]: r[-1] for r in rows if r[0].startswith("neo4j ") and len(r) == 5}
    assert sweep == {
        "batched (merge)": "yes",
        "edges onto stored nodes": "",
        "batched (unpipelined)": "yes",
        "batched (create)": "no",
    }
    assert rows[-1][0] == "60"  # the row-building table
    assert neo4j_store.counts() == (0, 0)


def test_first_load_benchmark_gives_every_path_the_same_graph(neo4j_store, tmp_path):
    """--bulk, the batched loader and followthemoney's path, each on a throwaway server of its own,
    hold the same counts of nodes and relationships (timings are not checked)."""
    pytest.importorskip("followthemoney", reason="the bench extra: pip install -e '.[bench]'")
    measured = tmp_path / "first_load.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--first-load", "--facts", "3000", "--json", str(measured)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(measured.read_text())
    assert [r["path"] for r in results] == ["bulk", "batched", "followthemoney"]
    assert {(r["nodes"], r["relationships"]) for r in results} == {(1_000, 3_000)}
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in run.stdout.splitlines()]
    table = [row for row in rows if row[0] in ("--bulk", "batched", "followthemoney")]
    assert [(row[0], row[1]) for row in table] == [
        ("--bulk", "3,000"),
        ("batched", "3,000"),
        ("followthemoney", "3,000"),
    ]


def test_the_ftm_file_and_followthemoney_import_script(tmp_path):
    """Every record becomes one FtM entity, and followthemoney's export of them gives the importer
    arguments the benchmark passes on (its files, and options other than the database's name)."""
    pytest.importorskip("followthemoney", reason="the bench extra: pip install -e '.[bench]'")
    entities = tmp_path / "graph.ftm.json"
    assert write_ftm_file(synthetic_records(60, 100), entities) == (60, 100)
    lines = [json.loads(line) for line in entities.read_text(encoding="utf-8").splitlines()]
    assert {line["schema"] for line in lines} == {
        "Person",
        "Company",
        "Organization",
        "Associate",
        "Membership",
        "UnknownLink",
    }
    out = tmp_path / "csv"
    ftm = Path(sys.executable).with_name("ftm")
    subprocess.run([str(ftm), "export-neo4j-bulk", "-i", str(entities), "-o", str(out)], check=True)
    edges = {"_links.csv", "Associate.csv", "Membership.csv", "UnknownLink.csv"}
    inputs, options = ftm_import_arguments(out / "neo4j_import.sh")
    assert options == ["--multiline-fields=true"]
    assert sorted(inputs) == sorted(
        f"--{'relationships' if name in edges else 'nodes'}={out / name}"
        for name in [path.name for path in out.glob("*.csv")]
    )
    assert ftm_constraints(out)[:1] == [
        "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE"
    ]


def test_the_import_benchmark_measures_every_step_on_tiny_files():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.imports",
            "--ofac-entries",
            "30",
            "--ftm-entities",
            "120",
            "--no-neo4j",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in run.stdout.splitlines()]
    steps = [(row[0], row[1]) for row in rows if len(row) == 7 and row[0] not in ("data", "---")]
    last_table = steps[-8:]
    assert [step for _, step in last_table] == [
        "read",
        "import (embedded, kept)",
        "csn show, this file kept",
        "csn show again",
        "read",
        "import (embedded, kept)",
        "csn show, this file kept",
        "csn show again",
    ]
    assert [data for data, _ in last_table] == ["OFAC SDN, 30 entries"] * 4 + ["FtM, 120 entities"] * 4
