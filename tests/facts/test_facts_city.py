"""The facts engine on a small made-up city with what Den Haag lacks: stadsdelen, Nederland, provisional
years, a boundary change and a second source."""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, FactSet, build_facts
from assistant.facts.index import index_for
from assistant.schemas import Fact
from retrieval.tables.catalogue import base_catalogue
from retrieval.tables.store import AREA_COLUMNS, VALUE_COLUMNS, StoreData

CBS, GGD, DEMO = "CBS KWB", "GGDH wijkprofielen", "Demo"
WIJKEN = [f"WK9901{i:02d}" for i in range(1, 11)]
TARGET, MOVED, MIXED = WIJKEN[0], WIJKEN[3], WIJKEN[5]


def _areas() -> list[tuple[str, str, str, str | None]]:
    out = [("NL00", "Nederland", "land", None), ("GM9901", "Duinhaven", "gemeente", "NL00"),
           ("SD990101", "Centrum", "stadsdeel", "GM9901"), ("SD990102", "Noord", "stadsdeel", "GM9901")]
    return out + [(c, f"Wijk {i}", "wijk", "SD990101" if i <= 5 else "SD990102") for i, c in enumerate(WIJKEN, 1)]


def _jeugdzorg(code: str, year: int) -> float | None:
    if code == WIJKEN[-1]:
        return None  # suppressed in every year
    base = {"NL00": 9.0, "GM9901": 10.0, "SD990101": 11.0, "SD990102": 9.5}.get(code)
    return base if base is not None else 6.0 + WIJKEN.index(code) + (year - 2019) * 0.5


def _city() -> StoreData:
    values, areas = [], []
    for code, name, level, parent in _areas():
        for year in (2019, 2020, 2021):
            areas.append([code, year, CBS, name, level, parent, 1 if (code, year) == (MOVED, 2020) else 0])
            status = "voorlopig" if year == 2021 else "definitief"
            cbs_ok = code != MIXED or year > 2019  # MIXED has only the GGD figure in 2019
            jz, pop = _jeugdzorg(code, year), 40.0 if code == WIJKEN[1] else 5000.0
            rows = [("jeugdzorg_pct", CBS, jz), ("inwoners", CBS, pop), ("leeftijd_65_plus", CBS, pop / 5)]
            rows += [("jeugdzorg_pct", GGD, (jz or 0) + 2)] if code in (MIXED, TARGET) else []
            for ind, src, val in rows:
                if src == CBS and ind == "jeugdzorg_pct" and not cbs_ok:
                    continue
                values.append([code, ind, year, src, name, level, parent, val, val is None, status,
                               "84583NED" if src == CBS else src, f"{ind}_key"])
    sources = {CBS: {"attribution": "Bron: CBS", "license": "CC BY 4.0"},
               GGD: {"attribution": "Bron: GGDH wijkprofielen"}}
    vdf = pd.DataFrame(values, columns=VALUE_COLUMNS).astype({"value": "float64"})
    adf = pd.DataFrame(areas, columns=AREA_COLUMNS).astype({"boundary_change": "Int64"})
    return StoreData(vdf, adf, base_catalogue(), sources, "city")


@pytest.fixture(scope="module")
def city() -> StoreData:
    return _city()


def _facts(data: StoreData, **kw: object) -> FactSet:
    return build_facts(data, FactRequest(**kw), Settings(llm="none"))  # type: ignore[arg-type]


def _kinds(fs: FactSet, kind: str) -> list[Fact]:
    return [f for f in fs.facts if f.kind == kind]


def test_compared_with_stadsdeel_gemeente_and_nederland(city: StoreData) -> None:
    fs = _facts(city, areas=[TARGET], indicators=["jeugdzorg_pct"], years=[2020], trend=False)
    comps = _kinds(fs, "comparison")
    assert [c.extra_sources[0].area_code for c in comps] == ["SD990101", "GM9901", "NL00"]
    assert [c.numbers[2].value for c in comps] == [-4.5, -3.5, -2.5]  # 6.5 against 11, 10 and 9
    assert all(c.direction == "down" and "procentpunt" in c.text for c in comps)
    assert not any("landelijk" in c for c in fs.caveats)
    chart = next(c for c in fs.charts if c.kind == "reference")
    assert [r["code"] for r in chart.rows] == [TARGET, "SD990101", "GM9901", "NL00"]


