"""Read story files (CSV, JSONL, a folder of Markdown with YAML front matter) into raw rows.

Whole-file problems raise BadInputError naming the file, the line and the fix. Row problems travel with
the row (RawStory.error) so the ingest can skip just that row and say why.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick

TEXT_COLUMNS = ("text", "tekst", "verhaal")


@dataclass
class RawStory:
    """One story as read from a file, before validation."""

    where: str  # "regel 7" or "bestand verhalen/x.md"; used in skip reasons
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 with or without BOM; anything else is a whole-file error that names the encoding."""
    if not raw.strip():
        raise BadInputError(key="story.empty", file=name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInputError(key="story.utf16", file=name)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BadInputError(key="story.binary", at=At(name, line))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = (Pick("Windows-1252/Latin-1", "Windows-1252/Latin-1") if _looks_cp1252(raw) else
                 Pick("een onbekende codering of binaire inhoud", "an unknown encoding or binary content"))
        raise BadInputError(key="story.not_utf8", at=At(name, line), guess=guess) from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(2, len(text) // 100):
        raise BadInputError(key="story.control_chars", file=name)
    return text


def _looks_cp1252(raw: bytes) -> bool:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t") > 0.98 * len(text)


def read_csv(text: str, name: str) -> list[RawStory]:
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = [(f or "").strip().lower() for f in (reader.fieldnames or [])]
    if not any(col in fields for col in TEXT_COLUMNS):
        raise BadInputError(key="story.no_text_column", at=At(name, 1), columns=", ".join(fields))
    reader.fieldnames = fields
    old_limit = csv.field_size_limit()
    # Long stories must become a per-row skip, not a csv.Error for the whole file.
    csv.field_size_limit(64 * 1024 * 1024)
    rows: list[RawStory] = []
    try:
        start = reader.line_num + 1
        for row in reader:
            data = {k: v for k, v in row.items() if k and v is not None and str(v).strip()}
            if row.get(None):  # type: ignore[call-overload]
                rows.append(RawStory(f"regel {start}", data, "meer velden dan kolommen in de kopregel"))
            elif data:
                rows.append(RawStory(f"regel {start}", data))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BadInputError(key="story.bad_csv", at=At(name, reader.line_num), detail=exc) from exc
    finally:
        csv.field_size_limit(old_limit)
    return rows


def read_jsonl(text: str, name: str) -> list[RawStory]:
    if text.lstrip().startswith("["):
        raise BadInputError(key="story.json_list", at=At(name, 1))
    rows: list[RawStory] = []
    first_error: tuple[int, str] | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            first_error = first_error or (lineno, exc.msg)
            rows.append(RawStory(f"regel {lineno}", error="geen geldige JSON"))
            continue
        error = None if isinstance(obj, dict) else "geen JSON-object"
        rows.append(RawStory(f"regel {lineno}", obj if isinstance(obj, dict) else {}, error))
    if first_error and all(r.error == "geen geldige JSON" for r in rows):
        lineno, msg = first_error
        raise BadInputError(key="story.no_json", at=At(name, lineno), detail=msg)
    return rows


def split_front_matter(text: str, where: str) -> RawStory:
    """A Markdown story: optional YAML front matter between '---' lines, then the text."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return RawStory(where, {"text": text.strip()})
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return RawStory(where, error="front matter zonder afsluitende '---'")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError:
        return RawStory(where, error="front matter is geen geldige YAML")
    if not isinstance(meta, dict):
        return RawStory(where, error="front matter is geen lijst van velden (sleutel: waarde)")
    body = "\n".join(lines[end + 1:]).strip()
    return RawStory(where, {**{str(k): v for k, v in meta.items()}, "text": body})


def read_markdown_dir(folder: Path) -> list[RawStory]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file())
    if not files:
        raise BadInputError(key="story.no_markdown", folder=folder.name)
    rows = []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        raw = path.read_bytes()
        text = decode(raw, rel) if raw.strip() else ""
        rows.append(split_front_matter(text, f"bestand {rel}"))
    return rows


def read_story_source(path: Path) -> tuple[str, list[RawStory]]:
    """(format, rows) for a story file or a folder of Markdown files."""
    path = Path(path)
    if not path.exists():
        raise BadInputError(key="file.missing", path=path)
    if path.is_dir():
        return "markdown", read_markdown_dir(path)
    suffix = path.suffix.lower()
    readers = {".csv": ("csv", read_csv), ".tsv": ("csv", read_csv), ".jsonl": ("jsonl", read_jsonl),
               ".ndjson": ("jsonl", read_jsonl), ".json": ("jsonl", read_jsonl)}
    if suffix in (".md", ".markdown"):
        return "markdown", [split_front_matter(decode(path.read_bytes(), path.name), f"bestand {path.name}")]
    if suffix not in readers:
        raise BadInputError(key="file.unknown_type", file=path.name, suffix=suffix,
                            allowed=Pick(".csv, .jsonl of een map met .md-bestanden",
                                         ".csv, .jsonl or a folder of .md files"))
    fmt, reader = readers[suffix]
    return fmt, reader(decode(path.read_bytes(), path.name), path.name)
