"""Comparison facts: an area against its parents (stadsdeel, gemeente, Nederland) and against another area."""

from __future__ import annotations

from assistant.facts.index import AreaInfo
from assistant.facts.obs import Obs, obs_like
from assistant.facts.sink import ChartRow, FactSink
from assistant.facts.words import RELATIVE_DECIMALS, diff, direction_of, higher, num, pct, rnd, short, title

# A wijk's count beside its gemeente's count compares sizes, not situations: no parent comparison.
NO_PARENT_COMPARE = frozenset({"count", "ha", "code"})
NO_COMPARE = frozenset({"code"})
NATIONAL = "land"


def parents(sink: FactSink, info: AreaInfo) -> list[AreaInfo]:
    """Loaded parents, nearest first, up to and including Nederland."""
    chain: list[AreaInfo] = []
    ref = info
    while ref.parent and len(chain) < 6:
        parent = sink.index.area(ref.parent)
        if parent is None:
            break
        chain.append(parent)
        ref = parent
    return chain


def compare_parents(sink: FactSink, info: AreaInfo, obs: Obs) -> None:
    if obs.d.unit in NO_PARENT_COMPARE:
        return
    chart_rows: list[ChartRow] = [
        {"code": obs.area, "name": obs.name, "value": obs.shown, "is_target": True}]
    national = False
    for parent in parents(sink, info):
        ref = _reference(sink, obs, parent.code)
        if ref is None:
            continue
        national = national or parent.level == NATIONAL
        compare(sink, obs, ref)
        chart_rows.append({"code": ref.area, "name": ref.name, "value": ref.shown, "is_target": False})
    if not national and info.level != NATIONAL:
        _no_national(sink, obs)
    if len(chart_rows) > 1:
        sink.chart("reference", f"{title(obs.d, 'nl')}, {obs.year}", obs.d.id, obs.d.unit, chart_rows,
                   sink.source_line(obs.rows[0]))


def _reference(sink: FactSink, obs: Obs, code: str) -> Obs | None:
    """The parent's figure for the same year, else its nearest year (which the comparison names).

    Only from the observation's own dataset: datasets never mix silently (no national row means
    "geen landelijk cijfer geladen", even when another dataset has one).
    """
    same = obs_like(sink.index, sink.catalogue, obs, code, obs.year, same_dataset=True)
    if same is not None:
        return same
    years = sorted(sink.index.years(obs.numerator, obs.source), key=lambda y: (abs(y - obs.year), -y))
    for year in years:
        other = obs_like(sink.index, sink.catalogue, obs, code, year, same_dataset=True)
        if other is not None:
            return other
    return None


def _no_national(sink: FactSink, obs: Obs) -> None:
    t_nl, t_en = title(obs.d, "nl", lower=True), title(obs.d, "en", lower=True)
    sink.add("caveat", f"Er is geen landelijk cijfer (Nederland) geladen over {t_nl}. Een vergelijking met "
             "heel Nederland kan daarom niet.",
             f"No national figure (the Netherlands) is loaded for {t_en}, so there is no comparison with the "
             "whole country.", [], [], labels=(obs.d,), indicator=obs.numerator, unit=obs.d.unit)


def compare(sink: FactSink, a: Obs, b: Obs) -> None:
    """a against b: the difference in a's unit (procentpunt for percentages) and the relative difference."""
    if a.d.unit in NO_COMPARE:
        return
    d, dec = a.d, a.d.decimals
    delta = rnd(a.shown - b.shown, dec)
    direction = direction_of(delta)
    rel = rnd(delta / b.shown * 100, RELATIVE_DECIMALS) if b.shown and direction != "same" else None
    numbers = [num(a.shown, d.unit, dec, "value"), num(b.shown, d.unit, dec, "reference"),
               num(delta, d.unit, dec, "difference")]
    if rel is not None:
        numbers.append(num(rel, "percent", RELATIVE_DECIMALS, "relative"))
    nl, en = (_sentence(a, b, delta, rel, direction, lang) for lang in ("nl", "en"))
    sink.add("comparison", nl, en, numbers, [*a.rows, *b.rows], labels=(d, a.name, b.name),
             value=a.value, unit=d.unit, decimals=dec, direction=direction, area_code=a.area,
             indicator=a.numerator, year=a.year)
    if a.year != b.year:
        _other_year(sink, a, b)
    if a.source != b.source:
        _other_source(sink, a, b)


def _sentence(a: Obs, b: Obs, delta: float, rel: float | None, direction: str, lang: str) -> str:
    unit, dec = a.d.unit, a.d.decimals
    va, vb = short(a.shown, unit, dec, lang), short(b.shown, unit, dec, lang)
    word, nl = higher(direction, unit, lang), lang == "nl"
    joiner, than, verb = ("en", "dan in", "Het verschil is") if nl else ("and", "than in", "The difference is")
    if a.year == b.year:
        head = f"{title(a.d, lang)} in {a.year}: {a.name} {va} {joiner} {b.name} {vb}."
    else:
        head = f"{title(a.d, lang)}: {a.name} {va} ({a.year}) {joiner} {b.name} {vb} ({b.year})."
    if direction == "same":
        tail = word
    elif rel is not None:
        tail = f"in {a.name} {pct(rel, lang)} {word} {than} {b.name}"
    else:
        tail = f"in {a.name} {word} {than} {b.name}"
    return f"{head} {verb} {diff(delta, unit, dec, lang)}: {tail}."


def _other_year(sink: FactSink, a: Obs, b: Obs) -> None:
    sink.add("caveat", f"Let op: het cijfer van {b.name} is van {b.year}, dat van {a.name} van {a.year}. "
             "Een verschil kan ook door de jaren komen.",
             f"Note: the figure for {b.name} is from {b.year}, the one for {a.name} from {a.year}. A difference "
             "may also come from the years.", [], [], labels=(a.name, b.name), area_code=a.area,
             indicator=a.numerator, year=a.year, unit=a.d.unit)


def _other_source(sink: FactSink, a: Obs, b: Obs) -> None:
    sink.add("caveat", f"Let op: het cijfer van {a.name} komt uit {a.source}, dat van {b.name} uit {b.source}. "
             "De bronnen tellen niet op dezelfde manier; vergelijk ze voorzichtig.",
             f"Note: the figure for {a.name} comes from {a.source}, the one for {b.name} from {b.source}. The "
             "sources count differently; compare with care.", [], [], labels=(a.name, b.name),
             area_code=a.area, indicator=a.numerator, year=a.year, unit=a.d.unit)
