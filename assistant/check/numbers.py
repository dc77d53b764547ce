"""The number checker: every number, unit, direction and citation in LLM text must come from the facts.

Per sentence: each number must match a number of the fact cited right after it (rounding rule in
assistant.check.matching), in a compatible unit; years must be years of the facts or stories; every [Fn]/[Sn]
must exist; comparison words must agree with the direction of the comparison/trend facts involved.
Numbers that occur only in stories are never evidence: numbers come from facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.check.base import Evidence, StoryLike, register_check
from assistant.check.claim_words import DOWN_RE, UP_RE
from assistant.check.claims import CITATION_RE, Claim, extract_numbers, extract_years
from assistant.check.directions import direction_problems
from assistant.check.matching import Hit, bound_problem, describe, find, matches, unit_ok
from assistant.check.references import References, reference_problems, unbacked_directions
from assistant.check.sentences import sentences_of, split_sentences
from assistant.check.superlatives import superlative_problems
from assistant.schemas import CheckResult, Fact, FactNumber, Problem

__all__ = ["Claim", "StoryLike", "check_text", "describe_problems", "extract_numbers", "split_sentences"]

# Written-out "één/twee/drie" with no unit is prose ("het verschil tussen twee percentages"). No statistic
# Duiding shows is that small: CBS suppresses such counts and story patterns below min_story_count are hidden.
PROSE_MAX = 3
COMPARE_RE = re.compile(rf"{UP_RE.pattern}|{DOWN_RE.pattern}|\b(?:verschil\w*|scheelt|difference)\b", re.IGNORECASE)
YEAR_IN_TEXT_RE = re.compile(r"(?<!\d)(?:199\d|20[0-3]\d)(?!\d)")


@dataclass
class _Evidence:
    facts: dict[str, Fact]
    story_ids: set[str]
    fact_years: set[int]
    context_years: set[int]


@dataclass
class _Findings:
    unsupported: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)

    def to_problems(self) -> list[Problem]:
        out = [Problem(category="number", text=t) for t in dict.fromkeys(self.unsupported)]
        out += [Problem(category="unit", text=t) for t in dict.fromkeys(self.units)]
        out += [Problem(category="direction", text=t) for t in dict.fromkeys(self.directions)]
        return out + [Problem(category="citation", subject=c, text=f"[{c}]: deze bron bestaat niet")
                      for c in dict.fromkeys(self.citations)]


class NumbersCheck:
    """Numbers, units, years, directions, citations, references and first places (see the module doc)."""

    name = "numbers"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        ev = evidence.memo("numbers", lambda: _evidence(evidence.facts, evidence.stories))
        findings = _Findings()
        _check_sentence(sentence, ev, evidence.lang, findings, evidence.refs)
        return findings.to_problems()


register_check(NumbersCheck())


def check_text(text: str, facts: Sequence[Fact], stories: Sequence[StoryLike] | None = None,
               lang: str = "nl", refs: References | None = None) -> CheckResult:
    """Check every sentence of text against the facts; stories only count as citation targets.

    With `refs` (the names of all areas), a comparison must also name the reference its numbers and
    direction come from (assistant.check.references); level words ("de stad", "landelijk") work without names.
    """
    evidence = Evidence(facts, stories or [], lang, refs or References({}))
    problems = [p for sentence in sentences_of(text) for p in NumbersCheck().problems(sentence, evidence)]
    return CheckResult(ok=not problems, problems=_dedupe(problems))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Each problem once, number problems first (the order of the retry prompt)."""
    order = {"number": 0, "unit": 1, "direction": 2, "citation": 3}
    unique = list({(p.category, p.subject, p.text): p for p in problems}.values())
    return sorted(unique, key=lambda p: order.get(p.category, 4))


def describe_problems(check: CheckResult) -> list[str]:
    """The problems as Dutch lines for the retry prompt."""
    return [p.text for p in check.problems]


def _norm(fact_id: str) -> str:
    return fact_id.strip("[] ")


def _evidence(facts: Sequence[Fact], stories: Sequence[StoryLike]) -> _Evidence:
    years = {y for f in facts for y in _years_of(f)}
    story_years = {int(y) for s in stories for y in YEAR_IN_TEXT_RE.findall(f"{s.date or ''} {s.text}")}
    return _Evidence({_norm(f.id): f for f in facts}, {_norm(s.id) for s in stories}, years,
                     years | story_years)


