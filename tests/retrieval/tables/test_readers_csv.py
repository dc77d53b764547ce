"""Long and wide CSV tables: areas, indicators, --map, decimal marks, delimiters and encodings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.main import cli
from assistant.core.errors import BadInputError
from retrieval.tables.ingest import ingest_table, read_table
from retrieval.tables.readers.numbers import mark_of
from retrieval.tables.store import ImportBatch, IndicatorStore

KNOWN = {"GM0518": "'s-Gravenhage", "WK051836": "Moerwijk", "WK051810": "Zorgvliet", "BU05181011": "Zorgvliet",
         "WK051829": "Schildersbuurt"}
NAMES = ["Één", "Zuiderpark-Oost", "'s-Gravenhage", "Café"]


def write(tmp: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp / name
    path.write_bytes(text.encode(encoding))
    return path


def values(batch: ImportBatch) -> dict[tuple[str, str], float]:
    return {(r.area_code, r.indicator): r.value for r in batch.values.itertuples()}


def test_long_maps_ids_titles_and_names(tmp_path: Path) -> None:
    f = write(tmp_path, "jeugd.csv", "area;indicator;year;value\n"
              "WK051836;jeugdzorg_pct;2019;14,1\n"
              "Schildersbuurt;Wmo-cliënten per 1.000 inwoners;2019;98\n"
              "moerwijk;Inhabitants;2019;20.350\n")
    batch = read_table(f, "long", known_names=KNOWN)
    assert values(batch) == {("WK051836", "jeugdzorg_pct"): 14.1, ("WK051829", "wmo_per_1000"): 98.0,
                             ("WK051836", "inwoners"): 20350.0}
    assert set(batch.values.area_name) == {"Moerwijk", "Schildersbuurt"}
    assert set(batch.values.parent_code) == {"GM0518"} and set(batch.values.level) == {"wijk"}
    assert batch.indicators == []  # all three are catalogue indicators
    assert any("no --source given" in w for w in batch.report.warnings)


def test_long_name_must_resolve_uniquely(tmp_path: Path) -> None:
    f = write(tmp_path, "zorgvliet.csv", "area;indicator;year;value\nZorgvliet;inwoners;2019;5\n")
    with pytest.raises(BadInputError, match=r"zorgvliet.csv: line 2, column area: .*BU05181011 and WK051810") as e:
        read_table(f, "long", known_names=KNOWN)
    assert "CBS code" in e.value.fix
    f2 = write(tmp_path, "onbekend.csv", "area;indicator;year;value\nAtlantis;inwoners;2019;5\n")
    with pytest.raises(BadInputError, match="'Atlantis' is not a CBS area code or a known area name"):
        read_table(f2, "long", known_names=KNOWN)


def test_unknown_indicator_gets_a_definition_from_its_unit(tmp_path: Path) -> None:
    f = write(tmp_path, "eigen.csv", "area,indicator,year,value,unit,source\n"
              "WK051836,Bereik jongerenwerk,2023,37.5,%,Jongerenwerk Den Haag\n"
              "WK051836,Jeugdzorg %,2023,9.0,%,Jongerenwerk Den Haag\n")
    batch = read_table(f, "long", known_names=KNOWN)
    defs = {d.id: d for d in batch.indicators}
    bereik = defs["bereik_jongerenwerk"]
    assert bereik.unit == "percent" and bereik.title_nl == "Bereik jongerenwerk"
    # A made-up name that collides with a curated id stays apart from it.
    assert "jeugdzorg_pct_eigen" in defs
    assert sum("not in the catalogue" in w for w in batch.report.warnings) == 2
    assert set(batch.values.source) == {"Jongerenwerk Den Haag"}
    assert batch.sources["Jongerenwerk Den Haag"]["file"] == "eigen.csv"


def test_unit_that_contradicts_the_catalogue_is_refused(tmp_path: Path) -> None:
    f = write(tmp_path, "fout.csv", "area;indicator;year;value;unit\nWK051836;jeugdzorg_pct;2019;400;aantal\n")
    with pytest.raises(BadInputError, match="'jeugdzorg_pct' is percent in the catalogue, but the file says count"):
        read_table(f, "long")


def test_wide_with_map_option_and_yaml(tmp_path: Path) -> None:
    text = ("gebied;jaar;Jeugdzorg %;Wmo per 1.000;Opmerking\n"
            "WK051836;2019;14,1;98;druk jaar\nWK051829;2019;16,0;102;\n")
    f = write(tmp_path, "wijken.csv", text)
    spec = "Jeugdzorg %=jeugdzorg_pct, Wmo per 1.000=wmo_per_1000, Opmerking="
    batch = read_table(f, "wide", mapping=spec)
    assert values(batch) == {("WK051836", "jeugdzorg_pct"): 14.1, ("WK051836", "wmo_per_1000"): 98.0,
                             ("WK051829", "jeugdzorg_pct"): 16.0, ("WK051829", "wmo_per_1000"): 102.0}
    assert list(batch.values.source_key.unique()) == ["Jeugdzorg %", "Wmo per 1.000"]
    yml = write(tmp_path, "map.yaml", "Jeugdzorg %: jeugdzorg_pct\nWmo per 1.000: wmo_per_1000\nOpmerking:\n")
    assert values(read_table(f, "wide", mapping=str(yml))) == values(batch)


def test_wide_without_map_guesses_units_from_headers(tmp_path: Path) -> None:
    f = write(tmp_path, "wijken.csv", "area\tyear\tBereik %\tMeldingen per 1000\tActiviteiten\n"
              "WK051836\t2022\t12,5\t40\t1.250\n")
    batch = read_table(f, "wide")
    units = {d.id: d.unit for d in batch.indicators}
    assert units == {"bereik_pct": "percent", "meldingen_per_1000": "per_1000", "activiteiten": "count"}
    assert values(batch)[("WK051836", "activiteiten")] == 1250.0


def test_wide_map_naming_a_missing_column_is_an_error(tmp_path: Path) -> None:
    f = write(tmp_path, "wijken.csv", "area;year;Jeugdzorg %\nWK051836;2019;14,1\n")
    with pytest.raises(BadInputError, match="--map names the column 'Jeugzorg %', which is not in wijken.csv"):
        read_table(f, "wide", mapping="Jeugzorg %=jeugdzorg_pct")
    with pytest.raises(BadInputError, match="has no '='"):
        read_table(f, "wide", mapping="jeugdzorg_pct")


@pytest.mark.parametrize(("text", "mark"), [
    ("10,8", ","), ("0,250", ","), ("1.234,5", ","), ("1.234.567", ","), ("10.8", "."), ("1,234.5", "."),
    ("1,234,567", "."), ("25.280", None), ("1,234", None), ("25 280", None), ("538", None), ("12,5%", ","),
])
def test_decimal_evidence_of_single_values(text: str, mark: str | None) -> None:
    assert mark_of(text) == mark


def test_decimal_mark_is_decided_per_column(tmp_path: Path) -> None:
    # Column a proves ',' so its '25.280' is 25280; column b proves '.' so its '1,234' is 1234;
    # column c has no evidence and the file's evidence is mixed, so ';' decides: Dutch, 25.280 -> 25280.
    f = write(tmp_path, "mix.csv", "area;year;a;b;c\nWK051836;2019;10,8;10.5;25.280\nWK051829;2019;25.280;1,234;7\n")
    v = values(read_table(f, "wide"))
    assert (v[("WK051836", "a")], v[("WK051829", "a")]) == (10.8, 25280.0)
    assert (v[("WK051836", "b")], v[("WK051829", "b")]) == (10.5, 1234.0)
    assert v[("WK051836", "c")] == 25280.0


def test_column_without_evidence_follows_the_file_and_then_the_delimiter(tmp_path: Path) -> None:
    # ','-separated, and another column proves a decimal comma: '1.234' means 1234.
    f = write(tmp_path, "a.csv", 'area,year,a,b\nWK051836,2019,"10,8",1.234\n')
    assert values(read_table(f, "wide"))[("WK051836", "b")] == 1234.0
    # ','-separated without any evidence: '25.280' is read the English way.
    g = write(tmp_path, "b.csv", "area,year,b\nWK051836,2019,25.280\n")
    assert values(read_table(g, "wide"))[("WK051836", "b")] == 25.28
    h = write(tmp_path, "c.csv", "area;year;b\nWK051836;2019;25 280\n")
    assert values(read_table(h, "wide"))[("WK051836", "b")] == 25280.0


def test_a_column_with_both_marks_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    f = write(tmp_path, "mix.csv", "area;indicator;year;value\nWK051836;x;2019;10,8\nWK051829;x;2019;10.8\n")
    with pytest.raises(BadInputError, match=r"mixes a decimal comma \(line 2: '10,8'\) and a decimal point \(line 3"):
        read_table(f, "long")


def _long_text(delimiter: str) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(["area", "area_name", "indicator", "year", "value", "unit"])
    for i, name in enumerate(NAMES):
        w.writerow([f"WK0599{i:02d}", name, "Één-oudergezinnen", 2021, f"{10 + i},8", "%"])
    w.writerow(["WK059910", "Café", "inwoners", 2021, "25.280", ""])
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    f = write(tmp_path, f"t_{encoding}.csv", _long_text(delimiter), encoding)
    batch = read_table(f, "long")
    names = dict(zip(batch.values.area_code, batch.values.area_name, strict=True))
    assert [names[f"WK0599{i:02d}"] for i in range(4)] == NAMES
    v = values(batch)
    assert v[("WK059901", "een_oudergezinnen")] == 11.8 and v[("WK059910", "inwoners")] == 25280.0
    assert batch.indicators[0].title_nl == "Één-oudergezinnen"


def test_reimport_is_idempotent_and_names_come_from_the_store(tmp_path: Path) -> None:
    store = IndicatorStore(tmp_path / "ind")
    f = write(tmp_path, "eigen.csv", "area;indicator;year;value\nWK051836;bereik;2023;4\n")
    first = ingest_table(store, f, source="Jongerenwerk")
    again = ingest_table(store, f, source="Jongerenwerk")
    assert first.changed and not again.changed
    assert store.load().values.iloc[0].area_name == "WK051836"  # no name known yet: the code


def test_cli_ingest_wide_with_map_and_source(tmp_path: Path) -> None:
    f = write(tmp_path, "wijken.csv", "gebied;jaar;Jeugdzorg %;Opmerking\nWK051836;2019;14,1;druk\n")
    base = ["--data-dir", str(tmp_path / "data")]
    args = ["ingest", "tables", str(f), "--map", "Jeugdzorg %=jeugdzorg_pct,Opmerking=", "--source", "Monitor Jeugd"]
    result = CliRunner().invoke(cli, [*base, *args])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wijken.csv: 1 rows, 1 areas, 1 indicators, 1 values")
    listed = CliRunner().invoke(cli, [*base, "indicators"]).output
    assert listed.split()[:2] == ["jeugdzorg_pct", "percent"]


def test_utf16_kwb_export_is_recognised_as_cbs(tmp_path: Path) -> None:
    text = '"ID";"WijkenEnBuurten";"AantalInwoners_5"\n"1";"WK051836  ";"  20350"\n'
    f = write(tmp_path, "kwb_84583NED.csv", text, "utf-16")
    report = ingest_table(IndicatorStore(tmp_path / "ind"), f)
    assert report.format == "cbs" and report.values == 1
