"""A number is proved with its meaning: the area, year and indicator the sentence gives it must be the fact's.

"In Moerwijk is 10,8% [F1]" where 10,8% is the figure of 's-Gravenhage has the right digits and the wrong
meaning. Each number is bound to the fact numbers it matches (those cited next to it, else all); it passes
when one of them agrees with the sentence on
- the area: an area the sentence names (a name in parentheses after another only qualifies it), a level word
  ("de stad", "landelijk"), or, when the sentence names none, the subject of the last sentence that did;
- the year: when the sentence names years, one of them is a year of the fact;
- the indicator: when the sentence uses a word that names one of the answer's indicators only ("jeugdzorg"),
  the fact's indicator is among those it names.
A fact that says no area or year binds the digits only: the badge then does not claim everything was checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.check.base import Evidence, register_check
from assistant.check.binding import Meaning, Topics, area_agrees, meaning, named_areas, names_average
from assistant.check.claims import CITATION_RE, Claim, extract_numbers, extract_years
from assistant.check.matching import matches, unit_ok
from assistant.check.references import References
from assistant.schemas import Fact, FactNumber, Problem

PROSE_MAX = 3  # as in assistant.check.numbers: "twee percentages" is prose


@dataclass
class _Context:
    facts: dict[str, Fact]
    years: set[int]
    topics: Topics

    @classmethod
    def of(cls, evidence: Evidence) -> _Context:
        facts = {f.id.strip("[] "): f for f in evidence.facts}
        years = {y for f in evidence.facts for n in f.numbers for y in meaning(f, n).years}
        return cls(facts, years, Topics(evidence.facts))


@dataclass(frozen=True)
class _Said:
    """What the sentence says around its numbers."""

    codes: set[str]
    levels: set[str]
    carried: bool  # the codes are the previous sentence's subject
    average: bool  # "gemiddeld": the parents' figures are named too
    years: set[int]
    indicators: dict[str, str]


class AttributionCheck:
    name = "attribution"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        ctx = evidence.memo("attribution", lambda: _Context.of(evidence))
        said = _said(sentence, evidence, ctx)
        groups = [(m.start(), m.end(), re.findall(r"[FS]\d+", m.group())) for m in CITATION_RE.finditer(sentence)]
        out: list[Problem] = []
        for claim in extract_numbers(sentence, evidence.lang, ctx.years):
            if claim.unit == "count" and claim.raw.isalpha() and claim.value <= PROSE_MAX:
                continue
            bound = _bound(claim, _scope(claim, groups, ctx))
            if not bound:
                continue  # the number checker says why the digits are wrong
            meanings = [meaning(f, n) for f, n in bound]
            if any(not m.areas and not m.years for m in meanings):
                evidence.notes.unbound_numbers += 1
                continue
            if any(_agrees(m, said) for m in meanings):
                evidence.notes.numbers += 1
                continue
            out.append(Problem(category="attribution", subject=claim.raw,
                               text=_why(claim.raw, bound[0][0], meanings[0], said, evidence)))
        return out


def _said(sentence: str, evidence: Evidence, ctx: _Context) -> _Said:
    codes, levels = named_areas(sentence, evidence.refs)
    carried = False
    if not codes and not levels:
        for earlier in reversed(evidence.previous):
            codes, _ = named_areas(earlier, evidence.refs)
            if codes:
                carried = True
                break
    years = {int(y.value) for y in extract_years(CITATION_RE.sub(" ", sentence), evidence.lang)}
    return _Said(codes, levels, carried, names_average(sentence), years, ctx.topics.named(sentence, evidence.refs))


def _scope(claim: Claim, groups: list[tuple[int, int, list[str]]], ctx: _Context) -> list[Fact]:
    """The facts cited right after the number (else right before it); all facts when it cites none."""
    after = [ids for start, _, ids in groups if start >= claim.end]
    before = [ids for _, end, ids in reversed(groups) if end <= claim.start]
    for ids in [*after, *before]:
        known = [ctx.facts[i] for i in ids if i in ctx.facts]
        if known:
            return known
    return list(ctx.facts.values())


def _bound(claim: Claim, facts: Sequence[Fact]) -> list[tuple[Fact, FactNumber]]:
    return [(f, n) for f in facts for n in f.numbers
            if n.role != "label" and unit_ok(claim.unit, n) and matches(claim, n)]


def _agrees(m: Meaning, said: _Said) -> bool:
    return _area_ok(m, said) and _year_ok(m, said) and _indicator_ok(m, said)


def _area_ok(m: Meaning, said: _Said) -> bool:
    if not m.areas or not (said.codes or said.levels):
        return True  # no area said (a bare "hoger dan gemiddeld" has no subject to hold the number to)
    if said.carried and len(m.areas) > 1:
        return True  # a difference or group after "In Moerwijk …": the pair includes the subject or is a scope
    return area_agrees(m.areas, said.codes, said.levels | ({"GM", "SD", "NL"} if said.average else set()))


def _year_ok(m: Meaning, said: _Said) -> bool:
    return not said.years or not m.years or bool(m.years & said.years)


def _indicator_ok(m: Meaning, said: _Said) -> bool:
    return not said.indicators or not m.indicator or m.indicator in said.indicators


def _why(raw: str, fact: Fact, m: Meaning, said: _Said, evidence: Evidence) -> str:
    refs, en = evidence.refs, evidence.lang == "en"
    if not _area_ok(m, said):
        whose = _names(m.areas, refs, en)
        claimed = _names(said.codes, refs, en) or ("the place named" if en else "het genoemde gebied")
        return (f"{raw} is the figure for {whose}, not for {claimed} [{fact.id}]" if en
                else f"{raw} is het cijfer van {whose}, niet van {claimed} [{fact.id}]")
    if not _year_ok(m, said):
        whose, claimed = _years(m.years), _years(said.years)
        return (f"{raw} is the figure for {whose}, not for {claimed} [{fact.id}]" if en
                else f"{raw} is het cijfer van {whose}, niet van {claimed} [{fact.id}]")
    words = ", ".join(f"'{w}'" for w in said.indicators.values())
    about = (fact.topic.split(" | ")[-1 if en else 0] if fact.topic else m.indicator).lower()
    return (f"{raw} is a figure about {about}, not about {words} [{fact.id}]" if en
            else f"{raw} is een cijfer over {about}, niet over {words} [{fact.id}]")


def _names(codes: set[str] | frozenset[str], refs: References, en: bool) -> str:
    return (" and " if en else " en ").join(sorted({refs.label(c) for c in codes}))


def _years(years: set[int] | frozenset[int]) -> str:
    return "/".join(str(y) for y in sorted(years))


register_check(AttributionCheck())
