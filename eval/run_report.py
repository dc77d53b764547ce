"""Eval reports: eval/reports/<date>-<set>-<backend>.json and .md, and the summary table on stdout."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.metrics import TurnScore
from eval.metrics_summary import summarize

ROWS = [("understanding accuracy", "understanding_accuracy"),
        ("understanding, extra lead indicator allowed", "understanding_accuracy_lenient"),
        ("numeric faithfulness (shown)", "numeric_faithfulness.rate"),
        ("numeric faithfulness (raw LLM)", "raw_llm_faithfulness.rate"),
        ("answers with all numbers faithful", "numeric_faithfulness.answers_all_faithful"),
        ("unit errors (shown)", "numeric_faithfulness.unit_errors"),
        ("attribution errors (shown)", "numeric_faithfulness.attribution_errors"),
        ("attribution errors (raw LLM)", "raw_llm_faithfulness.attribution_errors"),
        ("wrong-direction rate (shown)", "wrong_direction_rate"),
        ("wrong-direction rate (raw LLM)", "raw_wrong_direction_rate"),
        ("refusal accuracy", "refusal_accuracy"), ("refusal recall", "refusal_recall"),
        ("false refusal rate", "false_refusal_rate"), ("clarify accuracy", "clarify_accuracy"),
        ("coverage: expected numbers", "coverage.numbers"), ("coverage: glossary terms", "coverage.terms"),
        ("coverage: top-N area names", "coverage.mentions"), ("coverage: caveats", "coverage.caveats"),
        ("citation validity (shown)", "citation_validity"), ("citation validity (raw LLM)", "raw_citation_validity"),
        ("story hit rate (answers)", "story_hit_rate"), ("story recall@5 (retrieval)", "story_recall_at_5"),
        ("story MRR (retrieval)", "story_mrr"), ("story recall@5, no floor", "story_recall_at_5_no_floor"),
        ("glossary recall@5 (retrieval)", "glossary_recall_at_5"),
        ("fallback rate", "fallback_rate"),
        ("LLM adds something (share of answers)", "llm_value.share_adds"),
        ("LLM adds something (share when asked)", "llm_value.share_adds_when_asked"),
        ("readability: mean sentence length", "readability.mean_sentence_length"),
        ("readability: long-word share", "readability.long_word_share"),
        ("readability: Flesch-Douma", "readability.flesch_douma"),
        ("lead readability: words per sentence", "lead_readability.all.mean_sentence_length"),
        ("lead readability: long-word share", "lead_readability.all.long_word_share"),
        ("lead readability: Flesch-Douma", "lead_readability.all.flesch_douma"),
        ("latency deterministic p50/p95 ms", "latency_ms.deterministic"),
        ("latency first LLM sentence p50/p95 ms", "latency_ms.llm_first_sentence"),
        ("latency total p50/p95 ms", "latency_ms.total")]
TYPE_COLS = ["n_turns", "understanding", "faithfulness", "raw_faithfulness", "number_coverage", "term_coverage",
             "refusal_accuracy", "clarify_accuracy", "wrong_direction", "story_hit", "fallback"]


def lookup(d: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        d = d.get(part) if isinstance(d, dict) else None  # type: ignore[assignment]
    return d


def fmt(v: Any) -> str:
    if isinstance(v, dict) and "p50" in v:
        return "n/a" if v["p50"] is None else f"{v['p50']:.0f} / {v['p95']:.0f}"
    if v is None:
        return "n/a"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def retrieval_figures(is_demo: bool, say: Callable[[str], None]) -> dict[str, Any]:
    """Story and glossary recall@5 / MRR from eval/retrieval_eval.py (another engineer's module)."""
    if not is_demo:
        return {"story_recall_at_5": None, "retrieval_note": "not run: retrieval gold exists for the demo stories only"}
    try:
        from assistant.core.settings import Settings
        from eval import retrieval_eval as rx
        from eval.retrieval_metrics import score_runs
    except ImportError as exc:
        return {"story_recall_at_5": None, "retrieval_note": f"skipped: {exc}"}
    embedder = Settings().embedder
    say(f"retrieval: indexing demo stories with embedder '{embedder}' ...")
    try:
        return _retrieval(rx, score_runs, embedder)
    except Exception as exc:  # noqa: BLE001 - another module's API may move; never lose a finished run
        return {"story_recall_at_5": None, "retrieval_note": f"skipped: {type(exc).__name__}: {exc}"}


def _retrieval(rx: Any, score_runs: Any, embedder: str) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="duiding-eval-retrieval-") as tmp:
        retriever, _ = rx.build_retriever(rx.load_demo(Path(tmp)), embedder)
        runs = rx.story_runs(retriever, rx.load_story_queries(), "hybrid")
        stories, raw = score_runs(runs, retriever.floor), score_runs(runs)
        floors = getattr(retriever, "term_floors", None)
        term_floor = floors["glossary"] if floors else getattr(retriever, "term_floor", None)
        terms = score_runs(rx.term_runs(retriever, rx.load_term_queries(), "glossary", "hybrid"), term_floor)
    return {"story_recall_at_5": round(stories.recall_at_5, 3), "story_mrr": round(stories.mrr, 3),
            "story_recall_at_5_no_floor": round(raw.recall_at_5, 3), "story_mrr_no_floor": round(raw.mrr, 3),
            "glossary_recall_at_5": round(terms.recall_at_5, 3), "glossary_mrr": round(terms.mrr, 3),
            "retrieval_note": f"hybrid search, embedder {embedder}; first with the shipped relevance floor"}


