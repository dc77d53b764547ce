"""The battery's questions and their gold: what a right understanding of each turn holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = (
    "exact", "typo", "colloquial", "partial", "prefix", "article_case", "unit", "english", "follow_up",
    "profile", "need", "comparative", "threshold", "top", "unknown", "bad_input", "multi",
)


@dataclass
class BTurn:
    """One turn's gold. areas/indicators None = not checked; indicators hold alternatives as 'a|b'.

    check: how understanding is judged for this turn:
      "match"       areas, indicators (headline first) and kind match the gold
      "profile"     the area itself, with at least `min_facts` of its own figures (distinct indicators)
      "list"        an indicator of the gold set, and every name of `mentions` in the answer text
      "need"        an indicator of the gold set and at least `min_mentions` of `mentions` named
      "ask"         asks back ("Bedoel je …?") naming at least one of `mentions`, or answers only areas of
                    `areas` (a group name: any subset of its parts)
      "unknown"     says it does not know the name or asks back; no figure of any area
      "per_gemeente" a ranking without a gemeente: asks which one, or answers for at least two gemeenten
      "nonempty"    a clear, non-empty reply (bad input)
    """

    question: str
    check: str = "match"
    areas: list[str] | None = None
    indicators: list[str] | None = None
    kind: str | None = "value"  # regular expression over the understood kind; None = not checked
    gemeente: str | None = None  # the gemeente the question is about (an answer may cite it too)
    scope: list[str] = field(default_factory=list)  # more areas a right answer may cite
    alt_areas: list[str] = field(default_factory=list)  # single areas that are a right reading instead of `areas`
    mentions: list[str] = field(default_factory=list)  # names the answer text must hold (list/need/ask)
    min_mentions: int = 0
    min_facts: int = 0
    figure: str | None = None  # the gold figure as shown (Dutch or English), a secondary measure
    year: int | None = None


@dataclass
class BQuestion:
    id: str
    category: str
    section: str  # den_haag | amsterdam | multi (the store it runs on)
    turns: list[BTurn]
    lang: str = "nl"
    note: str = ""

    @property
    def text(self) -> str:
        return " / ".join(t.question for t in self.turns)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
