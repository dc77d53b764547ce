"""What the exercise builders share: the loaded figures, the area tree, and facts built on demand.

A rate is a published percentage or per-1.000 figure, or a share the facts engine derives from two CBS
counts (65-plussers of inhabitants): so exercises work on a counts-only file too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, build_facts
from assistant.facts.numbers import fmt_value
from assistant.facts.words import title
from assistant.schemas import Fact, FactNumber
from retrieval.models import IndicatorDef
from retrieval.tables.areas import AreaRef
from retrieval.tables.store import StoreData

RATE_UNITS = ("percent", "per_1000")
MAX_TRIES = 8
# The ecological fallacy is about people: income, benefits, care, age, living alone; never the housing stock.
PEOPLE_WORDS = ("inkomen", "minimum", "bijstand", "uitkering", "jeugdzorg", "wmo", "zorg", "jaar of ouder",
                "tot 15", "tot 25", "jongeren", "ouderen", "eenpersoons", "alleenstaand", "eenzaam", "armoede")
NOT_PEOPLE = ("woning", "bouwjaar", "koop", "huur", "energie", "gas", "elektri", "auto", "oppervlak", "bedrijf",
              "vestiging", "afstand", "bodem", "water", "sterfte", "geboorte")


@dataclass
class Draft:
    area: AreaRef  # the area the exercise is about: the asked one, or one inside or near it
    question: str
    correct: str
    wrong: list[str]
    explanation: str
    glossary_term: str
    facts: list[Fact]


def about_people(d: IndicatorDef) -> bool:
    text = f"{d.id} {d.title_nl}".lower().replace("_", " ")
    return any(w in text for w in PEOPLE_WORDS) and not any(w in text for w in NOT_PEOPLE)


@dataclass
class Ctx:
    data: StoreData
    refs: dict[str, AreaRef]
    settings: Settings
    rng: random.Random

    def name(self, code: str | None) -> str:
        ref = self.refs.get(code or "")
        return ref.name if ref else (code or "?")

    def title(self, indicator: str | None, share: bool = False) -> str:
        d = self.data.catalogue.get(indicator or "")
        if d is None:
            return indicator or "?"
        return f"het aandeel {title(d, 'nl', lower=True)}" if share and d.unit == "count" else title(
            d, "nl", lower=True)

    def is_rate(self, d: IndicatorDef) -> bool:
        derived = d.unit == "count" and bool(d.denominator) and d.id != d.denominator
        return d.unit in RATE_UNITS or (derived and self.data.catalogue.get(d.denominator or "") is not None)

    def rates(self, code: str, min_years: int = 1, people: bool = False) -> list[str]:
        """Rates (published, or derivable from counts) with a figure for the area, in random order."""
        vals = self.data.values
        own = vals[(vals["area_code"] == code) & ~vals["suppressed"]]
        years = own.groupby("indicator")["year"].nunique()
        ids = [str(i) for i, n in years.items() if n >= min_years and (d := self.data.catalogue.get(str(i)))
               and self.is_rate(d) and (about_people(d) or not people)]
        self.rng.shuffle(ids)
        return ids  # all of them: a kind that is possible here must be found, whatever the shuffle

    def years(self, code: str, indicator: str) -> list[int]:
        vals = self.data.values
        own = vals[(vals["area_code"] == code) & (vals["indicator"] == indicator) & ~vals["suppressed"]]
        return sorted(int(y) for y in own["year"].unique())

    def facts(self, code: str, indicators: list[str], years: list[int] | None = None,
              trend: bool = False) -> list[Fact]:
        req = FactRequest(areas=[code], indicators=indicators, years=years, trend=trend)
        return build_facts(self.data, req, self.settings).facts

    def inhabitants(self, code: str) -> float | None:
        vals = self.data.values
        own = vals[(vals["area_code"] == code) & (vals["indicator"] == "inwoners") & ~vals["suppressed"]]
        return float(own.sort_values("year")["value"].iloc[-1]) if len(own) else None

    def big_enough(self, code: str) -> bool:
        people = self.inhabitants(code)
        return people is not None and people >= self.settings.small_population

    def focus(self, ref: AreaRef, levels: tuple[str, ...], big: bool = True) -> list[AreaRef]:
        """The area itself when it has the level, else areas of that level inside it (random order).

        Inside an area, only areas above the small-population limit are picked (`big`), so an exercise
        about a rate never rests on a handful of people; an area asked by name is used as asked.
        """
        if ref.level in levels:
            return [ref]
        inside = [r for r in self.refs.values() if r.level in levels and self.within(r, ref.code)
                  and (not big or self.big_enough(r.code))]
        self.rng.shuffle(inside)
        inside.sort(key=lambda r: levels.index(r.level))  # the first level asked first (wijken before buurten)
        return inside[:MAX_TRIES]

    def gemeente_of(self, ref: AreaRef) -> AreaRef | None:
        cur: AreaRef | None = ref
        for _ in range(6):
            cur = self.refs.get(cur.parent_code or "") if cur else None
            if cur is not None and cur.level == "gemeente":
                return cur
        return None

    def within(self, ref: AreaRef, ancestor: str) -> bool:
        cur: AreaRef | None = ref
        for _ in range(6):
            if cur is None or cur.parent_code is None:
                return False
            if cur.parent_code == ancestor:
                return True
            cur = self.refs.get(cur.parent_code)
        return False


def num(fact: Fact, role: str) -> FactNumber | None:
    return next((n for n in fact.numbers if n.role == role), None)


def show(n: FactNumber) -> str:
    return fmt_value(n.value, n.unit, n.decimals)


def ref_of(fact: Fact) -> str | None:
    """The reference area of a comparison fact (its last source: a share's parent has two rows)."""
    others = [s.area_code for s in fact.extra_sources if s.area_code != fact.area_code]
    return others[0] if others else None


def years_of(fact: Fact) -> list[int]:
    return sorted({s.year for s in [fact.source, *fact.extra_sources] if s is not None and s.year})


def rate_fact(facts: list[Fact], indicator: str, year: int, area: str) -> Fact | None:
    """The area's rate for the year: the derived share, else the published rate."""
    for kind in ("share", "value"):
        for f in facts:
            value = num(f, "value")
            if (f.kind == kind and f.indicator == indicator and f.year == year and f.area_code == area
                    and value is not None and value.unit in RATE_UNITS):
                return f
    return None


def small_caveats(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.kind == "caveat" and "small_population" in f.flags]
