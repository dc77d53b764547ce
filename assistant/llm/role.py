"""What the LLM does, set by the size its backend declares (`size` on the backend, DUIDING_LLM_SIZE).

- small (the embedded Qwen2.5-Coder-1.5B): one short paragraph, at most 60 words, that ties a figure to a
  story in the audience's words (prompts/<audience>.small.md). Its question part is short (two facts and
  one story, about 220 Qwen tokens against about 680 before) because prompt tokens are what the first
  sentence waits for; the static system part is identical for every question of an audience, so llama.cpp
  reuses its cached state.
  It writes nothing when it could only repeat the facts: see `nothing_to_add`.
- large (7B and up on Ollama or an OpenAI-compatible server): the full interpretation in the register
  (prompts/<audience>.md), up to DUIDING_LLM_MAX_TOKENS.

Both go through the same checker (assistant/check/gate.py); the role only bounds what is asked and streamed.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.check.sentences import split_sentences
from assistant.llm.base import Size

CITATION_RE = re.compile(r"\[\s*[FS]\d+(?:\s*[,;]\s*[FS]\d+)*\s*\]")
FINISHED = (".", "!", "?", "…", "]", '"', "'", ")", "”")
SKIP_REASON = "niets toe te voegen: een klein taalmodel schrijft alleen als er een verhaal bij de cijfers is"


@dataclass(frozen=True)
class Role:
    size: Size
    prompt_suffix: str  # the prompt file is <audience><suffix>.md
    max_tokens: int | None  # None: the backend's own bound (DUIDING_LLM_MAX_TOKENS)
    max_words: int | None  # whole sentences are streamed until the next one would pass this
    facts: int  # how many facts, stories and glossary terms the question part carries
    stories: int
    terms: int


SMALL = Role("small", ".small", max_tokens=110, max_words=60, facts=2, stories=1, terms=0)
LARGE = Role("large", "", max_tokens=None, max_words=None, facts=4, stories=2, terms=1)


def role_of(llm: Any) -> Role:
    """The role for a backend; one that declares no size is treated as large (the prompt it had before)."""
    return SMALL if getattr(llm, "size", "large") == "small" else LARGE


def nothing_to_add(role: Role, stories: Sequence[object]) -> str:
    """Why the LLM is not asked at all ("" = ask it). Deterministic, decided before the model is called.

    The rule: a small model writes only when the answer carries at least one story. Its one job is to tie a
    figure to what people in the wijk say; without a story its paragraph can only restate the figures the
    facts answer already leads with (the last evals: "In X is 18,0% jongeren met jeugdzorg [F1]."), so the
    facts answer stands alone and nobody waits. A large model always writes its interpretation.
    """
    if role.size == "small" and not stories:
        return SKIP_REASON
    return ""


def words(text: str) -> int:
    """Words a reader sees: citations such as [F1] do not count."""
    return len(CITATION_RE.sub(" ", text).split())


def bounded(llm: Any, role: Role) -> Any:
    """The backend, bounded by the role: its max_tokens passed on, and whole sentences up to max_words."""
    if role.max_tokens is None and role.max_words is None:
        return llm
    return Bounded(llm, role)


class Bounded:
    """Wraps a backend for one role. Streams whole sentences only and stops before the one that would pass
    the word cap; an unfinished last piece (cut off by max_tokens) is dropped rather than shown half."""

    def __init__(self, inner: Any, role: Role) -> None:
        self.inner, self.role = inner, role
        self.name, self.model, self.size = inner.name, getattr(inner, "model", ""), role.size

    def available(self) -> tuple[bool, str]:
        return self.inner.available()  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)  # endpoint, complete_json, ...

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        kwargs = {"max_tokens": self.role.max_tokens} if self.role.max_tokens and _takes_max_tokens(self.inner) else {}
        return _capped(iter(self.inner.stream(messages, **kwargs)), self.role.max_words)


def _takes_max_tokens(llm: Any) -> bool:
    try:
        params = inspect.signature(llm.stream).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "max_tokens" or p.kind is p.VAR_KEYWORD for p in params)


def _capped(stream: Iterator[str], max_words: int | None) -> Iterator[str]:
    buffer, used = "", 0
    try:
        for chunk in stream:
            if max_words is None:
                yield chunk
                continue
            sentences, buffer = split_sentences(buffer + chunk)
            for sentence in sentences:
                used += words(sentence)
                if used > max_words:
                    return
                yield sentence
        rest = buffer.rstrip()
        if rest and rest.endswith(FINISHED) and used + words(rest) <= (max_words or 10**9):
            yield buffer
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
