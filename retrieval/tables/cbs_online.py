"""`duiding import-cbs 84583NED --gemeente GM0518`: a KWB table straight from CBS StatLine (cbsodata).

It fetches the TypedDataSet rows of one gemeente (plus NL00, the national reference), DataProperties and
the WijkenEnBuurten code list, and builds the same ImportBatch as the CSV reader (cbs_kwb.batch_from_rows).
cbsodata replaces region keys by their titles in WijkenEnBuurten, so the code is taken from Codering.
"""

from __future__ import annotations

import math
from typing import Any

from assistant.core.errors import BackendUnavailableError, BadInputError, MissingExtraError
from retrieval.models import ImportReport
from retrieval.tables.area_names import area_names
from retrieval.tables.catalogue import Catalogue, key_stem
from retrieval.tables.cbs_keys import properties_from_items
from retrieval.tables.cbs_kwb import SOURCE, batch_from_rows
from retrieval.tables.codes import KWB_TABLES, clean_area_name
from retrieval.tables.readers.options import ReadOptions
from retrieval.tables.store import ImportBatch, IndicatorStore


def _offline() -> BackendUnavailableError:
    """Made when raised, so the message is in the reader's language of that moment (DUIDING_LANG)."""
    return BackendUnavailableError(key="statline.offline")


def import_cbs(
    store: IndicatorStore, table_id: str, gemeente: str, year: int | None = None, status: str = "definitief"
) -> ImportReport:
    """Fetch one gemeente's wijken and buurten from StatLine and merge them atomically."""
    data = store.load()
    batch = fetch_kwb(table_id, gemeente, data.catalogue, year=year, status=status)
    return store.merge(batch)


def fetch_kwb(
    table_id: str, gemeente: str, catalogue: Catalogue, year: int | None = None, status: str = "definitief"
) -> ImportBatch:
    opts = ReadOptions(gemeente=gemeente, status=status)  # validates both
    gm = str(opts.gemeente)
    table_id = table_id.strip().upper()
    year = year or KWB_TABLES.get(table_id)
    if year is None:
        raise BadInputError(key="statline.unknown_year", table=table_id)
    typed, props, regions = _download(table_id, gm)
    rows = [_as_text(r) for r in typed if _code(r) == "NL00" or _code(r)[2:6] == gm[2:]]
    if not rows:
        raise BadInputError(key="statline.no_rows", table=table_id, gemeente=gm)
    names = {str(r["Key"]).strip(): clean_area_name(str(r["Title"])) for r in regions}
    report = ImportReport(file=f"StatLine {table_id}", format="cbs-online", source=SOURCE, rows=len(rows),
                          years=[year])
    return batch_from_rows(rows, catalogue, year=year, table=table_id, props=properties_from_items(props),
                           names=area_names(None, names), status=status, report=report)


def _download(table_id: str, gm: str) -> tuple[list[dict], list[dict], list[dict]]:
    try:
        import cbsodata
        import requests
    except ImportError as exc:
        raise MissingExtraError("cbsodata", "online") from exc
    # Padded keys ('GM0518    ') defeat 'eq'; substringof also matches a few foreign codes, dropped later.
    filters = f"substringof('{gm[2:]}',WijkenEnBuurten) or substringof('NL00',WijkenEnBuurten)"
    try:
        typed = cbsodata.get_data(table_id, typed=True, filters=filters)
        props = cbsodata.get_meta(table_id, "DataProperties")
        regions = cbsodata.get_meta(table_id, "WijkenEnBuurten")
    except requests.HTTPError as exc:
        if "404" in str(exc):
            raise BadInputError(key="statline.no_table", table=table_id) from exc
        raise _offline() from exc
    except (OSError, requests.RequestException) as exc:
        raise _offline() from exc
    return typed, props, regions


def _code(row: dict[str, Any]) -> str:
    key = next((k for k in row if key_stem(k) == "Codering"), "WijkenEnBuurten")
    return str(row.get(key) or "").strip()


def _as_text(row: dict[str, Any]) -> dict[str, str]:
    """A typed row as the CSV has it: the code in WijkenEnBuurten, '.' for None, numbers as text."""
    out = {k: _text(v) for k, v in row.items()}
    out["WijkenEnBuurten"] = _code(row)
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "."
    if isinstance(value, float):
        return f"{value:.10f}".rstrip("0").rstrip(".")
    return str(value)
