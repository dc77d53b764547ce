"""Shared last step of every reader: records -> validated value and area frames -> ImportBatch."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import yaml

from assistant.core.errors import BadInputError
from retrieval.models import ImportReport, IndicatorDef
from retrieval.tables.catalogue import DATA
from retrieval.tables.codes import cbs_parent, level_for_code
from retrieval.tables.store import AREA_COLUMNS, VALUE_COLUMNS, ImportBatch
from retrieval.tables.validate import validate_values


@dataclass
class Record:
    """One value as read, with the line and column it came from."""

    area_code: str
    indicator: str
    year: int
    value: float | None
    source: str
    line: int
    column: str
    status: str = "definitief"
    source_key: str = ""
    area_name: str | None = None
    level: str | None = None
    parent_code: str | None = None


@dataclass
class BatchInfo:
    """What a reader knows about the file as a whole."""

    report: ImportReport
    table: str
    units: dict[str, str]
    indicators: list[IndicatorDef]
    sources: dict[str, dict[str, str]]
    known_names: dict[str, str] | None = None
    where: str = "line"


def build_batch(records: list[Record], info: BatchInfo) -> ImportBatch:
    """Validate (see retrieval.tables.validate), fill in names, levels and parents, and count for the report."""
    report = info.report
    if not records:
        raise BadInputError(key="table.no_values", file=report.file)
    df = pd.DataFrame([vars(r) for r in records])  # vars, not asdict: asdict deep-copies (8 s for 40k)
    df["value"] = df["value"].astype("float64")
    df["suppressed"] = df["value"].isna()
    df["table"] = info.table
    _fill_areas(df, info.known_names or {})
    df = validate_values(df, info.units, report.file, report, info.where)
    if df.empty:
        raise BadInputError(key="table.all_skipped", file=report.file)
    values = df[VALUE_COLUMNS].reset_index(drop=True)
    areas = df.drop_duplicates(["area_code", "year", "source"])[AREA_COLUMNS[:-1]].copy()
    areas["boundary_change"] = pd.array([pd.NA] * len(areas), dtype="Int64")
    report.rows = report.rows or int(df["line"].nunique())
    report.areas = int(values["area_code"].nunique())
    report.indicators = int(values["indicator"].nunique())
    report.values = int((~values["suppressed"]).sum())
    report.suppressed = int(values["suppressed"].sum())
    report.years = sorted(int(y) for y in values["year"].unique())
    used = set(values["indicator"])
    defs = [d for d in info.indicators if d.id in used]
    return ImportBatch(values, areas.reset_index(drop=True), defs, info.sources, report)


def _fill_areas(df: pd.DataFrame, known: dict[str, str]) -> None:
    """Names from the file, else from the store, else the code; level and parent from the CBS code."""
    codes = df["area_code"]
    df["area_name"] = df["area_name"].fillna(codes.map(known)).fillna(codes)
    df["level"] = df["level"].fillna(codes.map(level_for_code))
    df["parent_code"] = df["parent_code"].fillna(codes.map(cbs_parent))
    # One name per area and year: a file that spells an area two ways keeps its first spelling.
    first = df.drop_duplicates(["area_code", "year", "source"]).set_index(["area_code", "year", "source"])
    key = pd.MultiIndex.from_frame(df[["area_code", "year", "source"]])
    for col in ("area_name", "level", "parent_code"):
        df[col] = first[col].reindex(key).to_numpy()



def shipped_defs(filename: str) -> dict[str, IndicatorDef]:
    """A source's own indicator definitions (retrieval/data/indicators_*.yaml), keyed by the file column."""
    items = yaml.safe_load((DATA / filename).read_text(encoding="utf-8")) or []
    defs = [IndicatorDef(**item) for item in items]
    return {str(d.source_key): d for d in defs}
