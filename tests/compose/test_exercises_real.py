"""Exercises on the real Den Haag figures: every kind, for the gemeente and for wijken, keys recomputed from the CSV."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from support.api import assert_error, make_app
from support.kwb import kwb_wijken
from support.paths import KWB2019, KWB2021

from assistant.compose.exercise_ctx import about_people
from assistant.compose.exercises import Exercise
from assistant.core.settings import Settings
from retrieval.tables.store import IndicatorStore, StoreData

KINDS = ["procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking"]
WIJKEN = ["Moerwijk", "Waldeck", "Schildersbuurt", "Zuiderpark"]
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")


@pytest.fixture(scope="module")
def client(den_haag_dir: Path) -> Iterator[TestClient]:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def data(den_haag_dir: Path) -> StoreData:
    return IndicatorStore(Settings(data_dir=den_haag_dir).indicator_dir).load()


@pytest.fixture(scope="module")
def csv(real_data: Path) -> dict[int, pd.DataFrame]:
    return {year: kwb_wijken(real_data, rel).set_index("code") for year, rel in ((2019, KWB2019), (2021, KWB2021))}


def numbers_in(text: str) -> list[float]:
    return [float(w.replace(".", "") + (f".{f}" if f else "")) for w, f in NUMBER.findall(text)]


def csv_rate(csv: dict[int, pd.DataFrame], data: StoreData, indicator: str, code: str, year: int) -> float:
    """The rate from the CSV with pandas: the published column, or count ÷ denominator × 100."""
    d = data.catalogue.get(indicator)
    assert d is not None
    row = csv[year].loc[code]
    value = float(row[d.cbs_stems[0]])
    if d.unit != "count":
        return round(value, d.decimals)
    den = data.catalogue.get(d.denominator or "")
    assert den is not None
    return round(value / float(row[den.cbs_stems[0]]) * 100, 1)


def make(client: TestClient, area: str, kind: str) -> Exercise:
    r = client.post("/v1/exercises", json={"area": area, "kind": kind})
    assert r.status_code == 200, f"{area} {kind}: {r.text}"
    return Exercise.model_validate(r.json())


def check_key(ex: Exercise, csv: dict[int, pd.DataFrame], data: StoreData) -> None:
    """The key and every number the trainee sees, recomputed from the CSV."""
    right = ex.options[ex.answer_key.correct]
    first = ex.facts[0]
    ind, year = first.indicator or "", first.year or 0
    own = csv_rate(csv, data, ind, ex.area, year)
    if ex.kind == "procentpunt":
        other = next(s.area_code for s in first.extra_sources if s.area_code != ex.area)
        diff = abs(own - csv_rate(csv, data, ind, other, year))
        assert right.endswith("procentpunt") and numbers_in(right) == [pytest.approx(diff, abs=0.051)]
        assert numbers_in(ex.question)[-2:] == [own, csv_rate(csv, data, ind, other, year)]
    elif ex.kind == "ecologische_valkuil":
        other = next(s.area_code for s in first.extra_sources if s.area_code != ex.area)
        assert own > csv_rate(csv, data, ind, other, year) and right.startswith("Niets zekers")
        assert about_people(data.catalogue.get(ind))  # type: ignore[arg-type]
        assert own in numbers_in(ex.question)
    elif ex.kind == "kleine_aantallen":
        later = ex.facts[1]
        people = float(csv[later.year or 0].loc[ex.area, "AantalInwoners"])
        assert 0 < people < Settings().small_population and right.startswith("Voorzichtig")
        shown = numbers_in(ex.question)
        assert people in shown and own in shown and csv_rate(csv, data, ind, ex.area, later.year or 0) in shown
    else:
        city = "GM0518"
        latest = max(s.year for s in first.extra_sources + [first.source] if s and s.year)  # type: ignore[operator]
        assert numbers_in(right) == [latest, csv_rate(csv, data, ind, city, latest)] and "Gravenhage" in right
        assert own in numbers_in(ex.question)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_for_the_gemeente_is_about_an_area_inside_it(client: TestClient, kind: str,
                                                               csv: dict[int, pd.DataFrame], data: StoreData) -> None:
    ex = make(client, "'s-Gravenhage", kind)
    assert ex.asked == "GM0518" and ex.area != "GM0518" and ex.area_name in ex.question
    assert ex.question.startswith(f"Deze oefening gaat over {ex.area_name}")
    check_key(ex, csv, data)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("wijk", WIJKEN)
def test_every_kind_for_wijken(client: TestClient, kind: str, wijk: str, csv: dict[int, pd.DataFrame],
                               data: StoreData) -> None:
    ex = make(client, wijk, kind)
    if ex.area != ex.asked:  # only a small area may stand in for the asked one, and then it is said
        assert kind == "kleine_aantallen" and ex.area_name in ex.question.split(".")[0]
    check_key(ex, csv, data)


def test_ecological_fallacy_is_never_about_the_housing_stock(client: TestClient, data: StoreData) -> None:
    for area in ["'s-Gravenhage", *WIJKEN]:
        ex = make(client, area, "ecologische_valkuil")
        assert about_people(data.catalogue.get(ex.facts[0].indicator or ""))  # type: ignore[arg-type]
        assert "woning" not in ex.question.lower()


def test_impossible_kind_and_unknown_area_say_what_to_do(client: TestClient) -> None:
    err = assert_error(client.post("/v1/exercises", json={"area": "Oostduinen", "kind": "procentpunt"}), 404)
    assert "Oostduinen" in err["message"] and "kleine_aantallen" in err["fix"]
    err = assert_error(client.post("/v1/exercises", json={"area": "Atlantis", "kind": "procentpunt"}), 404)
    assert "staat niet in de geladen cijfers" in err["message"] and "Kies een gemeente, wijk of buurt" in err["fix"]


def test_a_trainers_session_ends_in_exercises_on_the_areas_discussed(client: TestClient, csv: dict[int, pd.DataFrame],
                                                                     data: StoreData) -> None:
    cid, areas = None, []
    for q in ["Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?", "En in Waldeck?",
              "Wat is het aandeel 65-plussers in Schildersbuurt?"]:
        r = client.post("/v1/chat", json={"question": q, "conversation_id": cid, "audience": "trainer"})
        assert r.status_code == 200, r.text
        answer = r.json()
        cid = answer["conversation_id"]
        assert answer["facts"] and answer["lead"] and answer["deterministic"].startswith(answer["lead"])
        areas += answer["areas"]
    assert len(set(areas)) == 3
    for code, kind in zip(areas, ["procentpunt", "ecologische_valkuil", "vergelijking"], strict=True):
        ex = make(client, code, kind)
        assert ex.asked == code and ex.area == code  # a wijk of the session, not another one
        check_key(ex, csv, data)
