"""Keep the vector store in step with its sources: the story store, the glossary and the catalogue."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from retrieval.models import GlossaryEntry, IndicatorDef, Story
from retrieval.search.area_scope import AreaInfo, AreaScoper
from retrieval.search.chroma import Doc, VectorStore
from retrieval.search.chroma_client import server_errors
from retrieval.search.embeddings import make_embedder
from retrieval.search.retrieve import Retriever
from retrieval.search.story_rows import Progress, content_hashes
from retrieval.stories.store import StoryStore

log = logging.getLogger(__name__)

SEARCH_TERMS_PATH = Path(__file__).parents[1] / "data" / "indicator_search_terms.yaml"


@dataclass(frozen=True)
class IndexCounts:
    stories: int
    chunks: int
    glossary: int
    indicators: int


def glossary_docs(entries: Iterable[GlossaryEntry]) -> list[Doc]:
    """Term, aliases and both definitions: questions come in Dutch and English."""
    return [
        Doc(e.term, f"{e.term}. {', '.join(e.aliases)}. {e.definition} {e.ask_yourself} {e.mistake} {e.definition_en}",
            (e.term, *e.aliases))
        for e in entries
    ]


def load_search_terms(path: Path = SEARCH_TERMS_PATH) -> dict[str, list[str]]:
    """Extra words people use for an indicator ('ouderen' for Wmo-cliënten), keyed by indicator id."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): [str(w) for w in v] for k, v in data.items()}


def indicator_docs(
    indicators: Iterable[IndicatorDef], search_terms: Mapping[str, list[str]] | None = None
) -> list[Doc]:
    """Title, theme, synonyms and definition of each indicator, in one searchable text."""
    terms = load_search_terms() if search_terms is None else search_terms
    docs = []
    for d in indicators:
        words = [*d.synonyms, *terms.get(d.id, [])]
        parts = [d.title_nl, d.title_en, f"thema {d.theme}", ", ".join(words), d.definition_nl,
                 d.denominator_label_nl or ""]
        docs.append(Doc(d.id, ". ".join(p for p in parts if p), (d.title_nl, d.title_en, *words)))
    return docs


def sync_stories(index: VectorStore, stories: Sequence[Story]) -> tuple[int, int]:
    """Index stories that are new or changed (by content hash) and drop ones the store no longer has.

    Returns (indexed, removed). Content changes normally arrive through the StoryIndexListener calls; this
    repairs what happened while no index was listening (a new embedder, a deleted index, an edited file).
    A story indexed before hashes existed ('' stored) is kept as it is rather than embedded again.
    """
    indexed = index.story_hashes()
    wanted = content_hashes(stories, index.chunk_chars)
    stale = [s for s in stories if s.id not in indexed or indexed[s.id] not in ("", wanted[s.id])]
    extra = sorted(set(indexed) - set(wanted))
    index.on_deleted(extra)
    index.on_added(stale)
    return len(stale), len(extra)


def sync_docs(index: VectorStore, glossary: Sequence[Doc], indicators: Sequence[Doc]) -> None:
    """Rebuild the glossary and indicator collections only when their text changed."""
    index.ensure_docs("glossary", glossary)
    index.ensure_docs("indicators", indicators)


def reindex(index: VectorStore, stories: Sequence[Story], glossary: Sequence[Doc],
            indicators: Sequence[Doc]) -> IndexCounts:
    """Drop this embedder's collections and build them again from the sources."""
    index.reset()
    index.on_added(stories)
    index.replace_docs("glossary", glossary)
    index.replace_docs("indicators", indicators)
    return IndexCounts(len(index.story_ids()), index.count_chunks(), index.count("glossary"),
                       index.count("indicators"))


def sources(settings: Settings) -> tuple[list[Story], list[Doc], list[Doc]]:
    """Stories, glossary docs and indicator docs as the data dir holds them now."""
    from retrieval.glossary.entries import load_glossary
    from retrieval.stories.store import StoryStore
    from retrieval.tables.store import IndicatorStore

    stories = StoryStore.from_settings(settings).list()
    catalogue = IndicatorStore(settings.indicator_dir).load().catalogue
    return stories, glossary_docs(load_glossary()), indicator_docs(catalogue)


def open_vector_store(settings: Settings) -> VectorStore:
    return VectorStore(settings, make_embedder(settings))


def open_retriever(settings: Settings, areas: Iterable[AreaInfo] = ()) -> Retriever:
    """A retriever whose collections match the data dir: stories synced, glossary and catalogue current."""
    index = open_vector_store(settings)
    stories, glossary, indicators = sources(settings)
    with server_errors(settings):
        sync_stories(index, stories)
        sync_docs(index, glossary, indicators)
    return Retriever(index, AreaScoper(areas, settings.min_story_count))


class VectorIndexListener:
    """The vector store as a StoryIndexListener, opened on first use so listing stories loads no model."""

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.progress = progress
        self._index: VectorStore | None = None

    def _open(self) -> VectorStore:
        if self._index is None:
            self._index = open_vector_store(self.settings)
            self._index.progress = self.progress
        return self._index

    def on_added(self, stories: Sequence[Story]) -> None:
        try:
            with server_errors(self.settings):
                self._open().on_added(stories)
        except BackendUnavailableError as exc:
            # The story file is the source of truth: the next search re-syncs (sync_stories), so an
            # import does not fail because the embedder is missing.
            log.warning("stories stored but not indexed yet: %s", exc)

    def on_deleted(self, ids: Sequence[str]) -> None:
        # No try: a delete that cannot reach the index must fail, so the story stays and a retry can finish.
        with server_errors(self.settings):
            self._open().on_deleted(ids)


def open_story_store(settings: Settings, progress: Progress | None = None) -> StoryStore:
    """The story store with its derived indexes attached (the vector index subscribes here).

    progress: told (done, total) while new or changed stories are embedded (a bar on the CLI, a job in the API).
    """
    return StoryStore.from_settings(settings, listeners=[VectorIndexListener(settings, progress)])
