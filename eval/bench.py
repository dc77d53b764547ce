"""`make bench`: latency and memory of the non-LLM answer path, ingest throughput, embedded TTFT before/after,
p50/p95 of 1, 2 and 4 concurrent sessions on the embedded model (eval/bench_sessions.py).

    python -m eval.bench [--runs 30] [--skip-nl] [--skip-llm] [--skip-load] [--load-seconds 600]

Prints figures only; nothing here asserts a time. Stores: the demo city, real Den Haag (DUIDING_REAL_DATA)
and an all-NL store (≈17,000 areas × 100 indicators × 5 years) generated into a temporary dir with
eval/bench_facts.py's generator. Latency is measured without tracemalloc; peak Python memory is a separate,
traced pass; peak RSS (ru_maxrss) is process-wide and only grows, so read it as "so far". Last, 50 concurrent
clients × 20 questions against `duiding serve --llm none` (eval/bench_load.py).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.core.settings import Settings
from eval.bench_stories import story_ingest
from eval.gold_real import FILES, NAMES, PROPS, real_root

DEMO_QUESTIONS = ["Is 18% jeugdzorg in het Weverskwartier veel?", "Hoeveel inwoners heeft Lindenhove?",
                  "Hoe zit het met armoede in Lindenhove vergeleken met de stad?",
                  "Welke wijk heeft de hoogste jeugdzorg?",
                  "Is de jeugdzorg in het Weverskwartier gestegen sinds 2019?"]
REAL_QUESTIONS = ["Is de jeugdzorg in Moerwijk hoger dan in heel Den Haag?", "Hoeveel inwoners heeft Ypenburg?",
                  "Hoe zit het met lage inkomens in de Schildersbuurt vergeleken met de stad?",
                  "Welke wijk heeft de hoogste jeugdzorg?", "Hoeveel inwoners heeft Oostduinen?"]
NL_QUESTIONS = ["Hoeveel inwoners heeft Wijk 180-1?", "Is de jeugdzorg in Buurt 180-1-2 hoog?",
                "Hoe zit het met lage inkomens in Gemeente 42 vergeleken met Nederland?",
                "Welke wijk heeft de hoogste jeugdzorg?", "Hoeveel WMO-cliënten heeft Wijk 300-3?"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def service(settings: Settings) -> Any:
    from assistant.pipeline import AnswerService
    from assistant.wiring import build_deps

    return AnswerService(build_deps(settings, with_llm=False))


def ask_path(label: str, settings: Settings, questions: list[str], runs: int) -> dict[str, Any]:
    """p50/p95 of ask() with no LLM, the cold first answer, and peak traced memory of one round."""
    from assistant.schemas import Question

    svc = service(settings)
    start = time.perf_counter()
    first = svc.ask(Question(question=questions[0])).answer
    cold = (time.perf_counter() - start) * 1000
    times = []
    for i in range(runs):
        start = time.perf_counter()
        svc.ask(Question(question=questions[i % len(questions)]))
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    for q in questions:
        svc.ask(Question(question=q))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    row = {"store": label, "cold_ms": round(cold, 1), "p50_ms": round(statistics.median(times), 1),
           "p95_ms": round(pct(times, 0.95), 1), "peak_traced_mb": round(peak, 1), "rss_so_far_mb": round(rss_mb()),
           "first_answer_areas": first.areas}
    print(f"  {label:<26} cold {cold:8.0f} ms   p50 {row['p50_ms']:7.1f} ms   p95 {row['p95_ms']:7.1f} ms   "
          f"peak traced {peak:7.1f} MB   RSS so far {row['rss_so_far_mb']} MB   (understood {first.areas})", flush=True)
    return row


def demo_store(data_dir: Path) -> Settings:
    from retrieval.demo.city import load_demo
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=data_dir, llm="none", embedder="fake")
    load_demo(IndicatorStore(settings.indicator_dir))
    return settings


def den_haag_store(data_dir: Path, root: Path) -> tuple[Settings, int, float]:
    """Import KWB 2019 + 2021 through Duiding's reader; returns rows imported and seconds."""
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=data_dir, llm="none", embedder="fake")
    store, rows, start = IndicatorStore(settings.indicator_dir), 0, time.perf_counter()
    for path, year in FILES:
        rows += ingest_table(store, root / path, "cbs", year=year, names=root / NAMES, metadata=root / PROPS).rows
    return settings, rows, time.perf_counter() - start


