"""GET /v1/models and POST /v1/chat/completions: Duiding as a model for Open WebUI, LibreChat or any
OpenAI client. Streaming follows OpenAI's `chat.completion.chunk` SSE format, ending with `data: [DONE]`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.errors import error_responses
from assistant.api.openai_service import ChatTurn, CompletionService, completion_id, model_ids, now, reply_text


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # clients send name, tool fields and more; only these are used

    role: str = Field(max_length=32)
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        """Plain text content; OpenAI's list-of-parts form keeps its text parts."""
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class CompletionRequest(BaseModel):
    """OpenAI's request body. Sampling fields are accepted and ignored: the numbers come from pandas."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(examples=["duiding-jongerenwerker"])
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False

    def turns(self) -> list[ChatTurn]:
        return [ChatTurn(m.role, m.text()) for m in self.messages]


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "duiding"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ReplyMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ReplyMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class Completion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage = Field(default_factory=Usage)


def _chunk(cid: str, model: str, delta: dict[str, str], finish: str | None = None) -> str:
    body = {"id": cid, "object": "chat.completion.chunk", "created": now(), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def _sse(pieces: Iterator[str], model: str) -> Iterator[str]:
    cid = completion_id()
    yield _chunk(cid, model, {"role": "assistant", "content": ""})
    for piece in pieces:
        if piece:
            yield _chunk(cid, model, {"content": piece})
    yield _chunk(cid, model, {}, "stop")
    yield "data: [DONE]\n\n"


def openai_router(service: CompletionService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["openai"])

    @router.get("/models", response_model=ModelList, responses=error_responses())
    def models() -> ModelList:
        """One model per audience: duiding-jongerenwerker, duiding-beleid, duiding-trainer."""
        return ModelList(data=[ModelCard(id=m) for m in model_ids()])

    @router.post("/chat/completions", response_model=Completion, responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
              "description": "With stream=true: `data: {chat.completion.chunk}` lines, then `data: [DONE]`."},
        **error_responses(404)})
    def completions(req: CompletionRequest) -> Completion | StreamingResponse:
        """The checked answer to the last user message, with the earlier messages as context."""
        if req.stream:
            pieces = service.stream(req.model, req.turns())
            return StreamingResponse(_sse(pieces, req.model), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        answer = service.complete(req.model, req.turns())
        return Completion(id=completion_id(), created=now(), model=req.model,
                          choices=[Choice(message=ReplyMessage(content=reply_text(answer)))])

    return router
