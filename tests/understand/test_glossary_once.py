"""A term is explained in full once per conversation; later answers point back, unless it is asked about."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from assistant.wiring import build_deps


def _conversation(demo_dir: Path, audience: str, *questions: str) -> list[Answer]:
    service = AnswerService(build_deps(Settings(data_dir=demo_dir, llm="none", embedder="fake"), with_llm=False))
    prev, out = None, []
    for question in questions:
        result = service.ask(Question(question=question, audience=audience), prev)
        out.append(result.answer)
        prev = result.understanding
    return out


@pytest.mark.parametrize("audience", ["jongerenwerker", "beleid", "trainer"])
def test_the_second_answer_points_back_to_terms_the_first_explained(demo_dir: Path, audience: str) -> None:
    first, second = _conversation(demo_dir, audience, "Hoeveel procent van de jongeren in Weverskwartier krijgt "
                                  "jeugdzorg?", "En in Lindenhove?")
    explained = [g for g in second.glossary if g.definition in first.deterministic]
    assert explained, "the follow-up needs a term the first answer explained"
    for entry in explained:
        assert entry.definition not in second.deterministic
    assert any(f"{g.term}: zie hierboven" in second.deterministic or f"Zie '{g.term}' hierboven" in
               second.deterministic for g in explained)


def test_a_term_asked_about_is_explained_in_full_again(demo_dir: Path) -> None:
    first, _, asked = _conversation(demo_dir, "jongerenwerker",
                                    "Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?",
                                    "En in Lindenhove?", "Wat betekent procentpunt?")
    entry = next(g for g in asked.glossary if g.term == "procentpunt")
    assert entry.definition in asked.deterministic and entry.mistake in asked.deterministic


def test_english_follow_up_points_back_in_english(demo_dir: Path) -> None:
    first, second = _conversation(demo_dir, "jongerenwerker", "What share of young people in Weverskwartier "
                                  "gets youth care?", "And in Lindenhove?")
    explained = [g for g in second.glossary if g.definition_en in first.deterministic]
    assert explained and not any(g.definition_en in second.deterministic for g in explained)
    assert any(f"See '{g.term}' above" in second.deterministic for g in explained)
