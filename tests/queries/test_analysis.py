"""decline-vs-migration: the table's numbers against the seed data, the correlation, the outputs."""

import struct
import subprocess
import sys

import pandas as pd
import pytest

from csn.graph.errors import NotFound
from csn.graph.model import Edge
from csn.queries.analysis import decline_vs_migration, spearman, write_plot

CAUSAL = (
    "because",
    "cause of",
    "causes",
    "caused",
    "drives",
    "driven",
    "leads to",
    "led to",
    "effect of",
    "due to",
)


def seed_number(seed_records, rel_type, from_id, key, value, prop):
    [edge] = [
        r
        for r in seed_records
        if isinstance(r, Edge)
        and r.type == rel_type
        and r.from_id == from_id
        and r.properties.get(key) == value
        and r.properties.get("area", "southwest land border") == "southwest land border"
    ]
    return edge.properties[prop]


def test_table_numbers_are_the_seed_numbers(seed_store, seed_records):
    result = decline_vs_migration(seed_store, "gitoc-criminality", 2021, 2023)
    assert result.n >= 4
    for row in result.frame.itertuples():
        c = row.country_id
        assert row.indicator_from == seed_number(seed_records, "SCORED", c, "edition", 2021, "value")
        assert row.indicator_to == seed_number(seed_records, "SCORED", c, "edition", 2023, "value")
        assert row.encounters_from == seed_number(
            seed_records, "ENCOUNTERED_IN", c, "fiscal_year", 2021, "encounters"
        )
        assert row.encounters_to == seed_number(
            seed_records, "ENCOUNTERED_IN", c, "fiscal_year", 2023, "encounters"
        )
        assert row.encounters_change == row.encounters_to - row.encounters_from
        assert row.security_decline == pytest.approx(
            row.indicator_to - row.indicator_from
        )  # criminality up = worse
        assert "isacson-2023-cbp-encounters-by-country" in row.sources
    venezuela = result.frame.set_index("country_id").loc["venezuela"]
    assert (venezuela.encounters_from, venezuela.encounters_to) == (48678, 266071)
    assert "All nationalities (totals)" not in set(result.frame["country"])


def test_rank_correlation_is_stated_with_n_and_without_causal_words(seed_store):
    result = decline_vs_migration(seed_store, "gitoc-criminality", 2021, 2023)
    expected = spearman(result.frame["security_decline"], result.frame["encounters_change"])
    assert result.rho == pytest.approx(expected)
    text = result.statement()
    assert f"rho = {result.rho:+.2f}, n = {result.n} countries" in text
    assert "not why" in text and not any(word in text.lower() for word in CAUSAL)
    assert "Left out for missing numbers: Haiti." in text  # no FY2021 figure


def test_spearman():
    assert spearman(pd.Series([1, 2, 3, 4]), pd.Series([10, 20, 30, 40])) == pytest.approx(1.0)
    assert spearman(pd.Series([1, 2, 3]), pd.Series([3, 2, 1])) == pytest.approx(-1.0)
    assert spearman(pd.Series([1, 2]), pd.Series([1, 2])) is None
    assert spearman(pd.Series([1, 1, 1]), pd.Series([1, 2, 3])) is None


def test_an_indicator_without_data_gives_no_correlation(seed_store):
    result = decline_vs_migration(seed_store, "bti-q1-1-monopoly-on-force", 2014, 2024)
    assert result.n == 0 and result.rho is None
    assert result.statement().startswith("Not enough data")


def test_bad_arguments(seed_store):
    with pytest.raises(NotFound, match="no indicator with id 'nope'"):
        decline_vs_migration(seed_store, "nope")
    with pytest.raises(ValueError, match="must be before"):
        decline_vs_migration(seed_store, from_year=2023, to_year=2021)


def test_plot_is_a_png(seed_store, tmp_path):
    path = tmp_path / "plot.png"
    write_plot(decline_vs_migration(seed_store), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_command_writes_table_and_plot(tmp_path):
    csv, png = tmp_path / "t.csv", tmp_path / "t.png"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "csn",
            "analyse",
            "decline-vs-migration",
            "--csv",
            str(csv),
            "--png",
            str(png),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Spearman rank correlation" in run.stdout
    table = pd.read_csv(csv)
    assert list(table.columns)[:3] == ["country", "country_id", "indicator_from"]
    assert len(table) >= 4
    image = png.read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and image[12:16] == b"IHDR"
    assert struct.unpack(">II", image[16:24]) == (800, 600)  # 8 by 6 inches at 100 dpi


def test_command_errors_are_one_line():
    run = subprocess.run(
        [sys.executable, "-m", "csn", "analyse", "decline-vs-migration", "--indicator", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("Error: no indicator with id 'nope'; known: bti-q1-1-monopoly-on-force")


@pytest.mark.parametrize("command", [["analyse"], ["analyse", "decline-vs-migration"]])
def test_help(command):
    run = subprocess.run(
        [sys.executable, "-m", "csn", *command, "--help"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and "Usage:" in run.stdout


def csn(*args):
    return subprocess.run([sys.executable, "-m", "csn", *args], capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("command", [["decline-vs-migration"], ["claims"]])
def test_analyse_on_neo4j_prints_what_it_prints_on_memory(neo4j_seed_store, command):
    on_memory = csn("analyse", *command)
    on_neo4j = csn("analyse", *command, "--store", "neo4j")
    assert on_memory.returncode == on_neo4j.returncode == 0, on_neo4j.stderr
    assert on_neo4j.stdout == on_memory.stdout


def test_a_single_month_is_not_a_fiscal_year(seed_store):
    from csn.queries.analysis import destination_edges, encounters_by_country, monthly_encounters

    edges = destination_edges(seed_store)
    whole = encounters_by_country(edges)
    assert whole[("all-nationalities", 2024)].properties["encounters"] == 2135005
    december = monthly_encounters(edges, "all-nationalities", "2023-12")
    assert {area: e.properties["encounters"] for area, e in december.items()} == {
        "southwest land border": 302034,
        "nationwide": 371036,
    }
