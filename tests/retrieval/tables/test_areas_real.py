"""Real KWB extracts of three gemeenten, imported without a name list: every area is named and findable.

Expected names come from CBS's national code list (read here with pandas), never from Duiding's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from support.paths import KWB_FIVE, NAMES_NL

from retrieval.tables.areas import AreaList, area_index, area_table, gemeente_of
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore

pytestmark = pytest.mark.real_data


def cbs_names(real_data: Path) -> dict[str, str]:
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    titles = nl["Title"].str.strip().str.replace(r"^(Wijk|Buurt)\s+\d+\s+", "", regex=True)
    return dict(zip(nl["Key"].str.strip(), titles, strict=True))


def kwb(real_data: Path, i: int) -> pd.DataFrame:
    df = pd.read_csv(real_data / KWB_FIVE[i][0], sep=";", dtype=str, encoding="utf-8-sig")
    return df.assign(code=df["Codering_3"].str.strip())


def test_codes_only_import_gets_cbs_names_and_the_files_gemeente_name(five_dir: Path, real_data: Path) -> None:
    names = cbs_names(real_data)
    areas = IndicatorStore(five_dir / "indicators").load().areas
    stored = {(r.area_code, r.year): r.area_name for r in areas.itertuples()}
    for i, (_, year) in enumerate(KWB_FIVE):
        df = kwb(real_data, i)
        own = dict(zip(df["code"], df.get("Gemeentenaam_1", pd.Series(dtype=str)).fillna("").str.strip(),
                       strict=False))
        for code in df["code"]:
            expected = own.get(code) if code.startswith("GM") and own.get(code) else names[code]
            assert stored[(code, year)] == expected, (code, year)
    assert stored[("GM0363", 2019)] == "Amsterdam"  # from Gemeentenaam_1, no --names given


def test_every_code_of_every_file_is_found_by_code_and_by_name(five_dir: Path, real_data: Path) -> None:
    refs = area_table(IndicatorStore(five_dir / "indicators").load().areas)
    index = area_index(refs)
    names = cbs_names(real_data)
    for i in range(len(KWB_FIVE)):
        for code in kwb(real_data, i)["code"]:
            assert [r.code for r in index.match(code).refs] == [code]
            m = index.match(names[code])
            found, inside = {r.code for r in m.refs}, {r.code for r in m.inside}
            # a buurt that shares its wijk's name, or whose name the wijk's name holds ('Duttendel' in
            # 'Westbroekpark en Duttendel'), is found as that wijk, with the buurt kept for "buurt Duttendel"
            parent = index.ref_by_code[code].parent_code
            assert code in found or (parent in found and (names.get(parent or "") == names[code]
                                                          or code in inside)), (code, found)
    gemeenten = {r.code for r in refs if r.level == "gemeente"}
    assert {"GM0518", "GM0344", "GM0363"} <= gemeenten


def test_a_newer_file_of_one_city_hides_no_area_of_another(tmp_path: Path, real_data: Path) -> None:
    """Den Haag 2019 + 2021 then Amsterdam 2019: Amsterdam's 2019 codes stay current (issue 33)."""
    store = IndicatorStore(tmp_path / "indicators")
    for i in (0, 1, 4):
        ingest_table(store, real_data / KWB_FIVE[i][0], "cbs", year=KWB_FIVE[i][1])
    refs = area_table(store.load().areas)
    ams = set(kwb(real_data, 4)["code"])
    assert ams <= {r.code for r in refs}
    by_code = {x.code: x for x in refs}
    assert {gemeente_of(r, by_code) for r in refs if r.code != "NL00"} == {"GM0518", "GM0363"}


def test_import_report_warns_about_nameless_and_unlisted_codes(tmp_path: Path, real_data: Path) -> None:
    text = (real_data / KWB_FIVE[3][0]).read_text(encoding="utf-8-sig")
    first_buurt = re.search(r'"(BU0344\d{4})\s*"', text).group(1)  # type: ignore[union-attr]
    changed = tmp_path / "utrecht_2021.csv"
    changed.write_text(text.replace(first_buurt, "BU03449999"), encoding="utf-8")
    report = ingest_table(IndicatorStore(tmp_path / "indicators"), changed, "cbs", year=2021)
    joined = " | ".join(report.warnings)
    assert "1 area codes are not in the shipped CBS list 85318NED (2022): BU03449999" in joined
    assert "1 areas have no name, only a code: BU03449999" in joined and "--names" in joined


def test_a_names_list_still_wins(tmp_path: Path, real_data: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text('"Key";"Title"\n"WK034401  ";"Wijk 01 West (eigen naam)"\n', encoding="utf-8")
    store = IndicatorStore(tmp_path / "indicators")
    ingest_table(store, real_data / KWB_FIVE[2][0], "cbs", year=2019, names=names)
    areas = store.load().areas.set_index("area_code")["area_name"]
    assert areas["WK034401"] == "West (eigen naam)"
    assert areas["WK034402"] == cbs_names(real_data)["WK034402"]  # the rest from the shipped list


def test_the_shipped_list_is_the_whole_cbs_code_list(real_data: Path) -> None:
    from retrieval.tables.regions import shipped_regions

    regions = shipped_regions()
    names = cbs_names(real_data)
    assert (regions.table, regions.year, len(regions.by_code)) == ("85318NED", 2022, len(names)) == (
        "85318NED", 2022, 18003)
    assert all(regions.by_code[c].name == n for c, n in names.items())


def test_a_user_alias_file_in_the_data_dir_links_a_new_name(five_dir: Path, tmp_path: Path) -> None:
    alias = tmp_path / "area_aliases.yaml"
    alias.write_text("aliases:\n  - {alias: Escamp, means: [Moerwijk, Morgenstond], gemeente: GM0518}\n",
                     encoding="utf-8")
    data = IndicatorStore(five_dir / "indicators").load()
    refs = area_table(data.areas, alias)
    assert isinstance(refs, AreaList)
    assert [r.code for r in area_index(refs).match("escamp").refs] == ["WK051836", "WK051834"]
    assert area_index(area_table(data.areas)).match("Escamp") is None  # without the file: unknown
