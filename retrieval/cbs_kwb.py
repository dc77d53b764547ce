"""CBS Kerncijfers wijken en buurten (KWB) CSV, exactly as CBS publishes it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from assistant.errors import BadInputError
from retrieval.catalogue import Catalogue, key_stem, qualified_stems
from retrieval.indicators import ImportBatch
from retrieval.models import ImportReport, IndicatorDef
from retrieval.tables import KWB_BY_YEAR, KWB_TABLES, cbs_parent, clean_area_name, guess_year, level_for_code
from retrieval.textio import parse_number, read_text

SOURCE = "CBS KWB"
META_STEMS = {
    "ID", "WijkenEnBuurten", "Gemeentenaam", "SoortRegio", "Codering", "IndelingswijzigingWijkenEnBuurten",
    "MeestVoorkomendePostcode", "Dekkingspercentage",
}
UNIT_TEXT = {
    "%": "percent", "aantal": "count", "per 1 000 inwoners": "per_1000", "x 1 000 euro": "euro_x1000",
    "kwh": "kwh", "m³": "m3", "km": "km", "ha": "ha", "per km²": "per_km2", "per huishouden": "per_household",
    "aantal inwoners per km²": "per_km2", "code": "code",
}


def read_kwb(
    path: Path,
    catalogue: Catalogue,
    year: int | None = None,
    names: Path | None = None,
    metadata: Path | None = None,
    status: str = "definitief",
    known_names: dict[str, str] | None = None,
    **_: object,
) -> ImportBatch:
    rows = _read_rows(path)
    header = list(rows[0].keys())
    year = year or guess_year(path)
    if year is None:
        raise BadInputError(f"{path.name}: the year is not in the file name", "pass it with --year 2019")
    table = KWB_BY_YEAR.get(year, next((t for t in KWB_TABLES if t in path.name), "KWB"))
    report = ImportReport(file=path.name, format="cbs", source=SOURCE, rows=len(rows), years=[year])
    props = _read_properties(metadata) if metadata else {}
    name_map = {**(known_names or {}), **(_read_names(names) if names else {})}
    mapping, defs = _map_columns(header, catalogue, props, table, report)
    values, areas = _frames(rows, mapping, name_map, year, table, status, report)
    report.areas = int(areas["area_code"].nunique())
    report.indicators = int(values["indicator"].nunique())
    report.values = int((~values["suppressed"]).sum())
    report.suppressed = int(values["suppressed"].sum())
    sources = {SOURCE: {"name": "CBS Kerncijfers wijken en buurten", "attribution": "Bron: CBS",
                        "license": "CC BY 4.0", f"table_{year}": table}}
    return ImportBatch(values, areas, defs, sources, report)


def _read_rows(path: Path) -> list[dict[str, str]]:
    text = read_text(path)
    first = text.splitlines()[0] if text else ""
    if ";" not in first:
        raise BadInputError(
            f"{path.name}: line 1 has no ';' — this is not a CBS KWB export",
            "download the table as CSV from StatLine, or use --format long/wide",
        )
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    if not rows:
        raise BadInputError(f"{path.name}: header only, no rows", "export the table again with its rows")
    if not any(key_stem(k) in ("WijkenEnBuurten", "Codering") for k in rows[0]):
        raise BadInputError(f"{path.name}: no WijkenEnBuurten or Codering column", "export with area codes")
    return rows


def _map_columns(
    header: list[str], catalogue: Catalogue, props: dict[str, dict], table: str, report: ImportReport
) -> tuple[dict[str, str], list[IndicatorDef]]:
    """Map each data column to a stable indicator id, never by its numeric suffix."""
    data_cols = [k for k in header if key_stem(k) not in META_STEMS]
    qualified = qualified_stems(data_cols)
    ambiguous = catalogue.ambiguous_stems()
    mapping: dict[str, str] = {}
    defs: list[IndicatorDef] = []
    for key in data_cols:
        q = qualified[key]
        ind_id = catalogue.id_for_stem(q)
        if ind_id is None and (q in ambiguous or _repeated(key, data_cols)):
            report.warnings.append(f"column {key}: ambiguous without its group; imported under its raw key")
            ind_id = key
        elif ind_id is None:
            ind_id = _snake(q)
            report.warnings.append(f"column {key}: not in the catalogue; imported as {ind_id}")
        mapping[key] = ind_id
        defs.append(_definition(ind_id, key, q, catalogue, props.get(q), table))
    return mapping, defs


def _repeated(key: str, cols: list[str]) -> bool:
    return sum(key_stem(c) == key_stem(key) for c in cols) > 1


def _definition(
    ind_id: str, key: str, q: str, catalogue: Catalogue, prop: dict | None, table: str
) -> IndicatorDef:
    base = catalogue.get(ind_id)
    title = (prop or {}).get("Title", "").strip()
    if base is None:
        unit = UNIT_TEXT.get(str((prop or {}).get("Unit", "")).strip().lower(), "count")
        base = IndicatorDef(id=ind_id, title_nl=title or key, title_en=title or key, unit=unit,  # type: ignore[arg-type]
                            decimals=int((prop or {}).get("Decimals") or 0), theme="overig")
    out = base.model_copy(deep=True)
    out.source_table, out.source_key = table, key
    if prop and prop.get("Description"):
        out.definition_nl = re.sub(r"\s+", " ", str(prop["Description"])).strip()
    return out


def _frames(
    rows: list[dict[str, str]], mapping: dict[str, str], names: dict[str, str], year: int, table: str,
    status: str, report: ImportReport,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    code_col = next(k for k in rows[0] if key_stem(k) in ("WijkenEnBuurten", "Codering"))
    change_col = next((k for k in rows[0] if key_stem(k) == "IndelingswijzigingWijkenEnBuurten"), None)
    gm_col = next((k for k in rows[0] if key_stem(k) == "Gemeentenaam"), None)
    values, areas = [], []
    for line, row in enumerate(rows, start=2):
        code = row[code_col].strip()
        if not code:
            report.skipped.append(f"line {line}: no area code")
            continue
        level = level_for_code(code)
        name = names.get(code) or (row[gm_col].strip() if gm_col and level == "gemeente" else code)
        parent = cbs_parent(code)
        change = parse_number(row[change_col]) if change_col else None
        areas.append([code, year, SOURCE, name, level, parent, None if change is None else int(change)])
        for key, ind_id in mapping.items():
            value = _cell(row[key], key, line)
            values.append([code, ind_id, year, SOURCE, name, level, parent, value,
                           value is None, status, table, key])
    vdf = pd.DataFrame(values, columns=["area_code", "indicator", "year", "source", "area_name", "level",
                                        "parent_code", "value", "suppressed", "status", "table", "source_key"])
    adf = pd.DataFrame(areas, columns=["area_code", "year", "source", "area_name", "level", "parent_code",
                                       "boundary_change"])
    vdf["value"] = vdf["value"].astype("float64")
    adf["boundary_change"] = adf["boundary_change"].astype("Int64")
    return vdf, adf


def _cell(text: str | None, key: str, line: int) -> float | None:
    if text is None:
        raise BadInputError(f"line {line}: the row is cut short at column {key}", "export the file again")
    try:
        return parse_number(text, decimal=".")
    except ValueError as exc:
        raise BadInputError(f"line {line}, column {key}: {exc}", "fix the cell or remove the row") from exc


def _read_names(path: Path) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(read_text(path)), delimiter=_delimiter(path)))
    if not rows or "Key" not in rows[0] or "Title" not in rows[0]:
        raise BadInputError(f"{path.name}: not a CBS WijkenEnBuurten code list", "pass WijkenEnBuurten.csv")
    return {r["Key"].strip(): clean_area_name(r["Title"]) for r in rows}


def _read_properties(path: Path) -> dict[str, dict]:
    """DataProperties (CSV or JSON) keyed by qualified stem, so suffixes never matter."""
    text = read_text(path)
    if path.suffix.lower() == ".json":
        items = json.loads(text)
        items = items.get("value", items) if isinstance(items, dict) else items
    else:
        items = list(csv.DictReader(io.StringIO(text), delimiter=_delimiter(path)))
    topics = [i for i in items if str(i.get("Type")) == "Topic"]
    if not topics:
        raise BadInputError(f"{path.name}: no topics found", "pass the table's DataProperties file")
    q = qualified_stems([str(t["Key"]) for t in topics])
    return {q[str(t["Key"])]: t for t in topics if key_stem(str(t["Key"])) not in META_STEMS}


def _delimiter(path: Path) -> str:
    head = read_text(path).splitlines()[0]
    return ";" if head.count(";") > head.count(",") else ","


def _snake(stem: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", stem.replace(".", "_"))
    return re.sub(r"[^a-z0-9_]+", "_", s.lower()).strip("_")
