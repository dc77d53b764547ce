"""The real KWB CSV read with plain pandas, so tests compute their expectations from the source itself."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from support.paths import KWB2019, NAMES2022


def kwb_wijken(real_data: Path, rel: str = KWB2019) -> pd.DataFrame:
    """One row per area: code, CBS name, level, and every column by its stem (suffix dropped), '.' = NaN."""
    raw = pd.read_csv(real_data / rel, sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw.apply(lambda col: col.str.strip())
    first = next(i for i, c in enumerate(raw.columns) if c.startswith("Codering")) + 1  # 2021 has no Gemeentenaam
    columns = {re.sub(r"_\d+$", "", c): pd.to_numeric(raw[c].replace(".", None), errors="coerce")
               for c in raw.columns[first:]}
    out = pd.concat([pd.DataFrame({"code": raw["WijkenEnBuurten"], "level": raw["SoortRegio_2"].str.lower()}),
                     pd.DataFrame(columns)], axis=1)
    names = pd.read_csv(real_data / NAMES2022, sep=",", dtype=str)
    by_code = dict(zip(names["Key"].str.strip(), names["Title"].str.strip(), strict=True))
    out["name"] = out["code"].map(by_code).str.replace(r"^Wijk \d+ ", "", regex=True)
    return out


def code_of(frame: pd.DataFrame, name: str, level: str = "wijk") -> str:
    hit = frame[(frame["name"] == name) & (frame["level"] == level)]
    assert len(hit) == 1, f"{name} ({level}) is not one row in the CSV"
    return str(hit["code"].iloc[0])
