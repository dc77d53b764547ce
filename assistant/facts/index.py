"""Fast lookups over one StoreData snapshot, built once and cached per snapshot object.

The long values table is sorted by (indicator, year, source, area) into flat numpy arrays, so one
area's row is a binary search inside its group and the peers of an area are one integer mask. At
all-NL scale (millions of rows) a pandas filter per lookup would cost milliseconds each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from retrieval.tables.areas import area_table
from retrieval.tables.store import StoreData

# The store's areas.boundary_change: 1 = the borders changed since the year before (0 or NA = not flagged).
# Careful: raw CBS IndelingswijzigingWijkenEnBuurten uses 1 = unchanged and 3 = new borders; readers translate.
BOUNDARY_CHANGED = (1,)
LEVELS = ("land", "gemeente", "stadsdeel", "wijk", "buurt")


@dataclass(frozen=True)
class Row:
    """One published cell; value is None when CBS (or the source) suppressed it."""

    area_code: str
    indicator: str
    year: int
    source: str
    value: float | None
    status: str
    table: str
    source_key: str

    @property
    def provisional(self) -> bool:
        return self.status == "voorlopig"


@dataclass(frozen=True)
class AreaInfo:
    code: str
    name: str
    level: str
    parent: str | None
    scope: str | None  # the gemeente whose areas of the same level are this area's peers


@dataclass(frozen=True)
class Peers:
    """Areas of one level in one scope for one (indicator, year, source); value NaN = suppressed."""

    codes: list[str]
    values: np.ndarray
    suppressed: np.ndarray


class FactIndex:
    def __init__(self, data: StoreData) -> None:
        self.sources = data.sources
        self.areas = _area_infos(data.areas)
        self.boundary = _boundary_flags(data.areas)
        self._build_values(data.values)

    def _build_values(self, values: pd.DataFrame) -> None:
        area_ids, codes = pd.factorize(values["area_code"], sort=True)
        self._codes = np.asarray(codes, dtype=object)  # numpy, not an Arrow-backed Index: fast fancy indexing
        ind_ids, inds = pd.factorize(values["indicator"])
        src_ids, srcs = pd.factorize(values["source"])
        years = values["year"].to_numpy(dtype=np.int64)
        order = _order(ind_ids, years, src_ids, area_ids)
        self._pos = order  # the text columns are read per answer row, not factorized for millions of rows
        self._text = {c: values[c].array for c in ("status", "table", "source_key")}
        self._area = area_ids[order].astype(np.int32)
        self._value = values["value"].to_numpy(dtype=np.float64)[order]
        self._supp = values["suppressed"].to_numpy(dtype=bool)[order] | np.isnan(self._value)
        self._groups = _group_bounds(ind_ids[order], years[order], src_ids[order], inds, srcs)
        self._keys = {ind: sorted(g, key=lambda k: (k[0], source_rank(k[1]))) for ind, g in self._groups.items()}
        self._id_of = {str(c): i for i, c in enumerate(self._codes)}
        infos = [self._info(c) for c in self._codes]
        self._level = np.array([LEVELS.index(i.level) if i.level in LEVELS else -1 for i in infos], dtype=np.int8)
        scopes = np.array([i.scope or "" for i in infos], dtype=object)
        self._scope_names, scope_ids = np.unique(scopes, return_inverse=True)
        self._scope = scope_ids.astype(np.int32)

    def _info(self, code: object) -> AreaInfo:
        code = str(code)
        return self.areas.get(code) or AreaInfo(code, code, "", None, None)

    def area(self, code: str) -> AreaInfo | None:
        return self.areas.get(code)

    def has_indicator(self, indicator: str) -> bool:
        return indicator in self._groups

    def row(self, area: str, indicator: str, year: int, source: str) -> Row | None:
        bounds = self._groups.get(indicator, {}).get((year, source))
        aid = self._id_of.get(area)
        if bounds is None or aid is None:
            return None
        start, stop = bounds
        pos = start + int(np.searchsorted(self._area[start:stop], aid))
        if pos >= stop or self._area[pos] != aid:
            return None
        return self._row_at(pos, area, indicator, year, source)

    def rows(self, area: str, indicator: str) -> list[Row]:
        """Every row of one area and indicator, by year, the preferred source first within a year."""
        found = (self.row(area, indicator, year, source) for year, source in self._keys.get(indicator, []))
        return [r for r in found if r is not None]

    def years(self, indicator: str, source: str | None = None) -> list[int]:
        return sorted({y for y, s in self._groups.get(indicator, {}) if source is None or s == source})

    def sources_for(self, indicator: str, year: int) -> list[str]:
        return [s for y, s in self._keys.get(indicator, []) if y == year]

    def peers(self, indicator: str, year: int, source: str, level: str, scope: str | None) -> Peers:
        bounds = self._groups.get(indicator, {}).get((year, source))
        scope_id = _find(self._scope_names, scope or "")
        if bounds is None or level not in LEVELS or scope_id is None:
            return Peers([], np.empty(0), np.empty(0, dtype=bool))
        start, stop = bounds
        ids = self._area[start:stop]
        mask = (self._level[ids] == LEVELS.index(level)) & (self._scope[ids] == scope_id)
        return Peers(self._codes[ids[mask]].tolist(), self._value[start:stop][mask],
                     self._supp[start:stop][mask])

    def _row_at(self, pos: int, area: str, indicator: str, year: int, source: str) -> Row:
        at = int(self._pos[pos])
        status, table, key = (_text(self._text[c][at]) for c in ("status", "table", "source_key"))
        value = None if self._supp[pos] else float(self._value[pos])
        return Row(area, indicator, year, source, value, status, table, key)


def source_rank(source: str) -> tuple[int, str]:
    """CBS first: when two sources publish the same indicator, the official figure leads."""
    return (0 if source.upper().startswith("CBS") else 1, source)


def _find(sorted_names: np.ndarray, name: str) -> int | None:
    pos = int(np.searchsorted(sorted_names, name))
    return pos if pos < len(sorted_names) and sorted_names[pos] == name else None


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(value)


def _order(ind: np.ndarray, year: np.ndarray, src: np.ndarray, area: np.ndarray) -> np.ndarray:
    """Row order by (indicator, year, source, area): one argsort of a packed key, else a lexsort."""
    if len(ind) == 0:
        return np.empty(0, dtype=np.int64)
    y = year - year.min()
    sizes = [int(ind.max()) + 1, int(y.max()) + 1, int(src.max()) + 1, int(area.max()) + 1]
    if float(np.prod(sizes, dtype=float)) >= 2.0**62:
        return np.lexsort((area, src, year, ind))
    key = ((ind.astype(np.int64) * sizes[1] + y) * sizes[2] + src) * sizes[3] + area
    return np.argsort(key, kind="stable")


def _group_bounds(
    ind: np.ndarray, year: np.ndarray, src: np.ndarray, inds: pd.Index, srcs: pd.Index
) -> dict[str, dict[tuple[int, str], tuple[int, int]]]:
    if len(ind) == 0:
        return {}
    change = np.flatnonzero((np.diff(ind) != 0) | (np.diff(year) != 0) | (np.diff(src) != 0)) + 1
    starts = np.concatenate(([0], change))
    stops = np.concatenate((change, [len(ind)]))
    out: dict[str, dict[tuple[int, str], tuple[int, int]]] = {}
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        key = (int(year[start]), str(srcs[src[start]]))
        out.setdefault(str(inds[ind[start]]), {})[key] = (start, stop)
    return out


def _area_infos(areas: pd.DataFrame) -> dict[str, AreaInfo]:
    refs = {r.code: r for r in area_table(areas)}
    out: dict[str, AreaInfo] = {}
    for ref in refs.values():
        scope, up, hops = None, ref.parent_code, 0
        if ref.level == "gemeente":
            scope = ref.parent_code or "-"
        while ref.level not in ("land", "gemeente") and up and hops < 6:
            parent = refs.get(up)
            if parent is None or parent.level == "gemeente":
                scope = up
                break
            up, hops = parent.parent_code, hops + 1
        out[ref.code] = AreaInfo(ref.code, ref.name, ref.level, ref.parent_code, scope)
    return out


def _boundary_flags(areas: pd.DataFrame) -> dict[str, dict[int, int]]:
    flagged = areas[areas["boundary_change"].isin(BOUNDARY_CHANGED).fillna(False).astype(bool)]
    out: dict[str, dict[int, int]] = {}
    for code, year, flag in zip(flagged["area_code"], flagged["year"], flagged["boundary_change"], strict=True):
        out.setdefault(str(code), {})[int(year)] = int(flag)
    return out


def index_for(data: StoreData) -> FactIndex:
    """The index of this StoreData object; built on first use and dropped with the object."""
    return data.cached("facts_index", lambda: FactIndex(data))
