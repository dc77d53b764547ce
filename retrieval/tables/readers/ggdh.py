"""GGDH/ELAN wijkprofielen (`df_count_ver_3.csv`): per wijk per year 2009-2022, shares 0-1 of all inhabitants.

Decisions:
- Shares are stored x100 as percentages, under the source's own ids (retrieval/data/indicators_ggdh.yaml)
  and source "GGDH wijkprofielen": their definitions and denominators differ from CBS KWB, so they never mix.
- 0.0 can mean "no data". The registers start later: WMO and youth care in 2015, bijstand and low income
  in 2011 (SOURCE.md), so those earlier cells are skipped. Any other column-year in which every wijk in the
  file is exactly 0.0 is skipped too: a real 0% in all wijken of four municipalities does not happen.
  The report says which columns and years, with the number of cells.
- WKC codes are normalised to WK + 6 digits; a code that is no wijk code (WK1916--, "Wijk onbekend")
  is skipped with its line.
- Wijknaam repeats "Wijk" (" Wijk Wijk 28 Centrum" -> "Centrum"); a name already in the store wins,
  because some GGDH names are cut off ("... Scheveningse Bo").
- Merged wijken: the source repeats one set of figures under several codes (Oostduinen and Belgisch
  Park). They are imported as published, with a warning naming the codes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant.core.registry import register
from retrieval.models import ImportReport, IndicatorDef
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.readers.build import BatchInfo, Record, build_batch, shipped_defs
from retrieval.tables.readers.numbers import is_empty, to_number
from retrieval.tables.readers.options import GGDH_SOURCE, ReadOptions, options_from
from retrieval.tables.readers.table import RawTable, expect_header, load_csv
from retrieval.tables.store import ImportBatch

HEADER = ("WKC", "GMN", "Wijknaam", "YEAR")
REGISTER_START = {"%_WMO_user": 2015, "%_JGDHULP_user": 2015, "%_Welfare_benefit_user": 2011,
                  "%_Low_Income": 2011}
SOURCES = {GGDH_SOURCE: {
    "name": "GGDH/ELAN wijkprofielen (LUMC / Health Campus Den Haag)",
    "attribution": "Bron: GGDH/ELAN wijkprofielen, bewerking van CBS-microdata",
    "license": "MIT", "url": "https://github.com/elan-dcc/wijkprofielen",
}}


@dataclass
class _Row:
    line: int
    code: str
    year: int
    name: str
    values: dict[str, float | None]


def is_ggdh(header: list[str]) -> bool:
    return tuple(header[:4]) == HEADER


def read_ggdh(table: RawTable, opts: ReadOptions) -> ImportBatch:
    report = ImportReport(file=table.file, format="ggdh", source=GGDH_SOURCE, rows=len(table.rows))
    defs = shipped_defs("indicators_ggdh.yaml")
    columns = [c for c in table.header[4:] if c in defs]
    left = len(table.header) - 4 - len(columns)
    report.warnings.append(f"{left} columns outside the sociale scan (medication, diagnoses, care use) not imported")
    rows = _parse(table, columns, report)
    no_data = _no_data(rows, columns)
    if opts.gemeente:
        rows = [r for r in rows if r.code[2:6] == opts.gemeente[2:]]
    records = _records(rows, defs, no_data, opts, report)
    report.warnings.extend(_merged(rows))
    used = [defs[c].model_copy(update={"source_table": table.file}) for c in columns]
    info = BatchInfo(report, table.file, {d.id: d.unit for d in used}, used, SOURCES, opts.known_names)
    return build_batch(records, info)


def wijk_code(raw: str) -> str | None:
    """'WK051828' stays; '51828' and 'WK51828' (a lost leading zero) become 'WK051828'; others are None."""
    s = raw.strip().upper().replace(" ", "")
    digits = s[2:] if s.startswith("WK") else s
    return "WK" + digits.zfill(6) if digits.isdigit() and 3 <= len(digits) <= 6 else None


def clean_name(raw: str) -> str:
    """' Wijk Wijk 28 Centrum' -> 'Centrum'; 'Wijk Wijk 01' -> 'Wijk 01'."""
    s = re.sub(r"^(?:Wijk\s+)+", "", raw.strip())
    m = re.fullmatch(r"(\d+)(?:\s+(.+))?", s)
    if m:
        return m.group(2) or f"Wijk {m.group(1)}"
    return s or raw.strip()


def _parse(table: RawTable, columns: list[str], report: ImportReport) -> list[_Row]:
    out = []
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        code = wijk_code(str(row["WKC"]))
        if code is None:
            report.skipped.append(f"line {line}: {row['WKC']!r} ({str(row['Wijknaam']).strip()}) is no wijk code")
            continue
        values = {c: None if is_empty(row[c]) else to_number(row[c], ".", table, line, c) for c in columns}
        year = int(to_number(row["YEAR"], ".", table, line, "YEAR") or 0)
        out.append(_Row(line, code, year, clean_name(str(row["Wijknaam"])), values))
    return out


def _no_data(rows: list[_Row], columns: list[str]) -> dict[str, list[int]]:
    """Column -> the years whose 0.0 means 'not registered yet' (see the module docstring)."""
    by_year: dict[tuple[str, int], list[float]] = defaultdict(list)
    for r in rows:
        for c in columns:
            if r.values[c] is not None:
                by_year[(c, r.year)].append(r.values[c])  # type: ignore[arg-type]
    out: dict[str, list[int]] = defaultdict(list)
    for (c, year), vals in sorted(by_year.items()):
        if year < REGISTER_START.get(c, 0) or (c.startswith("%_") and all(v == 0 for v in vals)):
            out[c].append(year)
    return out


def _records(
    rows: list[_Row], defs: dict[str, IndicatorDef], no_data: dict[str, list[int]], opts: ReadOptions,
    report: ImportReport,
) -> list[Record]:
    known = opts.known_names or {}
    records: list[Record] = []
    skipped: dict[str, int] = defaultdict(int)
    for r in rows:
        for c, v in r.values.items():
            if v is None or r.year in no_data.get(c, ()):
                skipped[c] += 1
                continue
            pct = defs[c].unit == "percent"
            records.append(Record(r.code, defs[c].id, r.year, round(v * 100, 6) if pct else v, GGDH_SOURCE,
                                  r.line, c, opts.status, c, known.get(r.code) or r.name, "wijk"))
    for c, years in no_data.items():
        report.skipped.append(f"{c} ({defs[c].id}) {_span(years)}: 0.0 in every wijk means no data, not 0% "
                              f"— {skipped.pop(c, 0)} cells skipped")
    if sum(skipped.values()):
        report.skipped.append(f"{sum(skipped.values())} empty cells skipped")
    return records


def _merged(rows: list[_Row]) -> list[str]:
    """Codes that carry exactly the same figures in the same year: wijken the source merged."""
    groups: dict[tuple, set[str]] = defaultdict(set)
    for r in rows:
        groups[(r.year, tuple(r.values.values()))].add(r.code)
    merged: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for (year, _), codes in groups.items():
        if len(codes) > 1:
            merged[tuple(sorted(codes))].append(year)
    return [f"{' and '.join(codes)} have identical figures in {_span(sorted(years))}: the source merged these "
            "wijken, so the figures describe them together" for codes, years in sorted(merged.items())]


def _span(years: list[int]) -> str:
    contiguous = years == list(range(years[0], years[-1] + 1))
    if len(years) > 1 and contiguous:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def read_ggdh_file(path: Path, catalogue: Catalogue, **kw: object) -> ImportBatch:
    table = load_csv(path)
    expect_header(is_ggdh(table.header), table, "WKC,GMN,Wijknaam,YEAR")
    return read_ggdh(table, options_from(kw))


register("table_format", "ggdh", read_ggdh_file, label_nl="GGDH wijkprofielen", label_en="GGDH wijkprofielen",
         help="df_count_ver_3.csv and relatives")
