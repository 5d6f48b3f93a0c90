"""The command line: exit codes and exact error lines, run as a user runs it."""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, FIXTURES

COMMANDS = ["check", "trace", "show"]


def csn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=120)


def drawn(page: Path) -> tuple[str, list[str], list[str]]:
    """A network view's title and the ids of the nodes and edges it draws."""
    html = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html)
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.DOTALL)
    assert title and data, "not a network view"
    graph = json.loads(data.group(1))
    return title.group(1), sorted(n["id"] for n in graph["nodes"]), sorted(e["id"] for e in graph["edges"])


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_command_has_help(command):
    run = csn(*command, "--help")
    assert run.returncode == 0 and "Usage:" in run.stdout


def test_trace_prints_paths_with_citations_and_writes_files(tmp_path):
    html, table = tmp_path / "new" / "t.html", tmp_path / "new" / "t.csv"  # folders are made
    run = csn("trace", "--seed", str(FIXTURE), "--max-hops", "2", "--html", str(html), "--csv", str(table))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(
        "Path 1 of 1: weakest link reported, 2 hops\n"
        "  Ana Ríos (Person) -> Río Cartel (CriminalGroup) -> River route (MigrationCorridor)\n"
        "  1. Ana Ríos -[COLLUDES_WITH]-> Río Cartel  [convicted, since 2012]\n"
        '       source: Test Court Records, "Verdict in the minister case", 2016-05-02, https://example.org/verdict\n'
    )
    hops = ["minister--colludes-with--cartel--2012", "cartel--smuggles-on--river-route--2013"]
    assert drawn(html) == (
        "Trace: state actors to migration corridors",
        ["cartel", "minister", "river-route"],
        sorted(hops),
    )
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["path"], r["hop"], r["from"], r["type"], r["to"], r["status"]) for r in rows] == [
        ("1", "1", "Ana Ríos", "COLLUDES_WITH", "Río Cartel", "convicted"),
        ("1", "2", "Río Cartel", "SMUGGLES_ON", "River route", "reported"),
    ]
    assert (
        rows[1]["sources"]
        == 'Test Gazette, "Smugglers on the river route", 2021-03, https://example.org/gazette'
    )
    assert rows[1]["says"] == "the cartel charges migrants on the river"


def test_check_reports_counts():
    run = csn("check", "--seed", str(FIXTURE))
    assert run.returncode == 0
    assert run.stdout.startswith(
        "1 files valid: 14 nodes, 12 edges.\nEvery edge cites a source: 12 of 12 edges."
    )


def test_show_lists_facts_and_numbered_sources():
    run = csn("show", "--seed", str(FIXTURE), "ana rios")
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "Ana Ríos (Person, id minister)"
    assert "  -[COLLUDES_WITH]-> Río Cartel  [convicted, since 2012] [1]" in run.stdout
    assert (
        '  [1] Test Court Records, "Verdict in the minister case", 2016-05-02, https://example.org/verdict'
        in run.stdout
    )


