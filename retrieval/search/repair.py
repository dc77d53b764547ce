"""Rebuild the vector index from the stored stories (the story file is the source of truth), also when the
on-disk index is corrupt: the broken one is moved aside, never deleted, and a fresh one is built."""

from __future__ import annotations

import datetime as dt
import errno
import logging
from pathlib import Path

from assistant.core.errors import BackendUnavailableError
from assistant.core.messages import Pick
from assistant.core.settings import Settings
from retrieval.search.chroma_client import StoryIndexUnavailable, forget_client, server_errors
from retrieval.search.indexing import IndexCounts, open_vector_store, reindex, sources

log = logging.getLogger("duiding.repair")


def rebuild_index(settings: Settings) -> tuple[IndexCounts, Path | None]:
    """Counts of the rebuilt index, and where a broken index was moved (None when it opened fine)."""
    try:
        return _rebuild(settings), None
    except StoryIndexUnavailable as exc:
        if settings.chroma_server is not None:
            raise
        if "read-only" in exc.reason_en or "locked" in exc.reason_en:
            raise _cannot_repair(settings, exc) from exc
        moved = _move_aside(settings.chroma_dir)
        log.warning("story index was broken (%s); moved to %s and rebuilt", exc.reason_en, moved)
        return _rebuild(settings), moved


def _rebuild(settings: Settings) -> IndexCounts:
    index = open_vector_store(settings)
    with server_errors(settings):
        return reindex(index, *sources(settings))


def _cannot_repair(settings: Settings, exc: StoryIndexUnavailable) -> BackendUnavailableError:
    key = "search.cannot_rebuild_locked" if "locked" in exc.reason_en else "search.cannot_rebuild_read_only"
    return BackendUnavailableError(key=key, reason=Pick(exc.reason_nl, exc.reason_en), folder=settings.chroma_dir)


def _move_aside(chroma_dir: Path) -> Path:
    """chroma/ -> chroma.kapot-20261206-2315/; chromadb's cached client for the old path is dropped."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = chroma_dir.with_name(f"{chroma_dir.name}.kapot-{stamp}")
    try:
        chroma_dir.rename(target)
    except OSError as exc:
        raise BackendUnavailableError(key="search.cannot_move", folder=chroma_dir, parent=chroma_dir.parent,
                                      detail=errno.errorcode.get(exc.errno or 0, "OSError")) from exc
    forget_client(str(chroma_dir))
    return target
