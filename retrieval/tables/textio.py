"""Reading user files: encodings, number formats and the errors that say what to fix."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import NoReturn

from assistant.core.errors import BadInputError

_TRIED = "UTF-8, UTF-16 or cp1252/Latin-1"


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 (BOM, or UTF-16 without one) or cp1252/Latin-1."""
    raw = Path(path).read_bytes()
    if not raw.strip():
        raise BadInputError(f"{path.name}: the file is empty", "export the table again with its rows")
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
        raise BadInputError(f"{path.name}: mixed encodings", "save it again as CSV in UTF-8")
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
    raise BadInputError(
        f"{path.name}: this is not a text file (binary content)",
        "save it as CSV in UTF-8, or as .xlsx for an Excel workbook",
    )


def _decode(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInputError(
            f"{path.name}: line {line}: unknown text encoding — not {_TRIED} "
            f"(byte 0x{raw[exc.start]:02x} is not valid {encoding})",
            "save it as CSV in UTF-8 (in Excel: 'CSV UTF-8')",
        ) from exc


_NUM = re.compile(r"^[+-]?(\d+|\d{1,3}([.,\s]\d{3})+)([.,]\d+)?$")


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Parse '10.8', '10,8', '1.234,5', '25 280'; None for '.', '' and other CBS markers.

    `decimal` says which mark a table uses for decimals when a value alone cannot tell
    ('1.234' is a thousand in a Dutch table and one-point-two in a CBS export).
    """
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