def _years_of(fact: Fact) -> Iterable[int]:
    sources = [fact.source, *fact.extra_sources]
    yield from (y for y in [fact.year, *(s.year for s in sources if s)] if y is not None)
    yield from (int(y) for y in YEAR_IN_TEXT_RE.findall(f"{fact.text} {fact.text_en}"))


def _check_sentence(sentence: str, ev: _Evidence, lang: str, out: _Findings, refs: References) -> None:
    groups = [(m.start(), m.end(), re.findall(r"[FS]\d+", m.group())) for m in CITATION_RE.finditer(sentence)]
    for _, _, ids in groups:
        out.citations += [i for i in ids if i not in ev.facts and i not in ev.story_ids]
    used: list[tuple[str, Fact, FactNumber | None]] = []
    for claim in extract_numbers(sentence, lang, ev.fact_years):
        if claim.unit == "count" and claim.raw.isalpha() and claim.value <= PROSE_MAX:
            continue  # "twee percentages", "één jaar": prose, not a statistic (see PROSE_MAX)
        # Dutch "over 5 jaar" is no bound; English "over 5%" is
        prefix = sentence[:claim.start] if lang == "en" else re.sub(r"\bover\s+$", "", sentence[:claim.start])
        hit = _judge(claim, _scope(claim, groups, ev), ev, prefix, out)
        used += [(claim.raw, hit.fact, hit.number)] if hit else []
        if hit and hit.number and hit.number.role == "relative" and not COMPARE_RE.search(sentence) \
                and not any(n.role != "relative" and unit_ok(claim.unit, n) and matches(claim, n)
                            for n in hit.fact.numbers):  # "de laagste 40% van de inkomens": a label
            # "Het cijfer is 73,2%" where 73,2% is how much higher: a relative difference needs its direction
            out.units.append(f"{claim.raw}: bij [{hit.fact.id}] is dit hoeveel procent hoger of lager het is; "
                             "zeg dat erbij (hoger/lager dan …)")
    for year in extract_years(sentence, lang):
        if int(year.value) not in ev.context_years:
            out.unsupported.append(f"{year.raw}: dit jaar staat niet in de feiten")
    cited = [ev.facts[i] for _, _, ids in groups for i in ids if i in ev.facts]
    relevant = [*cited, *(fact for _, fact, _ in used)]
    out.directions += direction_problems(sentence, relevant)
    facts = list(ev.facts.values())
    out.unsupported += reference_problems(sentence, used, facts, refs)
    out.unsupported += superlative_problems(sentence, cited, facts, refs)
    if not relevant:
        out.directions += unbacked_directions(sentence, facts, refs)


def _scope(claim: Claim, groups: list[tuple[int, int, list[str]]], ev: _Evidence) -> list[Fact] | None:
    """The facts a claim must come from: those cited right after it (else right before it).

    Binding a number to its own citation is what catches two facts' values swapped. A sentence that
    cites no known fact checks against all facts (None).
    """
    after = [ids for start, _, ids in groups if start >= claim.end]
    before = [ids for _, end, ids in reversed(groups) if end <= claim.start]
    for ids in [*after, *before]:
        known = [ev.facts[i] for i in ids if i in ev.facts]
        if known:
            return known
    return None


def _judge(claim: Claim, scope: list[Fact] | None, ev: _Evidence, prefix: str, out: _Findings) -> Hit | None:
    """The fact number a claim comes from, or None after recording why it does not."""
    facts = scope if scope is not None else list(ev.facts.values())
    hit = find(claim, facts, strict=True)
    if hit:
        bound = bound_problem(claim, hit, prefix)
        if bound:
            out.unsupported.append(bound)
        return hit
    loose = find(claim, facts, strict=False)
    elsewhere = find(claim, list(ev.facts.values()), strict=True) if scope is not None else None
    if loose and loose.number:
        out.units.append(f"{claim.raw}: bij [{loose.fact.id}] is dit getal {describe(loose.number)}")
    elif elsewhere and scope is not None:
        cited = ", ".join(f"[{f.id}]" for f in scope)
        out.unsupported.append(f"{claim.raw}: dit getal staat niet in {cited} (wel in [{elsewhere.fact.id}])")
    else:
        out.unsupported.append(f"{claim.raw}: dit getal staat niet in de feiten")
    return None
