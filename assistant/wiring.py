"""The only place that builds real backends, for the CLI, the API and the launcher."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from assistant.core.errors import DuidingError
from assistant.core.settings import Settings
from assistant.deps import Deps, StorySearch
from assistant.llm.base import LLM, Size, make_llm
from assistant.llm.queue import LLMQueue
from assistant.story_search import story_search
from retrieval.glossary.entries import Glossary
from retrieval.search.indexing import open_story_store
from retrieval.tables.store import IndicatorStore

log = logging.getLogger("duiding.wiring")
IN_PROCESS = ("embedded", "fake")  # one model in this process: sessions take turns (assistant/llm/queue.py)


def build_deps(settings: Settings, with_llm: bool = True) -> Deps:
    """Real backends from settings; heavy ones (LLM, embedder) load lazily inside their modules."""
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
    deps = build_deps(settings, with_llm=False)
    deps.llm = build_llm(settings)
    if settings.llm in IN_PROCESS:
        deps.llm_queue = LLMQueue(settings.llm_queue_size, settings.llm_queue_wait_s)
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
                from retrieval.search.area_scope import AreaInfo
                from retrieval.search.indexing import open_retriever
                from retrieval.tables.areas import area_table

                areas = [AreaInfo(a.code, a.name, a.level, a.parent_code)
                         for a in area_table(self.store.load().areas)]
                self._retriever = open_retriever(self.settings, areas)
            return self._retriever.link_indicators(question)  # type: ignore[attr-defined, no-any-return]
        except (DuidingError, ImportError, OSError) as exc:
            logging.getLogger("duiding.deps").warning("indicator linking unavailable: %s", exc)
            return []


class UnavailableLLM:
    """Stands in for a backend that could not be built: every answer falls back to the facts, with a notice."""

    size: Size = "large"  # so it is always asked, and its fallback notice says what is wrong

    def __init__(self, name: str, error: DuidingError) -> None:
        self.name, self.model, self.error = name, "", error

    def available(self) -> tuple[bool, str]:
        return False, str(self.error)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        raise self.error


def build_llm(settings: Settings) -> LLM | None:
    try:
        return make_llm(settings)
    except DuidingError as exc:
        log.warning("LLM backend '%s' unavailable, answering from facts only: %s", settings.llm, exc)
        return UnavailableLLM(settings.llm, exc)


def build_story_search(settings: Settings, deps: Deps) -> StorySearch | None:
    """The retriever for stories in answers; without it answers carry no stories (logged, not fatal)."""
    try:
        return story_search(settings, deps.store)
    except (DuidingError, ImportError, OSError) as exc:
        log.warning("story search unavailable, answers will carry no stories: %s", exc)
        return None
