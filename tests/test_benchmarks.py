"""The load benchmark runs end to end on a tiny graph and reports every loader it measures."""

import subprocess
import sys

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
