"""Find areas by name or code: case- and accent-insensitive, tolerant of prefixes, parts of names and typos."""

from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assistant.core.errors import NotFoundError
from retrieval.tables.area_aliases import load_aliases
from retrieval.tables.area_fuzzy import FuzzyNames
from retrieval.tables.area_parts import elided_parts, name_parts, normalize, part_keys

LEVEL_RANK = {"land": 0, "gemeente": 1, "stadsdeel": 2, "wijk": 3, "buurt": 4}
CBS_GEMEENTE = re.compile(r"^(?:GM|WK|BU)(\d{4})")


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    level: str
    parent_code: str | None
    dataset: str = ""  # the store source of the area's latest figures ("CBS KWB", "Demo Duinhaven (fictief)")


class AreaList(list[AreaRef]):
    """The areas of one store snapshot, with the user's alias file (if any) that names them."""

    def __init__(self, refs: list[AreaRef], alias_file: Path | None = None) -> None:
        super().__init__(refs)
        self.alias_file = alias_file


@dataclass(frozen=True)
class Match:
    """What a phrase linked to and how: exact (code, name, alias) or loose (part of a name, typo)."""

    refs: list[AreaRef]
    how: str  # "code" | "name" | "alias" | "part" | "fuzzy" | "fragment" (half of a longer name asked)
    inside: tuple[AreaRef, ...] = ()  # buurten of this name inside the wijk in refs (an alias chose the wijk)
    holder: AreaRef | None = None  # the wijk whose name holds the buurt in refs ('Kijkduin en Ockenburgh')

    @property
    def loose(self) -> bool:
        return self.how in ("part", "fuzzy", "fragment")


def gemeente_codes(areas: pd.DataFrame) -> pd.Series:
    """The gemeente each row belongs to: from the CBS code, else up the parent chain (the demo's stadsdelen)."""
    parent = dict(zip(areas["area_code"], areas["parent_code"], strict=False))
    level = dict(zip(areas["area_code"], areas["level"], strict=False))

    def up(code: str) -> str:
        m = CBS_GEMEENTE.match(code)
        if m:
            return "GM" + m.group(1)
        for _ in range(5):
            if level.get(code) in ("gemeente", "land") or not isinstance(parent.get(code), str):
                return code
            code = parent[code]
        return code

    return areas["area_code"].map(up)


def area_table(areas: pd.DataFrame, alias_file: Path | None = None) -> AreaList:
    """The latest name per area code, for every area that is current in its own gemeente and source."""
    if areas.empty:
        return AreaList([], alias_file)
    # A code that vanished after a boundary change stays in history, but names resolve to current codes.
    # "Current" is decided per gemeente and source: one city's newer file never hides another city.
    group = [areas["source"], gemeente_codes(areas)]
    last_year = areas.groupby(group)["year"].transform("max")
    current = set(areas.loc[areas["year"] == last_year, "area_code"])
    latest = areas.sort_values("year", kind="stable").drop_duplicates("area_code", keep="last")
    latest = latest[latest["area_code"].isin(current)]
    return AreaList([
        AreaRef(r.area_code, r.area_name, r.level, r.parent_code if isinstance(r.parent_code, str) else None,
                str(r.source) if isinstance(r.source, str) else "")
        for r in latest.itertuples()
    ], alias_file)


def gemeente_of(ref: AreaRef, by_code: dict[str, AreaRef]) -> str:
    """The code of the gemeente an area lies in (itself for a gemeente)."""
    m = CBS_GEMEENTE.match(ref.code)
    if m:
        return "GM" + m.group(1)
    for _ in range(5):
        if ref.level in ("gemeente", "land") or ref.parent_code not in by_code:
            return ref.code
        ref = by_code[ref.parent_code]
    return ref.code


