"""The article's quantitative claims, checked against a store, and what the store covers.

The claims are data (seed/article.claims.yaml, read by csn.loaders.curated.claims): each names one of the
checks below and the ids and thresholds it needs. A check reads the store through the GraphStore
interface, so the report is the same on the in-memory store and on Neo4j, and gives a verdict:
`supports`, `contradicts`, `mixed` (parts go each way), `inconclusive` (data exist but too few to
judge, such as a rank correlation over a handful of countries) or `no source` (the graph holds no
sourced number for it), with the data behind it and the edge ids to trace it.

`claims_report(store, load_claims(DEFAULT_CLAIMS))` is the text `csn check` prints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from csn.graph.model import Edge, Node, normalise_name
from csn.graph.names import (
    CARRIES,
    CONTROLS,
    COUNTRY,
    ENCOUNTERED_IN,
    HOLDS_OFFICE,
    INDICATOR,
    LIVING_IN,
    LOCATED_IN,
    PARDONED_BY,
    SANCTIONED_BY,
    SCORED,
    SENTENCED_BY,
)
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore
from csn.loaders.curated.claims import CHECKS, Claim, ClaimSet
from csn.queries.analysis import (
    DEFAULT_AREA,
    DESTINATION_ID,
    TOTAL_ID,
    counts_whole_fiscal_year,
    decline_vs_migration,
    encounters_by_country,
    monthly_encounters,
)

MEASURE = "measure"
VERDICTS = ("supports", "contradicts", "mixed", "inconclusive", "no source")


class Facts:
    """What the checks read from a store: every node and edge, fetched once through the interface."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.nodes: dict[str, Node] = {n.id: n for n in sorted(store.all_nodes(), key=lambda n: n.id)}
        # Sorted, so that every store gives the same report line for line.
        self.edges: list[Edge] = sorted(store.all_edges(), key=lambda e: e.id)

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


Check = Callable[[Facts, dict[str, Any]], Verdict]


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


def _overall(outcomes: list[str]) -> str:
    """One verdict from the verdicts of a claim's parts."""
    if not outcomes:
        return "no source"
    return outcomes[0] if len(set(outcomes)) == 1 else "mixed"


def check_no_source(facts: Facts, params: dict[str, Any]) -> Verdict:
    return Verdict("no source", (params["why"],))


def check_monthly_total(facts: Facts, params: dict[str, Any]) -> Verdict:
    """A stated monthly total ("more than N in month M at area A") against the month's figures."""
    month, stated, area = str(params["month"]), params["more_than"], params["area"]
    found = monthly_encounters(facts.edges, params["country"], month)
    if area not in found:
        return Verdict("no source", (f"No figure for {month} at the {area} in the graph.",))
    claimed = found[area]
    n = claimed.properties["encounters"]
    lines = [f"{month}, {area}: {n:,} encounters {_cite(claimed)}"]
    elsewhere = []
    for other, edge in sorted(found.items()):
        if other != area:
            m = edge.properties["encounters"]
            lines.append(f"{month}, {other}: {m:,} encounters {_cite(edge)}")
            if m > stated:
                elsewhere.append(other)
    if n > stated:
        return Verdict("supports", tuple(lines))
    if elsewhere:
        lines.append(
            f"The article's 'more than {stated:,}' holds for the {', '.join(elsewhere)} count, "
            f"not for the {area} it names."
        )
    return Verdict("contradicts", tuple(lines))


