"""The gold side of the evaluation: figures per area, indicator and year, read straight from the sources.

Demo gold comes from eval/demo_ground_truth.json (the generator's truth), real gold from the CBS CSVs with
pandas. Nothing here imports Duiding's readers, store, facts engine or checker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, str, int]  # (area code, indicator, year)

# Units and display decimals, written down by the eval itself (CBS conventions), not read from Duiding.
PERCENT, COUNT, PER_1000, EURO_1000 = "percent", "count", "per_1000", "euro_x1000"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: str  # land | gemeente | stadsdeel | wijk | buurt
    parent: str | None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class GoldTable:
    """Published values; a key present with value None is a suppressed ('.') or unpublished cell."""

    values: dict[Key, float | None]
    areas: dict[str, Area]
    units: dict[str, tuple[str, int]]
    years: list[int]
    stories: list[dict[str, Any]] = field(default_factory=list)  # story metadata (area_code, themes, signifiers)
    _level_cache: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False)

    def value(self, area: str, indicator: str, year: int) -> float | None:
        return self.values.get((area, indicator, year))

    def unit(self, indicator: str) -> tuple[str, int]:
        return self.units.get(indicator, (COUNT, 0))

    def name(self, code: str) -> str:
        return self.areas[code].name if code in self.areas else code

    def chain(self, code: str) -> list[str]:
        """Parents from the nearest up to the country."""
        out: list[str] = []
        parent = self.areas[code].parent if code in self.areas else None
        while parent and parent in self.areas and parent not in out:
            out.append(parent)
            parent = self.areas[parent].parent
        return out

    def gemeente(self, code: str) -> str | None:
        if code in self.areas and self.areas[code].level == "gemeente":
            return code
        return next((c for c in self.chain(code) if self.areas[c].level == "gemeente"), None)

    def in_level(self, gemeente: str, level: str) -> list[str]:
        key = (gemeente, level)
        if key not in self._level_cache:
            self._level_cache[key] = sorted(
                c for c, a in self.areas.items() if a.level == level and self.gemeente(c) == gemeente)
        return self._level_cache[key]

    def siblings(self, code: str) -> list[str]:
        """Areas of the same level in the same gemeente (the set ranks are taken over), code included."""
        gm = self.gemeente(code)
        return self.in_level(gm, self.areas[code].level) if gm and code in self.areas else [code]

    def level_values(self, codes: list[str], indicator: str, year: int) -> dict[str, float]:
        out = {c: self.value(c, indicator, year) for c in codes}
        return {c: v for c, v in out.items() if v is not None}

    def latest_year(self, area: str, indicator: str) -> int | None:
        years = [y for y in self.years if self.value(area, indicator, y) is not None]
        return max(years) if years else None

    def ranked(self, gemeente: str, level: str, indicator: str, year: int, highest: bool = True
               ) -> list[tuple[str, float]]:
        vals = self.level_values(self.in_level(gemeente, level), indicator, year)
        return sorted(vals.items(), key=lambda kv: (-kv[1] if highest else kv[1], kv[0]))

    def rank(self, code: str, indicator: str, year: int, highest: bool = True) -> tuple[int, int] | None:
        """(position, number of areas with a value); ties share the better position."""
        vals = self.level_values(self.siblings(code), indicator, year)
        if code not in vals:
            return None
        mine = vals[code]
        better = sum(1 for v in vals.values() if (v > mine if highest else v < mine))
        return better + 1, len(vals)

    def find(self, name: str) -> str:
        """Code for an exact area name (or code); raises when absent or ambiguous, so gold stays explicit."""
        if name in self.areas:
            return name
        hits = [c for c, a in self.areas.items() if name.casefold() in (n.casefold() for n in a.names)]
        if len(hits) != 1:
            raise KeyError(f"gold: area name {name!r} matches {hits}")
        return hits[0]


def fmt_number(value: float, decimals: int, lang: str = "nl") -> str:
    """Display form: 10,8 / 35.542 in Dutch, 10.8 / 35,542 in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def shown(value: float, unit: str, decimals: int, lang: str = "nl") -> str:
    num = fmt_number(value, decimals, lang)
    if unit == PERCENT:
        return f"{num}%"
    if unit == PER_1000:
        return f"{num} per 1.000" if lang == "nl" else f"{num} per 1,000"
    if unit == EURO_1000:
        return f"€ {num} duizend" if lang == "nl" else f"€{num} thousand"
    return num


def round_half_up(value: float, decimals: int) -> float:
    scale = 10 ** decimals
    return float(int(abs(value) * scale + 0.5 + 1e-9)) / scale * (1 if value >= 0 else -1)


def short_name(name: str) -> str:
    """'Wijk 36 Moerwijk' -> 'Moerwijk' (CBS wijk names carry a number prefix)."""
    return re.sub(r"^Wijk\s+\d+\s+", "", name).strip()
