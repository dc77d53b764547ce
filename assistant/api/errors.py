"""The API's one error shape {"ok": false, "error": {code, message, fix}} and the one handler that makes it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.language import scope_lang
from assistant.core.errors import DuidingError, log_unexpected
from assistant.core.messages import Lang, render

DESCRIPTIONS = {
    400: "The input cannot be used as given (the message says why, the fix says what to do).",
    401: "Missing or wrong `Authorization: Bearer <token>` (required off loopback or with DUIDING_API_TOKEN).",
    404: "Not found.",
    409: "Another import or write is running.",
    413: "The body is too large (uploads: DUIDING_UPLOAD_LIMIT_MB; JSON: 1 MB).",
    422: "The request does not match the schema.",
    500: "Unexpected server error (details are in the server log, never in the response).",
    503: "A backend is not available.",
}
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}


class ErrorDetail(BaseModel):
    code: str
    message: str
    fix: str = ""


class ErrorResponse(BaseModel):
    ok: Literal[False] = False
    error: ErrorDetail


class UploadTooLargeError(DuidingError):
    code = "too_large"
    http_status = 413


class UnauthorizedError(DuidingError):
    code = "unauthorized"
    http_status = 401


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, all in the one error shape."""
    wanted = sorted({400, 401, 422, 500, *statuses})
    return {s: {"model": ErrorResponse, "description": DESCRIPTIONS[s]} for s in wanted}


def error_json(status: int, code: str, message: str, fix: str = "",
               headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorDetail(code=code, message=message, fix=fix))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


# The core's errors carry no HTTP status; the API's own errors name theirs (`http_status`).
STATUS_BY_CODE = {"not_found": 404, "conflict": 409, "backend_unavailable": 503, "missing_extra": 503,
                  "prompt_error": 500}


def status_for(exc: DuidingError) -> int:
    return int(getattr(exc, "http_status", 0) or STATUS_BY_CODE.get(exc.code, 400))


def response_for(exc: Exception, headers: dict[str, str] | None = None, lang: Lang = "nl") -> JSONResponse:
    """The one mapping from an exception to the error shape, its texts in `lang` (the error's own, if it knows)."""
    if isinstance(exc, DuidingError):
        status = status_for(exc)
        extra = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
        message, fix = exc.text(exc.lang or lang)
        return error_json(status, exc.code, message, fix, {**extra, **(headers or {})} or None)
    if isinstance(exc, RequestValidationError):
        return error_json(422, "invalid_request", *_validation_texts(exc, lang))
    if isinstance(exc, StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message, fix = render("api.route", lang, detail=exc.detail)
        return error_json(exc.status_code, code, message, fix if exc.status_code in (404, 405) else "",
                          dict(exc.headers or {}))
    log_unexpected(exc)
    return error_json(500, "internal", *render("api.internal", lang))


# pydantic's error types in words; other types are shown as their code
PROBLEMS = {"missing": ("ontbreekt", "is missing"), "string_type": ("moet tekst zijn", "must be text"),
            "int_parsing": ("moet een geheel getal zijn", "must be a whole number"),
            "int_type": ("moet een geheel getal zijn", "must be a whole number"),
            "literal_error": ("heeft geen toegestane waarde", "has a value that is not allowed"),
            "string_too_long": ("is te lang", "is too long"), "string_too_short": ("is te kort", "is too short"),
            "json_invalid": ("is geen geldige JSON", "is not valid JSON"),
            "model_attributes_type": ("moet een JSON-object zijn", "must be a JSON object"),
            "value_error": ("heeft een waarde die niet kan", "has a value that cannot be used")}


def _validation_texts(exc: RequestValidationError, lang: Lang) -> tuple[str, str]:
    """Where and what, never the input itself (it may hold story text)."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        kind = str(err.get("type", ""))
        words = PROBLEMS.get(kind)
        parts.append(f"{where} {words[1 if lang == 'en' else 0]}" if words else f"{where}: `{kind}`")
    extra = len(exc.errors()) - 3
    more = "" if extra <= 0 else (f" (and {extra} more)" if lang == "en" else f" (en nog {extra})")
    return render("api.invalid_request", lang, details="; ".join(parts), more=more)


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    return response_for(exc, lang=scope_lang(request.scope))


def install_error_handlers(app: FastAPI) -> None:
    for kind in (DuidingError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(kind, handle_error)


class CatchAllMiddleware:
    """Any other exception becomes a 500 in the error shape, logged without the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback to the client
            log_unexpected(exc, f"{scope.get('method')} {scope.get('path')}")
            if not started:
                await error_json(500, "internal", *render("api.internal", scope_lang(scope)))(scope, receive, send)
