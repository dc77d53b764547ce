"""The facts engine: every number an answer states, computed with pandas/numpy, each with its source.

`build_facts` turns resolved area codes and indicator ids into numbered facts (F1, F2, …) with ready
Dutch and English sentences, chart data, caveats and attribution. The LLM only rephrases these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.core.settings import Settings
from assistant.facts.compare import compare, compare_parents
from assistant.facts.index import AreaInfo, FactIndex, Row, index_for
from assistant.facts.obs import Obs, obs_like
from assistant.facts.rank import rank_and_spread
from assistant.facts.sink import FactSink
from assistant.facts.top import top_list
from assistant.facts.trend import trend
from assistant.facts.value import no_data, share_fact, value_obs
from assistant.facts.words import title
from assistant.schemas import ChartSeries, Fact
from retrieval.models import IndicatorDef
from retrieval.tables.store import StoreData


@dataclass
class FactRequest:
    areas: list[str]  # area codes, already resolved
    indicators: list[str]
    years: list[int] | None = None  # None: the latest year with a figure, per area and indicator
    compare_areas: bool = True  # against the parents (stadsdeel, gemeente, Nederland)
    top: tuple[str, int, bool] | None = None  # (level, n, highest) within each requested area's gemeente
    share: tuple[str, str] | None = None  # (numerator id, denominator id), computed from counts
    trend: bool = True
    trend_years: list[int] | None = None  # the years a trend question named ("2019 tot 2021"); a missing one is said


@dataclass
class FactSet:
    facts: list[Fact] = field(default_factory=list)
    charts: list[ChartSeries] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)  # the sentences of the caveat facts
    attribution: list[str] = field(default_factory=list)  # e.g. "Bron: CBS, tabel 84583NED (CC BY 4.0)"
    no_data: list[str] = field(default_factory=list)  # the sentences of the no_data facts

    def said(self, kind: str, language: str) -> list[str]:
        """The caveat or no-data sentences in the answer's language (the lists above are the Dutch ones)."""
        if language != "en":
            return list(self.caveats if kind == "caveat" else self.no_data)
        return [f.text_en or f.text for f in self.facts if f.kind == kind]


def build_facts(data: StoreData, req: FactRequest, settings: Settings) -> FactSet:
    sink = FactSink(index_for(data), data.catalogue, settings)
    known = _known_areas(sink, req.areas)
    defs = _known_indicators(sink, req.indicators)
    firsts: dict[str, Obs] = {}
    for info in known:
        for d in defs:
            obs = _area_indicator(sink, info, d, req)
            if obs is not None and d.id not in firsts:
                firsts[d.id] = obs
            elif obs is not None and info.code != firsts[d.id].area:
                _compare_areas(sink, firsts[d.id], info.code)
    if req.share:
        _shares(sink, known, req.share, req.years)
    if req.top:
        _tops(sink, known, defs, req.top, req.years, req.share)
    return FactSet(sink.facts, sink.charts, sink.caveats, sink.attribution, sink.no_data)


def _compare_areas(sink: FactSink, first: Obs, code: str) -> None:
    """Like with like: the first area's year, else the latest year both areas have a figure for."""
    other = obs_like(sink.index, sink.catalogue, first, code, first.year)
    if other is None:
        years = [{r.year for r in sink.index.rows(c, first.numerator) if r.value is not None}
                 for c in (first.area, code)]
        common = max(years[0] & years[1], default=None)
        base = obs_like(sink.index, sink.catalogue, first, first.area, common) if common else None
        other = obs_like(sink.index, sink.catalogue, first, code, common) if base and common else None
        first = base or first
    if other is not None:
        compare(sink, first, other)


def _known_areas(sink: FactSink, codes: list[str]) -> list[AreaInfo]:
    known = []
    for code in dict.fromkeys(codes):
        info = sink.index.area(code)
        if info is None:
            no_data(sink, f"Het gebied {code} staat niet in de geladen cijfers.",
                    f"The area {code} is not in the loaded figures.", area=code, labels=(code,))
        else:
            known.append(info)
    return known


