"""Benchmark build_facts: one area, 5 indicators, warm and in-process; prints p50/p95 in ms.

    python -m eval.bench_facts [--runs 200] [--skip-nl]

Den Haag uses the real KWB 2019 + 2021 extracts (DUIDING_REAL_DATA, default ../shared/data/real). The
all-NL store (≈17,000 areas × 100 indicators × 5 years) is generated into a temporary dir, written as a
real snapshot and loaded back, so the Parquet load and the one-off index build are measured too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, build_facts
from assistant.facts.index import index_for
from retrieval.models import ImportReport
from retrieval.tables.catalogue import base_catalogue
from retrieval.tables.store import AREA_COLUMNS, VALUE_COLUMNS, ImportBatch, IndicatorStore, StoreData

REPO = Path(__file__).resolve().parents[1]
KWB2019 = "dhzw_synthetic_population/kwb2019_84583NED_full/marginal_distributions_TheHague_2019_84583NED.csv"
KWB2021 = "dhzw_synthetic_population/den_haag_2021_subset/marginal_distributions_84583NED.csv"
META = "cbs_metadata/85318NED_kwb2022/"
FIVE = ["jeugdzorg_pct", "wmo_per_1000", "laag_inkomen_pct", "leeftijd_65_plus", "inwoners"]
YEARS = [2019, 2020, 2021, 2022, 2023]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: the index is built on first use
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def den_haag(tmp: Path) -> StoreData:
    from retrieval.tables.ingest import ingest_table

    real = Path(os.environ.get("DUIDING_REAL_DATA", REPO.parent / "shared" / "data" / "real"))
    store = IndicatorStore(tmp / "den_haag")
    names, props = real / META / "WijkenEnBuurten.csv", real / META / "DataProperties.csv"
    ingest_table(store, real / KWB2019, "cbs", names=names, metadata=props)
    ingest_table(store, real / KWB2021, "cbs", year=2021, names=names, metadata=props)
    return store.load()


def nl_areas(rng: np.random.Generator) -> pd.DataFrame:
    """1 land, 342 gemeenten, ≈3,300 wijken and ≈13,400 buurten, nested as CBS codes nest."""
    rows: list[tuple[str, str, str, str | None]] = [("NL00", "Nederland", "land", None)]
    for g in range(342):
        gm = f"GM{g + 1:04d}"
        rows.append((gm, f"Gemeente {g + 1}", "gemeente", "NL00"))
        for w in range(int(rng.integers(5, 15))):
            wk = f"WK{g + 1:04d}{w:02d}"
            rows.append((wk, f"Wijk {g + 1}-{w}", "wijk", gm))
            rows += [(f"BU{g + 1:04d}{w:02d}{b:02d}", f"Buurt {g + 1}-{w}-{b}", "buurt", wk) for b in range(4)]
    return pd.DataFrame(rows, columns=["area_code", "area_name", "level", "parent_code"])


def nl_store(tmp: Path, n_indicators: int = 100) -> tuple[StoreData, float]:
    values, areas = nl_frames(n_indicators)
    store = IndicatorStore(tmp / "nl")
    report = ImportReport(file="generated", format="bench")
    store.replace_all(ImportBatch(values, areas, [], {"CBS KWB": {}}, report))
    start = time.perf_counter()
    data = store.load()
    return data, (time.perf_counter() - start) * 1000


def nl_frames(n_indicators: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(7)
    base = nl_areas(rng)
    ids = [d.id for d in base_catalogue()]
    ids = [*FIVE, *[i for i in ids if i not in FIVE]][:n_indicators]
    grid = base.loc[base.index.repeat(len(ids) * len(YEARS))].reset_index(drop=True)
    grid["indicator"] = np.tile(np.repeat(ids, len(YEARS)), len(base))
    grid["year"] = np.tile(YEARS, len(base) * len(ids))
    value = rng.gamma(2.0, 20.0, len(grid)).round(1)
    suppressed = rng.random(len(grid)) < 0.03
    grid = grid.assign(source="CBS KWB", value=np.where(suppressed, np.nan, value), suppressed=suppressed,
                       status=np.where(grid["year"] == YEARS[-1], "voorlopig", "definitief"), table="84583NED",
                       source_key=grid["indicator"])
    areas = base.loc[base.index.repeat(len(YEARS))].reset_index(drop=True)
    areas = areas.assign(year=np.tile(YEARS, len(base)), source="CBS KWB", boundary_change=0)
    areas["boundary_change"] = areas["boundary_change"].astype("Int64")
    return grid[VALUE_COLUMNS], areas[AREA_COLUMNS]


def bench(label: str, data: StoreData, area: str, runs: int) -> None:
    settings = Settings(llm="none")
    start = time.perf_counter()
    index_for(data)
    build_ms = (time.perf_counter() - start) * 1000
    req = FactRequest(areas=[area], indicators=FIVE)
    p50, p95 = timed(lambda: build_facts(data, req, settings), runs)
    n = len(build_facts(data, req, settings).facts)
    print(f"{label:<28} rows={len(data.values):>9,}  index build {build_ms:8.0f} ms  "
          f"build_facts p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({n} facts)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--skip-nl", action="store_true", help="only the Den Haag store")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="duiding-bench-") as tmp:
        bench("Den Haag (real, WK051836)", den_haag(Path(tmp)), "WK051836", args.runs)
        if not args.skip_nl:
            data, load_ms = nl_store(Path(tmp))
            print(f"all-NL store generated: {data.areas['area_code'].nunique():,} areas, load {load_ms:.0f} ms")
            bench("all-NL (generated, buurt)", data, "BU01800102", args.runs)
            bench("all-NL (generated, wijk)", data, "WK018001", args.runs)
            bench("all-NL (generated, gemeente)", data, "GM0180", args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
