"""The chromadb-backed VectorStore: persistence, deletes, filters, and no network.

Each test runs twice: against the on-disk store and against a real `chroma run` server (DUIDING_CHROMA_URL).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from support.stories import BUURT_THIN, OTHER_WIJK, WIJK, haven_stories, long_story

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from eval.load import free_port
from retrieval.search.chroma import Doc, VectorStore
from retrieval.search.embeddings import FakeEmbedder, UseEmbedder
from retrieval.stories.filter import StoryFilter
from retrieval.stories.store import StoryStore


@pytest.fixture
def use_settings(tmp_path: Path, chroma_kind: dict[str, object]) -> Settings:
    return Settings(data_dir=tmp_path / "data", embedder="use", llm="none", **chroma_kind)  # type: ignore[arg-type]


@pytest.fixture
def indexed(use_settings: Settings) -> VectorStore:
    store = VectorStore(use_settings, UseEmbedder())
    store.on_added([*haven_stories(), long_story()])
    return store


def test_reopened_in_a_new_process_with_the_same_counts(indexed: VectorStore, use_settings: Settings) -> None:
    code = (
        "import json, sys\n"
        "from assistant.core.settings import Settings\n"
        "from retrieval.search.embeddings import make_embedder\n"
        "from retrieval.search.chroma import VectorStore\n"
        "s = Settings(data_dir=sys.argv[1], embedder='use', chroma_url=sys.argv[2] or None, "
        "chroma_database=sys.argv[3])\n"
        "v = VectorStore(s, make_embedder(s))\n"
        "print(json.dumps([v.count_chunks(), sorted(v.story_ids())]))\n"
    )
    argv = [str(use_settings.data_dir), use_settings.chroma_url or "", use_settings.chroma_database]
    out = subprocess.run([sys.executable, "-c", code, *argv],
                         capture_output=True, text=True, check=True).stdout
    chunks, ids = json.loads(out.strip().splitlines()[-1])
    assert chunks == indexed.count_chunks() > len(ids)  # the long story has several chunks
    assert ids == sorted(indexed.story_ids())


def test_delete_removes_every_chunk_also_of_other_embedders(indexed: VectorStore, use_settings: Settings) -> None:
    other = VectorStore(use_settings, FakeEmbedder())
    other.on_added([long_story()])
    before = indexed.count_chunks()
    long_chunks = before - len(indexed.story_ids()) + 1
    assert long_chunks >= 3
    indexed.on_deleted(["T-LONG"])
    assert "T-LONG" not in indexed.story_ids() and other.story_ids() == set()
    assert indexed.count_chunks() == before - long_chunks
    indexed.on_deleted(["no-such-id"])  # unknown ids are not an error


def test_a_shorter_new_version_leaves_no_old_chunks(indexed: VectorStore) -> None:
    short = long_story().model_copy(update={"text": "Nu nog maar één zin."})
    indexed.on_added([short])
    got = [s for s in indexed.stories() if s.story_id == "T-LONG"]
    assert len(got) == 1 and got[0].text == "Nu nog maar één zin."
    assert indexed.count_chunks() == len(indexed.story_ids())


@pytest.mark.parametrize(("flt", "expected"), [
    (StoryFilter(area_codes=(WIJK,)), {f"T-{i:02d}" for i in range(1, 10)}),  # the wijk includes its buurten
    (StoryFilter(area_codes=(BUURT_THIN,)), {"T-07"}),
    (StoryFilter(area_codes=("GM9901",)), {f"T-{i:02d}" for i in range(1, 12)} | {"T-LONG"}),
    (StoryFilter(themes=("eenzaamheid",)), {"T-01", "T-07", "T-10"}),
    (StoryFilter(themes=("jeugd", "zorg")), {"T-03", "T-09", "T-11"}),
    (StoryFilter(date_from="2023-01-01"), {"T-08", "T-09"}),
    (StoryFilter(date_to="2021-02"), {"T-01", "T-02", "T-10", "T-11"}),  # a month bound keeps the whole month
    (StoryFilter(role="Mantelzorger"), {"T-10", "T-11"}),
    (StoryFilter(signifiers=(("gevoel", "bang"),)), {"T-02", "T-04", "T-06"}),
    (StoryFilter(area_codes=(OTHER_WIJK,), themes=("eenzaamheid",), role="mantelzorger"), {"T-10"}),
])
def test_filters(indexed: VectorStore, flt: StoryFilter, expected: set[str]) -> None:
    assert indexed.story_ids(flt) == expected
    nearest = indexed.query_stories(indexed.embedder.embed_query(["eenzaam"])[0], 50, flt)
    assert {str(m.metadata["story_id"]) for m in nearest} == expected


def test_story_store_keeps_the_index_in_sync(use_settings: Settings) -> None:
    index = VectorStore(use_settings, UseEmbedder())
    stories = StoryStore.from_settings(use_settings, listeners=[index])
    stories.add_many(haven_stories()[:3])
    assert index.story_ids() == {"T-01", "T-02", "T-03"}
    stories.delete("T-02")
    assert index.story_ids() == {"T-01", "T-03"}


def test_docs_are_rebuilt_only_when_their_text_changes(indexed: VectorStore) -> None:
    docs = [Doc("procentpunt", "procentpunt: verschil tussen twee percentages"), Doc("mediaan", "middelste waarde")]
    assert indexed.ensure_docs("glossary", docs) is True
    assert indexed.ensure_docs("glossary", docs) is False
    assert indexed.ensure_docs("glossary", docs[:1]) is True and indexed.count("glossary") == 1


def _guard_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not (host == "localhost" or ipaddress.ip_address(host).is_loopback):
            attempts.append(address)
            raise OSError(f"network access attempted: {address}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def test_embed_add_and_query_need_no_network(use_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts = _guard_network(monkeypatch)
    store = VectorStore(use_settings, UseEmbedder())
    store.on_added(haven_stories())
    hits = store.query_stories(store.embedder.embed_query(["schulden"])[0], 3, StoryFilter(area_codes=(WIJK,)))
    assert hits and attempts == []
    assert {m.metadata["wijk_code"] for m in hits} == {WIJK}


def test_server_mode_keeps_no_vectors_in_the_data_dir(tmp_path: Path, chroma_url: str) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder="fake", chroma_url=chroma_url,
                        chroma_database=f"t_{uuid.uuid4().hex[:12]}")
    store = VectorStore(settings, FakeEmbedder())
    store.on_added(haven_stories()[:2])
    assert store.story_ids() == {"T-01", "T-02"} and not settings.chroma_dir.exists()
    # another database on the same server (another team) sees none of it
    other = VectorStore(settings.model_copy(update={"chroma_database": f"t_{uuid.uuid4().hex[:12]}"}),
                        FakeEmbedder())
    assert other.story_ids() == set()


def test_an_unreachable_server_names_its_url_and_the_fix(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(BackendUnavailableError) as err:
        VectorStore(Settings(data_dir=tmp_path, embedder="fake", chroma_url=url), FakeEmbedder())
    assert url in err.value.message and "chroma run" in err.value.fix and "DUIDING_CHROMA_URL" in err.value.fix
