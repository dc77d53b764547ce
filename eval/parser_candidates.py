"""Candidate recall of the LLM parser (issue 23): is the gold area / indicator in the short list the model may
choose from, and first? The parser is given an empty reading, as when the rules resolve nothing.

    DUIDING_REAL_DATA=... python -m eval.parser_candidates      # Den Haag value questions of the battery

Gold from eval/battery_gold.py (the CSVs); a fresh store is filled through Duiding's own import.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from assistant.core.settings import Settings
from assistant.understand.model import Understanding
from assistant.understand.parser_candidates import area_candidates, indicator_candidates
from eval.battery import prepare
from eval.battery_build import build_battery
from eval.gold_real import real_root
from retrieval.tables.areas import area_table
from retrieval.tables.store import IndicatorStore

KEYS = ("area_in", "area_first", "indicator_in", "indicator_first")


def measure(section: str = "den_haag") -> dict[str, float]:
    root = real_root()
    if root is None:
        raise SystemExit("needs the real extracts: set DUIDING_REAL_DATA")
    with tempfile.TemporaryDirectory(prefix="duiding-candidates-") as tmp:
        settings = Settings(data_dir=Path(tmp), llm="none")
        prepare(root, section, settings)
        data = IndicatorStore(settings.indicator_dir).load()
        refs, loaded = area_table(data.areas), set(data.values["indicator"].unique())
        titles = {d.id: d.title_nl for d in data.catalogue}
        rows = []
        for q in build_battery(root):
            t = q.turns[0]
            if q.section != section or t.check != "match" or not t.areas or not t.indicators:
                continue
            u = Understanding(question=t.question)
            areas = [a.code for a in area_candidates(t.question, u, refs)]
            inds = indicator_candidates(t.question, u, loaded, None, titles)
            gold = set(t.indicators[0].split("|"))
            rows.append((t.areas[0] in areas, areas[:1] == t.areas[:1], bool(gold & set(inds)), inds[:1] != [] and
                         inds[0] in gold))
    return {"questions": len(rows), **{k: round(sum(r[i] for r in rows) / max(len(rows), 1), 3)
                                       for i, k in enumerate(KEYS)}}


if __name__ == "__main__":
    print(measure(*(sys.argv[1:2] or ["den_haag"])))
