"""Simulate the demo city: seeded buurt counts per year, summed upward, published as rounded values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.demo.counts import INDICATORS, SENSITIVE, SMALL_AREA, Counts, add, counts_for, published
from retrieval.demo.geo import PROVISIONAL_YEAR, YEARS, BuurtPlan, CityPlan, WijkPlan
from retrieval.demo.profile import NATIONAL, NATIONAL_GROWTH, NATIONAL_POPULATION, Rates, clip, in_year, wijk_rates
from retrieval.tables.catalogue import base_catalogue

# Wederik-Oost is built between 2019 and 2023: its population grows about 4.6 times.
FILL_UP = (1.0, 1.9, 2.9, 3.8, 4.6)
WIJK_NOISE, BUURT_NOISE, YEAR_NOISE, DENSITY_NOISE = 0.03, 0.07, 0.015, 0.25
# Growth is set per buurt; land area (so density) does not change from year to year.
FIXED_PER_BUURT = frozenset({"growth"})
FIXED_PER_YEAR = frozenset({"growth", "density"})


@dataclass(frozen=True)
class Cell:
    """One published figure: value None means suppressed (never 0)."""

    area_code: str
    indicator: str
    year: int
    value: float | None
    suppressed: bool
    status: str


def simulate(plan: CityPlan, seed: int) -> dict[tuple[str, int], Counts]:
    """Counts for every area code and year, from buurten up to the gemeente, plus Nederland."""
    rng = np.random.default_rng(seed)
    rates = {w.code: _noisy(wijk_rates(w.profile), rng, WIJK_NOISE, FIXED_PER_BUURT) for w in plan.wijken}
    counts: dict[tuple[str, int], Counts] = {}
    for wijk in plan.wijken:
        buurten = [b for b in plan.buurten if b.first_wijk == wijk.code]
        for buurt, pop in zip(buurten, _populations(wijk, buurten, rng), strict=True):
            counts.update(_buurt_counts(buurt, pop, wijk_rates(buurt.tags, rates[wijk.code]), rng))
    counts.update(_upward(plan, counts))
    counts.update(_national(plan))
    return counts


def _noisy(rates: Rates, rng: np.random.Generator, sd: float, fixed: frozenset[str]) -> Rates:
    noise = rng.normal(0.0, sd, size=len(rates))
    out = {k: v if k in fixed else v * math.exp(e) for (k, v), e in zip(sorted(rates.items()), noise, strict=True)}
    return clip(out)


def _populations(wijk: WijkPlan, buurten: Sequence[BuurtPlan], rng: np.random.Generator) -> list[int]:
    """2019 inhabitants per buurt: tiny buurten under 100, the rest share a wijk total."""
    normal = [b for b in buurten if "klein" not in b.tags and "groei" not in b.tags]
    low, high = (3800, 4600) if "nieuwbouw" in wijk.profile else (5000, 12500)
    total = int(rng.integers(low, high))
    shares = iter(rng.dirichlet([5.0] * len(normal))) if normal else iter(())
    pops: list[int] = []
    for b in buurten:
        if "klein" in b.tags:
            # The beach wijk Strandvlakte is all tiny buurten, yet together a few hundred people.
            pops.append(int(rng.integers(78, 99) if "zeer_klein" in wijk.profile else rng.integers(55, 97)))
        elif "groei" in b.tags:
            pops.append(int(rng.integers(340, 420)))
        else:
            pops.append(int(round(total * next(shares))))
    return pops


def _buurt_counts(buurt: BuurtPlan, pop: int, rates: Rates, rng: np.random.Generator) -> dict[tuple[str, int], Counts]:
    rates = _noisy(rates, rng, BUURT_NOISE, FIXED_PER_BUURT)
    rates["density"] *= math.exp(rng.normal(0.0, DENSITY_NOISE))
    growth = rates["growth"] + rng.normal(0.0, 0.003)
    fill = FILL_UP if "groei" in buurt.tags else (1.0,) * len(YEARS)
    # Land area fits the buurt when it is full, so a new-build buurt is not absurdly dense in 2023.
    land_ha = round(pop * fill[-1] / rates["density"] * 100, 1)
    out: dict[tuple[str, int], Counts] = {}
    for i, year in enumerate(YEARS):
        p = int(round(pop * (1 + growth) ** i * fill[i] * math.exp(rng.normal(0.0, 0.004))))
        if "klein" in buurt.tags:
            p = min(p, SMALL_AREA - 1)
        year_rates = clip(in_year(_noisy(rates, rng, YEAR_NOISE, FIXED_PER_YEAR), i))
        out[(buurt.code_in(year), year)] = counts_for(p, year_rates, land_ha)
    return out


def _upward(plan: CityPlan, counts: dict[tuple[str, int], Counts]) -> dict[tuple[str, int], Counts]:
    """Wijken, stadsdelen and the gemeente as sums of their parts, with each year's boundaries."""
    out: dict[tuple[str, int], Counts] = {}
    for year in YEARS:
        for w in plan.wijken:
            parts = [counts[(b.code_in(year), year)] for b in plan.buurten if b.wijk_in(year) == w.code]
            out[(w.code, year)] = add(parts)
        for s in plan.stadsdelen:
            out[(s.code, year)] = add(out[(w.code, year)] for w in plan.wijken if w.stadsdeel == s.code)
        out[(plan.gemeente.code, year)] = add(out[(s.code, year)] for s in plan.stadsdelen)
    return out


def _national(plan: CityPlan) -> dict[tuple[str, int], Counts]:
    land_ha = NATIONAL_POPULATION / NATIONAL["density"] * 100
    return {
        (plan.land.code, year): counts_for(int(round(NATIONAL_POPULATION * NATIONAL_GROWTH[i])),
                                           in_year(NATIONAL, i), land_ha)
        for i, year in enumerate(YEARS)
    }


def publish(counts: dict[tuple[str, int], Counts], area_order: Sequence[str]) -> list[Cell]:
    """Rounded values as they will be shown; small buurten get their sensitive figures suppressed."""
    decimals = {d.id: d.decimals for d in base_catalogue() if d.id in INDICATORS}
    cells: list[Cell] = []
    for code in area_order:
        for year in YEARS:
            c = counts.get((code, year))
            if c is None:
                continue
            small = code.startswith("BU") and c["inwoners"] < SMALL_AREA
            status = "voorlopig" if year == PROVISIONAL_YEAR else "definitief"
            for ind, value in published(c).items():
                hide = value is None or (small and ind in SENSITIVE)
                shown = None if hide else _round(value, decimals[ind])
                cells.append(Cell(code, ind, year, shown, hide, status))
    order = {ind: i for i, ind in enumerate(INDICATORS)}
    rank = {code: i for i, code in enumerate(area_order)}
    return sorted(cells, key=lambda x: (rank[x.area_code], order[x.indicator], x.year))


def _round(value: float | None, decimals: int) -> float:
    assert value is not None
    # Round through the decimal text, so the value is exactly what the CSV and the screen show.
    return float(f"{value:.{decimals}f}") + 0.0
