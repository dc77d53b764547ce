"""Retrieval timings: `python -m eval.bench_retrieval [--embedder NAME] [--stories 1000]`.

Prints the time to ingest and embed N stories (made by varying the demo stories) and the warm,
in-process p50 of a filtered story search. Targets: ingest of 1,000 stories <= 10 s, search p50 <= 50 ms.
Figures, not a timed test: the machine's load changes them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from assistant.core.settings import Settings
from eval.retrieval_eval import DEMO_STORIES, load_story_queries
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import make_embedder
from retrieval.search.retrieve import Retriever
from retrieval.stories.filter import StoryFilter
from retrieval.stories.ingest import ingest_stories
from retrieval.stories.store import StoryStore

WIJKEN = [f"WK9901{i:02d}" for i in range(1, 21)]


def varied_stories(n: int, seed: int = 7) -> list[dict[str, object]]:
    """n stories: demo stories with shuffled sentences, other wijken and dates, so no two texts repeat."""
    rng = random.Random(seed)
    demo = [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        row = dict(demo[i % len(demo)])
        sentences = str(row["text"]).split(". ")
        rng.shuffle(sentences)
        row.update(id=f"BENCH-{i:05d}", text=". ".join(sentences), area_code=rng.choice(WIJKEN),
                   date=f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        out.append(row)
    return out


def bench(embedder: str, n: int, queries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="duiding-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), embedder=embedder)
        source = Path(tmp) / "stories.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in varied_stories(n)), "utf-8")
        index = VectorStore(settings, make_embedder(settings))
        index.embedder.embed(["warm up: load the model before the clock starts"])
        start, cpu = time.perf_counter(), time.process_time()
        ingest_stories(source, StoryStore.from_settings(settings, listeners=[index]), None, settings)
        ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
        retriever = Retriever(index)
        asked = [q for q in load_story_queries() if q.gold][:queries]
        flts = [StoryFilter(area_codes=(WIJKEN[i % len(WIJKEN)],), themes=("eenzaamheid", "armoede"))
                for i in range(len(asked))]
        retriever.search_stories("warm up", flts[0])  # builds the keyword index once
        times = []
        for q, flt in zip(asked, flts, strict=True):
            t0 = time.perf_counter()
            retriever.search_stories(q.query, flt)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return {"stories": n, "chunks": index.count_chunks(), "ingest_s": round(ingest_s, 1),
                "ingest_cpu_s": round(ingest_cpu, 1),
                "search_p50_ms": round(statistics.median(times), 1),
                "search_p90_ms": round(times[int(len(times) * 0.9) - 1], 1)}


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default=Settings().embedder)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    result = bench(args.embedder, args.stories, args.queries)
    load = os.getloadavg()[0]
    print(f"embedder {args.embedder}: {result['stories']} stories ({result['chunks']} chunks) ingested and embedded "
          f"in {result['ingest_s']} s, {result['ingest_cpu_s']} s CPU (target <= 10 s); "
          f"filtered search p50 {result['search_p50_ms']} ms, "
          f"p90 {result['search_p90_ms']} ms (target p50 <= 50 ms); load average {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
