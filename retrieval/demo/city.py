"""Demo city Duinhaven (FICTIEF): generate its figures and ground truth, and load them into a store.

`python -m retrieval.demo.city --write` regenerates retrieval/data/demo/areas.csv and values.csv and
eval/demo_ground_truth.json from city.yaml and SEED; without --write it checks they are up to date.
load_demo() reads only the committed CSVs, so the app never depends on numpy's generator at runtime.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.core.errors import BadInputError
from retrieval.demo.figures import Cell, publish, simulate
from retrieval.demo.geo import CITY_YAML, area_rows, load_plan
from retrieval.demo.truth import ground_truth
from retrieval.models import ImportReport
from retrieval.tables.catalogue import base_catalogue
from retrieval.tables.store import AREA_COLUMNS, VALUE_COLUMNS, ImportBatch, IndicatorStore

SEED = 20261122
DEMO_DIR = Path(__file__).parents[1] / "data" / "demo"
TRUTH_PATH = Path(__file__).resolve().parents[2] / "eval" / "demo_ground_truth.json"
SOURCE = "Demo Duinhaven (fictief)"
ATTRIBUTION = "Bron: Demo Duinhaven (fictief, gegenereerd door Duiding)"
TABLE = "gegenereerd door Duiding"
NOTE = ("# FICTIEF / FICTIONAL: Duinhaven (GM9901) bestaat niet. Alle namen, codes en cijfers zijn verzonnen "
        "door Duiding (python -m retrieval.demo.city --write). Niet bewerken; opnieuw genereren.")
AREA_FIELDS = ["area_code", "year", "area_name", "level", "parent_code", "boundary_change"]
VALUE_FIELDS = ["area_code", "indicator", "year", "value", "suppressed", "status"]
LEVEL_ORDER = {"land": 0, "gemeente": 1, "stadsdeel": 2, "wijk": 3, "buurt": 4}


@dataclass
class DemoCity:
    areas: pd.DataFrame
    cells: list[Cell]
    truth: dict[str, Any]


def generate(seed: int = SEED, city_yaml: Path = CITY_YAML) -> DemoCity:
    """A pure function of the seed and city.yaml."""
    plan = load_plan(city_yaml)
    areas = pd.DataFrame(area_rows(plan), columns=AREA_FIELDS)
    latest = areas.drop_duplicates("area_code")
    order = sorted(latest["area_code"], key=lambda c: (LEVEL_ORDER[_level(latest, c)], c))
    cells = publish(simulate(plan, seed), order)
    return DemoCity(areas, cells, ground_truth(plan, cells, areas, seed))


def _level(areas: pd.DataFrame, code: str) -> str:
    return str(areas.loc[areas["area_code"] == code, "level"].iloc[0])


def render(city: DemoCity) -> dict[str, str]:
    """File name -> exact text, so a fresh generation can be compared byte for byte."""
    decimals = {d.id: d.decimals for d in base_catalogue()}
    area_rows_ = [[r.area_code, r.year, r.area_name, r.level, r.parent_code if isinstance(r.parent_code, str) else "",
                   r.boundary_change] for r in city.areas.itertuples()]
    value_rows = [[c.area_code, c.indicator, c.year, "" if c.value is None else f"{c.value:.{decimals[c.indicator]}f}",
                   "true" if c.suppressed else "false", c.status] for c in city.cells]
    return {"areas.csv": _csv(AREA_FIELDS, area_rows_), "values.csv": _csv(VALUE_FIELDS, value_rows),
            "demo_ground_truth.json": _json(city.truth)}


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    buf.write(NOTE + "\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _json(truth: dict[str, Any]) -> str:
    """One entry per line: readable diffs without a 1 MB pretty-printed file."""
    parts = []
    for key, value in truth.items():
        if isinstance(value, dict) and value:
            inner = ",\n".join(f"  {json.dumps(k)}: {_compact(v)}" for k, v in value.items())
            parts.append(f" {json.dumps(key)}: {{\n{inner}\n }}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n".join(f"  {_compact(v)}" for v in value)
            parts.append(f" {json.dumps(key)}: [\n{inner}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_demo(out_dir: Path = DEMO_DIR, truth_path: Path = TRUTH_PATH, seed: int = SEED) -> list[Path]:
    files = render(generate(seed))
    targets = {"areas.csv": out_dir / "areas.csv", "values.csv": out_dir / "values.csv",
               "demo_ground_truth.json": truth_path}
    for name, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8", newline="")
    return list(targets.values())


def load_demo(store: IndicatorStore, demo_dir: Path = DEMO_DIR) -> ImportReport:
    """Replace the store's contents with the committed demo city."""
    areas, values = _read_committed(demo_dir)
    ids = sorted(values["indicator"].unique())
    catalogue = base_catalogue()
    defs = [d.model_copy(update={"source_table": TABLE, "source_key": d.id}) for i in ids if (d := catalogue.get(i))]
    missing = set(ids) - {d.id for d in defs}
    if missing:
        raise BadInputError(f"demo values use unknown indicators: {sorted(missing)}",
                            "add them to retrieval/data/indicators_extra.yaml")
    report = ImportReport(
        file=f"{demo_dir.name}/values.csv", format="demo", source=SOURCE, rows=len(values),
        areas=int(areas["area_code"].nunique()), indicators=len(ids), values=int((~values["suppressed"]).sum()),
        suppressed=int(values["suppressed"].sum()), years=sorted(int(y) for y in values["year"].unique()),
    )
    sources = {SOURCE: {"name": SOURCE, "attribution": ATTRIBUTION, "license": "fictief, vrij te gebruiken",
                        "fictional": "true", "table": TABLE}}
    return store.replace_all(ImportBatch(values, areas, defs, sources, report))


