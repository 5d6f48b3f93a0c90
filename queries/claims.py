"""The article's quantitative claims, checked against the graph, and what the graph covers.

Every claim of seed-article.txt that states a number, a ranking, a trend or a date is listed with
a verdict computed from the loaded records: `supports`, `contradicts`, `mixed` (parts go each
way), `inconclusive` (data exist but too few to judge, such as a rank correlation over a handful
of countries) or `no source` (the graph holds no sourced number for it). Each verdict shows the data
behind it with the edge ids to trace it.

>>> print(claims_report(load_seed(Path("seed"))))        # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.model import Edge, Node, Record, normalise_name
from graph.schema import SCHEMA
from queries.analysis import (
    CARRIES,
    COUNTRY_LABEL,
    DEFAULT_AREA,
    DESTINATION_ID,
    ENCOUNTERED,
    SCORED,
    TOTAL_ID,
    decline_from_records,
    encounters_by_country,
)

ARTICLE_COUNTRIES = (
    "mexico",
    "venezuela",
    "guatemala",
    "honduras",
    "cuba",
    "haiti",
    "nicaragua",
    "colombia",
    "ecuador",
    "el-salvador",
)
LOCATED = SCHEMA.relationship("LOCATED_IN").name
HOLDS_OFFICE = SCHEMA.relationship("HOLDS_OFFICE").name
CONTROLS = SCHEMA.relationship("CONTROLS").name
SENTENCED = SCHEMA.relationship("SENTENCED_BY").name
PARDONED = SCHEMA.relationship("PARDONED_BY").name
SANCTIONED = SCHEMA.relationship("SANCTIONED_BY").name
MEASURE = "measure"
VERDICTS = ("supports", "contradicts", "mixed", "inconclusive", "no source")
# Below this many countries a rank correlation says next to nothing (at n = 7 even rho = 0.75
# is within what chance gives one time in twenty), so the verdict is inconclusive.
MIN_COUNTRIES_FOR_A_VERDICT = 8


class Facts:
    """Loaded records indexed for the checks."""

    def __init__(self, records: Iterable[Record]):
        self.records = list(records)
        self.nodes = {r.id: r for r in self.records if isinstance(r, Node)}
        self.edges = [r for r in self.records if isinstance(r, Edge)]

    def name(self, node_id: str) -> str:
        node = self.nodes.get(node_id)
        return node.name if node else node_id

    def of_type(self, rel_type: str) -> list[Edge]:
        return [e for e in self.edges if e.type == rel_type]

    def encounters(self, area: str = DEFAULT_AREA) -> dict[tuple[str, int], Edge]:
        return encounters_by_country(self.edges, area)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    data: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """One quantitative claim of the article: its words, its kind and how to check it."""

    id: str
    quote: str
    kind: str  # number, ranking, trend or date
    check: Callable[[Facts], Verdict]


def _no_source(why: str) -> Callable[[Facts], Verdict]:
    return lambda facts: Verdict("no source", (why,))


def _cite(edge: Edge) -> str:
    return f"[{edge.id}; {', '.join(c.source for c in edge.citations)}]"


def _ranking(facts: Facts, fiscal_year: int) -> list[tuple[str, int, Edge]]:
    """Countries with a southwest-border figure for the year, largest first (totals excluded)."""
    rows = [
        (country, e.properties["encounters"], e)
        for (country, fy), e in facts.encounters().items()
        if fy == fiscal_year and country != TOTAL_ID
    ]
    return sorted(rows, key=lambda row: -row[1])


def _years(facts: Facts) -> list[int]:
    return sorted({fy for (_, fy) in facts.encounters()})


def check_top_two(facts: Facts) -> Verdict:
    lines, outcomes = [], []
    for fy in _years(facts):
        ranked = _ranking(facts, fy)
        ids = [c for c, _, _ in ranked]
        if "mexico" not in ids or "venezuela" not in ids:
            lines.append(
                f"FY{fy}: no figure for {'Mexico' if 'mexico' not in ids else 'Venezuela'}; not ranked"
            )
            continue
        top = ", ".join(f"{facts.name(c)} {n:,}" for c, n, _ in ranked[:3])
        vz = ids.index("venezuela") + 1
        ok = set(ids[:2]) == {"mexico", "venezuela"}
        outcomes.append(ok)
        lines.append(
            f"FY{fy} southwest border, {len(ids)} countries with data: top three {top}; "
            f"Venezuela ranks {vz} {_cite(ranked[vz - 1][2])}"
        )
    lines.append("The graph holds no encounters before FY2021, so 'the past 10 years' is not covered.")
    if not outcomes:
        return Verdict("no source", tuple(lines))
    return Verdict("supports" if all(outcomes) else "contradicts", tuple(lines))


def check_mexico_quarter(facts: Facts) -> Verdict:
    lines, outcomes = [], []
    flows = facts.encounters()
    for fy in _years(facts):
        mexico, total = flows.get(("mexico", fy)), flows.get((TOTAL_ID, fy))
        if mexico is None or total is None:
            continue
        share = mexico.properties["encounters"] / total.properties["encounters"]
        outcomes.append(0.2 <= share <= 0.3)
        lines.append(
            f"FY{fy} southwest border: Mexico {mexico.properties['encounters']:,} of "
            f"{total.properties['encounters']:,} = {share:.1%} {_cite(mexico)} {_cite(total)}"
        )
    if not outcomes:
        return Verdict("no source", ("No fiscal year has both Mexico's figure and the total.",))
    lines.append("Read as the share of encounters at the southwest border; 'a quarter' taken as 20-30%.")
    return Verdict("supports" if all(outcomes) else "contradicts", tuple(lines))


def check_latin_share(facts: Facts) -> Verdict:
    lines = [
        "The share needs encounters of every citizenship from October 2020 to June 2024; "
        "the graph holds the ten named countries for some fiscal years only."
    ]
    flows = facts.encounters()
    for fy in _years(facts):
        named = [flows[(c, fy)] for c in ARTICLE_COUNTRIES if (c, fy) in flows]
        total = flows.get((TOTAL_ID, fy))
        if len(named) == len(ARTICLE_COUNTRIES) - 1 and total is not None:
            part = sum(e.properties["encounters"] for e in named)
            lines.append(
                f"Context, FY{fy} southwest border: {len(named)} named Latin American countries "
                f"= {part / total.properties['encounters']:.1%} of {total.properties['encounters']:,} "
                f"(a lower bound for that year only) {_cite(total)}"
            )
    return Verdict("no source", tuple(lines))


def check_decline_vs_migration(facts: Facts) -> Verdict:
    lines, verdict = [], "no source"
    for indicator, start, end in (
        ("gitoc-criminality", 2021, 2023),
        ("bti-q1-1-monopoly-on-force", 2014, 2024),
    ):
        if indicator not in facts.nodes:
            lines.append(f"{indicator}: not in the graph")
            continue
        result = decline_from_records(facts.records, indicator, start, end)
        if result.rho is None:
            lines.append(
                f"{result.indicator_name}, {start} to {end}: {result.n} countries with all four numbers; "
                "no correlation computed"
            )
            continue
        if result.n < MIN_COUNTRIES_FOR_A_VERDICT:
            verdict = "inconclusive"
        else:
            verdict = "supports" if result.rho > 0 else "contradicts"
        lines.append(
            f"{result.indicator_name}, {start} to {end}, southwest border encounters: "
            f"Spearman rho {result.rho:+.2f}, n = {result.n} "
            f"({', '.join(result.frame['country'])}); a verdict needs at least "
            f"{MIN_COUNTRIES_FOR_A_VERDICT} countries"
        )
    lines.append("Run `csn analyse decline-vs-migration` for the table, the sources and the plot.")
    return Verdict(verdict, tuple(lines))


def check_bti_trend(facts: Facts) -> Verdict:
    scored = [e for e in facts.of_type(SCORED) if e.to_id == "bti-q1-1-monopoly-on-force"]
    if not scored:
        return Verdict("no source", ("No BTI Q1.1 score in the graph: none was found in a readable source.",))
    by_country: dict[str, list[Edge]] = defaultdict(list)
    for e in scored:
        by_country[e.from_id].append(e)
    lines, falls, rises = [], 0, 0
    for country, edges in sorted(by_country.items()):
        edges.sort(key=lambda e: e.properties["edition"])
        first, last = edges[0], edges[-1]
        change = last.properties["value"] - first.properties["value"]
        falls, rises = falls + (change < 0), rises + (change > 0)
        lines.append(
            f"{facts.name(country)}: {first.properties['value']} ({first.properties['edition']}) -> "
            f"{last.properties['value']} ({last.properties['edition']}) {_cite(last)}"
        )
    verdict = "supports" if falls and not rises else "contradicts" if rises and not falls else "mixed"
    return Verdict(verdict, tuple(lines))


def check_small_states(facts: Facts) -> Verdict:
    lines, outcomes = [], []
    for country in ("guatemala", "cuba", "honduras", "haiti"):
        ranks = []
        for fy in _years(facts):
            ranked = [c for c, _, _ in _ranking(facts, fy)]
            if country in ranked and len(ranked) >= 5:
                ranks.append((fy, ranked.index(country) + 1, len(ranked)))
        if not ranks:
            outcomes.append("no source")
            lines.append(f"{facts.name(country)}: no southwest-border figure by fiscal year")
            continue
        top = any(rank <= 5 for _, rank, _ in ranks)
        outcomes.append("supports" if top else "contradicts")
        shown = "; ".join(f"FY{fy} rank {rank} of {n} with data" for fy, rank, n in ranks)
        lines.append(f"{facts.name(country)}: {shown}")
    lines.append("'Biggest' read as top five among the countries the graph has figures for, per fiscal year.")
    verdict = outcomes[0] if len(set(outcomes)) == 1 else "mixed"
    return Verdict(verdict, tuple(lines))


def check_moise_date(facts: Facts) -> Verdict:
    office = [e for e in facts.of_type(HOLDS_OFFICE) if e.from_id == "jovenel-moise" and e.valid_to]
    if not office:
        return Verdict("no source", ("No dated office of Jovenel Moïse in the graph.",))
    end = office[0].valid_to
    verdict = "supports" if end.startswith("2023-07") else "contradicts"
    return Verdict(verdict, (f"Moïse's presidency ends {end} (killed in office) {_cite(office[0])}",))


def check_port_au_prince(facts: Facts) -> Verdict:
    day = "2024-06-30"
    held = [
        e
        for e in facts.of_type(CONTROLS)
        if e.to_id == "port-au-prince" and "share" in e.properties and e.holds_on(day)
    ]
    if not held:
        return Verdict("no source", (f"No sourced share of Port-au-Prince under gang control on {day}.",))
    best = max(held, key=lambda e: e.properties["share"])
    share = best.properties["share"]
    verdict = "supports" if share > 0.8 else "mixed" if share == 0.8 else "contradicts"
    return Verdict(
        verdict,
        (
            f"On {day} the graph holds a share of {share:.0%} (since {best.valid_from}); "
            f"the article says 'more than 80 per cent' {_cite(best)}",
        ),
    )


def check_hernandez(facts: Facts) -> Verdict:
    sentence = [e for e in facts.of_type(SENTENCED) if e.from_id == "juan-orlando-hernandez"]
    if not sentence:
        return Verdict("no source", ("No sentence of Juan Orlando Hernández in the graph.",))
    e = sentence[0]
    years = "45 years" in e.properties.get("sentence", "")
    tons = any("400 tons" in c.says for c in e.citations)
    lines = [
        f"Sentence: {e.properties.get('sentence')} ({e.valid_from}) {_cite(e)}",
        f"400 tons of cocaine in a cited source: {'yes' if tons else 'no'}",
    ]
    pardon = [p for p in facts.of_type(PARDONED) if p.from_id == "juan-orlando-hernandez"]
    if pardon:
        lines.append(
            f"'Currently serving' no longer holds: pardoned {pardon[0].valid_from} {_cite(pardon[0])}"
        )
    return Verdict(
        "supports" if years and tons else "mixed" if years or tons else "contradicts", tuple(lines)
    )


def check_nicaragua_2018(facts: Facts) -> Verdict:
    home = home_countries(facts)
    hits = [
        e
        for e in facts.of_type(SANCTIONED)
        if home.get(e.from_id) == "nicaragua" and (e.valid_from or "").startswith("2018")
    ]
    if not hits:
        return Verdict("no source", ("No 2018 sanction of a Nicaraguan state actor in the graph.",))
    return Verdict(
        "supports", tuple(f"{facts.name(e.from_id)} sanctioned {e.valid_from} {_cite(e)}" for e in hits)
    )


def home_countries(facts: Facts) -> dict[str, str]:
    """The Country each node belongs to: by LOCATED_IN (through places), by the office a person
    holds, or, for a state body with no location, by the country its name contains."""
    countries = {n.id: n for n in facts.nodes.values() if n.label == COUNTRY_LABEL}
    parent = {e.from_id: e.to_id for e in facts.of_type(LOCATED)}
    home: dict[str, str] = {}
    for node_id in parent:
        seen, here = set(), node_id
        while here not in countries and here in parent and here not in seen:
            seen.add(here)
            here = parent[here]
        if here in countries:
            home[node_id] = here
    state = SCHEMA.labels_with_role("state")
    for node in facts.nodes.values():
        if node.label in state and node.id not in home:
            named = [
                c
                for c in countries.values()
                if c.id != TOTAL_ID and normalise_name(c.name) in normalise_name(node.name)
            ]
            if len(named) == 1:
                home[node.id] = named[0].id
    for e in facts.of_type(HOLDS_OFFICE):
        if e.from_id not in home and e.to_id in home:
            home[e.from_id] = home[e.to_id]
    return home


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "december-2023-370000",
        "more than 370,000 people intercepted at the US-Mexican border in December 2023 alone",
        "number",
        _no_source("The graph holds fiscal-year totals only, no monthly figures."),
    ),
    Claim(
        "latin-american-80-percent",
        "more than 80 per cent of people held or denied entry between October 2020 and June 2024 were Latin American citizens",
        "number",
        check_latin_share,
    ),
    Claim(
        "venezuela-mexico-top-two",
        "Venezuela and Mexico have been the two largest 'sending countries' to the US for the past 10 years",
        "ranking",
        check_top_two,
    ),
    Claim(
        "mexico-a-quarter",
        "Mexico, which accounts for a quarter of migrants into America",
        "number",
        check_mexico_quarter,
    ),
    Claim(
        "venezuela-8-million",
        "In Venezuela, almost 8 million people – a quarter of the population – have left since 2014",
        "number",
        _no_source("No count of Venezuelan emigrants or of Venezuela's population in the graph."),
    ),
    Claim(
        "bti-steady-decline",
        "The Bertelsmann Transformation Index ... shows a steady decline in the ability of Latin America governments to maintain law and order",
        "trend",
        check_bti_trend,
    ),
    Claim(
        "decline-matches-migration",
        "the countries experiencing a decline in security are those seeing an increase in migration to the US",
        "trend",
        check_decline_vs_migration,
    ),
    Claim(
        "small-states-big-senders",
        "Smaller states ... have also become some of the biggest sending countries to the US over the past four years. They include Guatemala, Cuba, Honduras and Haiti.",
        "ranking",
        check_small_states,
    ),
    Claim(
        "criminal-governments-increase",
        "a noticeable increase in migrants from countries in which criminal elements are either in control of government or parts of it",
        "trend",
        _no_source(
            "The article's table is not in its text, and which governments criminal elements control is not a measure in the graph."
        ),
    ),
    Claim(
        "smugglers-80-percent-4-12bn",
        "80 per cent of unlawful border crossings were organized by smugglers, reportedly earning between $4 billion to $12 billion a year",
        "number",
        _no_source("No source in the graph for either figure or for the DHS 2023 report it cites."),
    ),
    Claim(
        "moise-killed-july-2023",
        "President Jovenel Moïse was killed by Colombian mercenaries ... in July 2023",
        "date",
        check_moise_date,
    ),
    Claim(
        "port-au-prince-80-percent",
        "By mid-2024 a coalition of criminal gangs controlled more than 80 per cent of the capital Port au Prince",
        "number",
        check_port_au_prince,
    ),
    Claim(
        "hernandez-45-years-400-tons",
        "Juan Orlando Hernández is currently serving a 45-year prison term ... for 'conspiring to distribute more than 400 tons of cocaine'",
        "number",
        check_hernandez,
    ),
    Claim(
        "venezuela-11-individuals-25-companies",
        "the US has placed sanctions on or charged 11 individuals and 25 companies",
        "number",
        _no_source(
            "No source found for these counts; the graph does not group Venezuela's sanctions and charges this way."
        ),
    ),
    Claim(
        "nicaragua-sanctions-2018",
        "The country's leaders have been under US sanctions since their violent crackdown on political opposition in 2018",
        "date",
        check_nicaragua_2018,
    ),
    Claim(
        "venezuelans-3-million-colombia",
        "the 3 million Venezuelan migrants now living in Colombia, close to half a million in Chile, Ecuador and Mexico",
        "number",
        _no_source("No count of Venezuelans living abroad in the graph."),
    ),
    Claim(
        "duvalier-1957-1986",
        "the reign of the Duvalier dynasty, from 1957 to 1986",
        "date",
        _no_source("The Duvaliers are not in the graph."),
    ),
)


def check_claims(records: Iterable[Record]) -> list[tuple[Claim, Verdict]]:
    """Every claim with its verdict over `records`. Raises nothing for missing data."""
    facts = Facts(records)
    return [(claim, claim.check(facts)) for claim in CLAIMS]


def coverage_lines(facts: Facts) -> list[str]:
    """Which countries and years have flows and indicators, and which clusters have facts."""
    lines = ["Flows and indicators by country (years with data; '-' none):"]
    encounters = defaultdict(set)
    for e in facts.of_type(ENCOUNTERED):
        if e.to_id == DESTINATION_ID:
            short = "SW" if e.properties["area"] == DEFAULT_AREA else e.properties["area"]
            encounters[e.from_id].add(f"FY{e.properties['fiscal_year']} {short}")
    scored = defaultdict(set)
    for e in facts.of_type(SCORED):
        scored[(e.from_id, e.to_id)].add(str(e.properties["edition"]))
    carried = defaultdict(set)
    for e in facts.of_type(CARRIES):
        carried[e.to_id].add(f"{e.properties['period']}")
    indicators = sorted(n.id for n in facts.nodes.values() if n.label == SCHEMA.label("Indicator").name)
    countries = [*ARTICLE_COUNTRIES, TOTAL_ID]
    for country in countries:
        parts = [f"encounters {', '.join(sorted(encounters[country])) or '-'}"]
        parts += [
            f"{ind} {', '.join(sorted(scored[(country, ind)])) or '-'}"
            for ind in indicators
            if country != TOTAL_ID
        ]
        parts.append(f"Darién {', '.join(sorted(carried[country])) or '-'}")
        lines.append(f"  {facts.name(country)}: " + "; ".join(parts))
    lines.append("Facts (not measures) by country cluster, and the years they span:")
    home = home_countries(facts)
    clusters: dict[str, list[Edge]] = defaultdict(list)
    for e in facts.edges:
        if SCHEMA.relationship(e.type).category == MEASURE:
            continue
        for country in {home.get(e.from_id), home.get(e.to_id)} - {None}:
            clusters[country].append(e)
    for country, edges in sorted(clusters.items(), key=lambda kv: -len(kv[1])):
        years = sorted(int(e.valid_from[:4]) for e in edges if e.valid_from)
        span = f"{years[0]}-{years[-1]}" if years else "undated"
        lines.append(f"  {facts.name(country)}: {len(edges)} fact{'' if len(edges) == 1 else 's'}, {span}")
    return lines


def claims_report(records: Iterable[Record]) -> str:
    """The coverage and claims report that `csn check` prints, as text."""
    facts = Facts(records)
    lines = ["", "Coverage", *coverage_lines(facts), "", "The article's quantitative claims"]
    counts: dict[str, int] = defaultdict(int)
    for claim, verdict in check_claims(facts.records):
        counts[verdict.verdict] += 1
        lines.append(f'  [{verdict.verdict}] {claim.id} ({claim.kind}): "{claim.quote}"')
        lines += [f"      {line}" for line in verdict.data]
    summary = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    lines.append(f"Claims: {len(CLAIMS)} checked: {summary}.")
    return "\n".join(lines)
