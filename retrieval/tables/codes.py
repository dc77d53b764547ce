"""CBS region codes and KWB table ids: how codes nest, which level a code is, which year a table is."""

from __future__ import annotations

import re
from pathlib import Path

KWB_TABLES = {
    "84583NED": 2019, "84799NED": 2020, "85039NED": 2021, "85318NED": 2022, "85618NED": 2023,
    "85984NED": 2024,
}
KWB_BY_YEAR = {y: t for t, y in KWB_TABLES.items()}


def cbs_parent(code: str) -> str | None:
    """CBS codes nest by prefix: BU05180101 -> WK051801 -> GM0518 -> NL00."""
    if code.startswith("BU") and len(code) == 10:
        return "WK" + code[2:8]
    if code.startswith("WK") and len(code) == 8:
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return "NL00"
    return None


def level_for_code(code: str) -> str:
    return {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt", "SD": "stadsdeel"}.get(
        code[:2], "wijk"
    )


def clean_area_name(title: str) -> str:
    """'Wijk 36 Moerwijk' -> 'Moerwijk'; CBS code-list titles carry the wijk number."""
    return re.sub(r"^(Wijk|Buurt)\s+\d+\s+", "", title.strip()).strip() or title.strip()


def guess_year(path: Path) -> int | None:
    for table, year in KWB_TABLES.items():
        if table.lower() in path.name.lower():
            return year
    return None
