"""Unit words: 'per 1.000', 'procent', 'aantal' pick the published variant of an indicator.

CBS often publishes one concept in several units (WmoClienten and WmoClientenRelatief). The words a
question uses decide which one is shown; when the asked unit is not published, the answer says which is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.models import IndicatorDef

PER_1000_RE = re.compile(r"\bper\s*(1[.,]?000|duizend|thousand)\b|‰|\bpromille\b")
PERCENT_RE = re.compile(r"\b(procent\w*|percentage\w*|aandeel|aandelen|welk deel|share|proportion|percent)\b|%")
COUNT_RE = re.compile(r"\b(aantal|aantallen|hoeveel (mensen|personen|inwoners|bewoners|huishoudens|cli[eë]nten)|"
                      r"how many|number of|count)\b")
# unit asked -> the stored units that satisfy it
SATISFIES = {"per_1000": ("per_1000",), "percent": ("percent",), "count": ("count",)}
WORDS = {
    "per_1000": ("een cijfer per 1.000 inwoners", "a rate per 1,000 inhabitants"),
    "percent": ("een percentage", "a percentage"),
    "count": ("een aantal", "a count"),
}
SHOWN = {
    "per_1000": ("het cijfer per 1.000 inwoners", "the rate per 1,000 inhabitants"),
    "percent": ("het percentage", "the percentage"),
    "count": ("het aantal", "the count"),
}


def wanted_unit(text: str) -> str | None:
    """The unit the question asks for: 'per 1.000' wins over 'procent', which wins over 'hoeveel … zijn er'."""
    low = text.lower()
    if PER_1000_RE.search(low):
        return "per_1000"
    if PERCENT_RE.search(low):
        return "percent"
    if COUNT_RE.search(low) or re.search(r"\bhoeveel\b[^?]*\bzijn er\b", low):
        return "count"
    return None


def order_by_unit(groups: list[list[str]], units: dict[str, tuple[str, str | None]],
                  wanted: str | None) -> list[list[str]]:
    """Within each group of variants, the ones in the asked unit first (stable otherwise)."""
    if wanted is None:
        return groups
    ok = SATISFIES[wanted]
    return [sorted(g, key=lambda i: units.get(i, ("", None))[0] not in ok) for g in groups]


def unit_notice(wanted: str | None, chosen: list[str], share: tuple[str, str] | None,
                get: Callable[[str], IndicatorDef | None], language: str) -> str | None:
    """Say which variant is shown when the asked unit is not published for the first indicator."""
    if wanted is None or not chosen:
        return None
    d = get(chosen[0])
    if d is None or d.unit in SATISFIES[wanted]:
        return None
    if wanted == "percent" and share is not None:
        return None  # the share is computed from two counts and said as such
    nl, en = language == "nl", WORDS[wanted]
    shown = SHOWN.get(d.unit, ("het gepubliceerde cijfer", "the published figure"))
    title = d.title_nl.lower() if nl else d.title_en.lower()
    if nl:
        return (f"Je vroeg om {en[0]}. Voor {title} is dat niet gepubliceerd in de geladen cijfers; "
                f"je ziet {shown[0]}.")
    return f"You asked for {en[1]}. For {title} that is not published in the loaded figures; you see {shown[1]}."
