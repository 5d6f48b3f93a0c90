"""A case folder end to end, as a user works in one: `csn init`, their facts, an import and a
decision all land in the case and nothing in the checkout changes; without a case, csn reads the
built-in dataset and refuses to write; and an installed csn (not editable) works from a case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from csn.loaders.resolution.resolutions import read_resolutions
from csn.workspace.case import ENVIRONMENT
from tests.conftest import FIXTURES, REPO, SEED

OWN_FACT = """\
sources:
  - {id: test-ledger, publisher: Test Ledger, title: A ledger of payments, date: 2024-05, url: "https://example.org/ledger"}
nodes:
  - {id: test-courier, label: Person, name: Test Courier}
edges:
  - from: test-courier
    type: ASSOCIATED_WITH
    to: juan-orlando-hernandez
    status: alleged
    valid_from: 2020
    sources: [{source: test-ledger, says: "the courier carried payments"}]
"""


def run(*args: str, cwd: Path, csn: str | None = None) -> subprocess.CompletedProcess:
    """A command run as a user runs it in `cwd`, with no case named by the environment."""
    env = {k: v for k, v in os.environ.items() if k != ENVIRONMENT}
    command = [csn] if csn else [sys.executable, "-m", "csn"]
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def checkout_state() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO, capture_output=True, text=True
    ).stdout


def test_a_case_holds_the_facts_imports_and_decisions_and_the_checkout_is_untouched(tmp_path):
    before, seed_decisions = checkout_state(), (SEED / "resolutions.yaml").read_bytes()
    made = run("init", "my-case", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    case = tmp_path / "my-case"
    (case / "facts" / "mine.yaml").write_text(OWN_FACT)  # uses a built-in node by id
    imported = run("import", "ofac", str(FIXTURES / "lists" / "ofac"), "--list-date", "2024-01-01", cwd=case)
    assert imported.returncode == 0, imported.stderr
    decided = run(
        "resolve",
        "test-courier",
        "ofac-sdn-36001",
        "--different",
        "--by",
        "A. Analyst",
        "--why",
        "another man",
        cwd=case / "facts",  # found upwards, as git finds its repository
    )
    assert decided.returncode == 0, decided.stderr
    shown = run("show", "Test Courier", cwd=case)
    assert "-[ASSOCIATED_WITH]-> Juan Orlando Hernández  [alleged, since 2020]" in shown.stdout
    assert run("show", "ofac-sdn-36001", cwd=case).returncode == 0
    assert (case / ".csn" / "imports" / "ofac-sdn.jsonl").is_file()
    (recorded,) = read_resolutions(case / "resolutions.yaml")
    assert (recorded.pair, recorded.same, recorded.by) == (
        ("ofac-sdn-36001", "test-courier"),
        False,
        "A. Analyst",
    )
    assert checkout_state() == before
    assert (SEED / "resolutions.yaml").read_bytes() == seed_decisions


def test_without_a_case_csn_reads_the_built_in_dataset_and_refuses_to_write(tmp_path):
    traced = run("trace", "--from", "JOH", "--limit", "1", cwd=tmp_path)
    assert traced.returncode == 0 and traced.stdout.startswith("Path 1 of 1")
    for args, doing in [
        (["import", "un", str(FIXTURES / "lists" / "un" / "consolidated.xml")], "an import"),
        (
            ["resolve", "daniel-ortega", "tren-de-aragua", "--different", "--by", "x", "--why", "y"],
            "a decision",
        ),
    ]:
        refused = run(*args, cwd=tmp_path)
        assert (refused.returncode, refused.stderr) == (
            1,
            f"Error: {doing} writes into a case folder, and there is none here: run 'csn init PATH' "
            "first, then run csn inside PATH (or pass --workspace PATH)\n",
        )
    assert sorted(tmp_path.iterdir()) == []


def source_tree(target: Path) -> Path:
    """The checkout's files as git knows them (links kept as links), without any build output."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source, copy = REPO / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, copy)
    return target


def test_an_installed_csn_works_from_a_case_and_shadows_no_other_name(tmp_path):
    tree = source_tree(tmp_path / "source")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # The dependencies come from this environment's site-packages (read as a plain path, so its
    # editable csn is not seen); csn itself is installed from the tree, not editable.
    fresh = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(fresh) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--no-deps", str(tree)], capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    csn = str(venv / "bin" / "csn")
    assert run("init", "my-case", cwd=tmp_path, csn=csn).returncode == 0
    traced = run("trace", "--from", "JOH", "--limit", "1", cwd=tmp_path / "my-case", csn=csn)
    assert traced.returncode == 0, traced.stderr
    assert traced.stdout.startswith("Path 1 of 1: weakest link")
    probe = (
        "import csn, importlib.util; print(csn.__file__); "
        "print([n for n in ('graph', 'loaders', 'queries', 'visualize', 'neo4j_local', 'seed') "
        "if importlib.util.find_spec(n)])"
    )
    where, shadowed = run("-c", probe, cwd=tmp_path, csn=str(venv / "bin" / "python")).stdout.splitlines()
    assert where.startswith(fresh) and shadowed == "[]"
