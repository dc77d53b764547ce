"""Excel workbooks (.xlsx) via openpyxl: the stored values, never the formulas, of one sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick
from assistant.core.registry import register
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.readers.columns import find_roles
from retrieval.tables.readers.long import read_long
from retrieval.tables.readers.options import options_from
from retrieval.tables.readers.table import Cell, RawTable, check_header
from retrieval.tables.readers.wide import read_wide
from retrieval.tables.readers.xlsx_guard import check_workbook
from retrieval.tables.store import ImportBatch
from retrieval.tables.textio import MAX_COLUMNS, read_text


def load_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    """The first sheet (or `sheet`) as a table; its first non-empty row is the header."""
    check_workbook(path)
    values_wb, formulas_wb = _open(path, data_only=True), _open(path, data_only=False)
    names = values_wb.sheetnames
    if sheet is not None and sheet not in names:
        raise BadInputError(key="xlsx.no_sheet", file=path.name, sheet=sheet, sheets=", ".join(names), first=names[0])
    ws = values_wb[sheet] if sheet else values_wb.worksheets[0]
    label = f"{path.name} (sheet {ws.title})"
    _refuse_lost_formulas(formulas_wb[ws.title], ws, label)
    header_row = next((r[0].row for r in ws.iter_rows() if any(_filled(c.value) for c in r)), None)
    if header_row is None:
        raise BadInputError(key="xlsx.empty_sheet", file=label)
    _refuse_merged_header(ws, header_row, label)
    header_cells = [c.value for c in ws[header_row]]
    while header_cells and not _filled(header_cells[-1]):
        header_cells.pop()
    if len(header_cells) > MAX_COLUMNS:
        raise BadInputError(key="xlsx.too_many_columns", at=At(label, header_row, row=True), have=len(header_cells),
                            most=MAX_COLUMNS)
    header = [str(v).strip() if v is not None else "" for v in header_cells]
    check_header(header, label, header_row, row=True)
    table = RawTable(label, header, where="row", header_line=header_row)
    for row in ws.iter_rows(min_row=header_row + 1, max_col=len(header)):
        cells = [_cell(c) for c in row] + [None] * (len(header) - len(row))
        if any(_filled(c) for c in cells):
            table.rows.append((row[0].row, cells))
    if not table.rows:
        other = Pick(f", of kies een ander werkblad met --sheet ({', '.join(names)})",
                     f", or pick another sheet with --sheet ({', '.join(names)})") if len(names) > 1 else ""
        raise BadInputError(key="xlsx.header_only", file=label, other=other)
    return table


def _open(path: Path, data_only: bool) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=data_only)
    except Exception as exc:  # BadZipFile, InvalidFileException, KeyError...: openpyxl has no common base
        raise _not_a_workbook(path) from exc


def _not_a_workbook(path: Path) -> BadInputError:
    try:
        read_text(path)
    except BadInputError:
        return BadInputError(key="xlsx.not_workbook", file=path.name)
    return BadInputError(key="xlsx.is_text", file=path.name, stem=path.stem)


def _refuse_lost_formulas(formulas: Any, values: Any, label: str) -> None:
    """A formula's result is only in the file when a spreadsheet program saved it; never guess it."""
    lost = [c.coordinate for row in formulas.iter_rows() for c in row
            if c.data_type == "f" and values[c.coordinate].value is None]
    if lost:
        more = Pick(f" (en nog {len(lost) - 1})", f" (and {len(lost) - 1} more)") if len(lost) > 1 else ""
        raise BadInputError(key="xlsx.lost_formula", file=label, cell=lost[0], more=more)


def _refuse_merged_header(ws: Any, header_row: int, label: str) -> None:
    merged = [str(r) for r in ws.merged_cells.ranges if r.min_row <= header_row <= r.max_row]
    if merged:
        raise BadInputError(key="xlsx.merged_header", file=label, cells=", ".join(sorted(merged)))


def _cell(c: Any) -> Cell:
    """Numbers stay numbers; a cell shown as a percentage (0.108 as 10,8%) becomes 10.8."""
    v = c.value
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int | float):
        return round(float(v) * 100, 10) if "%" in (c.number_format or "") else float(v)
    return str(v).strip()


def _filled(v: object) -> bool:
    return v is not None and str(v).strip() != ""


def read_xlsx_file(path: Path, catalogue: Catalogue, **kw: object) -> ImportBatch:
    """A sheet read as a long table when it has indicator and value columns, else as a wide one."""
    opts = options_from(kw)
    table = load_xlsx(path, opts.sheet)
    if len(find_roles(table, ("indicator", "value"))) == 2:
        return read_long(table, catalogue, opts, "xlsx")
    return read_wide(table, catalogue, opts, "xlsx")


register("table_format", "xlsx", read_xlsx_file, label_nl="Excel (.xlsx)", label_en="Excel (.xlsx)",
         help="the stored values of one sheet, long or wide")
