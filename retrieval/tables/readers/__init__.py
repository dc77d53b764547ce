"""Table readers besides CBS KWB: long, wide, xlsx, and two known files (GGDH wijkprofielen, loneliness 2016).

Every reader ends in readers.build.build_batch, which runs the shared checks in retrieval.tables.validate.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import BadInputError
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.store import ImportBatch
from retrieval.tables.readers.options import ReadOptions
from retrieval.tables.readers.table import RawTable, load_csv

FORMATS = ("long", "wide", "xlsx", "ggdh", "eenzaamheid")


def read(path: Path, fmt: str, catalogue: Catalogue, **kw: object) -> ImportBatch:
    """Read `path` in format `fmt` (see FORMATS); keyword options as in ReadOptions, others are ignored."""
    fields = ReadOptions.__dataclass_fields__
    opts = ReadOptions(**{k: v for k, v in kw.items() if k in fields and v is not None})  # type: ignore[arg-type]
    if fmt == "xlsx":
        from retrieval.tables.readers.xlsx import load_xlsx

        return _long_or_wide(load_xlsx(path, opts.sheet), catalogue, opts, "xlsx")
    if fmt not in FORMATS:
        raise BadInputError(f"unknown format {fmt!r}", f"use one of cbs, {', '.join(FORMATS)}")
    table = load_csv(path)
    if fmt == "ggdh":
        from retrieval.tables.readers.ggdh import is_ggdh, read_ggdh

        _expect(is_ggdh(table.header), table, "WKC,GMN,Wijknaam,YEAR")
        return read_ggdh(table, opts)
    if fmt == "eenzaamheid":
        from retrieval.tables.readers.eenzaamheid import is_eenzaamheid, read_eenzaamheid

        _expect(is_eenzaamheid(table.header), table, "wijkcode,wijknaam,gemnr,gemnaam,...")
        return read_eenzaamheid(table, opts)
    return _long_or_wide(table, catalogue, opts, fmt)


def guess_format(path: Path) -> str:
    """Known files by their header; otherwise long when there are indicator and value columns, else wide."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return "xlsx"
    from retrieval.tables.readers.columns import find_roles
    from retrieval.tables.readers.eenzaamheid import is_eenzaamheid
    from retrieval.tables.readers.ggdh import is_ggdh

    table = load_csv(path)
    if any(h.startswith(("WijkenEnBuurten", "Codering_")) for h in table.header):
        return "cbs"  # a KWB export in an encoding the byte check in tables.py cannot see (UTF-16)
    if is_ggdh(table.header):
        return "ggdh"
    if is_eenzaamheid(table.header):
        return "eenzaamheid"
    return "long" if {"indicator", "value"} <= set(find_roles(table, ("indicator", "value"))) else "wide"


def _long_or_wide(table: RawTable, catalogue: Catalogue, opts: ReadOptions, fmt: str) -> ImportBatch:
    from retrieval.tables.readers.columns import find_roles

    if fmt == "long" or (fmt == "xlsx" and len(find_roles(table, ("indicator", "value"))) == 2):
        from retrieval.tables.readers.long import read_long

        return read_long(table, catalogue, opts, fmt)
    from retrieval.tables.readers.wide import read_wide

    return read_wide(table, catalogue, opts, fmt)


def _expect(ok: bool, table: RawTable, header: str) -> None:
    if not ok:
        raise BadInputError(f"{table.file}: line 1 is not the expected header ({header})",
                            "check the file, or pick another --format")
