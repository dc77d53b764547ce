"""Warm time-to-first-token of the embedded LLM per audience, in-process (`python -m eval.bench_llm`).

Prints figures; never asserts timings. The first question of each audience warms its cached prefix.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.core import registry
from assistant.core.settings import Settings

QUESTIONS = [
    "Is de jeugdzorg in Weverskwartier hoog?",
    "Hoeveel Wmo-cliënten per 1.000 inwoners heeft Lindenhove?",
    "Is het aandeel eenoudergezinnen in Bloemendries hoog vergeleken met Duinhaven?",
    "Hoe zit het met huishoudens met een laag inkomen in Oosterkade?",
]


class TimedLLM:
    """Wraps a backend and records when its first chunk arrived."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", "llm")
        self.model = getattr(inner, "model", "")
        self.firsts: list[float] = []  # time to first token of each stream (a retry is a second stream)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        started, first = time.perf_counter(), True
        for chunk in self.inner.stream(messages):  # type: ignore[attr-defined]
            if first:
                self.firsts.append(time.perf_counter() - started)
                first = False
            yield chunk

    def available(self) -> tuple[bool, str]:
        return self.inner.available()  # type: ignore[attr-defined, no-any-return]


def main() -> None:
    from assistant.pipeline import AnswerService
    from assistant.schemas import Question
    from assistant.wiring import build_deps
    from retrieval.demo.city import load_demo
    from retrieval.tables.store import IndicatorStore

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), llm="embedded", llm_timeout_s=600)
        load_demo(IndicatorStore(settings.indicator_dir))
        deps = build_deps(settings)
        timed = TimedLLM(deps.llm)
        deps.llm = timed
        service = AnswerService(deps)
        print(f"{'audience':<15} {'warm TTFT p50':>14} {'max':>7} {'total p50':>10} {'retries':>8}")
        for audience in registry.names("audience"):
            ttft, total, retries = [], [], 0
            for i, q in enumerate(QUESTIONS):
                timed.firsts.clear()
                t0 = time.perf_counter()
                service.ask(Question(question=q, audience=audience))  # type: ignore[arg-type]
                if i > 0 and timed.firsts:  # the first question warms this audience's prefix
                    ttft.append(timed.firsts[0])  # the first attempt: what the first sentence waits for
                    total.append(time.perf_counter() - t0)
                    retries += len(timed.firsts) > 1
            print(f"{audience:<15} {statistics.median(ttft):>13.2f}s {max(ttft):>6.2f}s "
                  f"{statistics.median(total):>9.2f}s {retries:>5}/{len(ttft)}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
