"""Datasets never mix silently: the demo city and the real Den Haag figures loaded side by side.

Before, a Den Haag answer compared with "Nederland 9,7%" taken from the demo city's NL00 rows. Now a fact
cites only its own dataset, and "Nederland" appears only with a national figure of the same dataset or as
"geen landelijk cijfer geladen". Expected values are read from the CBS CSV with pandas.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from support.api import make_app
from support.paths import KWB2019

from assistant.llm.base import FakeLLM
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question

MOERWIJK, GM = "WK051836", "GM0518"


def _csv_value(real_data: Path, code: str, column: str) -> float:
    df = pd.read_csv(real_data / KWB2019, sep=";", dtype=str, encoding="utf-8-sig")
    row = df[df["WijkenEnBuurten"].str.strip() == code]
    return float(row[column].iloc[0].strip())


def _ask(data_dir: Path, question: str, reply: str | None = None) -> Answer:
    llm = FakeLLM()
    if reply is not None:
        llm.enqueue(reply)
        llm.enqueue(reply)
    _, deps = make_app(data_dir, llm=llm)
    return AnswerService(deps).ask(Question(question=question)).answer


@pytest.mark.parametrize("question", ["Hoeveel jongeren in Moerwijk krijgen jeugdzorg?",
                                      "Hoe hoog is de WOZ-waarde in Moerwijk?",
                                      "What is the population density in Moerwijk?"])
def test_a_den_haag_answer_cites_only_cbs_and_no_demo_nederland(mixed_base: Path, question: str) -> None:
    answer = _ask(mixed_base, question)
    assert answer.areas == [MOERWIJK] and answer.facts
    sources = [s for f in answer.facts for s in [f.source, *f.extra_sources] if s]
    figures = [s for s in sources if s.dataset != "verhalen"]  # story patterns are their own dataset
    assert figures and all(s.source_name.startswith("Bron: CBS") and s.family == "CBS KWB" for s in figures)
    assert all(s.dataset in ("84583NED", "85039NED") for s in figures)
    assert answer.attribution and all(a.startswith("Bron: CBS") for a in answer.attribution)
    assert not any(s.dataset == "demo" for s in sources)
    for fact in answer.facts:
        national = any(s.area_code.startswith("NL") for s in [fact.source, *fact.extra_sources] if s)
        for text in (fact.text, fact.text_en):
            if re.search(r"Nederland|Netherlands", text):
                assert national or re.search(r"geen landelijk cijfer|No national figure", text), text
    assert "Demo" not in answer.deterministic and "9,7%" not in answer.deterministic


def test_no_national_figure_is_said_when_only_the_demo_has_one(mixed_base: Path) -> None:
    answer = _ask(mixed_base, "Hoeveel jongeren in Moerwijk krijgen jeugdzorg?")
    assert any("geen landelijk cijfer" in c for c in answer.caveats)
    assert "geen landelijk cijfer" in answer.deterministic


def test_the_city_figure_under_moerwijks_name_is_refused_as_attribution(mixed_base: Path, real_data: Path) -> None:
    city = _csv_value(real_data, GM, "PercentageJongerenMetJeugdzorg_88")
    own = _csv_value(real_data, MOERWIJK, "PercentageJongerenMetJeugdzorg_88")
    assert city != own
    shown = f"{city:.1f}".replace(".", ",")
    question = "Hoeveel jongeren in Moerwijk krijgen jeugdzorg?"
    answer = _ask(mixed_base, question, f"In Moerwijk (Den Haag) is {shown}% jongeren met jeugdzorg [F2].")
    assert answer.llm.fallback_used and answer.answer == answer.deterministic
    texts = [p.text for p in answer.check.problems if p.category == "attribution"]
    assert any(t.startswith(f"{shown}% is het cijfer van 's-Gravenhage, niet van Moerwijk") for t in texts), texts
    right = _ask(mixed_base, question, f"In Moerwijk krijgt {own:.1f}% van de jongeren jeugdzorg.".replace(".", ",", 1))
    assert not right.llm.fallback_used, right.check.problems
    assert right.check_summary == "✓ alle cijfers gecontroleerd"


def test_the_demo_city_answers_only_about_itself(mixed_base: Path) -> None:
    answer = _ask(mixed_base, "Hoeveel jongeren in Weverskwartier krijgen jeugdzorg?")
    sources = [s for f in answer.facts for s in [f.source, *f.extra_sources] if s]
    datasets = {s.dataset for s in sources}
    assert "demo" in datasets and datasets <= {"demo", "verhalen"}  # the demo's figures and its story bank
    assert all("CBS" not in a for a in answer.attribution)
