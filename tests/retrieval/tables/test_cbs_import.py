"""The CBS KWB reader on the real Den Haag extract, and the indicator store's guarantees."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from support.paths import KWB2019, NAMES2022
from support.store import tree_digest

from assistant.core.errors import BadInputError
from retrieval.tables.catalogue import qualified_stems
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore


def _value(data_dir: Path, code: str, ind: str, year: int = 2019) -> float:
    vals = IndicatorStore(data_dir / "indicators").load().values
    row = vals[(vals.area_code == code) & (vals.indicator == ind) & (vals.year == year)]
    assert len(row) == 1, (code, ind, year)
    return float(row.iloc[0]["value"])


def test_den_haag_2019_headline_figures(den_haag_dir: Path) -> None:
    assert _value(den_haag_dir, "GM0518", "inwoners") == 537833
    assert _value(den_haag_dir, "GM0518", "jeugdzorg_pct") == 10.8
    assert _value(den_haag_dir, "GM0518", "wmo_per_1000") == 71
    assert _value(den_haag_dir, "GM0518", "laag_inkomen_pct") == 12.4
    assert _value(den_haag_dir, "GM0518", "bijstand") == 25280


def test_areas_and_names_from_code_list(den_haag_dir: Path) -> None:
    data = IndicatorStore(den_haag_dir / "indicators").load()
    a2019 = data.areas[data.areas.year == 2019]
    assert a2019.area_code.nunique() == 159
    moerwijk = a2019[a2019.area_code == "WK051836"].iloc[0]
    assert moerwijk.area_name == "Moerwijk" and moerwijk.level == "wijk" and moerwijk.parent_code == "GM0518"


def test_suppressed_cells_are_kept_as_suppressed(den_haag_dir: Path, real_data: Path) -> None:
    with open(real_data / KWB2019, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    dots = sum(1 for r in rows for k, v in r.items() if v.strip() == "." and k.endswith("_88"))
    vals = IndicatorStore(den_haag_dir / "indicators").load().values
    jz = vals[(vals.indicator == "jeugdzorg_pct") & (vals.year == 2019)]
    assert dots > 0 and int(jz.suppressed.sum()) == dots
    assert jz[jz.suppressed].value.isna().all()


def test_electricity_and_gas_per_dwelling_type_are_distinct(den_haag_dir: Path, real_data: Path) -> None:
    df = pd.read_csv(real_data / KWB2019, sep=";", dtype=str, encoding="utf-8-sig")
    gm = df[df["WijkenEnBuurten"].str.strip() == "GM0518"].iloc[0]
    assert _value(den_haag_dir, "GM0518", "elektriciteit_appartement") == float(gm["Appartement_48"])
    assert _value(den_haag_dir, "GM0518", "aardgas_appartement") == float(gm["Appartement_56"])
    assert _value(den_haag_dir, "GM0518", "elektriciteit_huurwoning") == float(gm["Huurwoning_53"])
    assert _value(den_haag_dir, "GM0518", "aardgas_huurwoning") == float(gm["Huurwoning_61"])


def test_suffix_never_decides_the_indicator(den_haag_dir: Path, real_data: Path) -> None:
    # 2019's PersonenautoSTotaal_99 is _100 in 2022, where _99 is business services R-U.
    df = pd.read_csv(real_data / KWB2019, sep=";", dtype=str, encoding="utf-8-sig")
    gm = df[df["WijkenEnBuurten"].str.strip() == "GM0518"].iloc[0]
    assert _value(den_haag_dir, "GM0518", "personenautos") == float(gm["PersonenautoSTotaal_99"])
    assert _value(den_haag_dir, "GM0518", "bedrijven_cultuur") == float(gm["RUCultuurRecreatieOverigeDiensten_98"])
    data = IndicatorStore(den_haag_dir / "indicators").load()
    cars = data.catalogue.get("personenautos")
    assert cars.source_key == "PersonenautoSTotaal_99" and "personenauto" in cars.definition_nl.lower()


def test_definitions_come_from_dataproperties(den_haag_dir: Path) -> None:
    cat = IndicatorStore(den_haag_dir / "indicators").load().catalogue
    assert "jeugdhulp" in cat.get("jeugdzorg_pct").definition_nl.lower()
    assert cat.get("aardgas_appartement").source_key == "Appartement_56"


def test_2021_subset_sits_beside_2019(den_haag_dir: Path) -> None:
    vals = IndicatorStore(den_haag_dir / "indicators").load().values
    yp = vals[(vals.area_name == "Ypenburg") & (vals.indicator == "inwoners")]
    assert sorted(yp.year) == [2019, 2021]
    assert list(yp.sort_values("year").value) == [27220, 27050]


def test_ambiguous_stem_without_group_is_imported_under_raw_key(tmp_path: Path) -> None:
    f = tmp_path / "kwb_84583NED.csv"
    f.write_text('"ID";"WijkenEnBuurten";"AantalInwoners_5";"Appartement_56"\n'
                 '"1";"GM0518    ";"  100";"   950"\n', encoding="utf-8")
    report = ingest_table(IndicatorStore(tmp_path / "ind"), f, "cbs")
    assert any("Appartement_56" in w and "ambiguous" in w for w in report.warnings)
    vals = IndicatorStore(tmp_path / "ind").load().values
    assert set(vals.indicator) == {"inwoners", "Appartement_56"}


def test_qualified_stems_follow_group_anchor() -> None:
    keys = ["GemiddeldElektriciteitsverbruikTotaal_47", "Appartement_48", "Huurwoning_53",
            "GemiddeldAardgasverbruikTotaal_55", "Appartement_56", "Huurwoning_61"]
    q = qualified_stems(keys)
    assert q["Appartement_48"] == "GemiddeldElektriciteitsverbruikTotaal.Appartement"
    assert q["Huurwoning_61"] == "GemiddeldAardgasverbruikTotaal.Huurwoning"


def test_reimport_is_idempotent_and_failed_import_changes_nothing(tmp_path: Path, real_data: Path) -> None:
    store = IndicatorStore(tmp_path / "ind")
    ingest_table(store, real_data / KWB2019, "cbs", names=real_data / NAMES2022)
    before = tree_digest(tmp_path)
    again = ingest_table(store, real_data / KWB2019, "cbs", names=real_data / NAMES2022)
    assert again.changed is False and tree_digest(tmp_path) == before
    broken = tmp_path / "broken_84583NED.csv"
    lines = (real_data / KWB2019).read_text(encoding="utf-8-sig").splitlines()
    broken.write_text("\n".join(lines[:5] + [lines[5].replace('"  ', '"abc', 1)]), encoding="utf-8")
    with pytest.raises(BadInputError, match="line 6"):
        ingest_table(store, broken, "cbs")
    assert tree_digest(tmp_path / "ind") == {k[4:]: v for k, v in before.items() if k.startswith("ind/")}


def test_year_is_required_when_file_name_does_not_say(tmp_path: Path) -> None:
    f = tmp_path / "kwb.csv"
    f.write_text('"ID";"WijkenEnBuurten";"AantalInwoners_5"\n"1";"GM0518";"5"\n', encoding="utf-8")
    with pytest.raises(BadInputError, match="--year"):
        ingest_table(IndicatorStore(tmp_path / "ind"), f, "cbs")
