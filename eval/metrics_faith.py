"""Numeric faithfulness and coverage: every number in a text against the gold pool, sentence by sentence.

A number is faithful when it equals a gold number within the rounding its display implies, and the gold
number fits the sentence: when the sentence names years or areas, the gold number must concern one of
them. A value that only matches under another unit (0,7% for 0,7 procentpunt) is a unit error. A value that
is a gold number in its unit but of another area or year than the sentence names ("In Moerwijk is 10,8%"
with 10,8% the city's figure) is an attribution error: unfaithful, and counted apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from eval.gold_pool import AreaMatcher, GoldNumber, token_units
from eval.gold_questions import ExpectNumber
from eval.metrics_numbers import NumToken, extract_numbers, split_sentences, strip_citations, years_in

PERCENT_KINDS = ("value", "share", "quantile")
PAIR_KINDS = ("diff", "rel", "ratio", "share_diff")
AREA_NOUN_RE = re.compile(r"\s*(?:wijken|buurten|gebieden|stadsdelen|gemeenten|districts|neighbourhoods|areas)\b",
                          re.I)
RANK_BEFORE_RE = re.compile(r"\b(?:plek|plaats|nummer|positie|place|number|position)\s*$", re.I)
def _words(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


_COMPARE = (r"hoger|lager|meer|minder|groter|kleiner|vaker|keer|maal|verschil|boven|onder|vergeleken|dan\b|"
            r"higher|lower|more|less|fewer|times|difference|above|below|compared|than\b")
_CHANGE = (r"gestegen|gedaald|toegenomen|afgenomen|veranderd|stijging|daling|toename|afname|gegroeid|gekrompen|"
           r"per jaar|sinds|naar|rose|fell|increase|decrease|grew|changed|change|per year|since")
KIND_CUES = {
    "quantile": _words(r"tussen|middengroep|midden|kwart|kwartiel|mediaan|between|quarter|quartile|median|middle"),
    "rank": _words(r"plek|plaats|hoogste|laagste|nummer|positie|rang|place|highest|lowest|rank|position"),
    "count": _words(r"wijken|buurten|gebieden|stadsdelen|districts|neighbourhoods|areas|cijfer|figure|niet|not"),
    "rel": _words(_COMPARE + "|" + _CHANGE), "ratio": _words(_COMPARE),
    "diff": _words(_COMPARE + r"|procentpunt|percentage point"),
    "share_diff": _words(_COMPARE + r"|procentpunt|percentage point"),
    "change": _words(_CHANGE), "per_year": _words(_CHANGE),
    "story_count": _words(r"verhalen|verhaal|stories|story|gevoel|feeling|daarvan|of them"),
}


@dataclass
class FaithResult:
    numbers: int = 0
    faithful: int = 0
    quoted: int = 0  # faithful because a shown glossary entry or story states it
    unit_errors: list[str] = field(default_factory=list)
    unfaithful: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)  # right digits, said of another area or year

    @property
    def rate(self) -> float | None:
        return self.faithful / self.numbers if self.numbers else None


def tolerance(tok: NumToken) -> float:
    tol = 0.5 * 10 ** -tok.decimals
    if tok.decimals == 0 and abs(tok.value) >= 1000:
        zeros = len(str(int(abs(tok.value)))) - len(str(int(abs(tok.value))).rstrip("0"))
        tol = max(tol, 0.5 * 10 ** zeros) if zeros >= 2 else tol
    return tol + 1e-9


def value_matches(tok: NumToken, gold: float) -> bool:
    if tok.unit == "one_in":
        return gold > 0 and tok.value in {math.floor(100 / gold), round(100 / gold), math.ceil(100 / gold)}
    return abs(abs(tok.value) - abs(gold)) <= tolerance(tok)


def _fits(n: GoldNumber, years: set[int], areas: set[str]) -> bool:
    """Years and areas the sentence names must be those of the gold number; a sentence naming two areas
    states a difference between exactly those two."""
    year_ok = not years or not n.years or bool(n.years & years)
    if n.kind in PAIR_KINDS and len(n.areas) == 2 and len(areas) >= 2:
        return year_ok and n.areas <= areas
    area_ok = not areas or not n.areas or bool(n.areas & areas)
    return year_ok and area_ok


def _unit_ok(tok: NumToken, n: GoldNumber) -> bool:
    if tok.unit == "one_in":
        return n.unit == "percent" and n.kind in PERCENT_KINDS
    return (tok.unit or "") in token_units(n)


def _cue_ok(kind: str, sentence: str, years: set[int]) -> bool:
    """Derived numbers count only where the sentence speaks of them (a rank where it says 'plek')."""
    cue = KIND_CUES.get(kind)
    if cue is None:
        return True
    return bool(cue.search(sentence)) or (kind in ("change", "per_year") and len(years) >= 2)


def _role_ok(tok: NumToken, n: GoldNumber, sentence: str) -> bool:
    """'van 20 wijken' is a count and nothing else; a bare number is a rank only after 'plek' or 'nummer'."""
    after = sentence[tok.start + len(tok.text):tok.start + len(tok.text) + 14]
    if AREA_NOUN_RE.match(after):
        return n.kind == "count"
    if n.kind == "rank" and tok.unit != "rank":
        return bool(RANK_BEFORE_RE.search(sentence[max(0, tok.start - 16):tok.start]))
    return n.kind != "count" or tok.unit == ""


def judge_token(tok: NumToken, pool: list[GoldNumber], years: set[int], areas: set[str], sentence: str = "") -> str:
    """'ok', 'unit' (a percentage stated as procentpunt or the reverse), 'attribution' (a gold number of
    another area or year than the sentence names) or 'wrong'."""
    near = [n for n in pool if value_matches(tok, n.value) and _fits(n, years, areas)]
    fitting = [n for n in near if (tok.unit == "rank" or _cue_ok(n.kind, sentence, years))
               and _role_ok(tok, n, sentence)]
    if any(_unit_ok(tok, n) for n in fitting):
        return "ok"
    swapped = tok.unit in ("%", "pp") and any(n.unit == "percent" for n in fitting)
    if swapped:
        return "unit"
    elsewhere = [n for n in pool if value_matches(tok, n.value) and _unit_ok(tok, n) and not _fits(n, years, areas)
                 and n.kind not in ("count", "rank") and (tok.unit or n.kind in PERCENT_KINDS)]
    return "attribution" if elsewhere and (areas or years) else "wrong"


def faithfulness(text: str, lang: str, pool: list[GoldNumber], matcher: AreaMatcher,
                 quoted_numbers: list[NumToken] | None = None) -> FaithResult:
    res = FaithResult()
    quoted = quoted_numbers or []
    for sentence in split_sentences(text):
        sentence = strip_citations(sentence)  # token positions refer to the cleaned sentence
        years, areas = years_in(sentence), set(matcher.find(sentence))
        for tok in extract_numbers(sentence, lang):
            res.numbers += 1
            verdict = judge_token(tok, pool, years, areas, sentence)
            if verdict == "ok":
                res.faithful += 1
            elif any(q.unit == tok.unit and value_matches(tok, q.value) for q in quoted):
                res.faithful += 1
                res.quoted += 1
            elif verdict == "unit":
                res.unit_errors.append(f"{tok.text.strip()} | {sentence[:140]}")
            else:
                res.unfaithful.append(f"{tok.text.strip()} | {sentence[:140]}")
                if verdict == "attribution":
                    res.attribution.append(f"{tok.text.strip()} | {sentence[:140]}")
    return res


def coverage(text: str, lang: str, expected: list[ExpectNumber]) -> tuple[int, list[str]]:
    """How many expected numbers the text states (any unit, sign-insensitive); the missing ones."""
    toks = [t for s in split_sentences(text) for t in extract_numbers(s, lang, bases=True)]
    missing = [e.shown for e in expected if not any(_covers(t, e) for t in toks)]
    return len(expected) - len(missing), missing


def _covers(tok: NumToken, e: ExpectNumber) -> bool:
    if tok.unit == "rank" or e.unit == "rank":
        return tok.value == e.value
    tol = 0.5 * 10 ** -max(e.decimals, min(tok.decimals, 3)) + 1e-9
    targets = [e.value, e.value * 1000] if e.unit == "euro_x1000" else [e.value]
    return any(abs(abs(tok.value) - abs(t)) <= max(tol, tolerance(tok) if t >= 1000 else tol) for t in targets)
