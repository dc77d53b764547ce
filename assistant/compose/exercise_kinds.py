"""The four interpretation exercises. Every number in a question or option is a number of a fact."""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, build_facts
from assistant.facts.numbers import fmt_plain, fmt_value
from assistant.facts.words import title
from assistant.schemas import Fact, FactNumber
from retrieval.tables.areas import AreaRef
from retrieval.tables.store import StoreData

RATE_UNITS = ("percent", "per_1000")
MAX_TRIES = 8


@dataclass
class Draft:
    area: AreaRef  # the area the exercise is about: the asked one, or one inside or near it
    question: str
    correct: str
    wrong: list[str]
    explanation: str
    glossary_term: str
    facts: list[Fact]


@dataclass
class Ctx:
    data: StoreData
    refs: dict[str, AreaRef]
    settings: Settings
    rng: random.Random

    def name(self, code: str | None) -> str:
        ref = self.refs.get(code or "")
        return ref.name if ref else (code or "?")

    def title(self, indicator: str | None) -> str:
        d = self.data.catalogue.get(indicator or "")
        return title(d, "nl", lower=True) if d else (indicator or "?")

    def indicators(self, code: str, units: tuple[str, ...], min_years: int = 1) -> list[str]:
        """Indicators with published rates for the area, in random order."""
        vals = self.data.values
        own = vals[(vals["area_code"] == code) & ~vals["suppressed"]]
        counts = own.groupby("indicator")["year"].nunique()
        ids = [str(i) for i, n in counts.items() if n >= min_years
               and (d := self.data.catalogue.get(str(i))) is not None and d.unit in units]
        self.rng.shuffle(ids)
        return ids[:MAX_TRIES]

    def facts(self, code: str, indicators: list[str], trend: bool = False) -> list[Fact]:
        req = FactRequest(areas=[code], indicators=indicators, trend=trend)
        return build_facts(self.data, req, self.settings).facts

    def focus(self, ref: AreaRef, levels: tuple[str, ...]) -> list[AreaRef]:
        """The area itself when it has the level, else areas of that level inside it (random order)."""
        if ref.level in levels:
            return [ref]
        inside = [r for r in self.refs.values() if r.level in levels and self.within(r, ref.code)]
        self.rng.shuffle(inside)
        return inside

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
    """The reference area of a comparison fact (its second source)."""
    return fact.extra_sources[0].area_code if fact.extra_sources else None


def years_of(fact: Fact) -> list[int]:
    return sorted({s.year for s in [fact.source, *fact.extra_sources] if s is not None and s.year})


