"""Reading user files: encodings, number formats and the errors that say what to fix."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import NoReturn

from assistant.core.errors import BadInputError
from assistant.core.messages import At

_TRIED = "UTF-8, UTF-16 or cp1252/Latin-1"
# Bounds that keep a hostile or broken file from holding the process: a KWB table has about 120 columns,
# the widest real file here under 100; the csv module's own cell limit (128 KiB) stays the cell bound.
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 131_072
MAX_TEXT_BYTES = 200 * 1024 * 1024


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 (BOM, or UTF-16 without one) or cp1252/Latin-1."""
    if Path(path).stat().st_size > MAX_TEXT_BYTES:
        raise BadInputError(key="file.too_large", file=path.name, mb=MAX_TEXT_BYTES // 2**20)
    return _newlines(_decode_any(Path(path).read_bytes(), path))


def _newlines(text: str) -> str:
    """Old Mac files end lines with CR only; the csv module then sees one endless line."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _decode_any(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise BadInputError(key="file.empty", file=path.name)
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode(raw, "utf-32", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(raw, "utf-16", path)
    if b"\x00" in raw[:4096]:
        return _decode(raw, _bomless_utf16(raw[:4096]) or _binary(path), path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _decode(raw, "cp1252", path)
    if sum(ch in text for ch in "ÃÂ�") and "Ã" in text:
        raise BadInputError(key="file.mixed_encoding", file=path.name)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """Text saved as UTF-16 without a BOM has a NUL beside every ASCII character, always on one side."""
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _binary(path: Path) -> NoReturn:
    raise BadInputError(key="file.binary", file=path.name)


def _decode(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInputError(key="file.unknown_encoding", at=At(path.name, line), tried=_TRIED,
                            byte=f"{raw[exc.start]:02x}", encoding=encoding) from exc


def _nl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_width(text: str, file: str) -> None:
    """Refuse a header wider than MAX_COLUMNS before any parsing: 100,000 columns would hold the import."""
    first = text[: text.find("\n")] if "\n" in text else text
    widest = max(first.count(d) for d in (";", ",", "\t")) + 1
    if widest > MAX_COLUMNS:
        raise BadInputError(key="csv.too_many_columns", file=file, have=_nl(widest), most=_nl(MAX_COLUMNS))


def csv_records(text: str, delimiter: str, file: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every record; a csv failure becomes an error that says where and what to fix."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            out.append((reader.line_num, record))
    except csv.Error as exc:
        raise csv_error(exc, file, reader.line_num) from exc
    return out


def csv_error(exc: csv.Error, file: str, line: int) -> BadInputError:
    """The csv module's message, in words a user can act on."""
    text = str(exc)
    if "field larger than field limit" in text:
        return BadInputError(key="csv.long_cell", at=At(file, line), most=_nl(MAX_CELL_CHARS))
    if "new-line character" in text:
        return BadInputError(key="csv.mixed_newlines", at=At(file, line))
    return BadInputError(key="csv.unreadable", at=At(file, line), detail=text)


_NUM = re.compile(r"^[+-]?(\d+|\d{1,3}([.,\s]\d{3})+)([.,]\d+)?$")


def parse_number(text: str | None, decimal: str = ".") -> float | None:
    """Parse '10.8', '10,8', '1.234,5', '25 280'; None for '.', '' and other CBS markers.

    `decimal` says which mark a table uses for decimals when a value alone cannot tell
    ('1.234' is a thousand in a Dutch table and one-point-two in a CBS export).
    """
    if text is None:
        raise ValueError("the cell is missing (the line is cut short)")
    s = text.strip().replace("\u00a0", " ").rstrip("%").strip()
    if s in ("", ".", "-", "x", "?", "NA", "nan", "NaN"):
        return None
    if not _NUM.match(s):
        raise ValueError(f"not a number: {text.strip()!r}")
    s = s.replace(" ", "")
    thousands = "," if decimal == "." else "."
    s = s.replace(thousands, "").replace(decimal, ".")
    value = float(s)
    if math.isnan(value):
        return None
    return value
