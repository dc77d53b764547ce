"""Scores for one answered turn against its gold, measured independently of Duiding's own checker.

Gold numbers come from eval/gold_*.py; numbers are read from the text by eval/metrics_numbers.py. The
answer's structure (facts, glossary, stories) is used only to see what the answer cited and showed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.schemas import Answer
from eval.gold_base import GoldTable
from eval.gold_pool import AreaMatcher, build_pool
from eval.gold_questions import EvalQuestion, Expect, Turn
from eval.gold_stories import Counts, story_counts, story_tokens
from eval.metrics_direction import DirectionJudge
from eval.metrics_faith import FaithResult, coverage, faithfulness
from eval.metrics_numbers import NumToken, extract_numbers
from eval.metrics_text import Readability, asks_back, citations, readability, remove_quoted, says_no_data
from eval.metrics_value import classify

CAVEAT_RE = {
    "small_population": r"weinig inwoners|klein\w* (?:wijk|aantal|bevolking|groep)|few (?:inhabitants|residents)"
                        r"|small (?:population|number|area)",
    "boundary_change": r"indeling|grens|grenzen|boundar|niet (?:goed )?vergelijkbaar|not comparable|verhuisd|moved",
    "zero_population": r"geen inwoners|\b0 inwoners|no (?:inhabitants|residents)|niemand woont|nobody lives",
}
NO_ANSWER_KINDS = ("no_data", "caveat")


@dataclass
class TurnScore:
    qid: str
    qtype: str
    set: str
    lang: str
    audience: str
    turn: int
    question: str
    got: str = ""  # what Duiding understood: areas / indicators / clarify
    wanted: str = ""  # what the gold expects
    areas_ok: bool | None = None
    indicators_ok: bool | None = None
    headline_ok: bool | None = None
    understood: bool | None = None  # areas, indicators and the headline indicator
    understood_lenient: bool | None = None  # extra leading indicators allowed
    shown: FaithResult = field(default_factory=FaithResult)
    raw: FaithResult | None = None
    expected_numbers: int = 0
    covered_numbers: int = 0
    missing_numbers: list[str] = field(default_factory=list)
    expected_terms: int = 0
    covered_terms: int = 0
    missing_terms: list[str] = field(default_factory=list)
    expected_mentions: int = 0
    covered_mentions: int = 0
    citations: int = 0
    valid_citations: int = 0
    raw_citations: int = 0
    raw_valid_citations: int = 0
    refusal_applicable: bool = False  # a data question (numbers or a refusal expected)
    refusal_expected: bool = False
    refused: bool = False
    clarify_expected: bool = False
    clarified: bool = False
    directions: int = 0
    wrong_directions: list[str] = field(default_factory=list)
    raw_directions: int = 0
    raw_wrong_directions: list[str] = field(default_factory=list)
    llm_ran: bool = False
    fallback: bool = False
    fallback_reason: str = ""
    gold_stories: int = 0
    story_hit: bool | None = None
    caveat_expected: str | None = None
    caveat_found: bool | None = None
    readability: Readability | None = None  # the whole answer (Dutch youth-worker answers)
    lead_readability: Readability | None = None  # the lead: the first sentences that answer (Dutch, every audience)
    llm_value: str = ""  # eval/metrics_value.py: adds, repeats, wrong, refused, not_asked, none
    llm_elements: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Context:
    gold: GoldTable
    gemeente: str
    matcher: AreaMatcher
    judge: DirectionJudge
    stories: Counts = field(default_factory=dict)  # story-pattern gold per area (eval/gold_stories.py)

    @classmethod
    def of(cls, gold: GoldTable, gemeente: str, stories: Path | None = None) -> Context:
        matcher = AreaMatcher(gold)
        counts = story_counts(stories) if stories else {}
        return cls(gold, gemeente, matcher, DirectionJudge(gold, matcher, gemeente), counts)


def understanding(answer: Answer, expect: Expect, gemeente: str) -> tuple[bool | None, bool | None, bool | None]:
    """(areas right, expected indicators present, headline indicator is the first one asked for)."""
    areas_ok = None
    if expect.areas is not None:
        got = set(answer.areas)
        want = set(expect.areas)
        areas_ok = got <= {gemeente} if not want else want <= got <= want | set(expect.scope) | {gemeente}
    inds_ok = headline_ok = None
    if expect.indicators is not None:
        got_i, alts = set(answer.indicators), expect.indicator_alternatives
        inds_ok = not got_i if not alts else all(a & got_i for a in alts)
        headline_ok = inds_ok if not alts else inds_ok and answer.indicators[0] in alts[0]
    return areas_ok, inds_ok, headline_ok


def refused(answer: Answer, expect: Expect) -> bool:
    """An honest 'no data': a no-data signal and no figure that answers the question."""
    value_facts = [f for f in answer.facts if f.value is not None and f.kind not in NO_ANSWER_KINDS]
    wanted = set().union(*expect.indicator_alternatives) if expect.indicators else set()
    answering = expect.indicators != [] and any(
        (not wanted or f.indicator in wanted) and (not expect.areas or f.area_code in expect.areas)
        for f in value_facts)
    signal = says_no_data(answer.answer) or any(f.kind == "no_data" for f in answer.facts) or not value_facts
    return signal and not answering


def quoted_passages(answer: Answer) -> list[str]:
    out = [s.text for s in answer.stories]
    for e in answer.glossary:
        out += [e.definition, e.definition_en, e.example, e.example_en, e.mistake, e.ask_yourself]
    return out


def score_turn(q: EvalQuestion, i: int, turn: Turn, answer: Answer, raw: str | None, ctx: Context) -> TurnScore:
    ex = turn.expect
    ts = TurnScore(q.id, q.type, q.set, q.lang, q.audience, i, turn.question, timings_ms=dict(answer.timings_ms))
    ts.areas_ok, ts.indicators_ok, ts.headline_ok = understanding(answer, ex, ctx.gemeente)
    ts.got = f"{answer.areas} {answer.indicators}" + (" clarify" if answer.clarify else "")
    ts.wanted = f"{ex.areas} {ex.indicators}" + (" clarify" if ex.clarify else "") + (" refusal" if ex.refusal else "")
    # "Ik ken geen gebied 'Zonnewijk'. Bedoel je: Molenwijk?" is an honest unknown with a hint, not a clarify.
    hinted = asks_back(answer.answer) and not says_no_data(answer.answer)
    ts.clarify_expected, ts.clarified = ex.clarify, bool(answer.clarify) or hinted
    checks = [c for c in (ts.areas_ok, ts.indicators_ok) if c is not None]
    lenient = (all(checks) and not ts.clarified) if checks else None
    ts.understood_lenient = ts.clarified if ex.clarify else lenient
    ts.understood = ts.understood_lenient if ex.clarify or lenient is None else lenient and ts.headline_ok is not False
    ts.refusal_expected, ts.refused = ex.refusal, refused(answer, ex)
    ts.refusal_applicable = (ex.refusal or bool(ex.numbers)) and not ex.clarify
    _numbers(ts, turn, answer, raw, ctx)
    _coverage(ts, ex, answer)
    ts.llm_ran, ts.fallback = bool(raw is not None), answer.llm.fallback_used
    ts.fallback_reason = answer.llm.reason[:200] if answer.llm.fallback_used else ""
    correct = not (ts.shown.unfaithful or ts.shown.unit_errors or ts.shown.attribution or ts.wrong_directions)
    ts.llm_value, ts.llm_elements = classify(answer, raw is not None, correct)
    if ex.caveat:
        blob = " ".join([*answer.caveats, *answer.notices, answer.answer])
        ts.caveat_expected, ts.caveat_found = ex.caveat, bool(re.search(CAVEAT_RE[ex.caveat], blob, re.I))
    if q.audience == "jongerenwerker" and q.lang == "nl" and answer.answer and not ex.clarify:
        ts.readability = readability(answer.answer)
    if q.lang == "nl" and answer.lead and not ex.clarify:
        ts.lead_readability = readability(answer.lead)
    return ts


def _numbers(ts: TurnScore, turn: Turn, answer: Answer, raw: str | None, ctx: Context) -> None:
    fact_inds = {f.id: f.indicator for f in answer.facts if f.indicator}
    answered = list(dict.fromkeys([*answer.indicators, *fact_inds.values()]))
    fact_areas = [f.area_code for f in answer.facts if f.area_code]
    pool = build_pool(ctx.gold, turn.expect, ctx.gemeente, [*answer.areas, *fact_areas], answered)
    passages = quoted_passages(answer)
    quoted: list[NumToken] = [t for p in passages for t in extract_numbers(p, answer.language)]
    story_areas = [s.area_code for s in answer.stories if s.area_code]
    quoted += story_tokens(ctx.stories, [*answer.areas, *fact_areas, *story_areas])
    shown_text = remove_quoted(answer.answer, passages)
    ts.shown = faithfulness(shown_text, answer.language, pool, ctx.matcher, quoted)
    ids = {f.id for f in answer.facts} | {s.id for s in answer.stories}
    cites = citations(answer.answer)
    ts.citations, ts.valid_citations = len(cites), sum(c in ids for c in cites)
    calls = ctx.judge.judge(shown_text, turn.expect, fact_inds, answer.language)
    ts.directions, ts.wrong_directions = len(calls), [c.sentence for c in calls if c.wrong]
    if raw is not None:
        raw_text = remove_quoted(raw, passages)
        ts.raw = faithfulness(raw_text, answer.language, pool, ctx.matcher, quoted)
        raw_cites = citations(raw)
        ts.raw_citations, ts.raw_valid_citations = len(raw_cites), sum(c in ids for c in raw_cites)
        raw_calls = ctx.judge.judge(raw_text, turn.expect, fact_inds, answer.language)
        ts.raw_directions, ts.raw_wrong_directions = len(raw_calls), [c.sentence for c in raw_calls if c.wrong]


def _coverage(ts: TurnScore, ex: Expect, answer: Answer) -> None:
    text = remove_quoted(answer.answer, quoted_passages(answer))
    if not ex.refusal:
        ts.expected_numbers = len(ex.numbers)
        ts.covered_numbers, ts.missing_numbers = coverage(text, answer.language, ex.numbers)
    glossary = {t.casefold() for e in answer.glossary for t in [e.term, *e.aliases]}
    ts.missing_terms = [t for t in ex.terms if t.casefold() not in glossary]
    ts.expected_terms, ts.covered_terms = len(ex.terms), len(ex.terms) - len(ts.missing_terms)
    low = answer.answer.casefold()
    ts.expected_mentions = len(ex.mentions)
    ts.covered_mentions = sum(_short(m).casefold() in low for m in ex.mentions)
    if ex.stories or ts.qtype in ("story", "figures_stories"):
        ts.gold_stories = len(ex.stories)
        ts.story_hit = any(s.story_id in ex.stories for s in answer.stories) if ex.stories else None


def _short(name: str) -> str:
    return re.sub(r"^Wijk\s+\d+\s+", "", name)
