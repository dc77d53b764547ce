"""POST /v1/export: a conversation's onderbouwing as Markdown, Markdown with chart files (ZIP) or DOCX."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.errors import error_responses
from assistant.compose.export import MEDIA_TYPES, ExportFile, ExportFormat, build_export
from assistant.compose.export_charts import chart_png
from assistant.conversations import ConversationStore
from assistant.core.errors import NotFoundError
from assistant.core.messages import Pick, as_lang


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str = Field(min_length=1, max_length=64)
    format: ExportFormat = Field(default="md", description="md: charts as data tables; zip: export.md with "
                                 "charts/*.png; docx: a Word document.")
    language: Literal["nl", "en"] = Field(default="nl", description="Language of error messages.")


class ExportService:
    def __init__(self, conversations: ConversationStore) -> None:
        self.conversations = conversations

    def export(self, req: ExportRequest) -> ExportFile:
        conv = self.conversations.get(req.conversation_id)
        if conv is None or not conv.answers:
            raise _no_conversation(req, round(self.conversations.ttl_s / 3600, 1))
        answers = list(conv.answers)
        return build_export(answers, req.format, render=chart_png)


def _no_conversation(req: ExportRequest, hours: float) -> NotFoundError:
    shown = f"{hours:g}"
    return NotFoundError(key="conversation.nothing_to_export", lang=as_lang(req.language),
                         hours=Pick(shown.replace(".", ","), shown))


def _download(file: ExportFile) -> Response:
    disposition = f'attachment; filename="{file.filename}"'
    return Response(file.content, media_type=file.media_type, headers={"Content-Disposition": disposition})


def export_router(service: ExportService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["export"])
    binary = {"schema": {"type": "string", "format": "binary"}}

    @router.post("/export", response_class=Response, responses={
        200: {"description": "The onderbouwing as an attachment.",
              "content": {"text/markdown": {"schema": {"type": "string"}}, MEDIA_TYPES["docx"]: binary,
                          "application/zip": binary}},
        **error_responses(404, 413)})
    def export(req: ExportRequest) -> Response:
        """Questions, answers, facts numbered once with their sources, stories, caveats, charts, attribution."""
        return _download(service.export(req))

    return router
