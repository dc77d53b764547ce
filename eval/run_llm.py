"""The LLM side of an eval run: build the backend and record its raw streamed text before any checking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.core.errors import DuidingError
from assistant.core.settings import Settings

BACKENDS = ("none", "embedded", "fake", "ollama", "openai")  # openai: DUIDING_OPENAI_BASE_URL, DUIDING_OPENAI_MODEL


class RecordingLLM:
    """Wraps any LLM; keeps every chunk it streamed, per call, so raw text can be scored unchecked."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.model: str = getattr(inner, "model", "")
        self.calls: list[list[str]] = []

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        chunks: list[str] = []
        self.calls.append(chunks)
        return self._play(messages, chunks, max_tokens)

    def _play(self, messages: list[dict[str, str]], chunks: list[str], max_tokens: int | None) -> Iterator[str]:
        bound = {"max_tokens": max_tokens} if max_tokens else {}  # a small model's bound (assistant/llm/role.py)
        stream = iter(self.inner.stream(messages, **bound))
        try:
            for chunk in stream:
                chunks.append(chunk)
                yield chunk
        finally:  # the gate closes us early when a sentence fails; stop the real backend too
            close = getattr(stream, "close", None)
            if close is not None:
                close()

    def take(self) -> str | None:
        """The raw text of every attempt since the last take (None when the LLM was not called)."""
        calls, self.calls = self.calls, []
        return "\n".join("".join(c) for c in calls) if calls else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def make_backend(settings: Settings) -> tuple[RecordingLLM | None, str]:
    """(recording LLM or None, a note). Ollama is used only when it answers; otherwise the run is skipped."""
    from assistant.llm.base import make_llm

    if settings.llm == "none":
        return None, "deterministic answers only"
    try:
        llm = make_llm(settings)
    except DuidingError as exc:
        raise SystemExit(f"LLM backend '{settings.llm}' is not available: {exc}") from exc
    if llm is None:
        return None, "deterministic answers only"
    ok, note = llm.available()
    if not ok:
        raise SystemExit(f"LLM backend '{settings.llm}' is not available: {note}")
    return RecordingLLM(llm), note
