"""GET /v1/datasets and DELETE /v1/datasets/{id}: the imports in the store, and removing one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from assistant.api.errors import error_responses
from assistant.deps import Deps
from retrieval.models import Dataset

DATASET_ID = Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$", description="Dataset id, e.g. d3.")


class DatasetService:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def list(self) -> list[Dataset]:
        return self.deps.store.datasets()

    def remove(self, dataset_id: str) -> Dataset:
        """Atomic: the store holds either all of the dataset or none of it."""
        return self.deps.store.remove_dataset(dataset_id)


def datasets_router(service: DatasetService) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["datasets"])

    @router.get("/datasets", response_model=list[Dataset], responses=error_responses())
    def datasets() -> list[Dataset]:
        """One entry per import: id, file, table, source, gemeenten, years, rows, values, import time."""
        return service.list()

    @router.delete("/datasets/{dataset_id}", response_model=Dataset, responses=error_responses(404, 409))
    def remove(dataset_id: Annotated[str, DATASET_ID]) -> Dataset:
        """Remove one dataset; answers stop using its figures. An unknown id lists the ids there are."""
        return service.remove(dataset_id)

    return router
