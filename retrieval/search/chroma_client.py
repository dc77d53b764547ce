"""Open Chroma: the on-disk PersistentClient in the data dir, or an HttpClient for a `chroma run` server.

A server is a setting (DUIDING_CHROMA_URL), not a code change; everything above this module is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx

from assistant.core.errors import BackendUnavailableError
from assistant.core.messages import Pick
from assistant.core.settings import Settings


class StoryIndexUnavailable(BackendUnavailableError):
    """The on-disk story index cannot be used (read-only, locked or corrupt); the tables still answer."""

    def __init__(self, reason_nl: str, reason_en: str) -> None:
        super().__init__(key="search.stories_unavailable", reason=Pick(reason_nl, reason_en))
        self.reason_nl, self.reason_en = reason_nl, reason_en


def index_failure(settings: Settings, exc: BaseException) -> StoryIndexUnavailable:
    """chromadb's or sqlite's error on the local index, in words that say what is wrong."""
    text = str(exc).lower()
    where = settings.chroma_dir / "chroma.sqlite3"
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StoryIndexUnavailable(f"de zoekindex {where} is alleen-lezen",
                                     f"the search index {where} is read-only")
    if "locked" in text or "busy" in text:
        return StoryIndexUnavailable(f"de zoekindex {where} is op slot (een ander programma gebruikt hem)",
                                     f"the search index {where} is locked by another program")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoryIndexUnavailable(f"de zoekindex {where} is beschadigd", f"the search index {where} is damaged")
    return StoryIndexUnavailable(f"de zoekindex {where} opent niet ({type(exc).__name__})",
                                 f"the search index {where} does not open ({type(exc).__name__})")


def is_index_failure(exc: BaseException) -> bool:
    """An error from chromadb or sqlite itself (not ours, not a programming error in this code)."""
    import sqlite3

    return isinstance(exc, sqlite3.Error | OSError) or type(exc).__module__.split(".")[0] in ("chromadb",
                                                                                              "chromadb_rust_bindings")


def forget_client(path: str) -> None:
    """chromadb caches one system per path, also a half-built one; drop it so the next open starts afresh."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # pragma: no cover - chromadb is a core dependency
        return
    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(path, None)
        SharedSystemClient._identifier_to_refcount.pop(path, None)


def server_unreachable(url: str) -> BackendUnavailableError:
    return BackendUnavailableError(key="search.chroma_unreachable", url=url)


def open_client(settings: Settings) -> Any:
    """A chromadb client with telemetry off; a server that cannot be reached raises BackendUnavailableError."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:
        raise BackendUnavailableError(key="search.no_chromadb") from exc
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    url = settings.chroma_server
    if url is None:
        try:
            settings.chroma_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
        except Exception as exc:  # InternalError, sqlite3 errors, OSError, ValueError: the index does not open
            forget_client(str(settings.chroma_dir))
            raise index_failure(settings, exc) from exc
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if not parts.hostname:
        raise BackendUnavailableError(key="search.chroma_bad_url", url=url)
    ssl = parts.scheme == "https"
    server: dict[str, Any] = {"host": parts.hostname, "port": parts.port or (443 if ssl else 8000), "ssl": ssl,
              "headers": _headers(settings), "settings": chroma_settings}
    try:
        _ensure_database(chromadb, server, settings.chroma_database)
        return chromadb.HttpClient(**server, database=settings.chroma_database)
    except Exception as exc:  # chromadb raises several types (ValueError, httpx errors) for an unreachable server
        raise server_unreachable(url) from exc


def _headers(settings: Settings) -> dict[str, str]:
    token = settings.chroma_token
    return {"Authorization": f"Bearer {token.get_secret_value()}"} if token else {}


def _ensure_database(chromadb: Any, server: dict[str, Any], database: str) -> None:
    """Each team or municipality can have its own database on one server; create it on first use."""
    if database == "default_database":
        return
    from chromadb.config import Settings as ChromaSettings

    admin_settings = ChromaSettings(
        chroma_api_impl="chromadb.api.fastapi.FastAPI", chroma_server_host=server["host"],
        chroma_server_http_port=server["port"], chroma_server_ssl_enabled=server["ssl"],
        chroma_server_headers=server["headers"] or None, anonymized_telemetry=False,
    )
    admin = chromadb.AdminClient(admin_settings)
    try:
        admin.get_database(database)
    except Exception:  # noqa: BLE001 - chromadb reports a missing database with several error types
        admin.create_database(database)


@contextmanager
def server_errors(settings: Settings) -> Iterator[None]:
    """A Chroma server that goes away mid-run raises BackendUnavailableError naming the URL, not httpx's error."""
    url = settings.chroma_server
    try:
        yield
    except (httpx.TransportError, ConnectionError) as exc:
        if url is None:
            raise
        raise server_unreachable(url) from exc
    except BackendUnavailableError:
        raise
    except Exception as exc:  # a local index that breaks mid-run (read-only, locked, corrupt)
        if url is None and is_index_failure(exc):
            raise index_failure(settings, exc) from exc
        raise
