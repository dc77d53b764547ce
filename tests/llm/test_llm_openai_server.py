"""The OpenAI-compatible backend against a real server: llama_cpp.server (llama-cpp-python[server]) with the
assembled Qwen GGUF, started once for this module; and against no server at all."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.api import load_demo_city
from support.processes import running

from assistant.core.settings import Settings
from assistant.events import SentenceReleased
from assistant.llm.openai_compat import OpenAICompatibleLLM
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.wiring import build_deps
from eval.load import free_port

ALIAS = "qwen2.5-coder-1.5b-instruct"
DEMO_QUESTIONS = ["Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?",
                  "Is de jeugdzorg in Molenwijk hoog?", "Hoeveel inwoners heeft Oosterkade?"]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free loopback port; the GGUF is assembled (and verified) first."""
    pytest.importorskip("llama_cpp.server", reason="install 'llama-cpp-python[server]' (the embedded extra)")
    from assistant.llm.embedded import assemble_model

    model = assemble_model(Settings().model_dir)
    port = free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"]
    log = tmp_path_factory.mktemp("llama_server") / "server.log"
    with running(cmd, f"http://127.0.0.1:{port}/v1/models", log, timeout_s=180):
        yield f"http://127.0.0.1:{port}/v1"


def _settings(data_dir: Path, base_url: str) -> Settings:
    return Settings(data_dir=data_dir, llm="openai", embedder="fake", openai_base_url=base_url,
                    openai_model=ALIAS, llm_timeout_s=600)


@pytest.mark.integration
def test_streams_from_llama_cpp_server_in_several_chunks(llama_server: str, tmp_path: Path) -> None:
    llm = OpenAICompatibleLLM(_settings(tmp_path, llama_server))
    ok, why = llm.available()
    assert ok and llama_server in why
    chunks = list(llm.stream([{"role": "user", "content": "Noem drie kleuren van de Nederlandse vlag."}]))
    assert len(chunks) > 3 and "".join(chunks).strip()


@pytest.mark.integration
def test_answers_through_the_gate_with_checked_sentences(llama_server: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    load_demo_city(data_dir)
    deps = build_deps(_settings(data_dir, llama_server))
    assert isinstance(deps.llm, OpenAICompatibleLLM)
    for question in DEMO_QUESTIONS[:1]:  # one answer: a 1.5k-token prompt takes minutes on busy shared cores
        events = list(AnswerService(deps).stream(Question(question=question)))
        answer = events[-1].answer  # type: ignore[union-attr]
        sentences = [e.text for e in events if isinstance(e, SentenceReleased)]
        # The server answered in time: a check failure may fall back to the facts, a dead or silent server may not.
        assert answer.llm.backend == "openai" and "geen antwoord binnen" not in answer.llm.reason, answer.llm.reason
        assert not any(llama_server in n for n in answer.notices), answer.notices
        assert sentences or answer.llm.fallback_used  # a fallback carries the checker's reason instead
        if answer.llm_text and not answer.llm.fallback_used:
            assert answer.check.ok and " ".join(sentences).strip() == answer.llm_text.strip()


def test_an_unreachable_server_gives_the_facts_answer_and_names_the_url(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    load_demo_city(data_dir)
    url = f"http://127.0.0.1:{free_port()}/v1"
    deps = build_deps(_settings(data_dir, url))
    for question, start in ((DEMO_QUESTIONS[0], "Het taalmodel op"), ("How many people live in Oosterkade?",
                                                                      "The language model at")):
        answer = AnswerService(deps).ask(Question(question=question)).answer
        assert answer.facts and answer.answer == answer.deterministic and answer.llm.fallback_used
        notice = next(n for n in answer.notices if url in n)
        assert notice.startswith(start) and "DUIDING_OPENAI_BASE_URL" in notice
