"""Find every number a writer states, in the forms Dutch and English writers use.

A Claim keeps the raw span, the value, the unit kind and the resolution the writer used (`step`),
because the checker allows correct rounding: "11%" has step 1, "10,8%" has step 0.1, "25,3 duizend"
has step 100.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from assistant.check import claim_words as w

ClaimUnit = Literal["percent", "pp", "per_1000", "count", "euro", "ratio", "rank", "year"]


@dataclass(frozen=True)
class Claim:
    raw: str
    value: float
    unit: ClaimUnit
    start: int
    end: int
    step: float = 1.0
    # The other reading of "25.280"/"25,280" (thousands or decimal), as (value, step).
    alternatives: tuple[tuple[float, float], ...] = ()
    signed: bool = False
    # "drie op de tien", "de helft": checked with a tolerance, not by rounding (see checks).
    fraction: bool = False

    def readings(self) -> list[tuple[float, float]]:
        return [(self.value, self.step), *self.alternatives]


CITATION_RE = re.compile(r"\[\s*[FS]\d+(?:\s*[,;]\s*[FS]\d+)*\s*\]")
# Age bands belong to indicator names ("15 tot 25 jaar", "0-15-jarigen", "65-plussers"), not claims.
AGE_RE = re.compile(
    r"\b\d{1,3}\s?(?:tot(?:\s+en\s+met)?|t/m|-|–|to)\s?\d{1,3}(?:\s?jaar|-?jarigen|\s?years?)\b"
    r"|\b\d{1,3}\s?-?(?:jarigen|plussers?)\b|\b\d{1,3}\+|\b\d{1,3}\s?jaar\s+en\s+ouder\b",
    re.IGNORECASE,
)
LIST_MARKER_RE = re.compile(r"^[ \t]*\d{1,2}[.)](?=\s)", re.MULTILINE)
NUMBER_RE = re.compile(
    r"(?<![\w.,/])(?:(?P<sign>[+\-−])\s?)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
FRACTION_RE = re.compile(
    rf"\b(?P<a>{w.PHRASE_WORD_RE}|\d{{1,3}})\s+(?:op\s+(?:de|elke)|in|out\s+of|of\s+every)\s+"
    rf"(?P<b>{w.PHRASE_WORD_RE}|\d{{1,4}})\b(?![.,]\d)",
    re.IGNORECASE,
)
RATIO_RE = re.compile(
    rf"\b(?P<n>anderhalf|{w.PHRASE_WORD_RE}|\d+(?:[.,]\d+)?)(?:{w.RATIO_TAIL})", re.IGNORECASE
)
ISO_DATE_RE = re.compile(r"(?<![\w.,])((?:19|20)\d{2})-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?(?![\w%])")
WORD_RE = re.compile(rf"\b(?P<word>{w.WORD_RE})\b", re.IGNORECASE)

# Unit suffixes, tried in order (procentpunt before procent, percentage points before percent).
SUFFIXES: list[tuple[ClaimUnit, re.Pattern[str]]] = [
    # "24,5% procentpunt" (a small model mixing both) is read as procentpunt: it must then be a difference.
    ("pp", re.compile(r"\s?(?:%\s?-?\s?punt(?:en)?\b|%?\s?procent\s?punt(?:en)?\b|%?\s?percentagepunt(?:en)?\b"
                      r"|percentage[\s-]points?\b|pp\b|p\.p\.)", re.IGNORECASE)),
    ("percent", re.compile(r"\s?(?:%|procent\b|percent\b|pct\b)", re.IGNORECASE)),
    ("per_1000", re.compile(r"\s?‰|\s(?:per|op\s(?:de|elke)|in\severy|per\severy)\s"
                            r"(?:1[.,]?000|duizend|thousand)\b", re.IGNORECASE)),
    ("rank", re.compile(r"(?:ste|de|e|th|st|nd|rd)\b")),
]
MULTIPLIERS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\s(?:duizend|thousand)\b", re.IGNORECASE), 1000),
    (re.compile(r"\s(?:miljoen|million|mln\b\.?)", re.IGNORECASE), 1_000_000),
    (re.compile(r"\s(?:miljard|billion)\b", re.IGNORECASE), 1_000_000_000),
]
EURO_AFTER_RE = re.compile(r"\s?(?:euro|eur)\b", re.IGNORECASE)
EURO_BEFORE_RE = re.compile(r"(?:€|\beur|\beuro)\s?$", re.IGNORECASE)


def extract_numbers(text: str, lang: str = "nl", known_years: Collection[int] = ()) -> list[Claim]:
    """Every number claim in text; citations, list markers, age bands and years are left out.

    A bare whole number 1990–2035 is a year, not a claim, when a year word stands next to it
    ("in 2021", "sinds 2019", "2019–2021", "(2021)"), or when it is one of known_years (the years
    in the facts). Checks reads context years separately with extract_years, so a wrong year is still
    caught; a count that happens to equal a fact year ("2021 inwoners") slips through: a known gap.
    """
    return [c for c in _scan(text, lang) if c.unit != "year" and not _is_known_year(c, known_years)]


def extract_years(text: str, lang: str = "nl") -> list[Claim]:
    """The years named in context ("in 2021", "sinds 2019"); checks compares them with the facts."""
    return [c for c in _scan(text, lang) if c.unit == "year"]


def _is_known_year(claim: Claim, years: Collection[int]) -> bool:
    return claim.unit == "count" and claim.step == 1 and not claim.alternatives and claim.value in years


def _scan(text: str, lang: str) -> list[Claim]:
    masked = _mask(text)
    claims: list[Claim] = []
    taken = [False] * len(text)
    for finder in (_iso_dates, _ratios, _fractions, _digits, _words):
        for claim in finder(masked, lang):
            if not any(taken[claim.start:claim.end]):
                claims.append(replace(claim, raw=text[claim.start:claim.end]))
                taken[claim.start:claim.end] = [True] * (claim.end - claim.start)
    return sorted(claims, key=lambda c: c.start)


def _mask(text: str) -> str:
    """Blank out spans that hold digits but no claims, keeping every offset the same."""
    for pattern in (CITATION_RE, AGE_RE, LIST_MARKER_RE):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def parse_digits(num: str, lang: str) -> list[tuple[float, float]]:
    """Readings (value, step) of a digit string; the first follows lang's convention.

    One separator followed by exactly three digits is ambiguous ("25.280" is 25280 in Dutch, 25.28 in
    English); both readings are kept. Any other single separator is a decimal mark whatever the language,
    because writers copy "10.8%" into Dutch and "10,8%" into English text.
    """
    seps = [c for c in num if c in ".,"]
    parts = re.split(r"[.,]", num)
    if not seps:
        return [(float(num), 1.0)]
    if len(seps) > 1:
        if len(set(seps)) == 1:
            return [(float("".join(parts)), 1.0)]
        return [_decimal_reading("".join(parts[:-1]), parts[-1])]
    head, tail = parts
    decimal = _decimal_reading(head, tail)
    if len(tail) != 3 or head == "0":
        return [decimal]
    thousands = (float(head + tail), 1.0)
    return [thousands, decimal] if seps[0] == ("." if lang == "nl" else ",") else [decimal, thousands]


def _decimal_reading(head: str, tail: str) -> tuple[float, float]:
    return float(f"{head}.{tail}"), float(Decimal(1).scaleb(-len(tail)))


def _digits(masked: str, lang: str) -> list[Claim]:
    claims = []
    for m in NUMBER_RE.finditer(masked):
        readings = parse_digits(m.group("num"), lang)
        sign = m.group("sign")
        if sign in ("-", "−"):
            readings = [(-value, step) for value, step in readings]
        claims.append(_with_unit(masked, m.start(), m.end(), readings, signed=bool(sign)))
    return claims


def _with_unit(masked: str, start: int, end: int, readings: list[tuple[float, float]],
               signed: bool) -> Claim:
    """Read the unit after (and € before) a number, scaling 'duizend'/'miljoen'."""
    after = masked[end:end + 40]
    for suffix_unit, pattern in SUFFIXES:
        found = pattern.match(after)
        whole = not signed and len(readings) == 1 and readings[0][1] == 1
        if found and (suffix_unit != "rank" or whole):
            return _claim(start, end + found.end(), readings, suffix_unit, signed)
    unit: ClaimUnit = "count"
    for pattern, factor in MULTIPLIERS:
        found = pattern.match(after)
        if found:
            readings = [_scale(value, step, factor) for value, step in readings]
            end += found.end()
            break
    euro_after = EURO_AFTER_RE.match(masked[end:end + 10])
    euro_before = EURO_BEFORE_RE.search(masked[max(0, start - 6):start])
    if euro_after:
        end += euro_after.end()
    if euro_before:
        start -= len(euro_before.group())
    if euro_after or euro_before:
        unit = "euro"
    elif _looks_like_year(masked, start, end, readings, signed):
        unit = "year"
    return _claim(start, end, readings, unit, signed)


def _scale(value: float, step: float, factor: int) -> tuple[float, float]:
    # Decimal keeps 25,3 duizend at exactly 25300 (float gives 25300.000000000004).
    return float(Decimal(str(value)) * factor), float(Decimal(str(step)) * factor)


def _looks_like_year(masked: str, start: int, end: int, readings: list[tuple[float, float]],
                     signed: bool) -> bool:
    value, step = readings[0]
    if signed or len(readings) > 1 or step != 1 or end - start != 4 or not 1990 <= value <= 2035:
        return False
    before, after = masked[max(0, start - 12):start], masked[end:end + 8]
    return bool(w.YEAR_BEFORE_RE.search(before) or w.YEAR_AFTER_RE.match(after))


def _claim(start: int, end: int, readings: list[tuple[float, float]], unit: ClaimUnit,
           signed: bool = False, fraction: bool = False) -> Claim:
    (value, step), *rest = readings
    return Claim("", value, unit, start, end, step, tuple(rest), signed, fraction)


def _word_value(word: str) -> int:
    return w.PHRASE_NUMBERS[word.lower()]


def _iso_dates(masked: str, lang: str) -> list[Claim]:
    """'2023-05' (a story's date) is the year 2023, not 2023 and 5."""
    return [_claim(m.start(), m.end(), [(float(m.group(1)), 1.0)], "year") for m in ISO_DATE_RE.finditer(masked)]


def _ratios(masked: str, lang: str) -> list[Claim]:
    claims = []
    for pattern, value in w.FIXED_RATIOS:
        for m in re.finditer(pattern, masked, re.IGNORECASE):
            claims.append(_claim(m.start(), m.end(), [(value, 1.0)], "ratio"))
    for m in RATIO_RE.finditer(masked):
        n = m.group("n").lower()
        if n == "anderhalf":
            readings = [(1.5, 0.1)]
        elif n[0].isdigit():
            readings = parse_digits(n, lang)
        else:
            readings = [(float(_word_value(n)), 1.0)]
        claims.append(_claim(m.start(), m.end(), readings, "ratio"))
    return claims


def _fractions(masked: str, lang: str) -> list[Claim]:
    claims = []
    for pattern, value in w.FIXED_FRACTIONS:
        for m in re.finditer(pattern, masked, re.IGNORECASE):
            claims.append(_claim(m.start(), m.end(), [(value, 1.0)], "percent", fraction=True))
    for m in FRACTION_RE.finditer(masked):
        a, b = (int(x) if x.isdigit() else _word_value(x) for x in (m.group("a"), m.group("b")))
        # "in" also joins a number to a year ("3 in 2021"): only small denominators are fractions.
        if 2 <= b <= 1000 and a < b:
            claims.append(_claim(m.start(), m.end(), [(100 * a / b, 1.0)], "percent", fraction=True))
    return claims


def _words(masked: str, lang: str) -> list[Claim]:
    return [_with_unit(masked, m.start(), m.end(), [(float(_word_value(m.group())), 1.0)], signed=False)
            for m in WORD_RE.finditer(masked)]
