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
from assistant.core.settings import Settings


def server_unreachable(url: str) -> BackendUnavailableError:
    return BackendUnavailableError(
        f"Chroma server not reachable at {url}",
        f"start it with `chroma run --path DIR --host HOST --port PORT` at {url}, "
        "or unset DUIDING_CHROMA_URL to use the on-disk store",
    )


def open_client(settings: Settings) -> Any:
    """A chromadb client with telemetry off; a server that cannot be reached raises BackendUnavailableError."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:
        raise BackendUnavailableError("chromadb is not installed", "reinstall Duiding: `pip install -e .`") from exc
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    url = settings.chroma_server
    if url is None:
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if not parts.hostname:
        raise BackendUnavailableError(f"DUIDING_CHROMA_URL is not a URL: {url!r}",
                                      "write it as http://host:port, e.g. http://127.0.0.1:8100")
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
