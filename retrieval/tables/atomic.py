"""Crash-safe file writes and a cross-process writer lock for small stores."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from assistant.core.errors import ConflictError

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path with data: temp file in the same dir, fsync, os.replace, fsync the dir.

    Readers see the old file or the new one, never half of it; a crash leaves at most a temp file,
    which remove_stale_temps() cleans up.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def remove_stale_temps(directory: Path, name: str) -> None:
    """Delete temp files a crashed write_atomic(directory / name) left behind; they may hold old text."""
    for stale in directory.glob(f".{name}.*{TEMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def fsync_path(path: Path) -> None:
    """fsync a file or a directory (a directory so that a rename in it is durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def writer_lock(directory: Path) -> Iterator[None]:
    """One writer at a time across processes (CLI, API); readers need no lock thanks to os.replace."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ConflictError(key="stories.conflict") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
