"""The held-out 12-story collection (eval/data/stories12.jsonl): real-style Dutch stories, paraphrased queries.

Never used to calibrate anything; reported beside the demo subsets so a floor tuned on demo queries shows
what it does on a municipality's first small collection.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from assistant.core.settings import Settings
from assistant.understand.themes import themes_of_text
from eval.retrieval_metrics import Candidate, Run, floored, recall_at
from retrieval.models import Story
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import Embedder
from retrieval.search.floor import StoryFloor
from retrieval.search.indexing import sync_stories
from retrieval.search.retrieve import Retriever

DATA = Path(__file__).parent / "data"


def load_twelve() -> tuple[list[Story], list[tuple[str, str]], list[str]]:
    lines = (DATA / "stories12.jsonl").read_text(encoding="utf-8").splitlines()
    stories = [Story.model_validate(json.loads(line)) for line in lines if line.strip()]
    queries = yaml.safe_load((DATA / "stories12_queries.yaml").read_text(encoding="utf-8"))
    return stories, [(q["query"], q["gold"]) for q in queries["paraphrases"]], list(queries["off_topic"])


def twelve_runs(embedder: Embedder) -> list[Run]:
    """One run per query without the floor (gold () for off-topic), so floors can be replayed."""
    stories, paraphrases, off_topic = load_twelve()
    asked = [(q, (g,)) for q, g in paraphrases] + [(q, ()) for q in off_topic]
    with tempfile.TemporaryDirectory(prefix="duiding-twelve-") as tmp:
        store = VectorStore(Settings(data_dir=Path(tmp), embedder="fake"), embedder)
        sync_stories(store, stories)
        retriever = Retriever(store, floor=StoryFloor(z=0, similarity=0))
        runs = []
        for query, gold in asked:
            result = retriever.search_stories(query, k=50, apply_floor=False, themes=themes_of_text(query))
            cands = tuple(Candidate(h.story_id, h.z, h.keyword_coverage, h.similarity, h.on_theme)
                          for h in result.hits)
            runs.append(Run(query, tuple(gold), cands, result.collection_size))
    return runs


def twelve_scores(runs: list[Run], floor: StoryFloor | None) -> dict[str, Any]:
    """R@3, first hit right, share of genuine queries with any hit, and off-topic queries left empty."""
    gold = [r for r in runs if r.gold]
    off = [r for r in runs if not r.gold]
    ranked = [floored(r, floor) for r in gold]
    return {
        "recall@3": round(sum(recall_at(x, r.gold, 3) for x, r in zip(ranked, gold, strict=True)) / len(gold), 3),
        "first_right": round(sum(1 for x, r in zip(ranked, gold, strict=True) if x[:1] == list(r.gold[:1]))
                             / len(gold), 3),
        "answered": round(sum(1 for x in ranked if x) / len(gold), 3),
        "empty_off_topic": round(sum(1 for r in off if not floored(r, floor)[:3]) / len(off), 3),
        "queries": f"{len(gold)} / {len(off)}",
    }
