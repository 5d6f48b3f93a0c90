"""Read the article's claims: what each one says, its kind, and which check with which parameters.

Claims live in `seed/article.claims.yaml`. They are not facts, so the seed loader skips every file
named `*.claims.yaml` (see csn.loaders.curated.seed.seed_files). The file holds the countries
the article names and a list of claims; each claim names one of the checks in CHECKS with the
parameters it needs.
Every problem is reported together, with file, line, claim and field, and nothing is returned:

    countries: [mexico, venezuela]
    claims:
      - id: mexico-a-quarter
        quote: "Mexico, which accounts for a quarter of migrants into America"
        kind: number
        check: share
        params: {country: mexico, low: 0.2, high: 0.3}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from csn import ARTICLE_DATASET
from csn.graph.errors import DataError, Problem
from csn.graph.schema import ID_PATTERN
from csn.loaders.curated.yaml_lines import line_of, read_yaml

CLAIMS_SUFFIX = ".claims.yaml"
DEFAULT_CLAIMS = ARTICLE_DATASET / f"article{CLAIMS_SUFFIX}"
KINDS = ("number", "ranking", "trend", "date")
CLAIM_KEYS = ("id", "quote", "kind", "check", "params")

# The checks a claim may name, with the parameters each requires and those it may take.
CHECKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "no_source": (("why",), ()),
    "monthly_total": (("country", "month", "more_than", "area"), ()),
    "top_ranked": (("countries",), ("note",)),
    "share": (("country", "low", "high"), ("stated_shares",)),
    "named_share": (("countries", "min_named", "why"), ("more_than", "fiscal_years")),
    "decline_vs_migration": (("windows", "min_countries"), ()),
    "indicator_trend": (("indicator",), ()),
    "among_biggest": (("countries", "min_share"), ()),
    "office_end": (("person", "month"), ()),
    "share_controlled": (("place", "day", "more_than"), ()),
    "sentence": (("person", "years", "quote_text"), ()),
    "sanctioned_in_year": (("country", "year"), ()),
    "citizens_abroad": (("origin", "as_of", "counts"), ("note",)),
    "office_span": (("persons", "from_year", "to_year"), ()),
}


@dataclass(frozen=True)
class Claim:
    """One quantitative claim of the article: its words, its kind and how to check it."""

    id: str
    quote: str
    kind: str
    check: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ClaimSet:
    """The countries the article names (for the coverage report) and its claims, in file order."""

    countries: tuple[str, ...]
    claims: tuple[Claim, ...]


def claims_file(seed: Path | None) -> Path:
    """The claims file in a folder of curated facts, or the article's own when it has none."""
    own = seed / f"article{CLAIMS_SUFFIX}" if seed is not None and seed.is_dir() else None
    return own if own is not None and own.exists() else DEFAULT_CLAIMS


def load_claims(path: Path) -> ClaimSet:
    """The claims in `path`. Raises DataError listing every problem (file, line, claim, field)."""
    shown = str(path)
    try:
        document = read_yaml(path)
    except OSError as error:
        raise DataError([Problem(shown, "-", "-", f"cannot be read: {error.strerror}")]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problem = Problem(shown, "-", "-", f"YAML syntax error: {reason}", mark.line + 1 if mark else None)
        raise DataError([problem]) from error
    problems: list[Problem] = []
    if not isinstance(document, dict):
        raise DataError([Problem(shown, "-", "-", "must be a mapping with countries and claims", 1)])
    for key in document:
        if key not in ("countries", "claims"):
            problems.append(Problem(shown, "-", str(key), "unknown section; use countries, claims", 1))
    countries = document.get("countries") or []
    if not isinstance(countries, list) or not all(isinstance(c, str) for c in countries):
        problems.append(Problem(shown, "-", "countries", "must be a list of country ids", line_of(document)))
        countries = []
    raw_claims = document.get("claims")
    if not isinstance(raw_claims, list) or not raw_claims:
        problems.append(Problem(shown, "-", "claims", "must be a non-empty list", line_of(document)))
        raw_claims = []
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_claims, start=1):
        claim = _read_claim(shown, index, raw, seen, problems)
        if claim is not None:
            claims.append(claim)
    if problems:
        raise DataError(problems)
    return ClaimSet(tuple(countries), tuple(claims))


