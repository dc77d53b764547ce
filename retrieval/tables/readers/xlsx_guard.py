"""Checks on an .xlsx before anything is unpacked: the zip's declared sizes and compression ratios (a zip
bomb of 1 GiB held the API for 26 s), macros (vbaProject.bin) and XML doctypes (external entities, XXE).

An .xlsx is a zip of XML parts; openpyxl unpacks what the zip asks for, so the bounds come first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.core.errors import BadInputError

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # deflate reaches about 10:1 on a real sheet; zeros reach 1000:1
RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress well; only big ones are judged by ratio
MAX_PARTS = 10_000
_FIX_SIZE = "save only the table's sheet in a new workbook, or export the sheet as CSV"


def check_workbook(path: Path) -> None:
    """Refuse a workbook that would unpack too large, hides macros, or declares XML entities."""
    try:
        with zipfile.ZipFile(path) as zf:
            _check_sizes(path.name, zf.infolist())
            _check_macros(path.name, zf.namelist())
            _check_doctypes(path.name, zf)
    except zipfile.BadZipFile:
        return  # not a zip at all: the reader says what the file is instead


def _check_sizes(file: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise BadInputError(f"{file}: the workbook has {len(infos)} parts; Duiding opens at most {MAX_PARTS}",
                            _FIX_SIZE)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise BadInputError(
            f"{file}: the workbook unpacks to {total // 2**20} MB; Duiding opens at most "
            f"{MAX_UNPACKED_BYTES // 2**20} MB", _FIX_SIZE)
    for info in infos:
        if info.file_size >= RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BadInputError(
                f"{file}: the part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}"
                f":1 — more than a real sheet ever is (a zip bomb?)", _FIX_SIZE)


def _check_macros(file: str, names: list[str]) -> None:
    macros = [n for n in names if n.lower().endswith(("vbaproject.bin", "vbaprojectsignature.bin"))]
    if macros:
        raise BadInputError(
            f"{file}: the workbook contains macros ({macros[0]}); Duiding does not open workbooks with macros",
            "save it in Excel as 'Excel Workbook (.xlsx)' (without macros), or export the sheet as CSV",
        )


def _check_doctypes(file: str, zf: zipfile.ZipFile) -> None:
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with zf.open(info) as part:
            head = part.read(4096).upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise BadInputError(
                f"{file}: the part {info.filename} declares an XML doctype or entity (external entities are "
                "refused)",
                "open the workbook in Excel or LibreOffice and save it again as .xlsx",
            )
