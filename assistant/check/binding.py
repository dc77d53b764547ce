"""What a number is about: the areas, years and indicator of the fact number it is bound to.

The number checker proves the digits; this module says what they mean, so assistant.check.attribution can
compare that with what the sentence says around them. A difference belongs to the pair it compares, a
reference value to the area it is the value of, a top list or spread to every area it names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.check.claims import CITATION_RE
from assistant.check.matching import DIFFERENCE_ROLES
from assistant.check.references import LEVEL_WORDS, References
from assistant.schemas import Fact, FactNumber, FactSource
from assistant.understand.lexicon import AREA_ALIASES

YEAR_RE = re.compile(r"(?<!\d)(?:199\d|20[0-3]\d)(?!\d)")
# "Moerwijk (Den Haag)", "Moerwijk ('s-Gravenhage)": a name in parentheses with no digits qualifies the one before.
QUALIFIER_RE = re.compile(r"\(\s*[^()\d]{1,60}\)")
AVERAGE_RE = re.compile(r"\b(?:gemiddeld\w*|average)\b", re.I)
GROUP_KINDS = ("top", "spread", "pattern", "rank")
NO_AREA_ROLES = ("of", "count", "label", "quartile")  # "van 39 wijken", "5 niet": about the group, not one area
# Words that every indicator title may hold: they say nothing about which indicator a sentence means.
GENERIC = frozenset((
    "aantal", "aandeel", "percentage", "gemiddeld", "gemiddelde", "waarde", "share", "number", "average", "value",
    "with", "from", "that", "this", "naar", "voor", "over", "door", "people", "mensen", "personen", "totaal",
    "total", "procent", "percent", "jaar", "jaren", "year", "years", "tussen", "between", "wijk", "buurt",
))


@dataclass(frozen=True)
class Meaning:
    """What one fact number is about."""

    areas: frozenset[str]  # any of these may be named ("Moerwijk ligt 0,7 hoger dan Den Haag": either)
    years: frozenset[int]
    indicator: str  # "" when the fact does not say


def meaning(fact: Fact, number: FactNumber) -> Meaning:
    sources = [s for s in [fact.source, *fact.extra_sources] if s is not None]
    own = [s.area_code for s in sources[:1]] or ([fact.area_code] if fact.area_code else [])
    if number.role in NO_AREA_ROLES or fact.kind in GROUP_KINDS and number.role != "rank":
        areas = [*own, *(s.area_code for s in sources), *([fact.area_code] if fact.area_code else [])]
    elif number.role == "reference":
        areas = [s.area_code for s in sources[1:2]] or own
    elif number.role in DIFFERENCE_ROLES or number.role == "relative":
        areas = [*own, *(s.area_code for s in sources[1:2])]
    else:
        areas = own
    years = _years(fact, number, sources)
    indicator = fact.indicator or (fact.source.indicator if fact.source else "") or ""
    return Meaning(frozenset(a for a in areas if a), frozenset(years), indicator if fact.topic else "")


def _years(fact: Fact, number: FactNumber, sources: list[FactSource]) -> set[int]:
    """The year a number is of: a trend's first value is of its first year, a reference of its own row."""
    rows = {"last": sources[:1], "first": sources[1:2], "reference": sources[1:2]}.get(number.role)
    if number.role == "value" and fact.kind in ("value", "comparison", "share"):
        rows = sources[:1]
    if rows:
        return {s.year for s in rows if s.year is not None}
    years = {y for y in [fact.year, *(s.year for s in sources)] if y is not None}
    return years | {int(y) for y in YEAR_RE.findall(f"{fact.text} {fact.text_en}")}


def named_areas(sentence: str, refs: References) -> tuple[set[str], set[str]]:
    """(codes of the areas the sentence names, the level prefixes its level words name: GM, SD, NL).

    Everyday names count ("Den Haag", "The Hague" for 's-Gravenhage).
    """
    text = QUALIFIER_RE.sub(" ", CITATION_RE.sub(" ", sentence))
    codes = refs.named(text)
    low = f" {re.sub(r'[^a-z]+', ' ', text.lower())} "
    codes |= {code for alias, code in AREA_ALIASES.items() if f" {alias} " in low and code in refs.names}
    levels = {prefix for prefix, pattern in LEVEL_WORDS if pattern.search(text)}
    return codes, levels


def names_average(sentence: str) -> bool:
    """'gemiddeld'/'average': the levels above the subject, where an average comes from, are named too."""
    return bool(AVERAGE_RE.search(sentence))


def area_agrees(areas: Iterable[str], codes: set[str], levels: set[str]) -> bool:
    return any(a in codes or a[:2] in levels for a in areas)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    return word[:6]


def topic_stems(text: str) -> set[str]:
    return {_fold(w) for w in re.findall(r"[^\W\d_]{4,}", text) if w.lower() not in GENERIC}


class Topics:
    """The words that name exactly one of the answer's indicators ("jeugdzorg", "WMO"), by indicator."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        by_indicator: dict[str, set[str]] = {}
        for fact in facts:
            ind = fact.indicator or (fact.source.indicator if fact.source else "")
            if fact.topic and ind:
                by_indicator.setdefault(ind, set()).update(topic_stems(fact.topic))
        owners: dict[str, set[str]] = {}
        for ind, stems in by_indicator.items():
            for stem in stems:
                owners.setdefault(stem, set()).add(ind)
        self.own = {stem: next(iter(inds)) for stem, inds in owners.items() if len(inds) == 1}

    def named(self, sentence: str, refs: References) -> dict[str, str]:
        """{indicator: the word that names it} for the indicators the sentence talks about."""
        text = CITATION_RE.sub(" ", sentence)
        for _, pattern, _ in refs.places_in(text):
            text = pattern.sub(" ", text)  # "Bomen- en Bloemenbuurt" names a place, not an indicator
        out: dict[str, str] = {}
        for word in re.findall(r"[^\W\d_]{4,}", text):
            ind = self.own.get(_fold(word)) if word.lower() not in GENERIC else None
            if ind:
                out.setdefault(ind, word)
        return out
