"""Trend facts: first to last year with a figure, the change and the change per year, with their flags."""

from __future__ import annotations

from assistant.facts.index import AreaInfo, Row
from assistant.facts.sink import ChartRow, FactSink
from assistant.facts.words import diff, direction_of, num, rnd, short, title
from retrieval.models import IndicatorDef

MOVED_NL = {"up": "gestegen", "down": "gedaald", "same": "gelijk gebleven"}
MOVED_EN = {"up": "rose", "down": "fell", "same": "stayed the same"}
NO_TREND_UNITS = frozenset({"code"})


def series(rows: list[Row], years: list[int] | None) -> list[Row]:
    """One row per year, preferring the source of the latest published figure; suppressed years stay in."""
    if not rows:
        return []
    published = [r for r in rows if r.value is not None] or rows
    latest = max(r.year for r in published)
    main = next(r.source for r in published if r.year == latest)  # rows put the preferred source first
    by_year: dict[int, Row] = {}
    for row in rows:
        best = by_year.get(row.year)
        if best is None or (row.source == main and best.source != main):
            by_year[row.year] = row
    if years and len(years) > 1:
        by_year = {y: r for y, r in by_year.items() if min(years) <= y <= max(years)}
    return [by_year[y] for y in sorted(by_year)]


SUBJECT = {"count": ("het aantal", "the number of"), "percent": ("het percentage", "the percentage of"),
           "per_1000": ("het cijfer per 1.000 voor", "the rate per 1,000 for")}


def subject(d: IndicatorDef, lang: str) -> str:
    """A subject the verb fits: 'Het aantal inwoners van 65 jaar of ouder is gestegen', not 'Inwoners … is'."""
    name = title(d, lang, lower=True)
    nl, en = SUBJECT.get(d.unit, ("het cijfer voor", "the figure for"))
    head = nl if lang == "nl" else en
    if name.startswith(("aantal ", "number of ", "percentage ", "het ", "de ", "the ")):
        head = "het" if lang == "nl" and name.startswith(("aantal ", "percentage ")) else (
            "the" if lang == "en" and name.startswith(("number of ", "percentage ")) else "")
    text = f"{head} {name}".strip()
    return text[0].upper() + text[1:]


def trend(sink: FactSink, info: AreaInfo, d: IndicatorDef, rows: list[Row], years: list[int] | None,
          asked: list[int] | None = None) -> None:
    line = series(rows, years)
    known = [r for r in line if r.value is not None]
    _missing_years(sink, info, d, {r.year for r in rows}, asked)  # a suppressed year is loaded, not missing
    if len(known) < 2 or d.unit in NO_TREND_UNITS:
        return
    first, last = known[0], known[-1]
    dec = d.decimals
    a, b = rnd(first.value or 0.0, dec), rnd(last.value or 0.0, dec)
    change = rnd(b - a, dec)
    per_year_exact = change / (last.year - first.year)
    per_year = rnd(per_year_exact, dec)  # people are whole: "ongeveer 48 per jaar", never "+47,5"
    direction = direction_of(change)
    numbers = [num(a, d.unit, dec, "first"), num(b, d.unit, dec, "last"), num(change, d.unit, dec, "change"),
               num(per_year, d.unit, dec, "per_year")]
    nl = (f"{subject(d, 'nl')} in {info.name} is {MOVED_NL[direction]}: van {short(a, d.unit, dec, 'nl')} in "
          f"{first.year} naar {short(b, d.unit, dec, 'nl')} in {last.year}.")
    en = (f"{subject(d, 'en')} in {info.name} {MOVED_EN[direction]}: from {short(a, d.unit, dec, 'en')} in "
          f"{first.year} to {short(b, d.unit, dec, 'en')} in {last.year}.")
    if direction != "same":
        about_nl, about_en = ("ongeveer ", "about ") if abs(per_year - per_year_exact) > 1e-9 else ("", "")
        step_nl, step_en = diff(abs(per_year), d.unit, dec, "nl").lstrip("+"), diff(
            abs(per_year), d.unit, dec, "en").lstrip("+")
        more_nl, more_en = ("erbij", "more") if direction == "up" else (
            "eraf", "fewer" if d.unit == "count" else "less")
        nl += f" Dat is {diff(change, d.unit, dec, 'nl')}: {about_nl}{step_nl} per jaar {more_nl}."
        en += f" That is {diff(change, d.unit, dec, 'en')}: {about_en}{step_en} {more_en} per year."
    sink.add("trend", nl, en, numbers, [last, first], labels=(d, info.name), value=change, unit=d.unit,
             decimals=dec, direction=direction, area_code=info.code, indicator=d.id, year=last.year)
    _flags(sink, info, d, line, first, last)
    _chart(sink, info, d, line)