def write_reports(scores: list[TurnScore], backend: str, set_name: str, n_questions: int, extra: dict[str, Any],
                  out_dir: Path, quiet: bool = False) -> dict[str, Any]:
    summary = summarize(scores, backend, set_name, n_questions, extra)
    summary["date"] = dt.date.today().isoformat()
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"{summary['date']}-{set_name}-{backend}"
    full = summary | {"turns": [s.as_dict() for s in scores]}
    stem.with_suffix(".json").write_text(json.dumps(full, indent=1, ensure_ascii=False, default=str) + "\n",
                                         encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown(summary, scores), encoding="utf-8")
    if quiet:
        return summary
    print(table(summary))
    print(f"\nreports: {stem}.md and .json")
    return summary


def table(summary: dict[str, Any]) -> str:
    head = f"Duiding eval: set={summary['set']} backend={summary['backend']} questions={summary['n_questions']}"
    width = max(len(label) for label, _ in ROWS)
    return "\n".join([head, *(f"  {label:<{width}}  {fmt(lookup(summary, key))}" for label, key in ROWS)])


def markdown(summary: dict[str, Any], scores: list[TurnScore]) -> str:
    lines = [f"# Eval {summary['date']}: set `{summary['set']}`, backend `{summary['backend']}`", "",
             f"{summary['n_questions']} questions, {summary['n_turns']} turns. Gold from the demo truth / the CBS "
             "CSVs, never from Duiding's answers or checker. Backend: {}.".format(summary.get("backend_note", "")), "",
             f"Retrieval: {summary.get('retrieval_note', 'n/a')}.", "", "| metric | value |", "|---|---|"]
    lines += [f"| {label} | {fmt(lookup(summary, key))} |" for label, key in ROWS]
    lines += ["", "## By question type", "", "| type | " + " | ".join(TYPE_COLS) + " |",
              "|---" * (len(TYPE_COLS) + 1) + "|"]
    for qtype, row in summary["by_type"].items():
        lines.append(f"| {qtype} | " + " | ".join(fmt(row[c]) for c in TYPE_COLS) + " |")
    lines += lead_section(summary)
    lines += value_section(summary, scores)
    lines += ["", *failures(scores)]
    return "\n".join(lines) + "\n"


