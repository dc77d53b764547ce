"""POST /v1/chat and /v1/chat/stream (Server-Sent Events)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.errors import ErrorDetail, error_responses
from assistant.conversations import ChatService
from assistant.core.registry import name_type
from assistant.events import Event
from assistant.schemas import Answer, CheckResult, LLMInfo, Question

SSE_DOC = (
    "Server-Sent Events, in this order: `facts` (the deterministic answer with facts, stories and charts), "
    "`queued` (waiting for the model: its place, again when it changes), `sentence` (one checked LLM "
    "sentence; append), `reset` (drop the LLM sentences shown), `check` "
    "(the number check and LLM info), then `done` (the final Answer). `error` (code, message, fix) comes "
    "before `done` when something failed mid-stream. Every `data:` line is JSON and carries conversation_id."
)

Audience = name_type("audience")  # a registered audience, listed as an enum in /docs


class ChatRequest(BaseModel):
    """A question. There is deliberately no field for an LLM URL or model: those come from settings."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000, examples=["Hoeveel jongeren wonen er in Moerwijk?"])
    audience: Audience | None = Field(default=None, description="Default: DUIDING_AUDIENCE.")  # type: ignore[valid-type]
    area: str | None = Field(default=None, max_length=100, description="Area in view (name or code).")
    year: int | None = Field(default=None, ge=1900, le=2100)
    conversation_id: str | None = Field(default=None, max_length=64,
                                        description="From an earlier answer; unknown or expired ids start anew.")

    def to_question(self, default_audience: str) -> Question:
        return Question(question=self.question, audience=self.audience or default_audience, area=self.area,
                        year=self.year, conversation_id=self.conversation_id)


class FactsEvent(BaseModel):
    answer: Answer = Field(description="The deterministic answer: facts, stories, glossary, charts.")
    conversation_id: str


class QueuedEvent(BaseModel):
    position: int = Field(description="Questions before this one for the language model (1 = next).")
    conversation_id: str


class SentenceEvent(BaseModel):
    text: str = Field(description="One LLM sentence that passed the number check; append it.")
    conversation_id: str


class ResetEvent(BaseModel):
    conversation_id: str


class CheckEvent(BaseModel):
    check: CheckResult
    llm: LLMInfo
    conversation_id: str


class DoneEvent(BaseModel):
    answer: Answer = Field(description="The final answer, as POST /v1/chat returns it.")
    conversation_id: str


class ErrorEvent(ErrorDetail):
    conversation_id: str


EVENT_MODELS: dict[str, type[BaseModel]] = {"facts": FactsEvent, "queued": QueuedEvent, "sentence": SentenceEvent,
                                             "reset": ResetEvent,
                                             "check": CheckEvent, "done": DoneEvent, "error": ErrorEvent}


def sse_event_schema() -> dict[str, Any]:
    """OpenAPI 3.1 style: the schema of one event; `data` is JSON, described by contentSchema."""
    variants = []
    for kind, model in EVENT_MODELS.items():
        data = model.model_json_schema(ref_template="#/components/schemas/{model}")
        data.pop("$defs", None)  # Answer and friends are components already (POST /v1/chat uses them)
        variants.append({"type": "object", "required": ["event", "data"], "properties": {
            "event": {"const": kind},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data}}})
    return {"oneOf": variants}


def sse(event: Event, conversation_id: str) -> str:
    data = {**event.payload(), "conversation_id": conversation_id}
    return f"event: {event.wire}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _sse_lines(events: Iterator[Event], conversation_id: str) -> Iterator[str]:
    for event in events:
        yield sse(event, conversation_id)


def chat_router(service: ChatService) -> APIRouter:
    router = APIRouter(prefix="/v1/chat", tags=["chat"])
    audience = service.deps.settings.audience

    @router.post("", response_model=Answer, responses=error_responses(404, 413))
    def chat(req: ChatRequest) -> Answer:
        """Answer a question: facts, stories, glossary, charts and the checked text, plus conversation_id."""
        return service.ask(req.to_question(audience))

    @router.post("/stream", response_class=StreamingResponse, responses={
        200: {"description": SSE_DOC, "content": {"text/event-stream": {"schema": sse_event_schema()}}},
        **error_responses(404, 413)})
    def chat_stream(req: ChatRequest) -> StreamingResponse:
        """The same answer as /v1/chat, streamed: facts first, then checked sentences."""
        stream = service.stream(req.to_question(audience))
        return StreamingResponse(_sse_lines(stream.events, stream.conversation_id), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    return router
