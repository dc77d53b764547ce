"""Deps.stories_search backed by the real retriever (Chroma + BM25), kept in step with the story store.

The story file is the source of truth: imports and deletes through any process change it, and the
index is re-synced when the file changes; a hit whose story is gone is never returned.
"""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from assistant.deps import StorySearch
from assistant.schemas import StoryExcerpt
from retrieval.models import Story
from retrieval.search.indexing import open_story_store
from retrieval.stories.store import STORIES_FILE
from retrieval.tables.areas import area_table
from retrieval.tables.store import IndicatorStore


class RetrieverStorySearch:
    def __init__(self, settings: Settings, indicators: IndicatorStore) -> None:
        from retrieval.search.area_scope import AreaInfo, AreaScoper
        from retrieval.search.indexing import open_vector_store
        from retrieval.search.retrieve import Retriever

        self.settings = settings
        self.index = open_vector_store(settings)
        areas = area_table(indicators.load().areas)
        self.names = {a.code: a.name for a in areas}
        scoper = AreaScoper([AreaInfo(a.code, a.name, a.level, a.parent_code) for a in areas],
                            settings.min_story_count)
        self.retriever = Retriever(self.index, scoper)
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None

    def _signature(self) -> tuple[int, int]:
        path = Path(self.settings.story_dir) / STORIES_FILE
        stat = path.stat() if path.exists() else None
        return (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)

    def _stories(self) -> dict[str, Story]:
        from retrieval.search.indexing import sync_stories

        stories = {s.id: s for s in open_story_store(self.settings).list()}
        signature = self._signature()
        if signature != self._seen:
            sync_stories(self.index, list(stories.values()))
            self._seen = signature
        return stories

    def __call__(self, question: str, area_code: str, themes: list[str], k: int) -> list[StoryExcerpt]:
        from retrieval.search.chroma_client import server_errors
        from retrieval.stories.filter import StoryFilter

        with self._lock, server_errors(self.settings):  # routes run in a thread pool; one Chroma client
            stories = self._stories()
            flt = StoryFilter(area_codes=(area_code,) if area_code else (), themes=tuple(themes))
            if themes and not self.index.story_ids(StoryFilter(themes=tuple(themes))):
                flt = StoryFilter(area_codes=flt.area_codes)  # no story carries these themes: they cannot filter
            result = self.retriever.search_stories(question, flt, k, themes=themes)
        note = result.fallback_note or ""
        return [self._excerpt(stories[h.story_id], h.matched_chunk, note) for h in result.hits
                if h.story_id in stories and not stories[h.story_id].flags]  # instructions are no voices

    def _excerpt(self, story: Story, chunk: str, note: str) -> StoryExcerpt:
        return StoryExcerpt(id="", story_id=story.id, text=chunk or story.text, area_code=story.area_code,
                            area_name=self.names.get(story.area_code or ""), date=story.date, role=story.role,
                            themes=story.themes, signifiers=story.signifiers, fictional=story.fictional, note=note)


class ReconnectingStorySearch:
    """Story search whose Chroma server could not be reached at start: tried again on every question."""

    def __init__(self, settings: Settings, indicators: IndicatorStore, error: BackendUnavailableError) -> None:
        self.settings, self.indicators, self.error = settings, indicators, error
        self._search: RetrieverStorySearch | None = None

    def __call__(self, question: str, area_code: str, themes: list[str], k: int) -> list[StoryExcerpt]:
        if self._search is None:
            self._search = RetrieverStorySearch(self.settings, self.indicators)  # raises while still down
        return self._search(question, area_code, themes, k)


def story_search(settings: Settings, indicators: IndicatorStore) -> StorySearch:
    try:
        return RetrieverStorySearch(settings, indicators)
    except BackendUnavailableError as exc:
        # A server that is down, or a local index that is read-only, locked or corrupt: tried again on every
        # question, so a `duiding stories reindex` in another process brings the stories back.
        return ReconnectingStorySearch(settings, indicators, exc)


def unavailable_notice(settings: Settings, language: str, error: Exception | None = None) -> str:
    """What an answer says when its stories could not be searched: what is wrong and the fix."""
    from retrieval.search.chroma_client import StoryIndexUnavailable

    url = settings.chroma_server
    if url is None:
        if isinstance(error, StoryIndexUnavailable):
            return (f"De verhalen zijn nu niet beschikbaar: {error.reason_nl}; je ziet alleen de cijfers. "
                    "Herstel met `duiding stories reindex`." if language == "nl" else
                    f"Stories are not available now: {error.reason_en}; you see the figures only. "
                    "Repair with `duiding stories reindex`.")
        return ("De verhalen zijn nu niet beschikbaar; je ziet alleen de cijfers. Herstel met "
                "`duiding stories reindex`." if language == "nl" else
                "Stories are not available now; you see the figures only. Repair with `duiding stories reindex`.")
    if language == "nl":
        return (f"De verhalen zijn nu niet beschikbaar: de Chroma-server op {url} is niet bereikbaar. "
                "Start die server met `chroma run`, of haal DUIDING_CHROMA_URL weg.")
    return (f"Stories are not available now: the Chroma server at {url} cannot be reached. "
            "Start it with `chroma run`, or unset DUIDING_CHROMA_URL.")