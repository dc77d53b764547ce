"""Wide tables: one row per area and year, one column per indicator, optionally renamed with --map."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from assistant.core.errors import BadInputError
from assistant.core.registry import register
from retrieval.models import ImportReport
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.readers.build import BatchInfo, Record, build_batch
from retrieval.tables.readers.columns import AreaIndex, find_roles, level_of, require, text_of, year_of
from retrieval.tables.readers.indicator_ids import IndicatorIds, unit_from_header
from retrieval.tables.readers.numbers import decide_marks, is_empty, to_number
from retrieval.tables.readers.options import ReadOptions, default_source, options_from, status_of, user_sources
from retrieval.tables.readers.table import Cell, RawTable, load_csv
from retrieval.tables.store import ImportBatch

META_ROLES = ("area", "year", "source", "area_name", "level", "parent_code", "status")


def parse_mapping(spec: str | Path | dict[str, str | None] | None) -> dict[str, str | None]:
    """`--map` text ('Jeugdzorg %=jeugdzorg_pct,Opmerking=') or a YAML file; an empty target drops a column."""
    if spec is None or spec == "":
        return {}
    if isinstance(spec, dict):
        return {str(k): (str(v) if v else None) for k, v in spec.items()}
    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml", ".json") and path.is_file():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise BadInputError(key="wide.bad_map_file", file=path.name)
        return parse_mapping(data)
    out: dict[str, str | None] = {}
    for item in str(spec).split(","):
        if "=" not in item:
            raise BadInputError(key="wide.bad_map_item", item=item.strip())
        column, target = item.split("=", 1)
        out[column.strip()] = target.strip() or None
    return out


def read_wide(table: RawTable, catalogue: Catalogue, opts: ReadOptions, fmt: str = "wide") -> ImportBatch:
    report = ImportReport(file=table.file, format=fmt, rows=len(table.rows))
    cols = find_roles(table, META_ROLES)
    require(table, cols, "area")
    if opts.year is None:
        require(table, cols, "year")
    ids = IndicatorIds(catalogue, report, table.file)
    targets = _targets(table, set(cols.values()), parse_mapping(opts.mapping), ids)
    marks = decide_marks(table, targets)
    areas, source = AreaIndex(opts.known_names), opts.source or default_source(table.file)
    records: list[Record] = []
    empty = 0
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        base = _row_base(table, cols, row, line, areas, opts, source)
        for column, ind_id in targets.items():
            if is_empty(row[column]):
                empty += 1
                continue
            value = to_number(row[column], marks[column], table, line, column)
            records.append(replace(base, indicator=ind_id, value=value, column=column, source_key=column))
    if empty:
        report.skipped.append(f"{empty} empty cells skipped")
    sources = {r.source for r in records}
    report.source = ", ".join(sorted(sources))
    info = BatchInfo(report, table.file, ids.units(), list(ids.new.values()), user_sources(sources, table.file),
                     opts.known_names, table.where)
    return build_batch(records, info)


def _targets(
    table: RawTable, meta: set[str], mapping: dict[str, str | None], ids: IndicatorIds
) -> dict[str, str]:
    """Indicator column -> indicator id, after --map renames (or drops) columns."""
    lower = {h.casefold(): h for h in table.header}
    for column in mapping:
        if column.casefold() not in lower:
            raise BadInputError(key="wide.map_unknown_column", column=column, file=table.file,
                                columns=", ".join(table.header))
    renamed = {lower[c.casefold()]: t for c, t in mapping.items()}
    out: dict[str, str] = {}
    for column in table.header:
        if column in meta or (column in renamed and renamed[column] is None):
            continue
        name = renamed.get(column) or column
        unit = None if ids.known(name) else unit_from_header(column)
        out[column] = ids.resolve(name, unit, table.place(table.header_line, column))
    if not out:
        raise BadInputError(key="wide.no_indicators", file=table.file, columns=", ".join(table.header))
    return out


def _row_base(
    table: RawTable, cols: dict[str, str], row: dict[str, Cell], line: int, areas: AreaIndex,
    opts: ReadOptions, source: str,
) -> Record:
    """The Record fields every indicator cell of one row shares; the caller fills in the rest."""
    def text(role: str) -> str | None:
        return text_of(row[cols[role]]) if role in cols else None

    year = year_of(row[cols["year"]], table, line, cols["year"]) if "year" in cols else opts.year
    return Record(
        area_code=areas.code(row[cols["area"]], table, line, cols["area"]), indicator="", value=None,
        year=int(year or 0), source=text("source") or source, line=line, column="",
        status=status_of(text("status") or opts.status, table.place(line, cols.get("status"))),
        area_name=text("area_name"), parent_code=(text("parent_code") or "").upper() or None,
        level=level_of(row[cols["level"]], table, line, cols["level"]) if "level" in cols else None,
    )


def read_wide_file(path: Path, catalogue: Catalogue, **kw: object) -> ImportBatch:
    return read_wide(load_csv(path), catalogue, options_from(kw))


register("table_format", "wide", read_wide_file, label_nl="Breed (een rij per gebied en jaar)",
         label_en="Wide (one row per area and year)", help="one column per indicator; --map renames columns")
