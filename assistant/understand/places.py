"""Areas named in free text: codes, names, everyday names, parts of names and typos, kept in their gemeente."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.understand.lexicon import AREA_ALIASES, INDICATOR_WORDS, THEME_WORDS
from retrieval.tables.areas import AreaIndex, AreaRef, Match, area_index, normalize

CODE_RE = re.compile(r"\b(?:GM\d{4}|WK\d{6}|BU\d{8}|NL00|SD\d{6})\b")
NAME_AFTER_RE = re.compile(r"\b(?:in|wijk|buurt|voor|van|for|of)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_STOP_CAPS = {"Is", "Wat", "Hoeveel", "Welke", "Hoe", "Waarom", "En", "Ik", "What", "How", "Which", "The",
              "WMO", "Wmo", "CBS", "Nederland", "Den", "In", "Een", "De", "Het"}
TOP_LEVELS = ("gemeente", "land")


@dataclass
class Places:
    areas: list[AreaRef] = field(default_factory=list)
    clarify: list[AreaRef] = field(default_factory=list)
    unknown: str | None = None
    loose: bool = False  # the ask-back is about a part of a name or a typo, not a whole name


def find_places(refs: list[AreaRef], text: str, context: list[AreaRef] | None = None) -> Places:
    """Areas named in the text. A loose match outside the gemeente the question (or `context`) names is
    asked back, and so is a name found in two gemeenten."""
    index = area_index(refs)
    out = Places()
    out.areas = [index.ref_by_code[c] for c in CODE_RE.findall(text.upper()) if c in index.ref_by_code]
    matches, used = _matches(index, text)
    named = {index.gemeente[r.code] for _, m in matches for r in m.refs if r.level == "gemeente"}
    around = named or {index.gemeente[a.code] for a in context or [] if a.code in index.gemeente}
    flat = normalize(text)
    for phrase, m in matches:
        if _buurt_also_wijk(index, flat, phrase, m):
            both = index.by_name[phrase]
            if not any(r in out.areas for r in both):  # a code in the question ("… (BU05181041)") already chose
                out.clarify.extend(both)  # "de buurt Zorgvliet": the wijk or the buurt? ask
            continue
        _place(index, m, named, around, out)
    out.areas = _dedupe(out.areas)
    if not out.clarify and all(a.level in TOP_LEVELS for a in out.areas):
        out.unknown = _unknown_name(text, used)
    return out


def _matches(index: AreaIndex, text: str) -> tuple[list[tuple[str, Match]], set[str]]:
    """Longest phrases first (four words down to one), never overlapping."""
    tokens = normalize(text).split()
    flat = normalize(text.replace("-", " HYPHEN ").replace("/", " HYPHEN "))
    capitals = {normalize(w) for w in re.findall(r"[\w']+", text) if w[:1].isupper()}
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, Match]] = []
    for size in (4, 3, 2, 1):
        for i in range(len(tokens) - size + 1):
            if any(a < i + size and i < b for a, b in taken):
                continue
            phrase = " ".join(tokens[i : i + size])
            m = _lookup(index, phrase)
            bare = normalize(phrase)  # "de hoge" is "hoge": the article does not make it a name
            if m is not None and m.how == "part" and bare not in capitals and len(bare) < 7:
                m = None  # a part of a name only when written as a name: "Laak", not "hoog" or "does"
            if m is not None and m.how != "code" and _joined(flat, phrase):
                m = Match(m.refs, "fragment")
            if m is not None:
                taken.append((i, i + size))
                found.append((phrase, m))
    return found, {t for a, b in taken for t in tokens[a:b]}


def _lookup(index: AreaIndex, phrase: str) -> Match | None:
    code = AREA_ALIASES.get(phrase)
    if code and code in index.ref_by_code:
        return Match([index.ref_by_code[code]], "name")
    # typos only for longer single words: short words are too often ordinary words
    return index.match(phrase, fuzzy=len(phrase) >= 7 and " " not in phrase)


def _joined(flat: str, phrase: str) -> bool:
    """The phrase is one half of a hyphenated name the question wrote: 'slotermeer-noordoost'."""
    words = phrase.replace(" ", " (?:hyphen )?")
    return bool(re.search(rf"(?:^| )\w+ hyphen {words}(?: |$)|(?:^| ){words} hyphen \w+(?: |$)", flat))


def _place(index: AreaIndex, m: Match, named: set[str], around: set[str], out: Places) -> None:
    hits = m.refs
    if around and m.how != "code":
        inside = [r for r in hits if r.level in TOP_LEVELS or index.gemeente[r.code] in around]
        if inside:
            hits = inside
        elif m.loose or named:  # a part of a name, a typo, or a whole name in another city than the one named
            out.clarify.extend(hits)
            out.loose = True
            return
    if m.how == "fragment" or (m.loose and len(hits) > 1):
        out.clarify.extend(hits)  # "Slotermeer-Noordoost" is not "Noordoost": ask, never slide
        out.loose = True
    elif len({index.gemeente[r.code] for r in hits}) > 1:
        out.clarify.extend(hits)  # the same name in two gemeenten: ask which
    elif m.how == "alias":
        out.areas.extend(hits)  # "de Pijp": all CBS areas the everyday name covers
    elif len({r.parent_code for r in hits}) > 1:
        out.clarify.extend(hits)
    else:
        out.areas.append(hits[0])


def _buurt_also_wijk(index: AreaIndex, flat: str, phrase: str, m: Match) -> bool:
    """The question says 'buurt X' (or 'neighbourhood X') and X names both a wijk and a buurt: a wijk wins by
    default, but not against the word the user wrote."""
    if m.how != "name" or not re.search(rf"\b(?:buurt|neighbourhood|neighborhood) {re.escape(phrase)}\b", flat):
        return False
    levels = {r.level for r in index.by_name.get(phrase, [])}
    return {"wijk", "buurt"} <= levels


def _unknown_name(text: str, used: set[str]) -> str | None:
    """A capitalised name after 'in', 'wijk', … that linked to nothing: 'Moerwijk' in 'in Moerwijk (Den Haag)'."""
    for m in NAME_AFTER_RE.finditer(text):
        name = m.group(1)
        words = normalize(name).split()
        if name.split()[0] in _STOP_CAPS or not words or set(words) & used:
            continue
        if any(w in INDICATOR_WORDS or w in THEME_WORDS for w in words):
            continue
        return name
    return None


def _dedupe(refs: list[AreaRef]) -> list[AreaRef]:
    seen: dict[str, AreaRef] = {}
    for r in refs:
        seen.setdefault(r.code, r)
    return list(seen.values())
