"""A turn stays when the next question comes while the model is still writing (the client goes away)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
from support.api import make_app
from support.reliability import live_server
from support.servers import FakeLLMServer, Script

from assistant.core.settings import Settings
from assistant.llm.openai_compat import OpenAICompatibleLLM

QUESTION = "Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?"


def _until_facts(base: str) -> str:
    """Start an answer, read its facts event, then hang up (as a browser rerun does); the conversation id."""
    with httpx.stream("POST", f"{base}/v1/chat/stream", json={"question": QUESTION}, timeout=30) as r:
        kind = ""
        for line in r.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: ") and kind == "facts":
                return str(json.loads(line[6:])["conversation_id"])
    raise AssertionError("no facts event")


def _wait_for_turn(base: str, conversation_id: str) -> None:
    """The export sees the turn once the server has stored it (immediately, at the facts)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        r = httpx.post(f"{base}/v1/export", json={"conversation_id": conversation_id, "format": "md"}, timeout=10)
        if r.status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError(f"the interrupted turn was not kept: {r.status_code} {r.text[:200]}")


def test_a_follow_up_sent_while_the_model_writes_keeps_the_first_turn(demo_dir: Path) -> None:
    words = ["Dit", "antwoord", "komt", "heel", "langzaam", "binnen", "en", "wordt", "afgebroken", "."]
    slow = Script(chunks=[w + " " for w in words], delay_s=0.5)
    with FakeLLMServer(slow) as url:
        llm = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1"))
        app, _ = make_app(demo_dir, llm=llm)
        with live_server(app) as base:
            conversation_id = _until_facts(base)
            _wait_for_turn(base, conversation_id)
            follow = httpx.post(f"{base}/v1/chat", json={"question": "En in 2021?",
                                                          "conversation_id": conversation_id}, timeout=60).json()
    assert follow["conversation_id"] == conversation_id
    assert follow["years"] == [2021] and any("jeugdzorg" in i for i in follow["indicators"])
    assert follow["areas"] and follow["areas"][0] == _weverskwartier(demo_dir)


def _weverskwartier(demo_dir: Path) -> str:
    from retrieval.tables.store import IndicatorStore

    areas = IndicatorStore(Settings(data_dir=demo_dir).indicator_dir).load().areas
    return str(areas.loc[areas["area_name"] == "Weverskwartier", "area_code"].iloc[0])


