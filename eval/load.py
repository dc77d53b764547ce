"""Load benchmark: N concurrent streaming chat clients against `duiding serve` on 127.0.0.1.

    python -m eval.load                       # 20 clients for 60 s, fake LLM, default embedder, demo city
    python -m eval.load --clients 5 --seconds 5 --llm none --embedder fake

The server is the real entry point (`duiding serve`) in its own process, so its RSS can be read from
/proc at the start and the end. Every client loops over POST /v1/chat/stream until the time is up (and at
most --max-requests times); a request counts as an error unless it returns 200 and ends with a `done`
event. Latency is the time to `done`; time to the first (`facts`) event is reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?",
    "Is de jeugdzorg in Molenwijk veel?",
    "Welke wijk heeft de meeste eenzaamheid?",
    "Hoe is het aantal inwoners in Oosterkade veranderd sinds 2019?",
    "Wat vertellen bewoners van Oosterkade over armoede?",
    "How many people live in Noorderduin?",
)
SERVE = "import sys; from assistant.cli.main import main; sys.argv = ['duiding', 'serve']; main()"


@dataclass
class LoadResult:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    latencies_s: list[float] = field(default_factory=list)
    first_event_s: list[float] = field(default_factory=list)
    rss_start_mb: float | None = None
    rss_end_mb: float | None = None

    def summary(self) -> dict[str, object]:
        out = {k: v for k, v in asdict(self).items() if k not in ("latencies_s", "first_event_s")}
        out.update(p50_s=_pct(self.latencies_s, 50), p95_s=_pct(self.latencies_s, 95),
                   first_event_p50_s=_pct(self.first_event_s, 50), first_event_p95_s=_pct(self.first_event_s, 95),
                   per_second=round(self.requests / self.seconds, 1) if self.seconds else 0.0)
        return out


def _pct(values: Sequence[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 3)


def rss_mb(pid: int) -> float | None:
    """Resident set size of a process from /proc (Linux); None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def one_chat(client: httpx.Client, base: str, question: str, timeout_s: float) -> tuple[float, float]:
    """POST /v1/chat/stream and read to `done`; returns (time to first event, time to done)."""
    t0 = time.perf_counter()
    first, kinds = None, []
    with client.stream("POST", f"{base}/v1/chat/stream", json={"question": question}, timeout=timeout_s) as r:
        if r.status_code != 200:
            raise RuntimeError(f"HTTP {r.status_code}")
        for line in r.iter_lines():
            if line.startswith("event: "):
                first = first if first is not None else time.perf_counter() - t0
                kinds.append(line[7:])
            elif line.startswith("data: ") and kinds and kinds[-1] == "done":
                json.loads(line[6:])
    if not kinds or kinds[-1] != "done" or "error" in kinds:
        raise RuntimeError(f"stream ended with {kinds[-3:]}")
    return first or 0.0, time.perf_counter() - t0


def run_clients(base: str, clients: int, seconds: float, max_requests: int = 10_000,
                timeout_s: float = 60.0, questions: Sequence[str] = QUESTIONS) -> LoadResult:
    """`clients` threads, each asking in a loop until `seconds` have passed (bounded by max_requests)."""
    result = LoadResult(clients=clients, seconds=seconds)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(n: int) -> None:
        with httpx.Client() as client:
            for i in range(max_requests):
                if time.monotonic() >= stop_at:
                    return
                try:
                    first, total = one_chat(client, base, questions[(n + i) % len(questions)], timeout_s)
                except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
                    with lock:
                        result.requests += 1
                        result.errors += 1
                        if len(result.error_samples) < 5:
                            result.error_samples.append(f"{type(exc).__name__}: {exc}"[:200])
                    continue
                with lock:
                    result.requests += 1
                    result.latencies_s.append(total)
                    result.first_event_s.append(first)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + timeout_s + 30)
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_demo_data(data_dir: Path, embedder: str | None = None) -> None:
    """The demo city (figures and stories) into data_dir, as `duiding demo` loads it."""
    from assistant.core.settings import Settings
    from retrieval.demo.city import DEMO_DIR, load_demo
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=data_dir, llm="none")
    if embedder:
        settings = settings.model_copy(update={"embedder": embedder})
    store = IndicatorStore(settings.indicator_dir)
    load_demo(store)
    known = set(store.load().areas["area_code"].astype(str))
    ingest_stories(DEMO_DIR / "stories.jsonl", open_story_store(settings), known, settings)


@contextmanager
def served(data_dir: Path, llm: str = "fake", embedder: str | None = None,
           startup_s: float = 120.0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`duiding serve` on 127.0.0.1 and a free port in a subprocess; stopped (and waited for) on exit."""
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if k != "DUIDING_EMBEDDER"}, "DUIDING_DATA_DIR": str(data_dir),
           "DUIDING_LLM": llm, "DUIDING_API_HOST": "127.0.0.1", "DUIDING_API_PORT": str(port),
           "DUIDING_API_TOKEN": "", **({"DUIDING_EMBEDDER": embedder} if embedder else {})}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-c", SERVE], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, proc, startup_s, log)
            yield base, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=20)


def _wait_ready(base: str, proc: subprocess.Popen[bytes], startup_s: float, log: object) -> None:
    deadline = time.monotonic() + startup_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)  # type: ignore[attr-defined]
            raise RuntimeError(f"duiding serve exited: {log.read()[-2000:].decode(errors='replace')}")  # type: ignore[attr-defined]
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"duiding serve did not answer within {startup_s:g} s")


def run(clients: int, seconds: float, llm: str, embedder: str | None, data_dir: Path | None,
        max_requests: int = 10_000) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="duiding-load-") as tmp:
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            load_demo_data(data_dir, embedder)
        with served(data_dir, llm, embedder) as (base, proc):
            with httpx.Client() as client:
                one_chat(client, base, QUESTIONS[0], 120.0)  # warm up: models load on first use
            rss_start = rss_mb(proc.pid)
            result = run_clients(base, clients, seconds, max_requests)
            result.rss_start_mb, result.rss_end_mb = rss_start, rss_mb(proc.pid)
    return result


def default_embedder() -> str:
    from assistant.core.settings import Settings

    return str(Settings.model_fields["embedder"].default)


def report_markdown(summary: dict[str, object], llm: str, embedder: str | None) -> str:
    rows = [("clients", summary["clients"]), ("duration (s)", summary["seconds"]),
            ("LLM / embedder", f"{llm} / {embedder or default_embedder()}"), ("requests", summary["requests"]),
            ("errors", summary["errors"]), ("requests per second", summary["per_second"]),
            ("latency to `done` p50 / p95 (s)", f"{summary['p50_s']} / {summary['p95_s']}"),
            ("first event p50 / p95 (s)", f"{summary['first_event_p50_s']} / {summary['first_event_p95_s']}"),
            ("server RSS start / end (MB)", f"{summary['rss_start_mb']} / {summary['rss_end_mb']}")]
    return "\n".join(["| measure | value |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--llm", choices=["fake", "none"], default="fake")
    parser.add_argument("--embedder", default=None, help="Default: the settings' default; or use, fake, minilm")
    parser.add_argument("--data-dir", type=Path, default=None, help="Default: the demo city in a temp dir.")
    parser.add_argument("--max-requests", type=int, default=10_000, help="Per client.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the summary here.")
    args = parser.parse_args(argv)
    result = run(args.clients, args.seconds, args.llm, args.embedder, args.data_dir, args.max_requests)
    summary = result.summary()
    print(report_markdown(summary, args.llm, args.embedder))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
