"""Safe defaults for the API: loopback unless a token is set, bearer-token auth, no URLs from requests."""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from pydantic import SecretStr
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.errors import UnauthorizedError, response_for
from assistant.api.language import scope_lang
from assistant.api.tokens import RateLimiter, TokenFile, current_token_name
from assistant.core.errors import DuidingError

OPEN_PATHS = frozenset({"/healthz"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class UnsafeBindError(DuidingError):
    code = "unsafe_bind"


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost; anything else (0.0.0.0, a LAN address, a name) is not."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def token_value(token: SecretStr | None) -> str | None:
    value = token.get_secret_value().strip() if token is not None else ""
    return value or None


def check_bind(host: str, token: SecretStr | None, user_tokens: bool = False) -> None:
    """Refuse to listen beyond this machine without a token: the data holds residents' stories."""
    if not is_loopback(host) and token_value(token) is None and not user_tokens:
        raise UnsafeBindError(key="security.unsafe_bind", host=host)


def bearer(authorization: str | None) -> str | None:
    """The token of `Bearer <token>`; "" for any other Authorization; None without the header."""
    if authorization is None:
        return None
    scheme, _, given = authorization.partition(" ")
    return given.strip() if scheme.lower() == "bearer" else ""


def token_matches(authorization: str | None, token: str) -> bool:
    """`Bearer <token>`, compared in constant time."""
    given = bearer(authorization) or ""
    same = hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
    return bool(given) and same


class RateLimitedError(DuidingError):
    code = "rate_limited"
    http_status = 429


class BearerAuthMiddleware:
    """Tokens: DUIDING_API_TOKEN (named `api-token`) and the per-user tokens of `duiding tokens add NAME`.

    A token is required when DUIDING_API_TOKEN is set or the API listens beyond loopback; on loopback a
    request may come without one. A token that is sent must be right (else 401), and each token has its own
    rate limit. The token's name goes to the access log (current_token_name), never the token.
    """

    def __init__(self, app: ASGIApp, token: str | None, tokens: TokenFile, required: bool,
                 limiter: RateLimiter) -> None:
        self.app, self.token, self.tokens, self.limiter = app, token, tokens, limiter
        self.required = required or token is not None

    def _name(self, given: str) -> str | None:
        if self.token is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
            return "api-token"
        return self.tokens.name_for(given)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        given = bearer(Headers(scope=scope).get("authorization"))
        name = self._name(given) if given else None
        if name is None and (given is not None or self.required):
            exc = UnauthorizedError(key="security.unauthorized")
            await response_for(exc, lang=scope_lang(scope))(scope, receive, send)
            return
        wait = self.limiter.take(name) if name else 0.0
        if wait:
            limited = RateLimitedError(key="security.rate_limited", name=name, wait=f"{wait:.0f}")
            retry = {"Retry-After": str(max(1, round(wait)))}
            await response_for(limited, retry, scope_lang(scope))(scope, receive, send)
            return
        marker = current_token_name.set(name)
        try:
            await self.app(scope, receive, send)
        finally:
            current_token_name.reset(marker)


class CrossSiteError(DuidingError):
    code = "cross_site"
    http_status = 403


class CrossSiteGuardMiddleware:
    """Refuse writes that another web page makes the user's browser send (CSRF).

    Any site can make a browser POST a multipart form (a story upload) to 127.0.0.1 without a CORS
    preflight; such a request carries an Origin header. Same-origin pages (/docs) and the origins in
    DUIDING_CORS_ORIGINS pass, and so do clients outside a browser (the UI server, curl): they send none.
    """

    def __init__(self, app: ASGIApp, allowed_origins: list[str]) -> None:
        self.app = app
        self.allowed = {o.rstrip("/").lower() for o in allowed_origins}

    def _refused(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is None or origin.rstrip("/").lower() in self.allowed:
            return False
        return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()  # "null" is refused too

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in UNSAFE_METHODS and self._refused(Headers(scope=scope)):
            exc = CrossSiteError(key="security.cross_site")
            await response_for(exc, lang=scope_lang(scope))(scope, receive, send)
            return
        await self.app(scope, receive, send)


class ForeignHostError(DuidingError):
    code = "foreign_host"
    http_status = 421


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]",
                            "testserver"})  # Starlette's TestClient; a bare name no public DNS can serve


def host_name(host_header: str) -> str:
    """'LocalHost:8000' -> 'localhost', '[::1]:8000' -> '[::1]'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class HostGuardMiddleware:
    """Refuse requests whose Host is not this machine's own name (DNS rebinding).

    A page on attacker.example can make its name resolve to 127.0.0.1 and then read the API as a
    same-origin page would. Its requests still carry `Host: attacker.example`, so on a loopback bind only
    loopback names (and DUIDING_ALLOWED_HOSTS) pass; a request without Host (never a browser's) passes too.
    Off loopback the bearer token guards instead.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed = LOOPBACK_NAMES | {host_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = Headers(scope=scope).get("host")
            host = host_name(header or "")
            if header is not None and host not in self.allowed:  # browsers always send Host; bare clients may not
                exc = ForeignHostError(key="security.foreign_host", host=host)
                await response_for(exc, lang=scope_lang(scope))(scope, receive, send)
                return
        await self.app(scope, receive, send)
