"""The facts engine on the real Den Haag KWB extracts. Expected values come straight from the CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import KWB2019, KWB2021

from assistant.check.numbers import check_text
from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, FactSet, build_facts
from assistant.schemas import Fact
from retrieval.tables.areas import area_table, resolve
from retrieval.tables.store import IndicatorStore, StoreData

MOERWIJK, SCHILDERSBUURT, ZUIDERPARK, OOSTDUINEN, GM = "WK051836", "WK051829", "WK051835", "WK051801", "GM0518"


@pytest.fixture(scope="module")
def data(den_haag_dir: Path) -> StoreData:
    return IndicatorStore(den_haag_dir / "indicators").load()


@pytest.fixture(scope="module")
def kwb(real_data: Path) -> pd.DataFrame:
    return _csv(real_data / KWB2019)


def _csv(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig").apply(lambda c: c.str.strip())
    return df.set_index("WijkenEnBuurten")


def _num(df: pd.DataFrame, code: str, col: str) -> float:
    return float(df.loc[code, col])


def _wijken(df: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_numeric(df.loc[df["SoortRegio_2"] == "Wijk", col].replace(".", None))


def _facts(data: StoreData, **kw: object) -> FactSet:
    return build_facts(data, FactRequest(**kw), Settings(llm="none"))  # type: ignore[arg-type]


def _one(fs: FactSet, kind: str, area: str | None = None, indicator: str | None = None) -> Fact:
    found = [f for f in fs.facts if f.kind == kind and area in (None, f.area_code)
             and indicator in (None, f.indicator)]
    assert len(found) == 1, [f.text for f in fs.facts]
    return found[0]


def _role(f: Fact, role: str) -> list[float]:
    return [n.value for n in f.numbers if n.role == role]


def _rank_expected(values: pd.Series, code: str) -> tuple[int, int, int]:
    known = values.dropna()
    return int((known > known[code]).sum()) + 1, len(known), int(values.isna().sum())


def test_moerwijk_youth_care_against_the_city_with_rank(data: StoreData, kwb: pd.DataFrame) -> None:
    col = "PercentageJongerenMetJeugdzorg_88"
    own, city = _num(kwb, MOERWIJK, col), _num(kwb, GM, col)
    fs = _facts(data, areas=[MOERWIJK], indicators=["jeugdzorg_pct"])
    value = _one(fs, "value")
    assert value.value == own == 11.5 and "11,5%" in value.text
    comp = _one(fs, "comparison")
    assert _role(comp, "value") == [own] and _role(comp, "reference") == [city] == [10.8]
    assert _role(comp, "difference") == [round(own - city, 1)] == [0.7]
    assert "+0,7 procentpunt" in comp.text and comp.direction == "up"
    assert comp.source and comp.source.table == "84583NED" and comp.source.key == col
    assert comp.source.area_code == MOERWIJK and comp.source.year == 2019
    assert [s.area_code for s in comp.extra_sources] == [GM]
    place, n, missing = _rank_expected(_wijken(kwb, col), MOERWIJK)
    rank = _one(fs, "rank")
    assert (_role(rank, "rank"), _role(rank, "of"), _role(rank, "count")) == ([place], [n], [missing])
    assert f"{place}e hoogste van {n} wijken" in rank.text and f"{missing} wijken hebben geen cijfer" in rank.text
    assert any("geen landelijk cijfer" in c for c in fs.caveats)
    assert fs.attribution == ["Bron: CBS, tabel 84583NED (CC BY 4.0)"]
    assert [f.id for f in fs.facts] == [f"F{i}" for i in range(1, len(fs.facts) + 1)]


def test_schildersbuurt_low_income_difference_and_rank(data: StoreData, kwb: pd.DataFrame) -> None:
    col = "HuishoudensMetEenLaagInkomen_78"
    own, city = _num(kwb, SCHILDERSBUURT, col), _num(kwb, GM, col)
    fs = _facts(data, areas=[SCHILDERSBUURT], indicators=["laag_inkomen_pct"])
    comp = _one(fs, "comparison")
    assert (own, city) == (26.4, 12.4) and _role(comp, "difference") == [round(own - city, 1)] == [14.0]
    assert "26,4%" in comp.text and "12,4%" in comp.text and "+14,0 procentpunt" in comp.text
    assert _role(comp, "relative") == [round((own - city) / city * 100, 1)]
    place, n, _ = _rank_expected(_wijken(kwb, col), SCHILDERSBUURT)
    assert _role(_one(fs, "rank"), "rank") == [place] and _role(_one(fs, "rank"), "of") == [n]


def test_zuiderpark_small_population_caveat(data: StoreData, kwb: pd.DataFrame) -> None:
    fs = _facts(data, areas=[ZUIDERPARK], indicators=["inwoners", "wmo_per_1000"], years=[2019])
    pop, wmo = _num(kwb, ZUIDERPARK, "AantalInwoners_5"), _num(kwb, ZUIDERPARK, "WmoClientenRelatief_90")
    assert (pop, wmo) == (155, 387)
    assert _one(fs, "value", indicator="wmo_per_1000").value == wmo
    caveat = _one(fs, "caveat", area=ZUIDERPARK)
    assert _role(caveat, "count") == [pop] and "155 inwoners" in caveat.text and caveat.text in fs.caveats
    assert fs.facts.index(caveat) < fs.facts.index(_one(fs, "value", indicator="wmo_per_1000"))


def test_oostduinen_has_no_inhabitants_so_its_rates_are_no_data(data: StoreData, kwb: pd.DataFrame) -> None:
    rates = ["wmo_per_1000", "jeugdzorg_pct", "laag_inkomen_pct"]
    fs = _facts(data, areas=[OOSTDUINEN], indicators=["inwoners", *rates], years=[2019])
    assert _num(kwb, OOSTDUINEN, "AantalInwoners_5") == 0
    assert _one(fs, "value", indicator="inwoners").value == 0  # a published zero is a value
    for rate in rates:
        facts = [f for f in fs.facts if f.indicator == rate]
        assert [f.kind for f in facts] == ["no_data"] and "geen inwoners" in facts[0].text
    assert len(fs.no_data) == len(rates)


def test_ypenburg_against_leidschenveen(data: StoreData, kwb: pd.DataFrame) -> None:
    refs = area_table(data.areas)
    yp, lv = resolve(refs, "Ypenburg").code, resolve(refs, "Leidschenveen").code
    col = "HuishoudensMetEenLaagInkomen_78"
    fs = _facts(data, areas=[yp, lv], indicators=["laag_inkomen_pct"], compare_areas=False, trend=False)
    comp = _one(fs, "comparison")
    expected = round(_num(kwb, yp, col) - _num(kwb, lv, col), 1)
    assert comp.area_code == yp and [s.area_code for s in comp.extra_sources] == [lv]
    assert _role(comp, "difference") == [expected] and "procentpunt" in comp.text
    assert comp.direction == ("up" if expected > 0 else "down")


def test_wijk_with_the_highest_youth_care(data: StoreData, kwb: pd.DataFrame) -> None:
    values = _wijken(kwb, "PercentageJongerenMetJeugdzorg_88")
    best = values.idxmax()
    name = next(r.name for r in area_table(data.areas) if r.code == best)
    fs = _facts(data, areas=[GM], indicators=["jeugdzorg_pct"], top=("wijk", 1, True), trend=False)
    top = _one(fs, "top")
    assert top.source and top.source.area_code == best and name in top.text
    assert _role(top, "value") == [values.max()] and _role(top, "of") == [values.notna().sum()]


def test_ypenburg_inhabitants_trend_from_the_2021_subset(data: StoreData, real_data: Path, kwb: pd.DataFrame) -> None:
    yp = resolve(area_table(data.areas), "Ypenburg").code
    first, last = _num(kwb, yp, "AantalInwoners_5"), _num(_csv(real_data / KWB2021), yp, "AantalInwoners_5")
    fs = _facts(data, areas=[yp], indicators=["inwoners"])
    trend = _one(fs, "trend")
    assert (first, last) == (27220, 27050)
    assert _role(trend, "first") == [first] and _role(trend, "last") == [last]
    assert _role(trend, "change") == [last - first] and _role(trend, "per_year") == [(last - first) / 2]
    assert trend.direction == "down" and "gedaald" in trend.text
    chart = next(c for c in fs.charts if c.kind == "trend")
    assert [(r["year"], r["value"]) for r in chart.rows] == [(2019, first), (2021, last)]


def test_share_of_65_plus_from_counts(data: StoreData, kwb: pd.DataFrame) -> None:
    old, pop = _num(kwb, MOERWIJK, "k_65JaarOfOuder_12"), _num(kwb, MOERWIJK, "AantalInwoners_5")
    fs = _facts(data, areas=[MOERWIJK], indicators=[], share=("leeftijd_65_plus", "inwoners"), years=[2019])
    share = _one(fs, "share")
    assert _role(share, "value") == [round(old / pop * 100, 1)] and share.value == pytest.approx(old / pop * 100)
    assert _role(share, "count") == [old] and _role(share, "of") == [pop]
    assert "gedeeld door aantal inwoners" in share.text
    assert share.source and share.source.indicator == "leeftijd_65_plus"
    assert [s.indicator for s in share.extra_sources] == ["inwoners"]


def test_nothing_is_derived_from_a_suppressed_value(data: StoreData, kwb: pd.DataFrame) -> None:
    fs = _facts(data, areas=[ZUIDERPARK, MOERWIJK], indicators=["jeugdzorg_pct"])
    assert kwb.loc[ZUIDERPARK, "PercentageJongerenMetJeugdzorg_88"] == "."
    own = [f for f in fs.facts if f.area_code == ZUIDERPARK and f.indicator == "jeugdzorg_pct"]
    assert [f.kind for f in own] == ["no_data"] and "geheim" in own[0].text
    assert not any(f.kind == "comparison" and ZUIDERPARK in {s.area_code for s in f.extra_sources} for f in fs.facts)
    siblings = next(c for c in fs.charts if c.kind == "siblings")
    suppressed = _wijken(kwb, "PercentageJongerenMetJeugdzorg_88").isna()
    assert {r["code"] for r in siblings.rows if r["value"] is None} == set(suppressed[suppressed].index)
    assert sum(bool(r["is_target"]) for r in siblings.rows) == 1


def test_tied_values_share_a_place(data: StoreData, kwb: pd.DataFrame) -> None:
    values = _wijken(kwb, "PercentageJongerenMetJeugdzorg_88")
    tied = values[values.duplicated(keep=False) & values.notna()].sort_values(ascending=False).index[0]
    fs = _facts(data, areas=[tied], indicators=["jeugdzorg_pct"], compare_areas=False, trend=False)
    rank = _one(fs, "rank")
    assert _role(rank, "rank") == [_rank_expected(values, tied)[0]] and "gedeeld" in rank.text


def test_unknown_area_and_indicator_are_no_data(data: StoreData) -> None:
    fs = _facts(data, areas=["WK999999", MOERWIJK], indicators=["bestaat_niet"])
    assert [f.kind for f in fs.facts] == ["no_data", "no_data"] and len(fs.no_data) == 2


def test_every_fact_sentence_passes_the_checker(data: StoreData) -> None:
    """The sentences state only numbers listed in `numbers`, at their display rounding."""
    ids = [d.id for d in data.catalogue if d.id in set(data.values["indicator"])]
    for req in (FactRequest([MOERWIJK, "BU05183620", ZUIDERPARK], ids, top=("wijk", 3, False)),
                FactRequest([OOSTDUINEN, GM], ids, share=("leeftijd_0_15", "inwoners"))):
        for fact in build_facts(data, req, Settings(llm="none")).facts:
            for lang, text in (("nl", fact.text), ("en", fact.text_en)):
                check = check_text(text, [fact], lang=lang)
                assert check.ok, (fact.kind, text, check)
