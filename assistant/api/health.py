"""GET /healthz (the process is up; no auth) and GET /readyz (stores loaded; LLM reported, not fatal)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from assistant.api.errors import error_responses
from assistant.core.errors import log_unexpected
from assistant.deps import Deps
from retrieval.search.indexing import open_story_store


class HealthOut(BaseModel):
    ok: bool = True
    status: str = "up"


class StoreStatus(BaseModel):
    ok: bool
    detail: str = ""
    count: int = 0


class LLMStatus(BaseModel):
    backend: str
    model: str = ""
    reachable: bool | None = None
    detail: str = ""


class ReadyOut(BaseModel):
    ok: bool
    indicators: StoreStatus
    stories: StoreStatus
    glossary: StoreStatus
    llm: LLMStatus


class HealthService:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def ready(self) -> ReadyOut:
        indicators, stories = self._indicators(), self._stories()
        glossary = StoreStatus(ok=len(self.deps.glossary) > 0, count=len(self.deps.glossary))
        return ReadyOut(ok=indicators.ok and stories.ok and glossary.ok, indicators=indicators,
                        stories=stories, glossary=glossary, llm=self._llm())

    def _indicators(self) -> StoreStatus:
        try:
            data = self.deps.store.load()
        except Exception as exc:  # noqa: BLE001 - a broken store is what readiness reports
            log_unexpected(exc, "readyz indicators")
            return StoreStatus(ok=False, detail=f"indicator store unreadable ({type(exc).__name__})")
        areas = int(data.areas["area_code"].nunique()) if len(data.areas) else 0
        hint = "" if areas else "empty: run `duiding demo` or POST /v1/ingest/tables"
        return StoreStatus(ok=True, count=areas, detail=hint)

    def _stories(self) -> StoreStatus:
        try:
            return StoreStatus(ok=True, count=open_story_store(self.deps.settings).count())
        except Exception as exc:  # noqa: BLE001
            log_unexpected(exc, "readyz stories")
            return StoreStatus(ok=False, detail=f"story store unreadable ({type(exc).__name__})")

    def _llm(self) -> LLMStatus:
        llm = self.deps.llm
        if llm is None:
            return LLMStatus(backend="none", detail="deterministic answers only (DUIDING_LLM=none)")
        name, model = llm.name, llm.model
        try:
            reachable, detail = llm.available()
        except Exception as exc:  # noqa: BLE001 - not fatal: answers fall back to the facts
            return LLMStatus(backend=name, model=model, reachable=False, detail=type(exc).__name__)
        return LLMStatus(backend=name, model=model, reachable=bool(reachable), detail=str(detail))


def health_router(service: HealthService) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", response_model=HealthOut, responses=error_responses())
    def healthz() -> HealthOut:
        """The process is up. Needs no token."""
        return HealthOut()

    @router.get("/readyz", response_model=ReadyOut, responses={
        **error_responses(), 503: {"model": ReadyOut, "description": "A store could not be loaded."}})
    def readyz() -> JSONResponse:
        """Stores loaded (200) or not (503); whether the LLM is reachable is reported, never fatal."""
        ready = service.ready()
        return JSONResponse(ready.model_dump(), status_code=200 if ready.ok else 503)

    return router
