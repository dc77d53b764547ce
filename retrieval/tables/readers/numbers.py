"""Numbers in user tables: which decimal mark a column uses, and turning cells into floats.

The decimal mark is decided per column, because one value alone often cannot tell ('25.280' is
twenty-five thousand in a Dutch table and twenty-five point two eight in an English one):
1. A value that can only be read one way is evidence: '10,8', '0,250', '1.234,5' and '1.234.567' say
   the decimal mark is ','; '10.8', '1,234.5' and '1,234,567' say it is '.'.
2. A column whose values give evidence for both marks is an error naming one line of each.
3. A column with evidence for one mark uses it. '25.280' in a column that also holds '10,8' is 25280.
4. A column without evidence (whole numbers, or only '25.280'-like values) follows the rest of the file
   when the file's evidence agrees on one mark; otherwise the delimiter decides: ';' and tab files are
   Dutch-style (decimal ','), ','-separated files use '.'. Spaces as thousands separators ('25 280')
   are read the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick
from retrieval.tables.readers.table import Cell, RawTable
from retrieval.tables.textio import parse_number

_SPACED = re.compile(r"\d{1,3}( \d{3})+")


def _at(table: RawTable, line: int, cell: str) -> Pick:
    """'regel 2: '10,8'' / 'line 2: '10,8'': where a cell is and what it holds."""
    place = At("", line, row=table.where == "row")
    return Pick(f"{place.shown('nl')}: {cell!r}", f"{place.shown('en')}: {cell!r}")


def mark_of(text: str) -> str | None:
    """The decimal mark a single value proves, or None when it could be read either way."""
    s = text.strip().replace("\u00a0", " ").rstrip("%").strip().lstrip("+-")
    if _SPACED.fullmatch(s):
        return None
    s = s.replace(" ", "")
    if "," in s and "." in s:
        return "," if s.rfind(",") > s.rfind(".") else "."
    mark = "," if "," in s else "." if "." in s else None
    if mark is None:
        return None
    parts = s.split(mark)
    if len(parts) > 2:
        return "." if mark == "," else ","
    whole, frac = parts
    if len(frac) != 3 or whole in ("", "0") or len(whole) > 3:
        return mark
    return None


def column_mark(table: RawTable, column: str) -> str | None:
    """The mark a column's text cells prove; raises when they prove both."""
    seen: dict[str, tuple[int, str]] = {}
    for line, cell in table.cells(column):
        if isinstance(cell, str) and (mark := mark_of(cell)) and mark not in seen:
            seen[mark] = (line, cell)
    if len(seen) > 1:
        (la, a), (lb, b) = seen[","], seen["."]
        raise BadInputError(key="cell.mixed_decimals", file=table.file, column=column,
                            first=_at(table, la, a), second=_at(table, lb, b))
    return next(iter(seen), None)


def decide_marks(table: RawTable, columns: Iterable[str]) -> dict[str, str]:
    """The decimal mark for each numeric column, following the rules in this module's docstring."""
    proven = {c: column_mark(table, c) for c in columns}
    found = {m for m in proven.values() if m}
    fallback = found.pop() if len(found) == 1 else ("." if table.delimiter == "," else ",")
    return {c: m or fallback for c, m in proven.items()}


def to_number(cell: Cell, decimal: str, table: RawTable, line: int, column: str) -> float | None:
    """A float, or None for a CBS-style 'no value' marker ('.', 'x', '-'). Empty cells are the caller's."""
    if isinstance(cell, bool):
        raise BadInputError(key="cell.not_number", at=table.place(line, column), text=cell)
    if isinstance(cell, int | float):
        return float(cell)
    try:
        return parse_number(str(cell), decimal=decimal)
    except ValueError:
        raise BadInputError(key="cell.not_number", at=table.place(line, column), text=str(cell).strip()) from None


def is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
