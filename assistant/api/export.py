"""POST /v1/export: a conversation's onderbouwing as a Markdown or DOCX download."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.errors import error_responses
from assistant.compose.export import MEDIA_TYPES, ExportFile, ExportFormat, build_export
from assistant.compose.export_charts import chart_png
from assistant.conversations import ConversationStore


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str = Field(min_length=1, max_length=64)
    format: ExportFormat = "md"


class ExportService:
    def __init__(self, conversations: ConversationStore) -> None:
        self.conversations = conversations

    def export(self, req: ExportRequest) -> ExportFile:
        answers = list(self.conversations.require(req.conversation_id).answers)
        return build_export(answers, req.format, render=chart_png)


def _download(file: ExportFile) -> Response:
    disposition = f'attachment; filename="{file.filename}"'
    return Response(file.content, media_type=file.media_type, headers={"Content-Disposition": disposition})


def export_router(service: ExportService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["export"])
    binary = {"schema": {"type": "string", "format": "binary"}}

    @router.post("/export", response_class=Response, responses={
        200: {"description": "The onderbouwing as an attachment.",
              "content": {"text/markdown": {"schema": {"type": "string"}}, MEDIA_TYPES["docx"]: binary}},
        **error_responses(404, 413)})
    def export(req: ExportRequest) -> Response:
        """Questions, facts with sources, quoted stories, caveats, charts (PNG) and the attribution."""
        return _download(service.export(req))

    return router
