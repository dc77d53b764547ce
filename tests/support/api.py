"""Fixtures and helpers for the API tests (no tests here): the demo city in a temp data dir, apps, clients."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.deps import Deps
from assistant.wiring import build_deps
from support.paths import DEMO_STORIES

LONG_CSV = "area_code,area_name,level,parent_code,indicator,year,value,unit\n" + "".join(
    f"WK99{i:04d},Testwijk {i},wijk,GM9999,testindicator_pct,2022,{10 + i / 10:.1f},percent\n" for i in range(40))


def api_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test app; explicit values so the caller's environment cannot leak in."""
    values: dict[str, Any] = {"data_dir": data_dir, "llm": "fake", "embedder": "fake", "api_token": None,
                              "cors_origins": [], "upload_limit_mb": 1}
    return Settings(**(values | overrides))


def make_app(data_dir: Path, llm: object | None = "default", **overrides: Any) -> tuple[FastAPI, Deps]:
    deps = build_deps(api_settings(data_dir, **overrides))
    if llm != "default":
        deps.llm = llm
    return create_app(deps), deps


def load_demo_city(data_dir: Path) -> None:
    from retrieval.demo.city import load_demo
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories
    from retrieval.tables.store import IndicatorStore

    settings = api_settings(data_dir)
    store = IndicatorStore(settings.indicator_dir)
    load_demo(store)
    known = set(store.load().areas["area_code"].astype(str))
    ingest_stories(DEMO_STORIES, open_story_store(settings), known, settings)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, str]:
    """The one error shape, with a message and (for 4xx) a fix."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error"} and body["ok"] is False
    assert set(body["error"]) == {"code", "message", "fix"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]  # type: ignore[no-any-return]
