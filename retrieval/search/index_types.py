"""The plain results the vector store hands out: no Chroma type crosses the module line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from retrieval.stories.filter import MetaValue

DocKind = Literal["glossary", "indicators"]


@dataclass(frozen=True)
class Doc:
    """A glossary entry or indicator definition as indexed: `id` is the term or indicator id."""

    id: str
    text: str
    keywords: tuple[str, ...] = ()  # the names it goes by: title, term, aliases, synonyms


@dataclass(frozen=True)
class Match:
    """A stored text near the query; score is the cosine similarity (1 = same direction)."""

    id: str
    text: str
    score: float
    metadata: dict[str, MetaValue] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredStory:
    """A story as the index holds it: the chunks joined back in order, plus the chunk metadata."""

    story_id: str
    text: str
    metadata: dict[str, MetaValue]
