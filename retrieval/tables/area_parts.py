"""Parts of area names people use on their own: "Laak" for "Laakkwartier en Spoorwijk", "Rustenburg" for
"Rustenburg en Oostbroek". A part is a distinctive word of the name, or the first half of a compound word
whose second half is a generic place word (laak+kwartier, transvaal+kwartier, schilders+buurt)."""

from __future__ import annotations

import re
import unicodedata

# Words that name no place on their own: compass points, "old/new", kinds of area, little words.
GENERIC = {
    "en", "de", "het", "van", "der", "den", "s", "t", "e", "o", "eo", "aan", "op", "in", "bij", "ter", "ten",
    "noord", "zuid", "oost", "west", "midden", "noordoost", "noordwest", "zuidoost", "zuidwest", "centrum",
    "oude", "oud", "nieuwe", "nieuw", "groot", "klein", "buurt", "wijk", "kwartier", "park", "dorp", "stad",
    "binnenstad", "haven", "polder", "veld", "bedrijventerrein", "bedrijvengebied", "industrieterrein",
    "buitengebied", "verspreide", "huizen", "overig", "overige", "kern", "landelijk", "gebied", "zone",
}
# Second halves of Dutch place compounds: what is left in front is the part people say.
ADJECTIVE = ("se", "sche")  # Dutch adjectives of place names: Haagse, Scheveningse, Amsterdamse
CONNECT = {"en", "e", "o", "eo", "van", "de", "der", "den", "het", "aan", "op", "in", "bij", "ter", "ten", "s", "t"}
SUFFIXES = ("kwartier", "buurt", "wijk", "park", "haven", "dorp", "polder", "veld", "eiland", "plein", "terrein")
MIN_PART = 4


def normalize(text: str) -> str:
    """'Wijk 36 Moerwijk' -> 'moerwijk'; 'de Schilderswijk' -> 'schilderswijk'; accents dropped."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^(wijk|buurt)\s+\d+\s+", "", s.strip())
    s = re.sub(r"^(de|het|t|the)\s+", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()



def name_parts(norm: str) -> set[str]:
    """The parts of one normalized name that may stand for it: a distinctive word, the stem of a compound,
    or a run of words ('oostelijke eilanden' of 'Oostelijke Eilanden/Kadijken')."""
    words = norm.split()
    parts: set[str] = set(_runs(words))
    for w in words:
        if w in GENERIC or len(w) < MIN_PART or w.isdigit() or (len(words) > 1 and w.endswith(ADJECTIVE)):
            continue  # 'Haagse' in 'Haagse Bos' names the city as much as this area: no part on its own
        if len(words) > 1:
            parts.add(w)
        for suffix in SUFFIXES:
            stem = w[: -len(suffix)]
            if w.endswith(suffix) and len(stem) >= MIN_PART and stem not in GENERIC:
                parts.add(stem)
    return parts


_ELIDED = re.compile(rf"(\w+)-\s*(?:en\s+|/\s*)(\w+?)({'|'.join(SUFFIXES)})\b")


def elided_parts(name: str) -> set[str]:
    """Whole names inside a Dutch elision: 'Bomen- en Bloemenbuurt' holds 'bomenbuurt' and 'bloemenbuurt',
    'Sloter-/Riekerpolder' holds 'sloterpolder' and 'riekerpolder'."""
    low = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    out: set[str] = set()
    for first, second, suffix in _ELIDED.findall(low):
        out |= {first + suffix, second + suffix}
    return out


def _runs(words: list[str]) -> list[str]:
    """Runs of two or more words inside a longer name, holding a distinctive word, not ending in 'en'."""
    out = []
    for size in range(2, len(words)):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            if run[0] not in ("en", "e", "o", "eo") and run[-1] not in CONNECT and any(
                    w not in GENERIC and len(w) >= MIN_PART and not w.isdigit() for w in run):
                out.append(" ".join(run))
    return out


def part_keys(phrase: str) -> list[str]:
    """The keys a phrase is looked up under: a distinctive word, or a run of words holding one."""
    words = phrase.split()
    if len(words) > 1:
        return [phrase] if any(w not in GENERIC and len(w) >= MIN_PART and not w.isdigit() for w in words) else []
    if phrase in GENERIC or len(phrase) < MIN_PART or phrase.isdigit():
        return []
    return [phrase]
