"""Value, share, no-data and caveat facts for one area, indicator and year."""

from __future__ import annotations

from assistant.facts.index import AreaInfo, Row
from assistant.facts.obs import Obs, inhabitants, obs_from_row, share_obs, share_rows
from assistant.facts.sink import FactSink
from assistant.facts.words import PER_PERSON_UNITS, count, num, pct, shown, title
from assistant.schemas import FactNumber
from retrieval.models import IndicatorDef

# Totals that other indicators are shares of; a bare count of anything else needs its denominator.
BASE_COUNTS = frozenset({"inwoners", "huishoudens", "woningvoorraad", "bedrijfsvestigingen", "personenautos"})


def no_data(sink: FactSink, nl: str, en: str, area: str | None = None, indicator: str | None = None,
            year: int | None = None, numbers: list[FactNumber] | None = None,
            labels: tuple[str | IndicatorDef | None, ...] = (), flags: list[str] | None = None) -> None:
    sink.add("no_data", nl, en, numbers or [], labels=labels, area_code=area, indicator=indicator, year=year,
             flags=flags or [])


def value_obs(sink: FactSink, info: AreaInfo, d: IndicatorDef, rows: list[Row], year: int) -> Obs | None:
    """The value fact (or why there is none) and the caveats that belong to it."""
    this_year = [r for r in rows if r.year == year]
    row = next((r for r in this_year if r.value is not None), this_year[0] if this_year else None)
    t_nl, t_en = title(d, "nl", lower=True), title(d, "en", lower=True)
    if row is None:
        no_data(sink, f"Voor {info.name} zijn er geen cijfers over {t_nl} in {year}.",
                f"There are no figures on {t_en} for {info.name} in {year}.", info.code, d.id, year,
                labels=(d, info.name))
        return None
    pop = inhabitants(sink.index, info.code, year)
    if pop == 0 and d.unit in PER_PERSON_UNITS:
        no_data(sink, f"{info.name} had in {year} geen inwoners (0). Daarom zijn er geen cijfers over {t_nl}.",
                f"{info.name} had no inhabitants (0) in {year}, so there are no figures on {t_en}.",
                info.code, d.id, year, [num(0, "count", 0, "count")], (d, info.name))
        return None
    if row.value is None:
        no_data(sink, f"Het cijfer over {t_nl} in {info.name} in {year} is geheim: de bron publiceert het niet, "
                f"bijvoorbeeld omdat het over te weinig mensen gaat. Daarom geven we geen verschil of plaats.",
                f"The figure on {t_en} for {info.name} in {year} is suppressed: the source does not publish it, "
                "for example because it concerns too few people. So there is no difference or rank.",
                info.code, d.id, year, labels=(d, info.name), flags=["suppressed"])
        return None
    obs = obs_from_row(sink.index, row, d)
    assert obs is not None  # the row has a value
    _value_fact(sink, obs)
    caveats_for(sink, info, d, row, pop)
    return obs


def _value_fact(sink: FactSink, obs: Obs) -> None:
    d = obs.d
    sink.add("value", f"{title(d, 'nl')} in {obs.name} ({obs.year}): {shown(obs.shown, d, 'nl')}.",
             f"{title(d, 'en')} in {obs.name} ({obs.year}): {shown(obs.shown, d, 'en')}.",
             [num(obs.shown, d.unit, d.decimals, "value")], list(obs.rows),
             labels=(d, obs.name), value=obs.value, unit=d.unit,
             decimals=d.decimals, area_code=obs.area, indicator=d.id, year=obs.year)


def caveats_for(sink: FactSink, info: AreaInfo, d: IndicatorDef, row: Row, pop: float | None) -> None:
    common = {"area_code": info.code, "indicator": d.id, "year": row.year, "unit": "count"}
    population_caveat(sink, info, d.id, row.year, pop)
    if d.denominator and d.denominator != "inwoners":
        _small_denominator(sink, info, d, row)
    if d.unit == "count" and not d.denominator and d.id not in BASE_COUNTS:
        label = f" ({d.denominator_label_nl})" if d.denominator_label_nl else ""
        sink.add("caveat", f"Let op: {title(d, 'nl', lower=True)} is een aantal{label}. Het totaal waar het een "
                 "deel van is, is niet geladen. Een groter gebied heeft vanzelf meer; vergelijk daarom liever "
                 "een percentage of een cijfer per 1.000 inwoners.",
                 f"Note: {title(d, 'en', lower=True)} is a count and its total is not loaded. A larger area "
                 "naturally has more; compare a percentage or a rate per 1,000 inhabitants instead.",
                 [], [], labels=(d, "per 1.000"), **{**common, "unit": d.unit})
    others = [s for s in sink.index.sources_for(d.id, row.year) if s != row.source
              and sink.index.row(info.code, d.id, row.year, s) is not None]
    if others:
        sink.add("caveat", f"Let op: ook {', '.join(others)} heeft een cijfer over {title(d, 'nl', lower=True)} "
                 f"voor {info.name}. Die bron telt op een andere manier; we tonen het cijfer van {row.source}.",
                 f"Note: {', '.join(others)} also has a figure on {title(d, 'en', lower=True)} for {info.name}. "
                 f"It counts differently; we show the figure from {row.source}.",
                 [], [], labels=(d, info.name), **{**common, "unit": d.unit})


