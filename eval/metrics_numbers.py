"""The eval's own number extractor for Dutch and English answer text (independent of assistant/checks.py).

It finds the numbers a reader takes as claims: values, percentages, procentpunten, per-1.000 rates,
ranks ("6e", "2nd"), ratios ("1,5 keer") and "1 op de 5". It skips what is not a figure: citation ids,
years, ages ("tot 15 jaar", "65-plussers"), bases ("per 1.000", "van elke 100") and wijk numbers in CBS
names ("Wijk 36 Moerwijk").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CITATION_RE = re.compile(r"\[\s*[FS]\d+(?:\s*[,;]\s*[FS]?\d+)*\s*\]")
NUMBER_RE = re.compile(r"(?<![\w.,/-])(?P<sign>[+\-−–]\s?)?(?P<euro>€\s?)?(?P<num>\d+(?:[.,]\d+)*)")
ONE_IN_RE = re.compile(r"\b(?:1|één|een|one)\s+(?:op|in|out of)\s+(?:de\s+|elke\s+|every\s+)?(\d+)\b", re.I)
UNIT_PATTERNS = [
    ("pp", re.compile(r"\s*(?:procentpunten|procentpunt|percentagepunten|percentagepunt|percentage[- ]points?"
                      r"|pp\b|%-punt)", re.I)),
    ("%", re.compile(r"\s*(?:%|procent\b|percent\b)", re.I)),
    ("per1000", re.compile(r"\s*(?:per|op de|op elke|for every)\s*1[.,]?000\b", re.I)),
    ("times", re.compile(r"\s*(?:keer|maal|times)\b", re.I)),
    # a natural frequency is a percentage: "ongeveer 18 van de 100 jongeren", "about 24 in every 100"
    ("%", re.compile(r"\s+(?:van de|op de|op elke|in every|out of every|of every)\s+100\b(?![.,]\d)", re.I)),
    ("rank", re.compile(r"(?:e|de|ste|st|nd|rd|th)\b(?!\s*(?:jaar|years?))", re.I)),
]
SCALE_RE = re.compile(r"\s*(duizend|thousand|miljoen|million)\b", re.I)
SKIP_AFTER = re.compile(r"\s*(?:-|\s)?(?:jaar|jarige|jarigen|years?|year-olds?|plussers?|plus\b|\+|uur\b|"
                        r"(?:or|en|of) (?:over|older|ouder)\b|"
                        r"(?:tot|t/m|-|–|en|to|and)\s*\d+\s*(?:jaar|years?))", re.I)
SKIP_BEFORE = re.compile(r"(?:\b(?:stap|step|vraag|per|aged|age|elke|every|wijk|WK|BU|GM|F|S))\s*$", re.I)
# "892 van de 11.113", "13 op de 1.000": a base, not a claim
BASE_BEFORE = re.compile(r"\b(?:van de|op de|out of)\s*$", re.I)
LICENCE_RE = re.compile(r"CC[ -]BY(?:[ -](?:SA|NC|ND))*\s*\d(?:[.,]\d)?", re.I)
YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class NumToken:
    value: float
    decimals: int
    unit: str  # "" | "%" | "pp" | "per1000" | "times" | "rank" | "euro" | "one_in"
    text: str
    start: int
    signed: bool = False


def strip_citations(text: str) -> str:
    """Citation ids and licence versions ('CC BY 4.0') are not figures."""
    return LICENCE_RE.sub(" ", CITATION_RE.sub(" ", text))


def parse_number(raw: str, lang: str) -> tuple[float, int] | None:
    """'35.542' -> (35542, 0) in Dutch; '10,8' -> (10.8, 1); '10.8' -> (10.8, 1); English mirrors it."""
    seps = re.findall(r"[.,]", raw)
    if not seps:
        return float(raw), 0
    groups = re.split(r"[.,]", raw)
    thousands = "." if lang == "nl" else ","
    if len(set(seps)) == 2:
        dec_sep = seps[-1]
    elif len(seps) > 1:
        dec_sep = None if all(len(g) == 3 for g in groups[1:]) else seps[-1]
    elif len(groups[1]) == 3 and seps[0] == thousands:
        dec_sep = None
    else:
        dec_sep = seps[0]
    if dec_sep is None:
        return float("".join(groups)), 0
    whole, _, frac = raw.rpartition(dec_sep)
    whole = re.sub(r"[.,]", "", whole)
    try:
        return float(f"{whole}.{frac}"), len(frac)
    except ValueError:
        return None


def _unit(after: str, euro: bool) -> tuple[str, str]:
    """(unit, matched text) for what follows the number."""
    for unit, pattern in UNIT_PATTERNS:
        m = pattern.match(after)
        if m:
            return unit, m.group(0)
    return ("euro" if euro else ""), ""


def _skipped(text: str, m: re.Match[str], value: float, decimals: int, unit: str, bases: bool) -> bool:
    before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 24]
    if SKIP_BEFORE.search(before) or SKIP_AFTER.match(after) or (not bases and BASE_BEFORE.search(before)):
        return True
    if re.match(r"[A-Za-z]", after) and unit != "rank":
        return True  # part of a code such as 84583NED
    is_year = decimals == 0 and not unit and 1950 <= value <= 2049 and "." not in m.group("num")
    return is_year and "," not in m.group("num")


def extract_numbers(text: str, lang: str = "nl", bases: bool = False) -> list[NumToken]:
    """All figure-like numbers in text, citations removed first.

    A base ("van de 11.113", "out of 20") is no claim to check, but an answer that states it does cover an
    expected denominator: coverage asks with bases=True.
    """
    clean = strip_citations(text)
    out: list[NumToken] = []
    for m in ONE_IN_RE.finditer(clean):
        out.append(NumToken(float(m.group(1)), 0, "one_in", m.group(0), m.start()))
    taken = {i for m in ONE_IN_RE.finditer(clean) for i in range(m.start(), m.end())}
    for m in NUMBER_RE.finditer(clean):
        if m.start("num") in taken:
            continue
        parsed = parse_number(m.group("num"), lang)
        if parsed is None:
            continue
        value, decimals = parsed
        after = clean[m.end():]
        unit, matched = _unit(after, bool(m.group("euro")))
        if _skipped(clean, m, value, decimals, unit, bases):
            continue
        scale = SCALE_RE.match(after[len(matched):] if unit else after)
        if scale:
            value *= 1_000_000 if scale.group(1).lower() in ("miljoen", "million") else 1000
        sign = m.group("sign") or ""
        value = -value if sign.strip() in ("-", "−", "–") else value
        out.append(NumToken(value, decimals, unit, m.group(0) + matched, m.start(), bool(sign.strip())))
    return sorted(out, key=lambda t: t.start)


def years_in(text: str) -> set[int]:
    return {int(y) for y in YEAR_RE.findall(strip_citations(text))}


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet lines; a period inside a number (10.8, 35.542) does not split."""
    parts: list[str] = []
    for line in strip_markdown(text).splitlines():
        parts += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(ÀÉ€+\-])", line) if s.strip()]
    return parts


def strip_markdown(text: str) -> str:
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"^\s*(?:[-•]|\d{1,2}[.)])\s+", "", text, flags=re.M)  # bullets and numbered-list markers
