"""Re-ingesting a collection embeds only new or changed stories (content hash), with progress reported."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.core.settings import Settings
from retrieval.models import Story
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import FakeEmbedder, Vectors
from retrieval.search.indexing import sync_stories
from retrieval.stories.store import StoryStore


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.texts += list(texts)
        return super().embed(texts)


def _stories(n: int, changed: int | None = None) -> list[Story]:
    return [Story(id=f"I-{i:03d}", text=f"Verhaal nummer {i} over de buurt." + (" Nieuw." if i == changed else ""),
                  area_code="WK990110", themes=["wonen"]) for i in range(n)]


def test_reingest_embeds_only_new_or_changed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedder="fake")
    embedder = CountingEmbedder()
    index = VectorStore(settings, embedder)
    seen: list[tuple[int, int]] = []
    index.progress = lambda done, total: seen.append((done, total))
    store = StoryStore.from_settings(settings, listeners=[index])
    store.add_many(_stories(40))
    assert len(embedder.texts) == 40 and seen[-1] == (40, 40) and len(seen) == 3  # batches of 16
    embedder.texts.clear()
    store.add_many(_stories(40))  # the same collection again
    assert embedder.texts == []
    store.add_many(_stories(42, changed=7))  # one changed, two new
    wanted = [s.text for s in _stories(42, changed=7) if s.id in {"I-007", "I-040", "I-041"}]
    assert len(embedder.texts) == 3
    assert all(any(t.endswith(w) for t in embedder.texts) for w in wanted)  # embedded with the theme prefix
    assert index.story_ids() == {s.id for s in _stories(42)}


def test_sync_repairs_an_edit_made_while_no_index_listened(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedder="fake")
    embedder = CountingEmbedder()
    index = VectorStore(settings, embedder)
    sync_stories(index, _stories(10))
    embedder.texts.clear()
    assert sync_stories(index, _stories(10)) == (0, 0)
    assert sync_stories(index, _stories(9, changed=3)) == (1, 1)  # one edited, one gone
    assert len(embedder.texts) == 1 and "Nieuw." in embedder.texts[0]
    hit = index.stories()
    assert {s.story_id for s in hit} == {f"I-{i:03d}" for i in range(9)}
