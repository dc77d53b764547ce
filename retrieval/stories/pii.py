"""Scrub personal data from story text before anything is stored or embedded.

Every hit becomes a typed placeholder such as [naam] or [telefoon], so a reader still sees what kind of
detail was there. Counts per type go into the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.stories.pii_names import find_name_spans
from retrieval.stories.pii_patterns import Span, find_pattern_spans

PII_TYPES: tuple[str, ...] = (
    "naam", "telefoon", "email", "adres", "postcode", "bsn", "iban", "geboortedatum", "kenteken",
)


@dataclass(frozen=True)
class ScrubResult:
    """Scrubbed text, counts per placeholder type, and the spans in the original text."""

    text: str
    redactions: dict[str, int] = field(default_factory=dict)
    spans: tuple[Span, ...] = ()


def _resolve(candidates: list[Span]) -> list[Span]:
    """Keep spans in priority order; a later span that overlaps an accepted one is dropped."""
    accepted: list[Span] = []
    for span in candidates:
        if span.end > span.start and all(span.end <= a.start or span.start >= a.end for a in accepted):
            accepted.append(span)
    return sorted(accepted, key=lambda s: s.start)


def find_spans(text: str) -> list[Span]:
    """All PII spans in text, non-overlapping and sorted by position."""
    # Patterns go first: a name detector must not eat part of an e-mail address or a street name.
    return _resolve([*find_pattern_spans(text), *find_name_spans(text)])


def scrub(text: str) -> ScrubResult:
    """Replace names, phone numbers, e-mail, addresses, postcodes, BSN, IBAN, birth dates and licence plates."""
    spans = find_spans(text)
    parts: list[str] = []
    counts: dict[str, int] = {}
    pos = 0
    for span in spans:
        parts.append(text[pos:span.start])
        parts.append(f"[{span.kind}]")
        counts[span.kind] = counts.get(span.kind, 0) + 1
        pos = span.end
    parts.append(text[pos:])
    return ScrubResult("".join(parts), counts, tuple(spans))
