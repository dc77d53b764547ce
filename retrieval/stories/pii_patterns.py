"""Pattern detectors for numeric and contact PII: e-mail, phone, BSN, IBAN, birth date, address, postcode.

Each detector returns spans in the original text; retrieval/pii.py resolves overlaps and redacts.
Detectors validate what a checksum or a format can prove (elfproef, mod-97, 10-digit numbers) so that
statistics such as 10,8%, 71 per 1.000, € 1.250 and 2019 are never touched: the answer checker relies on
story numbers being intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())


@dataclass(frozen=True)
class Span:
    """A stretch of the original text that holds one piece of personal data."""

    kind: str
    start: int
    end: int


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")

# A Dutch number is 0 + 9 digits; international forms replace the 0 by +31/0031 and may keep "(0)".
PHONE = re.compile(
    r"(?<![\w+\-/.,])"
    r"(?:(?:\+|00)31[ \-.]?(?:\(0\)[ \-.]?)?|\(0\d{1,3}\)[ \-.]?|0)"
    r"\d(?:(?:[ .]|\s?[-–]\s?)?\d){5,9}(?![\w]|[.,]\d)"
)

BSN = re.compile(
    r"(?<![\w.,€])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3}|\d{3}([ .])\d{2}\3\d{2}\3\d{2})"
    r"(?![\w]|[.,]\d)"
)

IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.IGNORECASE)

_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?!\d)|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|\d{{1,2}}\s+{_MONTHS}(?:\s+(?:19|20)\d{{2}})?)"
)
# Only a date after a birth word is a birth date; a meeting date stays readable.
BIRTH_DATE = re.compile(
    r"\b(?:geboren|geb\.?\s?datum|geb\.|geboortedatum|date of birth|born|d\.o\.b\.)"
    rf"(?:\s+(?!\d)[^\W\d_]+){{0,3}}\s*[:=]?\s*(?:op\s+|on\s+)?(?P<date>{_DATE})",
    re.IGNORECASE,
)

_NUMBER_UNITS = (
    r"(?!\s*(?:%|procent|jaar|jongeren|mensen|bewoners|inwoners|kinderen|keer|euro|uur|minuten"
    r"|huishoudens|woningen|leden|deelnemers|gezinnen|ouderen|meldingen|per\b))"
)
_NR_WORD = r"(?:(?:huis)?nr\.?\s*|(?:huis)?nummer\s+)"
_HOUSE_NR = (
    _NR_WORD + r"?(?!(?:19|20)\d\d\b)\d{1,5}(?!\d)"
    r"(?:-?[A-Za-z]{1,3}\b|-[A-Z0-9]{1,4}\b|\s[A-Za-z]\b(?!\s*\w))?" + _NUMBER_UNITS
)
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS|EU|NL|OK|TV)[A-Z]{2}"
POSTCODE_ADDRESS = re.compile(rf"(?<![\w.,]){_POSTCODE}(?:,?\s*){_NR_WORD}?"
                              rf"\d{{1,5}}(?!\d)(?:-?[A-Za-z]{{1,3}}\b)?{_NUMBER_UNITS}")
POSTCODE = re.compile(rf"(?<![\w.,]){_POSTCODE}(?![\w])")

_STREET_SUFFIX = (
    r"(?:straat|laan|weg|kade|plein|gracht|singel|dijk|dreef|hof|park|pad|steeg|markt|baan|kant|wal"
    r"|haven|plantsoen|boulevard|ring|erf|veld|zijde|allee|poort|einde|hout|burg|berg|dam|weide|hoven)"
)
_PREFIX_WORD = (
    r"(?:Prins|Prinses|Koning|Koningin|Burgemeester|Burg\.|Dokter|Dr\.|Generaal|Graaf|Gravin|Sint|St\."
    r"|Oude|Nieuwe|Korte|Lange|Hoge|Lage|Groot|Klein|Eerste|Tweede|Derde|1e|2e|3e|Van)"
)
_NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:-[^\W\d_]+)*"
_TUSSEN = r"(?:van|de|der|den|het|ter|ten|'t)"
# "Jan van Nassaustraat", "Paul Krugerlaan": a capitalised word (and tussenvoegsels) may open a street.
_NOT_OPENER = r"(?:Op|In|Aan|Bij|Naar|Langs|Uit|Over|Tot|Voor|Achter|Om|De|Het|Een|Die|Deze|Ik|Zij|Hij|We|Wij)"
_OPENER = rf"(?:(?!{_NOT_OPENER}\b){_NAME_WORD}\s+(?:{_TUSSEN}\s+)*)"
STREET_ADDRESS = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?:Laan|Plein|Weg|Straat|Kade)\s+(?:{_TUSSEN}\s+)+{_NAME_WORD}(?:[\s-]{_NAME_WORD})?"
    rf"|(?:{_PREFIX_WORD}\s+(?:{_TUSSEN}\s+)*)*{_OPENER}?[{UPPER}][^\W\d_]*{_STREET_SUFFIX}"
    rf")\s+{_HOUSE_NR}"
)


def elfproef(digits: str) -> bool:
    """The BSN 11-check: weights 9..2 and -1 must sum to a multiple of 11."""
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97 check on an IBAN with or without spaces."""
    compact = re.sub(r"\s", "", candidate).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _phone_valid(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.lstrip().startswith("+"):
        digits = "00" + digits
    if digits.startswith("0031"):
        rest = digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def _looks_like_amount(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3):start]
    return "€" in before or bool(re.match(r"\s*(?:euro|EUR)\b", text[end:end + 6]))


def _find(pattern: re.Pattern[str], kind: str, text: str,
          valid: Callable[[str], bool] = lambda _: True, group: int | str = 0) -> list[Span]:
    return [Span(kind, m.start(group), m.end(group)) for m in pattern.finditer(text) if valid(m.group(group))]


def _find_iban(text: str) -> list[Span]:
    # The pattern may swallow a short word after the number ("... 1643 00 t.n.v."); trim until valid.
    spans = []
    for m in IBAN.finditer(text):
        candidate = m.group()
        while len(candidate) >= 15 and not iban_valid(candidate):
            candidate = candidate[:-1].rstrip()
        if len(candidate) >= 15:
            spans.append(Span("iban", m.start(), m.start() + len(candidate)))
    return spans


def find_pattern_spans(text: str) -> list[Span]:
    """All pattern-based PII spans, in priority order (earlier wins an overlap)."""
    bsn = [
        s for s in _find(BSN, "bsn", text, lambda c: elfproef(re.sub(r"\D", "", c)))
        if not _looks_like_amount(text, s.start, s.end)
    ]
    return [
        *_find(EMAIL, "email", text),
        *_find_iban(text),
        *_find(BIRTH_DATE, "geboortedatum", text, group="date"),
        *_find(PHONE, "telefoon", text, _phone_valid),
        *bsn,
        *_find(POSTCODE_ADDRESS, "adres", text),
        *_find(STREET_ADDRESS, "adres", text),
        *_find(POSTCODE, "postcode", text),
    ]
