"""Addresses in any case: "op de prinsegracht 12", "Laan van Meerdervoort 450", "jan van nassaustraat 5";
postcodes in any case ("2511 cv") and a house number written apart from them ("postcode 2511 cv, nummer 4").

A street is a word with a street ending followed by a house number; the words before it that belong to the
street name (tussenvoegsels, "oude", a first name) are taken along. Postcodes in lowercase need a hint
("postcode", a house number or a town after them) because "2019 en" is a year and a word.
"""

from __future__ import annotations

import re

from retrieval.stories.pii_spans import Span
from retrieval.stories.pii_words import first_name_lists

STREET_SUFFIX = (
    r"(?:straat|laan|weg|kade|plein|gracht|singel|dijk|dreef|hof|park|pad|steeg|markt|baan|kant|wal"
    r"|haven|plantsoen|boulevard|ring|erf|veld|zijde|allee|poort|einde|hout|burg|berg|dam|weide|hoven|straatje"
    r"|pleintje|laantje|street|road|lane|avenue|square)"
)
_NOT_STREET = frozenset({"onderweg", "halfweg", "doorweg", "uitweg", "zijweg", "omweg", "snelweg", "binnenweg",
                         "speelpark", "parkeerplaats", "hof", "park", "weg", "markt", "baan", "kant", "dam"})
_NUMBER_UNITS = (
    r"(?!\s*(?:%|procent|jaar|jongeren|mensen|bewoners|inwoners|kinderen|keer|euro|uur|minuten|weken|dagen"
    r"|huishoudens|woningen|leden|deelnemers|gezinnen|ouderen|meldingen|per\b|km|kilometer|meter|m2|m²))"
)
_NR_WORD = r"(?:(?:huis)?nr\.?:?\s*|(?:huis)?nummer:?\s+|house number(?: is)?\s+|number\s+|no\.\s*)"
HOUSE_NR = (
    rf"(?:{_NR_WORD})?(?!(?:19|20)\d\d\b)\d{{1,5}}(?![\d]|[.,]\d)"
    r"(?:-?[A-Za-z]{1,3}\b|-[A-Z0-9]{1,4}\b|\s[A-Za-z]\b(?!\s*\w))?" + _NUMBER_UNITS
)
STREET_CORE = re.compile(
    rf"(?<![\w-])(?P<street>[^\W\d_]{{2,}}{STREET_SUFFIX})\s+(?P<nr>{HOUSE_NR})", re.IGNORECASE
)
# "Laan van Meerdervoort 450", "Plein 1813 4": the street word comes first.
STREET_FIRST = re.compile(
    rf"(?<![\w-])(?:Laan|Plein|Weg|Straat|Kade|Lange|Korte)\s+(?:(?:van|de|der|den|het|ter|ten|'t)\s+)+"
    rf"[^\W\d_]+(?-i:(?:[\s-][A-Z][^\W\d_]+){{0,3}})\s+{HOUSE_NR}", re.IGNORECASE
)
_STREET_LEAD = frozenset({
    "van", "de", "der", "den", "het", "ter", "ten", "'t", "prins", "prinses", "koning", "koningin", "burgemeester",
    "burg.", "dokter", "dr.", "generaal", "graaf", "gravin", "sint", "st.", "oude", "nieuwe", "korte", "lange",
    "hoge", "lage", "groot", "klein", "eerste", "tweede", "derde", "1e", "2e", "3e", "johan", "jan", "willem",
    "paul", "pieter", "jacob", "anna", "maria", "frederik", "hendrik",
})
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}"
# Two-letter words that follow a number in running text: "2019 en", "1200 km", "2021 is".
_NOT_POSTCODE_LETTERS = frozenset({
    "en", "in", "op", "om", "of", "te", "al", "na", "nu", "ja", "is", "er", "de", "je", "we", "ze", "zo", "ik",
    "at", "on", "to", "as", "it", "by", "or", "so", "up", "no", "he", "me", "my", "be", "do", "go", "pm", "am",
    "km", "cm", "mm", "kg", "ha", "eu", "nl", "ok", "tv", "uk", "us", "an", "if", "hm", "ml", "cl", "dl", "ct",
    "ma", "di", "wo", "vr", "za", "ca", "vs",
})
POSTCODE = re.compile(rf"(?<![\w.,€-]){_POSTCODE}(?![\w])")
POSTCODE_ADDRESS = re.compile(rf"(?<![\w.,€-]){_POSTCODE},?\s+{HOUSE_NR}")
_NOT_POSTCODE_UPPER = frozenset({"EU", "NL", "OK", "TV", "KM", "CM", "MM", "KG", "PM", "AM", "ML"})
# A house number written apart: "nummer 4", "huisnr. 7a", "house number is 21", after a postcode or street.
HOUSE_NR_APART = re.compile(r"(?<![\w])(?:huis|house\s+)?(?:nummer|nr\.?|number)(?: is)?:?\s*\d{1,5}(?!\d)"
                            r"(?:-?[A-Za-z]{1,3}\b)?" + _NUMBER_UNITS, re.IGNORECASE)
HOUSE_NR_EXPLICIT = re.compile(r"(?<![\w])(?:huisnummer|huisnr\.?|house number(?: is)?):?\s*\d{1,5}(?!\d)"
                               r"(?:-?[A-Za-z]{1,3}\b)?", re.IGNORECASE)


def _postcode_ok(text: str, m: re.Match[str]) -> bool:
    letters = m.group()[-2:]
    if letters.upper() in _NOT_POSTCODE_UPPER:
        return False
    return letters.isupper() or letters.lower() not in _NOT_POSTCODE_LETTERS


def _street_start(text: str, start: int) -> int:
    """Take along the words before a street word that belong to its name ("oude haagweg", "jan van ...")."""
    words = list(re.finditer(r"[^\s]+", text[:start]))
    names = first_name_lists().plain_lower
    while words and (words[-1].group().lower() in _STREET_LEAD or words[-1].group().lower() in names) \
            and text[words[-1].end():start].isspace():
        lead = words.pop()
        if lead.group().lower() in ("de", "het") and (not words or words[-1].group().lower() in
                                                        ("op", "aan", "in", "naar", "at", "bij", "uit", "langs")):
            break  # "op de prinsegracht": the article belongs to the sentence
        start = lead.start()
    return start


def find_address_spans(text: str) -> list[Span]:
    """Street addresses, postcodes with and without a house number, house numbers near them."""
    spans = [Span("adres", m.start(), m.end()) for m in POSTCODE_ADDRESS.finditer(text) if _postcode_ok(text, m)]
    spans += [Span("adres", m.start(), m.end()) for m in STREET_FIRST.finditer(text)]
    for m in STREET_CORE.finditer(text):
        if m.group("street").lower() not in _NOT_STREET:
            spans.append(Span("adres", _street_start(text, m.start()), m.end()))
    postcodes = [Span("postcode", m.start(), m.end()) for m in POSTCODE.finditer(text) if _postcode_ok(text, m)]
    spans += postcodes
    anchors = [s.end for s in spans]
    for m in HOUSE_NR_APART.finditer(text):
        near = any(0 <= m.start() - end <= 60 and "." not in text[end:m.start()].strip(" .")[:-1] for end in anchors)
        if near or HOUSE_NR_EXPLICIT.fullmatch(m.group()):
            spans.append(Span("adres", m.start(), m.end()))
    return spans
