"""Hybrid search: vectors (Chroma) plus BM25 keywords, fused by reciprocal rank, with a relevance floor.

The floor makes "no matching stories" a real answer. STORY_FLOORS (see retrieval/search/floor.py) and
TERM_FLOORS hold values calibrated per embedder by `python -m eval.retrieval_eval` on
eval/retrieval_stories.yaml, for stories on whole and small (10, 30, 100) demo collections.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from retrieval.search.area_scope import AreaScoper
from retrieval.search.chroma import DocKind, StoredStory, VectorStore
from retrieval.search.chunking import split_text
from retrieval.search.floor import DEFAULT_FLOOR, DEFAULT_TERM_FLOOR, FLOORS, TERM_FLOORS, Evidence, StoryFloor
from retrieval.search.fusion import Floor, rrf, standardise
from retrieval.search.keyword import tokenize
from retrieval.search.search_index import SearchIndex, load_index
from retrieval.stories.filter import StoryFilter

Mode = Literal["hybrid", "vector", "keyword"]

@dataclass(frozen=True)
class StoryHit:
    story_id: str
    score: float  # fused RRF score: only meaningful for ordering
    text: str
    matched_chunk: str
    area_code: str | None
    wijk_code: str | None
    date: int | None  # YYYYMMDD
    themes: tuple[str, ...]
    role: str | None
    similarity: float  # cosine of the best chunk; 0 when only keywords matched
    z: float  # that cosine in standard deviations above the query's mean over all stories
    keyword_score: float  # BM25; 0 when no query word occurs
    keyword_coverage: float  # idf-weighted share of the query's words in the story
    on_theme: bool = False  # carries a theme the question is about (theme evidence for the floor)


@dataclass(frozen=True)
class StoryResult:
    hits: list[StoryHit]
    fallback_note: str | None = None  # set when a thin buurt was widened to its wijk
    area_codes: tuple[str, ...] = ()  # the area codes actually searched
    collection_size: int = 0  # vectors the z-scores were set against (the floor's n)


@dataclass(frozen=True)
class DocHit:
    id: str  # glossary term or indicator id
    score: float
    similarity: float
    z: float
    keyword_coverage: float


@dataclass(frozen=True)
class _Signals:
    """Per-candidate raw scores of one query; ids in vector order."""

    sims: dict[str, float]
    zs: dict[str, float]
    chunks: dict[str, str]
    bm25: dict[str, float]
    coverage: dict[str, float]


def expand(query: str, themes: Sequence[str]) -> str:
    """The query with the names of its themes, the words stories are embedded with ('eenzaamheid; ...')."""
    words = [t.replace("_", " ") for t in themes if t.replace("_", " ") not in query.lower()]
    return f"{query} ({', '.join(words)})" if words else query


def _str(value: object) -> str | None:
    return str(value) if value is not None else None


def _best_chunk(text: str, query: str, chunk_chars: int) -> str:
    """For a keyword-only hit: the chunk that shares most words with the query."""
    words = set(tokenize(query))
    return max(split_text(text, chunk_chars), key=lambda c: len(words & set(tokenize(c))))


class Retriever:
    """Story, glossary and indicator search over one VectorStore."""

    def __init__(self, store: VectorStore, scoper: AreaScoper | None = None, floor: StoryFloor | None = None,
                 candidates: int = 50) -> None:
        self.store = store
        self.scoper = scoper or AreaScoper()
        self.floor = floor or FLOORS.get(store.embedder.name, DEFAULT_FLOOR)
        default_terms = {"glossary": DEFAULT_TERM_FLOOR, "indicators": DEFAULT_TERM_FLOOR}
        self.term_floors = TERM_FLOORS.get(store.embedder.name, default_terms)
        # BM25 joins the fusion only where it covers this much of the query (see _keyword_ranking).
        self.keyword_gate = 0.5
        self.candidates = candidates
        self._indexes: dict[str, SearchIndex] = {}
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def _query_vector(self, query: str) -> np.ndarray:
        # The pipeline searches stories, glossary and indicators with the same question: embed it once.
        if query not in self._vectors:
            self._vectors[query] = self.store.embedder.embed_query([query])[0]
            if len(self._vectors) > 64:
                self._vectors.popitem(last=False)
        return self._vectors[query]

    def _index(self, kind: str) -> SearchIndex:
        cached = self._indexes.get(kind)
        if cached is None or cached.version != self.store.version:
            self._indexes[kind] = cached = load_index(self.store, kind)
        return cached

    def refresh(self) -> None:
        """Forget cached keyword indexes (after another process changed the store)."""
        self._indexes = {}

    # --- stories ---
    def search_stories(self, query: str, flt: StoryFilter | None = None, k: int = 5, mode: Mode = "hybrid",
                       apply_floor: bool = True, themes: Sequence[str] = ()) -> StoryResult:
        """The k best stories for the query within the filter; no hits means nothing relevant.

        themes: what the question is about (from understanding). Their words join the vector query, and a
        story carrying one of them counts as theme evidence for the floor.
        """
        flt, note = self._scope(flt or StoryFilter())
        index = self._index("stories")
        allowed = None if flt.is_empty() else self.store.story_ids(flt)
        signals = self._story_signals(expand(query, themes), flt, index, allowed, mode)
        fused = rrf([list(signals.sims), self._keyword_ranking(signals, mode)])
        n = len(index.background) if mode != "keyword" else 0
        evidence = {i: self._evidence(i, signals, index, themes) for i, _ in fused}
        if apply_floor and not self.floor.admits_query(list(evidence.values()), n):
            return StoryResult([], note, flt.area_codes, n)
        hits: list[StoryHit] = []
        for story_id, score in fused:
            if story_id in index.stories and (not apply_floor or self.floor.admits_hit(evidence[story_id], n)):
                hit = self._hit(index.stories[story_id], score, query, signals)
                hits.append(replace(hit, on_theme=evidence[story_id].theme))
            if len(hits) == k:
                break
        return StoryResult(hits, note, flt.area_codes, n)

    @staticmethod
    def _evidence(story_id: str, s: _Signals, index: SearchIndex, themes: Sequence[str]) -> Evidence:
        story = index.stories.get(story_id)
        carried = set(str(story.metadata.get("themes", "")).split("|")) if story else set()
        return Evidence(s.sims.get(story_id, -1.0), s.zs.get(story_id, -9.0), s.coverage.get(story_id, 0.0),
                        bool(carried & set(themes)))

    @staticmethod
    def _admits_query(signals: _Signals, fused: list[tuple[str, float]], mode: Mode, floor: Floor) -> bool:
        best_z = max(signals.zs.values(), default=-9.0) if mode != "keyword" else -9.0
        best_cov = max((signals.coverage.get(i, 0.0) for i, _ in fused), default=0.0)
        return floor.admits_query(best_z, best_cov)

    def _scope(self, flt: StoryFilter) -> tuple[StoryFilter, str | None]:
        """Expand stadsdelen and widen thin buurten to their wijk (with a note saying so)."""
        if not flt.area_codes:
            return flt, None
        scope = self.scoper.scope(flt.area_codes, lambda code: len(self.store.story_ids(flt.with_areas((code,)))))
        return flt.with_areas(scope.codes), scope.fallback_note

    def _story_signals(self, query: str, flt: StoryFilter, index: SearchIndex, allowed: set[str] | None,
                       mode: Mode) -> _Signals:
        sims: dict[str, float] = {}
        chunks: dict[str, str] = {}
        zs: dict[str, float] = {}
        if mode != "keyword":
            vector = self._query_vector(query)
            for match in self.store.query_stories(vector, self.candidates * 3, flt):
                story_id = str(match.metadata["story_id"])
                if story_id not in sims and len(sims) < self.candidates:
                    sims[story_id], chunks[story_id] = match.score, match.text
            values = standardise(np.array(list(sims.values())), index.background @ vector)
            zs = dict(zip(sims, values.tolist(), strict=True))
        bm25, coverage = index.keyword(query, allowed, self.candidates) if mode != "vector" else ({}, {})
        return _Signals(sims, zs, chunks, bm25, coverage)

    def _keyword_ranking(self, signals: _Signals, mode: Mode) -> list[str]:
        """BM25's ranking as fused: in hybrid mode only stories that cover the query's words well.

        On paraphrase questions BM25's weak matches pushed good vector hits out of the top 5 (plain RRF
        cost e5 0.2 recall@5); gated, BM25 still adds rare exact words and costs nothing.
        """
        if mode == "hybrid":
            return [i for i in signals.bm25 if signals.coverage.get(i, 0.0) >= self.keyword_gate]
        return list(signals.bm25)

    def _hit(self, story: StoredStory, score: float, query: str, s: _Signals) -> StoryHit:
        meta, sid = story.metadata, story.story_id
        date = meta.get("date")
        chunk = s.chunks.get(sid) or _best_chunk(story.text, query, self.store.chunk_chars)
        return StoryHit(
            sid, score, story.text, chunk, _str(meta.get("area_code")), _str(meta.get("wijk_code")),
            int(date) if isinstance(date, int) else None,
            tuple(t for t in str(meta.get("themes", "")).split("|") if t), _str(meta.get("role")),
            s.sims.get(sid, 0.0), s.zs.get(sid, -9.0), s.bm25.get(sid, 0.0), s.coverage.get(sid, 0.0),
        )

    # --- glossary and indicator definitions ---
    def search_docs(self, kind: DocKind, query: str, k: int = 3, mode: Mode = "hybrid",
                    apply_floor: bool = True) -> list[DocHit]:
        """Glossary terms or indicator definitions for a query, best first."""
        index = self._index(kind)
        if not index.ids:
            return []
        sims: dict[str, float] = {}
        zs: dict[str, float] = {}
        if mode != "keyword":
            vector = self._query_vector(query)
            sims = {m.id: m.score for m in self.store.query_docs(kind, vector, self.candidates)}
            values = standardise(np.array(list(sims.values())), index.background @ vector)
            zs = dict(zip(sims, values.tolist(), strict=True))
        bm25, coverage = index.keyword(query, None, self.candidates) if mode != "vector" else ({}, {})
        signals = _Signals(sims, zs, {}, bm25, coverage)
        # A third voice, counted double: entries whose own curated names (title, aliases, synonyms) contain
        # all the query's words. Without it "ouderen" ranked six Gezondheidsmonitor age bands above Wmo.
        named = index.named(query) if mode == "hybrid" else []
        fused = rrf([list(sims), self._keyword_ranking(signals, mode), named], weights=(1.0, 1.0, 2.0))
        floor = self.term_floors[kind]
        if apply_floor and not self._admits_query(signals, fused, mode, floor):
            return []
        hits = [DocHit(i, s, sims.get(i, 0.0), zs.get(i, -9.0), coverage.get(i, 0.0)) for i, s in fused]
        return [h for h in hits if not apply_floor or floor.admits_hit(h.z, h.keyword_coverage)][:k]

    def search_glossary(self, query: str, k: int = 3) -> list[tuple[str, float]]:
        """Glossary terms that explain the query, as (term, score)."""
        return [(h.id, h.score) for h in self.search_docs("glossary", query, k)]

    def link_indicators(self, query: str, k: int = 3) -> list[tuple[str, float]]:
        """Indicator ids the query is about, as (indicator_id, score): 'armoede' -> laag_inkomen_pct, ..."""
        return [(h.id, h.score) for h in self.search_docs("indicators", query, k)]
