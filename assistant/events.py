"""What an answer streams, as typed events: facts first, then checked sentences, then check and done.

`wire` names are the SSE event names of POST /v1/chat/stream; `payload()` is each event's JSON data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from assistant.schemas import Answer, CheckResult, LLMInfo
from assistant.understand.question import Understanding


@dataclass(frozen=True)
class FactsReady:
    """The deterministic answer (facts, stories, glossary, charts): shown at once, the fallback."""

    answer: Answer
    understanding: Understanding | None = field(default=None, compare=False)  # the follow-up's context
    wire: ClassVar[str] = "facts"

    def payload(self) -> dict[str, Any]:
        return {"answer": self.answer.model_dump()}


@dataclass(frozen=True)
class Queued:
    """The LLM part waits for the model: `position` questions are before it (1 = next)."""

    position: int
    wire: ClassVar[str] = "queued"

    def payload(self) -> dict[str, Any]:
        return {"position": self.position}


@dataclass(frozen=True)
class SentenceReleased:
    """One LLM sentence that every check accepted; append it."""

    text: str
    wire: ClassVar[str] = "sentence"

    def payload(self) -> dict[str, Any]:
        return {"text": self.text}


@dataclass(frozen=True)
class Reset:
    """Drop the LLM sentences shown so far: a retry follows (retry=True), or the facts answer stands."""

    retry: bool = False
    wire: ClassVar[str] = "reset"

    def payload(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class Checked:
    """The outcome of the LLM part: what the checks found and which backend wrote (or fell back)."""

    check: CheckResult
    llm: LLMInfo
    wire: ClassVar[str] = "check"

    @property
    def fallback(self) -> bool:
        return self.llm.fallback_used

    def payload(self) -> dict[str, Any]:
        return {"check": self.check.model_dump(), "llm": self.llm.model_dump()}


@dataclass(frozen=True)
class Failed:
    """Something broke mid-stream; a Done with the facts answer follows."""

    code: str
    message: str
    fix: str = ""
    wire: ClassVar[str] = "error"

    def payload(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "fix": self.fix}


@dataclass(frozen=True)
class Done:
    """The final answer, and what was understood (the context for a follow-up)."""

    answer: Answer
    understanding: Understanding | None = field(default=None, compare=False)
    wire: ClassVar[str] = "done"

    def payload(self) -> dict[str, Any]:
        return {"answer": self.answer.model_dump()}


Event = FactsReady | Queued | SentenceReleased | Reset | Checked | Failed | Done


@dataclass(frozen=True)
class AnswerResult:
    """What `AnswerService.ask` returns: the answer and the understanding to carry into a follow-up."""

    answer: Answer
    understanding: Understanding | None
