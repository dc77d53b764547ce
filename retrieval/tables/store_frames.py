"""Frame helpers of the indicator store: upsert by key, equality, which indicator definitions to keep."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from retrieval.models import IndicatorDef
from retrieval.tables.catalogue import Catalogue, base_catalogue

DATASET = "dataset"  # the column that tags each stored row with the import it came from


def dtype(col: str) -> str:
    return {"year": "int64", "value": "float64", "suppressed": "bool", "boundary_change": "Int64"}.get(
        col, "object"
    )


def upsert(old: pd.DataFrame, new: pd.DataFrame, key: list[str], cols: list[str]) -> pd.DataFrame:
    new = new.reindex(columns=cols)
    if old.empty:
        out = new
    elif new.empty:
        out = old.reindex(columns=cols)
    else:
        out = pd.concat([old.reindex(columns=cols), new], ignore_index=True)
    out = out.drop_duplicates(subset=key, keep="last")
    out = out.astype({c: dtype(c) for c in cols if dtype(c) != "object"})
    return out.sort_values(key, kind="stable").reset_index(drop=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if len(a) != len(b):
        return False
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


def imported_defs(catalogue: Catalogue) -> list[IndicatorDef]:
    base = {d.id: d for d in base_catalogue()}
    return [d for d in catalogue if base.get(d.id) != d]


def extra_defs(catalogue: Catalogue, defs: list[IndicatorDef]) -> list[IndicatorDef]:
    return [d for d in defs if catalogue.get(d.id) != d]


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