def test_peers_are_the_wijken_of_the_gemeente_across_stadsdelen(city: StoreData) -> None:
    fs = _facts(city, areas=[TARGET], indicators=["jeugdzorg_pct"], years=[2020], compare_areas=False)
    rank = _kinds(fs, "rank")[0]
    assert "de laagste van 9 wijken in Duinhaven" in rank.text and "1 wijk heeft geen cijfer" in rank.text
    spread = _kinds(fs, "spread")[0]
    assert "laagste kwart" in spread.text


def test_trend_flags_boundary_change_provisional_year_and_source(city: StoreData) -> None:
    fs = _facts(city, areas=[MOVED, MIXED], indicators=["jeugdzorg_pct"], compare_areas=False)
    moved, mixed = (next(f for f in _kinds(fs, "trend") if f.area_code == c) for c in (MOVED, MIXED))
    assert moved.direction == "up" and [n.value for n in moved.numbers if n.role == "change"] == [1.0]
    caveats = [f.text for f in _kinds(fs, "caveat") if f.area_code == MOVED]
    assert any("indelingswijziging in 2020" in t for t in caveats)
    assert any("2021 is voorlopig" in t for t in caveats)
    assert any("verschillende bronnen" in f.text for f in _kinds(fs, "caveat") if f.area_code == MIXED)
    chart = next(c for c in fs.charts if c.kind == "trend")
    assert [r["provisional"] for r in chart.rows] == [False, False, True]


def test_a_second_source_for_the_same_year_is_named(city: StoreData) -> None:
    fs = _facts(city, areas=[TARGET], indicators=["jeugdzorg_pct"], years=[2020], compare_areas=False)
    assert _kinds(fs, "value")[0].source.table == "84583NED"  # type: ignore[union-attr]
    assert any(GGD in c and "andere manier" in c for c in fs.caveats)


def test_small_denominator_caveat_on_a_share(city: StoreData) -> None:
    fs = _facts(city, areas=[WIJKEN[1]], indicators=[], share=("leeftijd_65_plus", "inwoners"), years=[2019])
    share = _kinds(fs, "share")[0]
    assert [n.value for n in share.numbers if n.role in ("value", "count", "of")] == [20.0, 8.0, 40.0]
    assert any("maar 40 inwoners" in c for c in fs.caveats)


def test_non_cbs_sources_keep_their_own_attribution_and_are_not_compared_with_cbs(city: StoreData) -> None:
    fs = _facts(city, areas=[MIXED], indicators=["jeugdzorg_pct"], years=[2019], compare_areas=True, trend=False)
    value = _kinds(fs, "value")[0]
    assert value.source.source_name == "Bron: GGDH wijkprofielen"  # type: ignore[union-attr]
    assert value.source.family == value.source.dataset == GGD  # type: ignore[union-attr]
    assert fs.attribution == ["Bron: GGDH wijkprofielen"]
    # Datasets never mix: the CBS parents are no reference for a GGDH figure, and that is said.
    assert not _kinds(fs, "comparison")
    assert any("geen landelijk cijfer" in c for c in fs.caveats)


def test_top_and_bottom_lists(city: StoreData) -> None:
    fs = _facts(city, areas=["GM9901"], indicators=["jeugdzorg_pct"], years=[2020], top=("wijk", 2, False))
    top = _kinds(fs, "top")[0]
    assert "Wijk 1 (6,5%) en Wijk 2 (7,5%, maar 40 inwoners)" in top.text and "1 niet" in top.text  # small: said


def test_index_is_built_once_per_snapshot_object(city: StoreData) -> None:
    assert index_for(city) is index_for(city)
    assert index_for(_city()) is not index_for(city)