def _known_indicators(sink: FactSink, ids: list[str]) -> list[IndicatorDef]:
    defs = []
    for ind in dict.fromkeys(ids):
        d = sink.catalogue.get(ind)
        if d is None or not sink.index.has_indicator(ind):
            name_nl, name_en = (title(d, "nl", lower=True), title(d, "en", lower=True)) if d else (ind, ind)
            no_data(sink, f"Er zijn geen cijfers over {name_nl} geladen.", f"No figures on {name_en} are loaded.",
                    indicator=ind, labels=(d or ind,))
        else:
            defs.append(d)
    return defs


def _area_indicator(sink: FactSink, info: AreaInfo, d: IndicatorDef, req: FactRequest) -> Obs | None:
    """Value, share, comparisons, rank and spread per year, then the trend; returns the headline figure."""
    rows = sink.index.rows(info.code, d.id)
    if not rows:
        no_data(sink, f"Voor {info.name} zijn er geen cijfers over {title(d, 'nl', lower=True)} geladen.",
                f"No figures on {title(d, 'en', lower=True)} are loaded for {info.name}.", info.code, d.id,
                labels=(d, info.name))
        return None
    headline = None
    for year in _years(rows, req.years):
        obs = value_obs(sink, info, d, rows, year)
        if obs is None:
            continue
        den = sink.catalogue.get(d.denominator or "") if d.unit == "count" and d.id != d.denominator else None
        if den is not None:
            obs = share_fact(sink, info, d, den, year) or obs
        if req.compare_areas:
            compare_parents(sink, info, obs)
        rank_and_spread(sink, info, obs)
        headline = headline or obs
    if req.trend:
        trend(sink, info, d, rows, req.years, req.trend_years)
    return headline


def _years(rows: list[Row], wanted: list[int] | None) -> list[int]:
    """The asked years; else the latest year with a published figure (or the latest at all)."""
    if wanted:
        return sorted(set(wanted))
    published = [r.year for r in rows if r.value is not None]
    return [max(published or [r.year for r in rows])]


def _shares(sink: FactSink, known: list[AreaInfo], share: tuple[str, str], years: list[int] | None) -> None:
    num_d, den_d = sink.catalogue.get(share[0]), sink.catalogue.get(share[1])
    if num_d is None or den_d is None:
        missing = share[0] if num_d is None else share[1]
        no_data(sink, f"Er zijn geen cijfers over {missing} geladen.", f"No figures on {missing} are loaded.",
                indicator=missing, labels=(missing,))
        return
    for info in known:
        rows = sink.index.rows(info.code, num_d.id)
        for year in _years(rows, years) if rows else []:
            obs = share_fact(sink, info, num_d, den_d, year)
            if obs is not None:
                compare_parents(sink, info, obs)
                rank_and_spread(sink, info, obs)


def _tops(sink: FactSink, known: list[AreaInfo], defs: list[IndicatorDef], top: tuple[str, int, bool],
          years: list[int] | None, share: tuple[str, str] | None = None) -> None:
    """A share asked is ranked by share (computed from the counts when CBS publishes none)."""
    level, n, highest = top
    scopes = list(dict.fromkeys(_scope_of(sink.index, info, level) for info in known))
    for scope in (s for s in scopes if s is not None):
        for d in defs:
            den = sink.catalogue.get(share[1]) if share and share[0] == d.id else None
            if years:
                for year in years:
                    top_list(sink, scope, d, level, n, highest, year, den)
            else:  # the latest year in which this scope's areas have a figure
                any(top_list(sink, scope, d, level, n, highest, y, den) for y in reversed(sink.index.years(d.id)))


def _scope_of(index: FactIndex, info: AreaInfo, level: str) -> AreaInfo | None:
    """Rank inside the area itself when it is the gemeente (or the country for gemeenten), else its gemeente."""
    if info.level == "gemeente" or (info.level == "land" and level == "gemeente"):
        return info
    return index.area(info.scope) if info.scope and info.level != "land" else None