def _missing_years(sink: FactSink, info: AreaInfo, d: IndicatorDef, have: set[int], asked: list[int] | None) -> None:
    """A trend '2019 tot 2021' with 2021 not loaded says so, instead of quietly ending in 2019."""
    from assistant.facts.value import no_data

    missing = sorted({y for y in asked or [] if y not in have})
    if not missing:
        return
    t_nl, t_en = title(d, "nl", lower=True), title(d, "en", lower=True)
    ys_nl, ys_en = " en ".join(map(str, missing)), " and ".join(map(str, missing))
    no_data(sink, f"Voor {info.name} is er geen cijfer over {t_nl} in {ys_nl}: dat jaar is niet geladen. "
            "De ontwikkeling loopt daarom alleen over de jaren die er wel zijn.",
            f"There is no figure on {t_en} for {info.name} in {ys_en}: that year is not loaded. "
            "So the trend covers only the years that are there.", info.code, d.id, missing[-1],
            labels=(d, info.name))


def _flags(sink: FactSink, info: AreaInfo, d: IndicatorDef, line: list[Row], first: Row, last: Row) -> None:
    common = {"area_code": info.code, "indicator": d.id, "year": last.year, "unit": d.unit}
    changed = sorted(y for y in sink.index.boundary.get(info.code, {}) if first.year < y <= last.year)
    if changed:
        years = ", ".join(str(y) for y in changed)
        sink.add("caveat", f"Let op: de grenzen of de code van {info.name} zijn tussen {first.year} en {last.year} "
                 f"veranderd (CBS-indelingswijziging in {years}). Een deel van de verandering kan daardoor komen.",
                 f"Note: the borders or the code of {info.name} changed between {first.year} and {last.year} "
                 f"(CBS boundary change in {years}). Part of the change may come from that.",
                 [], [], labels=(info.name,), flags=["boundary_change"], **common)
    provisional = [r.year for r in line if r.provisional and r.value is not None]
    if provisional:
        years = ", ".join(str(y) for y in provisional)
        sink.add("caveat", f"Let op: het cijfer over {title(d, 'nl', lower=True)} van {years} is voorlopig. "
                 "Het kan nog veranderen.",
                 f"Note: the figure on {title(d, 'en', lower=True)} for {years} is provisional. It may still change.",
                 [], [], labels=(d,), flags=["provisional"], **common)
    sources = list(dict.fromkeys(r.source for r in line if r.value is not None))
    if len(sources) > 1:
        sink.add("caveat", f"Let op: de cijfers over {title(d, 'nl', lower=True)} in {info.name} komen uit "
                 f"verschillende bronnen ({', '.join(sources)}). Die tellen niet op dezelfde manier; een deel "
                 "van de verandering kan daardoor komen.",
                 f"Note: the figures on {title(d, 'en', lower=True)} for {info.name} come from different sources "
                 f"({', '.join(sources)}). They count differently; part of the change may come from that.",
                 [], [], labels=(d, info.name), **common)


def _chart(sink: FactSink, info: AreaInfo, d: IndicatorDef, line: list[Row]) -> None:
    rows: list[ChartRow] = [
        {"year": r.year, "value": None if r.value is None else rnd(r.value, d.decimals),
         "provisional": r.provisional} for r in line]
    sink.chart("trend", f"{title(d, 'nl')} in {info.name}", d.id, d.unit, rows,
               "; ".join(dict.fromkeys(sink.source_line(r) for r in line)))
