"""The vector store: the only module that imports chromadb.

Three collections per embedder: stories (chunked), glossary and indicators. The embedder's name is part
of every collection name, so switching embedder never mixes vector spaces. We always pass our own
vectors; Chroma's default embedding function downloads a model and is never used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.core.settings import Settings
from retrieval.models import Story
from retrieval.search.chroma_client import open_client
from retrieval.search.embeddings import Embedder
from retrieval.search.index_types import Doc, DocKind, Match, StoredStory
from retrieval.search.story_rows import HASH_KEY, Progress, story_rows
from retrieval.stories.filter import MetaValue, StoryFilter, date_int, signifier_key, theme_key

# Most stories are a few hundred characters: whole-story vectors recalled more than 200- or 400-character
# chunks on the Dutch eval (eval/reports/retrieval.md). Only long stories are cut.
STORY_CHUNK_CHARS = 1000


def _digest(docs: Sequence[Doc]) -> str:
    body = "\x1e".join(f"{d.id}\x1f{d.text}\x1f{'|'.join(d.keywords)}" for d in docs)
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def where_clause(flt: StoryFilter | None) -> dict[str, Any] | None:
    """Translate our StoryFilter into a Chroma `where` (None = no filter)."""
    if flt is None:
        return None
    parts: list[dict[str, Any]] = []
    if flt.area_codes:
        codes = sorted({c.upper() for c in flt.area_codes})
        parts.append({"$or": [{key: {"$in": codes}} for key in ("area_code", "wijk_code", "gemeente_code")]})
    if flt.themes:
        keys = [{theme_key(t): True} for t in flt.themes]
        parts.append(keys[0] if len(keys) == 1 else {"$or": keys})
    if (start := date_int(flt.date_from)) is not None:
        parts.append({"date": {"$gte": start}})
    if (end := date_int(flt.date_to, end=True)) is not None:
        parts.append({"date": {"$lte": end}})
    if flt.role:
        parts.append({"role": flt.role.strip().lower()})
    parts.extend({signifier_key(name, value): True} for name, value in flt.signifiers)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


class VectorStore:
    """Chroma collections for one embedder. Implements StoryIndexListener to mirror the StoryStore."""

    def __init__(self, settings: Settings, embedder: Embedder, chunk_chars: int = STORY_CHUNK_CHARS) -> None:
        self.embedder = embedder
        self.chunk_chars = chunk_chars
        self._client = open_client(settings)
        self.where = settings.chroma_server or str(settings.chroma_dir)
        self._collections: dict[str, Any] = {}
        # Bumped on every write in this process, so callers can drop derived caches (BM25).
        self.version = 0
        self.progress: Progress | None = None  # told (done, total) while a large batch is embedded

    def _collection(self, kind: str, digest: str | None = None) -> Any:
        if kind not in self._collections:
            self._collections[kind] = self._client.get_or_create_collection(
                f"{kind}-{self.embedder.name}", embedding_function=None,
                configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
                metadata={"digest": digest} if digest else None,
            )
        return self._collections[kind]

    # --- StoryIndexListener ---
    def on_added(self, stories: Sequence[Story]) -> None:
        """Index new or changed stories; a story whose content hash is already stored is not embedded again.

        A changed story loses every old chunk first (a shorter new version must not leave chunks behind).
        """
        if not stories:
            return
        rows = story_rows(stories, self.chunk_chars)
        known = self.story_hashes([s.id for s in stories])
        changed = {s.id for s in stories if known.get(s.id) != rows.hashes[s.id]}
        if not changed:
            return
        self._collection("stories").delete(where={"story_id": {"$in": sorted(changed)}})
        keep = [i for i, m in enumerate(rows.metas) if m["story_id"] in changed]
        self._add("stories", [rows.ids[i] for i in keep], [rows.texts[i] for i in keep],
                  [rows.metas[i] for i in keep], [rows.inputs[i] for i in keep])

    def story_hashes(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """Stored content hash per story id ('' for stories indexed before hashes existed)."""
        where = {"story_id": {"$in": list(ids)}} if ids is not None else None
        if ids is not None and not ids:
            return {}
        got = self._collection("stories").get(where=where, include=["metadatas"])  # type: ignore[arg-type]
        return {str(m["story_id"]): str(m.get(HASH_KEY, "")) for m in got["metadatas"] or []}

    def on_deleted(self, ids: Sequence[str]) -> None:
        """Remove every chunk of these stories, also from collections of other embedders."""
        if not ids:
            return
        for collection in self._client.list_collections():
            if collection.name.startswith("stories-"):
                self._client.get_collection(collection.name, embedding_function=None).delete(
                    where={"story_id": {"$in": list(ids)}}
                )
        self.version += 1

    def _add(self, kind: str, ids: list[str], texts: list[str], metas: list[dict[str, MetaValue]],
             inputs: list[str] | None = None) -> None:
        """Store texts with vectors of `inputs` (the texts themselves when not given)."""
        collection = self._collection(kind)
        vectors = self._embed(inputs or texts)
        step = max(1, min(1000, self._client.get_max_batch_size()))
        for i in range(0, len(ids), step):
            collection.add(
                ids=ids[i:i + step], embeddings=vectors[i:i + step], documents=texts[i:i + step],
                metadatas=metas[i:i + step],  # type: ignore[arg-type]
            )
        self.version += 1

    def _embed(self, texts: list[str], batch: int = 16) -> np.ndarray:
        """Embed in batches so a progress callback can report; one call when nobody listens."""
        if self.progress is None or not texts:
            return np.asarray(self.embedder.embed(texts))
        parts = []
        for start in range(0, len(texts), batch):
            parts.append(np.asarray(self.embedder.embed(texts[start:start + batch])))
            self.progress(min(start + batch, len(texts)), len(texts))
        return np.concatenate(parts)

    # --- stories ---
    def query_stories(self, vector: np.ndarray, k: int, flt: StoryFilter | None = None) -> list[Match]:
        """The k nearest chunks that pass the filter; Match.id is the chunk id, metadata has story_id."""
        return self._query("stories", vector, k, where_clause(flt))

    def stories(self, flt: StoryFilter | None = None) -> list[StoredStory]:
        """Every indexed story passing the filter, its chunks joined in order."""
        got = self._collection("stories").get(where=where_clause(flt), include=["documents", "metadatas"])
        parts: dict[str, list[tuple[int, str]]] = {}
        metas: dict[str, dict[str, MetaValue]] = {}
        for doc, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True):
            story_id = str(meta["story_id"])
            parts.setdefault(story_id, []).append((int(meta.get("chunk_index", 0)), doc or ""))
            metas[story_id] = {k: v for k, v in meta.items() if k != "chunk_index"}  # type: ignore[misc]
        return [
            StoredStory(sid, " ".join(t for _, t in sorted(chunks)), metas[sid]) for sid, chunks in parts.items()
        ]

    def story_ids(self, flt: StoryFilter | None = None) -> set[str]:
        got = self._collection("stories").get(where=where_clause(flt), include=["metadatas"])
        return {str(m["story_id"]) for m in got["metadatas"] or []}

    def vectors(self, kind: str) -> np.ndarray:
        """Every stored vector of a collection, (n, dim): the background a query's scores are set against."""
        got = self._collection(kind).get(include=["embeddings"])
        embeddings = got["embeddings"]
        if embeddings is None or len(embeddings) == 0:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.asarray(embeddings, dtype=np.float32)

    def count_chunks(self) -> int:
        return int(self._collection("stories").count())

    # --- glossary and indicators ---
    def replace_docs(self, kind: DocKind, docs: Sequence[Doc]) -> None:
        """Rebuild a small collection from scratch: these are curated files, not incremental data."""
        self._drop(kind)
        self._collection(kind, digest=_digest(docs))
        if docs:
            metas: list[dict[str, MetaValue]] = [
                {"id": d.id, "order": i, "keywords": "|".join(d.keywords)} for i, d in enumerate(docs)
            ]
            self._add(kind, [d.id for d in docs], [d.text for d in docs], metas)

    def ensure_docs(self, kind: DocKind, docs: Sequence[Doc]) -> bool:
        """Rebuild only when the texts differ from what was indexed; True when it rebuilt."""
        metadata = self._collection(kind).metadata or {}
        if metadata.get("digest") == _digest(docs):
            return False
        self.replace_docs(kind, docs)
        return True

    def query_docs(self, kind: DocKind, vector: np.ndarray, k: int) -> list[Match]:
        return self._query(kind, vector, k, None)

    def docs(self, kind: DocKind) -> list[Doc]:
        """The collection's documents in the order they were given (the catalogue's order)."""
        got = self._collection(kind).get(include=["documents", "metadatas"])
        rows = zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        ordered = sorted(rows, key=lambda r: int(r[2].get("order", 0)) if r[2] else 0)  # type: ignore[arg-type]
        return [Doc(i, d or "", tuple(k for k in str((m or {}).get("keywords", "")).split("|") if k))
                for i, d, m in ordered]

    def count(self, kind: str) -> int:
        return int(self._collection(kind).count())

    def reset(self) -> None:
        """Drop this embedder's collections (a full reindex follows)."""
        for kind in ("stories", "glossary", "indicators"):
            self._drop(kind)

    def _drop(self, kind: str) -> None:
        name = f"{kind}-{self.embedder.name}"
        self._collections.pop(kind, None)
        if any(c.name == name for c in self._client.list_collections()):
            self._client.delete_collection(name)
        self.version += 1

    def _query(self, kind: str, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[Match]:
        collection = self._collection(kind)
        if k <= 0 or collection.count() == 0:
            return []
        got = collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1), n_results=k, where=where,
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True)  # type: ignore[index]
        # Chroma's cosine distance is 1 - cosine similarity.
        return [Match(i, d or "", 1.0 - float(dist), dict(m or {})) for i, d, m, dist in rows]
