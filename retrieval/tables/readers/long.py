"""Long tables: one value per row (area, indicator, year, value, and optional unit, source, ...)."""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import BadInputError
from assistant.core.registry import register
from retrieval.models import ImportReport
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.readers.build import BatchInfo, Record, build_batch
from retrieval.tables.readers.columns import AreaIndex, find_roles, level_of, require, text_of, year_of
from retrieval.tables.readers.indicator_ids import UNIT_WORDS, IndicatorIds, unit_from_text
from retrieval.tables.readers.numbers import decide_marks, is_empty, to_number
from retrieval.tables.readers.options import ReadOptions, default_source, options_from, status_of, user_sources
from retrieval.tables.readers.table import Cell, RawTable, load_csv
from retrieval.tables.store import ImportBatch

ROLES = ("area", "indicator", "year", "value", "unit", "source", "area_name", "level", "parent_code", "status")


class _LongRows:
    """Turns each row into a Record; holds what all rows share."""

    def __init__(self, table: RawTable, catalogue: Catalogue, opts: ReadOptions, report: ImportReport) -> None:
        self.t, self.opts = table, opts
        self.cols = find_roles(table, ROLES)
        for role in ("area", "indicator", "value"):
            require(table, self.cols, role)
        if opts.year is None:
            require(table, self.cols, "year")
        self.mark = decide_marks(table, [self.cols["value"]])[self.cols["value"]]
        self.ids = IndicatorIds(catalogue, report, table.file)
        self.areas = AreaIndex(opts.known_names)
        self.source = opts.source or default_source(table.file)

    def record(self, line: int, row: dict[str, Cell]) -> Record:
        c, t = self.cols, self.t
        year = year_of(row[c["year"]], t, line, c["year"]) if "year" in c else self.opts.year
        return Record(
            area_code=self.areas.code(row[c["area"]], t, line, c["area"]),
            indicator=self.ids.resolve(str(row[c["indicator"]]), self._unit(row, line), t.place(line, c["indicator"])),
            year=int(year or 0),
            value=to_number(row[c["value"]], self.mark, t, line, c["value"]),
            source=self._text(row, "source") or self.source,
            line=line, column=c["value"], status=self._status(row, line),
            source_key=str(row[c["indicator"]]).strip(),
            area_name=self._text(row, "area_name"),
            level=level_of(row[c["level"]], t, line, c["level"]) if "level" in c else None,
            parent_code=(self._text(row, "parent_code") or "").upper() or None,
        )

    def _text(self, row: dict[str, Cell], role: str) -> str | None:
        return text_of(row[self.cols[role]]) if role in self.cols else None

    def _unit(self, row: dict[str, Cell], line: int) -> str | None:
        try:
            return unit_from_text(self._text(row, "unit"))
        except ValueError:
            words = ", ".join(sorted({"%", "per 1000", "aantal", *UNIT_WORDS.values()}))
            raise BadInputError(key="cell.unknown_unit", at=self.t.place(line, self.cols["unit"]),
                                text=self._text(row, "unit"), allowed=words) from None

    def _status(self, row: dict[str, Cell], line: int) -> str:
        return status_of(self._text(row, "status") or self.opts.status, self.t.place(line, self.cols.get("status")))


def read_long(table: RawTable, catalogue: Catalogue, opts: ReadOptions, fmt: str = "long") -> ImportBatch:
    report = ImportReport(file=table.file, format=fmt, rows=len(table.rows))
    rows = _LongRows(table, catalogue, opts, report)
    records, empty = [], 0
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        if is_empty(row[rows.cols["value"]]):
            empty += 1
            continue
        records.append(rows.record(line, row))
    if empty:
        report.skipped.append(f"{empty} rows without a value skipped")
    sources = {r.source for r in records}
    report.source = ", ".join(sorted(sources))
    if not opts.source and "source" not in rows.cols:
        report.warnings.append(f"no --source given; stored under the source {rows.source!r}")
    info = BatchInfo(report, table.file, rows.ids.units(), list(rows.ids.new.values()),
                     user_sources(sources, table.file), opts.known_names, table.where)
    return build_batch(records, info)


def read_long_file(path: Path, catalogue: Catalogue, **kw: object) -> ImportBatch:
    return read_long(load_csv(path), catalogue, options_from(kw))


register("table_format", "long", read_long_file, label_nl="Lang (gebied, indicator, jaar, waarde)",
         label_en="Long (area, indicator, year, value)", help="one value per row")
