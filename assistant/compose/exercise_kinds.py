"""The four interpretation exercises. Every number in a question or option is a number of a fact."""

from __future__ import annotations

from assistant.compose.exercise_ctx import (
    Ctx,
    Draft,
    num,
    rate_fact,
    ref_of,
    show,
    small_caveats,
    years_of,
)
from assistant.facts.numbers import fmt_plain
from assistant.schemas import Fact
from retrieval.tables.areas import AreaRef

AREA_LEVELS = ("wijk", "buurt", "stadsdeel")


def _with_small_note(draft: Draft, facts: list[Fact]) -> Draft:
    """An area asked by name that has few inhabitants: its exercise says so (the small-numbers rule)."""
    notes = small_caveats(facts)
    if notes:
        draft.explanation += " " + " ".join(f.text for f in notes[:1])
        draft.facts += notes[:1]
    return draft


def procentpunt(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """Two percentages: the difference is in procentpunt; the relative difference in % is the trap."""
    for area in ctx.focus(ref, AREA_LEVELS):
        for ind in ctx.rates(area.code):
            facts = ctx.facts(area.code, [ind])
            for f in (f for f in facts if f.kind == "comparison" and f.unit == "percent" and years_of(f) == [f.year]):
                a, b, d, r = (num(f, role) for role in ("value", "reference", "difference", "relative"))
                if not (a and b and d and r) or d.value == 0 or abs(abs(d.value) - abs(r.value)) < 0.05:
                    continue
                other, pp = ctx.name(ref_of(f)), fmt_plain(abs(d.value), d.decimals)
                rel = fmt_plain(abs(r.value), r.decimals)
                draft = Draft(
                    area=area,
                    question=(f"{ctx.title(ind, True).capitalize()} in {f.year}: {area.name} {show(a)}, {other} "
                              f"{show(b)}. Hoe groot is het verschil tussen deze twee percentages?"),
                    correct=f"{pp} procentpunt", wrong=[f"{rel}%", f"{pp}%", f"{rel} procentpunt"],
                    explanation=(f"Trek de percentages van elkaar af: {show(a)} en {show(b)} schelen {pp} "
                                 f"procentpunt. {rel}% is het relatieve verschil (het verschil gedeeld door "
                                 f"{show(b)}): dat beantwoordt een andere vraag. '{pp}%' is de bekende vergissing. "
                                 f"{f.text}"),
                    glossary_term="procentpunt", facts=[f])
                return _with_small_note(draft, facts)
    return None


def ecologische_valkuil(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """A wijk figure about people is about the wijk as a whole, not about one household or resident in it."""
    for area in ctx.focus(ref, ("wijk", "buurt")):
        for ind in ctx.rates(area.code, people=True):
            facts = ctx.facts(area.code, [ind])
            for f in (f for f in facts if f.kind == "comparison" and f.direction == "up" and years_of(f) == [f.year]):
                a, b = num(f, "value"), num(f, "reference")
                if a is None or b is None or (a.unit == "percent" and not 0 < a.value < 50):
                    continue  # above half, "likely for one household" would be true: no trap
                other, what = ctx.name(ref_of(f)), ctx.title(ind, True)
                draft = Draft(
                    area=area,
                    question=(f"{what.capitalize()} in {area.name} ({f.year}): {show(a)}; in {other}: {show(b)}. "
                              f"Wat zegt dit over één huishouden of één bewoner uit {area.name}?"),
                    correct=(f"Niets zekers: het cijfer gaat over {area.name} als geheel. Het zegt niet wie het "
                             "zijn of hoe het met één huishouden gaat."),
                    wrong=[f"Elk huishouden in {area.name} heeft hier meer mee te maken dan een huishouden in {other}.",
                           f"Een gezin uit {area.name} dat je kent, heeft hier zeker mee te maken.",
                           f"De bewoners van {area.name} met dit kenmerk zijn de mensen die jij in je werk ziet."],
                    explanation=(f"{f.text} Dat is een uitspraak over de hele wijk. Van een groepscijfer naar één "
                                 "persoon redeneren is de ecologische valkuil: binnen de wijk kan het heel "
                                 "verschillend zijn. Vraag naar de mensen zelf, of naar cijfers over personen."),
                    glossary_term="ecologische valkuil", facts=[f])
                return _with_small_note(draft, facts)
    return None


def _small_areas(ctx: Ctx, ref: AreaRef) -> tuple[list[AreaRef], bool]:
    """Areas with people but under the small-population limit: the area itself, inside it, else in its gemeente."""
    limit = ctx.settings.small_population

    def small(code: str) -> bool:
        people = ctx.inhabitants(code)
        return people is not None and 0 < people < limit

    if ref.level in ("wijk", "buurt") and small(ref.code):
        return [ref], True
    inside = [r for r in ctx.refs.values() if r.level in ("wijk", "buurt") and ctx.within(r, ref.code)
              and small(r.code)]
    city = ref if ref.level == "gemeente" else ctx.gemeente_of(ref)
    nearby = [r for r in ctx.refs.values() if r.level in ("wijk", "buurt") and city and ctx.within(r, city.code)
              and small(r.code)] if city and not inside else []
    found = sorted(inside or nearby, key=lambda r: ctx.inhabitants(r.code) or 0)
    return found[:8], bool(inside)


def kleine_aantallen(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """A small area's rate over two years moves a lot by a few people: the largest jump is shown."""
    areas, _ = _small_areas(ctx, ref)
    best: tuple[float, AreaRef, Fact, Fact, Fact] | None = None
    for area in areas:
        for ind in ctx.rates(area.code, min_years=2)[:6]:
            years = ctx.years(area.code, ind)
            facts = ctx.facts(area.code, ["inwoners", ind], years=[years[0], years[-1]])
            first, last = rate_fact(facts, ind, years[0], area.code), rate_fact(facts, ind, years[-1], area.code)
            people = next((f for f in facts if f.kind == "value" and f.indicator == "inwoners"
                           and f.year == years[-1]), None)
            if not (first and last and people) or first.value == last.value:
                continue
            jump = abs((last.value or 0) - (first.value or 0))
            if best is None or jump > best[0]:
                best = (jump, area, first, last, people)
    return _small_draft(ctx, *best[1:]) if best else None


def _small_draft(ctx: Ctx, area: AreaRef, first: Fact, last: Fact, people_fact: Fact) -> Draft:
    a, b, people = num(first, "value"), num(last, "value"), num(people_fact, "value")
    assert a and b and people
    what = ctx.title(first.indicator, True)
    return Draft(
        area=area,
        question=(f"In {area.name} ({show(people)} inwoners in {people_fact.year}) ging {what} van {show(a)} in "
                  f"{first.year} naar {show(b)} in {last.year}. Wat zeg je hierover tegen je team?"),
        correct=("Voorzichtig zijn: in zo'n klein gebied verandert een percentage al flink als een paar mensen "
                 "meer of minder meetellen. Kijk naar de aantallen en naar meer jaren."),
        wrong=[f"Er is iets ernstigs aan de hand in {area.name}: dit is een grote verandering.",
               f"{area.name} moet voorrang krijgen, want daar veranderde het het meest.",
               f"Dit laat zien of het beleid in {area.name} werkt."],
        explanation=(f"{first.text} {last.text} {area.name} heeft maar {show(people)} inwoners. Bij zo weinig "
                     "mensen maken een paar huishoudens al procenten verschil; één sprong zegt dan weinig."),
        glossary_term="kleine aantallen en toeval", facts=[first, last, people_fact])


def vergelijking(ctx: Ctx, ref: AreaRef) -> Draft | None:
    """Is a figure high for the city? Compare with the city, in the same year, in the same measure."""
    for area in ctx.focus(ref, AREA_LEVELS):
        city = ctx.gemeente_of(area)
        for ind in ctx.rates(area.code, min_years=2) if city else []:
            years = ctx.years(area.code, ind)
            facts = ctx.facts(area.code, [ind], years=[years[0], years[-1]])
            at = {(f.year, ctx.refs[c].level): f for f in facts if f.kind == "comparison"
                  and (c := ref_of(f)) in ctx.refs and years_of(f) == [f.year]}
            right, before = at.get((years[-1], "gemeente")), at.get((years[0], "gemeente"))
            if city is None or right is None or before is None:
                continue
            a, b, a0, b0 = num(right, "value"), num(right, "reference"), num(before, "value"), num(before, "reference")
            if not (a and b and a0 and b0):
                continue
            wrong = [f"{area.name} zelf in {years[0]}: {show(a0)}", f"{city.name} in {years[0]}: {show(b0)}"]
            used = [right, before]
            national = at.get((years[-1], "land"))
            if national and (land := num(national, "reference")):
                wrong.append(f"Nederland in {years[-1]}: {show(land)}")
                used.append(national)
            draft = Draft(
                area=area,
                question=(f"Je wilt weten of {ctx.title(ind, True)} in {area.name} ({show(a)} in {right.year}) hoog "
                          f"is voor {city.name}. Met welk cijfer vergelijk je?"),
                correct=f"{city.name} in {right.year}: {show(b)}", wrong=wrong,
                explanation=(f"Vergelijk met het gebied waar je uitspraak over gaat ({city.name}), in hetzelfde "
                             f"jaar en met dezelfde maat. {right.text} Een ander jaar haalt de verandering over de "
                             "tijd erdoor; Nederland zegt iets over het land."),
                glossary_term="referentiewaarde", facts=used)
            return _with_small_note(draft, facts)
    return None
