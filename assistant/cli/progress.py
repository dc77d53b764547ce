"""A progress display for long embeds on the CLI: tqdm when it is installed, else one stderr line."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from retrieval.search.story_rows import Progress


@contextmanager
def embed_progress(label: str = "verhalen insluiten") -> Iterator[Progress]:
    """Yields a (done, total) callback; the bar appears with the first call, so an ingest with
    nothing new to embed prints nothing."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if importlib.util.find_spec("tqdm") is not None:
            if "bar" not in state:
                from tqdm import tqdm

                state["bar"] = tqdm(total=total, desc=label, unit="tekst", file=sys.stderr)
            bar = state["bar"]
            bar.update(done - bar.n)
            return
        state["plain"] = True
        sys.stderr.write(f"\r{label}: {done}/{total} ({100 * done // max(total, 1)}%)")
        sys.stderr.flush()

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].close()
        elif state.get("plain"):
            sys.stderr.write("\n")
