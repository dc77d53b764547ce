"""One figure for every area of a level inside one gemeente: the base of need rankings and filters."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.facts.index import AreaInfo, Row
from assistant.facts.obs import share_def
from assistant.facts.sink import FactSink
from assistant.facts.words import rnd
from retrieval.models import IndicatorDef

MIN_AREAS = 3  # fewer areas with a figure: a ranking or a list says nothing


@dataclass(frozen=True)
class LevelField:
    d: IndicatorDef  # what is stated (a share definition for a computed share)
    indicator: str  # the stored id (the numerator of a share)
    denominator: str | None
    year: int
    source: str
    values: dict[str, float]  # area code -> value; published figures only
    missing: int  # areas of the level without a figure

    def shown(self, code: str) -> float:
        return rnd(self.values[code], self.d.decimals)

    def rows(self, sink: FactSink, codes: list[str]) -> list[Row]:
        rows = [sink.index.row(c, self.indicator, self.year, self.source) for c in codes]
        return [r for r in rows if r is not None]

    def ranks(self) -> dict[str, int]:
        """1 = highest; equal values share the best place."""
        return {c: 1 + sum(w > v for w in self.values.values()) for c, v in self.values.items()}


def level_field(sink: FactSink, ind: str, level: str, scope: AreaInfo, share: bool,
                year: int | None = None) -> LevelField | None:
    """The latest year (or the asked one) in which enough areas of `scope` have a figure."""
    d = sink.catalogue.get(ind)
    if d is None or not sink.index.has_indicator(ind):
        return None
    den_d = sink.catalogue.get(d.denominator or "") if share and d.unit == "count" and d.denominator else None
    years = [year] if year else list(reversed(sink.index.years(ind)))
    for y in years:
        for source in sink.index.sources_for(ind, y):
            field = _field(sink, d, den_d, level, scope, y, source)
            if field is not None:
                return field
    return None


def _field(sink: FactSink, d: IndicatorDef, den_d: IndicatorDef | None, level: str, scope: AreaInfo, year: int,
           source: str) -> LevelField | None:
    top = sink.index.peers(d.id, year, source, level, scope.code)
    values = {c: float(v) for c, v, s in zip(top.codes, top.values, top.suppressed, strict=True) if not s}
    if den_d is not None:
        bottom = sink.index.peers(den_d.id, year, source, level, scope.code)
        base = {c: float(v) for c, v, s in zip(bottom.codes, bottom.values, bottom.suppressed, strict=True)
                if not s and v > 0}
        values = {c: v / base[c] * 100 for c, v in values.items() if c in base}
    if len(values) < MIN_AREAS:
        return None
    stated = share_def(d, den_d) if den_d is not None else d
    return LevelField(stated, d.id, den_d.id if den_d else None, year, source, values,
                      len(top.codes) - len(values))
