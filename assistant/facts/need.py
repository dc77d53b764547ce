"""Need rankings: the wijken of one gemeente ranked on a small, documented set of indicators.

Each wijk gets a place per indicator (1 = highest); the order is the average place, always shown with
its parts. It is a starting point, not a verdict: the answer says what the indicators leave out.
"""

from __future__ import annotations

from assistant.facts.index import AreaInfo
from assistant.facts.peers import LevelField, level_field
from assistant.facts.sink import FactSink
from assistant.facts.value import no_data
from assistant.facts.words import count, level_word, num, rnd, short, title
from assistant.understand.needs import Need

SHOWN = 5


def need_facts(sink: FactSink, scope: AreaInfo, need: Need, max_indicators: int,
               level: str = "wijk") -> tuple[list[str], list[str]]:
    """Facts for one gemeente -> (the codes of the wijken listed, best first; the indicator ids used)."""
    fields: list[LevelField] = []
    for ni in need.indicators:
        field = level_field(sink, ni.id, level, scope, ni.share)
        if field is not None and len(fields) < max_indicators:
            fields.append(field)
    if not fields:
        no_data(sink, f"Voor {need.title_nl} zijn er in {scope.name} geen cijfers per {level_word(level, 'nl', False)} "
                "geladen van de kenmerken die we daarvoor gebruiken.",
                f"For {need.title_en} no figures per {level_word(level, 'en', False)} are loaded in {scope.name} "
                "for the indicators we use.", area=scope.code, labels=(scope.name,))
        return [], []
    ranks = [f.ranks() for f in fields]
    common = [c for c in fields[0].values if all(c in f.values for f in fields)]
    mean = {c: sum(r[c] for r in ranks) / len(ranks) for c in common}
    order = sorted(common, key=lambda c: (mean[c], _name(sink, c)))[:SHOWN]
    _method_fact(sink, scope, need, fields, len(common), level)
    for place, code in enumerate(order, start=1):
        _wijk_fact(sink, scope, code, place, fields, ranks, mean[code])
    return order, [f.indicator for f in fields]


def _name(sink: FactSink, code: str) -> str:
    info = sink.index.area(code)
    return info.name if info else code


def _method_fact(sink: FactSink, scope: AreaInfo, need: Need, fields: list[LevelField], n: int, level: str) -> None:
    parts_nl = "; ".join(f"{title(f.d, 'nl', lower=True)} ({f.year})" for f in fields)
    parts_en = "; ".join(f"{title(f.d, 'en', lower=True)} ({f.year})" for f in fields)
    lw_nl, lw_en = level_word(level, "nl"), level_word(level, "en")
    nl = (f"Ranglijst voor {need.title_nl} in {scope.name}: de {lw_nl} met de hoogste cijfers op {len(fields)} "
          f"kenmerken: {parts_nl}. Per kenmerk krijgt elke {level_word(level, 'nl', False)} een plek (1 = hoogste); "
          f"de volgorde is de gemiddelde plek. {count(n, 'nl')} {lw_nl} hebben op alle kenmerken een cijfer.")
    en = (f"Ranking for {need.title_en} in {scope.name}: the {lw_en} with the highest figures on {len(fields)} "
          f"indicators: {parts_en}. On each indicator every {level_word(level, 'en', False)} gets a place "
          f"(1 = highest); the order is the average place. {count(n, 'en')} {lw_en} have a figure on all of them.")
    numbers = [num(len(fields), "count", 0, "count"), num(n, "count", 0, "of"), num(1, "count", 0, "rank")]
    sink.add("list", nl, en, numbers, [], labels=(scope.name, *(f.d for f in fields)), area_code=scope.code,
             indicator=fields[0].indicator, year=max(f.year for f in fields))


def _wijk_fact(sink: FactSink, scope: AreaInfo, code: str, place: int, fields: list[LevelField],
               ranks: list[dict[str, int]], mean: float) -> None:
    name = _name(sink, code)
    bits_nl, bits_en, numbers = [], [], [num(place, "count", 0, "rank")]
    for f, r in zip(fields, ranks, strict=True):
        v, n = f.shown(code), len(f.values)
        bits_nl.append(f"{title(f.d, 'nl', lower=True)} {short(v, f.d.unit, f.d.decimals, 'nl')} "
                       f"(plek {r[code]} van {n})")
        bits_en.append(f"{title(f.d, 'en', lower=True)} {short(v, f.d.unit, f.d.decimals, 'en')} "
                       f"(place {r[code]} of {n})")
        numbers += [num(v, f.d.unit, f.d.decimals, "value"), num(r[code], "count", 0, "rank"),
                    num(n, "count", 0, "of")]
    avg = rnd(mean, 1)
    numbers.append(num(avg, "count", 1, "value"))
    avg_nl, avg_en = f"{avg:.1f}".replace(".", ","), f"{avg:.1f}"
    nl = f"{place}. {name} ({scope.name}): {'; '.join(bits_nl)}. Gemiddelde plek: {avg_nl}."
    en = f"{place}. {name} ({scope.name}): {'; '.join(bits_en)}. Average place: {avg_en}."
    rows = [r for f in fields for r in f.rows(sink, [code])]
    sink.add("list", nl, en, numbers, rows, labels=(name, scope.name, *(f.d for f in fields)), value=float(place),
             area_code=code, indicator=fields[0].indicator, year=max(f.year for f in fields))
