"""CBS KWB column keys -> stable indicator ids, shared by the CSV reader and the online import.

Keys carry a numeric suffix that changes per year (`AantalInwoners_5`), so a key is mapped by its
qualified stem, never by its suffix. DataProperties give titles, units and the CBS definition text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

from assistant.core.errors import BadInputError
from retrieval.models import ImportReport, IndicatorDef
from retrieval.tables.catalogue import Catalogue, key_stem, qualified_stems
from retrieval.tables.textio import check_width, csv_error, read_text

META_STEMS = {
    "ID", "WijkenEnBuurten", "Gemeentenaam", "SoortRegio", "Codering", "IndelingswijzigingWijkenEnBuurten",
    "MeestVoorkomendePostcode", "Dekkingspercentage",
}
UNIT_TEXT = {
    "%": "percent", "aantal": "count", "per 1 000 inwoners": "per_1000", "x 1 000 euro": "euro_x1000",
    "kwh": "kwh", "m³": "m3", "km": "km", "ha": "ha", "per km²": "per_km2", "per huishouden": "per_household",
    "aantal inwoners per km²": "per_km2", "code": "code",
}


def map_columns(
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
            ind_id = snake(q)
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


def read_properties(path: Path) -> dict[str, dict]:
    """DataProperties from a CSV or JSON file, keyed by qualified stem."""
    text = read_text(path)
    if path.suffix.lower() == ".json":
        items = json.loads(text)
        items = items.get("value", items) if isinstance(items, dict) else items
    else:
        check_width(text, path.name)
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter_of(text))
        try:
            items = list(reader)
        except csv.Error as exc:
            raise csv_error(exc, path.name, reader.line_num) from exc
    props = properties_from_items(items)
    if not props:
        raise BadInputError(key="kwb.no_topics", file=path.name)
    return props


def properties_from_items(items: Iterable[dict]) -> dict[str, dict]:
    """DataProperties items (as StatLine returns them) keyed by qualified stem, so suffixes never matter."""
    topics = [i for i in items if str(i.get("Type")) == "Topic"]
    q = qualified_stems([str(t["Key"]) for t in topics])
    return {q[str(t["Key"])]: t for t in topics if key_stem(str(t["Key"])) not in META_STEMS}


def delimiter_of(text: str) -> str:
    head = text.splitlines()[0] if text else ""
    return ";" if head.count(";") > head.count(",") else ","


def snake(stem: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", stem.replace(".", "_"))
    return re.sub(r"[^a-z0-9_]+", "_", s.lower()).strip("_")
