"""POST /v1/ingest/tables and /v1/ingest/stories: the CLI's readers behind a size limit, one at a time."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, BinaryIO, Literal

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel

from assistant.api.errors import error_responses
from assistant.api.uploads import save_upload, shown_name
from assistant.core.errors import BadInputError, ConflictError, DuidingError
from assistant.core.messages import At
from assistant.core.registry import name_type
from assistant.deps import Deps
from retrieval.models import ImportReport
from retrieval.search.indexing import open_story_store

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
NAMES_SUFFIXES = (".csv",)
METADATA_SUFFIXES = (".csv", ".json")
STORY_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".md", ".markdown")
TableFormat = name_type("table_format")  # a registered table format, an enum in /docs


@dataclass(frozen=True)
class Upload:
    file: BinaryIO
    filename: str | None

    @classmethod
    def of(cls, upload: UploadFile | None) -> Upload | None:
        return cls(upload.file, upload.filename) if upload is not None else None


@dataclass(frozen=True)
class TableOptions:
    fmt: str | None = None
    year: int | None = None
    status: str = "definitief"
    source: str | None = None
    mapping: str | None = None
    sheet: str | None = None
    gemeente: str | None = None

    def reader_options(self) -> dict[str, object]:
        extra = {"source": self.source, "mapping": inline_mapping(self.mapping), "sheet": self.sheet,
                 "gemeente": self.gemeente}
        return {"status": self.status} | {k: v for k, v in extra.items() if v}


def inline_mapping(text: str | None) -> dict[str, str | None] | None:
    """'Jeugdzorg %=jeugdzorg_pct,Opmerking=' only: a mapping file path would read the server's disk."""
    if not text or not text.strip():
        return None
    out: dict[str, str | None] = {}
    for item in text.split(","):
        column, eq, target = item.partition("=")
        if not eq or not column.strip():
            raise BadInputError(key="ingest.bad_mapping", item=item.strip())
        out[column.strip()] = target.strip() or None
    return out


class EmbedProgress(BaseModel):
    """Texts embedded so far by the running (or last) story import; only new or changed stories count."""

    running: bool = False
    done: int = 0
    total: int = 0


class IngestService:
    """Saves the upload under a generated name in a private temp dir, runs the reader, cleans up."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._busy = threading.Lock()
        self.progress = EmbedProgress()

    def _embedded(self, done: int, total: int) -> None:
        self.progress = EmbedProgress(running=True, done=done, total=total)

    @contextmanager
    def _workdir(self) -> Iterator[Path]:
        if not self._busy.acquire(blocking=False):
            raise ConflictError(key="table.conflict")
        try:
            with tempfile.TemporaryDirectory(prefix="duiding-upload-") as tmp:
                yield Path(tmp)
        finally:
            self._busy.release()

    def _save(self, upload: Upload, workdir: Path, allowed: tuple[str, ...]) -> Path:
        return save_upload(upload.file, upload.filename, workdir, allowed, self.deps.settings.upload_limit_mb)

    def tables(self, upload: Upload, opts: TableOptions, names: Upload | None = None,
               metadata: Upload | None = None) -> ImportReport:
        from retrieval.tables.ingest import ingest_table

        with self._workdir() as work:
            path = self._save(upload, work, TABLE_SUFFIXES)
            names_path = self._save(names, work, NAMES_SUFFIXES) if names else None
            meta_path = self._save(metadata, work, METADATA_SUFFIXES) if metadata else None
            options = opts.reader_options()
            options.setdefault("source", Path(shown_name(upload.filename)).stem)  # not "upload-3f2a…"
            with _shown_as(path, upload.filename):
                report = ingest_table(self.deps.store, path, opts.fmt, year=opts.year, names=names_path,
                                      metadata=meta_path, shown_as=shown_name(upload.filename), **options)
        return report.model_copy(update={"file": shown_name(upload.filename)})

    def stories(self, upload: Upload) -> ImportReport:
        from retrieval.stories.ingest import ingest_stories

        settings = self.deps.settings
        with self._workdir() as work:
            path = self._save(upload, work, STORY_SUFFIXES)
            areas = self.deps.store.load().areas
            known = set(areas["area_code"].astype(str)) if len(areas) else None
            self.progress = EmbedProgress(running=True)
            try:
                with _shown_as(path, upload.filename):
                    report = ingest_stories(path, open_story_store(settings, self._embedded), known, settings)
            finally:  # only new or changed stories were embedded; `done` says how many texts that was
                self.progress = self.progress.model_copy(update={"running": False})
        shown = shown_name(upload.filename)
        return report.model_copy(update={"file": shown, "source": shown})


@contextmanager
def _shown_as(path: Path, filename: str | None) -> Iterator[None]:
    """Reader errors name the user's file, not our temp path."""
    try:
        yield
    except DuidingError as exc:
        shown = shown_name(filename)
        exc.message = exc.message.replace(str(path), shown).replace(path.name, shown)
        exc.args = (exc.message,)
        exc.fields = {k: _renamed(v, path, shown) for k, v in exc.fields.items()}
        raise


def _renamed(value: object, path: Path, shown: str) -> object:
    """A field that names the temp file names the user's file (a place in it keeps its line and column)."""
    if isinstance(value, At):
        return value._replace(file=str(_renamed(value.file, path, shown)))
    if isinstance(value, str | Path):
        return str(value).replace(str(path), shown).replace(path.name, shown)
    return value


def ingest_router(service: IngestService) -> APIRouter:
    router = APIRouter(prefix="/v1/ingest", tags=["ingest"])

    @router.post("/tables", response_model=ImportReport, responses=error_responses(409, 413))
    def ingest_tables(
        file: Annotated[UploadFile, File(description="CBS KWB CSV, long/wide CSV or XLSX.")],
        format: Annotated[TableFormat | None, Form(description="Guessed from the file when left out.")] = None,  # type: ignore[valid-type]
        year: Annotated[int | None, Form(ge=1900, le=2100)] = None,
        status: Annotated[Literal["definitief", "voorlopig"], Form()] = "definitief",
        source: Annotated[str | None, Form(max_length=200)] = None,
        mapping: Annotated[str | None, Form(max_length=4000, description="'Column=indicator_id,…'")] = None,
        sheet: Annotated[str | None, Form(max_length=100)] = None,
        gemeente: Annotated[str | None, Form(max_length=10, description="e.g. GM0518")] = None,
        names: Annotated[UploadFile | None, File(description="CBS WijkenEnBuurten code list (CSV).")] = None,
        metadata: Annotated[UploadFile | None, File(description="CBS DataProperties (CSV or JSON).")] = None,
    ) -> ImportReport:
        """Import an indicator table; atomic, and a rejected file leaves the store unchanged."""
        opts = TableOptions(format, year, status, source, mapping, sheet, gemeente)
        return service.tables(Upload(file.file, file.filename), opts, Upload.of(names), Upload.of(metadata))

    @router.get("/progress", response_model=EmbedProgress, responses=error_responses())
    def ingest_progress() -> EmbedProgress:
        """How far the running story import is with embedding (poll while an upload runs)."""
        return service.progress

    @router.post("/stories", response_model=ImportReport, responses=error_responses(409, 413))
    def ingest_stories(
        file: Annotated[UploadFile, File(description="Stories as CSV, JSONL or one Markdown file.")],
    ) -> ImportReport:
        """Import stories; personal data is scrubbed before anything is stored."""
        return service.stories(Upload(file.file, file.filename))

    return router
