"""A comparison must name the reference its numbers and direction come from.

"Dat is 9,9 procentpunt hoger dan in Duinhaven" is wrong when 9,9 is the difference with stadsdeel Zuid,
even though 9,9 is a fact number and "hoger" is its direction. The reference is what follows "dan",
"vergeleken met", "ten opzichte van", "than" or "compared with": an area name, or a level word ("de stad",
"het stadsdeel", "landelijk"). A sentence without numbers ("Lindenhove ligt hoger dan Zuid") is judged
by the comparison facts with that reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from assistant.check.directions import direction_problems
from assistant.check.matching import DIFFERENCE_ROLES
from assistant.schemas import Fact, FactNumber

REF_RE = re.compile(r"\b(?:dan|vergeleken met|in vergelijking met|ten opzichte van|t\.o\.v\.|tegenover|than|"
                    r"compared (?:with|to)|relative to|boven|onder|above|below)\s+(?P<ref>[^.;:!?\[]{1,80})", re.I)
LEAD_RE = re.compile(r"^(?:(?:in|het|de|heel|gemiddeld|the|in|of)\s+)+", re.I)
# Level words, by the code prefix of the areas they mean (CBS codes: GM gemeente, NL land; SD stadsdeel).
LEVEL_WORDS = [
    ("SD", re.compile(r"\b(?:stadsde(?:el|len)|district|borough)\b", re.I)),
    ("GM", re.compile(r"\b(?:stad|gemeente|stedelijk\w*|city|municipality|citywide)\b", re.I)),
    ("NL", re.compile(r"\b(?:nederland|landelijk\w*|het land|heel het land|netherlands|national\w*|country)\b", re.I)),
]
REFERENCE_ROLES = DIFFERENCE_ROLES | {"relative", "reference"}


def reference_of(fact: Fact) -> str | None:
    """The area a comparison fact compares with (its second source)."""
    if fact.kind != "comparison" or not fact.extra_sources:
        return None
    return fact.extra_sources[0].area_code


class References:
    """Resolves the reference a sentence names to area codes, with the names of every known area."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        by_name: dict[str, set[str]] = {}
        for code, name in names.items():
            if len(name) >= 3:
                by_name.setdefault(name, set()).add(code)
        self._patterns = [(n, re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w-])"), codes)
                          for n, codes in sorted(by_name.items(), key=lambda x: len(x[0]), reverse=True)]

    def places_in(self, text: str) -> Iterator[tuple[str, re.Pattern[str], set[str]]]:
        """(name, its pattern, its codes) for each area name in the text, longest names first."""
        for name, pattern, codes in self._patterns:
            if pattern.search(text):
                yield name, pattern, codes
                text = pattern.sub(" ", text)  # "Oosterkade" must not also count as "Oost"

    def named(self, text: str) -> set[str]:
        """Codes of the areas the text names ("Zuid en Duinhaven")."""
        return {code for _, _, codes in self.places_in(text) for code in codes}

    def resolve(self, phrase: str) -> set[str]:
        """Codes the phrase names: area names first, else a level word ("de stad" -> {"GM"})."""
        codes = self.named(phrase)
        if codes:
            return codes
        for prefix, pattern in LEVEL_WORDS:
            if pattern.search(phrase):
                return {prefix}
        return set()

    def label(self, code: str | None) -> str:
        return self.names.get(code or "", code or "?")


def _in(code: str | None, wanted: set[str]) -> bool:
    return code is not None and any(code == w or (len(w) == 2 and code.startswith(w)) for w in wanted)


def _reference(sentence: str, refs: References) -> tuple[re.Match[str] | None, set[str]]:
    m = REF_RE.search(sentence)
    return m, (refs.resolve(m.group("ref")) if m else set())


def reference_problems(sentence: str, used: Sequence[tuple[str, Fact, FactNumber | None]],
                       facts: Sequence[Fact], refs: References) -> list[str]:
    """Differences written next to a reference they are not the difference with.

    `used` holds (the written number, the fact it matched, the fact number) for each claim of the sentence.
    """
    m, wanted = _reference(sentence, refs)
    if m is None or not wanted:
        return []
    problems = []
    for raw, fact, number in used:
        ref = reference_of(fact)
        if ref is None or number is None or number.role not in REFERENCE_ROLES or _in(ref, wanted):
            continue
        if any(_in(reference_of(f), wanted) and _same(number, f) for f in facts):
            continue  # the same difference also holds for the named reference
        named = LEAD_RE.sub("", m.group("ref").strip())
        problems.append(f"{raw}: dat is de vergelijking met {refs.label(ref)} [{fact.id}], niet met {named}")
    return problems


def unbacked_directions(sentence: str, facts: Sequence[Fact], refs: References) -> list[str]:
    """"Lindenhove ligt hoger dan Zuid" with no number: judged by the comparison facts with Zuid."""
    m, wanted = _reference(sentence, refs)
    if m is None or not wanted:
        return []
    named = [f for f in facts if _in(reference_of(f), wanted)]
    before = sentence[:m.start()]
    subjects = [f for f in named if f.source and refs.label(f.source.area_code) in before]
    return direction_problems(sentence[:m.end()], subjects or named)


def _same(number: FactNumber | None, fact: Fact) -> bool:
    return number is not None and any(n.role == number.role and n.value == number.value for n in fact.numbers)
