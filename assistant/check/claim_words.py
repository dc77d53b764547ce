"""Word lists the number checker reads: written numbers, fractions, ratios and direction words."""

from __future__ import annotations

import re

# "een" (Dutch article) and "one" (pronoun) are numbers only inside a fraction or ratio phrase;
# on their own they are far more often not a number, so WORD_NUMBERS leaves them out.
WORD_NUMBERS: dict[str, int] = {
    "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}

def _tens() -> dict[str, int]:
    """21-99 written out: 'eenentwintig', 'drieëntwintig', 'vijfenveertig', 'forty-five', 'thirty'."""
    units_nl = {"een": 1, "één": 1, **{k: v for k, v in WORD_NUMBERS.items() if 2 <= v <= 9 and k.isascii()}}
    units_en = {"one": 1, **{k: v for k, v in WORD_NUMBERS.items() if 2 <= v <= 9 and k.isascii()}}
    tens_nl = {"dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
               "negentig": 90}
    tens_en = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
    out = {**tens_nl, **tens_en}
    for ten_word, ten in {"twintig": 20, **tens_nl}.items():
        for unit_word, unit in units_nl.items():
            out[f"{unit_word}en{ten_word}"] = ten + unit  # 'tweeentwintig', as people type it
            out[f"{unit_word}ën{ten_word}"] = ten + unit  # 'tweeëntwintig'
    for ten_word, ten in {"twenty": 20, **tens_en}.items():
        for unit_word, unit in units_en.items():
            if unit_word in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "one"):
                out[f"{ten_word}-{unit_word}"] = ten + unit
    return out


WORD_NUMBERS.update(_tens())
PHRASE_NUMBERS: dict[str, int] = {
    **WORD_NUMBERS, "een": 1, "one": 1, "honderd": 100, "hundred": 100, "duizend": 1000, "thousand": 1000,
}


def _alternation(words: dict[str, int]) -> str:
    # Longest first, so "zeventien" is not read as "zeven".
    return "|".join(sorted(words, key=len, reverse=True))


WORD_RE = _alternation(WORD_NUMBERS)
PHRASE_WORD_RE = _alternation(PHRASE_NUMBERS)

# Fixed fractions, most specific first; values are percentages.
FIXED_FRACTIONS: list[tuple[str, float]] = [
    (r"\b(?:drie\s?kwart|three[\s-]quarters)\b", 75.0),
    (r"\b(?:twee\s+derde|two[\s-]thirds)\b", 200 / 3),
    (r"\b(?:een|één|a|one)\s+kwart\b|\b(?:a|one)\s+quarter\b", 25.0),
    (r"\b(?:een|één|a|one)[\s-]derde\b|\b(?:a|one)[\s-]third\b", 100 / 3),
    (r"\b(?:de\s+)?helft\b|\bhalf\s+(?:of|the)\b", 50.0),
]

# Ratio phrases with a fixed value ("twice as high", "half zo hoog").
FIXED_RATIOS: list[tuple[str, float]] = [
    (r"\b(?:twice|double)\s+(?:as|the)\b|\bdubbel\s+zo\b|\btweemaal\s+zo\b", 2.0),
    (r"\bdriemaal\s+zo\b", 3.0),
    (r"\bhalf\s+(?:zo|as)\b", 0.5),
]
# "<n> keer zo hoog", "1,5 keer hoger", "three times as many".
RATIO_TAIL = (
    r"\s*(?:keer|maal|x)\s+(?:zo\b|zoveel|meer\b|hoger|groter|vaker)"
    r"|\s+times\s+(?:as|higher|more|larger|the)\b"
)

# Direction words. "meer/minder dan <number>" is a size qualifier, not a comparison: see checks.
UP_WORDS = (
    r"hoger|hogere|meer|gestegen|stijgt|steeg|stegen|stijging|toegenomen|toename|gegroeid|groeide"
    r"|bovengemiddeld|higher|more|rose|risen|rises|increased|increases|increase|grew|grown|above-average"
)
DOWN_WORDS = (
    r"lager|lagere|minder|gedaald|daalt|daalde|daalden|daling|gezakt|zakte|afgenomen|afname"
    r"|ondergemiddeld|lower|less|fewer|fell|fallen|falls|decreased|decreases|decrease|declined|dropped"
    r"|below-average"
)
UP_RE = re.compile(rf"\b(?:{UP_WORDS})\b|\bboven\s+(?:\w+\s+){{0,3}}?gemiddelde\b"
                   rf"|\babove\s+(?:\w+\s+){{0,3}}?average\b", re.IGNORECASE)
DOWN_RE = re.compile(rf"\b(?:{DOWN_WORDS})\b|\bonder\s+(?:\w+\s+){{0,3}}?gemiddelde\b"
                     rf"|\bbelow\s+(?:\w+\s+){{0,3}}?average\b", re.IGNORECASE)
NEGATION_RE = re.compile(r"\b(?:niet|geen|not|no)\s+(?:\w+\s+)?$", re.IGNORECASE)
QUALIFIER_RE = re.compile(r"^\s+(?:dan|than)\s+(?:[+\-−]?\d|(?:" + PHRASE_WORD_RE + r")\b)", re.IGNORECASE)

# Words right before a bare number that say it is a year ("in 2021", "sinds 2019", "(2021)").
MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|january|february|march|may|june|july|august|october|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
YEAR_BEFORE_RE = re.compile(
    r"(?:\b(?:in|sinds|tot|vanaf|van|tussen|en|t/m|jaar|peiljaar|per|eind|begin|medio|na|voor"
    r"|since|until|from|between|and|to|by|year|of|during|" + MONTHS + r")\s+|\(\s?|\d{4}\s?[-–/]\s?)$",
    re.IGNORECASE,
)
YEAR_AFTER_RE = re.compile(r"^(?:\s?[-–/]\s?\d{4}\b|\s?\))")

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset({
    "o.a.", "bijv.", "bv.", "b.v.", "ca.", "nr.", "d.w.z.", "t.o.v.", "m.b.t.", "i.p.v.", "e.d.",
    "resp.", "incl.", "excl.", "vgl.", "evt.", "gem.", "mr.", "dr.", "drs.", "ir.", "mevr.", "dhr.",
    "blz.", "jl.", "a.s.", "e.g.", "i.e.", "vs.", "approx.", "no.", "st.", "prof.",
})

# Bound words right before a number: the fact must lie strictly beyond it ("ruim 11%" needs > 11).
BOUND_OVER_RE = re.compile(r"\b(?:meer\s+dan|ruim|boven\s+de|more\s+than|over|above)\s+$", re.IGNORECASE)
BOUND_UNDER_RE = re.compile(
    r"\b(?:minder\s+dan|bijna|nog\s+geen|onder\s+de|less\s+than|fewer\s+than|nearly|almost|under|below)\s+$",
    re.IGNORECASE,
)
