"""LLM faults end to end: every broken backend ends in the facts answer with a notice and a logged reason.

Real uvicorn on 127.0.0.1, real backends (OpenAI-compatible and Ollama clients) against the local servers
in tests/llm_servers.py that speak the wire protocols, or the scripted FakeLLM. Never a 5xx.
See also tests/test_gate.py (the gate alone) and tests/test_api_chat.py (down, timeout, backend bug).
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.api import make_app
from support.reliability import chat_stream, live_server
from support.servers import FakeLLMServer, Script

from assistant.core.settings import Settings
from assistant.llm.base import FakeLLM
from assistant.llm.ollama import OllamaLLM
from assistant.llm.openai_compat import OpenAICompatibleLLM

QUESTION = "Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?"
GOOD_1 = "Huishoudens met een laag inkomen in Oude Haven (2023): 10,7% van de particuliere huishoudens [F1]. "
GATE_TIMEOUT_S = 2.0
BACKEND_TIMEOUT_S = 1.0
ENGLISH = GOOD_1 + "That is much higher than in the rest of the city, and people there have less money [F2]."


@pytest.fixture(scope="module")
def live(demo_base: Path) -> Iterator[tuple[str, Any]]:
    app, deps = make_app(demo_base, llm_timeout_s=GATE_TIMEOUT_S)
    with live_server(app) as base:
        yield base, deps


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _raw_server(body: bytes, ctype: str) -> Iterator[str]:
    """A server that answers every POST with 200 and this body: garbage on the wire."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _openai(url: str) -> OpenAICompatibleLLM:
    return OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1", llm_timeout_s=BACKEND_TIMEOUT_S))


def _ollama(url: str) -> OllamaLLM:
    return OllamaLLM(Settings(ollama_host=url, llm_timeout_s=BACKEND_TIMEOUT_S))


def _scripted(*replies: Any) -> FakeLLM:
    """The replies of one request (first attempt, retry), queued for both requests the test makes."""
    llm = FakeLLM()
    for reply in [*replies, *replies]:
        llm.enqueue(reply)
    return llm


DRIP = ["Huishoudens ", "met ", "een ", "laag ", "inkomen ", "in ", "Oude ", "Haven ", "zijn ", "er ", "veel ", "meer "]
Fault = Callable[[], AbstractContextManager[Any]]


def _served(make: Callable[[str], Any], script: Script) -> Fault:
    @contextmanager
    def fault() -> Iterator[Any]:
        with FakeLLMServer(script) as url:
            yield make(url)
    return fault


def _raw(make: Callable[[str], Any], body: bytes, ctype: str) -> Fault:
    @contextmanager
    def fault() -> Iterator[Any]:
        with _raw_server(body, ctype) as url:
            yield make(url)
    return fault


def _plain(build: Callable[[], Any]) -> Fault:
    return lambda: nullcontext(build())


# name -> (backend factory, words the logged reason holds: in the question's language, Dutch here)
FAULTS: dict[str, tuple[Fault, str]] = {
    "openai_down": (_plain(lambda: _openai(f"http://127.0.0.1:{_closed_port()}")), "Geen OpenAI-compatibele server"),
    "ollama_down": (_plain(lambda: _ollama(f"http://127.0.0.1:{_closed_port()}")), "Ollama is niet bereikbaar"),
    "openai_slow_first_token": (_served(_openai, Script([GOOD_1], delay_s=3.0)), "Timeout"),
    "ollama_slow_first_token": (_served(_ollama, Script([GOOD_1], delay_s=3.0)), "imeout"),
    "slow_drip_past_the_deadline": (_served(_openai, Script(DRIP, delay_s=0.4)), "geen antwoord binnen"),
    "openai_http_500": (_served(_openai, Script([GOOD_1], status=500)), "antwoordde met 500"),
    "openai_dies_mid_stream": (_served(_openai, Script(DRIP, die_after=2)), "peer closed connection"),
    "ollama_dies_mid_stream": (_served(_ollama, Script(DRIP, die_after=2)), ""),
    "openai_garbage_protocol": (_raw(_openai, b"data: {not json at all\n\n", "text/event-stream"), "JSONDecodeError"),
    "ollama_garbage_protocol": (_raw(_ollama, b"<html>proxy error</html>\n", "application/x-ndjson"), ""),
    "garbage_text": (_plain(lambda: _scripted(*["%%%% 0xDEADBEEF 31337 [F42] ~~~ <<>> ."] * 2)), "31337"),
    "endless_text": (_served(_openai, Script(["bla "] * 5000)), "te lang"),
    "exception_mid_stream": (_plain(lambda: _scripted(["Huishoudens ", RuntimeError("kapot")])), "kapot"),
    "english_answer_to_a_dutch_question": (_plain(lambda: _scripted(ENGLISH, ENGLISH)), "Engels"),
    "empty_answer": (_plain(lambda: _scripted([], [])), "leeg"),
}


@pytest.mark.parametrize("name", list(FAULTS))
def test_every_llm_fault_ends_in_the_facts_answer_with_a_notice_and_a_logged_reason(
    live: tuple[str, Any], name: str, caplog: pytest.LogCaptureFixture
) -> None:
    base, deps = live
    fault, reason_words = FAULTS[name]
    caplog.set_level(logging.INFO, logger="duiding")
    with fault() as llm:
        deps.llm = llm
        events = chat_stream(base, QUESTION, timeout_s=60)
        plain = httpx.post(f"{base}/v1/chat", json={"question": QUESTION}, timeout=60)
    kinds = [k for k, _ in events]
    assert kinds[0] == "facts" and kinds[-2:] == ["check", "done"] and "error" not in kinds
    if "sentence" in kinds:  # a sentence shown before the fault must be taken back
        assert "reset" in kinds[kinds.index("sentence"):]
    for answer in (events[-1][1]["answer"], plain.json()):
        assert answer["answer"] == answer["deterministic"] and answer["llm_text"] == ""
        assert answer["llm"]["fallback_used"] is True and reason_words in answer["llm"]["reason"]
        assert any("taalmodel" in n for n in answer["notices"])
        assert answer["facts"] and "10,7%" in answer["answer"]
    assert plain.status_code == 200
    logged = [r.getMessage() for r in caplog.records if r.name == "duiding.pipeline"]
    assert any(m.startswith("LLM fallback: ") and reason_words in m for m in logged), logged


def test_a_runaway_backend_is_cut_off_and_not_read_to_the_end(live: tuple[str, Any]) -> None:
    """Endless text: the gate stops reading at its character cap and closes the stream."""
    base, deps = live
    llm = FakeLLM()
    llm.enqueue(["bla "] * 100_000)
    llm.enqueue(["bla "] * 100_000)
    deps.llm = llm
    answer = chat_stream(base, QUESTION)[-1][1]["answer"]
    assert answer["llm"]["fallback_used"] and answer["llm"]["retried"]
    cap = Settings().llm_max_tokens * 6
    assert all(len("".join(served)) <= cap + 4 for served in llm.served)  # read up to the cap, not 400 KB
