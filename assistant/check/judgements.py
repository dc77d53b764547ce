"""Claims without numbers: recommendations, judgements and causes must have a fact behind them.

- A need or priority claim ("moet extra ingezet worden in X", "X heeft het meeste nodig", "X needs it most")
  needs a rank fact with X first, or a top fact with X in it, on the indicator the sentence talks about.
- A judgement ("X scoort slecht", "X is een probleemwijk", "X scores badly") needs a spread (quartile) fact
  that puts X outside the middle group; a wijk in the middle group is neither good nor bad.
- A cause ("komt door", "omdat", "leidt tot", "because", "leads to") or a policy effect ("het beleid werkt")
  is refused unless a fact states it: figures show how much, never why.
A claim about no area the checker can see is interpretation: allowed, but not counted as checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.check.base import Evidence, register_check
from assistant.check.binding import Topics, named_areas
from assistant.check.claims import CITATION_RE
from assistant.schemas import Fact, Problem

NEED_RE = re.compile(
    r"\b(?:moet(?:en)?|zou(?:den)?|kan|kunnen)\b[^.]{0,60}?\b(?:ingezet|inzetten|aandacht|prioriteit|voorrang|"
    r"investeren|geïnvesteerd|extra\s+hulp|naartoe)\b"
    r"|\b(?:heeft|hebben)\s+(?:het\s+)?(?:meeste?|hardst)\s+(?:\w+\s+)?nodig\b|\bhet\s+meest\s+nodig\b"
    r"|\b(?:prioriteit|voorrang)\s+(?:geven|krijgen|hebben)\b"
    r"|\b(?:should|must|ought\s+to)\b[^.]{0,60}?\b(?:deployed|focus\w*|priorit\w+|invest\w*|extra|sent|go)\b"
    r"|\bneeds?\s+(?:it\s+)?(?:the\s+)?most\b|\bmost\s+in\s+need\b|\btop\s+priority\b",
    re.IGNORECASE)
JUDGE_RE = re.compile(
    r"\b(?:scoort|scoren|doet\s+het|doen\s+het|staat(?:\s+er)?)\s+(?:\w+\s+)?(?:slecht|goed|zwak|sterk|"
    r"slechter|beter|zorgwekkend|ongunstig|gunstig)\w*\b"
    r"|\bprobleemwijk\w*|\bprobleembuurt\w*|\bachterstandswijk\w*|\bkrachtwijk\w*|\bprachtwijk\w*"
    r"|\b(?:is|zijn)\s+(?:een\s+)?(?:zwakke|kwetsbare|slechte|goede|sterke)\s+(?:wijk|buurt)\b"
    r"|\b(?:scores?|scoring|does|doing|performs?|performing)\s+(?:\w+\s+)?(?:badly|poorly|well|worse|better)\b"
    r"|\bproblem\s+(?:neighbou?rhood|district|area)\b|\bdeprived\s+(?:neighbou?rhood|district|area)\b",
    re.IGNORECASE)
CAUSE_RE = re.compile(
    r"\b(?:komt|komen|kwam|kwamen)\s+(?:\w+\s+){0,3}?door\b|\bdoordat\b|\bomdat\b|\bleidt\s+tot\b|\bleiden\s+tot\b"
    r"|\bveroorzaakt\b|\b(?:het|als)\s+gevolg\s+van\b|\bzorgt\s+(?:er\s+)?voor\s+dat\b|\bdankzij\b|\boorzaak\b"
    r"|\bbecause\b|\bdue\s+to\b|\bleads?\s+to\b|\bcaused\s+by\b|\bcauses\b|\bresults?\s+in\b|\bas\s+a\s+result\s+of\b"
    r"|\bthanks\s+to\b|\bthe\s+cause\b",
    re.IGNORECASE)
EFFECT_RE = re.compile(
    r"\b(?:beleid|aanpak|maatregel\w*|programma|inzet)\b[^.]{0,40}?\b(?:werkt|werken|helpt|helpen|effect\w*|"
    r"succes\w*|resultaat|vruchten)\b"
    r"|\b(?:policy|policies|approach|programme|program|measures?)\b[^.]{0,40}?\b(?:works?|working|helps?|effect\w*|"
    r"succe\w+|pays\s+off)\b",
    re.IGNORECASE)
# "De cijfers zeggen niet waardoor dit komt": saying what figures cannot show is the caution we want.
NEGATED_RE = re.compile(r"\b(?:niet|geen|nooit|not|no|never|cannot|can't|don't|doesn't)\b", re.IGNORECASE)
# "…, omdat het 2 procentpunt boven het gemiddelde ligt": a reason read from the figures, not a cause in the world.
FIGURE_REASON_RE = re.compile(r"^[^.]{0,50}?(?:\d|\b(?:hoger|lager|boven|onder|gemiddeld\w*|higher|lower|above|below|"
                              r"average)\b)", re.IGNORECASE)
HEARSAY_RE = re.compile(r"\[\s*S\d+|\b(?:vertel\w*|zegt|zeggen|noem\w*|says|say|tells?|told|mention\w*)\b",
                        re.IGNORECASE)
SCOPE_PREFIXES = ("NL", "GM", "SD")
OUTSIDE_MIDDLE_RE = re.compile(r"\b(?:hoogste|laagste)\s+kwart\b|\b(?:highest|lowest)\s+quarter\b", re.IGNORECASE)
LOW_RE = re.compile(r"\b(?:laagste|lowest)\b", re.IGNORECASE)


class JudgementCheck:
    name = "judgement"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        text = CITATION_RE.sub(" ", sentence)
        out: list[Problem] = []
        cause = CAUSE_RE.search(text) or EFFECT_RE.search(text)
        if cause and not _cautious(text, cause) and not _stated(cause.group(), evidence.facts):
            if HEARSAY_RE.search(sentence):
                evidence.notes.interpretation = True  # a teller's view, cited: not a claim of the figures
            else:
                out.append(Problem(category="cause", subject=cause.group(), text=_cause_text(cause.group(), evidence)))
        need, judge = NEED_RE.search(text), JUDGE_RE.search(text)
        if need or judge:
            found = _claim_problem(sentence, evidence, bool(need), (need or judge).group())  # type: ignore[union-attr]
            out += [found] if found else []
        return out


def _cautious(text: str, cause: re.Match[str]) -> bool:
    """A negated cause ("zeggen niet waardoor"), or a reason read off the figures themselves."""
    if NEGATED_RE.search(text[:cause.start()]):
        return True
    return cause.group().lower() in ("omdat", "because") and bool(FIGURE_REASON_RE.match(text[cause.end():]))


def _stated(marker: str, facts: Sequence[Fact]) -> bool:
    phrase = marker.lower()
    return any(phrase in f"{f.text} {f.text_en}".lower() for f in facts if f.kind != "caveat")


def _cause_text(marker: str, evidence: Evidence) -> str:
    if evidence.lang == "en":
        return (f"'{marker}': the figures do not show causes or effects of policy; describe what the figures "
                "show, without a cause")
    return (f"'{marker}': de cijfers laten geen oorzaken of effecten van beleid zien; beschrijf wat de cijfers "
            "laten zien, zonder oorzaak")


def _subjects(sentence: str, evidence: Evidence) -> set[str]:
    codes, _ = named_areas(sentence, evidence.refs)
    if not codes:
        for earlier in reversed(evidence.previous):
            codes, _ = named_areas(earlier, evidence.refs)
            if codes:
                break
    return {c for c in codes if not c.startswith(SCOPE_PREFIXES)}


def _claim_problem(sentence: str, evidence: Evidence, need: bool, words: str) -> Problem | None:
    subjects = _subjects(sentence, evidence)
    if not subjects:
        evidence.notes.interpretation = True  # no area named: a general remark the checker cannot judge
        return None
    topics = evidence.memo("judgement_topics", lambda: Topics(evidence.facts))
    wanted = set(topics.named(sentence, evidence.refs))
    facts = [f for f in evidence.facts if not wanted or (f.indicator or "") in wanted]
    backs = _first_or_top if need else _outside_middle
    unbacked = [c for c in subjects if not any(backs(f, c) for f in facts)]
    if not unbacked:
        evidence.notes.claims += 1
        return None
    return Problem(category="claim", subject=words, text=_claim_text(words, unbacked, facts, need, evidence))


def _first_or_top(fact: Fact, code: str) -> bool:
    sources = [s.area_code for s in [fact.source, *fact.extra_sources] if s]
    if fact.kind == "top":
        return code in sources
    return (fact.kind == "rank" and sources[:1] == [code]
            and all(n.value == 1 for n in fact.numbers if n.role == "rank"))


def _outside_middle(fact: Fact, code: str) -> bool:
    sources = [s.area_code for s in [fact.source, *fact.extra_sources] if s]
    if fact.kind == "spread":
        return sources[:1] == [code] and bool(OUTSIDE_MIDDLE_RE.search(f"{fact.text} {fact.text_en}"))
    return _first_or_top(fact, code)  # the highest or lowest of all is outside the middle group too


def _claim_text(words: str, codes: list[str], facts: Sequence[Fact], need: bool, evidence: Evidence) -> str:
    who = ", ".join(sorted(evidence.refs.label(c) for c in codes))
    middle = [f for f in facts if f.kind == "spread" and f.source and f.source.area_code in codes
              and not OUTSIDE_MIDDLE_RE.search(f.text)]
    where = f" [{middle[0].id}]" if middle else ""
    if evidence.lang == "en":
        base = (f"'{words}': no fact puts {who} first or in the top group" if need
                else f"'{words}': no fact puts {who} outside the middle group")
        return base + (f"; {who} is in the middle group{where}" if middle else "") + "; say only what the facts say"
    base = (f"'{words}': geen feit zet {who} op de eerste plaats of in de top" if need
            else f"'{words}': geen feit zet {who} buiten de middengroep")
    return base + (f"; {who} ligt in de middengroep{where}" if middle else "") + "; zeg alleen wat de feiten zeggen"


register_check(JudgementCheck())