def check_named_share(facts: Facts, params: dict[str, Any]) -> Verdict:
    """The named countries' share of the southwest-border total in each fiscal year where at least
    `min_named` of them have figures: a lower bound, since citizens of countries not named count too.

    Without `more_than` the shares are context and the verdict is `no source`. With it, and the
    `fiscal_years` the claim's period covers, the verdict is `supports` if the lower bound passes
    `more_than` in every one of those years, else `inconclusive`: a year that cannot be computed,
    or a lower bound that falls short, leaves the claim open, since the countries not named could
    make up the difference."""
    lines = [params["why"]]
    flows = facts.encounters()
    threshold = params.get("more_than")
    years = params.get("fiscal_years") or _years(facts)
    computed: dict[int, float] = {}
    for fy in years:
        named = [flows[(c, fy)] for c in params["countries"] if (c, fy) in flows]
        total = flows.get((TOTAL_ID, fy))
        if len(named) < params["min_named"] or total is None:
            if "fiscal_years" in params:
                lines.append(
                    f"FY{fy} southwest border: {len(named)} of the {len(params['countries'])} named "
                    f"countries have a figure{'' if total else ', and no total'}; not computed"
                )
            continue
        part = sum(e.properties["encounters"] for e in named)
        computed[fy] = part / total.properties["encounters"]
        lines.append(
            f"{'' if threshold is not None else 'Context, '}FY{fy} southwest border: {len(named)} named "
            f"Latin American countries = {computed[fy]:.1%} of {total.properties['encounters']:,} "
            f"(a lower bound for that year only) {_cite(total)}"
        )
    if threshold is None or not computed:
        return Verdict("no source", tuple(lines))
    passed = [fy for fy, share in sorted(computed.items()) if share > threshold]
    if len(passed) == len(years):
        lines.append(f"The lower bound is above {threshold:.0%} in every fiscal year of the period.")
        return Verdict("supports", tuple(lines))
    shown = ", ".join(f"FY{fy}" for fy in passed) or "no fiscal year"
    lines.append(
        f"The lower bound is above {threshold:.0%} in {shown}, of {len(years)} fiscal years in the "
        "period; the others are not computed or fall short, which the countries not named could make up."
    )
    return Verdict("inconclusive", tuple(lines))


