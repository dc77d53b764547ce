"""Rank and spread among sibling areas (top-N lists are in top.py). Suppressed values never get a place."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.facts.index import AreaInfo
from assistant.facts.obs import Obs
from assistant.facts.sink import ChartRow, FactSink
from assistant.facts.words import level_word, num, ordinal, rnd, rnd_array, short, title

MIN_RANKED = 3  # a place among fewer areas says nothing
MIN_SPREAD = 8  # quartiles of fewer values are mostly noise


@dataclass(frozen=True)
class PeerValues:
    """The peers of one area for one figure: codes, values (NaN = no figure) and where the area sits."""

    codes: list[str]
    values: np.ndarray

    @property
    def known(self) -> np.ndarray:
        return self.values[~np.isnan(self.values)]

    @property
    def missing(self) -> int:
        return int(np.isnan(self.values).sum())


def field_for(sink: FactSink, info: AreaInfo, obs: Obs) -> PeerValues:
    """Same level, same gemeente, same year and source; a computed share is computed for every peer."""
    idx = sink.index
    top = idx.peers(obs.numerator, obs.year, obs.source, info.level, info.scope)
    if not obs.denominator:
        return PeerValues(top.codes, np.where(top.suppressed, np.nan, top.values))
    bottom = idx.peers(obs.denominator, obs.year, obs.rows[1].source, info.level, info.scope)
    den = dict(zip(bottom.codes, np.where(bottom.suppressed | (bottom.values <= 0), np.nan, bottom.values),
                   strict=True))
    shares = [v / den.get(c, np.nan) * 100 if not s else np.nan
              for c, v, s in zip(top.codes, top.values, top.suppressed, strict=True)]
    return PeerValues(top.codes, np.array(shares, dtype=float))


def rank_and_spread(sink: FactSink, info: AreaInfo, obs: Obs) -> None:
    if info.scope is None or info.level in ("land", ""):
        return
    field = field_for(sink, info, obs)
    if obs.area not in field.codes:
        return  # its level or gemeente differs in this year's table: a place among others would mislead
    if len(field.known) >= MIN_RANKED:
        _rank(sink, info, obs, field)
        _siblings_chart(sink, obs, field)
    if len(field.known) >= MIN_SPREAD:
        _spread(sink, info, obs, field)


def _scope_name(sink: FactSink, info: AreaInfo) -> str:
    scope = sink.index.area(info.scope or "")
    return scope.name if scope else (info.scope or "")


def _rank(sink: FactSink, info: AreaInfo, obs: Obs, field: PeerValues) -> None:
    known, v = field.known, obs.value
    above, below = int((known > v).sum()), int((known < v).sum())
    tied = len(known) - above - below > 1
    from_top = above <= below
    place = (above if from_top else below) + 1
    n, k, where = len(known), field.missing, _scope_name(sink, info)
    plural_nl, plural_en = level_word(info.level, "nl"), level_word(info.level, "en")
    side_nl, side_en = ("hoogste", "highest") if from_top else ("laagste", "lowest")
    shared_nl, shared_en = ("gedeeld " if tied else ""), ("joint " if tied else "")
    pos_nl = f"de {shared_nl}{ordinal(place, 'nl')} {side_nl}" if place > 1 or tied else f"de {side_nl}"
    pos_en = f"the {shared_en}{ordinal(place, 'en')} {side_en}" if place > 1 or tied else f"the {side_en}"
    nl = f"{title(obs.d, 'nl')} ({obs.year}): {obs.name} is {pos_nl} van {n} {plural_nl} in {where} met een cijfer."
    en = f"{title(obs.d, 'en')} ({obs.year}): {obs.name} is {pos_en} of {n} {plural_en} in {where} with a figure."
    numbers = [num(n, "count", 0, "of")]
    if place > 1 or tied:
        numbers.insert(0, num(place, "count", 0, "rank"))
    if k:
        nl += f" {k} {plural_nl if k > 1 else level_word(info.level, 'nl', False)} " \
              f"{'hebben' if k > 1 else 'heeft'} geen cijfer."
        en += f" {k} {plural_en if k > 1 else level_word(info.level, 'en', False)} " \
              f"{'have' if k > 1 else 'has'} no figure."
        numbers.append(num(k, "count", 0, "count"))
    sink.add("rank", nl, en, numbers, list(obs.rows), labels=(obs.d, obs.name, where),
             value=float(place), unit=obs.d.unit, area_code=obs.area, indicator=obs.numerator, year=obs.year)


def _spread(sink: FactSink, info: AreaInfo, obs: Obs, field: PeerValues) -> None:
    d, dec = obs.d, obs.d.decimals
    q1, q3 = (rnd(q, dec) for q in quartiles(field.known))
    v, n, where = obs.shown, len(field.known), _scope_name(sink, info)
    lo_nl, hi_nl = short(q1, d.unit, dec, "nl"), short(q3, d.unit, dec, "nl")
    lo_en, hi_en = short(q1, d.unit, dec, "en"), short(q3, d.unit, dec, "en")
    group_nl = f"de {n} {level_word(info.level, 'nl')} in {where} met een cijfer"
    group_en = f"the {n} {level_word(info.level, 'en')} in {where} with a figure"
    head_nl, head_en = f"{title(d, 'nl')} ({obs.year})", f"{title(d, 'en')} ({obs.year})"
    if v > q3 or v < q1:
        side_nl, side_en = ("hoogste", "highest") if v > q3 else ("laagste", "lowest")
        nl = (f"{head_nl}: {obs.name} hoort bij het {side_nl} kwart van {group_nl}. De middengroep ligt "
              f"tussen {lo_nl} en {hi_nl}; {obs.name} ligt {'daarboven' if v > q3 else 'daaronder'}.")
        en = (f"{head_en}: {obs.name} is in the {side_en} quarter of {group_en}. The middle group lies "
              f"between {lo_en} and {hi_en}; {obs.name} is {'above' if v > q3 else 'below'} it.")
    else:
        nl = f"{head_nl}: {obs.name} ligt in de middengroep van {group_nl}: tussen {lo_nl} en {hi_nl}."
        en = f"{head_en}: {obs.name} is in the middle group of {group_en}: between {lo_en} and {hi_en}."
    numbers = [num(q1, d.unit, dec, "quartile"), num(q3, d.unit, dec, "quartile"), num(n, "count", 0, "of")]
    sink.add("spread", nl, en, numbers, list(obs.rows), labels=(d, obs.name, where), value=obs.value,
             unit=d.unit, decimals=dec, area_code=obs.area, indicator=obs.numerator, year=obs.year)


def quartiles(values: np.ndarray) -> tuple[float, float]:
    """Q1 and Q3 with linear interpolation (numpy's default), without np.quantile's overhead."""
    ordered = np.sort(values)
    return tuple(_at(ordered, (len(ordered) - 1) * p) for p in (0.25, 0.75))  # type: ignore[return-value]


def _at(ordered: np.ndarray, pos: float) -> float:
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (pos - low))


def _siblings_chart(sink: FactSink, obs: Obs, field: PeerValues) -> None:
    values = rnd_array(field.values, obs.d.decimals)
    order = np.lexsort((-np.nan_to_num(values, nan=0.0), np.isnan(values)))  # highest first, no figure last
    rows: list[ChartRow] = []
    for i in order.tolist():
        code = field.codes[i]
        info = sink.index.area(code)
        value = None if np.isnan(values[i]) else float(values[i])
        rows.append({"code": code, "name": info.name if info else code, "value": value, "is_target": code == obs.area})
    sink.chart("siblings", f"{title(obs.d, 'nl')}, {obs.year}", obs.numerator, obs.d.unit, rows,
               sink.source_line(obs.rows[0]))
