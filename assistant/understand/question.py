"""Understanding a question: areas, indicators, years, comparison targets, type, terms, language."""

from __future__ import annotations

import re
from datetime import date

from assistant.understand.follow import follow_up
from assistant.understand.indicators import catalogue_groups, find_indicators, typo_groups
from assistant.understand.kinds import apply_kinds, special_kind
from assistant.understand.lexicon import THEME_WORDS
from assistant.understand.model import Understanding
from assistant.understand.patterns import (
    ASK_WHICH_RE,
    DEFINE_RE,
    EN_WORDS,
    FOLLOW_FORM_RE,
    HERE_RE,
    LOW_RE,
    NL_WORDS,
    STORY_RE,
    TOP_RE,
    TREND_RE,
    WEAK,
)
from assistant.understand.places import find_places, reading_notices
from assistant.understand.places_missed import missed_notice
from assistant.understand.units import order_by_unit, wanted_unit
from retrieval.tables.areas import AreaRef, area_index, normalize

__all__ = ["Understanding", "find_indicators", "follow_up", "understand"]


def detect_language(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    return "en" if sum(w in EN_WORDS for w in words) > sum(w in NL_WORDS for w in words) else "nl"


def find_areas(refs: list[AreaRef], text: str) -> tuple[list[AreaRef], list[AreaRef], str | None]:
    """Areas named in free text -> (areas, clarify candidates, unknown name); see understand/places.py."""
    found = find_places(refs, text)
    return found.areas, found.clarify, found.unknown


def pick_indicators(groups: list[list[str]], loaded: set[str]) -> tuple[list[str], list[str]]:
    """(chosen ids, ids asked for but not loaded)."""
    chosen: list[str] = []
    missing: list[str] = []
    for group in groups:
        hit = next((i for i in group if i in loaded), None)
        if hit and hit not in chosen:
            chosen.append(hit)
        elif not hit:
            missing.append(group[0])
    return chosen, missing


def find_years(text: str, today: date | None = None) -> tuple[list[int], int | None]:
    today = today or date.today()
    years = [int(y) for y in re.findall(r"\b(19[9]\d|20[0-3]\d)\b", text)]
    since = None
    m = (re.search(r"\b(?:sinds|vanaf|since|from)\s+(20[0-3]\d)\b", text.lower())
         # "zijn er nu meer of minder dan in 2019?": a trend from that year to now
         or re.search(r"\b(?:nu|now|tegenwoordig|nowadays)\b.*\b(?:dan|than)\s+(?:in\s+)?(20[0-3]\d)\b", text.lower()))
    if m:
        since = int(m.group(1))
    if re.search(r"\b(vorig jaar|last year)\b", text.lower()):
        years.append(today.year - 1)
    return sorted(set(years)), since


def find_themes(text: str) -> list[str]:
    norm = normalize(text)
    return sorted({theme for word, theme in THEME_WORDS.items() if re.search(rf"\b{word}", norm)})


_COUNT_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
                "tien": 10, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}
_TOP_COUNT_RE = re.compile(
    rf"\btop\s*(\d+)\b|\b(\d+|{'|'.join(_COUNT_WORDS)})\s+(?:[a-zë]+\s+)?"
    r"(?:wijken|buurten|stadsdelen|gebieden|districts|neighbou?rhoods|areas)\b"
)


def _top_count(low: str) -> int | None:
    """'top 3', '3 wijken', 'drie armste buurten', 'the five poorest districts' -> the number asked for."""
    m = _TOP_COUNT_RE.search(low)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    n = int(word) if word.isdigit() else _COUNT_WORDS[word]
    return n if 0 < n <= 100 else None


def question_kind(text: str, u: Understanding) -> str:
    low = text.lower()
    n = _top_count(low)  # "Wat zijn de drie wijken met de meeste …": a count of areas asks which, too
    if TOP_RE.search(low) and (ASK_WHICH_RE.search(low) or n) and not (
            u.areas and u.areas[0].level in ("wijk", "buurt")):
        level = ("buurt" if re.search(r"\bbuurt(en)?\b|neighbourhood", low) else
                 "stadsdeel" if re.search(r"\bstadsde(el|len)\b|borough", low) else "wijk")
        u.top = (level, n if n else (5 if re.search(r"wijken|buurten|districts", low) else 1),
                 not LOW_RE.search(low))
        if not u.indicators and re.search(r"\b(grootst\w*|kleinst\w*|largest|smallest)\b", low):
            u.indicators = ["inwoners"]
        return "top"
    if u.since or TREND_RE.search(low) or len(u.years) >= 2:
        return "trend"
    if u.terms and not u.areas and (not u.indicators or DEFINE_RE.search(low)):
        return "term"
    if u.wants_stories and not u.indicators:
        return "story"
    return "value"


