"""Gold for the paraphrase battery: the real KWB extracts and the national CBS region names, read with pandas.

Never through Duiding's readers or store. Three stores are measured: Den Haag (KWB 2019 full + 2021 subset),
Amsterdam (KWB 2019 full) and "multi" (Den Haag, Utrecht 2019 + 2021 subsets and Amsterdam together).
Area names come from the national list (85318NED, KWB 2022 codes), the same list Duiding ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from eval.gold_base import Area, GoldTable, short_name
from eval.gold_real import PROPS, STEMS, _long, _read

DH19 = "dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv"
DH21 = "dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv"
UT19 = "dhzw_synthetic_population/utrecht_2019_subset/marginal_distributions_84583NED.csv"
UT21 = "dhzw_synthetic_population/utrecht_2021_subset/marginal_distributions_84583NED.csv"
AMS19 = "dhzw_synthetic_population/amsterdam_2019_full/marginal_distributions_84583NED.csv"
NAMES_NL = "cbs_metadata/85318NED_kwb2022/WijkenEnBuurten_NL.csv"
DH, AMS, UT = "GM0518", "GM0363", "GM0344"
CITY_WORD = {DH: "Den Haag", AMS: "Amsterdam", UT: "Utrecht"}
CITY_EN = {DH: "The Hague", AMS: "Amsterdam", UT: "Utrecht"}

# store name -> the files imported into it, with their year (the 2021 subsets carry 2019 column names)
STORES: dict[str, tuple[tuple[str, int], ...]] = {
    "den_haag": ((DH19, 2019), (DH21, 2021)),
    "amsterdam": ((AMS19, 2019),),
    "multi": ((DH19, 2019), (DH21, 2021), (UT19, 2019), (UT21, 2021), (AMS19, 2019)),
}
STORE_GEMEENTEN = {"den_haag": (DH,), "amsterdam": (AMS,), "multi": (DH, UT, AMS)}


@dataclass
class StoreGold:
    """One store's gold: its values and areas, and every region name of the Netherlands (for unknown names)."""

    name: str
    table: GoldTable
    gemeenten: tuple[str, ...]
    national_names: frozenset[str]  # casefolded titles and short names of all 18,003 CBS regions

    def area(self, code: str) -> Area:
        return self.table.areas[code]

    def spoken(self, code: str) -> str:
        """How a person writes the area: 'Moerwijk' for 'Wijk 36 Moerwijk', 'Den Haag' for the gemeente."""
        area = self.table.areas[code]
        return CITY_WORD.get(code, short_name(area.name))

    def with_value(self, codes: list[str], indicator: str) -> list[str]:
        return [c for c in codes if self.table.latest_year(c, indicator) is not None]

    def latest(self, code: str, indicator: str) -> tuple[int, float]:
        year = self.table.latest_year(code, indicator)
        if year is None:
            raise KeyError(f"gold: no value for {code}/{indicator}")
        value = self.table.value(code, indicator, year)
        assert value is not None
        return year, value

    def level(self, gemeente: str, level: str) -> list[str]:
        return self.table.in_level(gemeente, level)

    def unique_named(self, level: str) -> list[str]:
        """Areas of the level whose spoken name no other area of the store shares (casefolded)."""
        counts: dict[str, int] = {}
        for code in self.table.areas:
            key = self.spoken(code).casefold()
            counts[key] = counts.get(key, 0) + 1
        return [c for gm in self.gemeenten for c in self.level(gm, level) if counts[self.spoken(c).casefold()] == 1]

    def names_casefold(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for code in self.table.areas:
            for name in {self.spoken(code), self.table.areas[code].name}:
                out.setdefault(name.casefold(), []).append(code)
        return out


def _parent(code: str) -> str | None:
    if code.startswith("BU"):
        return "WK" + code[2:8]
    return "GM" + code[2:6] if code.startswith("WK") else None


@lru_cache(maxsize=2)
def national_names(root: Path) -> pd.DataFrame:
    df = pd.read_csv(root / NAMES_NL, dtype=str).fillna("")
    return df.apply(lambda col: col.str.strip())


def _areas(root: Path, codes: set[str]) -> dict[str, Area]:
    title = dict(zip(national_names(root)["Key"], national_names(root)["Title"], strict=True))
    out: dict[str, Area] = {}
    for code in sorted(codes):
        level = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[code[:2]]
        out[code] = Area(code, title.get(code, code), level, _parent(code))
    return out


@lru_cache(maxsize=4)
def store_gold(root: Path, store: str) -> StoreGold:
    frames = [_long(_read(root / path), year) for path, year in STORES[store]]
    df = pd.concat(frames, ignore_index=True)
    values = {(str(r.area), str(r.indicator), int(r.year)): None if pd.isna(r.value) else float(r.value)
              for r in df.itertuples()}
    decimals = df.groupby("indicator")["decimals"].max()
    units = {ind: (unit, int(decimals.get(ind, 0))) for ind, unit in STEMS.values()}
    years = sorted({y for _, y in STORES[store]})
    table = GoldTable(values=values, areas=_areas(root, set(df["area"])), units=units, years=years)
    nl = national_names(root)
    names = frozenset(n.casefold() for t in nl["Title"] for n in (t, short_name(t)) if n)
    return StoreGold(store, table, STORE_GEMEENTEN[store], names)


def props_path(root: Path) -> Path:
    return root / PROPS


def word_in(token: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", name, re.I) is not None