@pytest.mark.parametrize(
    "args, line",
    [
        (["show", "Nobody"], "Error: no entity named 'Nobody'"),
        (["show", "Ana Rioss"], "Error: no entity named 'Ana Rioss'; did you mean 'Ana Ríos', 'Bo Ríos'?"),
        (
            ["show", "rios"],
            "Error: 'rios' matches 2 entities: Bo Ríos (Person, id ex-official); "
            "Ana Ríos (Person, id minister). Use an id.",
        ),
        (["trace", "--as-of", "2020-13-01"], "Error: as-of date '2020-13-01' is not a date (YYYY-MM-DD)"),
        (
            ["trace", "--from", "Harbour Gang"],
            "Error: 'Harbour Gang' is a CriminalGroup with no office in a state body; "
            "trace starts from state actors",
        ),
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
        "SmugglingNetwork, Company, Organization, Country, Place, MigrationCorridor, Authority, "
        "Indicator, Source",
        f"  {bad}:3: node 'b': name: required",
    ]


def test_usage_errors_exit_2():
    run = csn("trace", "--min-status", "likely")
    assert run.returncode == 2 and "Invalid value for '--min-status'" in run.stderr


QUERY_COMMANDS = [
    "connect",
    "neighbourhood",
    "profile",
    "brokers",
    "corridor",
    "view",
    "export",
    "load",
    "analyse",
]


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_query_commands_have_help(command):
    run = csn(command, "--help")
    assert run.returncode == 0 and "Usage:" in run.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_connect_in_every_format(fmt):
    run = csn("connect", "Ana Ríos", "Harbour Gang", "-k", "1", "--format", fmt, "--seed", str(FIXTURE))
    assert run.returncode == 0, run.stderr
    if fmt == "json":
        import json

        data = json.loads(run.stdout)
        assert [n["id"] for n in data["paths"][0]["nodes"]] == ["minister", "gov-a", "police-a", "gang"]
    elif fmt == "csv":
        assert run.stdout.splitlines()[0].startswith("path,hop,start,end,path_weakest,from_id")
        assert len(run.stdout.splitlines()) == 4
    elif fmt == "markdown":
        assert "| path | hop |" in run.stdout
    else:
        assert "Path 1 of 1: weakest link alleged, 3 hops" in run.stdout


def test_neighbourhood_says_how_many_more():
    run = csn("neighbourhood", "minister", "--limit", "2", "--seed", str(FIXTURE))
    assert run.returncode == 0
    assert (
        run.stdout.splitlines()[0] == "4 entities within 1 hops of Ana Ríos (all dates); showing 1-2, 2 more"
    )


def test_profile_markdown_and_brokers_and_corridor(tmp_path):
    run = csn("profile", "minister", "--format", "markdown", "--seed", str(FIXTURE))
    assert run.returncode == 0 and run.stdout.startswith("# Ana Ríos\n")
    run = csn("brokers", "--format", "csv", "--seed", str(FIXTURE))
    assert run.returncode == 0 and run.stdout.splitlines()[1].startswith("1,minister,Ana Ríos,Person,2.5,3,")
    html = tmp_path / "c.html"
    run = csn("corridor", "River route", "--html", str(html), "--seed", str(FIXTURE))
    assert run.returncode == 0, run.stderr
    assert "Actors feeding River route" in run.stdout
    title, nodes, _ = drawn(html)
    assert title == "Corridor: River route"
    assert nodes == [
        "cartel",
        "ex-official",
        "gang",
        "harbour-town",
        "minister",
        "police-a",
        "river-route",
        "smugglers",
    ]


def test_query_errors_are_one_line():
    run = csn("connect", "minister", "gang", "--type", "BRIBES", "--seed", str(FIXTURE))
    assert run.returncode == 1
    assert run.stderr.startswith("Error: unknown relationship type 'BRIBES'; known: HOLDS_OFFICE")
    assert len(run.stderr.splitlines()) == 1


def test_the_default_profile_table_shows_every_value_in_full(case):
    lists = FIXTURES / "lists"
    env = dict(os.environ)
    imported = subprocess.run(
        [sys.executable, "-m", "csn", "import", "un", str(lists / "un" / "consolidated.xml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    run = subprocess.run(
        [sys.executable, "-m", "csn", "profile", "un-hti-901"], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert "HTi.901" in run.stdout and "program Haiti" in run.stdout  # the listing, in full
    assert "NaN" not in run.stdout and "..." not in run.stdout
    assert "[1] United Nations Security Council" in run.stdout  # the source, on a line of its own


def test_csn_trace_as_of_the_first_day_prints_the_path(tmp_path):
    from click.testing import CliRunner

    from csn.cli.main import cli
    from tests.conftest import FIXTURE

    seed = tmp_path / "network.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    collusion = "type: COLLUDES_WITH, to: cartel, status: convicted, valid_from: 2012,"
    assert collusion in text
    seed.write_text(text.replace(collusion, collusion.replace("2012,", "2013-03-15,")), encoding="utf-8")

    def traced(day: str) -> str:
        done = CliRunner().invoke(cli, ["trace", "--seed", str(seed), "--max-hops", "2", "--as-of", day])
        assert done.exit_code == 0, done.output
        return done.output

    assert traced("2013-03-15").startswith(
        "Path 1 of 1: weakest link reported, 2 hops\n"
        "  Ana Ríos (Person) -> Río Cartel (CriminalGroup) -> River route (MigrationCorridor)\n"
        "  1. Ana Ríos -[COLLUDES_WITH]-> Río Cartel  [convicted, since 2013-03-15]\n"
    )
    assert "No paths match." in traced("2013-03-14")
