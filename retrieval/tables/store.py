"""The indicator store: one canonical long table, persisted as Parquet snapshots.

Writes are atomic: a new snapshot directory is written and fsynced, then the CURRENT pointer is
replaced with os.replace. A failed or killed import never touches the snapshot in use.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from assistant.core.errors import ConflictError
from retrieval.models import Dataset, ImportReport, IndicatorDef
from retrieval.tables.atomic import fsync_path
from retrieval.tables.catalogue import Catalogue, base_catalogue
from retrieval.tables.datasets import DATASETS_FILE, describe, find, read_datasets, register, with_counts
from retrieval.tables.store_frames import DATASET, dtype, extra_defs, imported_defs, same, upsert, write_json

T = TypeVar("T")
KEY = ["area_code", "indicator", "year", "source"]
VALUE_COLUMNS = KEY + [
    "area_name", "level", "parent_code", "value", "suppressed", "status", "table", "source_key",
]
AREA_COLUMNS = ["area_code", "year", "source", "area_name", "level", "parent_code", "boundary_change"]
STORED_VALUES, STORED_AREAS = VALUE_COLUMNS + [DATASET], AREA_COLUMNS + [DATASET]


def empty_values() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in VALUE_COLUMNS})


def empty_areas() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in AREA_COLUMNS})


def _dtype(col: str) -> str:
    return dtype(col)


def _with_dataset(frame: pd.DataFrame) -> pd.DataFrame:
    """Snapshots written before datasets existed have no dataset column: their rows belong to none."""
    return frame if DATASET in frame else frame.assign(**{DATASET: None})


def _tagged(batch: ImportBatch, known: list[Dataset]) -> tuple[pd.DataFrame, pd.DataFrame, Dataset]:
    """The batch's rows tagged with its dataset id (a re-import of the same file keeps its id)."""
    report = batch.report
    dataset = register(known, describe(batch.values, batch.areas, report.file, report.source, report.rows))
    return batch.values.assign(**{DATASET: dataset.id}), batch.areas.assign(**{DATASET: dataset.id}), dataset


@dataclass
class ImportBatch:
    """What one reader produced, before it is merged into the store."""

    values: pd.DataFrame
    areas: pd.DataFrame
    indicators: list[IndicatorDef]
    sources: dict[str, dict[str, str]]
    report: ImportReport


