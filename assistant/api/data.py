"""GET areas, profiles, indicators, glossary and stories; DELETE a story."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from assistant.api.catalog import AreaDetail, AreaOut, CatalogService, DeletedOut, IndicatorOut, ProfileOut
from assistant.api.errors import error_responses
from retrieval.models import LEVELS, GlossaryEntry, Level, Story

CODE = Path(min_length=1, max_length=20, description="Area code, e.g. WK051836 or GM0518.")


def data_router(service: CatalogService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["data"])
    _area_routes(router, service)
    _reference_routes(router, service)
    _story_routes(router, service)
    return router


def _area_routes(router: APIRouter, service: CatalogService) -> None:
    @router.get("/areas", response_model=list[AreaOut], responses=error_responses())
    def areas(
        search: Annotated[str | None, Query(max_length=100, description="Part of a name or code.")] = None,
        level: Annotated[Level | None, Query(description=" | ".join(LEVELS))] = None,
        parent: Annotated[str | None, Query(max_length=20, description="Parent area code.")] = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 200,
    ) -> list[AreaOut]:
        """Areas in the store; higher levels first."""
        return service.areas(search, level, parent, limit)

    @router.get("/areas/{code}", response_model=AreaDetail, responses=error_responses(404))
    def area(code: Annotated[str, CODE]) -> AreaDetail:
        """One area with its parents, children and the years it has figures for."""
        return service.area(code)

    @router.get("/areas/{code}/profile", response_model=ProfileOut, responses=error_responses(404))
    def profile(code: Annotated[str, CODE],
                year: Annotated[int | None, Query(ge=1900, le=2100)] = None) -> ProfileOut:
        """Every indicator of the area with its comparison facts (the facts engine, with sources)."""
        return service.profile(code, year)


def _reference_routes(router: APIRouter, service: CatalogService) -> None:
    @router.get("/indicators", response_model=list[IndicatorOut], responses=error_responses())
    def indicators() -> list[IndicatorOut]:
        """Indicators that have figures in the store."""
        return service.indicators()

    @router.get("/glossary", response_model=list[GlossaryEntry], responses=error_responses())
    def glossary() -> list[GlossaryEntry]:
        """The curated glossary (B1 Dutch plus English)."""
        return service.glossary()

    @router.get("/glossary/{term}", response_model=GlossaryEntry, responses=error_responses(404))
    def glossary_term(term: Annotated[str, Path(min_length=1, max_length=100)]) -> GlossaryEntry:
        """One term; aliases, case, accents and plurals are forgiven."""
        return service.term(term)


def _story_routes(router: APIRouter, service: CatalogService) -> None:
    @router.get("/stories", response_model=list[Story], responses=error_responses())
    def stories(
        area: Annotated[str | None, Query(max_length=20, description="Area code; a wijk includes its buurten.")] = None,
        theme: Annotated[str | None, Query(max_length=50)] = None,
        q: Annotated[str | None, Query(max_length=300, description="Search text.")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[Story]:
        """Stored (scrubbed) stories, filtered."""
        return service.stories(area, theme, q, limit)

    @router.delete("/stories/{story_id}", response_model=DeletedOut, responses=error_responses(404, 409))
    def delete_story(story_id: Annotated[str, Path(min_length=1, max_length=100)]) -> DeletedOut:
        """Delete a story from the store and every index."""
        return service.delete_story(story_id)
