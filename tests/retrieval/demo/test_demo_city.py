"""The demo city Duinhaven: deterministic, coherent, loadable, and its ground truth matches the store."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from assistant.cli.main import cli
from retrieval.demo.city import DEMO_DIR, SEED, SOURCE, TRUTH_PATH, generate, load_demo, render, write_demo
from retrieval.demo.counts import COUNT_KEYS, SENSITIVE
from retrieval.tables.catalogue import base_catalogue
from retrieval.tables.store import IndicatorStore

WEVERSKWARTIER, LINDENHOVE, NIEUW_WEDERIK = "WK990110", "WK990111", "WK990117"
YEARS = [2019, 2020, 2021, 2022, 2023]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    store = IndicatorStore(tmp_path_factory.mktemp("demo") / "indicators")
    load_demo(store)
    return store.load().values


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads(TRUTH_PATH.read_text(encoding="utf-8"))


def wijk_table(values: pd.DataFrame, indicator: str, year: int) -> pd.Series:
    rows = values[(values["level"] == "wijk") & (values["indicator"] == indicator) & (values["year"] == year)]
    return rows.set_index("area_code")["value"]


def test_generator_is_deterministic_and_committed_files_are_fresh(tmp_path: Path) -> None:
    assert render(generate(SEED)) == render(generate(SEED))
    assert render(generate(SEED + 1))["values.csv"] != render(generate(SEED))["values.csv"]
    written = write_demo(tmp_path / "demo", tmp_path / "truth.json")
    committed = [DEMO_DIR / "areas.csv", DEMO_DIR / "values.csv", TRUTH_PATH]
    for fresh, kept in zip(written, committed, strict=True):
        assert fresh.read_bytes() == kept.read_bytes(), f"{kept.name} is stale: python -m retrieval.demo.city --write"


def test_files_say_they_are_fictional() -> None:
    for name in ("areas.csv", "values.csv"):
        first = (DEMO_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# FICTIEF / FICTIONAL")
    assert "FICTIONAL" in json.loads(TRUTH_PATH.read_text(encoding="utf-8"))["_comment"]


def test_counts_of_areas_indicators_and_years(loaded: pd.DataFrame) -> None:
    for year in YEARS:
        per_level = loaded[loaded["year"] == year].groupby("level")["area_code"].nunique()
        assert per_level["land"] == 1 and per_level["gemeente"] == 1
        assert per_level["stadsdeel"] == 4 and per_level["wijk"] == 20
        assert 55 <= per_level["buurt"] <= 65
    assert loaded["indicator"].nunique() >= 32
    assert sorted(loaded["year"].unique()) == YEARS
    provisional = sorted(loaded.loc[loaded["status"] == "voorlopig", "year"].unique())
    assert provisional == [2023]
    assert set(loaded["source"]) == {SOURCE}


def test_every_indicator_is_in_the_catalogue_with_its_decimals(loaded: pd.DataFrame) -> None:
    catalogue = base_catalogue()
    for ind, grp in loaded.dropna(subset=["value"]).groupby("indicator"):
        d = catalogue.get(str(ind))
        assert d is not None, ind
        assert (grp["value"].round(d.decimals) == grp["value"]).all(), ind
    assert "steekproef" in catalogue.get("eenzaamheid_pct").definition_nl  # type: ignore[union-attr]


def test_single_parents_and_poverty_concentrate_in_weverskwartier(loaded: pd.DataFrame) -> None:
    for year in YEARS:
        assert wijk_table(loaded, "eenoudergezinnen_pct", year).idxmax() == WEVERSKWARTIER
        top3 = wijk_table(loaded, "laag_inkomen_pct", year).nlargest(3).index
        assert WEVERSKWARTIER in top3
        assert wijk_table(loaded, "jeugdzorg_pct", year).idxmax() == WEVERSKWARTIER


def test_lindenhove_has_most_elderly_care_and_loneliness(loaded: pd.DataFrame) -> None:
    for year in YEARS:
        assert wijk_table(loaded, "wmo_per_1000", year).idxmax() == LINDENHOVE
        assert wijk_table(loaded, "eenzaamheid_pct", year).idxmax() == LINDENHOVE
        share_65 = wijk_table(loaded, "leeftijd_65_plus", year) / wijk_table(loaded, "inwoners", year)
        assert share_65.idxmax() == LINDENHOVE
        per_65 = wijk_table(loaded, "wmo_clienten", year) / wijk_table(loaded, "leeftijd_65_plus", year)
        assert per_65.idxmax() == LINDENHOVE


def test_nieuw_wederik_is_wealthy_and_grows_fastest_without_boundary_change(loaded: pd.DataFrame) -> None:
    assert wijk_table(loaded, "laag_inkomen_pct", 2023).idxmin() == NIEUW_WEDERIK
    assert NIEUW_WEDERIK in wijk_table(loaded, "woz_waarde", 2023).nlargest(2).index
    pop = wijk_table(loaded, "inwoners", 2023) / wijk_table(loaded, "inwoners", 2019)
    assert pop.drop(["WK990102", "WK990104"]).idxmax() == NIEUW_WEDERIK
    assert pop[NIEUW_WEDERIK] > 1.25


def test_city_counts_are_sums_and_percentages_are_weighted(loaded: pd.DataFrame) -> None:
    for year in YEARS:
        for ind in COUNT_KEYS:
            city = loaded[(loaded["area_code"] == "GM9901") & (loaded["indicator"] == ind) & (loaded["year"] == year)]
            assert float(city["value"].iloc[0]) == wijk_table(loaded, ind, year).sum(), (ind, year)
    # A weighted share lies between the wijken's extremes, and is not their plain average in general.
    low_income = wijk_table(loaded, "laag_inkomen_pct", 2023)
    city = loaded.query("area_code == 'GM9901' and indicator == 'laag_inkomen_pct' and year == 2023")["value"]
    assert low_income.min() < float(city.iloc[0]) < low_income.max()


def test_boundary_change_in_2021_moves_a_buurt_and_the_numbers_jump() -> None:
    areas = pd.read_csv(DEMO_DIR / "areas.csv", comment="#", dtype={"parent_code": str})
    changed = areas[areas["boundary_change"] == 1]
    assert set(zip(changed["area_code"], changed["year"], strict=True)) == {("WK990102", 2021), ("WK990104", 2021)}
    moved = areas[areas["area_name"] == "Pakhuiskwartier"].set_index("year")
    assert moved.loc[2020, "parent_code"] == "WK990104" and moved.loc[2021, "parent_code"] == "WK990102"
    assert moved.loc[2020, "area_code"] != moved.loc[2021, "area_code"]
    values = pd.read_csv(DEMO_DIR / "values.csv", comment="#")
    pop = values[values["indicator"] == "inwoners"].pivot(index="area_code", columns="year", values="value")
    assert pop.loc["WK990102", 2021] > 1.15 * pop.loc["WK990102", 2020]
    assert pop.loc["WK990104", 2021] < 0.9 * pop.loc["WK990104", 2020]


def test_small_buurten_are_suppressed_with_nan_never_zero(loaded: pd.DataFrame) -> None:
    suppressed = loaded[loaded["suppressed"]]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    assert not loaded.loc[~loaded["suppressed"], "value"].isna().any()
    assert set(suppressed["indicator"]) <= SENSITIVE
    assert set(suppressed["level"]) == {"buurt"}
    pop = loaded[(loaded["indicator"] == "inwoners")].set_index(["area_code", "year"])["value"]
    tiny = {key for key, v in pop.items() if key[0].startswith("BU") and v < 100}
    assert set(zip(suppressed["area_code"], suppressed["year"], strict=True)) == tiny
    strandvlakte_buurten = {code for code, _ in tiny if code.startswith("BU990108")}
    assert len(strandvlakte_buurten) == 4 and len({c for c, _ in tiny}) >= 6
    strandvlakte = wijk_table(loaded, "inwoners", 2023)["WK990108"]
    assert 300 <= strandvlakte <= 600
    assert not math.isnan(wijk_table(loaded, "jeugdzorg_pct", 2023)["WK990108"])


def test_naming_traps_exist(loaded: pd.DataFrame) -> None:
    buurten = loaded[(loaded["level"] == "buurt") & (loaded["year"] == 2023)].drop_duplicates("area_code")
    molen = buurten[buurten["area_name"] == "Molenwijk"]
    assert list(molen["parent_code"]) == ["WK990112"]
    kerk = buurten[buurten["area_name"] == "Kerkbuurt"]
    assert sorted(kerk["parent_code"]) == ["WK990101", "WK990113"]


def test_ground_truth_equals_the_store(loaded: pd.DataFrame, truth: dict) -> None:
    for r in loaded.itertuples():
        gold = truth["values"][r.area_code][r.indicator][str(r.year)]
        if r.suppressed:
            assert gold is None
        else:
            assert gold == r.value, (r.area_code, r.indicator, r.year)
    assert len(truth["suppressed"]) == int(loaded["suppressed"].sum())


def test_ground_truth_patterns(truth: dict) -> None:
    patterns = truth["patterns"]
    assert {"pattern": "highest", "indicator": "wmo_per_1000", "level": "wijk", "year": 2023,
            "area": LINDENHOVE}.items() <= next(
        p for p in patterns if p["pattern"] == "highest" and p["indicator"] == "wmo_per_1000" and p["year"] == 2023
    ).items()
    boundary = {p["area"] for p in patterns if p["pattern"] == "boundary_change"}
    assert boundary == {"WK990102", "WK990104"}
    trends = [p for p in patterns if p["pattern"] == "trend"]
    assert len(trends) >= 20 * 30
    grow = next(p for p in trends if p["area"] == NIEUW_WEDERIK and p["indicator"] == "inwoners")
    assert grow["direction"] == "up" and grow["comparable"]
    assert {p["kind"] for p in patterns if p["pattern"] == "naming_trap"} == {
        "wijk_and_buurt_same_name", "buurt_in_two_wijken", "buurt_recoded"}
    small = [p for p in patterns if p["pattern"] == "small_population" and p["year"] == 2023]
    assert [p["area"] for p in small] == ["WK990108"]


def test_cli_demo_then_show_gives_figures_with_references(tmp_path: Path) -> None:
    runner = CliRunner()
    data_dir = str(tmp_path / "data")
    result = runner.invoke(cli, ["--data-dir", data_dir, "demo"])
    assert result.exit_code == 0, result.output
    assert "Demo Duinhaven (fictief)" in result.output and "stories:" in result.output
    shown = runner.invoke(cli, ["--data-dir", data_dir, "show", "Weverskwartier", "--year", "2023"])
    assert shown.exit_code == 0, shown.output
    assert "WK990110" in shown.output
    line = next(ln for ln in shown.output.splitlines() if ln.startswith("Eenoudergezinnen"))
    assert "2023 voorlopig" in line and "Duinhaven" in line and "Nederland" in line
    assert "Demo Duinhaven (fictief)" in shown.output