class AreaIndex:
    """Normalized names of one list of areas, built once: at all-NL scale (17,000 areas) normalizing every
    name per question cost 0.5 s. Fuzzy (difflib) results are remembered per normalized phrase."""

    MAX_REMEMBERED = 10_000

    def __init__(self, refs: list[AreaRef]) -> None:
        self.refs = refs
        self.by_code: dict[str, list[AreaRef]] = {}
        self.by_name: dict[str, list[AreaRef]] = {}
        self.by_part: dict[str, list[AreaRef]] = {}
        for r in refs:
            self.by_code.setdefault(r.code.lower(), []).append(r)
            self.by_name.setdefault(normalize(r.name), []).append(r)
        self.ref_by_code = {r.code: r for r in refs}
        self.gemeente = {r.code: gemeente_of(r, self.ref_by_code) for r in refs}
        self.parts_of = {r.code: name_parts(normalize(r.name)) | elided_parts(r.name) for r in refs}
        for r in refs:
            for part in self.parts_of[r.code]:
                self.by_part.setdefault(part, []).append(r)
        self.by_alias = load_aliases(getattr(refs, "alias_file", None), self.by_name, self.gemeente)
        self.longest = max((len(n.split()) for n in self.by_name), default=1)
        self._fuzzy_names = FuzzyNames(self.by_name, self.by_part)
        self._close: dict[tuple[str, frozenset[str]], list[AreaRef]] = {}

    def match(self, text: str, fuzzy: bool = True, protected: frozenset[str] = frozenset()) -> Match | None:
        """The areas a phrase names, best tier first: code; name or alias; part of a name; a typo.
        Words in `protected` (ordinary words of a question) are never read as typos."""
        q = text.strip()
        if q.lower() in self.by_code:
            return Match(list(self.by_code[q.lower()]), "code")
        nq = normalize(q)
        named = prefer_wijk(self.by_name.get(nq, []))
        found = named + [r for r in self.by_alias.get(nq, []) if r not in named]  # an alias never hides a name
        if found:
            if found == named:  # an exact CBS name is that area; the wijk whose name holds it is offered
                holders = {w for w in (self._wijk_named(r, nq) for r in named) if w is not None and w not in named}
                return Match(named, "name", holder=holders.pop() if len(holders) == 1 else None)
            return self._wijk_first(found, nq, "name" if named else "alias")
        parts = [r for key in part_keys(nq) for r in self.by_part.get(key, [])]
        if parts:
            return Match(prefer_wijk(list(dict.fromkeys(parts))), "part")
        close = self._fuzzy(nq, protected) if fuzzy else []
        return self._wijk_first(close, None, "fuzzy") if close else None

    def _wijk_first(self, found: list[AreaRef], nq: str | None, how: str) -> Match:
        """An everyday name (alias) that means the wijk as well as a buurt of that name inside it ('het
        Statenkwartier'): the wijk, unless the question says 'buurt' (places.py); the answer says so."""
        wider = [w for w in (self._wijk_named(r, nq) for r in found) if w is not None]
        if len({w.code for w in wider}) == 1 and wider[0] in found:
            inside = tuple(r for r in found if r.parent_code == wider[0].code)
            if len(inside) == len(found) - 1:
                return Match([wider[0]], how, inside)
        holders = {w for w in wider if w not in found}
        return Match(found, how, holder=holders.pop() if len(found) == 1 and len(holders) == 1 else None)

    def _wijk_named(self, ref: AreaRef, nq: str | None) -> AreaRef | None:
        """The wijk a buurt lies in when the wijk's name holds the buurt's name ('Rustenburg' in 'Rustenburg en
        Oostbroek', 'Bomenbuurt' in 'Bomen- en Bloemenbuurt')."""
        parent = self.ref_by_code.get(ref.parent_code or "")
        key = nq if nq is not None else normalize(ref.name)
        if ref.level == "buurt" and parent and parent.level == "wijk" and key in self.parts_of.get(parent.code, ()):
            return parent
        return None

    def candidates(self, text: str) -> list[AreaRef]:
        """All areas the text could mean, best first; empty when nothing is close."""
        found = self.match(text)
        return list(found.refs) if found else []

    def _fuzzy(self, nq: str, protected: frozenset[str] = frozenset()) -> list[AreaRef]:
        key = (nq, protected)
        if key not in self._close:
            if len(self._close) >= self.MAX_REMEMBERED:
                self._close.clear()
            names = self._fuzzy_names.find(nq, protected)
            refs = [r for n in names for r in (self.by_name.get(n) or self.by_part.get(n, []))]
            self._close[key] = prefer_wijk(list(dict.fromkeys(refs)))
        return list(self._close[key])

    def nearest(self, text: str, gemeenten: set[str] | None = None, n: int = 3) -> list[AreaRef]:
        """The real names closest to an unknown one, within the given gemeenten: for "Bedoel je …?"."""
        nq = normalize(text)
        pool = {norm: found for norm, found in self.by_name.items()
                if any(r.level not in ("land", "gemeente") and (not gemeenten or self.gemeente[r.code] in gemeenten)
                       for r in found)}
        out: list[AreaRef] = []
        seen: set[str | None] = set()
        for norm in sorted(pool, key=lambda norm: -_likeness(nq, norm)):
            ref = prefer_wijk(pool[norm])[0]
            if _likeness(nq, norm) < 0.45 or len(out) == n:
                break
            tree = ref.parent_code if ref.level == "buurt" else ref.code
            if tree not in seen:  # one name per wijk: not three buurten of the same wijk
                seen.add(tree)
                out.append(ref)
        return out


def _likeness(a: str, b: str) -> float:
    """Similarity of two normalized names, also when one is a part of the other."""
    whole = difflib.SequenceMatcher(None, a, b).ratio()
    best_word = max((difflib.SequenceMatcher(None, a, w).ratio() for w in b.split()), default=0.0)
    return max(whole, best_word * 0.9)


_INDEXES: OrderedDict[int, AreaIndex] = OrderedDict()


def area_index(refs: list[AreaRef]) -> AreaIndex:
    """The index of this very list (a store snapshot keeps its list), built on first use; a few are kept."""
    index = _INDEXES.get(id(refs))
    if index is None or index.refs is not refs:
        index = AreaIndex(refs)
        _INDEXES[id(refs)] = index
        while len(_INDEXES) > 4:
            _INDEXES.popitem(last=False)
    return index


def candidates(refs: list[AreaRef], text: str) -> list[AreaRef]:
    """All areas the text could mean, best first; empty when nothing is close."""
    return area_index(refs).candidates(text)


def prefer_wijk(found: list[AreaRef]) -> list[AreaRef]:
    """A wijk wins over its own buurt of the same name; otherwise keep all, higher levels first."""
    found = sorted(found, key=lambda r: LEVEL_RANK.get(r.level, 9))
    codes = {r.code for r in found}
    return [r for r in found if not (r.level == "buurt" and r.parent_code in codes)]


_prefer_wijk = prefer_wijk  # the name tests and older callers use


def resolve(refs: list[AreaRef], text: str) -> AreaRef:
    """Exactly one area, or a NotFoundError that lists what was meant."""
    found = candidates(refs, text)
    if not found:
        raise NotFoundError(key="area.unknown_name", text=text)
    if len({r.parent_code for r in found}) > 1:
        options = ", ".join(f"{r.name} ({r.code})" for r in found)
        raise NotFoundError(key="area.ambiguous", text=text, options=options)
    return found[0]
