"""Areas named in free text: codes, names, everyday names, parts of names and typos, kept in their gemeente."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.understand.lexicon import AREA_ALIASES, INDICATOR_WORDS, THEME_WORDS
from assistant.understand.patterns import EN_WORDS, NL_WORDS
from assistant.understand.places_missed import missed_names, whole_word
from retrieval.tables.areas import AreaIndex, AreaRef, Match, area_index, normalize

CODE_RE = re.compile(r"\b(?:GM\d{4}|WK\d{6}|BU\d{8}|NL00|SD\d{6})\b")
# a name after a word that introduces a place: "in Moerwijk", "heeft Zonnewijk", "gaat het met Lombok"
NAME_AFTER_RE = re.compile(r"\b(?:in|wijk|buurt|voor|van|for|of|heeft|telt|met|over|rond|naar|has|with|about|"
                           r"around)\s+([A-Z][\w'-]+(?:\s+(?:(?:en|van|de|der|den|aan|op)\s+)?[A-Z][\w'-]+)?)")
# "Wijk 12 Bomen- en Bloemenbuurt": CBS's number prefix anywhere in the question
PREFIX_RE = re.compile(r"\b(?:wijk|buurt)\s+\d{1,3}\s+(?=[^\W\d])", re.IGNORECASE)
# ordinary words of a question: never read as a typo of a name ("wonen" is not "Wonen-Oost")
VOCABULARY = frozenset({w for phrase in [*INDICATOR_WORDS, *THEME_WORDS] for w in phrase.split()}
                       | NL_WORDS | EN_WORDS | {"inwoners", "hoeveel", "zitten", "staan", "wonen", "woont",
                                                "procent", "percentage", "gemiddeld", "gemiddelde", "telt"})
MAX_WORDS = 8  # the longest CBS names people write in full: "Bijlmer Oost (E,G,K)"
_STOP_CAPS = {"Is", "Wat", "Hoeveel", "Welke", "Hoe", "Waarom", "En", "Ik", "What", "How", "Which", "The",
              "WMO", "Wmo", "CBS", "Nederland", "Den", "In", "Een", "De", "Het"}
TOP_LEVELS = ("gemeente", "land")


@dataclass
class Places:
    areas: list[AreaRef] = field(default_factory=list)
    clarify: list[AreaRef] = field(default_factory=list)
    unknown: str | None = None
    loose: bool = False  # the ask-back is about a part of a name or a typo, not a whole name
    read_as: list[tuple[str, AreaRef, str]] = field(default_factory=list)  # (said, area, "typo" | "wijk")
    missed: list[str] = field(default_factory=list)  # names that linked to nothing beside areas that did


def find_places(refs: list[AreaRef], text: str, context: list[AreaRef] | None = None) -> Places:
    """Areas named in the text. A loose match outside the gemeente the question (or `context`) names is
    asked back, and so is a name found in two gemeenten."""
    index = area_index(refs)
    out = Places()
    text = PREFIX_RE.sub("", text)
    out.areas = [index.ref_by_code[c] for c in CODE_RE.findall(text.upper()) if c in index.ref_by_code]
    matches, used = _matches(index, text)
    named = {index.gemeente[r.code] for _, m in matches for r in m.refs if r.level == "gemeente"}
    # a typo read as a name in another city than the one the question names is no reading: the name is unknown
    far = [(p, m) for p, m in matches
           if named and m.how == "fuzzy" and not {index.gemeente[r.code] for r in m.refs} & named]
    matches = [x for x in matches if x not in far]
    used -= {w for p, _ in far for w in normalize(p).split()}
    around = named or {index.gemeente[a.code] for a in context or [] if a.code in index.gemeente}
    flat = normalize(text)
    for phrase, m in matches:
        if _buurt_also_wijk(index, flat, normalize(phrase), m):
            both = index.by_name[normalize(phrase)]
            if not any(r in out.areas for r in both):  # a code in the question ("… (BU05181041)") already chose
                out.clarify.extend(both)  # "de buurt Zorgvliet": the wijk or the buurt? ask
            continue
        if named and m.loose and not any(index.gemeente[r.code] in named for r in m.refs):
            out.missed.append(whole_word(text, phrase))  # 'Amsterdam Nieuw-West': not West in another city
            continue
        _place(index, _level_asked(flat, phrase, m), named, around, out)
        _note(phrase, m, out)
    out.areas, out.clarify = _dedupe(out.areas), _dedupe(out.clarify)
    ordinary = VOCABULARY | {normalize(w) for w in _STOP_CAPS}
    out.missed += [n for n in missed_names(text, used, ordinary) if n not in out.missed]
    if not out.clarify and all(a.level in TOP_LEVELS for a in out.areas):
        out.unknown = out.missed[0] if out.missed else _unknown_name(text, used)
        out.missed = []
    return out


def _matches(index: AreaIndex, text: str) -> tuple[list[tuple[str, Match]], set[str]]:
    """Longest phrases first (four words down to one), never overlapping."""
    tokens = normalize(text).split()
    flat = normalize(text.replace("-", " HYPHEN ").replace("/", " HYPHEN "))
    capitals = {normalize(w) for w in re.findall(r"[\w']+", text) if w[:1].isupper()}
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, Match]] = []
    for size in range(min(index.longest, MAX_WORDS), 0, -1):
        for i in range(len(tokens) - size + 1):
            if any(a < i + size and i < b for a, b in taken):
                continue
            phrase = " ".join(tokens[i : i + size])
            bare = normalize(phrase)  # "de hoge" is "hoge": the article does not make it a name
            m = _lookup(index, phrase, bare in capitals)
            if m is not None and m.how == "part" and bare not in capitals and len(bare) < 7:
                m = None  # a part of a name only when written as a name: "Laak", not "hoog" or "does"
            if m is not None and m.how == "part" and _runs_on(text, tokens, i, i + size):
                m = Match(m.refs, "fragment")  # "Blauwe Polder" is not "Blauwe Zand": ask, never slide
            if m is not None and m.how != "code" and _joined(flat, phrase):
                m = Match(m.refs, "fragment")
            if m is not None:
                taken.append((i, i + size))
                found.append((_as_written(text, tokens, i, i + size) or phrase, m))
    return found, {t for a, b in taken for t in tokens[a:b]}


def _lookup(index: AreaIndex, phrase: str, capital: bool = False) -> Match | None:
    code = AREA_ALIASES.get(phrase)
    if code and code in index.ref_by_code:
        return Match([index.ref_by_code[code]], "name")
    # typos: a single word only when long (or written as a name), since short words are too often ordinary
    # words; a phrase of several words when one of its words is exactly a word of the name (area_fuzzy.py)
    bare = normalize(phrase)  # "het hoofd" is one word, "hoofd": never a typo of "Hooft"
    single = " " not in bare
    fuzzy = (not single) or len(bare) >= 7 or (capital and len(bare) >= 6)
    return index.match(phrase, fuzzy=fuzzy and bare not in VOCABULARY, protected=VOCABULARY)


def _as_written(text: str, tokens: list[str], start: int, end: int) -> str | None:
    """The words of tokens[start:end] as the question wrote them (case kept), when they line up."""
    words = [w for w in re.findall(r"[\w']+", text) if normalize(w)]
    if len(words) != len(tokens) or [normalize(w) for w in words] != tokens:
        return None
    return " ".join(words[start:end])


def _runs_on(text: str, tokens: list[str], start: int, end: int) -> bool:
    """The name the user wrote goes on past this part: a capitalised word right after it that is no
    ordinary word ('Blauwe Polder' when only 'Blauwe Zand' exists)."""
    words = [w for w in re.findall(r"[\w']+", text) if normalize(w)]
    if len(words) != len(tokens) or end >= len(words):
        return False
    nxt = words[end]
    return nxt[:1].isupper() and nxt not in _STOP_CAPS and normalize(nxt) not in VOCABULARY


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


def _level_asked(flat: str, phrase: str, m: Match) -> Match:
    """'buurt Statenkwartier' / 'wijk Kijkduin': the buurt or the wijk of that name, as the user wrote."""
    said = re.escape(normalize(phrase))
    if m.inside and re.search(rf"\b(?:buurt|neighbourhood|neighborhood) {said}\b", flat):
        return Match(list(m.inside), m.how)
    if m.holder and re.search(rf"\b(?:wijk|district) {said}\b", flat):
        return Match([m.holder], m.how)
    return m


def _note(phrase: str, m: Match, out: Places) -> None:
    """Say how a name was read when it was not written as CBS writes it (a typo), and which other area the
    name could mean (the wijk whose name holds a buurt's name, or the buurt inside the wijk an alias chose)."""
    hit = next((r for r in out.areas if r in m.refs), None)
    if hit is None:
        return
    phrase = re.sub(r"^(?:de|het|the)\s+", "", phrase, flags=re.IGNORECASE)
    if m.how == "fuzzy" or (m.how == "part" and normalize(phrase) != normalize(hit.name)):
        out.read_as.append((phrase, hit, "typo"))  # "Ik lees 'Zuilen' als Zuilen-Noord."
    if m.inside and hit.level == "wijk":
        out.read_as.append((phrase, hit, "wijk"))
    elif m.holder and hit.level == "buurt":
        out.read_as.append((hit.name, m.holder, "buurt"))


def reading_notices(read_as: list[tuple[str, AreaRef, str]], language: str) -> list[str]:
    nl = language != "en"
    out = []
    for said, ref, how in read_as:
        if how == "typo":
            out.append(f"Ik lees '{said}' als {ref.name}." if nl else f"I read '{said}' as {ref.name}.")
        elif how == "wijk":
            out.append(f"Met '{said}' neem ik de hele wijk {ref.name}. Vraag naar 'buurt {said}' voor alleen de "
                       f"buurt." if nl else f"For '{said}' I take the whole district {ref.name}. Ask for "
                       f"'neighbourhood {said}' for the neighbourhood alone.")
        else:
            out.append(f"Dit zijn de cijfers van de buurt {said}. Die ligt in de wijk {ref.name}. "
                       f"Vraag naar 'wijk {ref.name}' voor de hele wijk." if nl else
                       f"These are the figures of the neighbourhood {said}, part of the district {ref.name}. "
                       f"Ask for 'district {ref.name}' for the whole district.")
    return out


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
