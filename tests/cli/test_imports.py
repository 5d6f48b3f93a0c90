"""`csn import` end to end: the real excerpts of the official lists into the graph, kept, merged
with the curated facts, idempotent, delisting, refusing bad input, and the same on Neo4j.

The real excerpts are read from ../shared/data (see its README); without it these tests skip,
except in CI, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from csn.cli.main import cli
from csn.workspace import assembly
from csn.workspace import case as cases
from tests.conftest import FIXTURES as TEST_FIXTURES
from tests.conftest import SHARED_DATA

DATA = SHARED_DATA
FIXTURES = TEST_FIXTURES / "lists"
OFAC = DATA / "ofac-sdn-2021"
UN = DATA / "un-sc-consolidated-2026-02-27-excerpt.xml"
ZALA = DATA / "ftm" / "opensanctions-zala.ftm.json"

needs_data = pytest.mark.skipif(
    not DATA.is_dir() and os.environ.get("CI") != "true", reason="the real list excerpts are not here"
)


@pytest.fixture
def kept(case):
    """The kept imports of a case of the test's own."""
    return case.imports_folder


def case_store():
    """The test's case as the embedded store (the commands' own view of it)."""
    return assembly.open_store(cases.find())


def csn(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def csn_process(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it, `Error:` lines and exit codes included."""
    return subprocess.run([sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=300)


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl"))} if folder.is_dir() else {}


@needs_data
def test_the_official_lists_merge_with_the_curated_facts(kept):
    done = csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    assert done.exit_code == 0, done.output
    assert "  ofac-sdn-22790 -> nicolas-maduro" in done.output
    done = csn("import", "un", str(UN))
    assert done.exit_code == 0, done.output
    assert "  un-hti-001 -> jimmy-cherizier" in done.output
    done = csn("import", "ftm", str(ZALA))
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[0] == (
        "Imported ftm:file-opensanctions-zala, edition of 2026-04-29, into memory: 11 Company, 6 Person."
    )
    store = case_store()
    for curated, entry in [
        ("nicolas-maduro", "ofac-sdn-22790"),
        ("cilia-flores", "ofac-sdn-25079"),
        ("rosario-murillo", "ofac-sdn-26124"),
        ("jimmy-cherizier", "ofac-sdn-30582"),
        ("jimmy-cherizier", "un-hti-001"),
    ]:
        assert entry in store.node(curated).properties["merged_ids"]
    maduro = csn("profile", "Nicolás Maduro", "--format", "markdown").output
    assert (
        "- Office of Foreign Assets Control, U.S. Department of the Treasury: program VENEZUELA; " in maduro
    )
    assert "reference 22790; list ofac-sdn (dates unknown)" in maduro
    assert "`-[CHARGED_BY]->` U.S. District Court for the Southern District of New York" in maduro  # curated
    cherizier = csn("profile", "Jimmy Cherizier", "--format", "markdown").output
    assert (
        "- United Nations Security Council: designation UN Security Council Haiti sanctions list; "
        "program Haiti; reference HTi.001; list un-sc (since 2022-10-21)"
    ) in cherizier


@needs_data
def test_the_curated_listings_are_checked_against_each_list(kept):
    from csn.queries.crosscheck import crosscheck

    csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    csn("import", "un", str(UN))
    checked = {listed.key: listed for listed in crosscheck(case_store())}
    assert (checked["ofac-sdn"].date, checked["un-sc"].date) == ("2021-07-01", "2026-02-27")
    verdicts = {
        (r.list_key, r.entity.id, r.curated.valid_from): r.verdict for c in checked.values() for r in c.rows
    }
    assert verdicts["ofac-sdn", "nicolas-maduro", "2017-07-31"] == "agrees"  # OFAC's CSV gives no date
    assert verdicts["ofac-sdn", "michel-martelly", "2024-08-20"] == "after the edition"
    assert verdicts["un-sc", "jimmy-cherizier", "2022-10-21"] == "agrees"
    assert set(verdicts.values()) <= {"agrees", "not on the list", "after the edition"}
    shown = csn("check").output
    assert "  ofac-sdn, edition of 2021-07-01:\n    agrees: 11\n" in shown


@needs_data
def test_namesakes_on_the_list_stay_apart_from_the_curated_node(kept):
    csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    store = case_store()
    # MADURO GUERRA, Nicolas Ernesto (DOB 1990) is the son: merged with him, not with his father
    assert "ofac-sdn-26946" in store.node("nicolas-maduro-guerra").properties["merged_ids"]
    assert "ofac-sdn-26946" not in store.node("nicolas-maduro").properties["merged_ids"]
    # Two Rivera Maradiaga brothers on the list: one is the curated Devis Leonel, one stays apart
    assert store.node("devis-leonel-rivera-maradiaga").properties["merged_ids"] == ["ofac-sdn-16170"]
    assert store.node("ofac-sdn-16169").name == "RIVERA MARADIAGA, Javier Eriberto"
    pending = csn("resolve").output
    assert "nicolas-maduro / ofac-sdn-26946" not in pending  # decided in seed/resolutions.yaml


@needs_data
def test_a_second_import_of_the_same_file_changes_nothing(kept):
    csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    csn("import", "un", str(UN))
    csn("import", "ftm", str(ZALA))
    before, counts = folder_state(kept), case_store().counts()
    csn("import", "ftm", str(ZALA))
    csn("import", "un", str(UN))
    csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    assert folder_state(kept) == before
    assert case_store().counts() == counts


def test_a_newer_edition_ends_the_listings_it_no_longer_holds(kept, tmp_path):
    newer = tmp_path / "newer"
    shutil.copytree(FIXTURES / "ofac", newer)
    rows = (newer / "sdn.csv").read_bytes().split(b"\r\n")
    dropped = rows.pop(0)
    (newer / "sdn.csv").write_bytes(b"\r\n".join(rows))
    for extra in ("add.csv", "alt.csv"):  # the dropped entry's aliases and addresses go with it
        number = dropped.split(b",")[0] + b","
        kept_rows = [r for r in (newer / extra).read_bytes().split(b"\r\n") if not r.startswith(number)]
        (newer / extra).write_bytes(b"\r\n".join(kept_rows))
    entry = "ofac-sdn-" + dropped.split(b",")[0].decode()
    assert csn("import", "ofac", str(FIXTURES / "ofac"), "--list-date", "2024-01-01").exit_code == 0
    done = csn("import", "ofac", str(newer), "--list-date", "2025-06-30")
    assert done.exit_code == 0, done.output
    assert "Ended 1 listings this edition no longer holds (valid_to 2025-06-30)." in done.output
    store = case_store()
    (listing,) = [
        e for e in store.edges_of(entry) if e.properties.get("list") == "ofac-sdn" and e.to_id == "ofac"
    ]
    assert listing.valid_to == "2025-06-30"
    assert listing.holds_on("2025-01-01") and not listing.holds_on("2025-07-01")
    # Every output says the listing ended then, never that it began then.
    for args in (["show"], ["profile"], ["profile", "--format", "markdown"], ["profile", "--format", "csv"]):
        shown = csn(*args, entry).output
        assert "until 2025-06-30" in shown and "since 2025-06-30" not in shown, args
    before = folder_state(kept)
    older = csn_process("import", "ofac", str(FIXTURES / "ofac"), "--list-date", "2024-01-01")
    assert (older.returncode, older.stderr) == (
        1,
        "Error: ofac-sdn: -: date: this edition (2024-01-01) is older than the one already imported "
        "(2025-06-30); import editions oldest first; nothing imported\n",
    )
    assert folder_state(kept) == before


UN_BAD = FIXTURES / "un" / "bad"
OFAC_FIXTURE = FIXTURES / "ofac"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["un", f"{UN_BAD}/truncated.xml"],
            f"Error: {UN_BAD}/truncated.xml:68: file: -: the XML breaks off at column 21, the parser says "
            "'no element found': the file is truncated or not well-formed, and nothing after this point "
            "was read; nothing imported",
        ),
        (
            ["ofac", f"{FIXTURES}/un/consolidated.xml", "--list-date", "2024-01-01"],
            f"Error: {FIXTURES}/un/consolidated.xml:1: line 1: -: not an OFAC 12-column SDN file (it looks "
            "like XML): its first row has 1 fields, 12-column SDN rows have 12; nothing imported",
        ),
        (
            ["ftm", str(FIXTURES / "ftm" / "bad-line.ftm.json")],
            f"Error: {FIXTURES}/ftm/bad-line.ftm.json:2: line 2: json: not JSON (at character 1); "
            "each line holds one entity; nothing imported",
        ),
        (
            ["ftm", str(FIXTURES / "ftm" / "unknown-schema.ftm.json")],
            f"Error: {FIXTURES}/ftm/unknown-schema.ftm.json:1: entity x1: schema: 'Starship' is not a "
            "FollowTheMoney schema; nothing imported",
        ),
        (
            ["ftm", str(FIXTURES / "ftm" / "latin-1.ftm.json")],
            f"Error: {FIXTURES}/ftm/latin-1.ftm.json:1: line 1: json: not an FtM JSON lines file: the first "
            "line is not UTF-8 (byte 60 of the line); nothing imported",
        ),
        (
            ["ofac", str(OFAC_FIXTURE), "--list-date", "2024-13-01"],
            f"Error: {OFAC_FIXTURE}: options: --list-date: '2024-13-01' is not a date written YYYY-MM-DD "
            "(the SDN files carry no date of their own); nothing imported",
        ),
    ],
)
def test_a_bad_file_is_refused_with_one_error_line_and_nothing_kept(kept, args, line):
    csn("import", "ofac", str(OFAC_FIXTURE), "--list-date", "2024-01-01")
    before = folder_state(kept)
    done = csn_process("import", *args)
    assert (done.returncode, done.stderr) == (1, line + "\n")
    assert folder_state(kept) == before


def test_skip_bad_imports_the_sound_rows_and_lists_the_rest(kept, tmp_path):
    from tests.loaders.lists.test_ofac import SDN_ROW, trio

    bad = '36\xb2,"SUPERSCRIPT, Two","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    folder = trio(tmp_path / "sdn", [SDN_ROW, bad])
    refused = csn_process("import", "ofac", str(folder), "--list-date", "2024-01-01")
    assert (
        refused.stderr
        == f"Error: {folder}/sdn.csv:2: entry 36\xb2: ent_num: is not a whole number; nothing imported\n"
    )
    assert folder_state(kept) == {}
    done = csn("import", "ofac", str(folder), "--list-date", "2024-01-01", "--skip-bad")
    assert done.exit_code == 0
    assert done.output.splitlines()[-2:] == [
        "Skipped 1 bad records:",
        f"  {folder}/sdn.csv:2: entry 36\xb2: ent_num: is not a whole number",
    ]
    assert case_store().node("ofac-sdn-36010")


@needs_data
@pytest.mark.neo4j
def test_imports_into_neo4j_hold_the_same_graph_as_the_embedded_store(kept, neo4j_store, seed_records):
    from tests.conftest import holding

    store = holding(neo4j_store, "seed", seed_records)
    store.loaded = "seed and lists"  # the imports change it: later tests reload
    settings = store.settings
    env = {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }
    for args in (["ofac", str(OFAC), "--list-date", "2021-07-01"], ["un", str(UN)], ["ftm", str(ZALA)]):
        done = csn("import", *args, "--store", "neo4j", env=env)
        assert done.exit_code == 0, done.output
    counts = store.counts()
    csn("import", "un", str(UN), "--store", "neo4j", env=env)
    assert store.counts() == counts
    embedded = case_store()
    assert counts == embedded.counts()
    assert sorted(store.all_nodes(), key=lambda n: n.id) == sorted(embedded.all_nodes(), key=lambda n: n.id)
    assert sorted(store.all_edges(), key=lambda e: e.id) == sorted(embedded.all_edges(), key=lambda e: e.id)
    assert "ofac-sdn-22790" in store.node("nicolas-maduro").properties["merged_ids"]


@needs_data
def test_connect_walks_the_lists_ties_with_their_sources(kept):
    from csn.queries.connect import connect

    csn("import", "ofac", str(OFAC), "--list-date", "2021-07-01")
    (path,) = connect(case_store(), "Nicolás Maduro", "ofac-sdn-30421", k=1).paths
    ((fact,),) = [hop.facts for hop in path.hops]
    assert (fact.edge.type, fact.edge.status) == ("LINKED_TO", "official_finding")
    assert fact.sources[0].says == "SDN entry 30421: Linked To: MADURO MOROS, Nicolas."


def test_a_decision_reaches_the_database_at_once(kept, neo4j_store, seed_records):
    from csn.graph.errors import NotFound
    from tests.conftest import holding

    store = holding(neo4j_store, "seed", seed_records)
    store.loaded = "seed, a list and a decision"  # later tests reload
    s = store.settings
    env = {"NEO4J_URI": s.uri, "NEO4J_USERNAME": s.username, "NEO4J_PASSWORD": s.password}
    imported = csn(
        "import", "ofac", str(FIXTURES / "ofac"), "--list-date", "2024-01-01", "--store", "neo4j", env=env
    )
    assert imported.exit_code == 0, imported.output
    assert store.node("ofac-sdn-36002").name == "TREN DEL NORTE"
    same = ["tren-de-aragua", "ofac-sdn-36002", "--same", "--by", "A. Analyst", "--why", "a test decision"]
    decided = csn("resolve", *same, "--store", "neo4j", env=env)
    assert decided.exit_code == 0, decided.output
    assert decided.output.splitlines()[-1].startswith("Applied to Neo4j: ")
    # Without a reload, the database holds what the embedded store holds: one node, the edges moved.
    embedded = case_store()
    assert sorted(store.all_nodes(), key=lambda n: n.id) == sorted(embedded.all_nodes(), key=lambda n: n.id)
    assert sorted(store.all_edges(), key=lambda e: e.id) == sorted(embedded.all_edges(), key=lambda e: e.id)
    assert "ofac-sdn-36002" in store.node("tren-de-aragua").properties["merged_ids"]
    with pytest.raises(NotFound):
        store.node("ofac-sdn-36002")
    profiles = [
        json.loads(csn("profile", "tren-de-aragua", "--format", "json", *where, env=env).output)
        for where in ([], ["--store", "neo4j"])
    ]
    assert profiles[0] == profiles[1]  # the same entity, the same facts, on both stores
    assert "ofac-sdn-36002" in profiles[0]["node"]["properties"]["merged_ids"]
    # A decision that keeps apart two entities csn never merged changes nothing there.
    counts = store.counts()
    apart = ["daniel-ortega", "ofac-sdn-36001", "--different", "--by", "A. Analyst", "--why", "two people"]
    kept_apart = csn("resolve", *apart, "--store", "neo4j", env=env)
    assert kept_apart.output.splitlines()[-1] == "Applied to Neo4j: 0 nodes and edges changed."
    assert store.counts() == counts
