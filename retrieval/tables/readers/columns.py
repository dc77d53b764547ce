"""Column roles (area, year, ...) in user tables, and turning area cells into CBS codes."""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.core.errors import BadInputError
from assistant.core.messages import Pick
from retrieval.tables.areas import normalize
from retrieval.tables.readers.table import Cell, RawTable

# English names first (they are the documented ones); the Dutch ones are what people type in Excel.
ROLES: dict[str, tuple[str, ...]] = {
    "area": ("area", "area_code", "code", "gebied", "gebiedscode", "wijkcode", "regio", "regiocode"),
    "indicator": ("indicator", "indicator_id", "onderwerp", "variabele"),
    "year": ("year", "jaar", "peiljaar", "perioden"),
    "value": ("value", "waarde"),
    "unit": ("unit", "eenheid"),
    "source": ("source", "bron"),
    "area_name": ("area_name", "naam", "gebiedsnaam", "wijknaam"),
    "level": ("level", "niveau"),
    "parent_code": ("parent_code", "parent", "ouder"),
    "status": ("status",),
}
CODE = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8}|SD[0-9A-Z]{2,8})$")
LEVELS = ("land", "gemeente", "stadsdeel", "wijk", "buurt")


def find_roles(table: RawTable, roles: tuple[str, ...]) -> dict[str, str]:
    """Role -> the header name that plays it, matched case-insensitively on the names in ROLES."""
    lower = {h.casefold(): h for h in table.header}
    found: dict[str, str] = {}
    for role in roles:
        name = next((lower[a] for a in ROLES[role] if a in lower), None)
        if name is not None:
            found[role] = name
    return found


def require(table: RawTable, found: dict[str, str], role: str) -> str:
    if role in found:
        return found[role]
    first, *others = ROLES[role]
    raise BadInputError(key="cell.no_column", file=table.file, role=role, columns=", ".join(table.header),
                        first=first, others=", ".join(others[:4]))


class AreaIndex:
    """Area cells are codes; a name is accepted only when it matches exactly one known area."""

    def __init__(self, known_names: dict[str, str] | None) -> None:
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for code, name in (known_names or {}).items():
            self._by_name[normalize(str(name))].append(code)

    def code(self, cell: Cell, table: RawTable, line: int, column: str) -> str:
        text = str(cell if cell is not None else "").strip()
        if CODE.match(text.upper()):
            return text.upper()
        codes = sorted(self._by_name.get(normalize(text), [])) if text else []
        if len(codes) == 1:
            return codes[0]
        if len(codes) > 1:
            raise BadInputError(key="cell.ambiguous_area", at=table.place(line, column), text=text,
                                codes=Pick(" en ".join(codes), " and ".join(codes)))
        raise BadInputError(key="cell.unknown_area", at=table.place(line, column), text=text)


def year_of(cell: Cell, table: RawTable, line: int, column: str) -> int:
    """2019, '2019' or StatLine's '2019JJ00'."""
    numeric = isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer()
    text = str(int(cell)) if numeric else str(cell or "").strip()  # type: ignore[arg-type]
    m = re.fullmatch(r"(\d{4})(?:JJ00)?", text)
    if not m:
        raise BadInputError(key="cell.not_year", at=table.place(line, column), text=text)
    return int(m.group(1))


def level_of(cell: Cell, table: RawTable, line: int, column: str) -> str | None:
    text = str(cell or "").strip().lower()
    if not text:
        return None
    if text not in LEVELS:
        raise BadInputError(key="cell.unknown_level", at=table.place(line, column), text=text,
                            allowed=", ".join(LEVELS))
    return text


def text_of(cell: Cell) -> str | None:
    text = str(cell).strip() if cell is not None else ""
    return text or None
