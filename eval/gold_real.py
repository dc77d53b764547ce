"""Real-data gold: the Den Haag KWB extracts read straight from the CSVs with pandas.

Never through Duiding's readers or store: the eval has its own column map (CBS stems -> the indicator ids
a right answer names), its own decimal inference from the published strings, and its own area tree.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from eval.gold_base import COUNT, EURO_1000, PER_1000, PERCENT, Area, GoldTable, Key, short_name

KWB2019 = "dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv"
KWB2021 = "dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv"
NAMES = "cbs_metadata/85318NED_kwb2022/WijkenEnBuurten.csv"
PROPS = "cbs_metadata/85318NED_kwb2022/DataProperties.csv"
GEMEENTE = "GM0518"
FILES = ((KWB2019, 2019), (KWB2021, 2021))  # the 2021 subset carries 2019 column names (SOURCE.md)

STEMS: dict[str, tuple[str, str]] = {  # CBS key stem -> (indicator id, unit)
    "AantalInwoners": ("inwoners", COUNT), "k_0Tot15Jaar": ("leeftijd_0_15", COUNT),
    "k_15Tot25Jaar": ("leeftijd_15_25", COUNT), "k_25Tot45Jaar": ("leeftijd_25_45", COUNT),
    "k_45Tot65Jaar": ("leeftijd_45_65", COUNT), "k_65JaarOfOuder": ("leeftijd_65_plus", COUNT),
    "WestersTotaal": ("migratie_westers", COUNT), "NietWestersTotaal": ("migratie_niet_westers", COUNT),
    "HuishoudensTotaal": ("huishoudens", COUNT), "Eenpersoonshuishoudens": ("eenpersoonshuishoudens", COUNT),
    "HuishoudensMetKinderen": ("huishoudens_met_kinderen", COUNT),
    "GemiddeldeWoningwaarde": ("woz_waarde", EURO_1000), "Koopwoningen": ("koopwoningen_pct", PERCENT),
    "HuurwoningenTotaal": ("huurwoningen_pct", PERCENT), "InBezitWoningcorporatie": ("corporatiewoningen_pct", PERCENT),
    "GemiddeldInkomenPerInwoner": ("inkomen_per_inwoner", EURO_1000),
    "HuishoudensMetEenLaagInkomen": ("laag_inkomen_pct", PERCENT),
    "HuishOnderOfRondSociaalMinimum": ("sociaal_minimum_pct", PERCENT),
    "PersonenPerSoortUitkeringBijstand": ("bijstand", COUNT), "PersonenPerSoortUitkeringWW": ("ww_uitkering", COUNT),
    "PersonenPerSoortUitkeringAOW": ("aow_uitkering", COUNT), "JongerenMetJeugdzorgInNatura": ("jeugdzorg", COUNT),
    "PercentageJongerenMetJeugdzorg": ("jeugdzorg_pct", PERCENT), "WmoClienten": ("wmo_clienten", COUNT),
    "WmoClientenRelatief": ("wmo_per_1000", PER_1000), "Bevolkingsdichtheid": ("bevolkingsdichtheid", COUNT),
}
CITY_ALIASES = ("Den Haag", "The Hague", "Haagse", "de stad", "stedelijk", "the city")


def real_root() -> Path | None:
    value = os.environ.get("DUIDING_REAL_DATA")
    return Path(value) if value and Path(value).is_dir() else None


def _read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    return df.apply(lambda col: col.str.strip())


def _long(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per (area, indicator): value None for '.', the published decimals kept."""
    rows = []
    for key in df.columns:
        stem = re.sub(r"_\d+$", "", key)
        if stem not in STEMS:
            continue
        raw = df[key]
        dec = raw.str.extract(r"\.(\d+)$")[0].str.len().fillna(0).astype(int)
        num = pd.to_numeric(raw.where(raw != "."), errors="coerce")
        rows.append(pd.DataFrame({"area": df["Codering_3"], "indicator": STEMS[stem][0], "year": year,
                                  "value": num, "decimals": dec}))
    return pd.concat(rows, ignore_index=True)


def _parent(code: str) -> str | None:
    if code.startswith("BU"):
        return "WK" + code[2:8]
    return GEMEENTE if code.startswith("WK") else None


def _areas(root: Path, codes: set[str]) -> dict[str, Area]:
    names = pd.read_csv(root / NAMES, dtype=str).apply(lambda col: col.str.strip())
    title = dict(zip(names["Key"], names["Title"], strict=True))
    out: dict[str, Area] = {}
    for code in sorted(codes):
        level = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[code[:2]]
        name = title.get(code, code)
        aliases = CITY_ALIASES if level == "gemeente" else tuple({short_name(name)} - {name})
        out[code] = Area(code, name, level, _parent(code), aliases)
    return out


@lru_cache(maxsize=2)
def real_gold(root: Path) -> GoldTable:
    frames = [_long(_read(root / path), year) for path, year in FILES]
    df = pd.concat(frames, ignore_index=True)
    values: dict[Key, float | None] = {
        (str(r.area), str(r.indicator), int(r.year)): None if pd.isna(r.value) else float(r.value)
        for r in df.itertuples()}
    decimals = df.groupby("indicator")["decimals"].max()
    units = {ind: (unit, int(decimals.get(ind, 0))) for ind, unit in STEMS.values()}
    return GoldTable(values=values, areas=_areas(root, set(df["area"])), units=units, years=[2019, 2021])
