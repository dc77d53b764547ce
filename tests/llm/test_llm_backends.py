"""Ollama and OpenAI-compatible backends against local servers that speak their real protocols."""

from __future__ import annotations

import socket

import pytest
from support.servers import FakeLLMServer, Script

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from assistant.llm.ollama import OllamaLLM
from assistant.llm.openai_compat import OpenAICompatibleLLM

MESSAGES = [{"role": "system", "content": "Je bent Duiding."}, {"role": "user", "content": "Hoi"}]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_ollama_streams_chunks_and_sends_options() -> None:
    script = Script(chunks=["Moerwijk ligt ", "0,7 procentpunt hoger [F2]."])
    with FakeLLMServer(script) as url:
        llm = OllamaLLM(Settings(ollama_host=url, ollama_model="qwen2.5:7b", llm_max_tokens=99))
        assert "".join(llm.stream(MESSAGES)) == "Moerwijk ligt 0,7 procentpunt hoger [F2]."
        assert llm.available()[0] is True
    sent = script.requests[-1]
    assert sent["model"] == "qwen2.5:7b" and sent["stream"] is True
    assert sent["messages"][0] == {"role": "system", "content": "Je bent Duiding."}
    assert sent["options"]["num_predict"] == 99 and sent["options"]["temperature"] == 0


def test_ollama_not_running_gives_fix_it_error() -> None:
    llm = OllamaLLM(Settings(ollama_host=f"http://127.0.0.1:{_free_port()}"))
    with pytest.raises(BackendUnavailableError) as err:
        list(llm.stream(MESSAGES))
    assert "ollama serve" in err.value.fix and "127.0.0.1" in err.value.message
    ok, why = llm.available()
    assert ok is False and "ollama serve" in why


def test_ollama_unknown_model_says_pull() -> None:
    with FakeLLMServer(Script(status=404)) as url:
        llm = OllamaLLM(Settings(ollama_host=url, ollama_model="nope:1b"))
        with pytest.raises(BackendUnavailableError, match="nope:1b") as err:
            list(llm.stream(MESSAGES))
    assert "ollama pull nope:1b" in err.value.fix


def test_ollama_server_dying_mid_stream_is_an_error_not_a_short_answer() -> None:
    with FakeLLMServer(Script(chunks=["Eerste zin. ", "Tweede ", "zin."], die_after=1)) as url:
        llm = OllamaLLM(Settings(ollama_host=url))
        got: list[str] = []
        with pytest.raises(Exception):  # noqa: B017 - any transport error; the gate turns it into a fallback
            for piece in llm.stream(MESSAGES):
                got.append(piece)
    assert got == ["Eerste zin. "]


def test_openai_compatible_streams_and_stops_at_done() -> None:
    script = Script(chunks=["In Den Haag ", "is het 10,8% [F1]."])
    with FakeLLMServer(script) as url:
        llm = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1", openai_model="qwen", openai_api_key="k"))
        assert "".join(llm.stream(MESSAGES)) == "In Den Haag is het 10,8% [F1]."
        assert llm.available()[0] is True
    assert script.requests[-1]["model"] == "qwen" and script.requests[-1]["stream"] is True


def test_openai_server_dying_mid_stream_raises() -> None:
    with FakeLLMServer(Script(chunks=["Een. ", "Twee."], die_after=1)) as url:
        llm = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1"))
        with pytest.raises((ConnectionError, Exception)):  # noqa: B017
            list(llm.stream(MESSAGES))


def test_openai_not_running_gives_fix_it_error() -> None:
    llm = OpenAICompatibleLLM(Settings(openai_base_url=f"http://127.0.0.1:{_free_port()}/v1"))
    with pytest.raises(BackendUnavailableError, match="Geen OpenAI-compatibele server"):
        list(llm.stream(MESSAGES))
