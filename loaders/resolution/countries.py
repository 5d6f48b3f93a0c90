"""Countries as codes, so two lists that write one country two ways agree.

OFAC writes "Korea, North" and "Congo, Democratic Republic of the", the UN "Democratic People's
Republic of Korea" and "Democratic Republic of the Congo", OpenSanctions' FtM files the code
`kp`. Matching compares the codes only.

The look-up is rigour's territory table (`rigour.territories.lookup_territory`), the one
OpenSanctions keeps for its own data and that followthemoney's country type is built on: it knows
the official, common and older names of every country in several languages, the ISO 3166 codes,
and a few territories ISO lacks (Kosovo `xk`). followthemoney's country type would give the same
codes through a schema model csn does not otherwise need, and pycountry knows only the ISO names,
not the "Korea, North" style of the US lists. A value rigour cannot place (a note such as "as
of June 2016") gives no code and is left out of the comparison, never guessed.

>>> country_code("Korea, North") == country_code("Democratic People's Republic of Korea") == "kp"
True
>>> country_code("Iran (Islamic Republic of)"), country_code("ve"), country_code("as of June 2016")
('ir', 've', None)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rigour.territories import lookup_territory


@lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """The territory code (ISO 3166-1 alpha-2 in lower case for a country) of a country's name
    or code, or None when it names no country rigour knows."""
    cleaned = text.strip()
    if not cleaned:
        return None
    territory = lookup_territory(cleaned)
    return territory.code if territory is not None else None


def country_codes(values: Iterable[str]) -> frozenset[str]:
    """The codes of the values that name a country; the others are left out."""
    return frozenset(code for code in map(country_code, values) if code)
