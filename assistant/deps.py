"""The wired backends one process uses. Only entry points (CLI, API, UI launcher) build real ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.schemas import StoryExcerpt
from assistant.settings import Settings
from retrieval.glossary import Glossary
from retrieval.indicators import IndicatorStore
from retrieval.models import Story

StorySearch = Callable[[str, str, list[str], int], list[StoryExcerpt]]
IndicatorLink = Callable[[str], list[tuple[str, float]]]
StoryList = Callable[[], list[Story]]


@dataclass
class Deps:
    settings: Settings
    store: IndicatorStore
    glossary: Glossary
    llm: object | None = None  # an assistant.llm.LLM; typed loosely to keep heavy imports lazy
    stories_search: StorySearch | None = None
    link_indicators: IndicatorLink | None = None
    story_list: StoryList | None = None  # all stored stories, for story-pattern counts


def build_deps(settings: Settings, with_llm: bool = True) -> Deps:
    """Real backends from settings; heavy ones (LLM, embedder) load lazily inside their modules."""
    from assistant.cli_stories import open_story_store
    from assistant.llm import make_llm

    return Deps(
        settings=settings,
        store=IndicatorStore(settings.indicator_dir),
        glossary=Glossary.load(),
        llm=make_llm(settings) if with_llm else None,
        story_list=lambda: open_story_store(settings).list(),
    )
