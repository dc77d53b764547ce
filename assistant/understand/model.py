"""What a question was understood to ask; carried between the turns of a conversation."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.understand.filters import Rule
from retrieval.tables.areas import AreaRef


@dataclass
class Understanding:
    question: str
    language: str = "nl"
    areas: list[AreaRef] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    missing_indicators: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    since: int | None = None
    compare_national: bool = False
    kind: str = "value"
    top: tuple[str, int, bool] | None = None
    share: tuple[str, str] | None = None
    terms: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    clarify: list[AreaRef] = field(default_factory=list)
    clarify_loose: bool = False  # the ask-back is about a part of a name or a typo ("Bedoel je Noordoost?")
    unknown_area: str | None = None
    wants_stories: bool = False
    notices: list[str] = field(default_factory=list)
    unit: str | None = None  # the unit the question asks for: per_1000, percent or count
    need: str | None = None  # a need ranking: the key in retrieval/data/needs.yaml
    rule: Rule | None = None  # a filter over many areas
    level: str = "wijk"  # the level a need ranking or filter lists
    related: str | None = None  # an unloaded indicator answered with related figures
    named_area: AreaRef | None = None  # the area the answer put first (a top-1), what "daar" points at next
    explained: list[str] = field(default_factory=list)  # glossary terms this conversation already explained
