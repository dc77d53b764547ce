"""Chat over HTTP: answers, follow-ups, conversations, LLM trouble, and SSE against a real uvicorn."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from support.api import assert_error, make_app
from support.servers import FakeLLMServer, Script

from assistant.conversations import ConversationStore
from assistant.core.settings import Settings
from assistant.llm.base import FakeLLM
from assistant.llm.openai_compat import OpenAICompatibleLLM
from assistant.schemas import Answer

QUESTION = "Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?"
F1_CHUNKS = ["Huishoudens met een laag inkomen in Oude Haven (2023): ", "10,7% van de particuliere huishoudens [F1]. "]



def test_chat_returns_the_checked_answer_with_a_conversation_id(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"question": QUESTION, "audience": "beleid"})
    assert r.status_code == 200
    answer = Answer.model_validate(r.json())
    assert answer.conversation_id and answer.areas == ["WK990101"] and answer.audience == "beleid"
    assert answer.facts[0].text.startswith("Huishoudens met een laag inkomen in Oude Haven")
    assert answer.check.ok and answer.llm.backend == "fake" and not answer.llm.fallback_used
    assert "[F1]" in answer.answer and answer.charts and answer.attribution


def test_follow_up_question_carries_the_conversation_over(client: TestClient) -> None:
    first = client.post("/v1/chat", json={"question": QUESTION}).json()
    second = client.post("/v1/chat", json={"question": "en in Molenwijk?",
                                           "conversation_id": first["conversation_id"]}).json()
    assert second["conversation_id"] == first["conversation_id"]
    assert second["areas"] == ["WK990112"]
    assert "laag_inkomen_pct" in second["indicators"]


def test_unknown_conversation_id_starts_a_new_one_with_a_server_chosen_id(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"question": QUESTION, "conversation_id": "mine-123"})
    assert r.status_code == 200 and r.json()["conversation_id"] != "mine-123"


@pytest.mark.parametrize("field", ["llm_host", "ollama_host", "openai_base_url", "url"])
def test_no_request_field_can_set_an_llm_url(client: TestClient, field: str) -> None:
    r = client.post("/v1/chat", json={"question": QUESTION, field: "http://evil.example:1/v1"})
    err = assert_error(r, 422, "invalid_request")
    assert field in err["message"] and "evil" not in err["message"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_llm_backend_down_is_still_200_with_the_facts_answer(demo_dir: Path) -> None:
    down = Settings(openai_base_url=f"http://127.0.0.1:{_free_port()}/v1", llm_timeout_s=2)
    app, _ = make_app(demo_dir, llm=OpenAICompatibleLLM(down))
    with TestClient(app) as c:
        r = c.post("/v1/chat", json={"question": QUESTION})
    assert r.status_code == 200
    body = r.json()
    assert body["llm"]["fallback_used"] and body["answer"] == body["deterministic"]
    assert any("taalmodel" in n for n in body["notices"])


def test_llm_timeout_is_still_200_with_a_notice(demo_dir: Path) -> None:
    with FakeLLMServer(Script(chunks=F1_CHUNKS, delay_s=1.5)) as url:
        slow = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1", llm_timeout_s=0.5))
        app, _ = make_app(demo_dir, llm=slow, llm_timeout_s=0.5)
        with TestClient(app) as c:
            body = c.post("/v1/chat", json={"question": QUESTION}).json()
    assert body["llm"]["fallback_used"] and body["notices"] and body["answer"] == body["deterministic"]


class NamelessLLM:
    """A broken backend object (no `name`): the failure surfaces outside the gate, mid-stream."""

    model = "broken"

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        yield "Hallo."


def test_unexpected_llm_bug_falls_back_instead_of_500(demo_dir: Path) -> None:
    app, _ = make_app(demo_dir, llm=NamelessLLM())
    with TestClient(app) as c:
        r = c.post("/v1/chat", json={"question": QUESTION})
        assert r.status_code == 200 and r.json()["answer"] == r.json()["deterministic"]
        events = _events(c.post("/v1/chat/stream", json={"question": QUESTION}).text.splitlines())
    kinds = [k for k, _ in events]
    assert kinds[0] == "facts" and kinds[-2:] == ["error", "done"]
    assert events[-1][1]["answer"]["llm"]["fallback_used"] is True


def test_unknown_area_is_answered_not_an_error(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"question": "Hoeveel jongeren wonen er in Atlantis?"})
    assert r.status_code == 200 and r.json()["facts"] == []


def test_conversations_are_bounded_and_expire() -> None:
    now = [0.0]
    store = ConversationStore(max_conversations=2, ttl_s=10, max_turns=2, clock=lambda: now[0])
    a, b = store.open(None), store.open(None)
    assert store.get(a.id) is a  # a is now the most recent
    c = store.open(None)
    assert store.get(b.id) is None and store.get(a.id) is a and len(store) == 2
    for i in range(3):
        store.record(a, Answer(question=f"q{i}"), None)
    assert [x.question for x in a.answers] == ["q1", "q2"]
    now[0] = 11.0
    assert store.get(c.id) is None and store.open(a.id).id != a.id


# --- SSE over a real socket ---


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, demo_base: Path) -> Iterator[tuple[str, object]]:
    """uvicorn on 127.0.0.1 and a free port, in a thread, serving the demo city."""
    app, deps = make_app(demo_base)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", deps
    server.should_exit = True
    thread.join(timeout=10)


def _events(lines: Iterator[str] | list[str], stamps: list[float] | None = None) -> list[tuple[str, dict]]:
    out, kind = [], ""
    for line in lines:
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            out.append((kind, json.loads(line[6:])))
            if stamps is not None:
                stamps.append(time.monotonic())
    return out


def _stream(base: str, stamps: list[float] | None = None) -> list[tuple[str, dict]]:
    with httpx.stream("POST", f"{base}/v1/chat/stream", json={"question": QUESTION}, timeout=30) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        return _events(r.iter_lines(), stamps)


def test_sse_sends_facts_before_the_first_sentence(live: tuple[str, object]) -> None:
    base, deps = live
    deps.llm = FakeLLM()  # type: ignore[attr-defined]
    events = _stream(base)
    kinds = [k for k, _ in events]
    assert kinds[0] == "facts" and "sentence" in kinds and kinds.index("facts") < kinds.index("sentence")
    assert kinds[-2:] == ["check", "done"]
    facts, done = events[0][1], events[-1][1]
    assert facts["answer"]["facts"] and facts["conversation_id"] == done["conversation_id"]
    assert "_understanding" not in done and done["answer"]["check"]["ok"]


def test_sse_streams_facts_while_the_llm_is_still_writing(live: tuple[str, object]) -> None:
    base, deps = live
    with FakeLLMServer(Script(chunks=F1_CHUNKS, delay_s=0.4)) as url:
        deps.llm = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1"))  # type: ignore[attr-defined]
        stamps: list[float] = []
        events = _stream(base, stamps)
    kinds = [k for k, _ in events]
    first_sentence = kinds.index("sentence")
    assert kinds[0] == "facts" and stamps[first_sentence] - stamps[0] >= 0.6  # two delayed chunks later
    assert events[first_sentence][1]["text"].startswith("Huishoudens met een laag inkomen")


def test_oversized_json_body_is_413(client: TestClient) -> None:
    body = b'{"question": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    err = assert_error(client.post("/v1/chat", content=body, headers={"content-type": "application/json"}),
                       413, "too_large")
    assert "1 MB" in err["message"]