def nl_store(data_dir: Path) -> tuple[Settings, int, float]:
    from eval.bench_facts import nl_frames
    from retrieval.models import ImportReport
    from retrieval.tables.store import ImportBatch, IndicatorStore

    settings = Settings(data_dir=data_dir, llm="none", embedder="fake")
    start = time.perf_counter()
    values, areas = nl_frames(100)
    batch = ImportBatch(values, areas, [], {"CBS KWB": {}}, ImportReport(file="generated", format="bench"))
    IndicatorStore(settings.indicator_dir).replace_all(batch)
    return settings, int(areas["area_code"].nunique()), time.perf_counter() - start


def table_ingest(root: Path, repeats: int = 3) -> None:
    """Rows/s for the real KWB 2019 file (159 rows × 118 columns), each time into a fresh store."""
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    path, year = FILES[0]
    rates = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="duiding-bench-ingest-") as tmp:
            store = IndicatorStore(Path(tmp) / "indicators")
            start = time.perf_counter()
            report = ingest_table(store, root / path, "cbs", year=year, names=root / NAMES, metadata=root / PROPS)
            seconds = time.perf_counter() - start
            rates.append((report.rows / seconds, report.values / seconds))
    rows, vals = statistics.median(r[0] for r in rates), statistics.median(r[1] for r in rates)
    print(f"  table ingest (KWB 2019, {report.rows} rows, {report.values} values): {rows:,.0f} rows/s, "
          f"{vals:,.0f} values/s (median of {repeats})")


def embedded_ttft(data_dir: Path) -> None:
    """Embedded time to the first checked sentence: the old full prompt (baseline) and the small-model prompt,
    in one run with one loaded model (eval/bench_llm.py)."""
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        print(f"  embedded TTFT: skipped — llama_cpp not installed ({exc}); pip install 'duiding[embedded]'")
        return
    from eval.bench_llm import compare

    try:
        compare(data_dir, say=lambda line, **_: print(line, flush=True))
    except Exception as exc:  # noqa: BLE001 - model parts missing or checksum wrong: say why and go on
        print(f"  embedded TTFT: skipped — {type(exc).__name__}: {exc}")


def section(title: str, fn: Callable[[], None]) -> None:
    print(title, flush=True)
    fn()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed answers per store")
    parser.add_argument("--skip-nl", action="store_true", help="skip the generated all-NL store")
    parser.add_argument("--skip-llm", action="store_true", help="skip the embedded TTFT and the concurrent sessions")
    parser.add_argument("--stories", type=int, default=1000, help="new stories in the story ingest benchmark")
    parser.add_argument("--only-stories", action="store_true", help="run only the story ingest benchmark")
    parser.add_argument("--skip-load", action="store_true", help="skip the 50-client load test")
    parser.add_argument("--load-seconds", type=float, default=600.0, help="time bound of the load test")
    args = parser.parse_args(argv)
    root = real_root()
    if args.only_stories:
        print("Story ingest (full and incremental):", flush=True)
        for embedder in dict.fromkeys([Settings().embedder, "fake"]):
            story_ingest(embedder, args.stories)
        return 0
    with tempfile.TemporaryDirectory(prefix="duiding-bench-") as tmp:
        base = Path(tmp)
        print("Answer path without LLM (AnswerService.ask, llm=none):", flush=True)
        ask_path("demo city (Duinhaven)", demo_store(base / "demo"), DEMO_QUESTIONS, args.runs)
        if root is None:
            print("  real Den Haag: skipped — set DUIDING_REAL_DATA to the real extracts")
        else:
            settings, rows, secs = den_haag_store(base / "dh", root)
            ask_path(f"real Den Haag ({rows} rows)", settings, REAL_QUESTIONS, args.runs)
        if not args.skip_nl:
            settings, n_areas, secs = nl_store(base / "nl")
            print(f"  all-NL store generated: {n_areas:,} areas × 100 indicators × 5 years in {secs:.1f} s")
            ask_path("all-NL (generated)", settings, NL_QUESTIONS, args.runs)
        print("Ingest throughput:", flush=True)
        if root is None:
            print("  table ingest: skipped — set DUIDING_REAL_DATA")
        else:
            table_ingest(root)
        for embedder in dict.fromkeys([Settings().embedder, "fake"]):
            story_ingest(embedder, args.stories)
        if not args.skip_llm:
            section("Embedded LLM, time to the first checked sentence (hold flock /work/llm.lock):",
                    lambda: embedded_ttft(base / "llm"))
    if not args.skip_llm:
        from eval.bench_sessions import main as sessions_main

        print("Concurrent sessions on the embedded model (`duiding serve --llm embedded`, through the queue):",
              flush=True)
        sessions_main([])
    if not args.skip_load:
        from eval.bench_load import many_users

        print("Many users (`duiding serve --llm none`, streamed /v1/chat/stream on 127.0.0.1):", flush=True)
        many_users(bound_s=args.load_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
