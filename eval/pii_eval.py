"""PII scrubber eval: precision and recall per category over eval/data/pii_set.yaml.

    python -m eval.pii_eval            # writes eval/reports/pii.md and eval/reports/pii.json

Recall: a planted string counts as found when every letter and digit of it lies inside a redaction.
Precision: a redaction is right when it overlaps a planted string; a redaction on a negative sentence or on
a kept statistic is wrong. Both are reported per category (precision by the placeholder's category).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from retrieval.stories.pii import PII_TYPES, scrub

ROOT = Path(__file__).parent
EVAL_SET = ROOT / "data" / "pii_set.yaml"
HOLDOUT = ROOT / "data" / "pii_holdout.yaml"
REPORTS = ROOT / "reports"


def load_set(path: Path = EVAL_SET) -> list[dict[str, Any]]:
    """The eval sentences, each with its planted PII per category and the strings to keep."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def _planted(item: dict[str, Any]) -> list[tuple[str, int, int]]:
    out = []
    for kind, values in (item.get("pii") or {}).items():
        for value in values:
            start = item["text"].find(value)
            if start < 0:
                raise ValueError(f"{value!r} is not in {item['text']!r}")
            out.append((kind, start, start + len(value)))
    return out


def _blank(kinds: Sequence[str]) -> dict[str, dict[str, Any]]:
    return {k: {"planted": 0, "found": 0, "spans": 0, "true_spans": 0, "misses": [], "false_hits": []}
            for k in kinds}


def measure(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-category and overall counts, precision and recall, with the misses and false hits."""
    per = _blank(PII_TYPES)
    kept_broken: list[str] = []
    for item in items:
        text, result = item["text"], scrub(item["text"])
        covered = {i for s in result.spans for i in range(s.start, s.end)}
        expected = _planted(item)
        for kind, a, b in expected:
            per[kind]["planted"] += 1
            if all(i in covered for i in range(a, b) if text[i].isalnum()):
                per[kind]["found"] += 1
            else:
                per[kind]["misses"].append(f"{text[a:b]!r} in {text!r}")
        for span in result.spans:
            cell = per[span.kind]
            cell["spans"] += 1
            if any(span.start < b and span.end > a for _, a, b in expected):
                cell["true_spans"] += 1
            else:
                cell["false_hits"].append(f"{text[span.start:span.end]!r} in {text!r}")
        kept_broken += [f"{k!r} in {text!r}" for k in item.get("keep") or [] if k not in result.text]
    return _summarise(per, items, kept_broken)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _summarise(per: dict[str, dict[str, Any]], items: list[dict[str, Any]], kept: list[str]) -> dict[str, Any]:
    for cell in per.values():
        cell["recall"] = _ratio(cell["found"], cell["planted"])
        cell["precision"] = _ratio(cell["true_spans"], cell["spans"])
    total = {k: sum(c[k] for c in per.values()) for k in ("planted", "found", "spans", "true_spans")}
    return {
        "sentences": len(items),
        "negatives": sum(1 for i in items if not i.get("pii")),
        "recall": _ratio(total["found"], total["planted"]),
        "precision": _ratio(total["true_spans"], total["spans"]),
        **total,
        "kept_broken": kept,
        "categories": per,
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(result: dict[str, Any]) -> str:
    """The markdown report."""
    lines = [
        "# PII scrubber: precision and recall per category",
        "",
        f"Set: `eval/data/pii_set.yaml`, {result['sentences']} sentences (Dutch and English), of which "
        f"{result['negatives']} negatives (wijk names, ordinary dates, percentages, years, amounts).",
        "Made by `python -m eval.pii_eval`. Recall: every letter and digit of a planted string is redacted. "
        "Precision: a redaction overlaps a planted string.",
        "",
        f"**Overall: recall {_fmt(result['recall'])} ({result['found']}/{result['planted']}), precision "
        f"{_fmt(result['precision'])} ({result['true_spans']}/{result['spans']}).** Kept strings broken: "
        f"{len(result['kept_broken'])}.",
        "",
        "| category | planted | recall | redactions | precision |",
        "|---|---|---|---|---|",
    ]
    for kind, c in result["categories"].items():
        lines.append(f"| {kind} | {c['planted']} | {_fmt(c['recall'])} | {c['spans']} | {_fmt(c['precision'])} |")
    misses = [m for c in result["categories"].values() for m in c["misses"]]
    false_hits = [f"{k}: {m}" for k, c in result["categories"].items() for m in c["false_hits"]]
    for title, rows in (("Missed", misses), ("Redacted but not personal", false_hits),
                        ("Kept strings that were changed", result["kept_broken"])):
        lines += ["", f"## {title} ({len(rows)})", ""] + [f"- {r}" for r in rows] + ([] if rows else ["- none"])
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=EVAL_SET)
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    result = measure(load_set(args.set))
    result["holdout"] = measure(load_set(HOLDOUT))
    args.out.mkdir(parents=True, exist_ok=True)
    held = result["holdout"]
    note = (f"\n## Held-out set\n\n`eval/data/pii_holdout.yaml`, {held['sentences']} sentences written after the "
            f"scrubber: recall {_fmt(held['recall'])} ({held['found']}/{held['planted']}), precision "
            f"{_fmt(held['precision'])} ({held['true_spans']}/{held['spans']}); its first run is noted in the file.\n")
    (args.out / "pii.md").write_text(render(result) + note, encoding="utf-8")
    (args.out / "pii.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"PII recall {_fmt(result['recall'])}, precision {_fmt(result['precision'])} over "
          f"{result['sentences']} sentences -> {args.out / 'pii.md'}")


if __name__ == "__main__":
    main()
