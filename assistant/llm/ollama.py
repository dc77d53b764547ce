"""Ollama backend through langchain-ollama: what most users run on their laptops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.core import registry
from assistant.core.errors import BackendUnavailableError, MissingExtraError
from assistant.core.settings import Settings
from assistant.llm.base import BackendStatus, Size, declared_size


def _fix(settings: Settings) -> str:
    return f"start it with `ollama serve` (and `ollama pull {settings.ollama_model}`) or set DUIDING_LLM=embedded"


class OllamaLLM:
    name = "ollama"

    def __init__(self, settings: Settings) -> None:
        try:
            from langchain_ollama import ChatOllama
        except ImportError as exc:
            raise MissingExtraError("langchain-ollama", "ollama") from exc
        self.settings = settings
        self.model = settings.ollama_model
        self.size: Size = declared_size(settings, "large")
        self._chat: Any = ChatOllama(
            model=settings.ollama_model, base_url=settings.ollama_host, temperature=settings.llm_temperature,
            num_predict=settings.llm_max_tokens, seed=0, client_kwargs={"timeout": settings.llm_timeout_s},
        )

    @property
    def endpoint(self) -> tuple[str, str]:
        return self.settings.ollama_host, "DUIDING_OLLAMA_HOST"

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        lc_messages = [(m["role"] if m["role"] != "user" else "human", m["content"]) for m in messages]
        chat = self._chat.model_copy(update={"num_predict": max_tokens}) if max_tokens else self._chat
        try:
            for chunk in chat.stream(lc_messages):
                if chunk.content:
                    yield str(chunk.content)
        except ConnectionError as exc:
            raise BackendUnavailableError(key="ollama.unreachable", host=self.settings.ollama_host) from exc
        except Exception as exc:  # ollama.ResponseError, httpx errors: report, never crash the answer
            status = getattr(exc, "status_code", None)
            if status == 404:
                raise BackendUnavailableError(key="ollama.no_model", model=self.model) from exc
            if "connect" in type(exc).__name__.lower() or "connect" in str(exc).lower():
                raise BackendUnavailableError(key="ollama.unreachable", host=self.settings.ollama_host) from exc
            raise

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        """One reply in Ollama's structured-output mode (`format` = the JSON schema), parsed."""
        import httpx

        from assistant.llm.base import parse_json_object

        body = {"model": self.model, "messages": messages, "stream": False, "format": schema,
                "options": {"temperature": 0, "seed": 0}}
        try:
            resp = httpx.post(f"{self.settings.ollama_host}/api/chat", json=body, timeout=self.settings.llm_timeout_s)
        except httpx.HTTPError as exc:
            raise BackendUnavailableError(key="ollama.unreachable", host=self.settings.ollama_host) from exc
        if resp.status_code >= 400:
            raise BackendUnavailableError(key="ollama.status", status=resp.status_code, detail=resp.text[:200],
                                          model=self.model)
        return parse_json_object(resp.json().get("message", {}).get("content", ""))

    def available(self) -> tuple[bool, str]:
        import httpx

        try:
            httpx.get(f"{self.settings.ollama_host}/api/tags", timeout=2.0).raise_for_status()
            return True, f"Ollama at {self.settings.ollama_host}, model {self.model}"
        except httpx.HTTPError:
            return False, f"Ollama is not reachable at {self.settings.ollama_host} — {_fix(self.settings)}"


def ollama_status(settings: Settings) -> BackendStatus:
    ok, why = OllamaLLM(settings).available()
    return BackendStatus("ollama", ok, why, f"`ollama serve`, `ollama pull {settings.ollama_model}`, "
                         "DUIDING_LLM=ollama (DUIDING_OLLAMA_HOST, DUIDING_OLLAMA_MODEL)")


registry.register("llm", "ollama", OllamaLLM, extra="ollama", status=ollama_status, size="large",
                  help="an Ollama server (qwen2.5:7b, llama3.1:8b, gemma3:4b)")
