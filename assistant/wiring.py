"""The wired backends one process uses. Only entry points (CLI, API, UI launcher) build real ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.schemas import StoryExcerpt
from assistant.core.settings import Settings
from retrieval.glossary.entries import Glossary
from retrieval.tables.store import IndicatorStore
from retrieval.models import Story

if TYPE_CHECKING:
    from assistant.llm.base import LLM

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


def build_deps(settings: Settings, with_llm: bool = True) -> Deps:
    """Real backends from settings; heavy ones (LLM, embedder) load lazily inside their modules."""
    from assistant.cli.stories import open_story_store
    from assistant.llm.base import make_llm

    return Deps(
        settings=settings,
        store=IndicatorStore(settings.indicator_dir),
        glossary=Glossary.load(),
        llm=make_llm(settings) if with_llm else None,
        story_list=lambda: open_story_store(settings).list(),
    )


def build_app_deps(settings: Settings) -> Deps:
    """Everything an entry point (ask, chat, serve, run, smoke) needs: LLM, story search, indicator linking.

    Each optional backend degrades with a logged reason instead of stopping the app.
    """
    from assistant.api.server import build_llm, build_story_search

    deps = build_deps(settings, with_llm=False)
    deps.llm = build_llm(settings)
    deps.stories_search = build_story_search(settings, deps)
    deps.link_indicators = IndicatorLinker(settings, deps.store)
    return deps


class IndicatorLinker:
    """Semantic indicator linking ('armoede' -> laag_inkomen_pct), opened on first use."""

    def __init__(self, settings: Settings, store: IndicatorStore) -> None:
        self.settings, self.store = settings, store
        self._retriever: object | None = None

    def __call__(self, question: str) -> list[tuple[str, float]]:
        import logging

        from assistant.core.errors import DuidingError

        try:
            if self._retriever is None:
                from retrieval.tables.areas import area_table
                from retrieval.search.area_scope import AreaInfo
                from retrieval.search.indexing import open_retriever

                areas = [AreaInfo(a.code, a.name, a.level, a.parent_code)
                         for a in area_table(self.store.load().areas)]
                self._retriever = open_retriever(self.settings, areas)
            return self._retriever.link_indicators(question)  # type: ignore[attr-defined, no-any-return]
        except (DuidingError, ImportError, OSError) as exc:
            logging.getLogger("duiding.deps").warning("indicator linking unavailable: %s", exc)
            return []
