"""Adding a backend or a check needs no edit elsewhere: both are registered from this test and used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.check.base import CHECKS, Evidence, register_check, unregister_check
from assistant.core import registry
from assistant.core.settings import Settings
from assistant.llm.base import default_reply
from assistant.llm.status import backend_statuses
from assistant.pipeline import AnswerService
from assistant.schemas import Problem, Question
from assistant.wiring import build_deps

QUESTION = "Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?"


class EchoLLM:
    """A backend that lives only in this test: it cites the first fact it is given."""

    name = "echo-test"
    model = "echo"

    def __init__(self, settings: Settings) -> None:
        self.calls = 0

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        self.calls += 1
        yield default_reply(messages)

    def available(self) -> tuple[bool, str]:
        return True, "echoes the first fact"


class NoWordCheck:
    """A check that lives only in this test: the word 'zeker' is refused."""

    name = "no-zeker-test"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        if "zeker" in sentence.lower():
            return [Problem(category="test-word", subject="zeker", text="schrijf niet 'zeker'")]
        return []


@pytest.fixture
def echo_backend() -> Iterator[None]:
    registry.register("llm", "echo-test", EchoLLM, help="test only")
    yield
    registry.unregister("llm", "echo-test")


def test_a_backend_registered_from_a_test_answers(echo_backend: None, demo_dir: Path) -> None:
    settings = Settings(data_dir=demo_dir, llm="echo-test", embedder="fake")
    assert "echo-test" in [s.name for s in backend_statuses(settings)]
    answer = AnswerService(build_deps(settings)).ask(Question(question=QUESTION)).answer
    assert answer.llm.backend == "echo-test" and not answer.llm.fallback_used
    first_fact = answer.facts[0]
    assert first_fact.text.rstrip(".") in answer.llm_text and f"[{first_fact.id}]" in answer.llm_text


def test_an_unregistered_backend_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="echo-test"):
        Settings(llm="echo-test")


def test_a_check_registered_from_a_test_runs_in_the_gate(demo_dir: Path) -> None:
    from assistant.llm.base import FakeLLM

    settings = Settings(data_dir=demo_dir, llm="fake", embedder="fake")
    deps = build_deps(settings)
    assert isinstance(deps.llm, FakeLLM)
    register_check(NoWordCheck())
    try:
        deps.llm.enqueue("Dat is zeker veel.")
        deps.llm.enqueue("Dat is zeker veel.")
        answer = AnswerService(deps).ask(Question(question=QUESTION)).answer
    finally:
        unregister_check("no-zeker-test")
    assert answer.llm.fallback_used and answer.answer == answer.deterministic
    assert [p.category for p in answer.check.problems] == ["test-word"]
    assert "no-zeker-test" not in [c.name for c in CHECKS]
