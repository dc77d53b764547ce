"""New kinds of question on the real Den Haag (and Amsterdam) KWB 2019 data: profile, need ranking,
threshold, comparative words, related figures, per-gemeente answers. Expectations come from the CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.api import make_app
from support.kwb import code_of, kwb_wijken
from support.paths import KWB2019, NAMES2022, PROPS2022

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Fact, Question
from assistant.understand.model import Understanding

AMSTERDAM2019 = "dhzw_synthetic_population/amsterdam_2019_full/marginal_distributions_84583NED.csv"


def _load(data_dir: Path, real_data: Path, *files: str) -> Path:
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    store = IndicatorStore(Settings(data_dir=data_dir).indicator_dir)
    for rel in files:
        ingest_table(store, real_data / rel, "cbs", names=real_data / NAMES2022, metadata=real_data / PROPS2022)
    return data_dir


@pytest.fixture(scope="module")
def dh2019(tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> Path:
    return _load(tmp_path_factory.mktemp("dh2019"), real_data, KWB2019)


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> Path:
    return _load(tmp_path_factory.mktemp("dh_ams"), real_data, KWB2019, AMSTERDAM2019)


@pytest.fixture(scope="module")
def csv(real_data: Path) -> pd.DataFrame:
    return kwb_wijken(real_data)


def _service(data_dir: Path) -> AnswerService:
    return AnswerService(make_app(data_dir, llm=None)[1])


def _conversation(data_dir: Path, *questions: str,
                  audience: str = "jongerenwerker") -> list[tuple[Answer, Understanding]]:
    service, prev, out = _service(data_dir), None, []
    for text in questions:
        result = service.ask(Question(question=text, audience=audience), prev)  # type: ignore[arg-type]
        prev = result.understanding
        out.append((result.answer, result.understanding))
    return out


def _ask(data_dir: Path, text: str, audience: str = "jongerenwerker") -> tuple[Answer, Understanding]:
    return _conversation(data_dir, text, audience=audience)[0]


def _codes(f: Fact) -> list[str]:
    return [s.area_code for s in [f.source, *f.extra_sources] if s is not None and s.area_code]


def _wijken(csv: pd.DataFrame, gemeente: str = "GM0518") -> pd.DataFrame:
    return csv[(csv["level"] == "wijk") & csv["code"].str.startswith("WK" + gemeente[2:])]


def _share(frame: pd.DataFrame, num: str, den: str) -> pd.Series:
    base = frame[den].where(frame[den] > 0)
    return frame[num] / base * 100


@pytest.mark.parametrize("text", ["Hoe gaat het met Moerwijk?", "Wat speelt er in Moerwijk?",
                                  "Tell me about Moerwijk", "How is Moerwijk doing?", "Wat valt op in Moerwijk?",
                                  "Hoe staat Moerwijk ervoor?"])
def test_profile_answers_with_the_wijks_own_figures(dh2019: Path, csv: pd.DataFrame, text: str) -> None:
    answer, u = _ask(dh2019, text)
    code = code_of(csv, "Moerwijk")
    assert u.kind == "profile" and answer.deterministic.strip()
    own = {f.indicator for f in answer.facts if f.area_code == code and f.kind in ("value", "share", "comparison")}
    assert len(own) >= 8
    jz = next(f for f in answer.facts if f.kind == "value" and f.area_code == code and f.indicator == "jeugdzorg_pct")
    assert jz.value == pytest.approx(float(csv.loc[csv["code"] == code, "PercentageJongerenMetJeugdzorg"].iloc[0]))
    assert "Moerwijk" in answer.deterministic and "'s-Gravenhage" in answer.deterministic
    assert ("Wat valt op" if u.language == "nl" else "What stands out") in answer.deterministic


def _expected_need(w: pd.DataFrame) -> list[str]:
    parts = pd.DataFrame({"a": _share(w, "k_65JaarOfOuder", "AantalInwoners"),
                          "b": _share(w, "Eenpersoonshuishoudens", "HuishoudensTotaal"),
                          "c": w["WmoClientenRelatief"], "d": w["HuishoudensMetEenLaagInkomen"]})
    ranks = parts.rank(method="min", ascending=False)
    full = ranks.dropna()
    order = pd.DataFrame({"mean": full.mean(axis=1), "name": w.loc[full.index, "name"],
                          "code": w.loc[full.index, "code"]}).sort_values(["mean", "name"])
    return order["code"].head(5).tolist()


@pytest.mark.parametrize("audience", ["jongerenwerker", "beleid", "trainer"])
def test_need_ranking_names_the_top_wijken_with_figures(dh2019: Path, csv: pd.DataFrame, audience: str) -> None:
    answer, u = _ask(dh2019, "Waar moet de ouderenconsulent extra ingezet worden?", audience)
    assert u.kind == "need"
    rows = [f for f in answer.facts if f.kind == "list" and f.area_code != "GM0518"]
    assert [f.area_code for f in rows] == _expected_need(_wijken(csv))
    first = rows[0]
    name = csv.loc[csv["code"] == first.area_code, "name"].iloc[0]
    assert name in answer.deterministic and "plek" in first.text
    assert "startpunt" in answer.deterministic and "Niet meegenomen" in answer.deterministic


def test_threshold_question_lists_the_wijken_pandas_finds(dh2019: Path, csv: pd.DataFrame) -> None:
    answer, u = _ask(dh2019, "Welke wijken in Den Haag hebben meer dan 20% huishoudens met een laag inkomen?")
    w = _wijken(csv)
    expected = set(w.loc[w["HuishoudensMetEenLaagInkomen"].round(1) > 20, "code"])
    listed = [f for f in answer.facts if f.kind == "list"]
    assert u.kind == "filter" and len(listed) == 1
    assert set(_codes(listed[0])) == expected
    assert f"{len(expected)} van de {int(w['HuishoudensMetEenLaagInkomen'].notna().sum())} wijken" in listed[0].text


def test_above_the_city_average(dh2019: Path, csv: pd.DataFrame) -> None:
    answer, _ = _ask(dh2019, "Welke wijken hebben meer jeugdzorg dan het gemiddelde van de stad?")
    city = float(csv.loc[csv["code"] == "GM0518", "PercentageJongerenMetJeugdzorg"].iloc[0])
    w = _wijken(csv)
    expected = set(w.loc[w["PercentageJongerenMetJeugdzorg"] > city, "code"])
    listed = next(f for f in answer.facts if f.kind == "list")
    assert set(_codes(listed)) == expected and "hoger dan heel 's-Gravenhage" in listed.text


@pytest.mark.parametrize(("text", "a", "b", "column", "share_of"), [
    ("Is Vogelwijk rijker dan Moerwijk?", "Vogelwijk", "Moerwijk", "GemiddeldInkomenPerInwoner", None),
    ("Is Vogelwijk richer than Moerwijk?", "Vogelwijk", "Moerwijk", "GemiddeldInkomenPerInwoner", None),
    ("Is Loosduinen ouder dan Ypenburg?", "Loosduinen", "Ypenburg", "k_65JaarOfOuder", "AantalInwoners"),
    ("Is Moerwijk armer dan Ypenburg?", "Moerwijk", "Ypenburg", "HuishoudensMetEenLaagInkomen", None),
])
def test_comparative_words_answer_with_both_figures(dh2019: Path, csv: pd.DataFrame, text: str, a: str, b: str,
                                                    column: str, share_of: str | None) -> None:
    answer, _ = _ask(dh2019, text)
    w = _wijken(csv).set_index("code")
    values = _share(w, column, share_of) if share_of else w[column]
    ca, cb = code_of(csv, a), code_of(csv, b)
    comparison = next(f for f in answer.facts if f.kind == "comparison" and set(_codes(f)) >= {ca, cb})
    assert comparison.numbers[0].value == pytest.approx(values[ca], abs=0.06)
    assert comparison.numbers[1].value == pytest.approx(values[cb], abs=0.06)
    assert "gemeten als" in answer.deterministic or "measured as" in answer.deterministic


def test_superlative_word_lists_the_extreme(dh2019: Path, csv: pd.DataFrame) -> None:
    answer, _ = _ask(dh2019, "Welke wijk is het armst?")
    w = _wijken(csv)
    expected = w.loc[w["HuishoudensMetEenLaagInkomen"].idxmax(), "code"]
    listed = next(f for f in answer.facts if f.kind == "list")
    assert _codes(listed) == [expected] and "armst: gemeten als" in answer.deterministic


def test_unloaded_topic_offers_related_figures(dh2019: Path, csv: pd.DataFrame) -> None:
    answer, u = _ask(dh2019, "Hoeveel eenzame ouderen wonen er in Moerwijk?")
    assert u.kind == "related" and "verwant, niet hetzelfde" in answer.deterministic
    code = code_of(csv, "Moerwijk")
    shown = {f.indicator for f in answer.facts if f.area_code == code}
    assert "leeftijd_65_plus" in shown and not any("eenzaam" in (i or "") for i in shown)


def test_ranking_without_a_gemeente_answers_per_gemeente(two_cities: Path, csv: pd.DataFrame,
                                                        real_data: Path) -> None:
    answer, _ = _ask(two_cities, "Welke wijk heeft het hoogste percentage jongeren met jeugdzorg?")
    ams = kwb_wijken(real_data, AMSTERDAM2019)
    tops = {f.area_code: f for f in answer.facts if f.kind == "top"}
    assert set(tops) == {"GM0518", "GM0363"}
    for gemeente, frame in (("GM0518", csv), ("GM0363", ams)):
        w = _wijken(frame, gemeente)
        assert tops[gemeente].value == pytest.approx(w["PercentageJongerenMetJeugdzorg"].max())
    assert "per gemeente" in answer.deterministic


def test_filter_without_a_gemeente_answers_per_gemeente(two_cities: Path) -> None:
    answer, _ = _ask(two_cities, "Which districts have more than 20% low income households?")
    assert {f.area_code for f in answer.facts if f.kind == "list"} == {"GM0518", "GM0363"}
    assert "per municipality" in answer.deterministic


def test_conversation_in_dutch(two_cities: Path, csv: pd.DataFrame) -> None:
    turns = _conversation(two_cities, "Hoe gaat het met Moerwijk?", "En met Ypenburg?",
                          "Waar is jongerenwerk het hardst nodig?", "Welke wijk is het rijkst?")
    (_, u1), (a2, u2), (a3, u3), (a4, _) = turns
    assert u1.kind == u2.kind == "profile" and [a.name for a in u2.areas] == ["Ypenburg"]
    assert any(f.area_code == code_of(csv, "Ypenburg") for f in a2.facts)
    assert u3.kind == "need"
    assert {f.area_code for f in a3.facts if f.kind == "list"} <= set(_wijken(csv)["code"]) | {"GM0518"}
    assert "'s-Gravenhage" in a3.notices[0]  # the conversation's gemeente counts as named, and that is said
    assert "rijkst: gemeten als" in a4.deterministic


def test_conversation_in_english(two_cities: Path, real_data: Path) -> None:
    turns = _conversation(two_cities, "Which district has the highest share of youth care in The Hague?",
                          "And in Amsterdam?", "Where is youth work needed most?")
    (a1, u1), (a2, u2), (a3, u3) = turns
    assert u1.kind == u2.kind == "top"
    assert {f.area_code for f in a2.facts if f.kind == "top"} == {"GM0363"}
    assert u3.kind == "need" and a3.language == "en" and "starting point" in a3.deterministic.lower()


def test_each_area_its_own_latest_year_and_like_with_like(tmp_path: Path, real_data: Path,
                                                          csv: pd.DataFrame) -> None:
    from support.paths import KWB2021

    data_dir = _load(tmp_path / "three", real_data, KWB2019, AMSTERDAM2019)
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    ingest_table(IndicatorStore(Settings(data_dir=data_dir).indicator_dir), real_data / KWB2021, "cbs", year=2021,
                 names=real_data / NAMES2022, metadata=real_data / PROPS2022)
    answer, _ = _ask(data_dir, "Wonen er in Den Haag meer 65-plussers dan in Amsterdam?")
    assert any("'s-Gravenhage: 2021" in n and "Amsterdam: 2019" in n for n in answer.notices)
    values = {f.area_code: f.year for f in answer.facts if f.kind == "value"}
    assert values == {"GM0518": 2021, "GM0363": 2019}
    ams = kwb_wijken(real_data, AMSTERDAM2019)
    share = {code: float(_share(frame[frame["code"] == code], "k_65JaarOfOuder", "AantalInwoners").iloc[0])
             for code, frame in (("GM0518", csv), ("GM0363", ams))}
    comparison = next(f for f in answer.facts if f.kind == "comparison" and set(_codes(f)) >= set(share))
    assert comparison.year == 2019  # the common year, not 2021 against 2019
    assert [n.value for n in comparison.numbers[:2]] == [pytest.approx(share["GM0518"], abs=0.06),
                                                         pytest.approx(share["GM0363"], abs=0.06)]