def lead_section(summary: dict[str, Any]) -> list[str]:
    """Readability of the lead (the composer's first sentences) per audience, Dutch answers."""
    cols = ["answers", "sentences", "mean_sentence_length", "long_word_share", "flesch_douma"]
    lines = ["", "## Readability of the lead, per audience", "",
             "The lead is `Answer.lead`: the sentences that answer the question before the details (Dutch answers; "
             "Flesch-Douma = 206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence).", "",
             "| audience | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for audience, row in (summary.get("lead_readability") or {}).items():
        lines.append(f"| {audience} | " + " | ".join(fmt(row.get(c)) for c in cols) + " |")
    return lines


def value_section(summary: dict[str, Any], scores: list[TurnScore], cap: int = 12) -> list[str]:
    """The LLM-value metric (eval/metrics_value.py): classes, elements, the rule, and examples."""
    from eval import metrics_value

    value = summary.get("llm_value") or {}
    classes = ", ".join(f"{k} {v}" for k, v in (value.get("classes") or {}).items())
    elements = ", ".join(f"{k} {v}" for k, v in (value.get("elements") or {}).items()) or "none"
    rule = " ".join(line.strip() for line in (metrics_value.__doc__ or "").split("Classes,")[1].splitlines())
    lines = ["", "## What the LLM adds", "", f"Share of answers where the LLM text adds a correct element the "
             f"facts answer's lead lacks: **{fmt(value.get('share_adds'))}** of {value.get('n')} answers "
             f"({fmt(value.get('share_adds_when_asked'))} of those where the model was asked). Classes: "
             f"{classes}. Elements: {elements}.", "", f"How it is decided: Classes,{rule}", ""]
    shown = [s for s in scores if s.llm_value in ("adds", "repeats")]
    lines += [f"- {s.qid} ({s.llm_value}{': ' + ', '.join(s.llm_elements) if s.llm_elements else ''}): "
              f"{s.question}" for s in shown[:cap]]
    return lines


def failures(scores: list[TurnScore], cap: int = 40) -> list[str]:
    sections = [
        ("Not understood (got vs wanted)", [f"{s.qid}: {s.question} — got {s.got}; wanted {s.wanted}"
                                            for s in scores if s.understood is False and not s.error]),
        ("Refusal mismatches", [f"{s.qid}: {s.question} — refusal expected {s.refusal_expected}, refused {s.refused}"
                                for s in scores if s.refused != s.refusal_expected and s.refusal_applicable]),
        ("Unfaithful numbers (shown)", [f"{s.qid}: {u}" for s in scores for u in s.shown.unfaithful]),
        ("Unit errors (shown)", [f"{s.qid}: {u}" for s in scores for u in s.shown.unit_errors]),
        ("Unfaithful numbers (raw LLM)", [f"{s.qid}: {u}" for s in scores if s.raw for u in s.raw.unfaithful]),
        ("Attribution errors (shown)", [f"{s.qid}: {u}" for s in scores for u in s.shown.attribution]),
        ("Attribution errors (raw LLM)", [f"{s.qid}: {u}" for s in scores if s.raw for u in s.raw.attribution]),
        ("Wrong directions", [f"{s.qid}: {w}" for s in scores for w in [*s.wrong_directions,
                                                                        *s.raw_wrong_directions]]),
        ("Expected numbers missing", [f"{s.qid}: {s.question} — missing {', '.join(s.missing_numbers)}"
                                      for s in scores if s.missing_numbers]),
        ("Glossary terms missing", [f"{s.qid}: {s.question} — missing {', '.join(s.missing_terms)}"
                                    for s in scores if s.missing_terms]),
        ("LLM fallbacks (reason)", [f"{s.qid}: {s.fallback_reason}" for s in scores if s.fallback]),
        ("Errors", [f"{s.qid}: {s.error}" for s in scores if s.error]),
    ]
    out: list[str] = []
    for title, items in sections:
        if items:
            out += [f"## {title} ({len(items)})", "", *(f"- {i}" for i in items[:cap])]
            out += [f"- … {len(items) - cap} more in the JSON"] if len(items) > cap else []
            out.append("")
    return out
