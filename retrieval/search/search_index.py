"""In-memory companions of a Chroma collection: the BM25 index and the background vectors.

Rebuilt when the VectorStore's version changes, so adds and deletes reach keyword search at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from retrieval.search.chroma import StoredStory, VectorStore
from retrieval.search.keyword import BM25, tokenize
from retrieval.stories.filter import context_of


@dataclass
class SearchIndex:
    version: int
    ids: list[str]
    bm25: BM25
    background: np.ndarray  # every vector of the collection, (n, dim)
    stories: dict[str, StoredStory] = field(default_factory=dict)  # empty for glossary and indicators
    names: list[list[frozenset[str]]] = field(default_factory=list)  # per doc: its keywords, tokenised

    def named(self, query: str) -> list[str]:
        """Docs that go by the query's words ('ouderen' names leeftijd_65_plus and wmo_per_1000), in order."""
        words = frozenset(tokenize(query))
        if not words:
            return []
        return [i for i, names in zip(self.ids, self.names, strict=True) if any(words <= n for n in names)]

    def keyword(self, query: str, allowed: set[str] | None, limit: int) -> tuple[dict[str, float], dict[str, float]]:
        """BM25 scores and query coverage of the best `limit` documents with any query word, best first."""
        scores = self.bm25.scores(query)
        coverage = self.bm25.coverage(query)
        ranked: dict[str, float] = {}
        covered: dict[str, float] = {}
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0 or len(ranked) == limit:
                break
            doc_id = self.ids[i]
            if allowed is None or doc_id in allowed:
                ranked[doc_id], covered[doc_id] = float(scores[i]), float(coverage[i])
        return ranked, covered


def load_index(store: VectorStore, kind: str) -> SearchIndex:
    """Read a collection back from Chroma and build its keyword index."""
    version = store.version
    if kind == "stories":
        stories = store.stories()
        # Themes and role go in too: they were written for this story and name what it is about.
        bm25 = BM25([context_of(s.metadata) + s.text for s in stories])
        by_id = {s.story_id: s for s in stories}
        return SearchIndex(version, list(by_id), bm25, _story_background(store), by_id)
    docs = store.docs(kind)  # type: ignore[arg-type]
    names = [[frozenset(tokenize(k)) for k in d.keywords] for d in docs]
    return SearchIndex(version, [d.id for d in docs], BM25([d.text for d in docs]), store.vectors(kind), names=names)


def _story_background(store: VectorStore) -> np.ndarray:
    """The story vectors: a hit's z-score is set against the collection it was found in.

    A small collection gives small z-scores (with n vectors no hit can stand out more than sqrt(n - 1)
    deviations); the story floor scales its z threshold with n instead (retrieval/search/floor.py).
    """
    return store.vectors("stories")
