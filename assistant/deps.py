"""What one process answers with: settings, stores, glossary and the optional backends (built in wiring.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.core.settings import Settings
from assistant.schemas import StoryExcerpt
from retrieval.glossary.entries import Glossary
from retrieval.models import Story
from retrieval.tables.store import IndicatorStore

if TYPE_CHECKING:
    from assistant.llm.base import LLM
    from assistant.llm.queue import LLMQueue

StorySearch = Callable[[str, str, list[str], int], list[StoryExcerpt]]
IndicatorLink = Callable[[str], list[tuple[str, float]]]
StoryList = Callable[[], list[Story]]


@dataclass
class Deps:
    settings: Settings
    store: IndicatorStore
    glossary: Glossary
    llm: LLM | None = None
    stories_search: StorySearch | None = None
    link_indicators: IndicatorLink | None = None
    story_list: StoryList | None = None  # all stored stories, for story-pattern counts
    llm_queue: LLMQueue | None = None  # sessions take turns on an in-process model
