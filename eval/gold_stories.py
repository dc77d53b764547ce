"""Gold for the story patterns an answer states ("13 van de 30 verhalen …; 7 noemen 'eenzaam' (54%)").

Counted here straight from the stories file with json, apart from assistant/facts/signifiers.py: per area the
number of stories, per theme the stories on it, per feeling the stories that name it (and its share of the
theme), and per slider the stories in each third. A pattern number in an answer is faithful when it is one
of these for an area the answer is about.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from eval.metrics_numbers import NumToken

Counts = dict[str, set[tuple[float, str]]]  # area code -> {(value, unit)}


def story_counts(path: Path) -> Counts:
    by_area: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_area[str(row["area_code"])].append(row)
    return {area: _area_counts(rows) for area, rows in by_area.items()}


def _area_counts(rows: list[dict[str, object]]) -> set[tuple[float, str]]:
    out: set[tuple[float, str]] = {(float(len(rows)), "")}
    themes = {t for r in rows for t in _list(r.get("themes"))}
    for theme in themes:
        about = [r for r in rows if theme in _list(r.get("themes"))]
        out.add((float(len(about)), ""))
        feelings: Counter[str] = Counter()
        thirds: Counter[tuple[str, int]] = Counter()
        for r in about:
            sig = r.get("signifiers")
            sig = sig if isinstance(sig, dict) else {}
            feelings.update(set(_list(sig.get("gevoel"))))
            for key, value in sig.items():
                if isinstance(value, int | float) and not isinstance(value, bool):
                    thirds[(key, 0 if value < 1 / 3 else 2 if value > 2 / 3 else 1)] += 1
        for n in feelings.values():
            out |= {(float(n), ""), (float(round(100 * n / len(about))), "%")}
        out |= {(float(n), "") for n in thirds.values()}
    return out


def _list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [value] if isinstance(value, str) else []


def story_tokens(counts: Counts, areas: list[str]) -> list[NumToken]:
    """The pattern numbers of these areas as tokens the faithfulness check accepts as quoted."""
    found = {vu for a in dict.fromkeys(areas) for vu in counts.get(a, set())}
    return [NumToken(value, 0, unit, f"{value:g}{unit}", -1) for value, unit in sorted(found)]
