"""The facts about one figure of one area, read for the lead: its value, references, place and trend.

Nothing here computes a figure: it sorts the facts the facts step made and reads their numbers back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.facts.index import FactIndex
from assistant.schemas import Fact

LEVEL_OF_PREFIX = {"NL": "land", "GM": "gemeente", "SD": "stadsdeel", "WK": "wijk", "BU": "buurt"}


@dataclass(frozen=True)
class Place:
    """An area as the lead names it: its name, level and the gemeente whose areas are its peers."""

    code: str
    name: str
    level: str
    scope: str = ""  # the peers' gemeente name ("Duinhaven"); empty for a gemeente or the country


def places_for(index: FactIndex, facts: list[Fact]) -> dict[str, Place]:
    """Every area the facts name (their own and their references), with the name of its gemeente."""
    codes = {s.area_code for f in facts for s in [f.source, *f.extra_sources] if s is not None}
    codes |= {f.area_code for f in facts if f.area_code}
    out: dict[str, Place] = {}
    for code in sorted(codes):
        info = index.area(code)
        if info is None:
            continue
        scope = index.area(info.scope or "") if info.level not in ("gemeente", "land") else None
        out[code] = Place(code, info.name, info.level, scope.name if scope else "")
    return out


def level_of(code: str, places: dict[str, Place]) -> str:
    place = places.get(code)
    return place.level if place else LEVEL_OF_PREFIX.get(code[:2].upper(), "")


def number(f: Fact, role: str) -> float | None:
    return next((n.value for n in f.numbers if n.role == role), None)


def reference_code(f: Fact) -> str | None:
    """The area a comparison fact compares with: its first source of another area (a share's own
    denominator row comes from the same area)."""
    return next((s.area_code for s in f.extra_sources if s.area_code != f.area_code), None)


@dataclass
class Figure:
    """One indicator for one area: the facts the lead and the block are built from."""

    area: str
    indicator: str
    value: Fact | None = None  # the share when there is one (a count as a share of its total), else the value
    count: Fact | None = None  # the plain value when `value` is its share
    comparisons: list[Fact] = field(default_factory=list)  # nearest reference first
    rank: Fact | None = None
    spread: Fact | None = None
    trend: Fact | None = None

    @property
    def ids(self) -> list[str]:
        return [f.id for f in (self.value, self.rank, self.spread) if f is not None]


def figure(facts: list[Fact], area: str, indicator: str) -> Figure:
    own = [f for f in facts if f.area_code == area and f.indicator == indicator]
    fig = Figure(area, indicator)
    share = next((f for f in own if f.kind == "share"), None)
    plain = next((f for f in own if f.kind == "value"), None)
    fig.value, fig.count = (share, plain) if share is not None else (plain, None)
    fig.comparisons = [f for f in own if f.kind == "comparison"]
    fig.rank = next((f for f in own if f.kind == "rank"), None)
    fig.spread = next((f for f in own if f.kind == "spread"), None)
    fig.trend = next((f for f in own if f.kind == "trend"), None)
    return fig


def comparison_with(fig: Figure, code: str) -> Fact | None:
    return next((f for f in fig.comparisons if reference_code(f) == code), None)


def telling_comparison(fig: Figure, places: dict[str, Place]) -> Fact | None:
    """The comparison a reader needs first: with the gemeente, else the nearest reference."""
    for level in ("gemeente", "stadsdeel", "land"):
        hit = next((f for f in fig.comparisons if level_of(reference_code(f) or "", places) == level), None)
        if hit is not None:
            return hit
    return fig.comparisons[0] if fig.comparisons else None


@dataclass(frozen=True)
class Standing:
    """Where an area stands among its peers, read from the rank and spread facts."""

    place: int | None  # 1 = highest (or lowest, see `from_top`)
    of: int | None
    from_top: bool
    tied: bool
    quarter: str | None  # "high", "low", "middle" or None without a spread fact


def standing(fig: Figure) -> Standing | None:
    if fig.rank is None and fig.spread is None:
        return None
    place = of = None
    from_top, tied = True, False
    if fig.rank is not None:
        place, of = int(fig.rank.value or 0), int(number(fig.rank, "of") or 0)
        en = fig.rank.text_en
        from_top = "lowest" not in en  # the rank fact says which end it counts from
        tied = "joint" in en
    return Standing(place, of, from_top, tied, _quarter(fig.spread))


def _quarter(f: Fact | None) -> str | None:
    """The spread fact's own verdict, so the lead can never say other than the fact."""
    if f is None:
        return None
    en = f.text_en
    return "high" if "highest quarter" in en else "low" if "lowest quarter" in en else "middle"
