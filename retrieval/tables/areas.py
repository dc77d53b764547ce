"""Find areas by name or code: case- and accent-insensitive, tolerant of prefixes and typos."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd

from assistant.core.errors import NotFoundError

LEVEL_RANK = {"land": 0, "gemeente": 1, "stadsdeel": 2, "wijk": 3, "buurt": 4}


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    level: str
    parent_code: str | None


def normalize(text: str) -> str:
    """'Wijk 36 Moerwijk' -> 'moerwijk'; 'de Schilderswijk' -> 'schilderswijk'; accents dropped."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^(wijk|buurt)\s+\d+\s+", "", s.strip())
    s = re.sub(r"^(de|het|t|the)\s+", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def area_table(areas: pd.DataFrame) -> list[AreaRef]:
    """The latest name per area code."""
    if areas.empty:
        return []
    # Codes that vanished after a boundary change stay in history, but names resolve to current codes.
    last_year = areas.groupby("source")["year"].transform("max")
    current = set(areas.loc[areas["year"] == last_year, "area_code"])
    latest = areas.sort_values("year").drop_duplicates("area_code", keep="last")
    latest = latest[latest["area_code"].isin(current)]
    return [
        AreaRef(r.area_code, r.area_name, r.level, r.parent_code if isinstance(r.parent_code, str) else None)
        for r in latest.itertuples()
    ]


class AreaIndex:
    """Normalized names of one list of areas, built once: at all-NL scale (17,000 areas) normalizing every
    name per question cost 0.5 s. Fuzzy (difflib) results are remembered per normalized phrase."""

    MAX_REMEMBERED = 10_000

    def __init__(self, refs: list[AreaRef]) -> None:
        self.refs = refs
        self.by_code: dict[str, list[AreaRef]] = {}
        self.by_name: dict[str, list[AreaRef]] = {}
        for r in refs:
            self.by_code.setdefault(r.code.lower(), []).append(r)
            self.by_name.setdefault(normalize(r.name), []).append(r)
        self._close: dict[str, list[AreaRef]] = {}

    def candidates(self, text: str) -> list[AreaRef]:
        """All areas the text could mean, best first; empty when nothing is close."""
        q = text.strip()
        if q.lower() in self.by_code:
            return list(self.by_code[q.lower()])
        nq = normalize(q)
        if nq in self.by_name:
            return _prefer_wijk(self.by_name[nq])
        if nq not in self._close:
            if len(self._close) >= self.MAX_REMEMBERED:
                self._close.clear()
            close = difflib.get_close_matches(nq, list(self.by_name), n=3, cutoff=0.85)
            self._close[nq] = _prefer_wijk(self.by_name[close[0]]) if close else []
        return list(self._close[nq])


_INDEXES: OrderedDict[int, AreaIndex] = OrderedDict()


def area_index(refs: list[AreaRef]) -> AreaIndex:
    """The index of this very list (a store snapshot keeps its list), built on first use; a few are kept."""
    index = _INDEXES.get(id(refs))
    if index is None or index.refs is not refs:
        index = AreaIndex(refs)
        _INDEXES[id(refs)] = index
        while len(_INDEXES) > 4:
            _INDEXES.popitem(last=False)
    return index


def candidates(refs: list[AreaRef], text: str) -> list[AreaRef]:
    """All areas the text could mean, best first; empty when nothing is close."""
    return area_index(refs).candidates(text)


def _prefer_wijk(found: list[AreaRef]) -> list[AreaRef]:
    """A wijk wins over its own buurt of the same name; otherwise keep all, higher levels first."""
    found = sorted(found, key=lambda r: LEVEL_RANK.get(r.level, 9))
    codes = {r.code for r in found}
    return [r for r in found if not (r.level == "buurt" and r.parent_code in codes)]


def resolve(refs: list[AreaRef], text: str) -> AreaRef:
    """Exactly one area, or a NotFoundError that lists what was meant."""
    found = candidates(refs, text)
    if not found:
        raise NotFoundError(f"Geen gebied gevonden met de naam '{text}'", "run `duiding areas` for the list")
    if len({r.parent_code for r in found}) > 1:
        options = ", ".join(f"{r.name} ({r.code})" for r in found)
        raise NotFoundError(f"'{text}' kan meerdere gebieden zijn: {options}", "use the area code")
    return found[0]
