"""Golden leads on real Den Haag data (KWB 2019 full + 2021 subset), every question kind x audience.

Expected figures, verdicts and winners come from pandas over the CBS CSV (support.kwb), or for the kinds
over many figures from the rank and quartile facts' own numbers; never from the lead itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from support.kwb import code_of, kwb_wijken
from support.lead import Ask, asker, assert_verdict, cited, natural, opening, sentences, verdict_of
from support.paths import KWB2021

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.schemas import Answer
from assistant.wiring import build_deps

AUDIENCES = ("jongerenwerker", "beleid", "trainer")


@pytest.fixture(scope="module")
def ask(den_haag_dir: Path) -> Ask:
    return asker(AnswerService(build_deps(Settings(data_dir=den_haag_dir, llm="none", embedder="fake"),
                                              with_llm=False)))


@pytest.fixture(scope="module")
def csv(real_data: Path) -> pd.DataFrame:
    return kwb_wijken(real_data)


def peers(csv: pd.DataFrame, column: str) -> pd.Series:
    wijken = csv[csv["level"] == "wijk"]
    return pd.Series(wijken[column].to_numpy(), index=wijken["code"]).dropna()


def city(csv: pd.DataFrame, column: str) -> float:
    return float(csv[csv["level"] == "gemeente"][column].iloc[0])


def opens_with_lead(answer: Answer) -> None:
    assert answer.lead and opening(answer).removeprefix("**Kern**\n").startswith(answer.lead)
    assert set(cited(answer.lead)) <= {f.id for f in answer.facts} and cited(answer.lead)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "wijk", "column", "unit", "decimals"), [
    ("Hoeveel procent van de jongeren in Moerwijk heeft jeugdzorg?", "Moerwijk", "PercentageJongerenMetJeugdzorg",
     "percent", 1),
    ("Hoeveel huishoudens in de Schildersbuurt hebben een laag inkomen?", "Schildersbuurt",
     "HuishoudensMetEenLaagInkomen", "percent", 1),
    ("Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in Bezuidenhout?", "Bezuidenhout", "WmoClientenRelatief",
     "per_1000", 0),
])
def test_value_lead_on_den_haag(ask: Ask, csv: pd.DataFrame, audience: str, question: str, wijk: str, column: str,
                                unit: str, decimals: int) -> None:
    answer = ask(question, audience)
    opens_with_lead(answer)
    code = code_of(csv, wijk)
    value = float(csv[csv["code"] == code][column].iloc[0])
    first, second = sentences(answer.lead)[:2]
    assert wijk in first and natural(value, unit) in first, first
    assert_verdict(second, verdict_of(peers(csv, column), code, decimals))
    word = "hoger" if round(value, decimals) > round(city(csv, column), decimals) else "lager"
    assert f"{word} dan in heel 's-Gravenhage" in second, second


@pytest.mark.parametrize("audience", AUDIENCES)
def test_area_against_area_on_den_haag(ask: Ask, csv: pd.DataFrame, audience: str) -> None:
    answer = ask("Is de jeugdzorg in Moerwijk hoger dan in de Schildersbuurt?", audience)
    opens_with_lead(answer)
    column = "PercentageJongerenMetJeugdzorg"
    said = re.search(r"(\w+) is daarmee (hoger|lager) dan in (\w+)", sentences(answer.lead)[1])
    assert said and {said.group(1), said.group(3)} == {"Moerwijk", "Schildersbuurt"}, answer.lead
    a = float(csv[csv["code"] == code_of(csv, said.group(1))][column].iloc[0])
    b = float(csv[csv["code"] == code_of(csv, said.group(3))][column].iloc[0])
    assert said.group(2) == ("hoger" if a > b else "lager")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_rank_lead_on_den_haag(ask: Ask, csv: pd.DataFrame, audience: str) -> None:
    answer = ask("Welke wijk in Den Haag heeft het hoogste percentage jongeren met jeugdzorg?", audience)
    opens_with_lead(answer)
    values = peers(csv, "PercentageJongerenMetJeugdzorg")
    name = str(csv[csv["code"] == values.idxmax()]["name"].iloc[0])
    first = sentences(answer.lead)[0]
    assert first.startswith(name) and "hoogste" in first and natural(values.max(), "percent") in first


@pytest.mark.parametrize("audience", AUDIENCES)
def test_share_lead_on_den_haag(ask: Ask, csv: pd.DataFrame, audience: str) -> None:
    answer = ask("Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?", audience)
    opens_with_lead(answer)
    row = csv[csv["code"] == code_of(csv, "Moerwijk")]
    share = float(row["PersonenPerSoortUitkeringBijstand"].iloc[0] / row["AantalInwoners"].iloc[0] * 100)
    assert natural(share, "percent") + " inwoners" in sentences(answer.lead)[0]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_trend_lead_on_den_haag(ask: Ask, csv: pd.DataFrame, real_data: Path, audience: str) -> None:
    answer = ask("Is het aantal inwoners van Moerwijk gegroeid sinds 2019?", audience)
    opens_with_lead(answer)
    later = kwb_wijken(real_data, KWB2021)
    code = code_of(csv, "Moerwijk")
    before = float(csv[csv["code"] == code]["AantalInwoners"].iloc[0])
    now = float(later[later["code"] == code]["AantalInwoners"].iloc[0])
    first = sentences(answer.lead)[0]
    assert ("gestegen" if now > before else "gedaald") in first and "2019" in first and "2021" in first


@pytest.mark.parametrize("audience", AUDIENCES)
def test_profile_and_need_leads_on_den_haag_follow_the_facts(ask: Ask, audience: str) -> None:
    profile = ask("Hoe gaat het met Moerwijk?", audience)
    by_id = {f.id: f for f in profile.facts}
    for sentence in re.split(r"(?<=\.)\s+", profile.lead):
        high = "hoogste kwart" in sentence
        for fid in cited(sentence):
            low_q, high_q = (n.value for n in by_id[fid].numbers if n.role == "quartile")
            shown = round(by_id[fid].value or 0.0, by_id[fid].decimals)
            assert (shown > high_q) if high else (shown < low_q or "middengroep" in sentence), sentence
    need = ask("Waar in Den Haag is jongerenwerk het meest nodig?", audience)
    ranked = sorted((f for f in need.facts if f.kind == "list" and f.value is not None), key=lambda f: f.value or 0)
    assert cited(need.lead)[:3] == [f.id for f in ranked[:3]], need.lead


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_data_and_follow_up_on_den_haag(ask: Ask, csv: pd.DataFrame, audience: str) -> None:
    none = ask("Wat is de WOZ-waarde in Moerwijk in 2030?", audience)
    assert "geen cijfers" in none.lead and not re.search(r"\d+,\d|€", none.lead)
    answer = ask("Hoeveel procent van de jongeren in Moerwijk heeft jeugdzorg?", audience, "En in Ypenburg?")
    code, column = code_of(csv, "Ypenburg"), "PercentageJongerenMetJeugdzorg"
    first, second = sentences(answer.lead)[:2]
    assert "Ypenburg" in first and natural(float(csv[csv["code"] == code][column].iloc[0]), "percent") in first
    assert_verdict(second, verdict_of(peers(csv, column), code, 1))


def test_english_lead_on_den_haag(ask: Ask, csv: pd.DataFrame) -> None:
    answer = ask("What share of young people in Moerwijk receives youth care?", "beleid")
    code, column = code_of(csv, "Moerwijk"), "PercentageJongerenMetJeugdzorg"
    assert natural(float(csv[csv["code"] == code][column].iloc[0]), "percent", "en") in answer.lead
    assert_verdict(answer.lead, verdict_of(peers(csv, column), code, 1), "en")
    assert not re.search(r"\b(ongeveer|hoort|wijken|Kern)\b", answer.deterministic)
