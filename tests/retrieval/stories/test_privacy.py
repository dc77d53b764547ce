"""Privacy: no story text in logs, small cells on every route, story-pattern counts, nothing leaves the machine.

See also tests/test_pii.py (the scrubber) and tests/test_api_security.py (no request text in 500 logs).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.api import api_settings, make_app
from support.paths import DEMO_STORIES, ROOT
from support.reliability import chat_stream, live_server, pinned_story_search

from assistant.llm.base import FakeLLM
from assistant.schemas import Fact
from retrieval.tables.store import StoreData

# Distinctive sentences with personal data; none of it may reach a log line.
PRIVATE_STORIES = [
    ("priv-1", "Mijn buurvrouw Fatima El Amrani belt me elke avond op 06-12345678 omdat ze zich zo alleen voelt "
               "sinds haar man is overleden. Ze durft de deur bijna niet meer uit."),
    ("priv-2", "De jongen van nummer twaalf hangt elke nacht bij de snackbar aan de Havenkade en zijn moeder "
               "weet niet meer wat ze moet doen met de schulden die zich opstapelen."),
    ("priv-3", "Sinds de buurtkamer dicht is zie ik Henk de Vries uit mijn portiek nooit meer, hij zit de hele "
               "dag achter de geraniums en eet alleen nog uit blik."),
]
SUPPRESSED_AREAS = ["BU99010303", "BU99010404", "BU99010801"]


def _csv(rows: list[tuple[str, str]], area: str = "WK990101", theme: str = "eenzaamheid") -> bytes:
    lines = ["id,text,area_code,date,themes,role"]
    lines += [f'{i},"{t}",{area},2024-03-01,{theme},bewoner' for i, t in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _fragments(text: str) -> list[str]:
    """Pieces of a story that would give it away: every 30-character window at word starts."""
    words = text.split()
    return [" ".join(words[i:i + 6]) for i in range(0, max(1, len(words) - 5), 3)]


def _private_bits() -> list[str]:
    bits = [f for _, text in PRIVATE_STORIES for f in _fragments(text)]
    return [*bits, "Fatima El Amrani", "06-12345678", "Henk de Vries"]


def _assert_not_logged(caplog: pytest.LogCaptureFixture, bits: list[str]) -> None:
    logged = "\n".join([caplog.text, *(r.getMessage() for r in caplog.records),
                        *(r.exc_text or "" for r in caplog.records)])
    assert len(caplog.records) > 0, "nothing was logged at all: the capture is not working"
    leaked = [b for b in bits if b in logged]
    assert not leaked, leaked


# --- no story text in logs ---


def test_no_story_text_reaches_any_log_at_debug(demo_dir: Path, caplog: pytest.LogCaptureFixture,
                                                tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)  # root: ours, uvicorn, httpx, chromadb, multipart
    app, deps = make_app(demo_dir)
    ids = [i for i, _ in PRIVATE_STORIES]
    with TestClient(app) as client:
        r = client.post("/v1/ingest/stories", files={"file": ("verhalen.csv", _csv(PRIVATE_STORIES), "text/csv")})
        assert r.status_code == 200 and r.json()["rows"] == 3
        bad = _csv([("priv-9", PRIVATE_STORIES[0][1])]).replace(b"2024-03-01", b"gisteren")
        kapot = client.post("/v1/ingest/stories", files={"file": ("kapot.csv", bad, "text/csv")})
        assert kapot.status_code in (200, 400)
        deps.stories_search = pinned_story_search(deps.settings.story_dir, ids)
        llm = FakeLLM()
        llm.enqueue("Een bewoner zegt dat 77% zich alleen voelt [S1].")  # blocked: the reason is logged
        llm.enqueue("Dat is 77% [S1].")
        deps.llm = llm
        question = "Hoeveel eenzaamheid is er in Oude Haven? Wat vertellen bewoners?"
        answer = client.post("/v1/chat", json={"question": question}).json()
        assert answer["stories"] and answer["llm"]["fallback_used"], answer["llm"]
        client.post("/v1/export", json={"conversation_id": answer["conversation_id"], "format": "md"})
        client.post("/v1/export", json={"conversation_id": answer["conversation_id"], "format": "docx"})
        assert client.get("/v1/stories", params={"area": "WK990101", "q": "buurtkamer"}).status_code == 200
        assert client.delete("/v1/stories/priv-3").status_code == 200

        def broken(question: str, area: str, themes: list[str], k: int) -> list[Any]:
            raise RuntimeError(f"index kapot bij: {PRIVATE_STORIES[0][1]}")  # story text in an exception

        deps.stories_search = broken
        assert client.post("/v1/chat", json={"question": question}).status_code == 500
    with live_server(app) as base:  # uvicorn's own loggers, access log included
        deps.stories_search = pinned_story_search(deps.settings.story_dir, ids)
        deps.llm = FakeLLM()
        assert chat_stream(base, question)[-1][0] == "done"
    from assistant.cli.main import cli

    story_file = tmp_path / "cli.csv"
    story_file.write_bytes(_csv([("priv-4", PRIVATE_STORIES[1][1] + " Nog een keer.")]))
    result = CliRunner().invoke(cli, ["--data-dir", str(demo_dir), "ingest", "stories", str(story_file)],
                                env={"DUIDING_EMBEDDER": "fake"})
    assert result.exit_code == 0, result.output
    _assert_not_logged(caplog, _private_bits())


# --- small cells on every route ---


def _suppressed(data: StoreData) -> set[tuple[str, str, int]]:
    v = data.values[data.values["suppressed"]]
    return set(zip(v["area_code"], v["indicator"], v["year"].astype(int), strict=True))


def _published(data: StoreData, indicator: str, year: int, level: str) -> tuple[int, int]:
    v = data.values
    levels = dict(zip(data.areas["area_code"], data.areas["level"], strict=False))
    rows = v[(v["indicator"] == indicator) & (v["year"] == year) & (v["area_code"].map(levels) == level)]
    return int((~rows["suppressed"]).sum()), int(rows["suppressed"].sum())


def assert_small_cells_hold(facts: list[dict[str, Any]] | list[Fact], charts: list[Any], data: StoreData) -> int:
    """No value, rank, quartile or difference from a suppressed cell; ranks count published values only."""
    suppressed = _suppressed(data)
    levels = dict(zip(data.areas["area_code"], data.areas["level"], strict=False))
    checked = 0
    for raw in facts:
        fact = raw if isinstance(raw, Fact) else Fact.model_validate(raw)
        cells = {(s.area_code, s.indicator, s.year) for s in [fact.source, *fact.extra_sources] if s}
        if cells & suppressed or (fact.area_code, fact.indicator, fact.year) in suppressed:
            assert fact.kind == "no_data" and fact.value is None, fact
            assert all(n.role == "label" for n in fact.numbers), fact
            checked += 1
        if fact.kind in ("rank", "spread", "top") and fact.source and fact.year:
            published, hidden = _published(data, fact.source.indicator, fact.year, levels[fact.source.area_code])
            of = [n.value for n in fact.numbers if n.role == "of"]
            assert of == [published], fact.text  # "van de N ... met een cijfer": suppressed ones not counted
            assert [n.value for n in fact.numbers if n.role == "count"] in ([], [hidden]), fact.text
            checked += 1
    for chart in charts:
        series = chart if isinstance(chart, dict) else chart.model_dump()
        for row in series["rows"]:
            year = row.get("year")
            cells = {(row.get("code"), series["indicator"], y) for y in ([year] if year else range(2019, 2024))}
            if cells <= suppressed:
                assert row.get("value") is None, (series["title"], row)
    return checked


SMALL_CELL_QUESTIONS = [
    "Hoeveel jongeren met jeugdzorg zijn er in Bastion?",
    "Hoeveel huishoudens met een laag inkomen zijn er in Industriehaven?",
    "Vergelijk de jeugdzorg in Bastion en Ravelijn",
    "Welke buurt heeft de hoogste jeugdzorg?",
    "Welke buurt heeft het laagste aandeel lage inkomens?",
    "Hoe is de eenzaamheid in Strandslag veranderd sinds 2019?",
    "Is de WMO in Strandslag hoger dan in Duinhaven?",
]


def test_small_cells_hold_in_chat_profile_export_and_exercises(client: TestClient, app_deps: Any) -> None:
    _, deps = app_deps
    data = deps.store.load()
    assert {a for a, _, _ in _suppressed(data)} >= set(SUPPRESSED_AREAS)
    llm = FakeLLM()
    deps.llm = llm
    checked, conversation = 0, None
    for question in SMALL_CELL_QUESTIONS:
        llm.enqueue("In Bastion krijgt 8,0% van de jongeren jeugdzorg, de 3e plaats van 60 buurten [F1].")
        body = client.post("/v1/chat", json={"question": question, "conversation_id": conversation}).json()
        conversation = body["conversation_id"]
        checked += assert_small_cells_hold(body["facts"], body["charts"], data)
        assert "8,0%" not in body["answer"] and "3e plaats" not in body["answer"]
    for code in [*SUPPRESSED_AREAS, "WK990103", "BU99010302", "WK990108"]:
        profile = client.get(f"/v1/areas/{code}/profile").json()
        facts = [f for group in profile["indicators"] for f in group["facts"]] + profile["other_facts"]
        checked += assert_small_cells_hold(facts, profile["charts"], data)
        for kind in ("procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking"):
            r = client.post("/v1/exercises", json={"area": code, "kind": kind})
            assert r.status_code in (200, 404), r.text
            if r.status_code == 200:
                checked += assert_small_cells_hold(r.json()["facts"], [], data)
    md = client.post("/v1/export", json={"conversation_id": conversation, "format": "md"}).text
    # the LLM's invented 8,0% for Bastion never reaches the document ("18,0%" of another buurt may)
    assert "geheim" in md and not re.search(r"(?<![\d,.])8,0%", md)
    assert checked > 50  # the routes really produced suppressed and ranked facts to check


def test_a_published_zero_is_not_missing_on_the_profile_route(den_haag_dir: Path) -> None:
    """Oostduinen (0 inhabitants, a real published 0): its rates are no data, never a rank."""
    app, deps = make_app(den_haag_dir)
    with TestClient(app) as c:
        profile = c.get("/v1/areas/WK051801/profile", params={"year": 2019}).json()
    facts = {g["indicator"]["id"]: g["facts"] for g in profile["indicators"]}
    assert [f["value"] for f in facts["inwoners"] if f["kind"] == "value"] == [0]  # shown, as a value
    for rate in ("geboorte_relatief", "sterfte_relatief"):  # per inhabitant: no data, said so
        assert [f["kind"] for f in facts[rate]] == ["no_data"] and "geen inwoners" in facts[rate][0]["text"]
    for rate in ("jeugdzorg_pct", "wmo_per_1000", "laag_inkomen_pct"):
        assert all(f["kind"] in ("no_data", "caveat") for f in facts.get(rate, []))


def test_story_pattern_counts_below_the_minimum_are_never_shown(tmp_path: Path) -> None:
    from retrieval.demo.city import load_demo
    from retrieval.tables.store import IndicatorStore

    data_dir = tmp_path / "data"
    load_demo(IndicatorStore(api_settings(data_dir).indicator_dir))
    app, deps = make_app(data_dir, llm=None, min_story_count=5)
    question = "Wat vertellen bewoners van Vuurtorenwijk over eenzaamheid?"
    feelings = ["eenzaam", "eenzaam", "eenzaam", "bezorgd", "hoopvol"]
    rows = [(f"z-{i}", f"Verhaal {i} uit de Vuurtorenwijk over alleen zijn en de lange avonden, deel {i}.")
            for i in range(5)]
    with TestClient(app) as client:
        def upload(n: int) -> dict[str, Any]:
            body = _csv(rows[:n], area="WK990105").decode().splitlines()
            lines = [body[0] + ",signifier_gevoel"] + [f"{line},{feelings[i]}" for i, line in enumerate(body[1:])]
            r = client.post("/v1/ingest/stories", files={"file": ("z.csv", "\n".join(lines).encode(), "text/csv")})
            assert r.status_code == 200, r.text
            return client.post("/v1/chat", json={"question": question}).json()  # type: ignore[no-any-return]

        four = upload(4)
        assert not [f for f in four["facts"] if f["kind"] == "pattern"]
        assert not re.search(r"\b4 van de\b|\b4 verhalen\b", four["answer"])
        five = upload(5)
    patterns = [f for f in five["facts"] if f["kind"] == "pattern"]
    assert len(patterns) == 1 and "5 van de 5 verhalen" in patterns[0]["text"]
    assert "3 daarvan" not in patterns[0]["text"]  # the top feeling (3 of 5) is below the minimum too


# --- nothing leaves the machine ---


def _is_loopback(host: object) -> bool:
    if host in (None, "", "localhost") or not isinstance(host, str | bytes):
        return host in (None, "", "localhost")
    name = host.decode() if isinstance(host, bytes) else host
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return name == "localhost"


@pytest.fixture
def no_outbound(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse (and record) every connection or name lookup that is not loopback or a Unix socket."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def refuse(what: str) -> OSError:
        attempts.append(what)
        return OSError(f"outbound connection blocked by the test: {what}")

    def connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            raise refuse(f"connect {address}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            raise refuse(f"connect_ex {address}")
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(address[0]):
            raise refuse(f"create_connection {address}")
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise refuse(f"getaddrinfo {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts


def test_the_guard_itself_blocks_outbound(no_outbound: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(httpx.ConnectError):
        httpx.get("http://example.com", timeout=1)
    assert len(no_outbound) == 2
    no_outbound.clear()


def test_a_full_ask_with_the_real_embedder_and_chromadb_makes_no_outbound_connection(
    no_outbound: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.api.app import create_app
    from assistant.core.settings import Settings
    from assistant.wiring import build_app_deps
    from retrieval.demo.city import load_demo
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories
    from retrieval.tables.store import IndicatorStore

    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY"):
        monkeypatch.delenv(var, raising=False)  # the defaults must be safe on their own
    monkeypatch.delenv("DUIDING_EMBEDDER", raising=False)
    settings = Settings(data_dir=tmp_path / "data", llm="fake")  # the default (real) embedder, on-disk Chroma
    assert settings.embedder not in ("fake", "") and settings.chroma_host is None
    store = IndicatorStore(settings.indicator_dir)
    load_demo(store)
    ingest_stories(DEMO_STORIES, open_story_store(settings), set(store.load().areas["area_code"]), settings)
    deps = build_app_deps(settings)  # as `duiding serve` builds them: LLM, story search, indicator linking
    assert deps.stories_search is not None and deps.link_indicators is not None
    with live_server(create_app(deps)) as base:
        events = chat_stream(base, "Wat vertellen bewoners van Oosterkade over schulden?")
        found = httpx.get(f"{base}/v1/stories", params={"q": "eenzaam", "limit": 3}, timeout=30).json()
        deps.llm = None  # DUIDING_LLM=none: the deterministic answer only
        plain = httpx.post(f"{base}/v1/chat", json={"question": "Is de armoede in Molenwijk hoog?"}, timeout=60)
    answer = events[-1][1]["answer"]
    assert answer["stories"] and answer["llm"]["backend"] == "fake" and found
    assert plain.status_code == 200 and plain.json()["facts"]
    assert no_outbound == []


def test_chromadb_telemetry_is_off(tmp_path: Path) -> None:
    from retrieval.search.indexing import open_vector_store

    index = open_vector_store(api_settings(tmp_path / "data"))
    assert index._client.get_settings().anonymized_telemetry is False


def test_streamlit_config_keeps_usage_stats_off_and_the_ui_on_loopback() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1" and config["server"]["headless"] is True
    launcher = (ROOT / "assistant" / "cli" / "launcher.py").read_text(encoding="utf-8")
    assert '"--browser.gatherUsageStats", "false"' in launcher


def test_the_hugging_face_hub_is_offline_by_default(tmp_path: Path) -> None:
    """In a clean environment (no HF_* variables) loading a sentence-transformers model sets offline mode."""
    pytest.importorskip("sentence_transformers")
    code = ("from assistant.core.settings import Settings\n"
            "from retrieval.search.embeddings import make_embedder\n"
            f"make_embedder(Settings(data_dir={str(tmp_path)!r}, embedder='minilm')).embed(['test'])\n"
            "import huggingface_hub.constants as c\n"
            "print(c.HF_HUB_OFFLINE)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "True"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "HF_HUB_OFFLINE = 1" in makefile and "ANONYMIZED_TELEMETRY = False" in makefile
