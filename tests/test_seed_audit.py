"""The seed's audit: every edge carries the date it was checked against its sources, and figures
that are parts of a total a source states add up to it."""

from csn.loaders.curated.seed import seed_files
from csn.loaders.curated.yaml_lines import line_of, read_yaml
from tests.conftest import SEED


def test_every_seed_edge_was_checked_against_its_sources():
    files = [f for f in seed_files(SEED) if (read_yaml(f) or {}).get("edges")]
    assert len(files) >= 7
    for file in files:
        edges = read_yaml(file)["edges"]
        unchecked = [line_of(e) for e in edges if not e.get("checked")]
        assert not unchecked, f"{file.name}: no `checked` on the edges at lines {unchecked}"


def test_fiscal_year_2022_figures_add_up_to_the_stated_total(seed_records):
    edges = {r.id: r for r in seed_records if hasattr(r, "from_id")}
    three = [f"enc-{c}-fy2022-southwest-land-border" for c in ("cuba", "venezuela", "nicaragua")]
    assert sum(edges[i].properties["encounters"] for i in three) == 572500  # as the sources state
