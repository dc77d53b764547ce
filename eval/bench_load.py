"""The many-users figure in `make bench`: 50 concurrent clients × 20 questions against `duiding serve --llm none`.

Each client sends its 20 streamed questions one after another; the run is bounded in time (--load-seconds),
so a stuck server ends the bench with errors instead of hanging it. Reported: requests, errors, p50/p95 of
the time to `done` and to the first event, and the server's RSS.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import httpx

from eval.load import QUESTIONS, load_demo_data, one_chat, report_markdown, rss_mb, run_clients, served

CLIENTS = 50
QUESTIONS_PER_CLIENT = 20


def many_users(clients: int = CLIENTS, per_client: int = QUESTIONS_PER_CLIENT, bound_s: float = 600.0,
               embedder: str = "fake") -> dict[str, object]:
    """Start `duiding serve` on the demo city (no LLM), run the clients, print and return the summary."""
    with tempfile.TemporaryDirectory(prefix="duiding-load-") as tmp:
        data_dir = Path(tmp) / "data"
        load_demo_data(data_dir, embedder)
        with served(data_dir, "none", embedder) as (base, proc):
            with httpx.Client() as client:
                one_chat(client, base, QUESTIONS[0], 120.0)  # warm up: stores load on first use
            rss_start = rss_mb(proc.pid)
            started = time.monotonic()
            result = run_clients(base, clients, bound_s, max_requests=per_client, timeout_s=120.0)
            result.seconds = round(time.monotonic() - started, 1)  # the wall time taken, not the bound
            result.rss_start_mb, result.rss_end_mb = rss_start, rss_mb(proc.pid)
    summary = result.summary()
    expected = clients * per_client
    print(f"  {clients} clients × {per_client} questions = {expected} requests planned "
          f"(bounded at {bound_s:g} s); done {summary['requests']}, errors {summary['errors']}")
    print("  " + report_markdown(summary, "none", embedder).replace("\n", "\n  "))
    for sample in result.error_samples:
        print(f"  error: {sample}")
    return summary