def _read_committed(demo_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    paths = [demo_dir / "areas.csv", demo_dir / "values.csv"]
    for path in paths:
        if not path.is_file():
            raise BadInputError(f"{path}: demo file missing", "run `python -m retrieval.demo.city --write`")
    areas = pd.DataFrame(_rows(paths[0]))
    areas["year"] = areas["year"].astype("int64")
    areas["parent_code"] = areas["parent_code"].map(lambda p: p or None).astype(object)
    areas["boundary_change"] = areas["boundary_change"].astype("int64").astype("Int64")
    areas["source"] = SOURCE
    values = pd.DataFrame(_rows(paths[1]))
    values["year"] = values["year"].astype("int64")
    values["value"] = pd.to_numeric(values["value"].replace("", None), errors="raise").astype("float64")
    values["suppressed"] = values["suppressed"].eq("true")
    values = values.merge(areas[["area_code", "year", "area_name", "level", "parent_code"]],
                          on=["area_code", "year"], how="left", validate="many_to_one")
    if values["level"].isna().any():
        raise BadInputError("values.csv names areas that areas.csv lacks", "regenerate the demo files")
    values = values.assign(source=SOURCE, table=TABLE, source_key=values["indicator"])
    return areas[AREA_COLUMNS], values[VALUE_COLUMNS]


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Demo city Duinhaven (fictief)")
    parser.add_argument("--write", action="store_true", help="regenerate the CSVs and the ground truth")
    args = parser.parse_args(argv)
    if args.write:
        for path in write_demo():
            print(f"wrote {path}")
        return 0
    files = render(generate())
    current = {"areas.csv": DEMO_DIR / "areas.csv", "values.csv": DEMO_DIR / "values.csv",
               "demo_ground_truth.json": TRUTH_PATH}
    stale = [n for n, p in current.items() if not p.is_file() or p.read_text(encoding="utf-8") != files[n]]
    print("demo files up to date" if not stale else f"out of date: {', '.join(stale)} (run with --write)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
