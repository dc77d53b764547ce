"""Embedded LLM time to the first checked sentence, before and after the size-dependent prompt, in one run.

`python -m eval.bench_llm [--audience jongerenwerker] [--questions 6]` (part of `make bench`; hold
`flock /work/llm.lock`). The same demo questions, with stories, are answered twice by the same loaded model:
first declared **large** (the prompt every backend had before issue 29: the full register prompt with four
facts, a pattern and a caveat, two stories and a term; the baseline), then declared **small** (the short
prompt of assistant/llm/role.py). Each block starts with one uncounted question that caches the audience's
static system prompt. Printed per block: the median time from the model call to its first token, to the
first checked sentence, and from the question to the first checked sentence (adds facts and story
retrieval). Each answer stops at its first checked sentence. Prints figures; never asserts timings.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.core.settings import Settings

QUESTIONS = [
    "Hoeveel jongeren in Polderpoort krijgen jeugdzorg en wat vertellen de jongeren zelf?",
    "Hoe eenzaam zijn mensen in Lindenhove, en wat vertellen ze erover?",
    "Hoeveel eenoudergezinnen zijn er in het Weverskwartier en wat zeggen de ouders zelf?",
    "Jeugdzorg in het Weverskwartier: wat zeggen de cijfers en wat zeggen ouders?",
    "Hoeveel huishoudens in Oosterkade hebben schulden, en zijn er verhalen over?",
    "Eenzaamheid in Rietlanden: cijfers en verhalen graag.",
    "Hoeveel kinderen in Bloemendries groeien op in armoede, en wat zeggen ouders?",
]
WARM = "Wmo in Lindenhove: wat zeggen de cijfers en de ervaringen van ouderen?"


class TimedLLM:
    """Wraps a backend: its declared size can be switched, and the first chunk of each call is timed."""

    def __init__(self, inner: Any, size: str) -> None:
        self.inner, self.size = inner, size
        self.name: str = inner.name
        self.model: str = getattr(inner, "model", "")
        self.firsts: list[float | None] = []  # seconds from the stream call to its first chunk, per call
        self.started: list[float] = []

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        self.started.append(time.perf_counter())
        self.firsts.append(None)
        return self._play(messages, max_tokens)

    def _play(self, messages: list[dict[str, str]], max_tokens: int | None) -> Iterator[str]:
        stream = iter(self.inner.stream(messages, max_tokens=max_tokens))
        try:
            for chunk in stream:
                if self.firsts[-1] is None:
                    self.firsts[-1] = time.perf_counter() - self.started[-1]
                yield chunk
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()

    def available(self) -> tuple[bool, str]:
        return self.inner.available()  # type: ignore[no-any-return]


def _med(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} s" if values else "  n/a  "


def block(service: Any, timed: TimedLLM, size: str, audience: str, questions: list[str]) -> dict[str, list[float]]:
    """Answer the questions with the model declared `size`, each up to its first checked sentence."""
    from assistant.events import SentenceReleased
    from assistant.schemas import Question

    timed.size = size
    out: dict[str, list[float]] = {"token": [], "sentence": [], "question": [], "skipped": [], "none": []}
    for i, q in enumerate([WARM, *questions]):
        timed.firsts.clear()
        timed.started.clear()
        t0, first_sentence = time.perf_counter(), None
        events = service.stream(Question(question=q, audience=audience))  # type: ignore[arg-type]
        for event in events:
            if isinstance(event, SentenceReleased) and timed.started:
                first_sentence = time.perf_counter() - timed.started[0], time.perf_counter() - t0
                break  # what is measured is the first checked sentence; closing the stream stops the model
        events.close()
        if i == 0:
            continue  # warms the static prefix of this prompt
        if not timed.started:
            out["skipped"].append(1.0)
        elif first_sentence is None:
            out["none"].append(1.0)
        else:
            out["sentence"].append(first_sentence[0])
            out["question"].append(first_sentence[1])
        if timed.firsts and timed.firsts[0] is not None:
            out["token"].append(timed.firsts[0])
    return out


def compare(data_dir: Path, audience: str = "jongerenwerker", n: int = 6, say: Any = print,
            backend: str = "embedded") -> None:
    """Load the demo city with its stories and the embedded model once; time the old and the new prompt."""
    from assistant.pipeline import AnswerService
    from assistant.wiring import build_deps, build_story_search
    from eval.gold_demo import STORIES
    from retrieval.demo.city import load_demo
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=data_dir, llm=backend, embedder="fake", llm_timeout_s=600)
    store = IndicatorStore(settings.indicator_dir)
    load_demo(store)
    ingest_stories(STORIES, open_story_store(settings), set(store.load().areas["area_code"].astype(str)), settings)
    deps = build_deps(settings)
    deps.stories_search = build_story_search(settings, deps)
    timed = TimedLLM(deps.llm, "large")
    deps.llm = timed  # type: ignore[assignment]
    service = AnswerService(deps)
    say(f"  {'prompt':<34} {'first token':>11} {'1st checked':>11} {'from question':>13}  n")
    for size, label in (("large", "before: full prompt (baseline)"), ("small", "after: small-model prompt")):
        r = block(service, timed, size, audience, QUESTIONS[:n])
        say(f"  {label:<34} {_med(r['token']):>11} {_med(r['sentence']):>11} {_med(r['question']):>13}  "
            f"{len(r['sentence'])}/{n} with a checked sentence"
            + (f", {len(r['none'])} refused" if r["none"] else "")
            + (f", {len(r['skipped'])} not asked (no story)" if r["skipped"] else ""), flush=True)
    say(f"  (medians over the questions; {audience}; peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audience", default="jongerenwerker")
    parser.add_argument("--questions", type=int, default=6)
    parser.add_argument("--llm", default="embedded", help="fake: check the bench itself without a model")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="duiding-bench-llm-") as tmp:
        compare(Path(tmp), args.audience, args.questions, say=lambda line, **_: print(line, flush=True),
                backend=args.llm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
