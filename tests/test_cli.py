"""The command line: exit codes and exact error lines, run as a user runs it."""

import subprocess
import sys

import pytest

from tests.conftest import FIXTURE

COMMANDS = ["check", "trace", "show"]


def csn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_command_has_help(command):
    run = csn(*command, "--help")
    assert run.returncode == 0 and "Usage:" in run.stdout


def test_trace_prints_paths_with_citations_and_writes_files(tmp_path):
    html, csv = tmp_path / "t.html", tmp_path / "t.csv"
    run = csn("trace", "--seed", str(FIXTURE), "--max-hops", "2", "--html", str(html), "--csv", str(csv))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "Path 1 of 1: weakest link reported, 2 hops\n"
        "  Ana Ríos (Person) -> Río Cartel (CriminalGroup) -> River route (MigrationCorridor)\n"
        "  1. Ana Ríos -[COLLUDES_WITH]-> Río Cartel  [convicted, since 2012]\n"
        "       source: Test Court Records, \"Verdict in the minister case\", 2016-05-02, https://example.org/verdict\n"
    )
    assert html.stat().st_size > 100_000 and csv.read_text().count("\n") == 3


def test_check_reports_counts():
    run = csn("check", "--seed", str(FIXTURE))
    assert run.returncode == 0
    assert run.stdout.startswith("1 files valid: 14 nodes, 12 edges.\nEvery edge cites a source: 12 of 12 edges.")


def test_show_lists_facts_and_numbered_sources():
    run = csn("show", "--seed", str(FIXTURE), "ana rios")
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "Ana Ríos (Person, id minister)"
    assert "  -[COLLUDES_WITH]-> Río Cartel  [convicted, since 2012] [1]" in run.stdout
    assert "  [1] Test Court Records, \"Verdict in the minister case\", 2016-05-02, https://example.org/verdict" in run.stdout


@pytest.mark.parametrize(
    "args, line",
    [
        (["show", "Nobody"], "Error: no entity named 'Nobody'"),
        (["show", "Ana Rioss"], "Error: no entity named 'Ana Rioss'; did you mean 'Ana Ríos', 'Bo Ríos'?"),
        (["show", "rios"], "Error: 'rios' matches 2 entities: Bo Ríos (Person, id ex-official); "
                           "Ana Ríos (Person, id minister). Use an id."),
        (["trace", "--as-of", "2020-13-01"], "Error: as-of date '2020-13-01' is not a date (YYYY-MM-DD)"),
        (["trace", "--from", "Harbour Gang"],
         "Error: 'Harbour Gang' is a CriminalGroup with no office in a state body; trace starts from state actors"),
        (["trace", "--max-hops", "11"], "Error: max hops must be from 1 to 10, not 11"),
    ],
)
def test_errors_are_one_line_without_traceback(args, line):
    run = csn(*args, "--seed", str(FIXTURE))
    assert run.returncode == 1
    assert run.stderr == line + "\n"
    assert run.stdout == ""


def test_bad_seed_lists_every_problem_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - {id: a, label: Cartel, name: A}\n  - {id: b, label: Person}\n")
    run = csn("check", "--seed", str(bad))
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "Error: 2 problems in the input, nothing loaded",
        f"  {bad}:2: node 'a': label: unknown label 'Cartel'; known: Person, StateBody, CriminalGroup, "
        "SmugglingNetwork, Company, Country, Place, MigrationCorridor, Authority, Indicator, Source",
        f"  {bad}:3: node 'b': name: required",
    ]


def test_usage_errors_exit_2():
    run = csn("trace", "--min-status", "likely")
    assert run.returncode == 2 and "Invalid value for '--min-status'" in run.stderr
