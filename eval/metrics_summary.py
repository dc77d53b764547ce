"""Aggregate turn scores into the report figures (overall and per question type)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from eval.metrics import TurnScore
from eval.metrics_value import summarize_value

STAGES = ("deterministic", "llm_first_sentence", "total")


def rate(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _faith(scores: list[TurnScore], raw: bool) -> dict[str, Any]:
    results = [s.raw if raw else s.shown for s in scores]
    present = [r for r in results if r is not None]
    if raw and not present:
        return {"rate": None, "numbers": 0, "note": "no LLM text (backend none or LLM never ran)"}
    nums = sum(r.numbers for r in present)
    with_nums = [r for r in present if r.numbers]
    return {"rate": rate(sum(r.faithful for r in present), nums), "numbers": nums,
            "answers_all_faithful": rate(sum(r.faithful == r.numbers for r in with_nums), len(with_nums)),
            "unit_errors": sum(len(r.unit_errors) for r in present),
            "attribution_errors": sum(len(r.attribution) for r in present),
            "quoted": sum(r.quoted for r in present)}


def _percentiles(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"p50": None, "p95": None, "n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "n": len(ordered)}


def _readability(scores: list[TurnScore], lead: bool = False) -> dict[str, Any]:
    rs = [r for r in (s.lead_readability if lead else s.readability for s in scores) if r]
    if not rs:
        return {"answers": 0}
    out = {"answers": len(rs),
           "mean_sentence_length": round(statistics.mean(r.mean_sentence_length for r in rs), 2),
           "long_word_share": round(statistics.mean(r.long_word_share for r in rs), 4),
           "flesch_douma": round(statistics.mean(r.flesch_douma for r in rs), 1)}
    return out | ({"sentences": round(statistics.mean(r.sentences for r in rs), 2)} if lead else {})


def lead_readability(scores: list[TurnScore]) -> dict[str, Any]:
    """Readability of the lead per audience (words per sentence, long-word share, Flesch-Douma), and overall."""
    by_audience = {a: _readability(group, lead=True) for a, group in _groups(scores, lambda s: s.audience)}
    return {"all": _readability(scores, lead=True), **by_audience}


def core(scores: list[TurnScore]) -> dict[str, Any]:
    understood = [s.understood for s in scores if s.understood is not None]
    lenient = [s.understood_lenient for s in scores if s.understood_lenient is not None]
    refusal = [s for s in scores if s.refusal_applicable]
    llm = [s for s in scores if s.llm_ran]
    stories = [s.story_hit for s in scores if s.story_hit is not None]
    return {
        "n_turns": len(scores),
        "understanding_accuracy": rate(sum(understood), len(understood)),
        "understanding_accuracy_lenient": rate(sum(lenient), len(lenient)),
        "numeric_faithfulness": _faith(scores, raw=False),
        "raw_llm_faithfulness": _faith(scores, raw=True),
        "wrong_direction_rate": rate(sum(len(s.wrong_directions) for s in scores), sum(s.directions for s in scores)),
        "raw_wrong_direction_rate": rate(sum(len(s.raw_wrong_directions) for s in llm),
                                         sum(s.raw_directions for s in llm)),
        "refusal_accuracy": rate(sum(s.refused == s.refusal_expected for s in refusal), len(refusal)),
        "refusal_recall": rate(sum(s.refused for s in refusal if s.refusal_expected),
                               sum(s.refusal_expected for s in refusal)),
        "false_refusal_rate": rate(sum(s.refused for s in refusal if not s.refusal_expected),
                                   sum(not s.refusal_expected for s in refusal)),
        "clarify_accuracy": rate(sum(s.clarified == s.clarify_expected for s in scores), len(scores)),
        "coverage": {"numbers": rate(sum(s.covered_numbers for s in scores), sum(s.expected_numbers for s in scores)),
                     "terms": rate(sum(s.covered_terms for s in scores), sum(s.expected_terms for s in scores)),
                     "mentions": rate(sum(s.covered_mentions for s in scores),
                                      sum(s.expected_mentions for s in scores)),
                     "caveats": rate(sum(bool(s.caveat_found) for s in scores),
                                     sum(s.caveat_expected is not None for s in scores))},
        "citation_validity": rate(sum(s.valid_citations for s in scores), sum(s.citations for s in scores)),
        "raw_citation_validity": rate(sum(s.raw_valid_citations for s in llm), sum(s.raw_citations for s in llm)),
        "story_hit_rate": rate(sum(stories), len(stories)),
        "fallback_rate": rate(sum(s.fallback for s in llm), len(llm)),
        "llm_answers": len(llm),
    }


def summarize(scores: list[TurnScore], backend: str, set_name: str, n_questions: int,
              extra: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"backend": backend, "set": set_name, "n_questions": n_questions, **core(scores)}
    out["readability"] = _readability(scores)
    out["lead_readability"] = lead_readability(scores)
    out["llm_value"] = summarize_value([(s.llm_value, s.llm_elements) for s in scores if not s.error])
    out["latency_ms"] = {stage: _percentiles([s.timings_ms[stage] for s in scores if stage in s.timings_ms])
                         for stage in STAGES}
    out.update(extra)
    out["by_type"] = {t: _brief(core(group)) for t, group in _groups(scores, lambda s: s.qtype)}
    out["by_lang"] = {t: _brief(core(group)) for t, group in _groups(scores, lambda s: s.lang)}
    if len({s.set for s in scores}) > 1:
        out["by_set"] = {t: _brief(core(group)) for t, group in _groups(scores, lambda s: s.set)}
    return out


def _groups(scores: list[TurnScore], key: Any) -> Iterable[tuple[str, list[TurnScore]]]:
    groups: dict[str, list[TurnScore]] = defaultdict(list)
    for s in scores:
        groups[key(s)].append(s)
    return sorted(groups.items())


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    return {"n_turns": c["n_turns"], "understanding": c["understanding_accuracy"],
            "faithfulness": c["numeric_faithfulness"]["rate"], "raw_faithfulness": c["raw_llm_faithfulness"]["rate"],
            "number_coverage": c["coverage"]["numbers"], "term_coverage": c["coverage"]["terms"],
            "refusal_accuracy": c["refusal_accuracy"], "clarify_accuracy": c["clarify_accuracy"],
            "wrong_direction": c["wrong_direction_rate"], "story_hit": c["story_hit_rate"],
            "fallback": c["fallback_rate"]}
