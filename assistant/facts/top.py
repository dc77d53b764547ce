"""Top-N lists that hold up: in the unit asked, with ties at the cut-off, small areas marked, gaps counted.

A share asked for is ranked by share; when CBS publishes only counts, the share is computed per area with
pandas-free numpy (numerator ÷ denominator × 100, never from a suppressed cell or a zero denominator) and
the sentence says it was computed. Places are decided on the values as shown (rounded), so two areas
shown with the same figure share their place, and a tie at the cut-off lists every tied area.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.facts.index import AreaInfo, Peers
from assistant.facts.obs import inhabitants, pick_row
from assistant.facts.sink import FactSink
from assistant.facts.value import population_caveat
from assistant.facts.words import count, level_word, num, ordinal, rnd_array, short, title
from assistant.schemas import FactNumber
from retrieval.models import IndicatorDef

SHARE_DECIMALS = 1


@dataclass(frozen=True)
class Placed:
    code: str
    value: float  # as shown (rounded)
    place: int
    tied: bool
    people: float | None  # inhabitants when under the small-population limit


@dataclass(frozen=True)
class Field:
    codes: list[str]
    values: np.ndarray  # NaN = no figure
    unit: str
    decimals: int
    derived: IndicatorDef | None  # the denominator when the share was computed from counts


def top_field(sink: FactSink, scope: AreaInfo, d: IndicatorDef, level: str, year: int,
              den: IndicatorDef | None) -> tuple[Field, str]:
    source = next(iter(sink.index.sources_for(d.id, year)), "")
    peers = sink.index.peers(d.id, year, source, level, scope.code)
    values = np.where(peers.suppressed, np.nan, peers.values)
    if den is None or d.unit != "count":
        return Field(peers.codes, values, d.unit, d.decimals, None), source
    bottom = _denominator_peers(sink, den, year, source, level, scope.code)
    by_code = dict(zip(bottom.codes, np.where(bottom.suppressed | (bottom.values <= 0), np.nan, bottom.values),
                       strict=True))
    totals = np.array([by_code.get(c, np.nan) for c in peers.codes], dtype=float)
    return Field(peers.codes, values / totals * 100, "percent", SHARE_DECIMALS, den), source


def _denominator_peers(sink: FactSink, den: IndicatorDef, year: int, source: str, level: str, scope: str) -> Peers:
    sources = sink.index.sources_for(den.id, year)
    pick = source if source in sources else next(iter(sources), source)
    return sink.index.peers(den.id, year, pick, level, scope)


def place_best(sink: FactSink, field: Field, n: int, highest: bool, year: int) -> list[Placed]:
    """The n best by the shown value, plus every area tied with the n-th."""
    shown = rnd_array(field.values, field.decimals)
    known = [(c, float(v)) for c, v in zip(field.codes, shown, strict=True) if not np.isnan(v)]
    known.sort(key=lambda p: (-p[1] if highest else p[1], p[0]))
    n = max(n, 1)
    cut = min(n, len(known))
    while cut < len(known) and known[cut][1] == known[cut - 1][1]:
        cut += 1
    values = [v for _, v in known]
    out = []
    for code, v in known[:cut]:
        better = sum(1 for x in values if (x > v if highest else x < v))
        pop = inhabitants(sink.index, code, year)
        small = pop is not None and 0 < pop < sink.settings.small_population
        out.append(Placed(code, v, better + 1, values.count(v) > 1, pop if small else None))
    return out


def top_list(sink: FactSink, scope: AreaInfo, d: IndicatorDef, level: str, n: int, highest: bool,
             year: int, den: IndicatorDef | None = None) -> bool:
    """The n areas of one level inside `scope` with the highest (or lowest) figure, in the unit asked."""
    field, source = top_field(sink, scope, d, level, year, den)
    total = int((~np.isnan(field.values)).sum())
    if not total:
        return False
    listed = place_best(sink, field, n, highest, year)
    k = len(field.codes) - total
    nl, en, numbers = _sentences(sink, scope, d, level, highest, year, field, listed, total, k, n)
    rows = [r for c in listed for r in (sink.index.row(c.code, d.id, year, source),
                                        pick_row(sink.index, c.code, field.derived.id, year, source)
                                        if field.derived else None) if r is not None]
    small = [c for c in listed if c.people is not None]
    labels = (d, field.derived, scope.name, *(_name(sink, c.code) for c in listed))
    sink.add("top", nl, en, numbers, rows, labels=labels, value=listed[0].value, unit=field.unit,
             decimals=field.decimals, area_code=scope.code, indicator=d.id, year=year,
             flags=["small_population"] if small else [])
    for c in small:
        info = sink.index.area(c.code)
        if info is not None:
            population_caveat(sink, info, d.id, year, c.people)
    return True


def _name(sink: FactSink, code: str) -> str:
    info = sink.index.area(code)
    return info.name if info else code


def _item(sink: FactSink, c: Placed, field: Field, lang: str) -> str:
    notes = [short(c.value, field.unit, field.decimals, lang)]
    if c.tied:
        notes.append(f"gedeeld {ordinal(c.place, 'nl')}" if lang == "nl" else f"joint {ordinal(c.place, 'en')}")
    if c.people is not None:
        notes.append(f"maar {count(c.people, 'nl')} inwoners" if lang == "nl"
                     else f"only {count(c.people, 'en')} inhabitants")
    return f"{_name(sink, c.code)} ({', '.join(notes)})"


def _sentences(sink: FactSink, scope: AreaInfo, d: IndicatorDef, level: str, highest: bool, year: int,
               field: Field, listed: list[Placed], total: int, k: int,
               n: int) -> tuple[str, str, list[FactNumber]]:
    many = len(listed) > 1
    items = {lang: [_item(sink, c, field, lang) for c in listed] for lang in ("nl", "en")}
    joined_nl = ", ".join(items["nl"][:-1]) + " en " + items["nl"][-1] if many else items["nl"][0]
    joined_en = ", ".join(items["en"][:-1]) + " and " + items["en"][-1] if many else items["en"][0]
    side_nl, side_en = ("hoogste", "highest") if highest else ("laagste", "lowest")
    lw_nl, lw_en = level_word(level, "nl", plural=many), level_word(level, "en", plural=many)
    article = "Het" if lw_nl == "stadsdeel" else "De"
    lead_nl = f"De {len(listed)} {lw_nl}" if many else f"{article} {lw_nl}"
    lead_en = f"The {len(listed)} {lw_en}" if many else f"The {lw_en}"
    what_nl, what_en = title(d, "nl", lower=True), title(d, "en", lower=True)
    if field.derived is not None:
        what_nl = f"het aandeel {what_nl} (van {title(field.derived, 'nl', lower=True)})"
        what_en = f"the share of {what_en} (of {title(field.derived, 'en', lower=True)})"
    nl = f"{lead_nl} in {scope.name} met het {side_nl} cijfer voor {what_nl} ({year}): {joined_nl}."
    en = f"{lead_en} in {scope.name} with the {side_en} figure for {what_en} ({year}): {joined_en}."
    if len(listed) > n:
        last, tied = listed[-1].place, len(listed) - listed[-1].place + 1
        nl += f" Op de {ordinal(last, 'nl')} plaats staan er {tied} gelijk; daarom staan er {len(listed)} in de lijst."
        en += f" {tied} are tied in {ordinal(last, 'en')} place, so the list has {len(listed)}."
    if field.derived is not None:
        nl += (" CBS publiceert hier geen percentage: Duiding berekende het aandeel per "
               f"{level_word(level, 'nl', False)} uit de twee aantallen van CBS.")
        en += f" CBS publishes no percentage here: Duiding computed the share per {level_word(level, 'en', False)} " \
              "from the two CBS counts."
    nl += f" {count(total, 'nl')} {level_word(level, 'nl', total != 1)} {'hebben' if total != 1 else 'heeft'} " \
          "een cijfer" + (f", {count(k, 'nl')} niet." if k else ".")
    en += f" {count(total, 'en')} {level_word(level, 'en', total != 1)} {'have' if total != 1 else 'has'} " \
          "a figure" + (f", {count(k, 'en')} do not." if k else ".")
    return nl, en, _numbers(field, listed, total, k, n)


def _numbers(field: Field, listed: list[Placed], total: int, k: int, n: int) -> list[FactNumber]:
    out = [num(c.value, field.unit, field.decimals, "value") for c in listed] + [num(total, "count", 0, "of")]
    out += [num(len(listed), "count", 0, "count")] if len(listed) > 1 else []
    out += [num(k, "count", 0, "count")] if k else []
    out += [num(c.place, "count", 0, "rank") for c in listed if c.tied]
    out += [num(c.people, "count", 0, "count") for c in listed if c.people is not None]
    if len(listed) > n:
        out.append(num(len(listed) - listed[-1].place + 1, "count", 0, "count"))
    return out
