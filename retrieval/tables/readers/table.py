"""A rectangular table read from a CSV file or a sheet, with every row's line number kept for errors."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick
from retrieval.tables.textio import check_width, csv_error, csv_records, read_text

Cell = str | float | None
DELIMITERS = (";", ",", "\t")
_NAMES = {";": "';'", ",": "','", "\t": "tab"}


@dataclass
class RawTable:
    file: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    where: str = "line"  # "line" in a CSV file, "row" in a sheet
    delimiter: str | None = None
    header_line: int = 1

    def index(self, column: str) -> int:
        return self.header.index(column)

    def cells(self, column: str) -> list[tuple[int, Cell]]:
        i = self.index(column)
        return [(line, cells[i]) for line, cells in self.rows]

    def place(self, line: int, column: str | None = None) -> At:
        """Where a cell is, shown in the reader's language (an error field)."""
        return At(self.file, line, column, row=self.where == "row")

    def at(self, line: int, column: str | None = None) -> str:
        """'data.csv: line 4, column value' — the start of every error about a cell."""
        text = f"{self.file}: {self.where} {line}"
        return f"{text}, column {column}" if column else text


def load_csv(path: Path) -> RawTable:
    """Decode, sniff the delimiter (';', ',' or tab) and check every row has the header's width."""
    text = read_text(path)
    check_width(text, path.name)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    delimiter = sniff_delimiter(lines, path.name)
    records = csv_records(text, delimiter, path.name)
    header = [h.strip() for h in records[0][1]]
    check_header(header, path.name)
    table = RawTable(path.name, header, delimiter=delimiter)
    records = records[1:]
    for n, (line, rec) in enumerate(records):
        if not any(c.strip() for c in rec):
            continue
        if len(rec) != len(header):
            last = n == len(records) - 1
            _wrong_width(table, line, rec, cut=last and not text.endswith(("\n", "\r")))
        table.rows.append((line, [c.strip() for c in rec]))
    if not table.rows:
        raise BadInputError(key="csv.header_only", file=path.name)
    return table


def sniff_delimiter(lines: list[str], file: str) -> str:
    """Pick the delimiter that splits the header into the most columns, preferring one the rows agree on."""
    if not lines:
        raise BadInputError(key="file.empty", file=file)
    sample = lines[:20]
    widths = {d: _widths(sample, d, file) for d in DELIMITERS}
    steady = [d for d, w in widths.items() if w[0] > 1 and len(set(w)) == 1]
    best = max(steady or DELIMITERS, key=lambda d: widths[d][0])
    if widths[best][0] < 2:
        other = next((c for c in "|:^~#" if c in lines[0]), None)
        hint = Pick(f" (het lijkt {other!r})", f" (it looks like {other!r})") if other else ""
        raise BadInputError(key="csv.one_column", file=file, hint=hint)
    return best


def _widths(sample: list[str], delimiter: str, file: str) -> list[int]:
    reader = csv.reader(sample, delimiter=delimiter)
    try:
        return [len(r) for r in reader]
    except csv.Error as exc:
        raise csv_error(exc, file, reader.line_num) from exc


def check_header(header: list[str], file: str, line: int = 1, row: bool = False) -> None:
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        raise BadInputError(key="csv.unnamed_column", at=At(file, line, row=row), n=blank[0])
    seen: set[str] = set()
    for h in header:
        if h.casefold() in seen:
            raise BadInputError(key="csv.double_column", at=At(file, line, row=row), column=h)
        seen.add(h.casefold())


def _wrong_width(table: RawTable, line: int, rec: list[str], cut: bool) -> None:
    have, want = len(rec), len(table.header)
    if cut and have < want:
        raise BadInputError(key="csv.cut_off", at=table.place(line), have=have, want=want)
    name = _NAMES.get(table.delimiter or "", repr(table.delimiter))
    hint = Pick(" — een decimale komma in een bestand met ',' als scheidingsteken moet tussen aanhalingstekens",
                " — a decimal comma in a ','-separated file needs quotes") if table.delimiter == "," else ""
    raise BadInputError(key="csv.wrong_width", at=table.place(line), have=have, want=want, delimiter=name, hint=hint)


def expect_header(ok: bool, table: RawTable, header: str) -> None:
    """A known file whose first line is not its header: say which header was expected."""
    if not ok:
        raise BadInputError(key="csv.wrong_header", file=table.file, header=header)
