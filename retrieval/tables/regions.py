"""The CBS region names of all of the Netherlands, shipped with the package (see data/cbs_regions.md)."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGIONS_PATH = Path(__file__).resolve().parents[1] / "data" / "cbs_regions.csv.gz"
COLUMNS = ["code", "name", "level", "gemeente_code", "gemeente_name"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    gemeente_code: str
    gemeente_name: str


@dataclass(frozen=True)
class RegionList:
    table: str  # the KWB table the codes belong to, e.g. 85318NED
    year: int
    by_code: dict[str, Region]

    def names(self) -> dict[str, str]:
        return {code: r.name for code, r in self.by_code.items()}


@lru_cache(maxsize=1)
def shipped_regions() -> RegionList:
    """Read once per process (18,003 regions)."""
    text = gzip.decompress(REGIONS_PATH.read_bytes()).decode("utf-8")
    header, _, body = text.partition("\n")
    table, year = _table_of(header)
    rows = csv.DictReader(io.StringIO(body))
    by_code = {r["code"]: Region(**{c: r[c] for c in COLUMNS}) for r in rows}
    return RegionList(table, year, by_code)


def _table_of(header: str) -> tuple[str, int]:
    """'# CBS Kerncijfers wijken en buurten 2022, table 85318NED: …' -> ('85318NED', 2022)."""
    words = header.replace(",", " ").replace(":", " ").split()
    table = next((w for w in words if w.endswith("NED")), "")
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), 0)
    return table, year
