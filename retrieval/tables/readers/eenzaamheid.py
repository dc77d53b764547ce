"""Loneliness per wijk in 2016 (`WijkEenzaamheid2016.csv`): a wide, national, comma-separated file.

Decisions:
- Every wijk in the country is imported, or one gemeente with --gemeente GM0518.
- Source "GGD Gezondheidsmonitor 2016 (eenzaamheid)" with its own ids (retrieval/data/indicators_eenzaamheid.yaml),
  so its household and migration shares never mix with the CBS KWB figures of the same name.
- An empty cell is a figure that was not estimated (a wijk with few or no inhabitants, such as Oostduinen):
  stored as "no value" (suppressed), like CBS's '.'. A column that is empty in every row is not imported.
- The year is 2016, from the file name, unless --year says otherwise.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.core.errors import BadInputError
from assistant.core.registry import register
from retrieval.models import ImportReport
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.codes import clean_area_name
from retrieval.tables.readers.build import BatchInfo, Record, build_batch, shipped_defs
from retrieval.tables.readers.numbers import is_empty, to_number
from retrieval.tables.readers.options import EENZAAMHEID_SOURCE, ReadOptions, options_from
from retrieval.tables.readers.table import RawTable, expect_header, load_csv
from retrieval.tables.store import ImportBatch

HEADER = ("wijkcode", "wijknaam", "gemnr", "gemnaam")
SOURCES = {EENZAAMHEID_SOURCE: {
    "name": "Eenzaamheid per wijk 2016 (Gezondheidsmonitor Volwassenen en Ouderen 2016, GGD'en/CBS/RIVM)",
    "attribution": "Bron: Gezondheidsmonitor 2016 (GGD'en, CBS en RIVM), schatting per wijk",
    "license": "MIT (bestand uit github.com/elan-dcc/wijkprofielen)",
    "note": "Het bestand noemt zijn bron niet; de kolommen komen overeen met de Gezondheidsmonitor 2016.",
}}


def is_eenzaamheid(header: list[str]) -> bool:
    return tuple(h.lower() for h in header[:4]) == HEADER and any("eenzaam" in h for h in header)


def read_eenzaamheid(table: RawTable, opts: ReadOptions) -> ImportBatch:
    report = ImportReport(file=table.file, format="eenzaamheid", source=EENZAAMHEID_SOURCE, rows=len(table.rows))
    year = opts.year or _year_from_name(table.file)
    defs = shipped_defs("indicators_eenzaamheid.yaml")
    columns = [c for c in table.header[4:] if c in defs and _filled(table, c)]
    for c in table.header[4:]:
        if c not in columns:
            report.warnings.append(f"column {c!r} is empty or unknown; not imported")
    known, records = opts.known_names or {}, []
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        code = str(row["wijkcode"]).strip().upper()
        if opts.gemeente and code[2:6] != opts.gemeente[2:]:
            continue
        name = known.get(code) or clean_area_name(str(row["wijknaam"]))
        for c in columns:
            value = None if is_empty(row[c]) else to_number(row[c], ".", table, line, c)
            records.append(Record(code, defs[c].id, year, value, EENZAAMHEID_SOURCE, line, c, opts.status, c,
                                  name, "wijk"))
    if not records and opts.gemeente:
        raise BadInputError(key="ggd.no_wijken", file=table.file, gemeente=opts.gemeente)
    used = [defs[c].model_copy(update={"source_table": table.file}) for c in columns]
    info = BatchInfo(report, table.file, {d.id: d.unit for d in used}, used, SOURCES, opts.known_names)
    return build_batch(records, info)


def _year_from_name(file: str) -> int:
    m = re.search(r"(20\d\d)", file)
    return int(m.group(1)) if m else 2016


def _filled(table: RawTable, column: str) -> bool:
    return any(not is_empty(cell) for _, cell in table.cells(column))


def read_eenzaamheid_file(path: Path, catalogue: Catalogue, **kw: object) -> ImportBatch:
    table = load_csv(path)
    expect_header(is_eenzaamheid(table.header), table, "wijkcode,wijknaam,gemnr,gemnaam,...")
    return read_eenzaamheid(table, options_from(kw))


register("table_format", "eenzaamheid", read_eenzaamheid_file, label_nl="Eenzaamheid per wijk (2016)",
         label_en="Loneliness per wijk (2016)", help="WijkEenzaamheid2016.csv")
