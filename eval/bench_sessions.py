"""Concurrent sessions on one embedded model, in `make bench`: p50/p95 of the facts answer and the LLM part.

    python -m eval.bench_sessions [--sessions 1 2 4] [--questions 3] [--embedder fake]

The real server (`duiding serve --llm embedded`) on the demo city, so the LLM part goes through the API's
model queue. Each session is one conversation asking its questions one after another (a question and its
follow-ups); the sessions run at the same time. Per answer: the time to the `facts` event (the facts answer
on screen) and the time from `facts` to `done` (the LLM part: waiting in the queue, writing, checking).
How each LLM part ended is counted: checked text shown, or the facts answer standing (queue full, deadline,
check failed). Prints figures; asserts nothing. Hold /work/llm.lock (or nothing else loading a model).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from eval.load import _pct, load_demo_data, served

CONVERSATIONS = (
    ("Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?", "En in 2021?",
     "En vergeleken met Nederland?"),
    ("Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?", "En in Lindenhove?",
     "En vergeleken met de stad?"),
    ("Is de jeugdzorg in Molenwijk veel?", "En in 2021?", "En in Oosterkade?"),
    ("How many people live in Noorderduin?", "And in Lindenhove?", "And in 2021?"),
)


@dataclass
class Timings:
    facts_s: list[float] = field(default_factory=list)
    llm_s: list[float] = field(default_factory=list)
    endings: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def ask(client: httpx.Client, base: str, question: str, conversation_id: str | None,
        timeout_s: float) -> tuple[float, float, str, str | None]:
    """One streamed question: (seconds to facts, seconds facts→done, how the LLM part ended, conversation id)."""
    body = {"question": question, "conversation_id": conversation_id}
    t0 = time.perf_counter()
    facts_at, kind, done = None, "", None
    with client.stream("POST", f"{base}/v1/chat/stream", json=body, timeout=timeout_s) as resp:
        if resp.status_code != 200:
            raise RuntimeError(f"HTTP {resp.status_code}")
        for line in resp.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
                if kind == "facts" and facts_at is None:
                    facts_at = time.perf_counter() - t0
            elif line.startswith("data: ") and kind in ("done", "error"):
                data = json.loads(line[6:])
                if kind == "error":
                    raise RuntimeError(f"error event {data.get('code')}")
                done = data
    if done is None or facts_at is None:
        raise RuntimeError("stream ended without facts and done")
    llm = done["answer"].get("llm", {})
    ending = "checked LLM text" if not llm.get("fallback_used") else f"facts stand: {llm.get('reason', '')[:50]}"
    return facts_at, time.perf_counter() - t0 - facts_at, ending, done.get("conversation_id")


def run_sessions(base: str, sessions: int, questions: int, timeout_s: float) -> Timings:
    """`sessions` threads at once, each one conversation of `questions` turns."""
    out, lock = Timings(), threading.Lock()

    def session(n: int) -> None:
        conv: str | None = None
        turns = CONVERSATIONS[n % len(CONVERSATIONS)]
        with httpx.Client() as client:
            for i in range(questions):
                try:
                    facts, llm, ending, conv = ask(client, base, turns[i % len(turns)], conv, timeout_s)
                except Exception as exc:  # noqa: BLE001 - counted and shown, the other sessions go on
                    with lock:
                        out.errors.append(f"{type(exc).__name__}: {exc}"[:160])
                    continue
                with lock:
                    out.facts_s.append(facts)
                    out.llm_s.append(llm)
                    out.endings[ending] += 1

    threads = [threading.Thread(target=session, args=(n,), daemon=True) for n in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=questions * timeout_s + 60)
    return out


def report(sessions: int, t: Timings) -> str:
    def p(values: list[float]) -> str:
        return f"{_pct(values, 50)} / {_pct(values, 95)}"

    endings = "; ".join(f"{k} ×{v}" for k, v in t.endings.most_common()) or "-"
    return (f"| {sessions} | {len(t.facts_s)} | {p(t.facts_s)} | {p(t.llm_s)} | {len(t.errors)} | {endings} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 2, 4], help="concurrent sessions per round")
    parser.add_argument("--questions", type=int, default=3, help="questions per session (1 + follow-ups)")
    parser.add_argument("--embedder", default="fake", help="story embedder of the server (the LLM is measured)")
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds one streamed answer may take")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="duiding-bench-sessions-") as tmp:
        data_dir = Path(tmp) / "data"
        load_demo_data(data_dir, args.embedder)
        with served(data_dir, "embedded", args.embedder, startup_s=300.0) as (base, _proc):
            with httpx.Client() as client:  # warm up: the model loads and the prompt prefix is cached
                ask(client, base, CONVERSATIONS[0][0], None, args.timeout)
            print("| sessions | answers | facts answer p50 / p95 (s) | LLM part p50 / p95 (s) | errors | endings |")
            print("|---|---|---|---|---|---|", flush=True)
            failed = 0
            for n in args.sessions:
                timings = run_sessions(base, n, args.questions, args.timeout)
                print(report(n, timings), flush=True)
                for sample in timings.errors[:3]:
                    print(f"  error: {sample}")
                failed += len(timings.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
