"""Table formats. Importing this module registers every table format (CBS KWB first).

Each reader module registers `factory(path, catalogue, **options) -> ImportBatch`; every reader ends in
readers.build.build_batch, which runs the shared checks in retrieval.tables.validate. A new format is one
module with its `register("table_format", ...)` call, plus its import line here.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.registry import get
from retrieval.tables import cbs_kwb  # noqa: F401  (registers "cbs")
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.readers import eenzaamheid, ggdh, long, wide, xlsx  # noqa: F401, I001  (each registers itself, in this order)  # noqa: F401
from retrieval.tables.readers.columns import find_roles
from retrieval.tables.readers.table import load_csv
from retrieval.tables.store import ImportBatch


def read(path: Path, fmt: str, catalogue: Catalogue, **kw: object) -> ImportBatch:
    """Read `path` in the registered format `fmt`; keyword options as in ReadOptions (others are ignored)."""
    return get("table_format", fmt).factory(path, catalogue, **kw)  # type: ignore[no-any-return]


def guess_format(path: Path) -> str:
    """Known files by their header; otherwise long when there are indicator and value columns, else wide."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return "xlsx"
    table = load_csv(path)
    if any(h.startswith(("WijkenEnBuurten", "Codering_")) for h in table.header):
        return "cbs"  # a KWB export in an encoding the byte check in ingest.py cannot see (UTF-16)
    if ggdh.is_ggdh(table.header):
        return "ggdh"
    if eenzaamheid.is_eenzaamheid(table.header):
        return "eenzaamheid"
    return "long" if {"indicator", "value"} <= set(find_roles(table, ("indicator", "value"))) else "wide"
