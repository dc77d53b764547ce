"""Demo-city gold: eval/demo_ground_truth.json plus the generator's published area list and decimals."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from eval.gold_base import COUNT, EURO_1000, PER_1000, PERCENT, Area, GoldTable, Key

REPO = Path(__file__).resolve().parents[1]
TRUTH = REPO / "eval" / "demo_ground_truth.json"
DEMO_DIR = REPO / "retrieval" / "data" / "demo"
STORIES = DEMO_DIR / "stories.jsonl"
GEMEENTE = "GM9901"
CITY_WORDS = ("Duinhaven", "de stad", "stedelijk", "gemeente", "the city")


def unit_of(indicator: str) -> str:
    if indicator.endswith("_pct"):
        return PERCENT
    if indicator.endswith("_per_1000"):
        return PER_1000
    if indicator in ("inkomen_per_inwoner", "woz_waarde"):
        return EURO_1000
    return COUNT


def truth() -> dict[str, Any]:
    return json.loads(TRUTH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _published_decimals() -> dict[str, int]:
    """Decimals as the generator published them in values.csv (its display precision)."""
    df = pd.read_csv(DEMO_DIR / "values.csv", comment="#", dtype=str)
    dec = df["value"].dropna().str.extract(r"\.(\d+)$")[0].str.len().fillna(0)
    return {str(k): int(v) for k, v in dec.groupby(df["indicator"]).max().items()}


def _areas() -> dict[str, Area]:
    df = pd.read_csv(DEMO_DIR / "areas.csv", comment="#", dtype=str).sort_values("year")
    latest = df.drop_duplicates("area_code", keep="last")
    out: dict[str, Area] = {}
    for row in latest.itertuples():
        parent = row.parent_code if isinstance(row.parent_code, str) and row.parent_code else None
        aliases: tuple[str, ...] = ()
        if row.level == "gemeente":
            aliases = ("de stad", "stedelijk", "the city")
        elif row.level == "land":
            aliases = ("landelijk", "het land", "national", "the Netherlands", "Netherlands")
        out[str(row.area_code)] = Area(str(row.area_code), str(row.area_name), str(row.level), parent, aliases)
    return out


@lru_cache(maxsize=1)
def demo_gold() -> GoldTable:
    data = truth()
    values: dict[Key, float | None] = {}
    for area, per_ind in data["values"].items():
        for ind, per_year in per_ind.items():
            for year, v in per_year.items():
                values[(area, ind, int(year))] = None if v is None else float(v)
    for cell in data["suppressed"]:
        values[(cell["area"], cell["indicator"], int(cell["year"]))] = None
    decimals = _published_decimals()
    units = {ind: (unit_of(ind), decimals.get(ind, 0)) for ind in {k[1] for k in values}}
    return GoldTable(values=values, areas=_areas(), units=units, years=[int(y) for y in data["years"]],
                     stories=stories())


def patterns(kind: str) -> list[dict[str, Any]]:
    return [p for p in truth()["patterns"] if p["pattern"] == kind]


@lru_cache(maxsize=1)
def stories() -> list[dict[str, Any]]:
    lines = STORIES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def story_ids(area: str, themes: tuple[str, ...] = ()) -> list[str]:
    """Stories told in an area (any of the themes, when given): the gold for story questions."""
    return [s["id"] for s in stories()
            if s.get("area_code") == area and (not themes or set(themes) & set(s.get("themes", [])))]
