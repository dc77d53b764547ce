"""A superlative about an area ("Oosterkade is de armste wijk") needs a fact that puts that area first.

Backing is a rank fact for the area with no rank number or rank 1 ("Lindenhove is de hoogste van 20
wijken"), or a top fact whose first area it is. "Hoogste" needs a highest, "laagste" a lowest; "armste"
and "rijkste" depend on the indicator, so any first place backs them. Phrases that are not a ranking of
areas ("het hoogste kwart", "de grootste zorg") and "de meeste/most", which is as often "most people" as a
ranking, are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.check.references import References
from assistant.schemas import Fact

SUPERLATIVE_RE = re.compile(
    r"\b(?:de|het|the)\s+(?:\w+\s+){0,2}?"
    r"(?P<word>hoogste|laagste|armste|rijkste|grootste|kleinste|highest|lowest|poorest|richest|largest|smallest)\b"
    r"(?!\s+(?:kwart|kwartiel|kwartielen|groep|deel|helft|zorg|zorgen|probleem|problemen|uitdaging|verschil"
    r"|quarter|quartile|group|share|concern|problem|difference)\b)", re.I)
HIGH = {"hoogste", "grootste", "highest", "largest"}
LOW = {"laagste", "kleinste", "lowest", "smallest"}
LOW_TEXT_RE = re.compile(r"\b(laagste|kleinste|lowest|smallest)\b", re.I)
NOT_FIRST_RE = re.compile(r"\b(?:op\s+[eé][eé]n\s+na|\d+(?:e|de|ste|nd|rd|th)|tweede|derde|second|third)\s+\w*$", re.I)
SCOPE_PREFIXES = ("NL", "GM", "SD")  # "de armste wijk van Duinhaven": the city is the scope, not the subject


def _first(fact: Fact) -> bool:
    if fact.kind == "top":
        return True
    return fact.kind == "rank" and all(n.value == 1 for n in fact.numbers if n.role == "rank")


def _backs(fact: Fact, word: str) -> bool:
    if fact.kind not in ("rank", "top") or not _first(fact):
        return False
    low = bool(LOW_TEXT_RE.search(fact.text))
    return not ((word in HIGH and low) or (word in LOW and not low))


def superlative_problems(sentence: str, cited: Sequence[Fact], facts: Sequence[Fact], refs: References) -> list[str]:
    m = SUPERLATIVE_RE.search(sentence)
    if m is None or NOT_FIRST_RE.search(sentence[:m.start("word")]):
        return []  # "de op één na hoogste", "de 2e hoogste": not a first place (the numbers are checked)
    word = m.group("word").lower()
    # "Het hoogste percentage in Duinhaven is 19,3%": a city or stadsdeel alone is the scope, not the subject.
    subjects = {c for c in refs.named(sentence) if not c.startswith(SCOPE_PREFIXES)}
    if subjects:
        if any(_backs(f, word) and f.source and f.source.area_code in subjects for f in facts):
            return []
        who = ", ".join(sorted(refs.label(c) for c in subjects))
        return [f"'{m.group('word')}': geen feit zegt dat {who} de {word} is"]
    ranked = [f for f in cited if f.kind in ("rank", "top")]
    if ranked and not any(_backs(f, word) for f in ranked):
        ids = ", ".join(f"[{f.id}]" for f in ranked)
        return [f"'{m.group('word')}': {ids} zet dit gebied niet op de eerste plaats"]
    return []
