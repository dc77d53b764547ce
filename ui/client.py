"""Talks to the Duiding HTTP API with httpx: JSON routes and the SSE chat stream. No Streamlit here."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

import httpx

from assistant.compose.exercises import Exercise
from assistant.schemas import Answer
from retrieval.models import GlossaryEntry, ImportReport

DEFAULT_API_URL = "http://127.0.0.1:8000"
START_HINT = "start it with `duiding run`, or set DUIDING_API_URL"
FILENAME = re.compile(r'filename="([^"]+)"')


@dataclass(frozen=True)
class StreamEvent:
    """One SSE event: kind is facts | sentence | reset | check | done | error."""

    kind: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Download:
    """A file the API sent as an attachment (an export)."""

    content: bytes
    filename: str
    media_type: str


class ApiError(Exception):
    """The API answered with its error shape, or could not be reached; `fix` says what to do."""

    def __init__(self, message: str, fix: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.message, self.fix, self.status = message, fix, status

    def __str__(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message


def parse_sse(lines: Iterable[str]) -> Iterator[StreamEvent]:
    """Server-Sent Events to StreamEvents; every `data:` payload of this API is JSON."""
    kind = "message"
    data: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r")
        if not line:
            if data:
                yield StreamEvent(kind, json.loads("\n".join(data)))
            kind, data = "message", []
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                kind = value
            elif name == "data":
                data.append(value)
    if data:
        yield StreamEvent(kind, json.loads("\n".join(data)))


def _api_error(response: httpx.Response) -> ApiError:
    try:
        body = response.json().get("error", {})
    except (ValueError, AttributeError):
        body = {}
    if not isinstance(body, dict):
        body = {"message": str(body)}
    message = str(body.get("message") or f"HTTP {response.status_code}")
    return ApiError(message, str(body.get("fix") or ""), response.status_code)


class DuidingClient:
    """The API over HTTP (base_url) or in-process (an httpx.Client such as Starlette's TestClient)."""

    def __init__(self, base_url: str | None = None, *, http: httpx.Client | None = None,
                 token: str | None = None, timeout: float = 600.0) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.base_url = (base_url or DEFAULT_API_URL).rstrip("/")
        self.http = http or httpx.Client(base_url=self.base_url, headers=headers,
                                         timeout=httpx.Timeout(timeout, connect=5.0))

    @classmethod
    def from_env(cls) -> DuidingClient:
        return cls(os.environ.get("DUIDING_API_URL") or DEFAULT_API_URL,
                   token=os.environ.get("DUIDING_API_TOKEN") or None)

    def _unreachable(self, exc: Exception) -> ApiError:
        return ApiError(f"The Duiding API is not reachable at {self.base_url} ({type(exc).__name__})", START_HINT)

    def _get(self, path: str, params: dict[str, Any] | None = None, ok: tuple[int, ...] = (200,)) -> Any:
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = self.http.get(path, params=clean)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        if response.status_code not in ok:
            raise _api_error(response)
        return response.json()

    def ready(self) -> dict[str, Any]:
        """GET /readyz; a 503 still carries the store and LLM status."""
        return dict(self._get("/readyz", ok=(200, 503)))

    def areas(self, search: str | None = None, level: str | None = None, limit: int = 2000) -> list[dict[str, Any]]:
        return list(self._get("/v1/areas", {"search": search, "level": level, "limit": limit}))

    def area(self, code: str) -> dict[str, Any]:
        return dict(self._get(f"/v1/areas/{code}"))

    def _post(self, path: str, **request: Any) -> httpx.Response:
        """POST json= or files=/data=; anything but 200 becomes an ApiError with the API's message and fix."""
        try:
            response = self.http.post(path, **request)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        if response.status_code != 200:
            raise _api_error(response)
        return response

    def chat(self, body: dict[str, Any]) -> Answer:
        return Answer.model_validate(self._post("/v1/chat", json=_clean(body)).json())

    def export(self, conversation_id: str, fmt: Literal["docx", "md", "zip"]) -> Download:
        """POST /v1/export: the conversation's onderbouwing as a file."""
        response = self._post("/v1/export", json={"conversation_id": conversation_id, "format": fmt})
        found = FILENAME.search(response.headers.get("content-disposition", ""))
        return Download(response.content, found.group(1) if found else f"onderbouwing.{fmt}",
                        response.headers.get("content-type", "application/octet-stream"))

    def exercise(self, area: str, kind: str | None = None) -> Exercise:
        """POST /v1/exercises: a question, options and the answer key (show the key only after answering)."""
        return Exercise.model_validate(self._post("/v1/exercises", json=_clean({"area": area, "kind": kind})).json())

    def glossary_entry(self, term: str) -> GlossaryEntry:
        return GlossaryEntry.model_validate(self._get(f"/v1/glossary/{quote(term, safe='')}"))

    def ingest_tables(self, filename: str, content: bytes, options: dict[str, Any],
                      names: tuple[str, bytes] | None = None) -> ImportReport:
        """POST /v1/ingest/tables (multipart); options are the route's form fields (format, year, ...);
        `names` is an optional CBS name list (file name, content)."""
        data = {k: str(v) for k, v in _clean(options).items()}
        files = {"file": (filename, content)} | ({"names": names} if names else {})
        response = self._post("/v1/ingest/tables", files=files, data=data)
        return ImportReport.model_validate(response.json())

    def datasets(self) -> list[dict[str, Any]]:
        """GET /v1/datasets: one entry per import."""
        return list(self._get("/v1/datasets"))

    def ingest_stories(self, filename: str, content: bytes) -> ImportReport:
        response = self._post("/v1/ingest/stories", files={"file": (filename, content)})
        return ImportReport.model_validate(response.json())

    def chat_stream(self, body: dict[str, Any]) -> Iterator[StreamEvent]:
        """POST /v1/chat/stream: facts first, then checked sentences, reset, check and done."""
        try:
            with self.http.stream("POST", "/v1/chat/stream", json=_clean(body)) as response:
                if response.status_code != 200:
                    response.read()
                    raise _api_error(response)
                yield from parse_sse(response.iter_lines())
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v not in (None, "")}
