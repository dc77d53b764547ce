"""CBS Kerncijfers wijken en buurten (KWB) CSV, exactly as CBS publishes it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from assistant.core.errors import BadInputError
from assistant.core.messages import At
from assistant.core.registry import register
from retrieval.models import ImportReport
from retrieval.tables.area_names import AreaNames, area_names, report_names
from retrieval.tables.catalogue import Catalogue, key_stem
from retrieval.tables.cbs_keys import delimiter_of, map_columns, read_properties
from retrieval.tables.codes import KWB_BY_YEAR, KWB_TABLES, cbs_parent, clean_area_name, guess_year, level_for_code
from retrieval.tables.store import VALUE_COLUMNS, ImportBatch
from retrieval.tables.textio import check_width, csv_error, csv_records, parse_number, read_text
from retrieval.tables.validate import PLACE_COLUMNS, validate_values

SOURCE = "CBS KWB"
AREA_COLUMNS = ["area_code", "year", "source", "area_name", "level", "parent_code", "boundary_change"]


def read_kwb(
    path: Path,
    catalogue: Catalogue,
    year: int | None = None,
    names: Path | None = None,
    metadata: Path | None = None,
    status: str = "definitief",
    known_names: dict[str, str] | None = None,
    **_: object,
) -> ImportBatch:
    rows = _read_rows(path)
    year = year or guess_year(path)
    if year is None:
        raise BadInputError(key="kwb.no_year", file=path.name)
    table = KWB_BY_YEAR.get(year, next((t for t in KWB_TABLES if t in path.name), "KWB"))
    props = read_properties(metadata) if metadata else {}
    report = ImportReport(file=path.name, format="cbs", source=SOURCE, rows=len(rows), years=[year])
    name_map = area_names(known_names, _read_names(names) if names else None)
    return batch_from_rows(rows, catalogue, year=year, table=table, props=props, names=name_map,
                           status=status, report=report)


def batch_from_rows(
    rows: list[dict[str, str]], catalogue: Catalogue, *, year: int, table: str, props: dict[str, dict],
    names: AreaNames, status: str, report: ImportReport,
) -> ImportBatch:
    """KWB rows (keys as in the CSV, cells as text) -> an ImportBatch; shared with the online import."""
    mapping, defs = map_columns(list(rows[0].keys()), catalogue, props, table, report)
    values, areas = _frames(rows, mapping, names, year, table, status, report)
    report_names(areas, report)
    values = validate_values(values, {d.id: d.unit for d in defs}, report.file, report)
    values = values.drop(columns=PLACE_COLUMNS)
    report.areas = int(areas["area_code"].nunique())
    report.indicators = int(values["indicator"].nunique())
    report.values = int((~values["suppressed"]).sum())
    report.suppressed = int(values["suppressed"].sum())
    sources = {SOURCE: {"name": "CBS Kerncijfers wijken en buurten", "attribution": "Bron: CBS",
                        "license": "CC BY 4.0", f"table_{year}": table}}
    return ImportBatch(values, areas, defs, sources, report)


def _read_rows(path: Path) -> list[dict[str, str]]:
    text = read_text(path)
    first = text.splitlines()[0] if text else ""
    if ";" not in first:
        raise BadInputError(key="kwb.not_kwb", file=path.name)
    check_width(text, path.name)
    records = [(line, rec) for line, rec in csv_records(text, ";", path.name) if any(c.strip() for c in rec)]
    header = records[0][1] if records else []
    if len(records) < 2:
        raise BadInputError(key="csv.header_only", file=path.name)
    if not any(key_stem(k) in ("WijkenEnBuurten", "Codering") for k in header):
        raise BadInputError(key="kwb.no_area_column", file=path.name)
    for n, (line, rec) in enumerate(records[1:], start=2):
        if len(rec) != len(header):
            _wrong_width(path.name, line, len(rec), len(header), last=n == len(records))
    return [dict(zip(header, rec, strict=True)) for _, rec in records[1:]]


def _wrong_width(file: str, line: int, have: int, want: int, last: bool) -> None:
    if last and have < want:
        raise BadInputError(key="csv.cut_off", at=At(file, line), have=have, want=want)
    raise BadInputError(key="kwb.damaged", at=At(file, line), have=have, want=want)


def _frames(
    rows: list[dict[str, str]], mapping: dict[str, str], names: AreaNames, year: int, table: str,
    status: str, report: ImportReport,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    code_col = next(k for k in rows[0] if key_stem(k) in ("WijkenEnBuurten", "Codering"))
    change_col = next((k for k in rows[0] if key_stem(k) == "IndelingswijzigingWijkenEnBuurten"), None)
    gm_col = next((k for k in rows[0] if key_stem(k) == "Gemeentenaam"), None)
    values, areas = [], []
    for line, row in enumerate(rows, start=2):
        code = (row[code_col] or "").strip()
        if not code:
            report.skipped.append(f"line {line}: no area code")
            continue
        level = level_for_code(code)
        # the file's own Gemeentenaam_1 is the name of that year; a --names list still wins
        own = row[gm_col].strip() if gm_col and level == "gemeente" and row.get(gm_col) else ""
        name = names.get(code) if code in names.explicit else (own or names.get(code) or code)
        parent = cbs_parent(code)
        change = parse_number(row[change_col]) if change_col else None
        # CBS code 1 = codes and boundaries unchanged since last year; 2 and 3 = changed, so not comparable.
        areas.append([code, year, SOURCE, name, level, parent, None if change is None else int(change != 1)])
        for key, ind_id in mapping.items():
            value = _cell(row[key], key, line, report.file)
            values.append([code, ind_id, year, SOURCE, name, level, parent, value,
                           value is None, status, table, key, line, key])
    vdf = pd.DataFrame(values, columns=VALUE_COLUMNS + PLACE_COLUMNS)
    adf = pd.DataFrame(areas, columns=AREA_COLUMNS)
    vdf["value"] = vdf["value"].astype("float64")
    adf["boundary_change"] = adf["boundary_change"].astype("Int64")
    return vdf, adf


def _cell(text: str | None, key: str, line: int, file: str) -> float | None:
    if text is None:
        raise BadInputError(key="kwb.cut_short", at=At(file, line, key))
    try:
        return parse_number(text, decimal=".")
    except ValueError as exc:
        raise BadInputError(key="cell.not_number", at=At(file, line, key), text=text.strip()) from exc


def _read_names(path: Path) -> dict[str, str]:
    text = read_text(path)
    check_width(text, path.name)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter_of(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise csv_error(exc, path.name, reader.line_num) from exc
    if not rows or "Key" not in rows[0] or "Title" not in rows[0]:
        raise BadInputError(key="kwb.not_names", file=path.name)
    return {r["Key"].strip(): clean_area_name(r["Title"]) for r in rows}


register("table_format", "cbs", read_kwb, label_nl="CBS Kerncijfers wijken en buurten (CSV)",
         label_en="CBS Key figures districts and neighbourhoods (CSV)", help="as published: ; quoted, . suppressed")
