"""The CBP Nationwide Encounters loader: both file variants, the totals, and every kind of bad row."""

import pytest

from csn.graph.errors import DataError
from csn.loaders.curated.cbp import (
    OTHER,
    encounter_edges,
    fiscal_year_dates,
    read_encounters,
    snake,
)
from tests.conftest import TESTS

CBP = TESTS / "fixtures" / "cbp"


def test_headers_match_in_snake_case():
    assert snake("Month (abbv)") == "month_abbv"
    assert snake("AOR (Abbv)") == "aor_abbv"
    assert snake(" Encounter Count ") == "encounter_count"


def test_state_variant_totals_by_country_year_and_region():
    # A constructed excerpt in the exact format of CBP's state file (its first two rows are CBP's).
    table = read_encounters(CBP / "state-variant.csv")
    assert table.variant == "state" and table.rows == 13 and not table.problems
    assert table.count("mexico", 2022, "southwest land border") == 1200 + 300 + 500
    assert table.count("mexico", 2022) == 2000
    assert table.count("venezuela", 2022, "northern land border") == 8
    assert table.count("venezuela", 2022) == 258
    assert table.count("china", 2022) == 1  # "CHINA, PEOPLES REPUBLIC OF"
    assert table.count("cuba", 2022, "other") == 30 and table.count("cuba", 2022) == 30
    assert table.count(OTHER, 2022) == 75  # OTHER stays its own bucket
    assert table.total(2022) == 8 + 1 + 2000 + 250 + 40 + 75 + 30 + 12
    assert table.total(2022, "southwest land border") == 2000 + 250 + 40 + 75
    assert table.total(2023) == 1005 and table.fiscal_years == [2022, 2023]
    assert table.months == {2022: {"APR", "MAY"}, 2023: {"OCT"}}


def test_aor_variant_from_cbp_rows():
    # Rows copied from CBP's area-of-responsibility file (FY2020, April and August).
    table = read_encounters(CBP / "aor-variant.csv")
    assert table.variant == "area of responsibility" and table.rows == 22 and not table.problems
    assert table.count("mexico", 2020, "southwest land border") == 52 + 1696 + 131 + 169
    assert table.count("mexico", 2020, "northern land border") == 1 + 2
    assert table.count("mexico", 2020, "other") == 36
    assert table.count("mexico", 2020) == 2048 + 3 + 36
    assert table.count("china", 2020) == 7
    assert table.count(OTHER, 2020) == 6 + 3 + 102
    regions = ("southwest land border", "northern land border", "other")
    assert table.total(2020) == sum(table.total(2020, r) for r in regions)


def test_janitor_cleaned_headers_read_too(tmp_path):
    cleaned = tmp_path / "cleaned.csv"
    lines = (CBP / "aor-variant.csv").read_text().splitlines()
    cleaned.write_text("\n".join([",".join(snake(h) for h in lines[0].split(",")), *lines[1:]]) + "\n")
    assert read_encounters(cleaned).counts == read_encounters(CBP / "aor-variant.csv").counts


def test_every_bad_row_is_reported_with_its_line():
    with pytest.raises(DataError) as caught:
        read_encounters(CBP / "bad-rows.csv")
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert found == {
        (3, "Citizenship"): "unknown citizenship 'ATLANTIS'",
        (4, "Encounter Count"): "'twelve' is not a whole number",
        (5, "Encounter Count"): "'-3' is not a whole number",
        (6, "Encounter Count"): "'' is not a whole number",
        (7, "Fiscal Year"): "'FY22' is not a year",
        (8, "Land Border Region"): "unknown region 'Eastern Land Border'",
        (9, "-"): "has 7 fields, the header 9",
    }
    assert "bad-rows.csv:3: row 3: Citizenship: unknown citizenship 'ATLANTIS'" in str(caught.value)


def test_lenient_read_counts_good_rows_and_lists_the_bad():
    table = read_encounters(CBP / "bad-rows.csv", strict=False)
    assert table.count("mexico", 2022) == 10 and table.count("china", 2022) == 7
    assert [p.line for p in table.problems] == [3, 4, 5, 6, 7, 8, 9]


@pytest.mark.parametrize(
    "header",
    ["Fiscal Year,Citizenship,Encounter Count", "Fiscal Year,Land Border Region,Citizenship,Encounter Count"],
)
def test_a_file_of_neither_variant_is_refused(tmp_path, header):
    path = tmp_path / "x.csv"
    path.write_text(header + "\n2022,MEXICO,1\n")
    with pytest.raises(DataError, match="not a CBP Nationwide Encounters file"):
        read_encounters(path)


def test_a_large_file_streams(tmp_path):
    path = tmp_path / "large.csv"
    with path.open("w") as out:
        out.write((CBP / "state-variant.csv").read_text().splitlines()[0] + "\n")
        for i in range(100_000):
            out.write(
                f"2024,FYTD,{('OCT', 'NOV')[i % 2]},Southwest Land Border,TX,Single Adults,"
                f"{('MEXICO', 'HAITI', 'OTHER')[i % 3]},Title 8,2\n"
            )
    table = read_encounters(path)
    assert table.rows == 100_000 and table.total(2024) == 200_000
    assert len(table.counts) == 6  # 3 citizenship keys x (nationwide, southwest)


def test_encounter_edges_for_countries_not_other():
    table = read_encounters(CBP / "state-variant.csv")
    edges = {e.id: e for e in encounter_edges(table, "cbp-test")}
    edge = edges["enc-mexico-fy2022-southwest-land-border"]
    assert (edge.from_id, edge.to_id, edge.status) == ("mexico", "united-states", "official_finding")
    assert edge.properties["encounters"] == 2000 and edge.properties["area"] == "southwest land border"
    assert (edge.valid_from, edge.valid_to) == fiscal_year_dates(2022) == ("2021-10-01", "2022-09-30")
    assert "2 of 12 months" in edge.properties["note"]
    assert edge.citations[0].source == "cbp-test"
    assert not any(e.from_id == OTHER for e in edges.values())
    assert "enc-cuba-fy2022-nationwide" in edges and not any("other" in i.split("-fy")[1] for i in edges)


def test_the_cbp_names_map_to_seed_countries(seed_records):
    from csn.graph.model import Node
    from csn.loaders.curated.cbp import CBP_CITIZENSHIP

    countries = {r.id for r in seed_records if isinstance(r, Node) and r.label == "Country"}
    assert set(CBP_CITIZENSHIP.values()) <= countries