def procentpunt(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """Two percentages: the difference is in procentpunt; the relative difference in % is the trap."""
    for ind in ctx.indicators(ref.code, ("percent",)):
        for f in (f for f in ctx.facts(ref.code, [ind]) if f.kind == "comparison"):
            a, b, d, r = (num(f, role) for role in ("value", "reference", "difference", "relative"))
            if not (a and b and d and r) or d.value == 0 or abs(abs(d.value) - abs(r.value)) < 0.05:
                continue
            other, pp = ctx.name(ref_of(f)), fmt_plain(abs(d.value), d.decimals)
            rel = fmt_plain(abs(r.value), r.decimals)
            return Draft(
                area=ref,
                question=(f"{ctx.title(ind).capitalize()} in {f.year}: {ref.name} {show(a)}, {other} {show(b)}. "
                          "Hoe groot is het verschil tussen deze twee percentages?"),
                correct=f"{pp} procentpunt", wrong=[f"{rel}%", f"{pp}%", f"{rel} procentpunt"],
                explanation=(f"Trek de percentages van elkaar af: {show(a)} en {show(b)} schelen {pp} procentpunt. "
                             f"{rel}% is het relatieve verschil (het verschil gedeeld door {show(b)}): dat beantwoordt "
                             f"een andere vraag. '{pp}%' is de bekende vergissing. {f.text}"),
                glossary_term="procentpunt", facts=[f])
    return None


def ecologische_valkuil(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """A wijk figure is about the wijk as a whole, not about one household or resident in it."""
    for area in ctx.focus(ref, ("wijk", "buurt"))[:MAX_TRIES]:
        for ind in ctx.indicators(area.code, RATE_UNITS)[:3]:
            comps = [f for f in ctx.facts(area.code, [ind]) if f.kind == "comparison" and f.direction == "up"]
            for f in comps:
                a, b = num(f, "value"), num(f, "reference")
                if a is None or b is None:
                    continue
                other, what = ctx.name(ref_of(f)), ctx.title(ind)
                return Draft(
                    area=area,
                    question=(f"{what.capitalize()} in {area.name} ({f.year}): {show(a)}; in {other}: {show(b)}. "
                              f"Wat zegt dit over één huishouden of één bewoner uit {area.name}?"),
                    correct=(f"Niets zekers: het cijfer gaat over {area.name} als geheel. Het zegt niet wie het "
                             "zijn of hoe het met één huishouden gaat."),
                    wrong=[f"Elk huishouden in {area.name} heeft hier meer mee te maken dan een huishouden in {other}.",
                           f"Een gezin uit {area.name} dat je kent, heeft hier waarschijnlijk mee te maken.",
                           f"De bewoners van {area.name} met dit probleem zijn de mensen die jij in je werk ziet."],
                    explanation=(f"{f.text} Dat is een uitspraak over de hele wijk. Van een groepscijfer naar één "
                                 "persoon redeneren is de ecologische valkuil: binnen de wijk kan het heel "
                                 "verschillend zijn. Vraag naar de mensen zelf, of naar cijfers over personen."),
                    glossary_term="ecologische valkuil", facts=[f])
    return None


def kleine_aantallen(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """A small buurt's percentage change is mostly a few people more or less: the largest one is shown."""
    best: tuple[float, AreaRef, Fact, Fact] | None = None
    for buurt in _small_buurten(ctx, ref):
        facts = ctx.facts(buurt.code, ["inwoners", *ctx.indicators(buurt.code, ("percent",), 2)], trend=True)
        people = next((f for f in facts if f.kind == "value" and f.indicator == "inwoners"), None)
        count = num(people, "value") if people else None
        if people is None or count is None or count.value >= ctx.settings.small_population:
            continue
        for f in facts:
            nums = _trend_numbers(f) if f.kind == "trend" and f.indicator != "inwoners" else None
            score = abs(nums[2].value) / max(abs(nums[0].value), 0.1) if nums else -1.0
            if nums and (best is None or score > best[0]):
                best = (score, buurt, f, people)
    return _small_draft(ctx, best[1], best[2], best[3]) if best else None


def _small_buurten(ctx: Ctx, ref: AreaRef) -> list[AreaRef]:
    """The smallest buurten in the area; when it has none under the limit, the smallest in its gemeente."""
    city = ctx.gemeente_of(ref) if ref.level != "gemeente" else ref
    inside = [b for b in ctx.focus(ref, ("buurt",)) if _inhabitants(ctx, b.code) < ctx.settings.small_population]
    nearby = ctx.focus(city, ("buurt",)) if city and not inside else []
    return sorted(inside or nearby, key=lambda r: _inhabitants(ctx, r.code))[:MAX_TRIES]


def _small_draft(ctx: Ctx, buurt: AreaRef, f: Fact, people_fact: Fact) -> Draft:
    first, last, people = num(f, "first"), num(f, "last"), num(people_fact, "value")
    assert first and last and people
    y = years_of(f)
    return Draft(
        area=buurt,
        question=(f"In buurt {buurt.name} ({show(people)} inwoners) ging {ctx.title(f.indicator)} van "
                  f"{show(first)} in {y[0]} naar {show(last)} in {y[-1]}. Wat zeg je hierover tegen je team?"),
        correct=("Voorzichtig zijn: in zo'n kleine buurt verandert een percentage al flink als een paar mensen "
                 "meer of minder meetellen. Kijk naar de aantallen en naar meer jaren."),
        wrong=[f"Er is iets ernstigs aan de hand in {buurt.name}: dit is een grote verandering.",
               f"{buurt.name} moet voorrang krijgen, want daar veranderde het het meest.",
               f"Dit laat zien of het beleid in {buurt.name} werkt."],
        explanation=(f"{f.text} {buurt.name} heeft maar {show(people)} inwoners. Bij zo weinig mensen maken een "
                     "paar huishoudens al procenten verschil; één sprong zegt dan weinig."),
        glossary_term="kleine aantallen en toeval", facts=[f, people_fact])


def _trend_numbers(f: Fact) -> tuple[FactNumber, FactNumber, FactNumber] | None:
    first, last, change = (num(f, role) for role in ("first", "last", "change"))
    return (first, last, change) if first and last and change and change.value != 0 else None


def _inhabitants(ctx: Ctx, code: str) -> float:
    vals = ctx.data.values
    own = vals[(vals["area_code"] == code) & (vals["indicator"] == "inwoners") & ~vals["suppressed"]]
    return float(own.sort_values("year")["value"].iloc[-1]) if len(own) else float("inf")


def vergelijking(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """Is a figure high for the city? Compare with the city, in the same year, in the same measure."""
    for area in ctx.focus(ref, ("stadsdeel", "wijk", "buurt"))[:MAX_TRIES]:
        city = ctx.gemeente_of(area)
        for ind in ctx.indicators(area.code, RATE_UNITS, 2)[:3] if city else []:
            facts = ctx.facts(area.code, [ind], trend=True)
            same_year = {ctx.refs[c].level: f for f in facts if f.kind == "comparison"
                         and (c := ref_of(f)) in ctx.refs and years_of(f) == [f.year]}
            right = same_year.get("gemeente")
            a, b = (num(right, "value"), num(right, "reference")) if right else (None, None)
            if not (city and right and a and b):
                continue
            used, wrong = _wrong_references(ctx, area, city, ind, facts, same_year.get("land"), right.year)
            if len(wrong) < 2:
                continue
            return Draft(
                area=area,
                question=(f"Je wilt weten of {ctx.title(ind)} in {area.name} ({show(a)} in {right.year}) hoog is "
                          f"voor {city.name}. Met welk cijfer vergelijk je?"),
                correct=f"{city.name} in {right.year}: {show(b)}", wrong=wrong,
                explanation=(f"Vergelijk met het gebied waar je uitspraak over gaat ({city.name}), in hetzelfde "
                             f"jaar en met dezelfde maat. {right.text} Nederland zegt iets over het land; een ander "
                             "jaar haalt de verandering over de tijd erdoor."),
                glossary_term="referentiewaarde", facts=[right, *used])
    return None


def _wrong_references(ctx: Ctx, area: AreaRef, city: AreaRef, ind: str, facts: list[Fact], national: Fact | None,
                      year: int | None) -> tuple[list[Fact], list[str]]:
    """Tempting but wrong: the country, the area's own earlier year, the city in another year."""
    used, wrong = [], []
    if national and (c := num(national, "reference")):
        used.append(national)
        wrong.append(f"Nederland in {national.year}: {show(c)}")
    own = next((f for f in facts if f.kind == "trend" and f.indicator == ind), None)
    if own and (first := num(own, "first")) and years_of(own)[0] != year:
        used.append(own)
        wrong.append(f"{area.name} zelf in {years_of(own)[0]}: {show(first)}")
    city_trend = next((f for f in ctx.facts(city.code, [ind], trend=True) if f.kind == "trend"), None)
    if city_trend and (g0 := num(city_trend, "first")) and years_of(city_trend)[0] != year:
        used.append(city_trend)
        wrong.append(f"{city.name} in {years_of(city_trend)[0]}: {show(g0)}")
    return used, wrong
