"""Pattern detectors for numeric and contact PII: phone, BSN, IBAN; and the order in which all pattern
detectors (e-mail, plates, birth dates, addresses, postcodes) run.

Each detector returns spans in the original text; retrieval/stories/pii.py resolves overlaps and redacts.
Detectors validate what a checksum or a format can prove (elfproef, mod-97, 10-digit numbers) so that
statistics such as 10,8%, 71 per 1.000, € 1.250 and 2019 are never touched: the answer checker relies on
story numbers being intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.stories.pii_address import find_address_spans
from retrieval.stories.pii_contact import find_email_spans, find_plate_spans
from retrieval.stories.pii_dates import find_birth_date_spans
from retrieval.stories.pii_spans import Span

__all__ = ["Span", "elfproef", "find_pattern_spans", "iban_valid"]

# A Dutch number is 0 + 9 digits; international forms replace the 0 by +31/0031 and may keep "(0)".
PHONE = re.compile(
    r"(?<![\w+\-/.,])"
    r"(?:(?:\+|00)31[ \-.]?(?:\(0\)[ \-.]?)?|\(0\d{1,3}\)[ \-.]?|0)"
    r"\d(?:(?:[ .]|\s?[-–]\s?)?\d){5,9}(?![\w]|[.,]\d)"
)

# Nine digits with any separators between them ("171-497-685", "1319.98.134", "362-51-00-64"); the
# elfproef decides.
_SEP = r"[ .\-_/]"
BSN = re.compile(rf"(?<![\w.,€/\-])\d(?:{_SEP}?\d){{8}}(?!\w|{_SEP}?\d|[.,]\d)")

_IBAN_SEP = r"[ .\-]?"
# Countries whose IBANs people here meet; "op 10 gezinnen ..." must never reach the mod-97 check by chance.
_IBAN_COUNTRIES = (
    "NL|BE|DE|FR|LU|AT|CH|GB|IE|ES|PT|IT|PL|BG|RO|TR|GR|DK|SE|NO|FI|CZ|SK|HU|HR|SI|LT|LV|EE|MT|CY|MA|TN|SA|AE"
)
IBAN = re.compile(rf"(?<![\w])(?:{_IBAN_COUNTRIES}){_IBAN_SEP}\d{{2}}(?:{_IBAN_SEP}[A-Z0-9]){{10,30}}", re.IGNORECASE)


def elfproef(digits: str) -> bool:
    """The BSN 11-check: weights 9..2 and -1 must sum to a multiple of 11."""
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97 check on an IBAN with or without separators."""
    compact = re.sub(r"[\s.\-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
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
    # The pattern may swallow words after the number ("... 1643 00 t.n.v."); trim until valid.
    spans = []
    for m in IBAN.finditer(text):
        candidate = m.group()
        while len(candidate) >= 15 and not iban_valid(candidate):
            candidate = candidate[:-1].rstrip(" .-")
        if len(candidate) >= 15:
            spans.append(Span("iban", m.start(), m.start() + len(candidate)))
    return spans


def find_pattern_spans(text: str) -> list[Span]:
    """All pattern-based PII spans, in priority order (earlier wins an overlap)."""
    bsn = [
        s for s in _find(BSN, "bsn", text, lambda c: elfproef(re.sub(r"\D", "", c)))
        if not _looks_like_amount(text, s.start, s.end)
    ]
    addresses = find_address_spans(text)
    return [
        *find_email_spans(text),
        *_find_iban(text),
        *find_birth_date_spans(text),
        *_find(PHONE, "telefoon", text, _phone_valid),
        *bsn,
        *find_plate_spans(text),
        *[s for s in addresses if s.kind == "adres"],
        *[s for s in addresses if s.kind != "adres"],
    ]
