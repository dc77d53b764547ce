"""Readers that turn published tables into an ImportBatch for the indicator store."""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import BadInputError
from retrieval.models import ImportReport
from retrieval.tables.catalogue import Catalogue, base_catalogue
from retrieval.tables.store import IndicatorStore


def ingest_table(
    store: IndicatorStore,
    path: Path,
    fmt: str | None = None,
    year: int | None = None,
    names: Path | None = None,
    metadata: Path | None = None,
    shown_as: str | None = None,
    **options: object,
) -> ImportReport:
    """Read one file in the given format and merge it into the store atomically."""
    path = Path(path)
    if not path.is_file():
        raise BadInputError(key="file.missing", path=path)
    fmt = fmt or _guess_format(path)
    data = store.load()
    known = dict(zip(data.areas["area_code"], data.areas["area_name"], strict=True))
    batch = read_table(path, fmt, year=year, names=names, metadata=metadata, catalogue=data.catalogue,
                       known_names=known, **options)
    if shown_as:  # an upload saved under a generated name: the dataset carries the user's file name
        batch.report.file = shown_as
    return store.merge(batch)


def read_table(path: Path, fmt: str, catalogue: Catalogue | None = None, **kw: object):  # type: ignore[no-untyped-def]
    from retrieval.tables.readers.formats import read

    return read(path, fmt, catalogue or base_catalogue(), **kw)


def _guess_format(path: Path) -> str:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return "xlsx"
    head = path.read_bytes()[:2048]
    if b"WijkenEnBuurten" in head or b"Codering_3" in head:
        return "cbs"
    from retrieval.tables.readers.formats import guess_format

    return guess_format(path)
