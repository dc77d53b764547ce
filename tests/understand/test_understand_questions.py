"""Questions users ask about shares, counts, "nu vs toen" and words, answered by the deterministic pipeline.

Expected numbers are recomputed here from the demo city's values.csv with pandas, not taken from Duiding.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.api import api_settings

from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from assistant.wiring import build_deps
from retrieval.demo.city import DEMO_DIR

VALUES = pd.read_csv(DEMO_DIR / "values.csv", comment="#")


def format_number(x: float, decimals: int, lang: str) -> str:
    """Written here, not imported: 11113 -> '11.113' (nl) / '11,113' (en); 40.13 -> '40,1' / '40.1'."""
    text = f"{x:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def value(area: str, indicator: str, year: int = 2023) -> float:
    row = VALUES[(VALUES.area_code == area) & (VALUES.indicator == indicator) & (VALUES.year == year)]
    return float(row.value.iloc[0])


@pytest.fixture(scope="module")
def service(demo_base: Path) -> AnswerService:
    return AnswerService(build_deps(api_settings(demo_base, llm="none")))


def ask(service: AnswerService, question: str) -> Answer:
    return service.ask(Question(question=question)).answer


LINDENHOVE, POLDERPOORT = "WK990111", "WK990113"


@pytest.mark.parametrize(("question", "area", "part", "base"), [
    ("Welk deel van de inwoners van Lindenhove is 65 of ouder?", LINDENHOVE, "leeftijd_65_plus", "inwoners"),
    ("What share of Lindenhove's residents is 65 or older?", LINDENHOVE, "leeftijd_65_plus", "inwoners"),
    ("Welk deel van de bevolking in Polderpoort is tussen de 15 en 25 jaar?", POLDERPOORT, "leeftijd_15_25",
     "inwoners"),
    ("Hoeveel procent van de inwoners van Lindenhove is Wmo-cliënt?", LINDENHOVE, "wmo_clienten", "inwoners"),
])
def test_a_share_question_states_part_base_and_share(service: AnswerService, question: str, area: str,
                                                      part: str, base: str) -> None:
    answer = ask(service, question)
    lang = answer.language
    share = 100 * value(area, part) / value(area, base)
    for shown in (format_number(value(area, part), 0, lang), format_number(value(area, base), 0, lang),
                  format_number(share, 1, lang) + "%"):
        assert shown in answer.answer, (shown, answer.answer[:400])


def test_how_many_asks_for_the_count_not_the_rate(service: AnswerService) -> None:
    answer = ask(service, "Hoeveel Wmo-cliënten zijn er in Lindenhove?")
    assert format_number(value(LINDENHOVE, "wmo_clienten"), 0, "nl") in answer.lead.split(". ")[0]  # the count leads


def test_now_against_a_year_is_a_trend(service: AnswerService) -> None:
    answer = ask(service, "Zitten er in Polderpoort nu meer of minder mensen in de bijstand dan in 2019?")
    then, now = value(POLDERPOORT, "bijstand", 2019), value(POLDERPOORT, "bijstand", 2023)
    trend = next(f for f in answer.facts if f.kind == "trend")
    assert f"van {format_number(then, 0, 'nl')} in 2019 naar {format_number(now, 0, 'nl')} in 2023" in trend.text
    assert ("gedaald" if now < then else "gestegen") in trend.text


def test_elderly_living_alone_across_the_sentence(service: AnswerService) -> None:
    answer = ask(service, "Wonen ouderen in Lindenhove vaker alleen dan in de rest van stadsdeel Zuid?")
    assert {f.indicator for f in answer.facts if f.kind == "comparison"} == {"ouderen_alleenwonend_pct"}
    assert format_number(value(LINDENHOVE, "ouderen_alleenwonend_pct"), 1, "nl") + "%" in answer.answer


@pytest.mark.parametrize(("question", "term"), [
    ("Wat is de Wmo eigenlijk?", "WMO"),
    ("Wat betekent 'per 1.000 inwoners'?", "per 1.000 inwoners"),
    ("Wat telt het CBS als eenoudergezin?", "eenoudergezin"),
    ("Waarom zijn sommige cijfers geheim?", "onderdrukte cijfers"),
])
def test_a_question_about_a_word_is_explained_not_asked_back(service: AnswerService, question: str,
                                                              term: str) -> None:
    answer = ask(service, question)
    assert answer.glossary and answer.glossary[0].term == term
    assert "Over welke wijk" not in answer.answer


def conversation(service: AnswerService, *questions: str) -> list[Answer]:
    prev, out = None, []
    for question in questions:
        result = service.ask(Question(question=question), prev)
        answer, prev = result.answer, result.understanding
        out.append(answer)
    return out


def top_area(answer: Answer) -> str:
    return next(f.source.area_code for f in answer.facts if f.kind == "top" and f.source)


def test_follow_ups_after_a_top_question_turn_around_and_point_at_the_winner(service: AnswerService) -> None:
    wijken = VALUES[VALUES.area_code.str.startswith("WK")]
    share = wijken[(wijken.indicator == "eenzaamheid_pct") & (wijken.year == 2023)]
    highest, lowest = share.loc[share.value.idxmax(), "area_code"], share.loc[share.value.idxmin(), "area_code"]
    first, low, there = conversation(service, "Welke wijk heeft de hoogste eenzaamheid?", "En de laagste?",
                                     "Wat vertellen bewoners daar?")
    assert top_area(first) == highest and top_area(low) == lowest
    assert there.areas == [lowest]  # "daar" is the wijk the last answer named first
    assert format_number(value(lowest, "eenzaamheid_pct"), 1, "nl") + "%" in there.answer


def test_a_pointing_follow_up_keeps_the_figure_and_its_word(service: AnswerService) -> None:
    _, city, other = conversation(service, "Hoeveel huishoudens in Oosterkade hebben een laag inkomen?",
                                  "Is dat veel vergeleken met de stad?", "En in Bloemendries?")
    assert city.indicators == other.indicators == ["laag_inkomen_pct"]
    assert "laag inkomen" in [g.term for g in other.glossary]
    assert format_number(value("GM9901", "laag_inkomen_pct"), 1, "nl") + "%" in city.answer