@dataclass
class StoreData:
    """A loaded snapshot. Treat as read-only."""

    values: pd.DataFrame
    areas: pd.DataFrame
    catalogue: Catalogue
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    snapshot: str = ""
    alias_file: Path | None = None  # the user's everyday names for areas (area_aliases.yaml in the data dir)
    _derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return self.values.empty

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """Something derived from this snapshot (an index, a lookup), built once and dropped with it."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]  # type: ignore[return-value]


class IndicatorStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._cache: StoreData | None = None

    @property
    def alias_file(self) -> Path:
        return self.root.parent / "area_aliases.yaml"

    @property
    def _pointer(self) -> Path:
        return self.root / "CURRENT"

    def current_snapshot(self) -> str | None:
        try:
            return self._pointer.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def load(self) -> StoreData:
        snap = self.current_snapshot()
        if self._cache is not None and self._cache.snapshot == (snap or ""):
            return self._cache
        self._cache = self._read(snap)
        return self._cache

    def _read(self, snap: str | None) -> StoreData:
        catalogue = base_catalogue()
        if snap is None:
            return StoreData(empty_values(), empty_areas(), catalogue, alias_file=self.alias_file)
        d = self.root / snap
        values = _with_dataset(pd.read_parquet(d / "values.parquet"))
        areas = _with_dataset(pd.read_parquet(d / "areas.parquet"))
        for item in json.loads((d / "catalogue.json").read_text(encoding="utf-8")):
            catalogue.add(IndicatorDef(**item))
        sources = json.loads((d / "sources.json").read_text(encoding="utf-8"))
        return StoreData(values, areas, catalogue, sources, snap, alias_file=self.alias_file)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time, across processes."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise ConflictError(key="table.conflict") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def merge(self, batch: ImportBatch) -> ImportReport:
        """Add a batch as one dataset; rows with the same key replace the old ones. Atomic and idempotent."""
        with self.lock():
            self._remove_orphans()
            cur = self._read(self.current_snapshot())
            known = read_datasets(self._dir(cur.snapshot))
            batch_values, batch_areas, dataset = _tagged(batch, known)
            values = upsert(cur.values, batch_values, KEY, STORED_VALUES)
            areas = upsert(cur.areas, batch_areas, ["area_code", "year", "source"], STORED_AREAS)
            extra = extra_defs(cur.catalogue, batch.indicators)
            sources = {**cur.sources, **batch.sources}
            datasets = with_counts([d for d in known if d.id != dataset.id] + [dataset], values)
            report = batch.report
            if same(values, cur.values) and same(areas, cur.areas) and sources == cur.sources and not extra \
                    and datasets == with_counts(known, cur.values):
                report.changed = False
                return report
            self._write_snapshot(values, areas, imported_defs(cur.catalogue) + extra, sources, datasets)
            return report

    def replace_all(self, batch: ImportBatch) -> ImportReport:
        """Start from an empty store (used by `duiding demo --reset`)."""
        with self.lock():
            self._remove_orphans()  # a killed import or reset leaves these behind
            values, areas, dataset = _tagged(batch, [])
            self._write_snapshot(values, areas, batch.indicators, batch.sources, with_counts([dataset], values))
            return batch.report

    def datasets(self) -> list[Dataset]:
        """Every import in the store now, oldest first."""
        return read_datasets(self._dir(self.current_snapshot()))

    def remove_dataset(self, dataset_id: str) -> Dataset:
        """Remove exactly one dataset's rows, atomically: a new snapshot, or (on any failure) the old one."""
        with self.lock():
            self._remove_orphans()
            snap = self.current_snapshot()
            known = read_datasets(self._dir(snap))
            gone = find(known, dataset_id)
            cur = self._read(snap)
            values = cur.values[cur.values[DATASET] != gone.id]
            areas = cur.areas[cur.areas[DATASET] != gone.id]
            rest = with_counts([d for d in known if d.id != gone.id], values)
            self._write_snapshot(values, areas, imported_defs(cur.catalogue), cur.sources, rest)
            return gone

    def _dir(self, snap: str | None) -> Path | None:
        return self.root / snap if snap else None

    def _write_snapshot(
        self, values: pd.DataFrame, areas: pd.DataFrame, defs: list[IndicatorDef], sources: dict,
        datasets: list[Dataset],
    ) -> None:
        old = self.current_snapshot()
        name = f"snap-{uuid.uuid4().hex[:12]}"
        tmp = self.root / f".tmp-{name}"
        tmp.mkdir(parents=True)
        values.reset_index(drop=True).to_parquet(tmp / "values.parquet", index=False)
        areas.reset_index(drop=True).to_parquet(tmp / "areas.parquet", index=False)
        write_json(tmp / "catalogue.json", [d.model_dump() for d in defs])
        write_json(tmp / "sources.json", sources)
        write_json(tmp / DATASETS_FILE, [d.model_dump() for d in datasets])
        for f in tmp.iterdir():
            fsync_path(f)
        os.replace(tmp, self.root / name)
        pointer_tmp = self.root / ".CURRENT.tmp"
        pointer_tmp.write_text(name, encoding="utf-8")
        fsync_path(pointer_tmp)
        os.replace(pointer_tmp, self._pointer)
        fsync_path(self.root)
        if old:
            shutil.rmtree(self.root / old, ignore_errors=True)

    def _remove_orphans(self) -> None:
        """Leftovers of a killed import: never referenced, safe to delete."""
        keep = self.current_snapshot()
        for p in self.root.iterdir():
            if p.name.startswith(".tmp-") or (p.name.startswith("snap-") and p.name != keep):
                shutil.rmtree(p, ignore_errors=True)
