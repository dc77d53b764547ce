"""Uploads: a byte limit enforced while the body streams in, and copies under safe generated names."""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path
from typing import BinaryIO

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import UploadTooLargeError, response_for
from assistant.api.language import scope_lang
from assistant.core.errors import BadInputError

CHUNK = 1024 * 1024
MULTIPART_SLACK = 64 * 1024  # part headers and small form fields around the file itself
UPLOAD_PREFIX = "/v1/ingest/"
JSON_LIMIT = 1024 * 1024
TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
SHOWN_NAME = re.compile(r"[^\w.\- ]+")


def limit_error(limit_mb: int) -> UploadTooLargeError:
    return UploadTooLargeError(key="upload.too_large", mb=limit_mb)


class BodyTooLarge(StarletteHTTPException):
    """Raised from receive(): FastAPI passes HTTP exceptions through its body parsing untouched."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="too large")


class BodyLimitMiddleware:
    """Stops a request as soon as its body passes the limit, so memory stays bounded.

    Uploads (/v1/ingest/…) may be DUIDING_UPLOAD_LIMIT_MB; every other body (JSON) at most 1 MB. A declared
    Content-Length over the limit is refused before one byte is read. Otherwise bytes are counted as they
    arrive (chunked uploads too) and reading stops at the first chunk past the limit.
    """

    def __init__(self, app: ASGIApp, upload_limit_mb: int) -> None:
        self.app = app
        self.upload_limit_mb = upload_limit_mb

    def _limit(self, path: str) -> tuple[int, UploadTooLargeError]:
        if path.startswith(UPLOAD_PREFIX):
            return self.upload_limit_mb * 1024 * 1024 + MULTIPART_SLACK, limit_error(self.upload_limit_mb)
        return JSON_LIMIT, UploadTooLargeError(key="upload.body_too_large")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes, error = self._limit(str(scope.get("path", "")))
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            await response_for(error, lang=scope_lang(scope))(scope, receive, send)
            return
        await _LimitedRequest(self.app, max_bytes, error, scope, receive, send).run()


class _LimitedRequest:
    def __init__(self, app: ASGIApp, max_bytes: int, error: UploadTooLargeError, scope: Scope, receive: Receive,
                 send: Send) -> None:
        self.app, self.max_bytes, self.error = app, max_bytes, error
        self.scope, self.receive, self.send = scope, receive, send
        self.seen = 0
        self.tripped = False
        self.replaced = False
        self.started = False

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.limited_receive, self.guarded_send)
        except BodyTooLarge:
            if not self.started:
                await self._send_413()

    async def limited_receive(self) -> Message:
        message = await self.receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.max_bytes:
                self.tripped = True
                raise BodyTooLarge()
        return message

    async def guarded_send(self, message: Message) -> None:
        # Whatever a layer made of the exception, a tripped request answers 413 in the error shape.
        if self.tripped and message["type"] == "http.response.start" and not self.started:
            self.started = self.replaced = True
            await self._send_413()
            return
        if self.replaced:
            return
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)

    async def _send_413(self) -> None:
        await response_for(self.error, lang=scope_lang(self.scope))(self.scope, self.receive, self.send)


def shown_name(filename: str | None) -> str:
    """The upload's base name for reports only; it never becomes a path."""
    base = re.split(r"[\\/]", filename or "")[-1]
    return SHOWN_NAME.sub("_", base).strip(" .")[:100] or "upload"


def safe_suffix(filename: str | None, allowed: tuple[str, ...]) -> str:
    suffix = Path(shown_name(filename)).suffix.lower()
    if suffix not in allowed:
        raise BadInputError(key="upload.bad_type", suffix=suffix or "-", allowed=", ".join(allowed))
    return suffix


def save_upload(source: BinaryIO, filename: str | None, workdir: Path, allowed: tuple[str, ...],
                limit_mb: int) -> Path:
    """Copy in 1 MB chunks to workdir/upload-<content hash><suffix>; only the whitelisted suffix survives.

    The name comes from the content, so the readers (which record the file name as the table) see the
    same name when the same file is uploaded again, and a re-import is a no-op.
    """
    suffix = safe_suffix(filename, allowed)
    part = workdir / f".part-{uuid.uuid4().hex}"
    digest, limit, total = hashlib.sha256(), limit_mb * 1024 * 1024, 0
    with open(part, "xb") as out:
        while chunk := source.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise limit_error(limit_mb)
            digest.update(chunk)
            out.write(chunk)
    if total == 0:
        raise BadInputError(key="upload.empty", file=shown_name(filename))
    tag = TABLE_ID.search(filename or "")  # the KWB table id tells the CBS reader the year
    target = workdir / f"upload-{tag.group(1).upper() + '-' if tag else ''}{digest.hexdigest()[:12]}{suffix}"
    part.replace(target)
    return target
