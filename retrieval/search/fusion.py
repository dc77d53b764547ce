"""Reciprocal rank fusion and the relevance floor shared by story and term search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RRF_K = 60


def rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K,
        weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score = sum of weight / (k + rank), rank from 1; best first, ties stable."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def standardise(similarities: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Similarities in standard deviations above the query's mean similarity to the whole collection.

    Raw cosines drift per query (e5 puts almost everything between 0.75 and 0.90), so a fixed cosine
    cut-off either lets off-topic questions through or drops good hits; how far a hit stands out from
    the rest of the collection separates the two much better (see eval/reports/retrieval.md).
    """
    if background.size < 2:
        return np.zeros_like(similarities)
    return (similarities - background.mean()) / max(float(background.std()), 1e-6)


@dataclass(frozen=True)
class Floor:
    """When results count as relevant.

    A query gets results only when its best hit stands `z` standard deviations out or contains
    `coverage` of the query's (idf-weighted) words; the other hits may stand out `slack` less.
    RRF scores only order results and cannot say "nothing matches"; these two raw signals can.
    """

    z: float
    coverage: float
    slack: float = 1.0

    def admits_query(self, best_z: float, best_coverage: float) -> bool:
        return best_z >= self.z or best_coverage >= self.coverage

    def admits_hit(self, z: float, coverage: float) -> bool:
        return z >= self.z - self.slack or coverage >= self.coverage
