"""Decline in security against migration: for each country, the change in a state-capacity
indicator beside the change in CBP encounters over the same window, and their rank correlation.

The numbers come only from the graph (SCORED and ENCOUNTERED_IN edges), each row with the ids of
the sources behind it; a country missing any of its four numbers is listed, not guessed.

`decline_vs_migration(store, "gitoc-criminality", 2021, 2023)` gives the table (`.frame`), the
countries left out and why (`.missing`), and the result in words (`.statement()`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from csn.graph.errors import NotFound
from csn.graph.model import Edge
from csn.graph.names import ENCOUNTERED_IN, INDICATOR, SCORED
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd

TOTAL_ID = "all-nationalities"  # the pseudo-country that carries totals (seed/flows.yaml)
DESTINATION_ID = "united-states"
DEFAULT_AREA = "southwest land border"
_AREA = SCHEMA.edge_property(ENCOUNTERED_IN, "area")
AREAS: tuple[str, ...] = tuple(_AREA.choices or ()) if _AREA else ()  # where encounters may be counted
# Which way each indicator points: True when a higher score means less security.
HIGHER_IS_WORSE = {
    "gitoc-criminality": True,
    "gitoc-resilience": False,
    "bti-q1-1-monopoly-on-force": False,
}
COLUMNS = [
    "country",
    "country_id",
    "indicator_from",
    "indicator_to",
    "indicator_change",
    "security_decline",
    "encounters_from",
    "encounters_to",
    "encounters_change",
    "encounters_change_pct",
    "sources",
]


@dataclass
class DeclineResult:
    """The table, the countries left out and why, and the rank correlation with its n."""

    indicator_id: str
    indicator_name: str
    from_year: int
    to_year: int
    area: str
    frame: pd.DataFrame
    missing: list[tuple[str, str]] = field(default_factory=list)
    rho: float | None = None

    @property
    def n(self) -> int:
        return len(self.frame)

    def statement(self) -> str:
        """The result in plain words: what was compared, rho and n, and what it cannot show."""
        window = (
            f"{self.indicator_name} ({self.from_year} and {self.to_year} editions) and CBP "
            f"encounters at the {self.area} (FY{self.from_year} and FY{self.to_year})"
        )
        if self.rho is None:
            return (
                f"Not enough data to compare {window}: "
                f"{self.n} countr{'y has' if self.n == 1 else 'ies have'} all four numbers, "
                "and a rank correlation needs at least 3 with some variation."
            )
        sign = "larger" if self.rho > 0 else "smaller"
        lines = [
            f"Compared: {window}.",
            f"Spearman rank correlation between the decline in security and the change in encounters: "
            f"rho = {self.rho:+.2f}, n = {self.n} countries.",
            f"In these {self.n} countries, a larger decline in security went with a {sign} "
            "change in encounters"
            if abs(self.rho) >= 0.1
            else "In these countries the two changes show almost no rank association",
        ]
        lines[-1] += "; this describes how the numbers move together, not why."
        if self.n < 10:
            lines.append(
                f"With n = {self.n} the figure is fragile: one country more or less can change it a lot."
            )
        if self.missing:
            lines.append(f"Left out for missing numbers: {', '.join(name for name, _ in self.missing)}.")
        return "\n".join(lines)


def decline_vs_migration(
    store: GraphStore,
    indicator: str = "gitoc-criminality",
    from_year: int = 2021,
    to_year: int = 2023,
    area: str = DEFAULT_AREA,
) -> DeclineResult:
    """Change in `indicator` (editions from_year, to_year) against change in encounters (same FYs).

    Reads only the indicator's SCORED edges and the ENCOUNTERED_IN edges into the destination, through
    the store interface, so it runs the same on every store. Raises NotFound if `indicator` is not
    an Indicator node in the store, ValueError if the window is empty or the area is not one the
    schema allows.
    """
    import pandas as pd

    known = store.ids_with_labels([INDICATOR])
    if indicator not in known:
        raise NotFound(f"no indicator with id '{indicator}'; known: {', '.join(known) or 'none'}")
    if from_year >= to_year:
        raise ValueError(f"from-year {from_year} must be before to-year {to_year}")
    allowed = AREAS
    if area not in allowed:
        raise ValueError(f"area '{area}' is not one of {', '.join(allowed)}")
    scores = scores_by_country(store.edges_of(indicator), indicator)
    flows = encounters_by_country(destination_edges(store), area)
    country_ids = sorted(({c for c, _ in scores} | {c for c, _ in flows}) - {TOTAL_ID, DESTINATION_ID})
    nodes = store.nodes([indicator, *country_ids])
    worse = HIGHER_IS_WORSE.get(indicator, False)
    rows, missing = [], []
    for country_id in country_ids:
        name = nodes[country_id].name if country_id in nodes else country_id
        parts = {
            f"{indicator} {from_year}": scores.get((country_id, from_year)),
            f"{indicator} {to_year}": scores.get((country_id, to_year)),
            f"encounters FY{from_year}": flows.get((country_id, from_year)),
            f"encounters FY{to_year}": flows.get((country_id, to_year)),
        }
        found = {label: edge for label, edge in parts.items() if edge is not None}
        if len(found) < len(parts):
            missing.append((name, ", ".join(label for label in parts if label not in found)))
            continue
        s0, s1, e0, e1 = found.values()
        v0, v1 = s0.properties["value"], s1.properties["value"]
        n0, n1 = e0.properties["encounters"], e1.properties["encounters"]
        change = round(v1 - v0, 4)
        sources = sorted({c.source for e in found.values() for c in e.citations})
        rows.append(
            {
                "country": name,
                "country_id": country_id,
                "indicator_from": v0,
                "indicator_to": v1,
                "indicator_change": change,
                "security_decline": change if worse else -change,
                "encounters_from": n0,
                "encounters_to": n1,
                "encounters_change": n1 - n0,
                "encounters_change_pct": round(100 * (n1 - n0) / n0, 1) if n0 else None,
                "sources": "; ".join(sources),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return DeclineResult(
        indicator_id=indicator,
        indicator_name=nodes[indicator].name,
        from_year=from_year,
        to_year=to_year,
        area=area,
        frame=frame,
        missing=missing,
        rho=spearman(frame["security_decline"], frame["encounters_change"]),
    )


def destination_edges(store: GraphStore, to_id: str = DESTINATION_ID) -> list[Edge]:
    """Every edge of the destination country, or none when the store does not hold it."""
    return store.edges_of(to_id) if store.nodes([to_id]) else []


def scores_by_country(edges: Iterable[Edge], indicator: str) -> dict[tuple[str, int], Edge]:
    """SCORED edges to `indicator`, by (country id, edition)."""
    return {
        (e.from_id, e.properties["edition"]): e for e in edges if e.type == SCORED and e.to_id == indicator
    }


def fiscal_year_span(fiscal_year: int) -> tuple[str, str]:
    """First and last day of a US fiscal year: FY2024 is 2023-10-01 to 2024-09-30."""
    return f"{fiscal_year - 1}-10-01", f"{fiscal_year}-09-30"


def counts_whole_fiscal_year(edge: Edge) -> bool:
    """Whether an ENCOUNTERED_IN edge counts its whole fiscal year (undated edges are taken to),
    rather than a month or another part of it."""
    start, end = fiscal_year_span(edge.properties["fiscal_year"])
    return edge.valid_from in (None, start) and edge.valid_to in (None, end)


def encounters_by_country(
    edges: Iterable[Edge], area: str = DEFAULT_AREA, to_id: str = DESTINATION_ID
) -> dict[tuple[str, int], Edge]:
    """Whole-fiscal-year ENCOUNTERED_IN edges into `to_id` counted at `area`, by (citizenship id,
    fiscal year). Figures for a single month are left out (see monthly_encounters)."""
    return {
        (e.from_id, e.properties["fiscal_year"]): e
        for e in edges
        if e.type == ENCOUNTERED_IN
        and e.to_id == to_id
        and e.properties.get("area") == area
        and counts_whole_fiscal_year(e)
    }


def monthly_encounters(
    edges: Iterable[Edge], country_id: str, month: str, to_id: str = DESTINATION_ID
) -> dict[str, Edge]:
    """ENCOUNTERED_IN edges of `country_id` into `to_id` dated exactly the calendar month `month`
    (YYYY-MM), by area."""
    return {
        e.properties["area"]: e
        for e in edges
        if e.type == ENCOUNTERED_IN
        and e.from_id == country_id
        and e.to_id == to_id
        and (e.valid_from or "") == f"{month}-01"
        and (e.valid_to or "").startswith(month)
    }


def spearman(x: pd.Series, y: pd.Series) -> float | None:
    """Spearman's rank correlation (average ranks for ties); None below 3 pairs or without variation."""
    import pandas as pd

    pairs = pd.DataFrame({"x": x, "y": y}).dropna()
    if len(pairs) < 3:
        return None
    rx, ry = pairs["x"].rank().to_numpy(float), pairs["y"].rank().to_numpy(float)
    if rx.std() == 0 or ry.std() == 0:
        return None
    import numpy as np

    return float(np.corrcoef(rx, ry)[0, 1])


