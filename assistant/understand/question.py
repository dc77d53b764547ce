"""Understanding a question: areas, indicators, years, comparison targets, type, terms, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from assistant.understand.lexicon import AREA_ALIASES, INDICATOR_WORDS, THEME_WORDS
from retrieval.tables.areas import AreaRef, area_index, candidates, normalize

EN_WORDS = {"the", "what", "how", "many", "which", "highest", "lowest", "compared", "with", "of", "does",
            "mean", "much", "a", "lot", "district", "neighbourhood", "neighborhood", "and", "why", "are", "people",
            "live", "there", "this", "our", "high", "low", "share", "explain", "about", "stories", "than"}
NL_WORDS = {"de", "het", "een", "wat", "hoeveel", "welke", "hoogst", "laagst", "vergeleken", "met", "van",
            "betekent", "veel", "wijk", "buurt", "en", "waarom", "zijn", "er", "onze", "deze", "hoe", "hoog",
            "laag", "mensen", "wonen", "aandeel", "uitleg", "over", "verhalen", "dan", "ligt", "heeft"}
TOP_RE = re.compile(r"\b(hoogst\w*|meest\w*|laagst\w*|minst\w*|grootst\w*|kleinst\w*|highest|lowest|most|least|"
                    r"largest|smallest|top\s*\d+|nummer 1|number one)\b")
LOW_RE = re.compile(r"\b(laagst\w*|minst\w*|kleinst\w*|lowest|least|smallest|onderaan)\b")
ASK_WHICH_RE = re.compile(r"\b(welke?|which|waar|where|top\s*\d+|nummer 1|number one|rangschik\w*|ranking)\b|"
                          r"\b(de|the)\s+\w+st\w*\s+(wijk|buurt|stadsdeel|district|neighbourhood)")
PRONOUN_RE = re.compile(r"\b(dat|dit|daar|daarvan|die|it|that|there|this)\b")
# Words for a group of people: an indicator only when the question names nothing more specific.
WEAK = {"leeftijd_15_25", "leeftijd_0_15", "leeftijd_65_plus", "huishoudens", "inwoners"}
TREND_RE = re.compile(r"\b(sinds|trend|ontwikkel\w*|gestegen|gedaald|gegroeid|veranderd|verloop|door de jaren|"
                      r"laatste jaren|afgelopen jaren|since|over time|changed|grown|risen|fallen)\b")
SHARE_RE = re.compile(r"\b(aandeel|percentage|procent|hoeveel procent|welk deel|share|proportion)\b")
# "Wat is de Wmo eigenlijk?": a question about a word, also when the word names an indicator
DEFINE_RE = re.compile(r"^\s*(wat (betekent|betekenen|is|zijn|telt|bedoel\w*|houdt)|what (does|do|is|are|counts)|"
                       r"waarom|why|hoe (werkt|bereken\w*|tel\w*)|how (is|are|does)|leg uit|uitleg|explain)\b")
COUNT_RE = re.compile(r"\bhoeveel\b[^?]*\bzijn er\b|\bhow many\b")
STORY_RE = re.compile(r"\b(verha\w*|ervaring\w*|vertel\w*|zeggen bewoners|stories|story|experiences|"
                      r"residents say|verhaal)\b")
HERE_RE = re.compile(r"\b(deze wijk|onze wijk|mijn wijk|deze buurt|onze buurt|hier|this area|our area)\b")
FOLLOW_RE = re.compile(r"^\s*(en|and|wat als|what about)\b")


@dataclass
class Understanding:
    question: str
    language: str = "nl"
    areas: list[AreaRef] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    missing_indicators: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    since: int | None = None
    compare_national: bool = False
    kind: str = "value"
    top: tuple[str, int, bool] | None = None
    share: tuple[str, str] | None = None
    terms: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    clarify: list[AreaRef] = field(default_factory=list)
    unknown_area: str | None = None
    wants_stories: bool = False
    notices: list[str] = field(default_factory=list)
    named_area: AreaRef | None = None  # the area the answer put first (a top-1), what "daar" points at next


def detect_language(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    return "en" if sum(w in EN_WORDS for w in words) > sum(w in NL_WORDS for w in words) else "nl"


def find_areas(refs: list[AreaRef], text: str) -> tuple[list[AreaRef], list[AreaRef], str | None]:
    """Areas named in free text -> (areas, clarify candidates, unknown name)."""
    by_code = {r.code: r for r in refs}
    found: list[AreaRef] = []
    clarify: list[AreaRef] = []
    for code in re.findall(r"\b(?:GM\d{4}|WK\d{6}|BU\d{8}|NL00|SD\d{6})\b", text.upper()):
        if code in by_code:
            found.append(by_code[code])
    norm = normalize(text)
    names = area_index(refs).by_name
    taken: list[tuple[int, int]] = []
    tokens = norm.split()
    for size in (4, 3, 2, 1):
        for i in range(len(tokens) - size + 1):
            if any(a < i + size and i < b for a, b in taken):
                continue
            phrase = " ".join(tokens[i : i + size])
            hits = _lookup(phrase, names, by_code, refs)
            if not hits:
                continue
            taken.append((i, i + size))
            if len({h.parent_code for h in hits}) > 1:
                clarify.extend(hits)
            else:
                found.append(hits[0])
    unknown = None if found or clarify else _unknown_name(text)
    return _dedupe(found), clarify, unknown


def _lookup(phrase: str, names: dict[str, list[AreaRef]], by_code: dict[str, AreaRef],
            refs: list[AreaRef]) -> list[AreaRef]:
    if phrase in AREA_ALIASES and AREA_ALIASES[phrase] in by_code:
        return [by_code[AREA_ALIASES[phrase]]]
    if phrase in names:
        return candidates(refs, names[phrase][0].name)
    if len(phrase) >= 7 and " " not in phrase:
        return candidates(refs, phrase)  # typo-tolerant (difflib) for longer single words only
    return []


_STOP_CAPS = {"Is", "Wat", "Hoeveel", "Welke", "Hoe", "Waarom", "En", "Ik", "What", "How", "Which", "The",
              "WMO", "Wmo", "CBS", "Nederland", "Den", "In", "Een", "De", "Het"}


def _unknown_name(text: str) -> str | None:
    m = re.search(r"\b(?:in|wijk|buurt|voor|van|for|of)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", text)
    if m and m.group(1).split()[0] not in _STOP_CAPS:
        return m.group(1)
    return None


def _dedupe(refs: list[AreaRef]) -> list[AreaRef]:
    seen: dict[str, AreaRef] = {}
    for r in refs:
        seen.setdefault(r.code, r)
    return list(seen.values())


# A group word plus a word elsewhere in the question: "wonen ouderen in Lindenhove vaker alleen?"
TOGETHER = [("leeftijd_65_plus", re.compile(r"\b(alleen|alone)\b"), "ouderen_alleenwonend_pct")]


def find_indicators(text: str) -> list[list[str]]:
    """Groups of candidate ids, one group per phrase found; the first loaded id of a group is used."""
    groups = _phrase_groups(text)
    for group_id, word, meant in TOGETHER:
        if [group_id] in groups and word.search(normalize(text)):
            groups[groups.index([group_id])] = [meant]
    return groups


def _phrase_groups(text: str) -> list[list[str]]:
    norm = " " + normalize(text).replace("-", " ") + " "
    found: list[tuple[int, list[str]]] = []
    for phrase in sorted(INDICATOR_WORDS, key=len, reverse=True):
        if f" {phrase} " in norm or (len(phrase) > 6 and f" {phrase}" in norm):
            found.append((norm.find(phrase), INDICATOR_WORDS[phrase]))
            norm = norm.replace(phrase, " " * len(phrase))  # keep positions for the order below
    groups: list[list[str]] = []
    for _, group in sorted(found, key=lambda x: x[0]):  # the order the question names them
        if group not in groups:
            groups.append(group)
    return groups


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


def question_kind(text: str, u: Understanding) -> str:
    low = text.lower()
    if TOP_RE.search(low) and ASK_WHICH_RE.search(low) and not (u.areas and u.areas[0].level in ("wijk", "buurt")):
        n = re.search(r"top\s*(\d+)", low)
        level = ("buurt" if re.search(r"\bbuurt(en)?\b|neighbourhood", low) else
                 "stadsdeel" if re.search(r"\bstadsde(el|len)\b|borough", low) else "wijk")
        u.top = (level, int(n.group(1)) if n else (5 if re.search(r"wijken|buurten|districts", low) else 1),
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


def follow_up(prev: Understanding | None, u: Understanding) -> Understanding:
    """Carry context over: 'en in Ypenburg?' keeps the indicator; 'en in 2021?' keeps the area."""
    if prev is None:
        return u
    low = u.question.lower()
    pointing = bool(PRONOUN_RE.search(low))
    short = FOLLOW_RE.search(low) or len(u.question.split()) <= 5 or pointing
    # "Is dat veel vergeleken met de stad?" points back at the figure; "Wat betekent dat?" asks about a word.
    about_word = u.kind == "term" and bool(DEFINE_RE.search(low) or not pointing or not prev.indicators)
    fresh_topic = u.indicators or u.missing_indicators or about_word
    if not fresh_topic and (short or u.areas or u.years):
        u = replace(u, indicators=prev.indicators, share=u.share or prev.share,
                    kind="value" if u.kind == "term" else u.kind)
        if u.kind == "value" and prev.kind in ("top", "trend") and not u.areas:
            u.kind, u.top = prev.kind, prev.top
            if u.top is not None and TOP_RE.search(low):  # "En de laagste?" turns the list around
                u.top = (u.top[0], u.top[1], not LOW_RE.search(low))
    if pointing and prev.areas and u.areas and all(a.level in ("gemeente", "land") for a in u.areas):
        # "Is dat meer dan in Den Haag?": the area stays; the gemeente is a reference, always compared.
        u = replace(u, areas=prev.areas, compare_national=u.compare_national or u.areas[0].level == "land")
    if pointing and not u.areas and not u.clarify and prev.named_area is not None:
        u = replace(u, areas=[prev.named_area])  # "Welke wijk …?" then "Wat vertellen bewoners daar?"
    if not u.areas and not u.clarify and not u.unknown_area and u.kind not in ("term", "top"):
        u = replace(u, areas=prev.areas)
    return u


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
    u.areas, u.clarify, u.unknown_area = find_areas(refs, question)
    if any(a.code == "NL00" for a in u.areas) or re.search(r"\b(landelijk|nationaal|national)\b", question.lower()):
        u.compare_national = True
        u.areas = [a for a in u.areas if a.code != "NL00"] or u.areas
    if HERE_RE.search(question.lower()) and context_area and context_area not in u.areas:
        u.areas.insert(0, context_area)
    groups = find_indicators(question)
    if not groups and link is not None and not STORY_RE.search(question.lower()):
        groups = [[i] for i, _ in link(question)][:1]
    if SHARE_RE.search(question.lower()):
        groups = [sorted(g, key=lambda i: _share_rank(units.get(i, ("", None)))) for g in groups]
    elif COUNT_RE.search(question.lower()):  # "hoeveel Wmo-cliënten zijn er": the count, not the rate
        groups = [sorted(g, key=lambda i: units.get(i, ("", None))[0] != "count") for g in groups]
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
    u = follow_up(prev, u)
    if not u.areas and not u.clarify and not u.unknown_area and context_area and u.kind not in ("term", "top"):
        u.areas = [context_area]
    return u


def _share_rank(unit: tuple[str, str | None]) -> int:
    """For "hoeveel procent ... is Wmo-cliënt": a percentage first, then a count that has a base, then rates."""
    return 0 if unit[0] == "percent" else 1 if unit[0] == "count" and unit[1] else 2


def _set_share(u: Understanding, question: str, units: dict[str, tuple[str, str | None]]) -> None:
    if not SHARE_RE.search(question.lower()):
        return
    for ind in u.indicators:
        unit, denom = units.get(ind, ("", None))
        if unit == "count" and denom:
            u.share = (ind, denom)
            # "welk deel van de inwoners is 65 of ouder": the inwoners are the base, not a second question
            u.indicators = [i for i in u.indicators if i != denom]
            return
