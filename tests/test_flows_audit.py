"""The flows and indicators seed files: every edge carries its audit mark, and figures that are
parts of a total a source states add up to it."""

from loaders.yaml_lines import line_of, read_yaml
from tests.conftest import SEED

AUDITED = ("flows.yaml", "indicators.yaml")


def test_every_flow_and_indicator_edge_was_checked():
    for name in AUDITED:
        edges = read_yaml(SEED / name)["edges"]
        unchecked = [line_of(e) for e in edges if not e.get("checked")]
        assert edges and not unchecked, f"{name}: no `checked` on the edges at lines {unchecked}"


def test_fiscal_year_2022_figures_add_up_to_the_stated_total(seed_records):
    edges = {r.id: r for r in seed_records if hasattr(r, "from_id")}
    three = [f"enc-{c}-fy2022-southwest-land-border" for c in ("cuba", "venezuela", "nicaragua")]
    assert sum(edges[i].properties["encounters"] for i in three) == 572500  # as the sources state
