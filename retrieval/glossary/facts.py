"""Which glossary terms an answer should explain, given the facts it is built on.

A fact may be the `Fact` model (read duck-typed, so retrieval/ needs no import from assistant/), a
mapping with the same keys, or a tuple `(kind, unit)` / `(kind, unit, flags)`. The fields read are:
- `kind`: value, share, comparison, rank, spread, trend, caveat, no_data, pattern, top
- `unit`: percent, per_1000, count, euro_x1000, index, per_km2, average, ...
- `flags` (optional): names from FLAG_TERMS, as a string or an iterable of strings; a truthy field
  with a flag's name (e.g. `suppressed=True`) counts too
- `numbers` (optional): items with a `role` and `unit`; a relative difference brings its own term
- `indicator` (optional): its id is matched against the glossary, so "jeugdzorg_pct" brings
  "jeugdzorg in natura"
- `text` of a caveat fact: matched against the glossary, keeping only CAVEAT_TERMS, so a caveat
  sentence such as "het cijfer ... is voorlopig" brings "voorlopige cijfers" even without flags
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

# Percentages are compared by subtraction, and the result is in percentage points: the single most
# misread unit, so every comparison or trend of percentages explains it.
_POINT_KINDS = frozenset({"comparison", "trend"})
_POINT_UNITS = frozenset({"pp", "percentage_point", "procentpunt"})
_RELATIVE_ROLES = frozenset({"relative", "relative_difference", "ratio"})
KIND_TERMS: dict[str, tuple[str, ...]] = {
    "rank": ("rangorde",),
    "top": ("rangorde",),
    "spread": ("kwartiel", "spreiding"),
    "trend": ("trend versus schommeling",),
    "pattern": ("verhaal versus cijfer",),
    "no_data": ("geen gegevens versus nul",),
}
UNIT_TERMS: dict[str, tuple[str, ...]] = {
    "per_1000": ("per 1.000 inwoners",),
    "index": ("index",),
    "per_km2": ("bevolkingsdichtheid",),
    "average": ("gemiddelde",),
}
FLAG_TERMS: dict[str, str] = {
    "suppressed": "onderdrukte cijfers",
    "provisional": "voorlopige cijfers",
    "small_population": "kleine aantallen en toeval",
    "boundary_change": "indelingswijziging",
}
# Terms a caveat sentence may call for; its other words (the indicator's name) come via `indicator`.
CAVEAT_TERMS = frozenset({
    *FLAG_TERMS.values(), "gemeentelijke herindeling", "peildatum", "afronding", "steekproef versus registratie",
    "geen gegevens versus nul",
})
_TUPLE_FIELDS = ("kind", "unit", "flags")


def terms_for_facts(facts: Iterable[object], match: Callable[[str], list[str]] | None = None) -> list[str]:
    """Terms in order of need: the rules for every fact first, then terms named by indicator ids."""
    facts = list(facts)
    terms: list[str] = []
    for fact in facts:
        _extend(terms, _rule_terms(fact))
        text = _field(fact, "text")
        if match is not None and _field(fact, "kind") == "caveat" and isinstance(text, str):
            _extend(terms, [term for term in match(text) if term in CAVEAT_TERMS])
    if match is not None:
        for fact in facts:
            indicator = _field(fact, "indicator")
            if isinstance(indicator, str) and indicator:
                _extend(terms, match(indicator.replace("_", " ")))
    return terms


def _rule_terms(fact: object) -> list[str]:
    kind, unit = _field(fact, "kind"), _field(fact, "unit")
    numbers = _items(_field(fact, "numbers"))
    number_units = {_field(number, "unit") for number in numbers}
    roles = {_field(number, "role") for number in numbers}
    terms: list[str] = []
    if (unit == "percent" and kind in _POINT_KINDS) or number_units & _POINT_UNITS:
        terms.append("procentpunt")
    if roles & _RELATIVE_ROLES:
        terms.append("relatief versus absoluut verschil")
    terms.extend(KIND_TERMS.get(str(kind), ()))
    for each_unit in (unit, *sorted(u for u in number_units if isinstance(u, str))):
        terms.extend(UNIT_TERMS.get(str(each_unit), ()))
    terms.extend(FLAG_TERMS[flag] for flag in FLAG_TERMS if flag in _flags(fact))
    return terms


def _flags(fact: object) -> set[str]:
    raw = _field(fact, "flags")
    flags = {raw} if isinstance(raw, str) else {str(flag) for flag in _items(raw)}
    flags.update(name for name in FLAG_TERMS if _field(fact, name) is True)
    return flags


def _items(value: object) -> list[object]:
    """A list from an optional iterable field; a lone string or mapping is not a list of items."""
    if value is None or isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return []
    return list(value)


def _field(item: object, name: str) -> object:
    if isinstance(item, Mapping):
        return item.get(name)
    if isinstance(item, tuple):
        index = _TUPLE_FIELDS.index(name) if name in _TUPLE_FIELDS else len(item)
        return item[index] if index < len(item) else None
    return getattr(item, name, None)


def _extend(terms: list[str], new: Iterable[str]) -> None:
    for term in new:
        if term not in terms:
            terms.append(term)
