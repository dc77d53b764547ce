"""Comparison words (hoger/lager, gestegen/gedaald, above/below) must agree with the facts' direction."""

from __future__ import annotations

from assistant.check.claim_words import DOWN_RE, NEGATION_RE, QUALIFIER_RE, UP_RE
from assistant.schemas import Fact

QUALIFIED_WORDS = {"meer", "minder", "more", "less", "fewer"}
DIRECTION_NL = {"up": "hoger/meer", "down": "lager/minder", "same": "gelijk"}


def direction_problems(sentence: str, relevant: list[Fact]) -> list[str]:
    """Problems with the comparison words of one sentence, given the facts it cites or whose numbers it uses.

    A word must match the direction of at least one relevant fact; a negated word ("niet lager") is
    wrong only when every relevant fact goes the way it denies. Sentences with no comparison or trend
    fact are not judged: there is nothing to agree with.
    """
    directions = {f.direction for f in relevant if f.direction}
    if not directions:
        return []
    ids = ", ".join(dict.fromkeys(f"[{f.id}]" for f in relevant if f.direction))
    said = " en ".join(DIRECTION_NL[d] for d in sorted(directions))
    problems = []
    for polarity, pattern in (("up", UP_RE), ("down", DOWN_RE)):
        for m in pattern.finditer(sentence):
            if m.group().lower() in QUALIFIED_WORDS and QUALIFIER_RE.match(sentence[m.end():]):
                continue  # "meer dan 10%" bounds a number (checks tests the bound); it compares nothing
            negated = NEGATION_RE.search(sentence[:m.start()])
            if (directions == {polarity}) if negated else (polarity not in directions):
                problems.append(f"'{m.group()}': {ids} zegt {said}")
    return problems
