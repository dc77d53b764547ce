"""The HTTP API: `create_app(deps)` wires thin routers to services. Only `duiding serve` builds real deps."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from assistant.api.catalog import CatalogService
from assistant.api.chat import chat_router
from assistant.api.data import data_router
from assistant.api.datasets import DatasetService, datasets_router
from assistant.api.errors import CatchAllMiddleware, install_error_handlers
from assistant.api.exercises import exercises_router
from assistant.api.export import ExportService, export_router
from assistant.api.health import HealthService, health_router
from assistant.api.ingest import IngestService, ingest_router
from assistant.api.openai_router import openai_router
from assistant.api.openai_service import CompletionService
from assistant.api.security import (
    OPEN_PATHS,
    BearerAuthMiddleware,
    CrossSiteGuardMiddleware,
    HostGuardMiddleware,
    is_loopback,
    token_value,
)
from assistant.api.tokens import RateLimiter, TokenFile
from assistant.api.uploads import BodyLimitMiddleware
from assistant.compose.exercises import ExerciseService
from assistant.conversations import ChatService, ConversationStore
from assistant.deps import Deps

DESCRIPTION = (
    "Duiding explains neighbourhood figures and residents' stories. Code computes every number, the glossary "
    "explains, the LLM only phrases and every sentence is checked. Errors always look like "
    '`{"ok": false, "error": {"code", "message", "fix"}}`. With DUIDING_API_TOKEN set, every route but '
    "/healthz needs `Authorization: Bearer <token>`."
)


def create_app(deps: Deps) -> FastAPI:
    settings = deps.settings
    app = FastAPI(title="Duiding API", version="0.1.0", description=DESCRIPTION)
    conversations = ConversationStore()
    app.state.deps, app.state.conversations = deps, conversations
    app.include_router(health_router(HealthService(deps)))
    app.include_router(chat_router(ChatService(deps, conversations)))
    app.include_router(data_router(CatalogService(deps)))
    app.include_router(export_router(ExportService(conversations)))
    app.include_router(exercises_router(ExerciseService(deps)))
    app.include_router(ingest_router(IngestService(deps)))
    app.include_router(datasets_router(DatasetService(deps)))
    app.include_router(openai_router(CompletionService(deps)))
    install_error_handlers(app)
    # Middleware added last runs first:
    # CORS -> catch-all -> host guard -> token -> cross-site guard -> body limit -> routes.
    app.add_middleware(BodyLimitMiddleware, upload_limit_mb=settings.upload_limit_mb)
    app.add_middleware(CrossSiteGuardMiddleware, allowed_origins=list(settings.cors_origins))
    token = token_value(settings.api_token)
    required = not is_loopback(settings.api_host)
    app.add_middleware(BearerAuthMiddleware, token=token, tokens=TokenFile(settings.tokens_path), required=required,
                       limiter=RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst))
    _customize_openapi(app, bearer=token is not None or required)
    if is_loopback(settings.api_host):
        app.add_middleware(HostGuardMiddleware, allowed_hosts=[settings.api_host, *settings.allowed_hosts])
    app.add_middleware(CatchAllMiddleware)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    return app


def _customize_openapi(app: FastAPI, bearer: bool) -> None:
    """Document the bearer token (enforced by BearerAuthMiddleware) and make multipart forms honest."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            _multipart_without_null(schema)
            if bearer:
                schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http",
                                                                                     "scheme": "bearer"}}
                for path, operations in schema["paths"].items():
                    for operation in operations.values():
                        if path not in OPEN_PATHS:
                            operation["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _multipart_without_null(schema: dict[str, Any]) -> None:
    """A multipart field cannot be null, only absent: drop the `null` branch FastAPI writes for optionals."""
    components = schema.get("components", {}).get("schemas", {})
    for operations in schema["paths"].values():
        for operation in operations.values():
            media = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data", {})
            ref = media.get("schema", {}).get("$ref", "")
            body = components.get(ref.rsplit("/", 1)[-1], {})
            for name, prop in body.get("properties", {}).items():
                options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
                if len(options) == 1 and len(prop["anyOf"]) == 2:
                    rest = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
                    body["properties"][name] = {**options[0], **rest}