def population_caveat(sink: FactSink, info: AreaInfo, indicator: str, year: int, pop: float | None) -> None:
    """Few inhabitants: a few people move a rate a lot. (Zero inhabitants is said by the no-data fact.)"""
    if pop is None or not 0 < pop < sink.settings.small_population:
        return
    sink.add("caveat", f"Let op: {info.name} had in {year} maar {count(pop, 'nl')} inwoners. Bij zo weinig "
             "inwoners kunnen een paar mensen een cijfer al sterk veranderen.",
             f"Note: {info.name} had only {count(pop, 'en')} inhabitants in {year}. With so few "
             "inhabitants, a few people can change a figure a lot.",
             [num(pop, "count", 0, "count")], [], labels=(info.name,), value=pop, area_code=info.code,
             flags=["small_population"],
             indicator=indicator, year=year, unit="count")


def _small_denominator(sink: FactSink, info: AreaInfo, d: IndicatorDef, row: Row) -> None:
    den_d = sink.catalogue.get(d.denominator or "")
    den = share_rows(sink.index, info.code, d.id, d.denominator or "", row.year, row.source)[1]
    if den_d is None or den is None or den.value is None or den.value >= sink.settings.small_denominator:
        return
    _denominator_caveat(sink, info, den_d, den.value, row.year, d.id)


def _denominator_caveat(sink: FactSink, info: AreaInfo, den_d: IndicatorDef, value: float, year: int,
                        indicator: str) -> None:
    t_nl, t_en = title(den_d, "nl", lower=True), title(den_d, "en", lower=True)
    sink.add("caveat", f"Let op: dit cijfer gaat in {info.name} over maar {count(value, 'nl')} ({t_nl}, {year}). "
             "Bij zo weinig kan een klein verschil in aantallen een groot verschil in het cijfer geven.",
             f"Note: in {info.name} this figure covers only {count(value, 'en')} ({t_en}, {year}). With so "
             "few, a small change in numbers makes a large change in the figure.",
             [num(value, "count", 0, "count")], [], labels=(info.name, den_d), area_code=info.code,
             flags=["small_population"],
             indicator=indicator, year=year, unit="count", value=value)


def share_fact(sink: FactSink, info: AreaInfo, num_d: IndicatorDef, den_d: IndicatorDef, year: int) -> Obs | None:
    """A share computed from two counts, with its denominator named; never from a suppressed cell."""
    top, bottom = share_rows(sink.index, info.code, num_d.id, den_d.id, year)
    n_nl, d_nl = title(num_d, "nl", lower=True), title(den_d, "nl", lower=True)
    n_en, d_en = title(num_d, "en", lower=True), title(den_d, "en", lower=True)
    if top is None or bottom is None or top.value is None or bottom.value is None or bottom.value <= 0:
        why_nl, why_en = _no_share_reason(top, bottom, den_d.id == "inwoners")
        no_data(sink, f"Het aandeel {n_nl} van {d_nl} in {info.name} ({year}) kunnen we niet berekenen: {why_nl}.",
                f"The share of {n_en} in {d_en} for {info.name} ({year}) cannot be computed: {why_en}.",
                info.code, num_d.id, year, [num(0, "count", 0, "count")] if bottom and bottom.value == 0 else [],
                (num_d, den_d, info.name))
        return None
    obs = share_obs(sink.index, sink.catalogue, info.code, num_d.id, den_d.id, year, top.source)
    assert obs is not None  # both cells are published and the denominator is above zero
    share = obs.shown
    nums = [num(share, "percent", obs.d.decimals, "value"), num(top.value, "count", 0, "count"),
            num(bottom.value, "count", 0, "of")]
    sink.add("share", f"{title(num_d, 'nl')} in {info.name} ({year}): {count(top.value, 'nl')} van de "
             f"{count(bottom.value, 'nl')} ({d_nl}). Dat is {pct(share, 'nl', obs.d.decimals)}: {n_nl} gedeeld "
             f"door {d_nl}.",
             f"{title(num_d, 'en')} in {info.name} ({year}): {count(top.value, 'en')} of "
             f"{count(bottom.value, 'en')} ({d_en}). That is {pct(share, 'en', obs.d.decimals)}: {n_en} divided "
             f"by {d_en}.", nums, [top, bottom], labels=(num_d, den_d, info.name),
             value=obs.value, unit="percent", decimals=obs.d.decimals, area_code=info.code, indicator=num_d.id,
             year=year)
    population_caveat(sink, info, num_d.id, year, inhabitants(sink.index, info.code, year))
    if den_d.id != "inwoners" and bottom.value < sink.settings.small_denominator:
        _denominator_caveat(sink, info, den_d, bottom.value, year, num_d.id)
    return obs


def _no_share_reason(top: Row | None, bottom: Row | None, people: bool) -> tuple[str, str]:
    if top is None or bottom is None:
        return "een van de twee aantallen ontbreekt", "one of the two counts is missing"
    if top.value is None or bottom.value is None:
        return "een van de twee aantallen is geheim", "one of the two counts is suppressed"
    if people:
        return "er wonen geen mensen (0 inwoners)", "nobody lives there (0 inhabitants)"
    return "het totaal is 0", "the total is 0"
