"""Any OpenAI-compatible chat server (vLLM, llama-server, LM Studio), streamed over SSE."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from assistant.core import registry
from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from assistant.llm.base import BackendStatus, Size, declared_size


class OpenAICompatibleLLM:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.openai_model
        self.base_url = settings.openai_base_url.rstrip("/")
        self.size: Size = declared_size(settings, "large")

    @property
    def endpoint(self) -> tuple[str, str]:
        """Where the model runs and the setting that says so: named in the notice when it does not answer."""
        return self.base_url, "DUIDING_OPENAI_BASE_URL"

    def _headers(self) -> dict[str, str]:
        key = self.settings.openai_api_key
        return {"Authorization": f"Bearer {key.get_secret_value()}"} if key else {}

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        body = {"model": self.model, "messages": messages, "stream": True, "seed": 0,
                "temperature": self.settings.llm_temperature, "max_tokens": max_tokens or self.settings.llm_max_tokens}
        try:
            with httpx.stream("POST", f"{self.base_url}/chat/completions", json=body, headers=self._headers(),
                              timeout=self.settings.llm_timeout_s) as resp:
                if resp.status_code >= 400:
                    resp.read()
                    raise BackendUnavailableError(key="openai.status", status=resp.status_code, detail=resp.text[:200])
                yield from _sse_content(resp.iter_lines())
        except httpx.ConnectError as exc:
            raise BackendUnavailableError(key="openai.unreachable", url=self.base_url) from exc

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        """One reply with `response_format` = json_schema (strict), parsed."""
        from assistant.llm.base import parse_json_object

        body = {"model": self.model, "messages": messages, "stream": False, "seed": 0, "temperature": 0,
                "max_tokens": 256, "response_format": {"type": "json_schema", "json_schema": {
                    "name": "reading", "schema": schema, "strict": True}}}
        try:
            resp = httpx.post(f"{self.base_url}/chat/completions", json=body, headers=self._headers(),
                              timeout=self.settings.llm_timeout_s)
        except httpx.HTTPError as exc:
            raise BackendUnavailableError(key="openai.unreachable", url=self.base_url) from exc
        if resp.status_code >= 400:
            raise BackendUnavailableError(key="openai.status", status=resp.status_code, detail=resp.text[:200])
        return parse_json_object(resp.json()["choices"][0]["message"].get("content") or "")

    def available(self) -> tuple[bool, str]:
        try:
            httpx.get(f"{self.base_url}/models", headers=self._headers(), timeout=2.0).raise_for_status()
            return True, f"OpenAI-compatible server at {self.base_url}, model {self.model}"
        except httpx.HTTPError:
            return False, f"No OpenAI-compatible server at {self.base_url} — start it or set DUIDING_LLM=embedded"


def _sse_content(lines: Iterator[str]) -> Iterator[str]:
    """Parse `data: {...}` lines; stop at `data: [DONE]`. A stream that ends without it is an error."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        delta = json.loads(payload)["choices"][0].get("delta", {})
        if delta.get("content"):
            yield delta["content"]
    raise ConnectionError("the OpenAI-compatible server closed the stream before [DONE]")


def openai_status(settings: Settings) -> BackendStatus:
    ok, why = OpenAICompatibleLLM(settings).available()
    return BackendStatus("openai", ok, why, "DUIDING_LLM=openai with DUIDING_OPENAI_BASE_URL, "
                         "DUIDING_OPENAI_MODEL and (if needed) DUIDING_OPENAI_API_KEY")


registry.register("llm", "openai", OpenAICompatibleLLM, status=openai_status, size="large",
                  help="any OpenAI-compatible server (vLLM, llama_cpp.server, LM Studio)")
