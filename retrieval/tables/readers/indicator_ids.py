"""Indicator names in user tables -> catalogue ids, or new definitions built from the stated unit."""

from __future__ import annotations

import re
import unicodedata
from typing import get_args

from assistant.core.errors import BadInputError
from assistant.core.messages import At
from retrieval.models import ImportReport, IndicatorDef, Unit
from retrieval.tables.catalogue import Catalogue

UNIT_WORDS: dict[str, str] = {
    "%": "percent", "procent": "percent", "pct": "percent", "percentage": "percent",
    "per 1000": "per_1000", "per 1.000": "per_1000", "per 1 000": "per_1000", "‰": "per_1000",
    "per 1000 inwoners": "per_1000", "per 1.000 inwoners": "per_1000",
    "aantal": "count", "n": "count", "personen": "count", "absoluut": "count",
    "x 1000 euro": "euro_x1000", "x 1 000 euro": "euro_x1000", "x €1000": "euro_x1000",
    "gemiddelde": "average", "per km2": "per_km2", "per km²": "per_km2",
} | {u: u for u in get_args(Unit)}


def unit_from_text(text: str | None) -> str | None:
    """'%' -> 'percent'; None when the text is empty; raises for words we do not know."""
    key = re.sub(r"\s+", " ", (text or "").strip().casefold())
    if not key:
        return None
    if key not in UNIT_WORDS:
        raise ValueError(f"unknown unit {text!r}")
    return UNIT_WORDS[key]


def unit_from_header(header: str) -> str:
    """A wide table's column title often carries its unit: 'Jeugdzorg %', 'Wmo per 1.000'."""
    h = header.casefold()
    if "%" in h or "procent" in h or "percentage" in h:
        return "percent"
    if re.search(r"per\s*1[ .]?000|‰", h):
        return "per_1000"
    return "count"


def new_id(name: str) -> str:
    """'Jeugdzorg %' -> 'jeugdzorg_pct'; 'Één-oudergezinnen' -> 'een_oudergezinnen'."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace("%", " pct ")
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


class IndicatorIds:
    """Matches an indicator name on catalogue ids, titles and synonyms (case-insensitive)."""

    def __init__(self, catalogue: Catalogue, report: ImportReport, table: str) -> None:
        self.catalogue, self.report, self.table = catalogue, report, table
        self.new: dict[str, IndicatorDef] = {}
        self._index: dict[str, str] = {}
        for d in catalogue:
            for name in (d.title_nl, d.title_en, *d.synonyms, d.id):
                self._index[name.strip().casefold()] = d.id

    def known(self, name: str) -> str | None:
        return self._index.get(name.strip().casefold())

    def resolve(self, name: str, unit: str | None, where: At) -> str:
        """The id for `name`; an unknown name becomes a new indicator in `unit` (with a warning)."""
        ind_id = self._index.get(name.strip().casefold())
        if ind_id is not None:
            known = self.catalogue.get(ind_id)
            if unit and known and unit != known.unit:
                raise BadInputError(key="cell.unit_clash", at=where, name=name, known=known.unit, unit=unit)
            return ind_id
        return self._add(name, unit, where)

    def _add(self, name: str, unit: str | None, where: At) -> str:
        ind_id = new_id(name)
        if ind_id in self.catalogue:
            # 'Jeugdzorg %' is not the curated jeugdzorg_pct (whose definition it may not share): keep apart.
            ind_id = f"{ind_id}_eigen"
        if not ind_id:
            raise BadInputError(key="cell.empty_indicator", at=where)
        if ind_id in self.new:
            if unit and unit != self.new[ind_id].unit:
                raise BadInputError(key="cell.unit_changes", at=where, name=name, unit=unit,
                                    earlier=self.new[ind_id].unit)
            return ind_id
        self.new[ind_id] = IndicatorDef(
            id=ind_id, title_nl=name.strip(), title_en=name.strip(), unit=(unit or "count"),  # type: ignore[arg-type]
            decimals=1 if unit in ("percent", "average") else 0, source_table=self.table, source_key=name,
        )
        self.report.warnings.append(
            f"indicator {name!r} is not in the catalogue; imported as {ind_id} ({unit or 'count'}"
            + (")" if unit else ", no unit given)")
        )
        self._index[name.strip().casefold()] = ind_id
        return ind_id

    def units(self) -> dict[str, str]:
        out = {d.id: d.unit for d in self.catalogue}
        out.update({i: d.unit for i, d in self.new.items()})
        return out
