"""Shared fixtures: temporary data dirs, settings, and the real CBS extracts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.core.settings import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

KWB2019 = "dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv"
KWB2021 = "dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv"
NAMES2022 = "cbs_metadata/85318NED_kwb2022/WijkenEnBuurten.csv"
PROPS2022 = "cbs_metadata/85318NED_kwb2022/DataProperties.csv"


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


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root, to prove a rejected import changed nothing."""
    import hashlib

    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"
    }


@contextmanager
def browser_app(factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """The real API and UI (fake LLM) for one browser test module: skipped without Chromium, failed in CI."""
    from ui.browser import CHROMIUM, running_app

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run must `apt-get install -y chromium`")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    with running_app(factory.mktemp(name), llm="fake") as children:
        yield children[1].url
