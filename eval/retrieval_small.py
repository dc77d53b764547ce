"""Small collections: does the story floor hold on 10, 30 and 100 demo stories as on all 173?

Each size partitions a seeded shuffle of the demo stories into disjoint collections (17 of 10, 5 of 30,
2 of 100 that overlap, and the whole set). A query with gold is asked in the collections that hold its
gold story (gold not in a collection is not counted); an off-topic query is asked in every collection.
Vectors come from one CachingEmbedder, so each story is embedded once per run.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.core.settings import Settings
from eval.retrieval_metrics import Candidate, Run, recall_at
from retrieval.models import Story
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import Embedder
from retrieval.search.floor import StoryFloor
from retrieval.search.indexing import sync_stories
from retrieval.search.retrieve import Retriever
from retrieval.stories.store import StoryStore

SIZES = (10, 30, 100, 0)  # 0: the whole collection
POOL = 50
ThemesOf = Callable[[str], list[str]]


@dataclass(frozen=True)
class SmallQuery:
    query: str
    gold: tuple[str, ...]


def collections(stories: Sequence[Story], size: int, seed: int = 26) -> list[list[Story]]:
    if size <= 0 or size >= len(stories):
        return [list(stories)]
    order = list(stories)
    random.Random(seed).shuffle(order)
    if size * 2 > len(order):  # 100 of 173: the first and the last 100
        return [order[:size], order[-size:]]
    return [order[i:i + size] for i in range(0, len(order) - size + 1, size)]


def _retriever(stories: Sequence[Story], embedder: Embedder, workdir: Path) -> Retriever:
    settings = Settings(data_dir=workdir, embedder="fake")
    StoryStore.from_settings(settings).add_many(list(stories))
    store = VectorStore(settings, embedder)
    sync_stories(store, list(stories))
    return Retriever(store, floor=StoryFloor(z=0, similarity=0))  # the floor is replayed, not applied


def _run(retriever: Retriever, q: SmallQuery, gold: tuple[str, ...], themes: list[str]) -> Run:
    result = retriever.search_stories(q.query, None, k=POOL, apply_floor=False, themes=themes)
    cands = tuple(Candidate(h.story_id, h.z, h.keyword_coverage, h.similarity, h.on_theme) for h in result.hits)
    return Run(q.query, gold, cands, result.collection_size)


def size_runs(stories: Sequence[Story], queries: Sequence[SmallQuery], embedder: Embedder,
              themes_of: ThemesOf | None) -> dict[int, list[Run]]:
    """Runs per collection size (0 = all), without the floor, so any floor can be replayed on them."""
    out: dict[int, list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="duiding-small-") as tmp:
        for size in SIZES:
            runs: list[Run] = []
            for i, part in enumerate(collections(stories, size)):
                retriever = _retriever(part, embedder, Path(tmp) / f"{size}-{i}")
                held = {s.id for s in part}
                for q in queries:
                    gold = tuple(g for g in q.gold if g in held)
                    if q.gold and not gold:
                        continue
                    runs.append(_run(retriever, q, gold, themes_of(q.query) if themes_of else []))
            out[size or len(stories)] = runs
    return out


def small_scores(runs: Sequence[Run], floor: StoryFloor | None, k: int = 3) -> dict[str, Any]:
    """R@k over runs with gold and the share of off-topic runs left empty, with this floor (None: none)."""
    from eval.retrieval_metrics import floored

    with_gold = [r for r in runs if r.gold]
    off = [r for r in runs if not r.gold]
    recall = sum(recall_at(floored(r, floor), r.gold, k) for r in with_gold) / max(len(with_gold), 1)
    empty = sum(1 for r in off if not floored(r, floor)[:k]) / max(len(off), 1)
    return {f"recall@{k}": round(recall, 3), "empty_off_topic": round(empty, 3), "gold_runs": len(with_gold),
            "off_topic_runs": len(off)}


def half(query: str) -> int:
    """0: the calibration half, 1: the held-out half (a stable hash of the query text, not its position)."""
    return int(hashlib.sha256(query.encode("utf-8")).hexdigest(), 16) % 2


def split(by_size: dict[int, list[Run]], part: int) -> dict[int, list[Run]]:
    return {size: [r for r in runs if half(r.query) == part] for size, runs in by_size.items()}


def ceiling(runs: Sequence[Run], ks: Sequence[int] = (1, 3, 5, 10)) -> dict[str, float]:
    """R@k without any floor: what ranking alone reaches, so a floor's cost and ranking's limit separate."""
    with_gold = [r for r in runs if r.gold]
    ids = [[c.id for c in r.candidates] for r in with_gold]
    return {f"recall@{k}": round(sum(recall_at(x, r.gold, k) for x, r in zip(ids, with_gold, strict=True))
                                 / max(len(with_gold), 1), 3) for k in ks}


def calibrate(by_size: dict[int, list[Run]], base: StoryFloor, min_empty: float = 0.95) -> StoryFloor:
    """The floor with the best worst-size R@3 among those that leave >= min_empty off-topic runs empty
    at every size; `base` when none does."""
    best: tuple[float, StoryFloor] | None = None
    grid = itertools.product((-1.0, -0.5, 0.0), (0.845, 0.85, 0.855), (0.0, 0.01, 0.02, 0.03), (0.8, 0.81, 1.01))
    for z, sim, slope, theme_sim in grid:
        floor = replace(base, z=z, similarity=sim, similarity_slope=slope, theme_similarity=theme_sim)
        scores = [small_scores(runs, floor) for runs in by_size.values()]
        if min(s["empty_off_topic"] for s in scores) < min_empty:
            continue
        worst = min(s["recall@3"] for s in scores)
        if best is None or worst > best[0]:
            best = (worst, floor)
    return best[1] if best else base


def evaluate_small(stories: Sequence[Story], queries: Sequence[SmallQuery], embedder: Embedder,
                   shipped: StoryFloor, themes_of: ThemesOf) -> dict[str, Any]:
    """Per size: R@3 without floor, with the shipped floor, with/without theme evidence, and a floor
    calibrated on half of the queries (half() == 0) reported on the other half and on all."""
    themed = size_runs(stories, queries, embedder, themes_of)
    plain = size_runs(stories, queries, embedder, None)
    calibrated = calibrate(split(themed, 0), shipped)
    held_out = split(themed, 1)
    rows = {str(size): {"no_floor": small_scores(themed[size], None),
                        "ceiling": ceiling(themed[size]),
                        "shipped_floor": small_scores(themed[size], shipped),
                        "shipped_floor_held_out": small_scores(held_out[size], shipped),
                        "shipped_floor_no_themes": small_scores(plain[size], shipped),
                        "calibrated_floor": small_scores(themed[size], calibrated),
                        "calibrated_floor_held_out": small_scores(held_out[size], calibrated)}
            for size in themed}
    return {"sizes": rows, "shipped": vars(shipped), "calibrated": vars(calibrated)}