def check_top_ranked(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Whether `countries` are the largest ones, every fiscal year with figures for all of them."""
    wanted = list(params["countries"])
    lines, outcomes = [], []
    for fy in _years(facts):
        ranked = _ranking(facts, fy)
        ids = [c for c, _, _ in ranked]
        absent = [facts.name(c) for c in wanted if c not in ids]
        if absent:
            lines.append(f"FY{fy}: no figure for {', '.join(absent)}; not ranked")
            continue
        top = ", ".join(f"{facts.name(c)} {n:,}" for c, n, _ in ranked[: len(wanted) + 1])
        ranks = "; ".join(
            f"{facts.name(c)} ranks {ids.index(c) + 1} {_cite(ranked[ids.index(c)][2])}" for c in wanted
        )
        outcomes.append("supports" if set(ids[: len(wanted)]) == set(wanted) else "contradicts")
        lines.append(f"FY{fy} southwest border, {len(ids)} countries with data: top {top}; {ranks}")
    if "note" in params:
        lines.append(params["note"])
    if not outcomes:
        return Verdict("no source", tuple(lines))
    return Verdict("supports" if all(o == "supports" for o in outcomes) else "contradicts", tuple(lines))


def check_share(facts: Facts, params: dict[str, Any]) -> Verdict:
    """A country's share of the southwest-border total against [low, high], every fiscal year the
    graph gives it: computed from two counts, or stated by a source an edge of the graph cites."""
    country, low, high = params["country"], params["low"], params["high"]
    flows = facts.encounters()
    edges = {e.id: e for e in facts.edges}
    shares: dict[int, tuple[float, str]] = {}
    for fy in _years(facts):
        part, total = flows.get((country, fy)), flows.get((TOTAL_ID, fy))
        if part is not None and total is not None:
            share = part.properties["encounters"] / total.properties["encounters"]
            shares[fy] = (
                share,
                f"FY{fy} southwest border: {facts.name(country)} {part.properties['encounters']:,} of "
                f"{total.properties['encounters']:,} = {share:.1%} {_cite(part)} {_cite(total)}",
            )
    for stated in params.get("stated_shares") or []:
        edge = edges.get(stated["edge"])
        said = [c for c in (edge.citations if edge else ()) if stated["quote"] in c.says]
        if edge is None or not said or stated["fiscal_year"] in shares:
            continue
        shares[stated["fiscal_year"]] = (
            stated["share"],
            f"FY{stated['fiscal_year']} southwest border: {facts.name(country)} {stated['share']:.0%} of "
            f"{edge.properties['encounters']:,}, as {said[0].source} states it ('{stated['quote']}') "
            f"{_cite(edge)}",
        )
    if not shares:
        return Verdict(
            "no source", (f"No fiscal year has both {facts.name(country)}'s figure and the total.",)
        )
    lines = [text for _, (_, text) in sorted(shares.items())]
    lines.append(
        f"Read as the share of encounters at the southwest border; 'a quarter' taken as {low:.0%}-{high:.0%}."
    )
    outcomes = ["supports" if low <= share <= high else "contradicts" for share, _ in shares.values()]
    return Verdict(_overall(outcomes), tuple(lines))


def check_decline_vs_migration(facts: Facts, params: dict[str, Any]) -> Verdict:
    """The rank correlation of `csn analyse decline-vs-migration`, for each window that has data."""
    lines, verdict = [], "no source"
    for window in params["windows"]:
        indicator, start, end = window["indicator"], window["from_year"], window["to_year"]
        if indicator not in facts.nodes:
            lines.append(f"{indicator}: not in the graph")
            continue
        result = decline_vs_migration(facts.store, indicator, start, end)
        if result.rho is None:
            lines.append(
                f"{result.indicator_name}, {start} to {end}: {result.n} countries with all four numbers; "
                "no correlation computed"
            )
            continue
        if result.n < params["min_countries"]:
            verdict = "inconclusive"
        else:
            verdict = "supports" if result.rho > 0 else "contradicts"
        lines.append(
            f"{result.indicator_name}, {start} to {end}, southwest border encounters: "
            f"Spearman rho {result.rho:+.2f}, n = {result.n} "
            f"({', '.join(result.frame['country'])}); a verdict needs at least "
            f"{params['min_countries']} countries"
        )
    lines.append("Run `csn analyse decline-vs-migration` for the table, the sources and the plot.")
    return Verdict(verdict, tuple(lines))


def check_indicator_trend(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Whether an indicator fell in every country it scores, from its first edition to its last."""
    indicator = params["indicator"]
    scored = [e for e in facts.of_type(SCORED) if e.to_id == indicator]
    if not scored:
        return Verdict(
            "no source",
            (f"No {facts.name(indicator)} score in the graph: none was found in a readable source.",),
        )
    by_country: dict[str, list[Edge]] = defaultdict(list)
    for e in scored:
        by_country[e.from_id].append(e)
    lines, outcomes = [], []
    for country, edges in sorted(by_country.items()):
        edges.sort(key=lambda e: e.properties["edition"])
        first, last = edges[0], edges[-1]
        change = last.properties["value"] - first.properties["value"]
        outcomes.append("supports" if change < 0 else "contradicts" if change > 0 else "mixed")
        lines.append(
            f"{facts.name(country)}: {first.properties['value']} ({first.properties['edition']}) -> "
            f"{last.properties['value']} ({last.properties['edition']}) {_cite(last)}"
        )
    return Verdict(_overall(outcomes), tuple(lines))


def check_among_biggest(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Whether each country reached `min_share` of the southwest-border total in a fiscal year."""
    flows = facts.encounters()
    lines, outcomes = [], []
    for country in params["countries"]:
        shown, reached = [], False
        for fy in _years(facts):
            part, total = flows.get((country, fy)), flows.get((TOTAL_ID, fy))
            if part is None or total is None:
                continue
            share = part.properties["encounters"] / total.properties["encounters"]
            rank = [c for c, _, _ in _ranking(facts, fy)].index(country) + 1
            reached = reached or share >= params["min_share"]
            shown.append(
                f"FY{fy} {part.properties['encounters']:,} = {share:.1%} of "
                f"{total.properties['encounters']:,} (rank {rank} of {len(_ranking(facts, fy))} with data) "
                f"{_cite(part)}"
            )
        if not shown:
            outcomes.append("no source")
            lines.append(f"{facts.name(country)}: no southwest-border figure by fiscal year")
            continue
        outcomes.append("supports" if reached else "contradicts")
        lines.append(f"{facts.name(country)}: {'; '.join(shown)}")
    lines.append(
        f"'Biggest' read as at least {params['min_share']:.0%} of all southwest-border encounters "
        "in a fiscal year."
    )
    return Verdict(_overall(outcomes), tuple(lines))


def check_office_end(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Whether a person's dated office ended in the stated month."""
    office = [e for e in facts.of_type(HOLDS_OFFICE) if e.from_id == params["person"] and e.valid_to]
    if not office:
        return Verdict("no source", (f"No dated office of {facts.name(params['person'])} in the graph.",))
    end = office[0].valid_to or ""
    verdict = "supports" if end.startswith(str(params["month"])) else "contradicts"
    return Verdict(verdict, (f"{facts.name(params['person'])}'s office ends {end} {_cite(office[0])}",))


def check_share_controlled(facts: Facts, params: dict[str, Any]) -> Verdict:
    """The largest sourced share of a place under control on a day, against 'more than' a share."""
    day, place, stated = str(params["day"]), params["place"], params["more_than"]
    held = [
        e for e in facts.of_type(CONTROLS) if e.to_id == place and "share" in e.properties and e.holds_on(day)
    ]
    if not held:
        return Verdict("no source", (f"No sourced share of {facts.name(place)} under control on {day}.",))
    best = max(held, key=lambda e: e.properties["share"])
    share = best.properties["share"]
    verdict = "supports" if share > stated else "mixed" if share == stated else "contradicts"
    return Verdict(
        verdict,
        (
            f"On {day} the graph holds a share of {share:.0%} (since {best.valid_from}); "
            f"the article says 'more than {stated:.0%}' {_cite(best)}",
        ),
    )


def check_sentence(facts: Facts, params: dict[str, Any]) -> Verdict:
    """A person's sentence (its length) and a phrase its cited sources should contain; a later
    pardon is reported, since it ends the 'currently serving'."""
    person = params["person"]
    sentence = [e for e in facts.of_type(SENTENCED_BY) if e.from_id == person]
    if not sentence:
        return Verdict("no source", (f"No sentence of {facts.name(person)} in the graph.",))
    e = sentence[0]
    years = params["years"] in str(e.properties.get("sentence", ""))
    quoted = any(params["quote_text"] in c.says for c in e.citations)
    lines = [
        f"Sentence: {e.properties.get('sentence')} ({e.valid_from}) {_cite(e)}",
        f"{params['quote_text']} in a cited source: {'yes' if quoted else 'no'}",
    ]
    pardon = [p for p in facts.of_type(PARDONED_BY) if p.from_id == person]
    if pardon:
        lines.append(
            f"'Currently serving' no longer holds: pardoned {pardon[0].valid_from} {_cite(pardon[0])}"
        )
    verdict = "supports" if years and quoted else "mixed" if years or quoted else "contradicts"
    return Verdict(verdict, tuple(lines))


def check_sanctioned_in_year(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Sanctions on state actors of a country that took effect in a year."""
    home = home_countries(facts)
    year = str(params["year"])
    hits = [
        e
        for e in facts.of_type(SANCTIONED_BY)
        if home.get(e.from_id) == params["country"] and (e.valid_from or "").startswith(year)
    ]
    if not hits:
        return Verdict(
            "no source",
            (f"No {year} sanction of a state actor of {facts.name(params['country'])} in the graph.",),
        )
    return Verdict(
        "supports", tuple(f"{facts.name(e.from_id)} sanctioned {e.valid_from} {_cite(e)}" for e in hits)
    )


def _within(as_of: str, until: str) -> bool:
    """Whether a date (YYYY, YYYY-MM or YYYY-MM-DD) falls on or before `until`, at `until`'s precision.

    >>> _within("2024-12-05", "2024-12"), _within("2025-01", "2024-12"), _within("2024", "2024-12")
    (True, False, True)
    """
    return as_of[: len(until)] <= until


def check_citizens_abroad(facts: Facts, params: dict[str, Any]) -> Verdict:
    """Counts a claim gives of a country's citizens living abroad ('almost 8 million', '3 million in
    Colombia'), each against the range its words are read as (`low` to `high`), using the latest count
    the graph holds for that host on or before the claim's date (`as_of`), or the earliest after it
    when none is that old. A host with no count is listed and left out of the verdict."""
    origin, until = params["origin"], str(params["as_of"])
    held: dict[str, list[Edge]] = defaultdict(list)
    for e in facts.of_type(LIVING_IN):
        if e.from_id == origin:
            held[e.to_id].append(e)
    lines, outcomes = [], []
    for part in params["counts"]:
        host, low, high = part["host"], part["low"], part["high"]
        said = part.get("said", f"{low:,} to {high:,}")
        counts = sorted(held.get(host, []), key=lambda e: str(e.properties["as_of"]))
        if not counts:
            lines.append(f"{facts.name(host)}: '{said}'; no count of citizens of {facts.name(origin)} there")
            continue
        before = [e for e in counts if _within(str(e.properties["as_of"]), until)]
        judged = before[-1] if before else counts[0]
        n = judged.properties["people"]
        inside = low <= n <= high
        outcomes.append("supports" if inside else "contradicts")
        others = "; ".join(
            f"{e.properties['people']:,} as of {e.properties['as_of']}" for e in counts if e is not judged
        )
        lines.append(
            f"{facts.name(host)}: '{said}' read as {low:,} to {high:,}; "
            f"{'latest count by ' + until if before else 'earliest count, after ' + until}: "
            f"{n:,} as of {judged.properties['as_of']}, {'within' if inside else 'outside'} {_cite(judged)}"
            + (f" (also held: {others})" if others else "")
        )
    if "note" in params:
        lines.append(params["note"])
    return Verdict(_overall(outcomes), tuple(lines))


def check_office_span(facts: Facts, params: dict[str, Any]) -> Verdict:
    """The years a succession of office holders spans (a dynasty 'from 1957 to 1986'): the year the
    first of their dated offices began, the year the last ended, and any gap between one and the next."""
    offices, missing = [], []
    for person in params["persons"]:
        dated = [
            e for e in facts.of_type(HOLDS_OFFICE) if e.from_id == person and e.valid_from and e.valid_to
        ]
        if not dated:
            missing.append(facts.name(person))
        offices += dated
    if not offices:
        return Verdict("no source", (f"No dated office of {', '.join(missing)} in the graph.",))
    offices.sort(key=lambda e: e.valid_from or "")
    lines = [
        f"{facts.name(e.from_id)}: {e.properties.get('role', 'office')}, {facts.name(e.to_id)}, "
        f"{e.valid_from} to {e.valid_to} {_cite(e)}"
        for e in offices
    ]
    first = int((offices[0].valid_from or "")[:4])
    last = max(int((e.valid_to or "")[:4]) for e in offices)
    gaps = [
        f"{a.valid_to} to {b.valid_from}"
        for a, b in pairwise(offices)
        if (b.valid_from or "")[:4] > (a.valid_to or "")[:4]
    ]
    start_ok, end_ok = first == params["from_year"], last == params["to_year"]
    lines.append(
        f"Span held: {first} to {last}; the claim says {params['from_year']} to {params['to_year']}"
        + (f"; gaps: {', '.join(gaps)}" if gaps else "")
        + (f"; no dated office of {', '.join(missing)}" if missing else "")
    )
    if start_ok and end_ok and not gaps and not missing:
        return Verdict("supports", tuple(lines))
    return Verdict("contradicts" if not start_ok and not end_ok else "mixed", tuple(lines))


def home_countries(facts: Facts) -> dict[str, str]:
    """The Country each node belongs to: by LOCATED_IN (through places), by the office a person
    holds, or, for a state body with no location, by the country its name contains."""
    countries = {n.id: n for n in facts.nodes.values() if n.label == COUNTRY}
    parent = {e.from_id: e.to_id for e in facts.of_type(LOCATED_IN)}
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


CHECK_FUNCTIONS: dict[str, Check] = {
    "no_source": check_no_source,
    "monthly_total": check_monthly_total,
    "top_ranked": check_top_ranked,
    "share": check_share,
    "named_share": check_named_share,
    "decline_vs_migration": check_decline_vs_migration,
    "indicator_trend": check_indicator_trend,
    "among_biggest": check_among_biggest,
    "office_end": check_office_end,
    "share_controlled": check_share_controlled,
    "sentence": check_sentence,
    "sanctioned_in_year": check_sanctioned_in_year,
    "citizens_abroad": check_citizens_abroad,
    "office_span": check_office_span,
}
assert set(CHECK_FUNCTIONS) == set(CHECKS), "every check the claims file may name has a function"


def check_claims(
    store: GraphStore, claims: ClaimSet, facts: Facts | None = None
) -> list[tuple[Claim, Verdict]]:
    """Every claim with its verdict over `store`. Raises nothing for missing data."""
    facts = facts or Facts(store)
    return [(claim, CHECK_FUNCTIONS[claim.check](facts, claim.params)) for claim in claims.claims]


def coverage_lines(facts: Facts, article_countries: tuple[str, ...]) -> list[str]:
    """Which countries and years have flows, indicators and counts of citizens abroad, and which
    clusters have facts."""
    lines = ["Flows, indicators and citizens abroad by country (years with data; '-' none):"]
    encounters = defaultdict(set)
    for e in facts.of_type(ENCOUNTERED_IN):
        if e.to_id == DESTINATION_ID:
            short = "SW" if e.properties["area"] == DEFAULT_AREA else e.properties["area"]
            when = (
                f"FY{e.properties['fiscal_year']}"
                if counts_whole_fiscal_year(e)
                else (e.valid_from or "")[:7]
            )
            encounters[e.from_id].add(f"{when} {short}")
    scored = defaultdict(set)
    for e in facts.of_type(SCORED):
        scored[(e.from_id, e.to_id)].add(str(e.properties["edition"]))
    carried = defaultdict(set)
    for e in facts.of_type(CARRIES):
        carried[e.to_id].add(f"{e.properties['period']}")
    abroad = defaultdict(list)
    for e in facts.of_type(LIVING_IN):
        abroad[e.from_id].append(str(e.properties["as_of"]))
    indicators = sorted(n.id for n in facts.nodes.values() if n.label == INDICATOR)
    countries = [*article_countries, TOTAL_ID]
    for country in countries:
        parts = [f"encounters {', '.join(sorted(encounters[country])) or '-'}"]
        parts += [
            f"{ind} {', '.join(sorted(scored[(country, ind)])) or '-'}"
            for ind in indicators
            if country != TOTAL_ID
        ]
        parts.append(f"Darién {', '.join(sorted(carried[country])) or '-'}")
        if country != TOTAL_ID:
            dates = sorted(abroad[country])
            counted = f"{len(dates)} counts, {dates[0]} to {dates[-1]}" if dates else "-"
            parts.append(f"citizens abroad {counted}")
        lines.append(f"  {facts.name(country)}: " + "; ".join(parts))
    lines.append("Facts (not measures) by country cluster, and the years they span:")
    home = home_countries(facts)
    clusters: dict[str, list[Edge]] = defaultdict(list)
    for e in facts.edges:
        if SCHEMA.relationship(e.type).category == MEASURE:
            continue
        for home_id in {home.get(e.from_id), home.get(e.to_id)}:
            if home_id is not None:
                clusters[home_id].append(e)
    for country, edges in sorted(clusters.items(), key=lambda kv: -len(kv[1])):
        years = sorted(int(e.valid_from[:4]) for e in edges if e.valid_from)
        span = f"{years[0]}-{years[-1]}" if years else "undated"
        lines.append(f"  {facts.name(country)}: {len(edges)} fact{'' if len(edges) == 1 else 's'}, {span}")
    return lines


@dataclass(frozen=True)
class CheckedClaim:
    """A claim of the article and its verdict over the store."""

    claim: Claim
    verdict: Verdict


@dataclass(frozen=True)
class ClaimsReport:
    """What the store covers (lines of text) and every claim with its verdict, counted by verdict."""

    coverage: list[str]
    claims: list[CheckedClaim]
    counts: dict[str, int]


def checked_claims(store: GraphStore, claims: ClaimSet) -> ClaimsReport:
    """The coverage and the claims with their verdicts: what `csn analyse claims --format json`
    prints and the workbench's claims page shows."""
    facts = Facts(store)
    checked = [CheckedClaim(claim, verdict) for claim, verdict in check_claims(store, claims, facts)]
    counts = {v: sum(1 for c in checked if c.verdict.verdict == v) for v in VERDICTS}
    return ClaimsReport(coverage_lines(facts, claims.countries), checked, counts)


def claims_report(store: GraphStore, claims: ClaimSet) -> str:
    """The coverage and claims report that `csn check` and `csn analyse claims` print, as text."""
    report = checked_claims(store, claims)
    lines = ["", "Coverage", *report.coverage, "", "The article's quantitative claims"]
    for checked in report.claims:
        claim, verdict = checked.claim, checked.verdict
        lines.append(f'  [{verdict.verdict}] {claim.id} ({claim.kind}): "{claim.quote}"')
        lines += [f"      {line}" for line in verdict.data]
    summary = ", ".join(f"{report.counts[v]} {v}" for v in VERDICTS)
    lines.append(f"Claims: {len(claims.claims)} checked: {summary}.")
    return "\n".join(lines)
