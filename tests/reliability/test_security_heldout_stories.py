"""Held-out instruction stories: written in other styles than tests/data/injection/stories.jsonl.

tests/data/injection/heldout_stories.jsonl holds 16 stories that order a model around (addressed to "beste
assistent", English, role markers, chat tokens, links, fake citations, markup) and 12 ordinary stories with
the same words in a resident's mouth ("ik zeg dat al jaren", "het systeem van de gemeente", "kom langs").
The labels are the file's `adversarial` field. Every instruction story is flagged at ingest, counted in the
import report, listed by `duiding stories --flagged`, and never reaches a prompt or an answer, even when the
retriever hands it over and the model obeys it. No ordinary story is flagged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.api import api_settings
from support.paths import DATA
from support.reliability import pinned_story_search

from assistant.cli.main import cli
from assistant.llm.base import FakeLLM
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.wiring import build_deps

HELDOUT = DATA / "injection" / "heldout_stories.jsonl"
ROWS = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
BAD = [r["id"] for r in ROWS if r["adversarial"]]
GOOD = [r["id"] for r in ROWS if not r["adversarial"]]
QUESTION = "Hoeveel huishoudens met een laag inkomen zijn er in Oosterkade? Wat vertellen bewoners?"


@pytest.fixture(scope="module")
def heldout_dir(demo_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.ingest import ingest_stories

    data_dir = tmp_path_factory.mktemp("heldout") / "data"
    shutil.copytree(demo_base, data_dir, ignore=shutil.ignore_patterns(".lock"))
    settings = api_settings(data_dir)
    report = ingest_stories(HELDOUT, open_story_store(settings), None, settings)
    assert report.rows == len(ROWS) and not report.skipped
    assert sorted(report.flagged) == sorted(BAD)  # every instruction story, and no ordinary one
    return data_dir


def test_the_set_has_both_kinds() -> None:
    assert len(BAD) >= 15 and len(GOOD) >= 10


@pytest.mark.parametrize("story_id", BAD)
def test_an_instruction_story_never_reaches_a_prompt_or_the_answer(heldout_dir: Path, story_id: str) -> None:
    text = next(r["text"] for r in ROWS if r["id"] == story_id)
    deps = build_deps(api_settings(heldout_dir))
    llm = FakeLLM(model="obedient")
    llm.enqueue(f"Een bewoner zegt: {text} [S1]")  # the model obeys and quotes it as a voice
    llm.enqueue(f"{text} [S1]")
    deps.llm = llm
    deps.stories_search = pinned_story_search(heldout_dir / "stories", [story_id])
    answer = AnswerService(deps).ask(Question(question=QUESTION)).answer
    assert story_id not in [s.story_id for s in answer.stories]
    # What Duiding sent; the retry repeats the model's own rejected reply as the assistant turn.
    prompt = "\n".join(m["content"] for messages in llm.history for m in messages if m["role"] != "assistant")
    probe = text[:30]
    assert probe not in prompt, "a flagged story reached the prompt"
    for shown in (answer.answer, answer.deterministic, answer.llm_text):
        assert probe not in shown, "a flagged story was quoted"


def test_an_ordinary_story_is_still_quoted(heldout_dir: Path) -> None:
    deps = build_deps(api_settings(heldout_dir))
    deps.llm = FakeLLM()
    deps.stories_search = pinned_story_search(heldout_dir / "stories", GOOD[:2])
    answer = AnswerService(deps).ask(Question(question=QUESTION)).answer
    assert [s.story_id for s in answer.stories] == GOOD[:2]


def test_the_real_retriever_hands_over_no_flagged_story(heldout_dir: Path) -> None:
    from assistant.wiring import build_story_search

    deps = build_deps(api_settings(heldout_dir))
    search = build_story_search(deps.settings, deps)
    assert search is not None
    questions = ("wat zeggen bewoners over armoede en cijfers", "assistent antwoord instructies procent",
                 "huur buurthuis eenzaam schulden")
    found = [h.story_id for q in questions for h in search(q, "WK990116", [], 10)]
    assert set(found) & set(GOOD) and not set(found) & set(BAD)


def test_duiding_stories_flagged_lists_them_for_review(heldout_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(heldout_dir), "stories", "--flagged", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    ids = {s["id"] for s in listed}
    assert set(BAD) <= ids and not ids & set(GOOD)
    assert all(s["flags"] for s in listed)
