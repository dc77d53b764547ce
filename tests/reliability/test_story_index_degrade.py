"""Issue 27: a read-only or corrupt story index (chroma.sqlite3) leaves the table answers working, with one
notice, in `ask`, the API that `serve` runs, and `stories`; `duiding stories reindex` rebuilds the index
from the stored stories. The indicator store and the story file are never touched."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.api import api_settings
from support.store import tree_digest

from assistant.api.app import create_app
from assistant.cli.main import cli
from assistant.wiring import build_app_deps
from retrieval.stories.store import STORIES_FILE

DEMO = Path(__file__).parents[2] / "retrieval" / "data" / "demo"
QUESTION = "Hoeveel inwoners heeft Oude Haven?"
NOTICE = "De verhalen zijn nu niet beschikbaar"


def _expected_inwoners() -> str:
    """Oude Haven's latest inwoners figure, read with pandas from the demo source CSVs."""
    areas = pd.read_csv(DEMO / "areas.csv", comment="#")
    values = pd.read_csv(DEMO / "values.csv", comment="#")
    code = areas.loc[areas["area_name"] == "Oude Haven", "area_code"].iloc[0]
    rows = values[(values["area_code"] == code) & (values["indicator"] == "inwoners")]
    latest = rows.loc[rows["year"].idxmax()]
    return f"({int(latest['year'])}): {int(latest['value']):,}".replace(",", ".")


def _corrupt(data_dir: Path) -> None:
    db = data_dir / "chroma" / "chroma.sqlite3"
    raw = bytearray(db.read_bytes())
    raw[:100] = b"x" * 100
    db.write_bytes(bytes(raw))


def _kept(data_dir: Path) -> dict[str, str]:
    return {**tree_digest(data_dir / "indicators"), **tree_digest(data_dir / "stories")}


def _run(data_dir: Path, *args: str) -> object:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])


@pytest.fixture(autouse=True)
def _fake_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUIDING_EMBEDDER", "fake")
    monkeypatch.setenv("DUIDING_LLM", "none")


def _answers_with_one_notice(data_dir: Path, reason: str) -> None:
    result = _run(data_dir, "ask", QUESTION, "--llm", "none")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    assert _expected_inwoners() in out, out
    assert out.count(NOTICE) == 1 and reason in out and "`duiding stories reindex`" in out, out
    assert "Traceback" not in out


def _lists_stories(data_dir: Path) -> None:
    result = _run(data_dir, "stories")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    stored = (data_dir / "stories" / STORIES_FILE).read_text(encoding="utf-8").splitlines()
    assert len(result.output.strip().splitlines()) == len(stored)  # type: ignore[attr-defined]


def test_corrupt_index_answers_from_tables_and_reindex_repairs_it(demo_dir: Path) -> None:
    _corrupt(demo_dir)
    kept = _kept(demo_dir)
    _answers_with_one_notice(demo_dir, "is beschadigd")
    _lists_stories(demo_dir)
    assert _kept(demo_dir) == kept
    repaired = _run(demo_dir, "stories", "reindex")
    assert repaired.exit_code == 0, repaired.output  # type: ignore[attr-defined]
    stored = len((demo_dir / "stories" / STORIES_FILE).read_text(encoding="utf-8").splitlines())
    assert f"Zoekindex opnieuw opgebouwd: {stored} verhalen" in repaired.output  # type: ignore[attr-defined]
    assert list(demo_dir.glob("chroma.kapot-*/chroma.sqlite3"))  # the broken index is kept aside, not deleted
    again = _run(demo_dir, "ask", QUESTION, "--llm", "none")
    assert again.exit_code == 0 and NOTICE not in again.output  # type: ignore[attr-defined]
    assert _kept(demo_dir) == kept


def test_corrupt_index_through_the_api_that_serve_runs(demo_dir: Path) -> None:
    _corrupt(demo_dir)
    kept = _kept(demo_dir)
    deps = build_app_deps(api_settings(demo_dir, llm="none"))
    with TestClient(create_app(deps)) as client:
        r = client.post("/v1/chat", json={"question": QUESTION})
        assert r.status_code == 200, r.text
        body = r.json()
        assert _expected_inwoners() in body["answer"]
        assert sum(NOTICE in n for n in body["notices"]) == 1 and not body["stories"]
        listed = client.get("/v1/stories")
        assert listed.status_code == 200 and listed.json()
    assert _kept(demo_dir) == kept


@pytest.fixture
def read_only(demo_dir: Path) -> Iterator[Path]:
    """The chroma dir made immutable (chattr +i), which holds even for root; skipped where chattr cannot."""
    chroma = demo_dir / "chroma"
    paths = [str(p) for p in [demo_dir, chroma, *chroma.rglob("*")]]
    if subprocess.run(["chattr", "+i", *paths], capture_output=True).returncode != 0:
        subprocess.run(["chattr", "-i", *paths], capture_output=True)
        pytest.skip("chattr +i is not supported on this filesystem")
    try:
        yield demo_dir
    finally:
        subprocess.run(["chattr", "-i", *paths], capture_output=True)


def test_read_only_index_answers_from_tables_and_reindex_says_what_to_fix(read_only: Path) -> None:
    kept = _kept(read_only)
    _answers_with_one_notice(read_only, "is alleen-lezen")
    _lists_stories(read_only)
    result = _run(read_only, "stories", "reindex")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.output.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("Fout: ") and "schrijfbaar" in lines[0], lines
    assert _kept(read_only) == kept


def test_old_reindex_command_still_works(demo_dir: Path) -> None:
    result = _run(demo_dir, "reindex")
    assert result.exit_code == 0 and "verhalen" in result.output  # type: ignore[attr-defined]
