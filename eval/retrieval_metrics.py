"""Retrieval metrics and the relevance-floor calibration, on plain lists so they are easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.search.floor import Evidence, StoryFloor
from retrieval.search.fusion import Floor


@dataclass(frozen=True)
class Candidate:
    """One returned id with the raw signals the floor looks at."""

    id: str
    z: float
    coverage: float
    similarity: float = -1.0
    theme: bool = False

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.similarity, self.z, self.coverage, self.theme)


@dataclass(frozen=True)
class Run:
    """The ranked candidates one query returned (no floor applied), with its gold ids."""

    query: str
    gold: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    n: int = 0  # collection size the z-scores were set against (the story floor's n)


def recall_at(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """Share of the gold ids found in the top k."""
    return len(set(ranked[:k]) & set(gold)) / len(gold) if gold else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: Sequence[str], k: int = 10) -> float:
    for rank, item in enumerate(ranked[:k], start=1):
        if item in gold:
            return 1.0 / rank
    return 0.0


def floored(run: Run, floor: Floor | StoryFloor | None) -> list[str]:
    """Replays Retriever's floor: the whole query is dropped, or the hits that stand out too little."""
    if floor is None:
        return [c.id for c in run.candidates]
    if isinstance(floor, StoryFloor):
        if not floor.admits_query([c.evidence for c in run.candidates], run.n):
            return []
        return [c.id for c in run.candidates if floor.admits_hit(c.evidence, run.n)]
    best_z = max((c.z for c in run.candidates), default=-9.0)
    best_cov = max((c.coverage for c in run.candidates), default=0.0)
    if not floor.admits_query(best_z, best_cov):
        return []
    return [c.id for c in run.candidates if floor.admits_hit(c.z, c.coverage)]


@dataclass(frozen=True)
class Scores:
    recall_at_5: float
    mrr: float
    queries: int
    empty_on_no_match: float | None = None  # share of no-match queries that returned nothing

    def as_dict(self) -> dict[str, float | int | None]:
        return {"recall@5": round(self.recall_at_5, 3), "mrr": round(self.mrr, 3), "queries": self.queries,
                "empty_on_no_match": None if self.empty_on_no_match is None else round(self.empty_on_no_match, 3)}


def score_runs(runs: Sequence[Run], floor: Floor | StoryFloor | None = None, k: int = 5) -> Scores:
    """Recall@k and MRR over queries with gold ids; the empty rate over queries without."""
    with_gold = [r for r in runs if r.gold]
    no_match = [r for r in runs if not r.gold]
    ranked = [floored(r, floor) for r in with_gold]
    n = max(len(with_gold), 1)
    recall = sum(recall_at(x, r.gold, k) for x, r in zip(ranked, with_gold, strict=True)) / n
    mrr = sum(reciprocal_rank(x, r.gold) for x, r in zip(ranked, with_gold, strict=True)) / n
    empty = None
    if no_match:
        empty = sum(1 for r in no_match if not floored(r, floor)[:k]) / len(no_match)
    return Scores(recall, mrr, len(with_gold), empty)


def calibrate_floor(runs: Sequence[Run], z_margin: float = 0.1, coverage_margin: float = 0.1,
                    slack: float = 1.0) -> Floor:
    """The lowest floor under which every no-match query returns nothing, plus a margin.

    Recall only falls as either threshold rises, so the lowest floor that silences all no-match
    queries is the best these queries allow; the margin buys room for unseen off-topic questions.
    """
    no_match = [c for r in runs if not r.gold for c in r.candidates]
    top_z = max((c.z for c in no_match), default=0.0)
    top_cov = max((c.coverage for c in no_match), default=0.0)
    return Floor(z=round(top_z + z_margin, 2), coverage=round(min(top_cov + coverage_margin, 1.01), 2), slack=slack)