def understand(
    question: str,
    refs: list[AreaRef],
    loaded: set[str],
    units: dict[str, tuple[str, str | None]],
    match_terms=None,  # type: ignore[no-untyped-def]
    link=None,  # type: ignore[no-untyped-def]
    prev: Understanding | None = None,
    context_area: AreaRef | None = None,
) -> Understanding:
    """`units` maps indicator id -> (unit, denominator id); `link` is semantic indicator linking."""
    u = Understanding(question=question, language=detect_language(question))
    places = find_places(refs, question, (prev.areas if prev else []) + ([context_area] if context_area else []))
    u.areas, u.clarify, u.unknown_area, u.clarify_loose = places.areas, places.clarify, places.unknown, places.loose
    u.notices += reading_notices(places.read_as, u.language)
    if places.missed:
        u.notices.append(missed_notice(places.missed, u.areas, area_index(refs), u.language))
    if any(a.code == "NL00" for a in u.areas) or re.search(r"\b(landelijk|nationaal|national)\b", question.lower()):
        u.compare_national = True
        u.areas = [a for a in u.areas if a.code != "NL00"] or u.areas
    if HERE_RE.search(question.lower()) and context_area and context_area not in u.areas:
        u.areas.insert(0, context_area)
    groups = find_indicators(question)
    # "En de laagste?", "En vergeleken met Nederland?": a follow-up on the previous figure, not a new topic
    carried = bool(prev and prev.indicators and FOLLOW_FORM_RE.search(question.lower()) and len(question.split()) <= 8)
    special = special_kind(without_names(question, u.areas + u.clarify), loaded, bool(groups)) or carried
    if not groups and not special and not STORY_RE.search(question.lower()):
        plain = without_names(question, u.areas + u.clarify)  # a slip in an indicator word, then the catalogue
        groups = (typo_groups(plain) or catalogue_groups(plain, loaded))[:1]  # both before any embedding
    if not groups and link is not None and not STORY_RE.search(question.lower()) and not special:
        groups = [[i] for i, _ in link(question)][:1]
    u.unit = wanted_unit(question)
    if u.unit == "percent":
        groups = [sorted(g, key=lambda i: _share_rank(units.get(i, ("", None)))) for g in groups]
    else:  # "per 1.000" picks the rate; "hoeveel Wmo-cliënten zijn er" the count
        groups = order_by_unit(groups, units, u.unit)
    strong = [g for g in groups if not set(g) <= WEAK]
    wants_stories = bool(STORY_RE.search(question.lower()))
    chosen, missing = pick_indicators(strong or ([] if wants_stories else groups), loaded)
    u.indicators = chosen[:3]
    u.missing_indicators = missing if not chosen else []
    u.years, u.since = find_years(question)
    u.terms = list(match_terms(question)) if match_terms else []
    u.themes = find_themes(question)
    u.wants_stories = bool(STORY_RE.search(question.lower()))
    _set_share(u, question, units)
    u.kind = question_kind(question, u)
    apply_kinds(u, without_names(question, u.areas + u.clarify), loaded, has_topic=bool(groups))
    u = follow_up(prev, u)
    if not u.areas and not u.clarify and not u.unknown_area and context_area and u.kind not in ("term", "top"):
        u.areas = [context_area]
    return u


def without_names(question: str, areas: list[AreaRef]) -> str:
    """The question without the words of the areas it names: 'Oude Pijp' says nothing about older people."""
    for word in {w for a in areas for w in re.findall(r"[^\W\d]{3,}", a.name)}:
        question = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", question, flags=re.IGNORECASE)
    return question


def _share_rank(unit: tuple[str, str | None]) -> int:
    """For "hoeveel procent ... is Wmo-cliënt": a percentage first, then a count that has a base, then rates."""
    return 0 if unit[0] == "percent" else 1 if unit[0] == "count" and unit[1] else 2


def _set_share(u: Understanding, question: str, units: dict[str, tuple[str, str | None]]) -> None:
    if u.unit != "percent":
        return
    for ind in u.indicators:
        unit, denom = units.get(ind, ("", None))
        if unit == "count" and denom:
            u.share = (ind, denom)
            # "welk deel van de inwoners is 65 of ouder": the inwoners are the base, not a second question
            u.indicators = [i for i in u.indicators if i != denom]
            return
