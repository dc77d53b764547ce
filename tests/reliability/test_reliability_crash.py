"""Crash safety: SIGKILL a real import process while it writes; the previous store must survive intact.

Each test starts a driver with `python -c` that imports a large generated file, polls (bounded, no fixed
sleeps) until the writer's temp directory or temp file appears, kills the process with SIGKILL and then
checks that the live files are byte-identical, the store loads with its old counts, and the next import
works and removes the orphans.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.paths import ROOT
from support.store import tree_digest

from assistant.core.settings import Settings
from retrieval.demo.city import load_demo
from retrieval.models import Story
from retrieval.stories.ingest import ingest_stories
from retrieval.stories.store import STORIES_FILE, StoryStore
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore

WAIT_S = 120.0  # upper bound for the driver to reach its write; it normally takes a few seconds
TABLE_DRIVER = """
import sys
from pathlib import Path
from retrieval.tables.store import IndicatorStore
from retrieval.tables.ingest import ingest_table
ingest_table(IndicatorStore(Path(sys.argv[1])), Path(sys.argv[2]), "long", source="groot")
"""
STORY_DRIVER = """
import sys
from pathlib import Path
from retrieval.search.indexing import open_story_store
from assistant.core.settings import Settings
from retrieval.stories.ingest import ingest_stories
settings = Settings(data_dir=Path(sys.argv[1]), embedder="fake", llm="none")
ingest_stories(Path(sys.argv[2]), open_story_store(settings), None, settings)
"""
WORDS = ("buurt", "wijk", "jongeren", "portiek", "straat", "school", "werk", "ouderen", "hulp", "buurthuis",
         "avond", "speelveld", "huur", "boodschappen", "wachtlijst", "jeugdzorg", "vrijwilliger", "kade", "markt",
         "bus")


def _run_until(args: list[str], ready: Callable[[], bool], tmp_path: Path) -> subprocess.Popen[bytes]:
    """Start the driver, wait until ready() (bounded), then SIGKILL it; fail if it finished first."""
    log = (tmp_path / "driver.log").open("wb")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([sys.executable, "-c", *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=env)
    deadline = time.monotonic() + WAIT_S
    try:
        while not ready():
            if proc.poll() is not None:
                pytest.fail(f"the driver ended (rc={proc.returncode}) before it started writing: "
                            f"{(tmp_path / 'driver.log').read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"the driver did not start writing within {WAIT_S:g} s")
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        log.close()
    assert proc.returncode == -signal.SIGKILL
    return proc


def _big_long_csv(path: Path, areas: int = 4000, indicators: int = 20) -> int:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("area_code,area_name,level,parent_code,indicator,year,value,unit\n")
        for a in range(areas):
            for i in range(indicators):
                fh.write(f"BU99{a:06d},Testbuurt {a},buurt,WK990101,testindicator_{i}_pct,2022,"
                         f"{(a * 7 + i) % 997 / 10:.1f},percent\n")
    return areas * indicators


def test_sigkill_during_a_table_import_leaves_the_previous_store_intact(tmp_path: Path) -> None:
    root = tmp_path / "data" / "indicators"
    store = IndicatorStore(root)
    load_demo(store)
    before = store.load()
    old_snapshot, old_rows, old_digest = before.snapshot, len(before.values), tree_digest(root)
    big = tmp_path / "groot.csv"
    _big_long_csv(big)

    def writing() -> bool:
        return any(p.name.startswith(".tmp-snap-") for p in root.iterdir())

    _run_until([TABLE_DRIVER, str(root), str(big)], writing, tmp_path)

    orphans = {p.name for p in root.iterdir() if p.name.startswith((".tmp-", ".CURRENT."))}
    assert orphans, "the kill came after the write: nothing was interrupted"
    after = {k: v for k, v in tree_digest(root).items() if k.split("/")[0] not in orphans}
    assert after == old_digest  # the live files are byte-identical
    reopened = IndicatorStore(root).load()
    assert reopened.snapshot == old_snapshot and len(reopened.values) == old_rows

    small = tmp_path / "klein.csv"
    small.write_text("area_code,area_name,level,parent_code,indicator,year,value,unit\n"
                     "WK990101,Oude Haven,wijk,SD990101,testindicator_pct,2022,12.5,percent\n", encoding="utf-8")
    report = ingest_table(IndicatorStore(root), small, "long", source="klein")
    assert report.values == 1
    names = {p.name for p in root.iterdir()} - {".lock"}
    assert not any(n.startswith(".tmp-") for n in names)  # orphans cleaned by the next import
    assert names == {"CURRENT", (root / "CURRENT").read_text(encoding="utf-8").strip()}
    assert len(IndicatorStore(root).load().values) == old_rows + 1


def test_leftovers_of_a_killed_reset_are_cleaned_by_the_next_reset(tmp_path: Path) -> None:
    """`duiding demo --reset` uses replace_all, which did not clean orphans (fixed): they piled up."""
    root = tmp_path / "indicators"
    store = IndicatorStore(root)
    load_demo(store)
    (root / ".tmp-snap-deadbeef0000").mkdir()  # what a killed replace_all leaves behind
    (root / ".tmp-snap-deadbeef0000" / "values.parquet").write_bytes(b"half")
    load_demo(IndicatorStore(root))
    assert not any(p.name.startswith(".tmp-") for p in root.iterdir())


def _story_text(prefix: str, i: int) -> str:
    return f"Verhaal {prefix} {i}: " + " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(60)) + "."


def _stories_jsonl(path: Path, n: int, prefix: str) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"{prefix}-{i}", "text": _story_text(prefix, i), "area_code": "WK990101",
                                 "themes": "jeugd", "role": "bewoner"}) + "\n")


def _story_store_with_base(data_dir: Path, n: int) -> StoryStore:
    """A previous store: the demo stories plus many generated ones, so a rewrite takes a while."""
    settings = Settings(data_dir=data_dir, embedder="fake", llm="none")
    store = StoryStore.from_settings(settings)
    demo = ROOT / "retrieval" / "data" / "demo" / "stories.jsonl"
    ingest_stories(demo, store, None, settings)
    store.add_many([Story(id=f"oud-{i}", text=_story_text("oud", i), area_code="WK990101", themes=["jeugd"])
                    for i in range(n)])  # generated text holds no personal data: no need to scrub it
    return store


def test_sigkill_during_a_story_import_leaves_the_previous_store_intact(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = _story_store_with_base(data_dir, 30_000)
    story_dir = store.directory
    old_count, old_digest = store.count(), tree_digest(story_dir)
    big = tmp_path / "nieuw.jsonl"
    _stories_jsonl(big, 1_000, "nieuw")

    def writing() -> bool:
        return any(story_dir.glob(f".{STORIES_FILE}.*.tmp"))

    _run_until([STORY_DRIVER, str(data_dir), str(big)], writing, tmp_path)

    after = tree_digest(story_dir)
    temps = {k for k in after if k.endswith(".tmp")}
    assert temps, "the kill came after the write: nothing was interrupted"
    assert {k: v for k, v in after.items() if k not in temps} == old_digest
    assert StoryStore(story_dir).count() == old_count

    one = tmp_path / "een.jsonl"
    _stories_jsonl(one, 1, "daarna")
    settings = Settings(data_dir=data_dir, embedder="fake", llm="none")
    report = ingest_stories(one, StoryStore(story_dir), None, settings)
    assert report.changed and StoryStore(story_dir).count() == old_count + 1
    assert not any(story_dir.glob("*.tmp")) and not any(story_dir.glob(".*.tmp"))  # orphan cleaned


def test_sigkill_while_indexing_stories_the_next_search_repairs_the_index(tmp_path: Path) -> None:
    """Killed after the story file was replaced, during the Chroma write: the file wins, the index catches up."""
    from retrieval.search.indexing import open_vector_store, sync_stories

    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir, embedder="fake", llm="none")
    store = _story_store_with_base(data_dir, 200)
    index = open_vector_store(settings)
    sync_stories(index, store.list())
    del index
    path = store.directory / STORIES_FILE
    old_inode = path.stat().st_ino
    big = tmp_path / "nieuw.jsonl"
    _stories_jsonl(big, 2_000, "nieuw")

    def replaced() -> bool:
        return path.stat().st_ino != old_inode

    _run_until([STORY_DRIVER, str(data_dir), str(big)], replaced, tmp_path)

    stories = StoryStore(store.directory).list()
    assert len(stories) == store.count() and any(s.id == "nieuw-0" for s in stories)
    index = open_vector_store(settings)  # the next start: Chroma opens after the kill
    sync_stories(index, stories)
    assert index.story_ids() == {s.id for s in stories}
