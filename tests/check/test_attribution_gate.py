"""The checker proves what a number is about, through the whole answer service with the shipped FakeLLM.

Each wrong reply (a city figure under a wijk's name, a figure of the wrong year, another indicator's figure,
a recommendation for a middle-group wijk, a causal claim; Dutch and English) is sent twice, so the retry fails
too and the facts answer stands; the problem's category says why. The correct versions pass. Expected values
come from the demo city's values table (pandas), not from Duiding's answer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.api import make_app
from support.servers import FakeLLMServer, Script

from assistant.core.settings import Settings
from assistant.llm.base import FakeLLM
from assistant.llm.openai_compat import OpenAICompatibleLLM
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from retrieval.tables.store import IndicatorStore

YEAR = 2023
CITY = "GM9901"


@pytest.fixture
def values(demo_dir: Path) -> pd.DataFrame:
    return IndicatorStore(Settings(data_dir=demo_dir).indicator_dir).load().values


def _value(values: pd.DataFrame, area: str, indicator: str, year: int = YEAR) -> str:
    row = values[(values.area_code == area) & (values.indicator == indicator) & (values.year == year)]
    return f"{float(row.value.iloc[0]):.1f}"


def _wijken(values: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = values[(values.indicator == indicator) & (values.year == YEAR) & (values.level == "wijk")]
    return rows[rows.parent_code.str.startswith("SD") | (rows.parent_code == CITY)].sort_values("value")


def _middle(values: pd.DataFrame, indicator: str) -> tuple[str, str]:
    """(code, name) of a wijk strictly inside the middle group (between the quartiles), not first."""
    rows = _wijken(values, indicator)
    q1, q3 = rows.value.quantile(0.25), rows.value.quantile(0.75)
    inside = rows[(rows.value > q1) & (rows.value < q3)]
    mid = inside.iloc[len(inside) // 2]
    return str(mid.area_code), str(mid.area_name)


def _ask(demo_dir: Path, question: str, reply: str, llm: object | None = None) -> Answer:
    fake = FakeLLM()
    fake.enqueue(reply)
    fake.enqueue(reply)  # the retry writes the same: the facts answer must stand
    _, deps = make_app(demo_dir, llm=llm or fake)
    return AnswerService(deps).ask(Question(question=question, audience="beleid")).answer


def _refused(answer: Answer, category: str) -> None:
    assert answer.llm.fallback_used, answer.llm_text
    assert category in {p.category for p in answer.check.problems}, answer.check.problems
    assert answer.answer == answer.deterministic


def _passed(answer: Answer) -> None:
    assert not answer.llm.fallback_used, (answer.check.problems, answer.llm.reason)
    assert answer.answer == answer.llm_text and answer.check_summary


WEV = "Weverskwartier"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_city_figure_under_a_wijks_name_is_refused(demo_dir: Path, values: pd.DataFrame, lang: str) -> None:
    wev = values[values.area_name == WEV].area_code.iloc[0]
    city, own = (_value(values, c, "jeugdzorg_pct") for c in (CITY, wev))
    assert city != own
    if lang == "nl":
        city, own = city.replace(".", ","), own.replace(".", ",")
        q = f"Hoeveel jongeren in {WEV} krijgen jeugdzorg?"
        wrong = f"In {WEV} krijgt {city}% van de jongeren jeugdzorg."
        right = f"In {WEV} krijgt {own}% van de jongeren jeugdzorg. In Duinhaven is dat {city}%."
    else:
        q = f"Is youth care in {WEV} high compared with Duinhaven?"
        wrong = f"In {WEV}, {city}% of young people get youth care."
        right = f"In {WEV}, {own}% of young people get youth care. In Duinhaven it is {city}%."
    answer = _ask(demo_dir, q, wrong)
    _refused(answer, "attribution")
    name = "Duinhaven"
    assert any(name in p.text and WEV in p.text and p.subject.startswith(city) for p in answer.check.problems)
    _passed(_ask(demo_dir, q, right))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_figure_from_the_wrong_year_is_refused(demo_dir: Path, values: pd.DataFrame, lang: str) -> None:
    wev = values[values.area_name == WEV].area_code.iloc[0]
    first = int(values[(values.indicator == "jeugdzorg_pct") & (values.area_code == wev)].year.min())
    assert first < YEAR
    latest = _value(values, wev, "jeugdzorg_pct")
    shown = latest.replace(".", ",") if lang == "nl" else latest
    if lang == "nl":
        q, text = f"Hoe ontwikkelt de jeugdzorg in {WEV} zich?", "In {y} kreeg {v}% van de jongeren in {w} jeugdzorg."
    else:
        q, text = f"How has youth care in {WEV} developed?", "In {y}, {v}% of young people in {w} got youth care."
    answer = _ask(demo_dir, q, text.format(y=first, v=shown, w=WEV))
    _refused(answer, "attribution")
    assert any(str(YEAR) in p.text and str(first) in p.text for p in answer.check.problems)
    _passed(_ask(demo_dir, q, text.format(y=YEAR, v=shown, w=WEV)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_another_indicators_figure_with_the_right_digits_is_refused(demo_dir: Path, values: pd.DataFrame,
                                                                    lang: str) -> None:
    wev = values[values.area_name == WEV].area_code.iloc[0]
    income, care = _value(values, wev, "laag_inkomen_pct"), _value(values, wev, "jeugdzorg_pct")
    assert income != care
    dec = (lambda v: v.replace(".", ",")) if lang == "nl" else (lambda v: v)
    if lang == "nl":
        q = f"Hoe zit het met jeugdzorg en laag inkomen in {WEV}?"
        wrong = "In {w} krijgt {v}% van de jongeren jeugdzorg."
        right = "In {w} heeft {v}% van de huishoudens een laag inkomen."
    else:
        q = f"What about youth care and low income in {WEV}?"
        wrong, right = "In {w}, {v}% of young people get youth care.", "In {w}, {v}% of households have a low income."
    _refused(_ask(demo_dir, q, wrong.format(w=WEV, v=dec(income))), "attribution")
    _passed(_ask(demo_dir, q, right.format(w=WEV, v=dec(income))))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_recommendation_for_a_middle_group_wijk_is_refused(demo_dir: Path, values: pd.DataFrame,
                                                             lang: str) -> None:
    _, mid = _middle(values, "jeugdzorg_pct")
    top = str(_wijken(values, "jeugdzorg_pct").iloc[-1].area_name)
    if lang == "nl":
        q, text = "Is de jeugdzorg in {w} hoog?", "De jongerenwerkers moeten extra ingezet worden in {w}."
    else:
        q, text = "Is youth care in {w} high?", "Extra youth workers should be deployed in {w}."
    answer = _ask(demo_dir, q.format(w=mid), text.format(w=mid))
    _refused(answer, "claim")
    assert any(mid in p.text for p in answer.check.problems)
    _passed(_ask(demo_dir, q.format(w=top), text.format(w=top)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_causal_claim_is_refused_and_saying_figures_show_no_cause_passes(demo_dir: Path, lang: str) -> None:
    if lang == "nl":
        q = f"Is de jeugdzorg in {WEV} hoog?"
        wrong, right = (f"De jeugdzorg in {WEV} is hoog omdat er veel armoede is.",
                        "De cijfers laten niet zien waardoor dit komt.")
    else:
        q = f"Is youth care in {WEV} high?"
        wrong, right = (f"Youth care in {WEV} is high because of poverty.",
                        "The figures do not show why this is so.")
    _refused(_ask(demo_dir, q, wrong), "cause")
    _passed(_ask(demo_dir, q, right))
    _refused(_ask(demo_dir, q, "Het beleid werkt: de jeugdzorg daalt." if lang == "nl"
                  else "The policy works: youth care is going down."), "cause")


def test_the_badge_says_what_was_checked_when_a_sentence_is_interpretation(demo_dir: Path) -> None:
    checked = _ask(demo_dir, f"Is de jeugdzorg in {WEV} hoog?", f"{WEV} is de hoogste van Duinhaven [F1].")
    mixed = _ask(demo_dir, f"Is de jeugdzorg in {WEV} hoog?", "Een jongerenwerker zegt dat jongeren afhaken "
                 "omdat ze lang wachten. Dat vraagt aandacht van de gemeente.")
    assert not mixed.llm.fallback_used, mixed.check.problems
    assert "alle cijfers gecontroleerd" not in mixed.check_summary and "interpretatie" in mixed.check_summary
    assert checked.check_summary == "✓ alle cijfers gecontroleerd" or checked.llm.fallback_used


def test_the_openai_compatible_backend_is_checked_the_same_way(demo_dir: Path, values: pd.DataFrame) -> None:
    """A real wire protocol: the city figure under the wijk's name, streamed by a local fake server."""
    city = _value(values, CITY, "jeugdzorg_pct").replace(".", ",")
    wrong = [f"In {WEV} krijgt {city}", "% van de jongeren jeugdzorg. "]
    with FakeLLMServer(Script(chunks=wrong)) as url:
        llm = OpenAICompatibleLLM(Settings(openai_base_url=f"{url}/v1", llm_timeout_s=5))
        answer = _ask(demo_dir, f"Hoeveel jongeren in {WEV} krijgen jeugdzorg?", "", llm=llm)
    _refused(answer, "attribution")
