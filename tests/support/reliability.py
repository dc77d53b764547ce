"""Helpers for the reliability, security and privacy suites (no tests here): live uvicorn, SSE, demo deps."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from assistant.schemas import StoryExcerpt
from eval.load import free_port
from retrieval.stories.store import StoryStore

STARTUP_S = 15.0


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """A real uvicorn on 127.0.0.1 and a free port, in a thread; stopped and joined on exit."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_S
    while not server.started and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_S)


def sse_events(lines: Iterator[str] | list[str]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    kind = ""
    for line in lines:
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            out.append((kind, json.loads(line[6:])))
    return out


def chat_stream(base: str, question: str, timeout_s: float = 60.0, **extra: Any) -> list[tuple[str, dict[str, Any]]]:
    """POST /v1/chat/stream over a real socket; asserts a 200 event stream and returns its events."""
    with httpx.stream("POST", f"{base}/v1/chat/stream", json={"question": question, **extra},
                      timeout=timeout_s) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        return sse_events(r.iter_lines())


def shown_text(events: list[tuple[str, dict[str, Any]]]) -> str:
    """Everything a client shows of an SSE answer: checked sentences and the final answer text."""
    sentences = [data["text"] for kind, data in events if kind == "sentence"]
    done = [data["answer"] for kind, data in events if kind == "done"]
    return "\n".join([*sentences, *(a["answer"] for a in done), *(a["llm_text"] for a in done)])


def pinned_story_search(directory: Path, story_ids: list[str], names: dict[str, str] | None = None) -> Any:
    """A StorySearch that returns these stored stories (a real StoryStore read) for any question.

    Injection tests pin the adversarial stories so that what is tested is the handling of a story once
    retrieved, not whether retrieval happens to rank it first.
    """
    def search(question: str, area_code: str, themes: list[str], k: int) -> list[StoryExcerpt]:
        stored = {s.id: s for s in StoryStore(directory).list()}
        return [StoryExcerpt(id="", story_id=s.id, text=s.text, area_code=s.area_code,
                             area_name=(names or {}).get(s.area_code or ""), date=s.date, role=s.role,
                             themes=s.themes, fictional=s.fictional)
                for s in (stored[i] for i in story_ids if i in stored)][:k]

    return search
