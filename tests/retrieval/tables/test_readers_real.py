"""The two real non-CBS files: GGDH wijkprofielen 2009-2022 and loneliness per wijk 2016."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import KWB2019, NAMES2022

from assistant.core.settings import Settings
from retrieval.models import ImportReport
from retrieval.tables.ingest import ingest_table, read_table
from retrieval.tables.readers.ggdh import clean_name, wijk_code
from retrieval.tables.store import IndicatorStore, StoreData

GGDH = "elan-dcc_wijkprofielen/df_count_ver_3.csv"
LONELY = "elan-dcc_wijkprofielen/WijkEenzaamheid2016.csv"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, real_data: Path) -> tuple[StoreData, dict[str, ImportReport]]:
    """KWB 2019 first (names), then both files with their format guessed from the header."""
    store = IndicatorStore(Settings(data_dir=tmp_path_factory.mktemp("real")).indicator_dir)
    ingest_table(store, real_data / KWB2019, "cbs", names=real_data / NAMES2022)
    reports = {"ggdh": ingest_table(store, real_data / GGDH),
               "eenzaamheid": ingest_table(store, real_data / LONELY, gemeente="GM0518")}
    return store.load(), reports


def _series(data: StoreData, indicator: str, code: str) -> pd.Series:
    v = data.values
    rows = v[(v.indicator == indicator) & (v.area_code == code)].sort_values("year")
    return pd.Series(rows.value.to_numpy(), index=rows.year.to_numpy())


def test_youth_care_trend_2015_2022_without_false_zeros(imported: tuple, real_data: Path) -> None:
    data, reports = imported
    assert reports["ggdh"].format == "ggdh"
    v = data.values
    jz = v[(v.indicator == "ggdh_jeugdhulp_pct") & v.area_code.str.startswith("WK0518")]
    assert jz.area_code.nunique() == 44
    assert set(jz.year) == set(range(2015, 2023))  # nothing before 2015: those 0.0s meant "no data"
    assert (jz.groupby("area_code").year.nunique() == 8).all()
    for ind, start in [("ggdh_wmo_pct", 2015), ("ggdh_bijstand_pct", 2011), ("ggdh_laag_inkomen_pct", 2011)]:
        assert v[v.indicator == ind].year.min() == start, ind
    raw = pd.read_csv(real_data / GGDH)
    moerwijk = raw[raw.WKC == "WK051836"].set_index("YEAR")["%_JGDHULP_user"]
    trend = _series(data, "ggdh_jeugdhulp_pct", "WK051836")
    assert list(trend.index) == list(range(2015, 2023))
    assert trend.to_dict() == pytest.approx((moerwijk.loc[2015:] * 100).to_dict())
    assert 2.5 < trend[2015] < 3.5  # a share of ALL inhabitants, stored as a percentage


def test_ggdh_keeps_its_own_source_ids_and_definitions(imported: tuple) -> None:
    data, _ = imported
    v = data.values
    assert set(v[v.indicator.str.startswith("ggdh_")].source) == {"GGDH wijkprofielen"}
    assert set(v[v.indicator == "jeugdzorg_pct"].source) == {"CBS KWB"}
    assert _series(data, "jeugdzorg_pct", "GM0518").to_dict() == {2019: 10.8}
    d = data.catalogue.get("ggdh_jeugdhulp_pct")
    assert d is not None and d.unit == "percent" and "CBS KWB" in d.definition_nl
    assert d.source_table == "df_count_ver_3.csv" and d.source_key == "%_JGDHULP_user"
    assert "GGDH" in data.sources["GGDH wijkprofielen"]["attribution"]


def test_ggdh_report_names_no_data_cells_codes_and_merged_wijken(imported: tuple) -> None:
    report = imported[1]["ggdh"]
    assert any(s.startswith("%_JGDHULP_user (ggdh_jeugdhulp_pct) 2009–2014: 0.0 in every wijk means no data")
               for s in report.skipped)
    assert any("'WK1916--'" in s and "line 800" in s for s in report.skipped)
    assert any("WK051801 and WK051802" in w and "merged" in w for w in report.warnings)
    assert report.years == list(range(2009, 2023))


def test_ggdh_names_are_cleaned_and_store_names_win(imported: tuple) -> None:
    data, _ = imported
    v = data.values
    names = v[v.source == "GGDH wijkprofielen"].drop_duplicates("area_code").set_index("area_code").area_name
    assert names["WK051828"] == "Centrum" and names["WK051836"] == "Moerwijk"
    assert names["WK060301"] == "Wijk 01"  # Rijswijk: no name in the store, none in the file
    assert clean_name(" Wijk Wijk 28 Centrum") == "Centrum"
    assert clean_name("Wijk De Zijde / Duivenvoorde") == "De Zijde / Duivenvoorde"
    assert [wijk_code(c) for c in ("WK051828", "51828", "WK51828", "wk 051828", "WK1916--")] == [
        "WK051828", "WK051828", "WK051828", "WK051828", None]


def test_loneliness_imports_den_haag_wijken_under_its_own_source(imported: tuple) -> None:
    data, reports = imported
    report = reports["eenzaamheid"]
    assert report.format == "eenzaamheid" and report.areas == 44 and report.years == [2016]
    v = data.values
    lonely = v[v.indicator == "eenzaam_pct"]
    assert set(lonely.source) == {"GGD Gezondheidsmonitor 2016 (eenzaamheid)"}
    assert lonely.area_code.str.startswith("WK0518").all() and lonely.area_code.nunique() == 44
    assert _series(data, "eenzaam_pct", "WK051829").to_dict() == {2016: 65.0}  # Schildersbuurt
    oostduinen = lonely[lonely.area_code == "WK051801"].iloc[0]
    assert oostduinen.suppressed and pd.isna(oostduinen.value)  # no inhabitants, no estimate
    assert _series(data, "gzm_inwoners", "WK051801").to_dict() == {2016: 0.0}  # a published zero
    assert any("% 75 jaar en ouder" in w for w in report.warnings)
    assert "gzm_75_plus_pct" not in set(v.indicator)
    # Its household share never lands on the CBS KWB indicator of the same concept.
    assert set(v[v.indicator == "eenpersoonshuishoudens"].source) == {"CBS KWB"}


def test_loneliness_whole_country(real_data: Path) -> None:
    batch = read_table(real_data / LONELY, "eenzaamheid")
    # Wieringen (WK191104) is in the file three times with the same figures: imported once, with a warning.
    assert batch.values.area_code.nunique() == 2981
    assert "28 values repeat an earlier one exactly (line 2826, 2827)" in " ".join(batch.report.warnings)
    assert batch.values.area_code.str[2:6].nunique() > 300  # every gemeente


def test_reimport_of_ggdh_changes_nothing(tmp_path: Path, real_data: Path) -> None:
    store = IndicatorStore(tmp_path / "ind")
    ingest_table(store, real_data / GGDH, gemeente="GM0518")
    again = ingest_table(store, real_data / GGDH, gemeente="GM0518")
    assert again.changed is False
    assert store.load().values.area_code.str.startswith("WK0518").all()
