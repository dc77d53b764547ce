"""The span type every PII detector returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of the original text that holds one piece of personal data."""

    kind: str
    start: int
    end: int
