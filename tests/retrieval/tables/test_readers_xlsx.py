"""Excel workbooks: stored values not formulas, merged headers refused, --sheet, percentage cells."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from support.store import tree_digest

from assistant.core.errors import BadInputError
from retrieval.tables.ingest import ingest_table, read_table
from retrieval.tables.store import IndicatorStore


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def store_results(path: Path, results: dict[str, str]) -> None:
    """Write cached formula results into the file, as Excel does when it saves (openpyxl never does)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in results.items():
        xml = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{value}</v>", xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_wide_sheet_reads_stored_values_not_formulas(tmp_path: Path) -> None:
    f = workbook(tmp_path / "wijken.xlsx", {"Blad1": [
        ["gebied", "jaar", "Jongeren", "Jeugdzorg %"],
        ["WK051836", 2019, 4000, "=C2*0"],
        ["WK051829", 2019, 5000, 16.0],
    ]})
    store_results(f, {"D2": "14.1"})
    batch = read_table(f, "xlsx", mapping="Jeugdzorg %=jeugdzorg_pct")
    v = {(r.area_code, r.indicator): r.value for r in batch.values.itertuples()}
    assert v[("WK051836", "jeugdzorg_pct")] == 14.1 and v[("WK051829", "jeugdzorg_pct")] == 16.0
    assert batch.report.format == "xlsx"


def test_formula_without_stored_result_is_a_clear_error(tmp_path: Path) -> None:
    f = workbook(tmp_path / "formules.xlsx", {"Blad1": [
        ["area", "year", "inwoners"], ["WK051836", 2019, "=1+1"], ["WK051829", 2019, "=2+2"]]})
    with pytest.raises(BadInputError, match=r"formules.xlsx \(sheet Blad1\): cell C2 holds a formula without a "
                                            r"saved result \(and 1 more\)") as e:
        read_table(f, "xlsx")
    assert "save it" in e.value.fix


def test_merged_header_cells_are_refused_by_name(tmp_path: Path) -> None:
    f = workbook(tmp_path / "samengevoegd.xlsx", {"Blad1": [
        ["area", "year", "Jeugdzorg", None], [None, None, "aantal", "%"], ["WK051836", 2019, 560, 14.1]]})
    wb = openpyxl.load_workbook(f)
    wb.active.merge_cells("C1:D1")
    wb.active.merge_cells("A1:A2")
    wb.save(f)
    with pytest.raises(BadInputError, match=r"merged header cells A1:A2, C1:D1") as e:
        read_table(f, "xlsx")
    assert "unmerge" in e.value.fix


def test_sheet_option_and_long_layout(tmp_path: Path) -> None:
    f = workbook(tmp_path / "boek.xlsx", {
        "Toelichting": [["Dit werkblad is uitleg"]],
        "Cijfers": [[], ["area", "indicator", "year", "value"], ["WK051836", "inwoners", 2019, 20350],
                    ["WK051836", "Jeugdzorg", 2019, 14.1]],
    })
    batch = read_table(f, "xlsx", sheet="Cijfers")
    assert batch.report.format == "xlsx" and batch.report.rows == 2
    assert set(batch.values.indicator) == {"inwoners", "jeugdzorg"}
    with pytest.raises(BadInputError, match=r"there is no sheet 'Data' \(sheets: Toelichting, Cijfers\)"):
        read_table(f, "xlsx", sheet="Data")
    with pytest.raises(BadInputError, match=r"boek.xlsx \(sheet Toelichting\): header only") as e:
        read_table(f, "xlsx")
    assert "--sheet (Toelichting, Cijfers)" in e.value.fix


def test_percentage_formatted_cells_become_percentages(tmp_path: Path) -> None:
    f = workbook(tmp_path / "pct.xlsx", {"Blad1": [["area", "year", "Jeugdzorg %"], ["WK051836", 2019, 0.141]]})
    wb = openpyxl.load_workbook(f)
    wb.active["C2"].number_format = "0.0%"
    wb.save(f)
    batch = read_table(f, "xlsx", mapping="Jeugdzorg %=jeugdzorg_pct")
    assert batch.values.iloc[0].value == 14.1


def test_rejected_workbook_leaves_the_store_unchanged(tmp_path: Path) -> None:
    store = IndicatorStore(tmp_path / "ind")
    good = workbook(tmp_path / "goed.xlsx", {"Blad1": [["area", "year", "inwoners"], ["WK051836", 2019, 20350]]})
    ingest_table(store, good)
    before = tree_digest(tmp_path / "ind")
    bad = workbook(tmp_path / "fout.xlsx", {"Blad1": [["area", "year", "inwoners"], ["WK051836", 2019, "veel"]]})
    with pytest.raises(BadInputError, match=r"fout.xlsx \(sheet Blad1\): row 2, column inwoners: 'veel' is not"):
        ingest_table(store, bad)
    assert tree_digest(tmp_path / "ind") == before
