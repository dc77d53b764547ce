"""The battery's report: understanding per category, per section and overall, as markdown and json."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from eval.battery_model import CATEGORIES
from eval.battery_score import BScore

TARGET_OVERALL, TARGET_CATEGORY = 0.95, 0.90


def per_question(scores: list[BScore]) -> dict[str, list[BScore]]:
    out: dict[str, list[BScore]] = defaultdict(list)
    for s in scores:
        out[s.qid].append(s)
    return out


def rate(groups: list[list[BScore]]) -> tuple[int, int, float]:
    ok = sum(all(s.understood for s in g) for g in groups)
    return ok, len(groups), round(ok / len(groups), 3) if groups else 0.0


def summarise(scores: list[BScore]) -> dict[str, Any]:
    qs = per_question(scores)
    by_cat: dict[str, list[list[BScore]]] = defaultdict(list)
    by_sec: dict[str, list[list[BScore]]] = defaultdict(list)
    for group in qs.values():
        by_cat[group[0].category].append(group)
        by_sec[group[0].section].append(group)
    figures = [s.figure_ok for s in scores if s.figure_ok is not None]
    cats = {c: dict(zip(("ok", "n", "rate"), rate(by_cat[c]), strict=True)) for c in CATEGORIES if by_cat[c]}
    return {
        "overall": dict(zip(("ok", "n", "rate"), rate(list(qs.values())), strict=True)),
        "turns": {"n": len(scores), "understood": sum(s.understood for s in scores)},
        "categories": cats,
        "sections": {k: dict(zip(("ok", "n", "rate"), rate(v), strict=True)) for k, v in by_sec.items()},
        "empty_answers": [s.qid for s in scores if not s.nonempty],
        "crashes": [f"{s.qid}: {s.error}" for s in scores if s.reason == "crash"],
        "figure_shown": round(sum(figures) / len(figures), 3) if figures else None,
        "understood_by": _count(s.understood_by or "?" for s in scores),
        "unresolved_turns": sum(s.unresolved for s in scores),
        "below_target": [c for c, v in cats.items() if v["rate"] < TARGET_CATEGORY],
    }


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for i in items:
        out[i] += 1
    return dict(out)


def examples(scores: list[BScore], per_category: int = 4) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in scores:
        if not s.understood and len(out[s.category]) < per_category:
            out[s.category].append({"id": s.qid, "turn": str(s.turn), "question": s.question[:120],
                                    "reason": s.reason, "got": s.got[:160], "wanted": s.wanted[:160]})
    return dict(out)


def gain(scores: list[BScore], baseline: list[dict[str, Any]]) -> dict[str, Any]:
    base = rate([[BScore(**b) for b in g] for g in _group_dicts(baseline).values()])
    now = rate(list(per_question(scores).values()))
    return {"questions": now[1], "rules_only": base[0], "with_parser": now[0],
            "gain": now[0] - base[0], "parser_used_turns": sum(s.understood_by == "llm" for s in scores)}


def _group_dicts(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r["qid"]].append(r)
    return out


def markdown(summary: dict[str, Any], backend: str, ex: dict[str, list[dict[str, str]]]) -> str:
    o = summary["overall"]
    lines = [f"# Paraphrase battery, backend `{backend}` ({date.today().isoformat()})", "",
             "Gold from the CBS CSVs with pandas (eval/battery_gold.py); a question counts as understood when every "
             "turn's areas, indicators (headline first) and kind match, or for profile / need / threshold / top / "
             "unknown / bad input when the answer holds what the gold says (eval/battery_score.py).", "",
             f"**Overall: {o['ok']}/{o['n']} = {o['rate']:.1%}** (target {TARGET_OVERALL:.0%}; "
             f"per category {TARGET_CATEGORY:.0%}). Empty answers: {len(summary['empty_answers'])}. "
             f"Crashes: {len(summary['crashes'])}. Gold figure shown in value answers: {summary['figure_shown']}.",
             "", "| category | understood | n | rate |", "|---|---|---|---|"]
    for c, v in summary["categories"].items():
        flag = "" if v["rate"] >= TARGET_CATEGORY else " (below target)"
        lines.append(f"| {c} | {v['ok']} | {v['n']} | {v['rate']:.1%}{flag} |")
    lines += ["", "| section | understood | n | rate |", "|---|---|---|---|"]
    lines += [f"| {k} | {v['ok']} | {v['n']} | {v['rate']:.1%} |" for k, v in summary["sections"].items()]
    lines += ["", f"Understood by: {summary['understood_by']}; turns the rules left unresolved: "
              f"{summary['unresolved_turns']}."]
    if "gain" in summary:
        g = summary["gain"]
        lines += ["", f"**Parser gain on the {g['questions']} questions the rules leave unresolved: rules alone "
                  f"{g['rules_only']}, with the {backend} parser {g['with_parser']} (gain {g['gain']:+d}); "
                  f"turns understood by the LLM: {g['parser_used_turns']}.**"]
    lines += ["", "## Misses (first examples per category)", ""]
    for c, rows in ex.items():
        lines.append(f"- **{c}**")
        lines += [f"  - `{r['id']}` {r['question']!r}: {r['reason']} (got {r['got']}; wanted {r['wanted']})"
                  for r in rows]
    if summary["crashes"]:
        lines += ["", "## Crashes", "", *[f"- {c}" for c in summary["crashes"][:10]]]
    return "\n".join(lines) + "\n"


def write_reports(scores: list[BScore], backend: str, n_questions: int, unresolved: bool,
                  extra: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    summary = summarise(scores)
    if extra.get("baseline"):
        summary["gain"] = gain(scores, extra["baseline"])
    ex = examples(scores)
    name = f"battery-{backend}" + ("-unresolved" if unresolved else "")
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"backend": backend, "questions": n_questions, "summary": summary, "misses": ex,
               "scores": [s.as_dict() for s in scores]}
    (out_dir / f"{name}.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    (out_dir / f"{name}.md").write_text(markdown(summary, backend, ex), encoding="utf-8")
    print(markdown(summary, backend, ex))
    return payload
