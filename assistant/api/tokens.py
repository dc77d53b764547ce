"""Per-user API tokens: a tokens file in the data dir (hashed at rest), and a token bucket per token.

The file holds a random salt and, per name, sha256(salt + token); the token itself is shown once, at
`duiding tokens add NAME`. A leaked file gives no usable token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import BadInputError, NotFoundError

TOKENS_FILE = "tokens.json"
PREFIX = "dui_"
# The name of the token that authorised the request being handled; the access log reads it.
current_token_name: ContextVar[str | None] = ContextVar("current_token_name", default=None)


@dataclass(frozen=True)
class TokenInfo:
    name: str
    created: str


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "-_." for c in name):
        raise BadInputError(key="token.bad_name", name=name)
    return name


class TokenFile:
    """tokens.json in the data dir; re-read when it changes, so `duiding tokens` works on a running server."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._data: dict = {"salt": "", "tokens": []}  # type: ignore[type-arg]

    def _load(self) -> dict:  # type: ignore[type-arg]
        with self._lock:
            try:
                stat = self.path.stat()
            except FileNotFoundError:
                self._seen, self._data = None, {"salt": "", "tokens": []}
                return self._data
            signature = (stat.st_mtime_ns, stat.st_size)
            if signature != self._seen:
                self._data = json.loads(self.path.read_text(encoding="utf-8"))
                self._seen = signature
            return self._data

    def _save(self, data: dict) -> None:  # type: ignore[type-arg]
        """Atomic, owner-only: a crash leaves the old file; other users cannot read the hashes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
        os.replace(tmp, self.path)

    @staticmethod
    def _hash(salt: str, token: str) -> str:
        return hashlib.sha256(bytes.fromhex(salt) + token.encode("utf-8")).hexdigest()

    def add(self, name: str) -> str:
        """A new token for name; returns it (the only time it is ever shown)."""
        name = _check_name(name)
        data = self._load()
        if any(t["name"] == name for t in data["tokens"]):
            raise BadInputError(key="token.exists", name=name)
        salt = data["salt"] or secrets.token_hex(16)
        token = PREFIX + secrets.token_urlsafe(32)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        tokens = [*data["tokens"], {"name": name, "sha256": self._hash(salt, token), "created": created}]
        self._save({"salt": salt, "tokens": tokens})
        return token

    def revoke(self, name: str) -> None:
        data = self._load()
        kept = [t for t in data["tokens"] if t["name"] != name]
        if len(kept) == len(data["tokens"]):
            raise NotFoundError(key="token.unknown", name=name)
        self._save({"salt": data["salt"], "tokens": kept})

    def list(self) -> list[TokenInfo]:
        return [TokenInfo(t["name"], t["created"]) for t in self._load()["tokens"]]

    def __bool__(self) -> bool:
        return bool(self._load()["tokens"])

    def name_for(self, token: str) -> str | None:
        """The name whose token this is, compared in constant time; None when it is no token here."""
        data = self._load()
        if not data["tokens"] or not token:
            return None
        digest = self._hash(data["salt"], token)
        found = None
        for entry in data["tokens"]:
            if hmac.compare_digest(entry["sha256"], digest):
                found = entry["name"]
        return found


class RateLimiter:
    """A token bucket per name: `burst` requests at once, refilled at `per_minute`. In memory, per process."""

    def __init__(self, per_minute: float, burst: int, clock: object = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, name: str) -> float:
        """0.0 when the request may go; else the seconds until one may."""
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            level, then = self._buckets.get(name, (self.burst, now))
            level = min(self.burst, level + (now - then) * self.rate)
            if level >= 1.0:
                self._buckets[name] = (level - 1.0, now)
                return 0.0
            self._buckets[name] = (level, now)
            return (1.0 - level) / self.rate if self.rate > 0 else 60.0


def token_file(data_dir: Path) -> TokenFile:
    return TokenFile(data_dir / TOKENS_FILE)
