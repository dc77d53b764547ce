"""Birth dates: only a date tied to a birth word is personal ("geboren op 3 mei 1962", "ik ben op 3 mei 1962
geboren", "born March 12, 1990", "jarig op 9 augustus"); a meeting date ("op 3 mei hadden we ...") stays."""

from __future__ import annotations

import re

from retrieval.stories.pii_spans import Span

_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|january|february|march|may|june|july|august|october"
    r"|jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.?"
)
_DAY_WORDS = (
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien"
    r"|zeventien|achttien|negentien|twintig|eenentwintig|tweeëntwintig|drieëntwintig|vierentwintig"
    r"|vijfentwintig|zesentwintig|zevenentwintig|achtentwintig|negenentwintig|dertig|eenendertig"
    r"|eerste|tweede|derde|vierde|vijfde)"
)
_YEAR = r"(?:(?:19|20)\d{2}(?!\d)|(?:negentien|twintig)honderd[^\W\d_]*|tweeduizend[^\W\d_]*)"
_DAY = rf"(?:\d{{1,2}}(?:e|ste|de|st|nd|rd|th)?|{_DAY_WORDS})"
DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?!\d)|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|(?:de\s+)?{_DAY}\s+(?:van\s+)?{_MONTHS}(?:,?\s+{_YEAR})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}(?!\d))"
)
_BIRTH_WORD = (r"(?:geboren|geb\.?\s?datum|geb\.|geboortedatum|geboortedag|date of birth|birth date|birthday"
               r"|born|d\.o\.b\.?|dob|verjaardag|jarig)")
# "geboren op 3 mei 1962", "geb. 7 okt. 1955", "born on 12 March 1990", "jarig op 9 augustus"
BIRTH_AFTER = re.compile(
    rf"\b{_BIRTH_WORD}(?:\s+(?!\d)[^\W\d_]+){{0,3}}?\s*[:=]?\s*(?:(?:is|was)\s+)?(?:op\s+|on\s+)?(?P<date>{DATE})",
    re.IGNORECASE,
)
# "ik ben op 3 mei 1962 geboren", "werd op 17 september 1999 geboren"
BIRTH_BEFORE = re.compile(
    rf"(?<![\w-])(?P<date>{DATE})(?:\s+[^\W\d_]+){{0,2}}\s+(?:geboren|born)\b", re.IGNORECASE
)
# "mijn zoon is van 21 juni 2011", "ik ben van 12-03-1985": a full date after "is/ben van" is a birth date.
BIRTH_IS_VAN = re.compile(
    rf"\b(?:is|ben|zijn|was)\s+van\s+(?P<date>{DATE})", re.IGNORECASE
)


def find_birth_date_spans(text: str) -> list[Span]:
    """Dates tied to a birth word, before or after it."""
    spans = []
    for pattern in (BIRTH_AFTER, BIRTH_BEFORE, BIRTH_IS_VAN):
        for m in pattern.finditer(text):
            if pattern is BIRTH_IS_VAN and not re.search(r"\d{4}|honderd|duizend", m.group("date")):
                continue
            spans.append(Span("geboortedatum", m.start("date"), m.end("date")))
    return spans
