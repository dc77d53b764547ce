"""An observation: one published (or computed) number for one area and year, with the rows behind it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.facts.index import FactIndex, Row
from assistant.facts.words import rnd, title
from retrieval.models import IndicatorDef
from retrieval.tables.catalogue import Catalogue

SHARE_DECIMALS = 1


@dataclass(frozen=True)
class Obs:
    area: str
    name: str
    year: int
    value: float
    d: IndicatorDef  # unit, decimals and titles of what is stated (a synthetic def for computed shares)
    rows: tuple[Row, ...]
    numerator: str  # the stored indicator id; for a share, its numerator
    denominator: str | None = None  # set when the value is computed as numerator ÷ denominator × 100

    @property
    def shown(self) -> float:
        return rnd(self.value, self.d.decimals)

    @property
    def source(self) -> str:
        return self.rows[0].source


def share_def(num: IndicatorDef, den: IndicatorDef) -> IndicatorDef:
    """What a computed share is called: '65-plussers' as a share of 'inwoners'."""
    return IndicatorDef(
        id=f"{num.id}__{den.id}", unit="percent", decimals=SHARE_DECIMALS, theme=num.theme,
        title_nl=f"{num.title_nl} (aandeel van {title(den, 'nl', lower=True)})",
        title_en=f"{num.title_en} (share of {title(den, 'en', lower=True)})",
        denominator=den.id, denominator_label_nl=f"van {title(den, 'nl', lower=True)}",
        denominator_label_en=f"of {title(den, 'en', lower=True)}",
    )


def obs_from_row(index: FactIndex, row: Row, d: IndicatorDef) -> Obs | None:
    if row.value is None:
        return None
    info = index.area(row.area_code)
    return Obs(row.area_code, info.name if info else row.area_code, row.year, row.value, d, (row,), d.id)


def pick_row(index: FactIndex, area: str, indicator: str, year: int, source: str | None = None,
             only: bool = False) -> Row | None:
    """The row for this year: the given source if it has one, else (unless `only`) the preferred source."""
    order = index.sources_for(indicator, year)
    if only:
        order = [s for s in order if s == source]
    elif source in order:
        order = [source, *[s for s in order if s != source]]
    rows = [r for r in (index.row(area, indicator, year, s) for s in order) if r is not None]
    published = [r for r in rows if r.value is not None]
    return next(iter(published or rows), None)


def share_rows(
    index: FactIndex, area: str, num: str, den: str, year: int, source: str | None = None, only: bool = False
) -> tuple[Row | None, Row | None]:
    top = pick_row(index, area, num, year, source, only)
    bottom = pick_row(index, area, den, year, top.source if top else source, only)
    return top, bottom


def share_obs(index: FactIndex, cat: Catalogue, area: str, num: str, den: str, year: int,
              source: str | None = None, only: bool = False) -> Obs | None:
    """num ÷ den × 100, only from two published cells and a denominator above zero."""
    top, bottom = share_rows(index, area, num, den, year, source, only)
    num_d, den_d = cat.get(num), cat.get(den)
    if top is None or bottom is None or num_d is None or den_d is None:
        return None
    if top.value is None or bottom.value is None or bottom.value <= 0:
        return None
    info = index.area(area)
    return Obs(area, info.name if info else area, year, top.value / bottom.value * 100,
               share_def(num_d, den_d), (top, bottom), num, den)


def obs_like(index: FactIndex, cat: Catalogue, like: Obs, area: str, year: int,
             same_dataset: bool = False) -> Obs | None:
    """The same kind of number as `like` (stored value or computed share) for another area or year.

    With `same_dataset`, only from like's own source: a reference value never comes from another dataset
    (the demo city's "Nederland" is no national figure for Den Haag).
    """
    if like.denominator:
        return share_obs(index, cat, area, like.numerator, like.denominator, year, like.source, same_dataset)
    row = pick_row(index, area, like.numerator, year, like.source, same_dataset)
    return obs_from_row(index, row, like.d) if row else None


def inhabitants(index: FactIndex, area: str, year: int) -> float | None:
    row = pick_row(index, area, "inwoners", year)
    return row.value if row else None
