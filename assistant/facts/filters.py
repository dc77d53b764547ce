"""Filters over the areas of one gemeente: the list, the count and the rule used, from pandas/numpy."""

from __future__ import annotations

import numpy as np

from assistant.facts.index import AreaInfo
from assistant.facts.obs import pick_row, share_obs
from assistant.facts.peers import LevelField, level_field
from assistant.facts.sink import FactSink
from assistant.facts.value import no_data
from assistant.facts.words import count, level_word, num, rnd, short, title
from assistant.understand.filters import Rule

MAX_LISTED = 25


def filter_facts(sink: FactSink, scope: AreaInfo, ind: str, rule: Rule, level: str = "wijk") -> list[str]:
    """Add the list fact for one gemeente; returns the codes listed."""
    d = sink.catalogue.get(ind)
    share = bool(d and d.unit == "count" and d.denominator and (rule.percent or rule.threshold is None))
    field = level_field(sink, ind, level, scope, share)
    if field is None or d is None:
        name = title(d, "nl", lower=True) if d else ind
        no_data(sink, f"Voor {name} zijn er in {scope.name} te weinig {level_word(level, 'nl')} met een cijfer.",
                f"Too few {level_word(level, 'en')} in {scope.name} have a figure on "
                f"{title(d, 'en', lower=True) if d else ind}.", area=scope.code, indicator=ind, labels=(scope.name,))
        return []
    bound = _bound(sink, scope, field, rule)
    if bound is None:
        return []
    keep, rule_nl, rule_en = bound
    hits = sorted((c for c, v in field.values.items() if keep(v)), key=lambda c: -field.values[c])
    if rule.op in ("lt", "below_city", "bottom_half", "bottom"):
        hits.reverse()
    hits = hits[: rule.n] if rule.op in ("top", "bottom") else hits
    _list_fact(sink, scope, field, hits, rule_nl, rule_en, level)
    return hits


def _bound(sink: FactSink, scope: AreaInfo, f: LevelField, rule: Rule):  # type: ignore[no-untyped-def]
    """(predicate, rule in Dutch, rule in English) for this field, or None when there is no reference."""
    d, dec = f.d, f.d.decimals
    if rule.op in ("gt", "lt") and rule.threshold is not None:
        t = rule.threshold
        s_nl, s_en = short(t, d.unit, dec, "nl"), short(t, d.unit, dec, "en")
        if rule.op == "gt":
            return (lambda v: rnd(v, dec) > t), f"meer dan {s_nl}", f"more than {s_en}"
        return (lambda v: rnd(v, dec) < t), f"minder dan {s_nl}", f"less than {s_en}"
    if rule.op in ("above_city", "below_city"):
        ref = _city_value(sink, scope, f)
        if ref is None:
            no_data(sink, f"Er is geen cijfer voor heel {scope.name} om mee te vergelijken ({f.year}).",
                    f"There is no figure for all of {scope.name} to compare with ({f.year}).", area=scope.code,
                    indicator=f.indicator, labels=(scope.name,))
            return None
        r_nl, r_en = short(ref, d.unit, dec, "nl"), short(ref, d.unit, dec, "en")
        if rule.op == "above_city":
            return ((lambda v: rnd(v, dec) > ref), f"hoger dan heel {scope.name} ({r_nl})",
                    f"higher than all of {scope.name} ({r_en})")
        return ((lambda v: rnd(v, dec) < ref), f"lager dan heel {scope.name} ({r_nl})",
                f"lower than all of {scope.name} ({r_en})")
    if rule.op in ("top", "bottom"):
        word_nl, word_en = ("hoogste", "highest") if rule.op == "top" else ("laagste", "lowest")
        return (lambda v: True), f"de {word_nl}", f"the {word_en}"
    med = rnd(float(np.median(list(f.values.values()))), dec)
    m_nl, m_en = short(med, d.unit, dec, "nl"), short(med, d.unit, dec, "en")
    if rule.op == "top_half":
        return (lambda v: rnd(v, dec) > med), f"boven de middelste waarde (mediaan {m_nl})", \
            f"above the middle value (median {m_en})"
    return (lambda v: rnd(v, dec) < med), f"onder de middelste waarde (mediaan {m_nl})", \
        f"below the middle value (median {m_en})"


