"""Talks to the Duiding HTTP API with httpx: JSON routes and the SSE chat stream. No Streamlit here."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from assistant.schemas import Answer

DEFAULT_API_URL = "http://127.0.0.1:8000"
START_HINT = "start it with `duiding run`, or set DUIDING_API_URL"


@dataclass(frozen=True)
class StreamEvent:
    """One SSE event: kind is facts | sentence | reset | check | done | error."""

    kind: str
    data: dict[str, Any]


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

    def _get(self, path: str, params: dict[str, Any] | None = None, ok: tuple[int, ...] = (200,)) -> Any:
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = self.http.get(path, params=clean)
        except httpx.HTTPError as exc:
            raise ApiError(f"The Duiding API is not reachable at {self.base_url} ({type(exc).__name__})",
                           START_HINT) from exc
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

    def chat(self, body: dict[str, Any]) -> Answer:
        try:
            response = self.http.post("/v1/chat", json=_clean(body))
        except httpx.HTTPError as exc:
            raise ApiError(f"The Duiding API is not reachable at {self.base_url}", START_HINT) from exc
        if response.status_code != 200:
            raise _api_error(response)
        return Answer.model_validate(response.json())

    def chat_stream(self, body: dict[str, Any]) -> Iterator[StreamEvent]:
        """POST /v1/chat/stream: facts first, then checked sentences, reset, check and done."""
        try:
            with self.http.stream("POST", "/v1/chat/stream", json=_clean(body)) as response:
                if response.status_code != 200:
                    response.read()
                    raise _api_error(response)
                yield from parse_sse(response.iter_lines())
        except httpx.HTTPError as exc:
            raise ApiError(f"The Duiding API is not reachable at {self.base_url} ({type(exc).__name__})",
                           START_HINT) from exc


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v not in (None, "")}