def write_plot(result: DeclineResult, path: Path) -> None:
    """A scatter plot (PNG) of the table: decline in security against change in encounters,
    each point labelled with its country, rho and n in the caption. Raises OSError if the file
    cannot be written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = result.frame
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    ax.axhline(0, color="#bbbbbb", linewidth=0.8)
    ax.axvline(0, color="#bbbbbb", linewidth=0.8)
    ax.scatter(frame["security_decline"], frame["encounters_change"], color="#e15759", zorder=3)
    for _, row in frame.iterrows():
        ax.annotate(
            row["country"],
            (row["security_decline"], row["encounters_change"]),
            textcoords="offset points",
            xytext=(5, 5),
            fontsize=9,
        )
    direction = (
        "higher score = less security"
        if HIGHER_IS_WORSE.get(result.indicator_id)
        else "lower score = less security"
    )
    ax.set_xlabel(
        f"Decline in security: change in {result.indicator_name},\n"
        f"{result.from_year} to {result.to_year} ({direction})",
        fontsize=9,
    )
    ax.set_ylabel(
        f"Change in CBP encounters, {result.area},\nFY{result.from_year} to FY{result.to_year}", fontsize=9
    )
    rho = "not computed" if result.rho is None else f"{result.rho:+.2f}"
    ax.set_title(f"Security decline and migration: Spearman rho {rho}, n = {result.n}", fontsize=11)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.text(
        0.01, 0.01, "Association only, not cause. Sources: see the CSV table.", fontsize=8, color="#555555"
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, format="png")
    plt.close(fig)
