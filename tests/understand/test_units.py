"""Unit words pick the published variant: 'per 1.000', 'procent', 'aantal' (Dutch and English)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.api import make_app
from support.kwb import code_of, kwb_wijken

from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.understand.units import order_by_unit, wanted_unit

UNITS = {"wmo_per_1000": ("per_1000", "inwoners"), "wmo_clienten": ("count", "inwoners"),
         "jeugdzorg_pct": ("percent", None)}


@pytest.mark.parametrize(("text", "unit"), [
    ("Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in Moerwijk?", "per_1000"),
    ("How many WMO clients per 1,000 inhabitants live in Moerwijk?", "per_1000"),
    ("wmo per duizend inwoners in Moerwijk", "per_1000"),
    ("Welk percentage van de inwoners is Wmo-cliënt?", "percent"),
    ("What share of people get WMO support?", "percent"),
    ("Hoeveel Wmo-cliënten zijn er in Moerwijk?", "count"),
    ("How many WMO clients are there?", "count"),
    ("Wmo in Moerwijk", None),
])
def test_unit_words(text: str, unit: str | None) -> None:
    assert wanted_unit(text) == unit


def test_asked_unit_comes_first_in_its_group() -> None:
    group = [["wmo_clienten", "wmo_per_1000"]]
    assert order_by_unit(group, UNITS, "per_1000") == [["wmo_per_1000", "wmo_clienten"]]
    assert order_by_unit(group, UNITS, "count") == group
    assert order_by_unit(group, UNITS, None) == group


def _ask(data_dir: Path, text: str) -> tuple[list, str]:  # type: ignore[type-arg]
    _, deps = make_app(data_dir, llm=None)
    answer = AnswerService(deps).ask(Question(question=text, audience="jongerenwerker")).answer
    return answer.facts, answer.deterministic


@pytest.mark.parametrize("text", ["Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in Moerwijk?",
                                  "How many WMO clients per 1,000 inhabitants are there in Moerwijk?"])
def test_per_1000_picks_the_published_rate_on_real_data(den_haag_dir: Path, real_data: Path, text: str) -> None:
    csv = kwb_wijken(real_data)
    code = code_of(csv, "Moerwijk")
    expected = float(csv.loc[csv["code"] == code, "WmoClientenRelatief"].iloc[0])
    facts, text_out = _ask(den_haag_dir, text)
    values = [f for f in facts if f.kind == "value" and f.area_code == code]
    assert values and values[0].indicator == "wmo_per_1000"
    assert values[0].value == pytest.approx(expected)
    assert not [f for f in facts if f.kind == "share"], "no self-computed percentage beside the published rate"
    assert "1.000" in text_out or "1,000" in text_out


def test_count_is_kept_when_the_count_is_asked(den_haag_dir: Path, real_data: Path) -> None:
    csv = kwb_wijken(real_data)
    code = code_of(csv, "Moerwijk")
    facts, _ = _ask(den_haag_dir, "Hoeveel Wmo-cliënten zijn er in Moerwijk?")
    value = next(f for f in facts if f.kind == "value" and f.area_code == code)
    assert value.indicator == "wmo_clienten"
    assert value.value == pytest.approx(float(csv.loc[csv["code"] == code, "WmoClienten"].iloc[0]))


def test_unpublished_unit_is_said(den_haag_dir: Path) -> None:
    facts, text = _ask(den_haag_dir, "Hoeveel jongeren met jeugdzorg per 1.000 zijn er in Moerwijk?")
    assert next(f for f in facts if f.kind == "value").indicator == "jeugdzorg_pct"
    assert "niet gepubliceerd" in text and "percentage" in text
