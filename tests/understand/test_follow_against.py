"""'En vergeleken met Nederland?' keeps the figure and the area of the turn before, also with meaning-search on."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.wiring import build_deps


@pytest.mark.parametrize("follow", ["En vergeleken met Nederland?", "Hoe is dat ten opzichte van Nederland?",
                                    "And compared with the Netherlands?"])
def test_a_reference_follow_up_keeps_indicator_area_and_year(demo_dir: Path, follow: str) -> None:
    deps = build_deps(Settings(data_dir=demo_dir, llm="none", embedder="fake"), with_llm=False)
    deps.link_indicators = lambda question: [("laag_inkomen_pct", 0.9)]  # a meaning-search that always answers
    service, prev = AnswerService(deps), None
    answers = []
    for question in ("Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?", "En in 2021?", follow):
        result = service.ask(Question(question=question), prev)
        answers.append(result.answer)
        prev = result.understanding
    first, second, third = answers
    assert second.areas == first.areas and second.indicators == first.indicators and second.years == [2021]
    assert third.areas == first.areas and third.indicators == first.indicators and third.years == [2021]
    national = [f for f in third.facts if f.kind == "comparison" and any(
        s.area_code == "NL00" for s in f.extra_sources)]
    assert national, "the answer compares with Nederland"
