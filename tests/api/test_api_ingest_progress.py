"""The story upload reports embedding progress; a second upload of the same file embeds nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from eval.retrieval_eval import DEMO_STORIES
from tests.support.api import make_app


def test_story_upload_progress_counts_only_new_or_changed(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path / "data", llm=None)
    body = DEMO_STORIES.read_bytes()
    n = sum(1 for line in body.decode("utf-8").splitlines() if line.strip())
    with TestClient(app) as client:
        assert client.get("/v1/ingest/progress").json() == {"running": False, "done": 0, "total": 0}
        first = client.post("/v1/ingest/stories", files={"file": ("s.jsonl", body, "application/json")})
        assert first.status_code == 200, first.text
        progress = client.get("/v1/ingest/progress").json()
        assert progress["running"] is False and progress["done"] == progress["total"] >= n
        again = client.post("/v1/ingest/stories", files={"file": ("s.jsonl", body, "application/json")})
        assert again.status_code == 200 and again.json()["changed"] is False
        assert client.get("/v1/ingest/progress").json()["done"] == 0
