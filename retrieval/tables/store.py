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
from retrieval.models import ImportReport, IndicatorDef
from retrieval.tables.atomic import fsync_path
from retrieval.tables.catalogue import Catalogue, base_catalogue

T = TypeVar("T")
KEY = ["area_code", "indicator", "year", "source"]
VALUE_COLUMNS = KEY + [
    "area_name", "level", "parent_code", "value", "suppressed", "status", "table", "source_key",
]
AREA_COLUMNS = ["area_code", "year", "source", "area_name", "level", "parent_code", "boundary_change"]


def empty_values() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in VALUE_COLUMNS})


def empty_areas() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in AREA_COLUMNS})


def _dtype(col: str) -> str:
    return {"year": "int64", "value": "float64", "suppressed": "bool", "boundary_change": "Int64"}.get(
        col, "object"
    )


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
        values = pd.read_parquet(d / "values.parquet")
        areas = pd.read_parquet(d / "areas.parquet")
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
                raise ConflictError(
                    "Another import is running", "wait until it has finished and try again"
                ) from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def merge(self, batch: ImportBatch) -> ImportReport:
        """Add a batch; rows with the same key replace the old ones. Atomic and idempotent."""
        with self.lock():
            self._remove_orphans()
            cur = self._read(self.current_snapshot())
            values = _upsert(cur.values, batch.values, KEY, VALUE_COLUMNS)
            areas = _upsert(cur.areas, batch.areas, ["area_code", "year", "source"], AREA_COLUMNS)
            extra = _extra_defs(cur, batch.indicators)
            sources = {**cur.sources, **batch.sources}
            report = batch.report
            if _same(values, cur.values) and _same(areas, cur.areas) and sources == cur.sources and not extra:
                report.changed = False
                return report
            self._write_snapshot(values, areas, _imported_defs(cur) + extra, sources)
            return report

    def replace_all(self, batch: ImportBatch) -> ImportReport:
        """Start from an empty store (used by `duiding demo --reset`)."""
        with self.lock():
            self._remove_orphans()  # a killed import or reset leaves these behind
            self._write_snapshot(batch.values, batch.areas, batch.indicators, batch.sources)
            return batch.report

    def _write_snapshot(
        self, values: pd.DataFrame, areas: pd.DataFrame, defs: list[IndicatorDef], sources: dict
    ) -> None:
        old = self.current_snapshot()
        name = f"snap-{uuid.uuid4().hex[:12]}"
        tmp = self.root / f".tmp-{name}"
        tmp.mkdir(parents=True)
        values.reset_index(drop=True).to_parquet(tmp / "values.parquet", index=False)
        areas.reset_index(drop=True).to_parquet(tmp / "areas.parquet", index=False)
        _write_json(tmp / "catalogue.json", [d.model_dump() for d in defs])
        _write_json(tmp / "sources.json", sources)
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


def _upsert(old: pd.DataFrame, new: pd.DataFrame, key: list[str], cols: list[str]) -> pd.DataFrame:
    new = new.reindex(columns=cols)
    if old.empty:
        out = new
    elif new.empty:
        out = old
    else:
        out = pd.concat([old.reindex(columns=cols), new], ignore_index=True)
    out = out.drop_duplicates(subset=key, keep="last")
    out = out.astype({c: _dtype(c) for c in cols if _dtype(c) != "object"})
    return out.sort_values(key, kind="stable").reset_index(drop=True)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if len(a) != len(b):
        return False
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


def _imported_defs(cur: StoreData) -> list[IndicatorDef]:
    base = {d.id: d for d in base_catalogue()}
    return [d for d in cur.catalogue if base.get(d.id) != d]


def _extra_defs(cur: StoreData, defs: list[IndicatorDef]) -> list[IndicatorDef]:
    return [d for d in defs if cur.catalogue.get(d.id) != d]


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

