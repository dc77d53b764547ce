"""Issue 27: file shapes that crashed the readers now give one clean error (or import correctly), and a
rejected file leaves the store byte-identical."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from support.paths import KWB2019
from support.store import tree_digest

from assistant.cli.main import cli
from assistant.core.errors import BadInputError
from assistant.core.settings import Settings
from retrieval.tables.ingest import ingest_table
from retrieval.tables.readers import xlsx_guard
from retrieval.tables.store import IndicatorStore


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    good = tmp_path / "goed.csv"
    good.write_text("area;indicator;year;value\nWK051836;jeugdzorg_pct;2019;14,1\n", encoding="utf-8")
    ingest_table(IndicatorStore(Settings(data_dir=tmp_path / "data").indicator_dir), good)
    return tmp_path / "data"


def _store(data_dir: Path) -> IndicatorStore:
    return IndicatorStore(Settings(data_dir=data_dir).indicator_dir)


def _refused(data_dir: Path, path: Path, message: str, fix: str, fmt: str | None = None) -> None:
    """The import raises one clean error, the CLI prints one line without a traceback, nothing changes."""
    before = tree_digest(data_dir)
    with pytest.raises(BadInputError) as exc:
        ingest_table(_store(data_dir), path, fmt)
    assert message in exc.value.message and fix in exc.value.fix, (exc.value.message, exc.value.fix)
    args = ["--data-dir", str(data_dir), "ingest", "tables", str(path)] + (["--format", fmt] if fmt else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and message in result.output
    assert tree_digest(data_dir) == before


def test_cr_only_line_endings_import_like_lf(data_dir: Path, tmp_path: Path) -> None:
    rows = [("WK051837", "inwoners", 2019, 20350), ("WK051838", "inwoners", 2019, 16160)]
    body = "area;indicator;year;value\r" + "".join(f"{a};{i};{y};{v}\r" for a, i, y, v in rows)
    f = tmp_path / "mac.csv"
    f.write_bytes(body.encode("utf-8"))
    report = ingest_table(_store(data_dir), f)
    assert report.rows == 2
    values = _store(data_dir).load().values
    own = values[values.source == "eigen bestand (mac.csv)"].sort_values("area_code")
    assert list(own.value) == [float(v) for *_, v in rows]


def test_cr_only_kwb_file_imports_the_same_values(real_data: Path, tmp_path: Path) -> None:
    raw = (real_data / KWB2019).read_bytes().replace(b"\r\n", b"\n")
    cr = tmp_path / "cr_84583NED.csv"
    cr.write_bytes(raw.replace(b"\n", b"\r"))
    lf = tmp_path / "lf_84583NED.csv"
    lf.write_bytes(raw)
    a = ingest_table(IndicatorStore(tmp_path / "a"), cr, "cbs", year=2019)
    b = ingest_table(IndicatorStore(tmp_path / "b"), lf, "cbs", year=2019)
    assert a.values == b.values > 1000
    source = pd.read_csv(real_data / KWB2019, sep=";", dtype=str, encoding="utf-8-sig")
    assert a.rows == len(source)


def test_hundred_thousand_columns(data_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "breed.csv"
    f.write_text("area;" + ";".join(f"k{i}" for i in range(100_000)) + "\nWK051836;" + ";".join("1" * 100_000)
                 + "\n", encoding="utf-8")
    _refused(data_dir, f, "breed.csv: line 1 has 100.001 columns; Duiding reads at most 1.000",
             "put it in the long format")


@pytest.mark.parametrize("quoted", [True, False])
def test_five_megabyte_cell(data_dir: Path, tmp_path: Path, quoted: bool) -> None:
    cell = "x" * 5_000_000
    f = tmp_path / "grotecel.csv"
    f.write_text("area;indicator;year;value\nWK051836;" + (f'"{cell}"' if quoted else cell) + ";2019;5\n",
                 encoding="utf-8")
    _refused(data_dir, f, "grotecel.csv: line 2: a cell holds more than 131.072 characters",
             "check for a missing closing quote")


@pytest.mark.parametrize("keep", [0.5, 0.02])
def test_truncated_kwb_file(real_data: Path, data_dir: Path, tmp_path: Path, keep: float) -> None:
    raw = (real_data / KWB2019).read_bytes()
    cut = raw[: int(len(raw) * keep)]
    f = tmp_path / "afgebroken_84583NED.csv"
    f.write_bytes(cut)
    lines = cut.replace(b"\r\n", b"\n").split(b"\n")
    header = lines[0].count(b";") + 1
    have = lines[-1].count(b";") + 1
    _refused(data_dir, f, f"line {len(lines)}: the last line is cut off ({have} of {header} columns)",
             "export or download it again", fmt="cbs")


def _workbook(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["area", "indicator", "year", "value"])
    ws.append(["WK051837", "inwoners", 2019, 20350])
    wb.save(path)
    if extra:
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in extra.items():
                zf.writestr(name, data)
    return path


def test_a_plain_workbook_still_imports(data_dir: Path, tmp_path: Path) -> None:
    report = ingest_table(_store(data_dir), _workbook(tmp_path / "goed.xlsx"))
    assert report.values == 1


def test_workbook_that_unpacks_too_large_is_refused_before_unpacking(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_guard, "MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    f = _workbook(tmp_path / "groot.xlsx", {"xl/media/opvulling.bin": bytes(5 * 1024 * 1024)})
    _refused(data_dir, f, "groot.xlsx: the workbook unpacks to 5 MB; Duiding opens at most 4 MB",
             "export the sheet as CSV")


def test_zip_bomb_ratio_is_refused(data_dir: Path, tmp_path: Path) -> None:
    f = _workbook(tmp_path / "bom.xlsx", {"xl/worksheets/sheet9.xml": b"<a>" + bytes(20 * 1024 * 1024)})
    _refused(data_dir, f, "is compressed", "export the sheet as CSV")


def test_workbook_with_macros_is_refused(data_dir: Path, tmp_path: Path) -> None:
    f = _workbook(tmp_path / "macro.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    _refused(data_dir, f, "macro.xlsx: the workbook contains macros (xl/vbaProject.bin)", "without macros")


def test_workbook_with_an_external_entity_is_refused(data_dir: Path, tmp_path: Path) -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>')
    f = _workbook(tmp_path / "xxe.xlsx", {"xl/extra.xml": xxe})
    _refused(data_dir, f, "xxe.xlsx: the part xl/extra.xml declares an XML doctype or entity",
             "save it again as .xlsx")
