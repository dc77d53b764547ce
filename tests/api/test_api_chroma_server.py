"""Answers with the story index on a real `chroma run` server, and when that server is down."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.api import api_settings
from support.processes import chroma_server

from assistant.api.app import create_app
from assistant.cli.main import cli
from assistant.wiring import build_app_deps
from eval.load import free_port
from retrieval.stories.store import StoryStore

QUESTION = "Wat vertellen bewoners van Oude Haven?"
FIGURES = "Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?"


def _ask(client: TestClient, question: str = QUESTION) -> dict:  # type: ignore[type-arg]
    r = client.post("/v1/chat", json={"question": question})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_stories_come_from_the_server_and_a_dead_server_leaves_the_facts_answer(
        demo_dir: Path, tmp_path: Path) -> None:
    shutil.rmtree(demo_dir / "chroma")  # nothing on disk: every story hit must come from the server
    server = ExitStack()
    url = server.enter_context(chroma_server(tmp_path / "chroma"))
    settings = api_settings(demo_dir, chroma_url=url, llm="none", embedder="use")
    with TestClient(create_app(build_app_deps(settings))) as client:
        up = _ask(client)
        stored = {s.id for s in StoryStore(settings.story_dir).list()}
        assert up["stories"] and {s["story_id"] for s in up["stories"]} <= stored
        assert not any(url in n for n in up["notices"]) and not (demo_dir / "chroma").exists()
        facts = [f["text"] for f in _ask(client, FIGURES)["facts"]]
        server.close()  # the server goes away while the app runs
        down = _ask(client, FIGURES)
    assert facts and [f["text"] for f in down["facts"]] == facts and down["stories"] == []
    notice = next(n for n in down["notices"] if url in n)
    assert "chroma run" in notice and "DUIDING_CHROMA_URL" in notice and notice in down["answer"]
    # an app started while the server is down answers the same way
    with TestClient(create_app(build_app_deps(settings))) as client:
        again = _ask(client, FIGURES)
    assert [f["text"] for f in again["facts"]] == facts and any(url in n for n in again["notices"])


def test_english_question_gets_the_notice_in_english(demo_dir: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    settings = api_settings(demo_dir, chroma_url=url, llm="none")
    with TestClient(create_app(build_app_deps(settings))) as client:
        body = _ask(client, "How many low-income households are there in Oude Haven?")
    notice = next(n for n in body["notices"] if url in n)
    assert notice.startswith("Stories are not available") and body["facts"]


def test_reindex_and_delete_on_withdrawn_consent_reach_the_server(demo_dir: Path, chroma_url: str) -> None:
    env = {"DUIDING_CHROMA_URL": chroma_url, "DUIDING_CHROMA_DATABASE": f"r_{free_port()}",
           "DUIDING_EMBEDDER": "fake"}
    base = ["--data-dir", str(demo_dir)]
    stored = StoryStore(demo_dir / "stories").list()
    out = CliRunner(env=env).invoke(cli, [*base, "reindex"])
    assert out.exit_code == 0, out.output
    assert f"{len(stored)} verhalen" in out.output
    gone = stored[0].id
    deleted = CliRunner(env=env).invoke(cli, [*base, "stories", "delete", gone])
    assert deleted.exit_code == 0, deleted.output
    from assistant.core.settings import Settings
    from retrieval.search.indexing import open_vector_store

    index = open_vector_store(Settings(data_dir=demo_dir, chroma_url=chroma_url,
                                       chroma_database=env["DUIDING_CHROMA_DATABASE"], embedder="fake"))
    assert index.story_ids() == {s.id for s in stored} - {gone}
