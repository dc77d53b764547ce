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
        raise BadInputError(key="xlsx.too_many_parts", file=file, have=len(infos), most=MAX_PARTS)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise BadInputError(key="xlsx.too_big_unpacked", file=file, have=total // 2**20,
                            most=MAX_UNPACKED_BYTES // 2**20)
    for info in infos:
        if info.file_size >= RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BadInputError(key="xlsx.zip_bomb", file=file, part=info.filename,
                                ratio=info.file_size // max(info.compress_size, 1))


def _check_macros(file: str, names: list[str]) -> None:
    macros = [n for n in names if n.lower().endswith(("vbaproject.bin", "vbaprojectsignature.bin"))]
    if macros:
        raise BadInputError(key="xlsx.macros", file=file, part=macros[0])


def _check_doctypes(file: str, zf: zipfile.ZipFile) -> None:
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with zf.open(info) as part:
            head = part.read(4096).upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise BadInputError(key="xlsx.doctype", file=file, part=info.filename)
