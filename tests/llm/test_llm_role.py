"""What the LLM does by its declared size: the small model's short prompt, its 60-word cap, its max_tokens,
and the rule that it writes nothing without a story; a large model keeps the full register prompt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.api import api_settings
from support.facts import glossary, moerwijk_facts, stories
from support.paths import DEMO_STORIES
from support.reliability import pinned_story_search

from assistant.core import registry
from assistant.core.settings import Settings
from assistant.llm.base import FakeLLM
from assistant.llm.openai_compat import OpenAICompatibleLLM
from assistant.llm.prompting import SMALL_STORY_CHARS, build_messages, estimate_tokens
from assistant.llm.role import LARGE, SKIP_REASON, SMALL, bounded, nothing_to_add, role_of, words
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.wiring import build_deps

QUESTION = "Is de jeugdzorg in Weverskwartier hoog?"
AREAS = {"WK051842": "Moerwijk"}


def demo_story_ids(area_code: str) -> list[str]:
    rows = [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["id"] for r in rows if r.get("area_code") == area_code]


def test_backends_declare_their_size() -> None:
    assert registry.get("llm", "embedded").size == "small"
    assert registry.get("llm", "openai").size == registry.get("llm", "ollama").size == "large"
    assert OpenAICompatibleLLM(Settings(llm="openai")).size == "large"
    assert OpenAICompatibleLLM(Settings(llm="openai", llm_size="small")).size == "small"
    assert role_of(FakeLLM(size="small")) is SMALL and role_of(FakeLLM()) is LARGE
    assert role_of(object()) is LARGE  # a backend that declares nothing keeps the full prompt


def test_the_small_prompt_is_short_and_its_system_part_static() -> None:
    small = build_messages("jongerenwerker", QUESTION, moerwijk_facts()[:2], stories()[:1], glossary()[:1],
                           area_names=AREAS, size="small")
    large = build_messages("jongerenwerker", QUESTION, moerwijk_facts()[:4], stories()[:2], glossary()[:1],
                           area_names=AREAS)
    other = build_messages("jongerenwerker", "Hoeveel inwoners?", moerwijk_facts()[3:4], [], [], size="small")
    assert small[0] == other[0]  # the cached prefix is the same for every question of an audience
    assert small[0] != large[0] and "60 woorden" in small[0]["content"]
    assert estimate_tokens(small[1]["content"]) <= 220 < estimate_tokens(large[1]["content"]) + 100
    assert "Begrip" not in small[1]["content"]  # the facts answer explains the terms
    long = stories()[0].model_copy(update={"text": "woord " * 80})
    quoted = build_messages("beleid", QUESTION, [], [long], [], size="small")[1]["content"]
    text = quoted.split('"')[1]
    assert len(text) <= SMALL_STORY_CHARS and text.endswith("…")


@pytest.mark.parametrize("audience", registry.names("audience"))
def test_every_audience_has_a_small_prompt(audience: str) -> None:
    system = build_messages(audience, QUESTION, [], [], [], size="small")[0]["content"]
    assert "hooguit 60 woorden" in system and "Voorbeeld:" in system


def test_nothing_to_add_without_a_story_for_a_small_model_only() -> None:
    assert nothing_to_add(SMALL, []) == SKIP_REASON
    assert nothing_to_add(SMALL, stories()[:1]) == ""
    assert nothing_to_add(LARGE, []) == ""


def test_bounded_stream_passes_max_tokens_and_stops_at_the_word_cap() -> None:
    llm = FakeLLM(size="small")
    sentence = "Weverskwartier ligt hoger dan Zuid en dat zie je ook in de verhalen [F2]. "  # 14 words
    llm.enqueue(sentence * 8)
    text = "".join(bounded(llm, SMALL).stream([{"role": "user", "content": "x"}]))
    assert llm.max_tokens == [SMALL.max_tokens]
    assert words(text) == 4 * 14 <= SMALL.max_words < 5 * 14
    assert text.count("[F2]") == 4 and text.rstrip().endswith("[F2].")


def test_an_unfinished_last_piece_is_dropped() -> None:
    llm = FakeLLM(size="small")
    llm.enqueue("Het cijfer is hoger dan in Zuid [F2]. En de jongeren in de wijk zeggen dat")
    assert "".join(bounded(llm, SMALL).stream([])) == "Het cijfer is hoger dan in Zuid [F2]."
    large = FakeLLM()
    assert bounded(large, LARGE) is large  # a large model streams exactly as before


def _service(demo_dir: Path, llm: FakeLLM, story_ids: list[str]) -> AnswerService:
    deps = build_deps(api_settings(demo_dir))
    deps.llm = llm
    deps.stories_search = pinned_story_search(demo_dir / "stories", story_ids)
    return AnswerService(deps)


def test_a_small_model_is_not_asked_without_a_story(demo_dir: Path) -> None:
    llm = FakeLLM(size="small")
    answer = _service(demo_dir, llm, []).ask(Question(question=QUESTION)).answer
    assert llm.history == [] and answer.stories == []
    assert answer.answer == answer.deterministic and not answer.llm_text
    assert answer.llm.reason == SKIP_REASON and not answer.llm.fallback_used


def test_a_large_model_is_asked_without_a_story(demo_dir: Path) -> None:
    llm = FakeLLM()
    answer = _service(demo_dir, llm, []).ask(Question(question=QUESTION)).answer
    assert len(llm.history) == 1 and answer.llm_text and llm.max_tokens == [None]
    assert "hooguit 120 woorden" in llm.history[0][0]["content"]


def test_a_small_model_with_a_story_gets_the_short_prompt_and_is_capped(demo_dir: Path) -> None:
    story_ids = demo_story_ids("WK990110")[:1]  # Weverskwartier
    assert story_ids, "the demo city has stories from Weverskwartier"
    llm = FakeLLM(size="small")
    para = ("Weverskwartier ligt hoger dan Zuid [F2]. Een jongerenwerker vertelt wat jongeren thuis moeten "
            "doen [S1]. Dat past bij de hulp die jongeren hier krijgen [F1]. ")
    llm.enqueue(para * 3)
    answer = _service(demo_dir, llm, story_ids).ask(Question(question=QUESTION)).answer
    system, user = llm.history[0][0]["content"], llm.history[0][1]["content"]
    assert "hooguit 60 woorden" in system and user.count("\n[F") + user.startswith("[F") <= 2
    assert "[S1]" in user and "[S2]" not in user
    assert llm.max_tokens == [SMALL.max_tokens]
    assert answer.llm_text and not answer.llm.fallback_used and words(answer.llm_text) <= 60
    assert answer.llm_text.count("[S1]") == 2  # whole sentences up to the cap: 2 paragraphs of 3, cut before 6
