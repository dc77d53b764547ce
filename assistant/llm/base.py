"""The LLM protocol, the shipped fake, and the factory that picks a backend from settings.

Real backends live in their own modules (assistant.llm.embedded, llm_ollama, llm_openai), imported only
when chosen, so their heavy libraries never load otherwise. Each backend class takes the Settings.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, cast

from assistant.core import registry
from assistant.core.errors import BackendUnavailableError, BadInputError, MissingExtraError
from assistant.core.settings import Settings

Messages = list[dict[str, str]]
Size = Literal["small", "large"]  # sets the LLM's role and prompt: assistant/llm/role.py
Script = str | BaseException | Sequence[str | BaseException]

FACT_LINE_RE = re.compile(r"^\[(F\d+)\]\s*(.+?)\s*$", re.MULTILINE)
NO_FACTS_REPLY = "Ik heb geen feiten gevonden om deze vraag mee te beantwoorden."


class LLM(Protocol):
    name: str
    model: str
    size: Size  # small (the embedded 1.5B): one short paragraph; large (7B and up): the full interpretation

    def stream(self, messages: Messages) -> Iterator[str]:
        """Yield the reply in chunks; closing the iterator stops generation."""
        ...

    def available(self) -> tuple[bool, str]:
        """Whether it can answer now, and a one-line detail (model, server, or what is wrong)."""
        ...


class JSONCapable(Protocol):
    """An optional backend method: one reply as a JSON object that follows `schema` (grammar-constrained
    where the backend can: llama.cpp JSON schema, Ollama `format`, OpenAI `response_format`)."""

    def complete_json(self, messages: Messages, schema: dict[str, Any]) -> dict[str, Any]:
        ...


def parse_json_object(text: str) -> dict[str, Any]:
    """The JSON object a backend returned; a clear error when it is not one."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackendUnavailableError(key="llm.no_json") from exc
    if not isinstance(value, dict):
        raise BackendUnavailableError(key="llm.no_json")
    return value


@dataclass(frozen=True)
class BackendStatus:
    """What `duiding models` and /readyz say about one backend."""

    name: str
    available: bool
    detail: str
    enable: str


class FakeLLM:
    """A scripted LLM for tests and `DUIDING_LLM=fake`: the whole app runs offline with it.

    `enqueue` scripts the next replies. A str is streamed word by word; a list is streamed chunk by chunk
    exactly as given (so a test can split "10," + "8%"); an exception, alone or inside the list, is raised
    at that point of the stream. With nothing queued it echoes the first fact line of the last user
    message with its citation ("<fact sentence> [F1]."), a reply that always passes the checker.
    """

    name = "fake"

    def __init__(self, model: str = "fake-echo", size: Size = "large") -> None:
        self.model, self.size = model, size
        self.history: list[Messages] = []
        self.served: list[list[str]] = []  # the chunks each stream actually handed out
        self.max_tokens: list[int | None] = []  # the token bound each stream was given
        self._queue: deque[list[str | BaseException]] = deque()
        self._json: deque[dict[str, Any] | BaseException] = deque()
        self.json_calls: list[tuple[Messages, dict[str, Any]]] = []

    def enqueue_json(self, reply: dict[str, Any] | BaseException) -> None:
        """Script the next complete_json reply (an object, or an exception to raise)."""
        self._json.append(reply)

    def complete_json(self, messages: Messages, schema: dict[str, Any]) -> dict[str, Any]:
        """The next scripted object; unscripted, an empty object (no reading: the rules' answer stands)."""
        self.json_calls.append(([dict(m) for m in messages], schema))
        reply = self._json.popleft() if self._json else {}
        if isinstance(reply, BaseException):
            raise reply
        return dict(reply)

    def enqueue(self, reply: Script) -> None:
        if isinstance(reply, BaseException):
            self._queue.append([reply])
        elif isinstance(reply, str):
            self._queue.append(list(re.findall(r"\S+\s*|\s+", reply)))
        else:
            self._queue.append(list(reply))

    def stream(self, messages: Messages, max_tokens: int | None = None) -> Iterator[str]:
        # Recorded at call time, not on first iteration, so history holds calls that were never read.
        self.history.append([dict(m) for m in messages])
        self.max_tokens.append(max_tokens)
        script: list[str | BaseException] = (
            self._queue.popleft() if self._queue else [default_reply(messages)]
        )
        served: list[str] = []
        self.served.append(served)
        return _play(script, served)

    def available(self) -> tuple[bool, str]:
        return True, f"fake LLM ({self.model}), {len(self._queue)} scripted replies queued"


def _play(script: list[str | BaseException], served: list[str]) -> Iterator[str]:
    for item in script:
        if isinstance(item, BaseException):
            raise item
        served.append(item)
        yield item


def default_reply(messages: Messages) -> str:
    """The fake's unscripted answer: the first fact of the last user message that lists facts, cited.

    A retry turn lists only problems, so the facts come from the question's turn before it.
    """
    users = [m["content"] for m in reversed(messages) if m.get("role") == "user"]
    found = next((hit for hit in map(FACT_LINE_RE.search, users) if hit), None)
    if found is None:
        return NO_FACTS_REPLY
    fact_id, sentence = found.groups()
    return f"{sentence.rstrip('.')} [{fact_id}]."


class NoLLM:
    """Backend 'none' as an object, for callers that want one: it refuses to write."""

    name = "none"
    model = ""
    size: Size = "small"

    def available(self) -> tuple[bool, str]:
        return False, "no language model configured (DUIDING_LLM=none)"

    def stream(self, messages: Messages) -> Iterator[str]:
        raise BackendUnavailableError(key="llm.none")


def declared_size(settings: Settings, default: Size) -> Size:
    """The size a backend declares: DUIDING_LLM_SIZE when set, else the backend's own default."""
    return default if settings.llm_size == "auto" else settings.llm_size


def make_llm(settings: Settings) -> LLM | None:
    """The LLM backend named by settings.llm; None for 'none' (the deterministic answer only)."""
    try:
        entry = registry.get("llm", settings.llm)
    except BadInputError as exc:
        raise BackendUnavailableError(key="llm.not_installed", name=settings.llm,
                                      allowed=", ".join(registry.names("llm"))) from exc
    try:
        # The constructor may import the heavy library itself, so it sits inside the same guard.
        return cast("LLM | None", entry.factory(settings))
    except ModuleNotFoundError as exc:
        if entry.extra:
            raise MissingExtraError(str(exc.name), entry.extra) from exc
        raise BackendUnavailableError(key="llm.needs_package", name=entry.name, package=exc.name) from exc
