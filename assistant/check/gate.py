"""Sentence-gated streaming: LLM text reaches the user one checked sentence at a time.

Every sentence passes the number checker, the attribution check (what each number is about), the judgement
check (recommendations, judgements and causes need a fact) and the guards in assistant.check.guards (the
question's language, no quoted system prompt, no links or markup) before it is released. The outcome counts
what was proved (CheckCoverage), so the badge only says "alle cijfers gecontroleerd" when it is true.

Events, in order: `sentence` (a sentence that passed the checker; concatenate them as they come),
`reset` (drop every LLM sentence shown so far), and one `final` with the outcome.

Retry strategy: when a sentence fails, the stream is closed and ONE retry asks for the whole answer
again, listing the problems. The retry replaces the first attempt from scratch, preceded by `reset` if
anything was shown. We chose this over asking the model to continue after the released text because
small local models cannot reliably continue mid-answer, and over holding back the whole retry until it
passes because that loses streaming; every sentence ever shown was checked either way. If the retry
fails too, or the backend errors, the outcome is a fallback to the deterministic answer: `reset` (if
anything was shown), then `final` with fallback_used=True, a notice and the reason. A backend error is
not retried (a dead server or a timeout would only double the wait); an empty or runaway reply is.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import assistant.check.registered  # noqa: F401  (registers the checks)
from assistant.check.base import CHECKS, Evidence, Notes, StoryLike
from assistant.check.numbers import describe_problems
from assistant.check.references import References
from assistant.check.sentences import split_sentences
from assistant.core.settings import Settings
from assistant.llm.base import LLM, Messages
from assistant.llm.prompting import build_retry_messages
from assistant.schemas import CLAIM_CATEGORIES, CONTENT_CATEGORIES, CheckCoverage, CheckResult, Fact, LLMInfo

RetryMessagesFn = Callable[[str, list[str]], Messages]  # (rejected reply, problems) -> messages
Failure = Literal["", "check", "claim", "unusable", "error"]
Judge = Callable[[str, Sequence[str]], tuple[CheckResult, Notes]]  # (sentence, released before it)
CHARS_PER_TOKEN_CAP = 6  # generous: the backend's own max_tokens stops a normal answer long before this
NOTICES = {
    "nl": {"check": "Het taalmodel gaf een cijfer dat niet klopte; je ziet het feitenantwoord.",
           "claim": "Het taalmodel trok een conclusie die de cijfers niet dragen; je ziet het feitenantwoord.",
           "unusable": "Het taalmodel gaf geen bruikbaar antwoord; je ziet het feitenantwoord.",
           "error": "Het taalmodel reageerde niet; je ziet het feitenantwoord."},
    "en": {"check": "The language model gave a figure that did not check out; you see the facts answer.",
           "claim": "The language model drew a conclusion the figures do not support; you see the facts answer.",
           "unusable": "The language model gave no usable answer; you see the facts answer.",
           "error": "The language model did not respond; you see the facts answer."},
}
UNREACHABLE = {
    "nl": "Het taalmodel op {url} reageerde niet; je ziet het feitenantwoord. Start die server, of zet {setting} "
          "(of DUIDING_LLM) goed.",
    "en": "The language model at {url} did not respond; you see the facts answer. Start that server, or fix "
          "{setting} (or DUIDING_LLM).",
}
TOO_LONG = "Het antwoord was te lang; schrijf hooguit 120 woorden."
EMPTY = "Het antwoord was leeg; beantwoord de vraag met de feiten."


@dataclass(frozen=True)
class GateLimits:
    max_chars: int = 320 * CHARS_PER_TOKEN_CAP
    timeout_s: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> GateLimits:
        return cls(settings.llm_max_tokens * CHARS_PER_TOKEN_CAP, settings.llm_timeout_s)


@dataclass(frozen=True)
class GateOutcome:
    text: str  # the LLM text shown, "" on fallback
    check: CheckResult
    info: LLMInfo
    notice: str = ""


@dataclass(frozen=True)
class GateEvent:
    kind: Literal["sentence", "reset", "final"]
    text: str = ""  # the sentence; for a reset, what follows: "retry" or "fallback"
    outcome: GateOutcome | None = None


@dataclass
class _Attempt:
    released: list[str] = field(default_factory=list)
    rejected: str = ""
    failure: Failure = ""
    problems: list[str] = field(default_factory=list)
    check: CheckResult = field(default_factory=CheckResult)
    coverage: CheckCoverage = field(default_factory=CheckCoverage)

    def add(self, sentence: str, notes: Notes) -> None:
        """Count what the checks proved about a released sentence (the badge says what was checked)."""
        c = self.coverage
        c.sentences, c.numbers, c.claims = c.sentences + 1, c.numbers + notes.numbers, c.claims + notes.claims
        c.unbound_numbers += notes.unbound_numbers
        if notes.interpretation:
            c.interpretation.append(sentence.strip())

    @property
    def reply(self) -> str:
        return "".join(self.released) + self.rejected

    def fail(self, failure: Failure, problems: list[str], rejected: str = "") -> _Attempt:
        self.failure, self.problems, self.rejected = failure, problems, rejected
        return self


@dataclass(frozen=True)
class _Failed:
    reason: str


def gated_sentences(llm: LLM, messages: Messages, facts: Sequence[Fact], stories: Sequence[StoryLike] | None,
                    lang: str = "nl", retry_messages_fn: RetryMessagesFn | None = None,
                    limits: GateLimits | None = None,
                    clock: Callable[[], float] = time.monotonic,
                    refs: References | None = None) -> Iterator[GateEvent]:
    """Stream llm's answer sentence by sentence, releasing only sentences the checker accepts.

    `refs` holds the names of every area Duiding knows: a sentence may only name the areas the facts or
    stories name, and a comparison must name the reference its numbers come from.
    """
    judge = _judge(facts, stories, lang, messages, refs or References({}))
    retry_fn = retry_messages_fn or partial(build_retry_messages, messages)
    limits = limits or GateLimits()
    first = yield from _attempt(llm, messages, judge, limits, clock)
    if first.failure == "":
        yield _final(llm, first, retried=False, lang=lang)
        return
    if first.released:
        yield GateEvent("reset", "fallback" if first.failure == "error" else "retry")
    if first.failure == "error":
        yield _final(llm, first, retried=False, lang=lang)
        return
    second = yield from _attempt(llm, retry_fn(first.reply, first.problems), judge, limits, clock)
    if second.failure and second.released:
        yield GateEvent("reset", "fallback")
    yield _final(llm, second, retried=True, lang=lang)


def _judge(facts: Sequence[Fact], stories: Sequence[StoryLike] | None, lang: str,
           messages: Messages, refs: References) -> Judge:
    """Every registered check (assistant/check/base.py) on one sentence: numbers first, then the guards."""
    system = " ".join(m["content"] for m in messages if m.get("role") == "system")
    evidence = Evidence(facts, stories or [], lang, refs, system)

    def judge(sentence: str, previous: Sequence[str]) -> tuple[CheckResult, Notes]:
        evidence.previous, evidence.notes = list(previous), Notes()
        problems = [p for check in CHECKS for p in check.problems(sentence, evidence)]
        return CheckResult(ok=not problems, problems=problems), evidence.notes

    return judge


def _attempt(llm: LLM, messages: Messages, judge: Judge, limits: GateLimits,
             clock: Callable[[], float]) -> Generator[GateEvent, None, _Attempt]:
    attempt, buffer, total = _Attempt(), "", 0
    deadline = clock() + limits.timeout_s
    chunks = _chunks(llm, messages)
    try:
        for chunk in chunks:
            if isinstance(chunk, _Failed):
                return attempt.fail("error", [chunk.reason])
            buffer, total = buffer + chunk, total + len(chunk)
            if clock() > deadline:
                return attempt.fail("error", [f"geen antwoord binnen {limits.timeout_s:g} s"])
            if total > limits.max_chars:
                return attempt.fail("unusable", [TOO_LONG], buffer)
            sentences, buffer = split_sentences(buffer)
            for sentence in sentences:
                if not (yield from _release(sentence, judge, attempt)):
                    return attempt
        if buffer.strip() and not (yield from _release(buffer, judge, attempt)):
            return attempt
        return attempt if attempt.reply.strip() else attempt.fail("unusable", [EMPTY])
    finally:
        chunks.close()  # stops the backend generating a reply nobody will see


def _release(sentence: str, judge: Judge, attempt: _Attempt) -> Generator[GateEvent, None, bool]:
    check, notes = judge(sentence, attempt.released)
    if not check.ok:
        attempt.check = check
        problems = describe_problems(check)
        categories = {p.category for p in check.problems}
        failure: Failure = "check"
        if categories <= set(CONTENT_CATEGORIES) | set(CLAIM_CATEGORIES):  # no number was wrong
            failure = "claim" if categories & set(CLAIM_CATEGORIES) else "unusable"
        attempt.fail(failure, problems, sentence)
        return False
    attempt.released.append(sentence)
    attempt.add(sentence, notes)
    yield GateEvent("sentence", sentence)
    return True


def _chunks(llm: LLM, messages: Messages) -> Generator[str | _Failed, None, None]:
    """The backend's chunks; any exception it raises becomes a _Failed item, never the caller's problem."""
    stream: Iterator[str] | None = None
    try:
        stream = iter(llm.stream(messages))
        yield from stream
    except Exception as exc:  # noqa: BLE001 - connection errors, timeouts, backend bugs: all fall back
        yield _Failed(f"{type(exc).__name__}: {exc}")
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _final(llm: LLM, attempt: _Attempt, retried: bool, lang: str) -> GateEvent:
    failed = attempt.failure != ""
    info = LLMInfo(backend=llm.name, model=llm.model, retried=retried, fallback_used=failed,
                   reason="; ".join(attempt.problems) if failed else "")
    if not failed:
        shown = CheckResult(coverage=attempt.coverage)
        return GateEvent("final", outcome=GateOutcome("".join(attempt.released), shown, info))
    notice = NOTICES.get(lang, NOTICES["nl"])[attempt.failure]
    endpoint = getattr(llm, "endpoint", None)  # (url, setting) of a backend on a server
    if attempt.failure == "error" and endpoint:
        notice = UNREACHABLE.get(lang, UNREACHABLE["nl"]).format(url=endpoint[0], setting=endpoint[1])
    return GateEvent("final", outcome=GateOutcome("", attempt.check, info, notice))
