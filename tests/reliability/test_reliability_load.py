"""Load, short: 5 streaming chat clients for 5 s against `duiding serve` in its own process, 0 errors.

The 60-second run with 20 clients is `python -m eval.load`; its figures are in docs/robustness.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.load import load_demo_data, rss_mb, run_clients, served


@pytest.mark.parametrize("llm", ["fake", "none"])
def test_five_streaming_clients_for_five_seconds_have_no_errors(tmp_path: Path, llm: str) -> None:
    data_dir = tmp_path / "data"
    load_demo_data(data_dir, embedder="fake")
    with served(data_dir, llm=llm, embedder="fake") as (base, proc):
        start = rss_mb(proc.pid)
        result = run_clients(base, clients=5, seconds=5.0, max_requests=200, timeout_s=30.0)
        end = rss_mb(proc.pid)
    summary = result.summary()
    assert result.errors == 0, result.error_samples
    assert result.requests >= 10 and len(result.latencies_s) == result.requests
    assert summary["p95_s"] is not None and summary["p95_s"] < 30
    assert start is not None and end is not None and end < start + 300  # MB: no runaway growth in 5 s