def _city_value(sink: FactSink, scope: AreaInfo, f: LevelField) -> float | None:
    if f.denominator:
        obs = share_obs(sink.index, sink.catalogue, scope.code, f.indicator, f.denominator, f.year, f.source)
        return obs.shown if obs else None
    row = pick_row(sink.index, scope.code, f.indicator, f.year, f.source)
    return rnd(row.value, f.d.decimals) if row and row.value is not None else None


def _list_fact(sink: FactSink, scope: AreaInfo, f: LevelField, hits: list[str], rule_nl: str, rule_en: str,
               level: str) -> None:
    d, n, k = f.d, len(f.values), len(hits)
    shown = hits[:MAX_LISTED]
    names = {c: (sink.index.area(c).name if sink.index.area(c) else c) for c in shown}  # type: ignore[union-attr]
    items_nl = ", ".join(f"{names[c]} ({short(f.shown(c), d.unit, d.decimals, 'nl')})" for c in shown)
    items_en = ", ".join(f"{names[c]} ({short(f.shown(c), d.unit, d.decimals, 'en')})" for c in shown)
    more_nl = f" en nog {k - len(shown)}" if k > len(shown) else ""
    more_en = f" and {k - len(shown)} more" if k > len(shown) else ""
    lw_nl, lw_en = level_word(level, "nl"), level_word(level, "en")
    if rule_nl.startswith("de ") and k:  # a top or bottom: "de hoogste" / "de laagste"
        _top_fact(sink, scope, f, shown, names, (rule_nl, rule_en), level)
        return
    head_nl = f"{title(d, 'nl')} ({f.year}), {lw_nl} in {scope.name} met {rule_nl}"
    head_en = f"{title(d, 'en')} ({f.year}), {lw_en} in {scope.name} with {rule_en}"
    nl = (f"{head_nl}: {count(k, 'nl')} van de {count(n, 'nl')} {lw_nl} met een cijfer"
          + (f": {items_nl}{more_nl}." if k else "."))
    en = (f"{head_en}: {count(k, 'en')} of the {count(n, 'en')} {lw_en} with a figure"
          + (f": {items_en}{more_en}." if k else "."))
    if f.missing:
        nl += f" {count(f.missing, 'nl')} {lw_nl if f.missing > 1 else level_word(level, 'nl', False)} zonder cijfer."
        en += f" {count(f.missing, 'en')} without a figure."
    numbers = [num(k, "count", 0, "count"), num(n, "count", 0, "of")]
    numbers += [num(f.shown(c), d.unit, d.decimals, "value") for c in shown]
    numbers += [num(f.missing, "count", 0, "count")] if f.missing else []
    sink.add("list", nl, en, numbers, f.rows(sink, shown), labels=(d, scope.name, rule_nl, rule_en, *names.values()),
             value=float(k), area_code=scope.code, indicator=f.indicator, year=f.year)





def _top_fact(sink: FactSink, scope: AreaInfo, f: LevelField, shown: list[str], names: dict[str, str],
              rule: tuple[str, str], level: str) -> None:
    d, n, k = f.d, len(f.values), len(shown)
    items = {lang: ", ".join(f"{names[c]} ({short(f.shown(c), d.unit, d.decimals, lang)})" for c in shown)
             for lang in ("nl", "en")}
    many_nl = f"{k} {level_word(level, 'nl')}" if k > 1 else level_word(level, "nl", False)
    many_en = f"{k} {level_word(level, 'en')}" if k > 1 else level_word(level, "en", False)
    nl = (f"{title(d, 'nl')} ({f.year}): {rule[0]} {many_nl} in {scope.name}: {items['nl']}. "
          f"{count(n, 'nl')} {level_word(level, 'nl')} hebben een cijfer.")
    en = (f"{title(d, 'en')} ({f.year}): {rule[1]} {many_en} in {scope.name}: {items['en']}. "
          f"{count(n, 'en')} {level_word(level, 'en')} have a figure.")
    numbers = [num(n, "count", 0, "of"), *(num(f.shown(c), d.unit, d.decimals, "value") for c in shown)]
    numbers += [num(k, "count", 0, "count")] if k > 1 else []
    sink.add("list", nl, en, numbers, f.rows(sink, shown), labels=(d, scope.name, *names.values()),
             value=float(k), area_code=scope.code, indicator=f.indicator, year=f.year)
