"""Readers that turn published tables into an ImportBatch for the indicator store."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import BadInputError
from retrieval.catalogue import Catalogue, base_catalogue
from retrieval.indicators import IndicatorStore
from retrieval.models import ImportReport

FORMATS = ("cbs", "long", "wide", "xlsx", "ggdh", "eenzaamheid")
KWB_TABLES = {
    "84583NED": 2019, "84799NED": 2020, "85039NED": 2021, "85318NED": 2022, "85618NED": 2023,
    "85984NED": 2024,
}
KWB_BY_YEAR = {y: t for t, y in KWB_TABLES.items()}


def cbs_parent(code: str) -> str | None:
    """CBS codes nest by prefix: BU05180101 -> WK051801 -> GM0518 -> NL00."""
    if code.startswith("BU") and len(code) == 10:
        return "WK" + code[2:8]
    if code.startswith("WK") and len(code) == 8:
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return "NL00"
    return None


def level_for_code(code: str) -> str:
    return {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt", "SD": "stadsdeel"}.get(
        code[:2], "wijk"
    )


def clean_area_name(title: str) -> str:
    """'Wijk 36 Moerwijk' -> 'Moerwijk'; CBS code-list titles carry the wijk number."""
    return re.sub(r"^(Wijk|Buurt)\s+\d+\s+", "", title.strip()).strip() or title.strip()


def guess_year(path: Path) -> int | None:
    for table, year in KWB_TABLES.items():
        if table.lower() in path.name.lower():
            return year
    return None


def ingest_table(
    store: IndicatorStore,
    path: Path,
    fmt: str | None = None,
    year: int | None = None,
    names: Path | None = None,
    metadata: Path | None = None,
    **options: object,
) -> ImportReport:
    """Read one file in the given format and merge it into the store atomically."""
    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"{path}: file not found", "check the path")
    fmt = fmt or _guess_format(path)
    data = store.load()
    known = dict(zip(data.areas["area_code"], data.areas["area_name"], strict=True))
    batch = read_table(path, fmt, year=year, names=names, metadata=metadata, catalogue=data.catalogue,
                       known_names=known, **options)
    return store.merge(batch)


def read_table(path: Path, fmt: str, catalogue: Catalogue | None = None, **kw: object):  # type: ignore[no-untyped-def]
    catalogue = catalogue or base_catalogue()
    if fmt == "cbs":
        from retrieval.cbs_kwb import read_kwb

        return read_kwb(path, catalogue=catalogue, **kw)  # type: ignore[arg-type]
    from retrieval.readers import read

    return read(path, fmt, catalogue=catalogue, **kw)


def _guess_format(path: Path) -> str:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return "xlsx"
    head = path.read_bytes()[:2048]
    if b"WijkenEnBuurten" in head or b"Codering_3" in head:
        return "cbs"
    from retrieval.readers import guess_format

    return guess_format(path)
