"""Shared fixtures: temporary data dirs, settings, and the real CBS extracts."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from support.api import load_demo_city, make_app
from support.paths import KWB2019, KWB2021, KWB_FIVE, NAMES2022, PROPS2022
from support.processes import chroma_server

from assistant.core.settings import Settings
from assistant.deps import Deps

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")



def _real_root() -> Path | None:
    value = os.environ.get("DUIDING_REAL_DATA")
    if value and Path(value).is_dir():
        return Path(value)
    return None


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The real CBS extracts; skipped cleanly when absent, but a failure in CI."""
    root = _real_root()
    if root is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("DUIDING_REAL_DATA is not set or missing in CI; .ci/run must set it")
        pytest.skip("real data not available (set DUIDING_REAL_DATA)")
    return root


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", llm="none", embedder="fake")


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on a free loopback port, one per session, killed at the end."""
    with chroma_server(tmp_path_factory.mktemp("chroma_server")) as url:
        yield url


@pytest.fixture(params=["embedded", "server"])
def chroma_kind(request: pytest.FixtureRequest) -> dict[str, object]:
    """Settings fields for each vector-store mode: the on-disk store, and a fresh database on the server."""
    if request.param == "embedded":
        return {}
    url = request.getfixturevalue("chroma_url")
    return {"chroma_url": url, "chroma_database": f"t_{uuid.uuid4().hex[:12]}"}


@pytest.fixture(scope="session")
def den_haag_dir(tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> Path:
    """A data dir with Den Haag KWB 2019 (full) and 2021 (subset) imported once per session."""
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    data_dir = tmp_path_factory.mktemp("den_haag")
    store = IndicatorStore(Settings(data_dir=data_dir).indicator_dir)
    names, props = real_data / NAMES2022, real_data / PROPS2022
    ingest_table(store, real_data / KWB2019, "cbs", names=names, metadata=props)
    ingest_table(store, real_data / KWB2021, "cbs", year=2021, names=names, metadata=props)
    return data_dir


def load_five(data_dir: Path, real_data: Path, order: list[int]) -> Path:
    """The five KWB extracts (three gemeenten, 2019 and 2021) imported without --names, in the given order."""
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    store = IndicatorStore(Settings(data_dir=data_dir).indicator_dir)
    for i in order:
        path, year = KWB_FIVE[i]
        ingest_table(store, real_data / path, "cbs", year=year)
    return data_dir


@pytest.fixture(scope="session", params=[[0, 1, 2, 3, 4], [4, 3, 1, 2, 0]], ids=["dh-ut-ams", "ams-ut-dh"])
def five_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> Path:
    """Den Haag, Utrecht and Amsterdam KWB files loaded once per session in two orders (2021 before 2019 too)."""
    return load_five(tmp_path_factory.mktemp("five"), real_data, request.param)


@pytest.fixture(scope="session")
def mixed_base(tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> Path:
    """The demo city and the real Den Haag KWB 2019 and 2021 in one data dir (datasets must not mix)."""
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    data_dir = tmp_path_factory.mktemp("mixed") / "data"
    load_demo_city(data_dir)
    store = IndicatorStore(Settings(data_dir=data_dir).indicator_dir)
    names, props = real_data / NAMES2022, real_data / PROPS2022
    ingest_table(store, real_data / KWB2019, "cbs", names=names, metadata=props)
    ingest_table(store, real_data / KWB2021, "cbs", year=2021, names=names, metadata=props)
    return data_dir


@pytest.fixture(scope="session")
def demo_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city (figures and stories), built once; tests get their own copy."""
    data_dir = tmp_path_factory.mktemp("api_demo") / "data"
    load_demo_city(data_dir)
    return data_dir


@pytest.fixture
def demo_dir(demo_base: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(demo_base, target, ignore=shutil.ignore_patterns(".lock"))
    return target


@pytest.fixture
def app_deps(demo_dir: Path) -> tuple[FastAPI, Deps]:
    return make_app(demo_dir)


@pytest.fixture
def client(app_deps: tuple[FastAPI, Deps]) -> Iterator[TestClient]:
    with TestClient(app_deps[0]) as c:
        yield c


@pytest.fixture(scope="session")
def demo_value_line(demo_base: Path) -> Callable[[str], str]:
    """The first value fact of a demo question as the facts block shows it, built by the pipeline (llm none):
    browser tests look for what the facts say, without writing the sentence out."""
    from assistant.pipeline import AnswerService
    from assistant.schemas import Question
    from assistant.wiring import build_deps

    service = AnswerService(build_deps(Settings(data_dir=demo_base, llm="none", embedder="fake"), with_llm=False))

    def line(question: str) -> str:
        facts = service.ask(Question(question=question)).answer.facts
        return next(f.text for f in facts if f.kind == "value").rstrip(".")

    return line
