"""Numbers a faithful answer may state for one question, all derived from gold values.

Besides the values of the asked areas and their parents (stadsdeel, gemeente, land), it holds what can
be computed from them: differences (procentpunt for percentages), relative differences, ratios, changes
between years, shares of counts, ranks among sibling areas and the quartiles of their spread.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from eval.gold_base import COUNT, EURO_1000, PER_1000, PERCENT, GoldTable
from eval.gold_questions import Expect

RELATED = {"jeugdzorg_pct": ["jeugdzorg"], "jeugdzorg": ["jeugdzorg_pct"], "wmo_per_1000": ["wmo_clienten"],
           "wmo_clienten": ["wmo_per_1000"], "eenzaamheid_pct": ["ernstig_eenzaam_pct"],
           "schulden_pct": ["problematische_schulden_pct"], "laag_inkomen_pct": ["sociaal_minimum_pct"]}
DENOMINATORS = ("inwoners", "huishoudens")
QUANTILE_METHODS = ("linear", "lower", "higher", "nearest", "midpoint", "hazen", "weibull", "median_unbiased")


@dataclass(frozen=True)
class GoldNumber:
    value: float
    kind: str  # value | diff | rel | ratio | share | share_diff | rank | count | quantile | change | per_year
    unit: str  # the indicator's unit (percent, count, per_1000, euro_x1000) or "percent" for derived shares
    areas: frozenset[str]
    years: frozenset[int]


def token_units(n: GoldNumber) -> set[str]:
    """Token units under which a reader may legitimately state this gold number."""
    if n.kind in ("rel", "share"):
        return {"%", ""}
    if n.kind == "ratio":
        return {"times", ""}
    if n.kind == "rank":
        return {"rank", ""}
    if n.kind == "count":
        return {""}
    base = {PERCENT: "%", PER_1000: "per1000", EURO_1000: "euro"}.get(n.unit, "")
    if n.kind in ("diff", "share_diff", "change", "per_year") and n.unit == PERCENT:
        base = "pp"
    return {base, ""}


def _num(value: float, kind: str, unit: str, areas: set[str], years: set[int]) -> GoldNumber:
    return GoldNumber(float(value), kind, unit, frozenset(areas), frozenset(years))


def indicators_for(g: GoldTable, expect: Expect, focus: list[str]) -> list[str]:
    if expect.indicators is None:  # not checked: only what the answer itself is about (added by the caller)
        return list(DENOMINATORS)
    base = [i for alts in expect.indicator_alternatives for i in sorted(alts)]
    related = [r for i in base for r in RELATED.get(i, [])]
    return list(dict.fromkeys([*base, *related, *DENOMINATORS]))


def build_pool(g: GoldTable, expect: Expect, gemeente: str, answered_areas: list[str] | None = None,
               answered_indicators: list[str] | None = None) -> list[GoldNumber]:
    """The pool for the expected areas and indicators plus those the answer says it is about.

    Widening to the answer's own subject keeps faithfulness about truth, not about understanding: a
    correct figure for the wrong indicator is an understanding error (scored there), not a made-up number.
    """
    wanted = [*(expect.areas or []), *expect.scope, *(answered_areas or [])]
    focus = list(dict.fromkeys(a for a in wanted if a in g.areas)) or [gemeente]
    refs = list(dict.fromkeys(r for a in focus for r in g.chain(a)))
    extra = [i for i in answered_indicators or [] if i in g.units]
    related = [r for i in extra for r in RELATED.get(i, [])]
    inds = list(dict.fromkeys([*indicators_for(g, expect, focus), *extra, *related]))
    pool: list[GoldNumber] = []
    for ind in inds:
        unit = g.unit(ind)[0]
        pool += _values(g, [*focus, *refs], ind, unit)
        pool += _pairs(g, focus, [*refs, *focus], ind, unit)
        pool += _changes(g, [*focus, *refs], ind, unit)
        pool += _ranks(g, focus, ind, unit, top=not expect.areas)
        if unit == COUNT and ind not in DENOMINATORS:
            pool += _shares(g, focus, refs, ind)
    if not expect.areas and expect.scope:  # "de 5 wijken met het hoogste cijfer": true for any short list
        pool += [_num(n, "count", COUNT, set(), set()) for n in range(1, 11)]
    return pool + _story_counts(g, [*focus, *refs])


def _story_counts(g: GoldTable, areas: list[str]) -> list[GoldNumber]:
    """Story-pattern counts ('13 van de 30 verhalen gaan over eenzaamheid; 7 kozen eenzaam') per area."""
    out = []
    for area in areas:
        told = [s for s in g.stories if s.get("area_code") == area or area in g.chain(s.get("area_code", ""))]
        counts = {len(told)}
        for theme in {t for s in told for t in s.get("themes", [])}:
            about = [s for s in told if theme in s.get("themes", [])]
            counts.add(len(about))
            feelings = [f for s in about for f in s.get("signifiers", {}).get("gevoel", [])]
            counts |= {feelings.count(f) for f in set(feelings)}
        out += [_num(n, "story_count", COUNT, {area}, set()) for n in counts if n]
    return out


def _values(g: GoldTable, areas: list[str], ind: str, unit: str) -> list[GoldNumber]:
    out = []
    for a, y in itertools.product(areas, g.years):
        v = g.value(a, ind, y)
        if v is not None:
            out.append(_num(v, "value", unit, {a}, {y}))
            if unit == EURO_1000:
                out.append(_num(v * 1000, "value", unit, {a}, {y}))
    return out


def _pairs(g: GoldTable, focus: list[str], others: list[str], ind: str, unit: str) -> list[GoldNumber]:
    out = []
    for a, b, y in itertools.product(focus, others, g.years):
        va, vb = g.value(a, ind, y), g.value(b, ind, y)
        if a == b or va is None or vb is None:
            continue
        out.append(_num(va - vb, "diff", unit, {a, b}, {y}))
        if unit == EURO_1000:
            out.append(_num((va - vb) * 1000, "diff", unit, {a, b}, {y}))
        if vb:
            out += [_num((va - vb) / vb * 100, "rel", unit, {a, b}, {y}), _num(va / vb, "ratio", unit, {a, b}, {y})]
        if va:
            out += [_num((vb - va) / va * 100, "rel", unit, {a, b}, {y}), _num(vb / va, "ratio", unit, {a, b}, {y})]
    return out


def _changes(g: GoldTable, areas: list[str], ind: str, unit: str) -> list[GoldNumber]:
    out = []
    for a in areas:
        for y0, y1 in itertools.combinations(g.years, 2):
            v0, v1 = g.value(a, ind, y0), g.value(a, ind, y1)
            if v0 is None or v1 is None:
                continue
            for k in (1, 1000) if unit == EURO_1000 else (1,):
                out += [_num((v1 - v0) * k, "change", unit, {a}, {y0, y1}),
                        _num((v1 - v0) / (y1 - y0) * k, "per_year", unit, {a}, {y0, y1})]
            if v0:
                out.append(_num((v1 - v0) / v0 * 100, "rel", unit, {a}, {y0, y1}))
    return out


def _ranks(g: GoldTable, focus: list[str], ind: str, unit: str, top: bool) -> list[GoldNumber]:
    out = []
    for a, y in itertools.product(focus, g.years):
        sib = g.siblings(a)
        vals = g.level_values(sib, ind, y)
        scale = (1, 1000) if unit == EURO_1000 else (1,)
        if not vals:
            continue
        scope = {a, *(c for c in (g.gemeente(a),) if c)} | (set(sib) if top else set())
        out.append(_num(len(vals), "count", unit, scope, {y}))
        out.append(_num(len(sib), "count", unit, scope, {y}))
        for highest in (True, False):
            r = g.rank(a, ind, y, highest)
            if r:
                out.append(_num(r[0], "rank", unit, scope, {y}))
        arr = np.array(sorted(vals.values()))
        for q, method, k in itertools.product((25, 50, 75), QUANTILE_METHODS, scale):
            out.append(_num(_quantile(arr, q, method) * k, "quantile", unit, scope, {y}))
        out.append(_num(len(sib) - len(vals), "count", unit, scope, {y}))  # "5 wijken hebben geen cijfer"
        if top:  # a ranking answer lists other areas' values
            out += [_num(v * k, "value", unit, {c}, {y}) for c, v in vals.items() for k in scale]
    return out


def _quantile(arr: np.ndarray, q: int, method: str) -> float:
    return float(np.percentile(arr, q, method=method))  # type: ignore[call-overload]


def _share_of(g: GoldTable, area: str, ind: str, den: str, year: int) -> float | None:
    part, whole = g.value(area, ind, year), g.value(area, den, year)
    return part / whole * 100 if part is not None and whole else None


def _shares(g: GoldTable, focus: list[str], refs: list[str], ind: str) -> list[GoldNumber]:
    """Shares of a count, compared as exact shares and as shares rounded to the displayed 1 decimal."""
    out = []
    for den, y in itertools.product(DENOMINATORS, g.years):
        exact = {a: v for a in [*focus, *refs] if (v := _share_of(g, a, ind, den, y)) is not None}
        out += [_num(v, "share", PERCENT, {a}, {y}) for a, v in exact.items()]
        for shares in (exact, {a: round(v, 1) for a, v in exact.items()}):
            for a, r in itertools.product(focus, [*refs, *focus]):
                if a != r and a in shares and r in shares and shares[r]:
                    out += [_num(shares[a] - shares[r], "share_diff", PERCENT, {a, r}, {y}),
                            _num((shares[a] - shares[r]) / shares[r] * 100, "rel", PERCENT, {a, r}, {y})]
        out += _share_ranks(g, focus, ind, den, y)
    return out


def _share_ranks(g: GoldTable, focus: list[str], ind: str, den: str, year: int) -> list[GoldNumber]:
    out = []
    for a in focus:
        sib = {c: v for c in g.siblings(a) if (v := _share_of(g, c, ind, den, year)) is not None}
        if a not in sib:
            continue
        scope = {a, *(c for c in (g.gemeente(a),) if c)}
        mine, n_all = sib[a], len(g.siblings(a))
        out += [_num(n, "count", PERCENT, scope, {year}) for n in (len(sib), n_all, n_all - len(sib))]
        out += [_num(sum(v > mine for v in sib.values()) + 1, "rank", PERCENT, scope, {year}),
                _num(sum(v < mine for v in sib.values()) + 1, "rank", PERCENT, scope, {year})]
        for values in (sorted(sib.values()), sorted(round(v, 1) for v in sib.values())):
            arr = np.array(values)
            out += [_num(_quantile(arr, q, m), "quantile", PERCENT, scope, {year})
                    for q, m in itertools.product((25, 75), QUANTILE_METHODS)]
    return out


class AreaMatcher:
    """Finds which gold areas a sentence names (longest names first; short names case-sensitive)."""

    def __init__(self, g: GoldTable) -> None:
        order = {"land": 0, "gemeente": 1, "stadsdeel": 2, "wijk": 3, "buurt": 4}
        names = sorted(((n, c) for c, a in g.areas.items() for n in a.names if len(n) >= 3),
                       key=lambda nc: (-len(nc[0]), order.get(g.areas[nc[1]].level, 5), nc[1]))
        self._by_name: dict[str, str] = {}
        for n, c in names:  # a wijk wins over its buurt of the same name
            self._by_name.setdefault(n.casefold(), c)
        alts = "|".join(re.escape(n) for n, _ in names)
        self._re = re.compile(rf"(?<![\w-])(?i:{alts})(?![\w-])")
        self._case = {n.casefold(): n for n, _ in names}

    def find(self, sentence: str) -> list[str]:
        out: list[str] = []
        for m in self._re.finditer(sentence):
            name = self._case[m.group(0).casefold()]
            if len(name) < 6 and m.group(0) != name:
                continue  # 'zuid' in running text is not stadsdeel Zuid
            code = self._by_name[name.casefold()]
            if code not in out:
                out.append(code)
        return out
