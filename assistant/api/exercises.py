"""POST /v1/exercises: an interpretation exercise for trainers, with its answer key."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.errors import error_responses
from assistant.compose.exercises import Exercise, ExerciseRequest, ExerciseService


def exercises_router(service: ExerciseService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["exercises"])

    @router.post("/exercises", response_model=Exercise, responses=error_responses(404, 413))
    def exercise(req: ExerciseRequest) -> Exercise:
        """Kinds: procentpunt, ecologische_valkuil, kleine_aantallen, vergelijking. All numbers come from facts."""
        return service.create(req)

    return router
