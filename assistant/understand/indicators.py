"""Indicators named in a question: the curated phrases (lexicon.py) with their singular forms, then, when
those name nothing, the catalogue's own words (titles and the curated search terms per indicator)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.understand.lexicon import INDICATOR_WORDS
from assistant.understand.patterns import WEAK
from retrieval.tables.areas import normalize
from retrieval.tables.catalogue import base_catalogue

SEARCH_TERMS = Path(__file__).resolve().parents[2] / "retrieval" / "data" / "indicator_search_terms.yaml"
# "wonen ouderen in Lindenhove vaker alleen?": a group word plus living alone is the group's own figure
TOGETHER = [("leeftijd_65_plus", re.compile(r"\b(alleen|alone)\b"), "ouderen_alleenwonend_pct")]
# Plural phrases also match their singular ("is een koopwoning", "een eenpersoonshuishouden"): Dutch
# plurals in -ingen and -dens, where dropping the ending never makes another word people use here.
_SINGULAR = ((re.compile(r"ingen$"), "ing"), (re.compile(r"dens$"), "den"))


def _forms(phrase: str) -> list[str]:
    out = [phrase]
    for pattern, repl in _SINGULAR:
        if pattern.search(phrase):
            out.append(pattern.sub(repl, phrase))
    return out


@lru_cache(maxsize=1)
def phrase_table() -> dict[str, list[str]]:
    """Curated phrase (and its singular) -> candidate ids; an explicit entry always wins over a derived form."""
    table: dict[str, list[str]] = {}
    for phrase, ids in INDICATOR_WORDS.items():
        for form in _forms(phrase):
            if form == phrase or form not in INDICATOR_WORDS:
                table.setdefault(form, ids)
    return table


def find_indicators(text: str) -> list[list[str]]:
    """Groups of candidate ids, one group per phrase found; the first loaded id of a group is used."""
    groups = phrase_groups(text, phrase_table())
    low = normalize(text)
    for group_id, pattern, meant in TOGETHER:
        if [group_id] in groups and pattern.search(low):
            groups[groups.index([group_id])] = [meant]
            groups = [g for g in groups if g != ["eenpersoonshuishoudens"]]  # the group's own figure covers it
    return groups


def phrase_groups(text: str, table: dict[str, list[str]]) -> list[list[str]]:
    norm = " " + normalize(text).replace("-", " ") + " "
    found: list[tuple[int, list[str]]] = []
    for phrase in sorted(table, key=len, reverse=True):
        if f" {phrase} " in norm or (len(phrase) > 6 and f" {phrase}" in norm):
            found.append((norm.find(phrase), table[phrase]))
            norm = norm.replace(phrase, " " * len(phrase))  # keep positions for the order below
    groups: list[list[str]] = []
    for _, group in sorted(found, key=lambda x: x[0]):  # the order the question names them
        if group not in groups:
            groups.append(group)
    return groups


@lru_cache(maxsize=1)
def catalogue_table() -> dict[str, list[str]]:
    """The catalogue's words per indicator: Dutch and English titles, synonyms and the curated search terms."""
    table: dict[str, list[str]] = {}

    def add(phrase: str, ind: str) -> None:
        for form in _forms(normalize(phrase).replace("-", " ")):
            if len(form) >= 4 and ind not in table.setdefault(form, []):
                table[form].append(ind)

    for ind in base_catalogue():
        for phrase in [ind.title_nl, ind.title_en, *ind.synonyms]:
            add(phrase, ind.id)
    terms = yaml.safe_load(SEARCH_TERMS.read_text(encoding="utf-8")) or {}
    for ind_id, words in terms.items():
        for word in words or []:
            add(str(word), str(ind_id))
    return table


def catalogue_groups(text: str, loaded: set[str]) -> list[list[str]]:
    """When the curated phrases name nothing: the loaded indicators whose title or search terms the question
    uses ('Hoeveel koophuizen …' -> koopwoningen_pct). Only loaded ids, first-listed first."""
    # the words for a group of people ('mensen', 'ouderen') are no topic on their own: "hoeveel mensen hebben
    # diabetes" is about diabetes, which is not loaded, not about the number of inhabitants
    table = {p: [i for i in ids if i in loaded and i not in WEAK] for p, ids in catalogue_table().items()}
    return phrase_groups(text, {p: ids for p, ids in table.items() if ids})


def typo_groups(text: str) -> list[list[str]]:
    """When no phrase matched: a long word one slip away from a one-word phrase ('inwonres' -> inwoners),
    first letter kept, as areas are read (retrieval/tables/area_fuzzy.py)."""
    from retrieval.tables.area_fuzzy import distance, tolerance

    words = [w for w in normalize(text).replace("-", " ").split() if len(w) >= 6]
    table = {p: ids for p, ids in phrase_table().items() if " " not in p and len(p) >= 6}
    groups: list[list[str]] = []
    for w in words:
        close = sorted((distance(w, p, tolerance(p)), p) for p in table if p[0] == w[0])
        if close and close[0][0] <= tolerance(close[0][1]) and table[close[0][1]] not in groups:
            groups.append(table[close[0][1]])
    return groups
