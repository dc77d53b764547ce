"""E-mail addresses as people disguise them ("piet [at] hotmail [dot] nl", "piet(at)kpn.nl", "sanne at gmail
dot com") and Dutch licence plates in every sidecode ("AB-123-C", "99-XYZ-1", "1ABC23")."""

from __future__ import annotations

import re

from retrieval.stories.pii_spans import Span

_AT = (r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*"
       r"|\s+(?:at|apenstaartje|AT)\s+)")
_DOT = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|punt|\.)\s*[\])}>]\s*|\s+(?:dot|punt|DOT)\s+)"
_TLD = (r"(?:nl|com|net|org|be|de|eu|info|nu|io|co|uk|fr|es|it|ma|tr|sr|cw|aw|pl|ro|bg|edu|gov|biz|me|live"
        r"|online|email)")
# The plain form takes any top-level domain; a disguised one must end in a known one ("at home dot" is no address).
EMAIL_PLAIN = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
EMAIL_DISGUISED = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*{_AT}[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*?{_DOT}{_TLD}(?![\w])",
    re.IGNORECASE,
)

_L, _D = "[A-Z]", r"\d"
# The fourteen sidecodes since 1951, as (group, group, group) shapes.
_SIDECODES = (
    (2, "L", 2, "D", 2, "D"), (2, "D", 2, "D", 2, "L"), (2, "D", 2, "L", 2, "D"), (2, "L", 2, "D", 2, "L"),
    (2, "L", 2, "L", 2, "D"), (2, "D", 2, "L", 2, "L"), (2, "D", 3, "L", 1, "D"), (1, "D", 3, "L", 2, "D"),
    (2, "L", 3, "D", 1, "L"), (1, "L", 3, "D", 2, "L"), (3, "L", 2, "D", 1, "L"), (1, "L", 2, "D", 3, "L"),
    (1, "D", 2, "L", 3, "D"), (3, "D", 2, "L", 1, "D"),
)


def _group(n: int, kind: str) -> str:
    return f"{_L if kind == 'L' else _D}{{{n}}}"


def _plate_pattern(sep: str) -> str:
    shapes = []
    for a, ka, b, kb, c, kc in _SIDECODES:
        if not sep and (ka == kb or kb == kc):
            continue  # without dashes only shapes that alternate letters and digits are safe ("GM0518" is a code)
        shapes.append(_group(a, ka) + sep + _group(b, kb) + sep + _group(c, kc))
    return "(?:" + "|".join(shapes) + ")"


# Dashes in any case; spaces only in capitals ("op 12 mei 3" is a date); no separator when letters alternate.
PLATE_DASHED = re.compile(rf"(?<![\w-]){_plate_pattern('-')}(?![\w-])", re.IGNORECASE)
PLATE_SPACED = re.compile(rf"(?<![\w-]){_plate_pattern(' ')}(?![\w-])")
PLATE_COMPACT = re.compile(rf"(?<![\w-]){_plate_pattern('')}(?![\w-])", re.IGNORECASE)


def _has_letter_and_digit(s: str) -> bool:
    return any(c.isalpha() for c in s) and any(c.isdigit() for c in s)


def find_email_spans(text: str) -> list[Span]:
    """Plain and disguised e-mail addresses."""
    spans = [Span("email", m.start(), m.end()) for m in EMAIL_PLAIN.finditer(text)]
    spans += [Span("email", m.start(), m.end()) for m in EMAIL_DISGUISED.finditer(text)]
    return spans


def find_plate_spans(text: str) -> list[Span]:
    """Dutch licence plates in every sidecode, with dashes, spaces or nothing between the groups."""
    return [Span("kenteken", m.start(), m.end())
            for pattern in (PLATE_DASHED, PLATE_SPACED, PLATE_COMPACT)
            for m in pattern.finditer(text) if _has_letter_and_digit(m.group())]
