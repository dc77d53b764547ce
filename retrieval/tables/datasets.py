"""Datasets: each import is one, with an id; the store tags its rows with that id so one can be removed.

A row that a later import replaced (same area, indicator, year and source) belongs to the later dataset.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from assistant.core.errors import NotFoundError
from retrieval.models import Dataset
from retrieval.tables.areas import gemeente_codes
from retrieval.tables.regions import shipped_regions

DATASETS_FILE = "datasets.json"


def read_datasets(snapshot_dir: Path | None) -> list[Dataset]:
    path = snapshot_dir / DATASETS_FILE if snapshot_dir else None
    if path is None or not path.is_file():
        return []
    return [Dataset(**d) for d in json.loads(path.read_text(encoding="utf-8"))]


def describe(values: pd.DataFrame, areas: pd.DataFrame, file: str, source: str, rows: int) -> Dataset:
    """A new import, before it has an id: which gemeenten, years and tables its rows cover."""
    gms = gemeente_codes(areas) if not areas.empty else pd.Series(dtype=object)
    codes = sorted({c for c in gms if isinstance(c, str) and c != "NL00"})
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    regions = shipped_regions().by_code
    return Dataset(
        id="", file=file, source=source, rows=rows, gemeenten=codes,
        gemeente_names=[names.get(c) or (regions[c].name if c in regions else c) for c in codes],
        table=", ".join(sorted({str(t) for t in values["table"].dropna().unique()})) if "table" in values else "",
        years=sorted({int(y) for y in values["year"].unique()}) if not values.empty else [],
        imported=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def register(existing: list[Dataset], new: Dataset) -> Dataset:
    """The same file of the same gemeenten, source and years keeps its id (a re-import); else a new id.
    Two files of the same name from different gemeenten are two datasets."""
    same = next((d for d in existing if (d.file, d.source, d.gemeenten, d.years) ==
                 (new.file, new.source, new.gemeenten, new.years)), None)
    if same is not None:
        return new.model_copy(update={"id": same.id, "imported": same.imported})
    taken = [int(d.id[1:]) for d in existing if d.id[1:].isdigit()]
    return new.model_copy(update={"id": f"d{max(taken, default=0) + 1}"})


def with_counts(datasets: list[Dataset], values: pd.DataFrame) -> list[Dataset]:
    """The registry with each dataset's current number of value rows; datasets left with none are dropped."""
    counts = values["dataset"].value_counts().to_dict() if "dataset" in values else {}
    return [d.model_copy(update={"values": int(counts.get(d.id, 0))}) for d in datasets if counts.get(d.id, 0)]


def find(datasets: list[Dataset], dataset_id: str) -> Dataset:
    found = next((d for d in datasets if d.id == dataset_id.strip()), None)
    if found is None:
        known = "; ".join(f"{d.id} ({label(d)})" for d in datasets) or "-"
        raise NotFoundError(key="dataset.unknown", dataset=dataset_id, known=known)
    return found


def label(d: Dataset) -> str:
    """'marginal_distributions_84583NED.csv, Utrecht, 2019': enough to tell two files of one name apart."""
    return ", ".join([d.file, *d.gemeente_names, *(str(y) for y in d.years)])