def _read_claim(file: str, index: int, raw: Any, seen: set[str], problems: list[Problem]) -> Claim | None:
    """One claim, or None after recording what is wrong with it."""
    record = f"claim #{index}"
    if not isinstance(raw, dict):
        problems.append(Problem(file, record, "-", "must be a mapping", None))
        return None
    line = line_of(raw)
    before = len(problems)

    def wrong(field_name: str, message: str) -> None:
        problems.append(Problem(file, record, field_name, message, line))

    claim_id = raw.get("id")
    if isinstance(claim_id, str) and ID_PATTERN.match(claim_id):
        record = f"claim '{claim_id}'"
        if claim_id in seen:
            wrong("id", "duplicate id")
        seen.add(claim_id)
    else:
        wrong("id", "required; use lower-case letters, digits and hyphens")
    for key in raw:
        if key not in CLAIM_KEYS:
            wrong(str(key), f"unknown field; use {', '.join(CLAIM_KEYS)}")
    quote = raw.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        wrong("quote", "required: the article's words")
    elif any(ord(ch) < 32 for ch in quote):
        wrong("quote", "control characters are not allowed")
    kind = raw.get("kind")
    if kind not in KINDS:
        wrong("kind", f"must be one of {', '.join(KINDS)}")
    check = raw.get("check")
    params = raw.get("params") or {}
    if check not in CHECKS:
        wrong("check", f"unknown check '{check}'; known: {', '.join(CHECKS)}")
    elif not isinstance(params, dict):
        wrong("params", "must be a mapping")
    else:
        required, optional = CHECKS[check]
        for name in required:
            if name not in params:
                wrong(f"params.{name}", f"required by check '{check}'")
        for name in params:
            if name not in required and name not in optional:
                wrong(f"params.{name}", f"not a parameter of check '{check}'")
        for name, message in _shape_problems(str(check), params):
            wrong(f"params.{name}", message)
    if len(problems) > before:
        return None
    return Claim(id=str(claim_id), quote=str(quote), kind=str(kind), check=str(check), params=dict(params))


COUNT_KEYS = ("host", "low", "high", "said")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shape_problems(check: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the shape of the parameters whose values are lists or ranges.

    >>> wrong = {"persons": [], "from_year": 1986, "to_year": 1957}
    >>> [field for field, _ in _shape_problems("office_span", wrong)]
    ['persons', 'to_year']
    """
    found: list[tuple[str, str]] = []
    if check == "citizens_abroad" and "counts" in params:
        counts = params["counts"]
        if not isinstance(counts, list) or not counts:
            return [("counts", "must be a non-empty list of {host, low, high, said}")]
        for i, count in enumerate(counts, start=1):
            field = f"counts[{i}]"
            if not isinstance(count, dict) or not isinstance(count.get("host"), str):
                found.append((field, "must be a mapping with a host id, low and high"))
            elif not (_is_number(count.get("low")) and _is_number(count.get("high"))):
                found.append((field, "low and high must be numbers"))
            elif count["low"] > count["high"]:
                found.append((field, "low must not be above high"))
            elif any(key not in COUNT_KEYS for key in count):
                found.append((field, f"unknown key; use {', '.join(COUNT_KEYS)}"))
    if check == "office_span":
        persons = params.get("persons")
        if not isinstance(persons, list) or not persons or not all(isinstance(p, str) for p in persons):
            found.append(("persons", "must be a non-empty list of person ids"))
        start, end = params.get("from_year"), params.get("to_year")
        if not isinstance(start, int) or not isinstance(end, int) or end < start:
            found.append(("to_year", "must be a year not before from_year"))
    if check == "named_share":
        years = params.get("fiscal_years", [])
        if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
            found.append(("fiscal_years", "must be a list of fiscal years"))
        share = params.get("more_than", 0.5)
        if not _is_number(share) or not 0 < share < 1:
            found.append(("more_than", "must be a share between 0 and 1"))
    return found
