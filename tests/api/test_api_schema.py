"""The OpenAPI schema is complete, and Schemathesis finds no 5xx and no schema violations."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from support.api import load_demo_city, make_app

ERROR_REF = "#/components/schemas/ErrorResponse"
# Valid by content no schema can say: an upload's file; chat messages that hold no user question.
CONTENT_CHECKED = {"/v1/ingest/tables", "/v1/ingest/stories", "/v1/chat/completions"}


def _fuzz_data_dir() -> Path:
    """The demo city in a temporary data dir; the fuzzer may write to it (imports, deletes).

    Built at import: Schemathesis' fixture-based (lazy) mode does not run under pytest 9.
    """
    data_dir = Path(tempfile.mkdtemp(prefix="duiding-fuzz-")) / "data"
    load_demo_city(data_dir)
    return data_dir


FUZZ_DIR = _fuzz_data_dir()
FUZZ_APP, _ = make_app(FUZZ_DIR)
schema = schemathesis.openapi.from_asgi("/openapi.json", FUZZ_APP)


@pytest.fixture(scope="module", autouse=True)
def _remove_fuzz_dir() -> Iterator[None]:
    yield
    shutil.rmtree(FUZZ_DIR.parent, ignore_errors=True)


@pytest.fixture
def fuzz_app() -> FastAPI:
    return FUZZ_APP


def _operations(app: FastAPI) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, ops in app.openapi()["paths"].items():
        for method, op in ops.items():
            yield path, method, op


def test_every_route_is_documented_with_a_response_model_and_the_error_shape(fuzz_app: FastAPI) -> None:
    schema = fuzz_app.openapi()
    assert "HTTPValidationError" not in str(schema)  # 422 uses the one error shape too
    ops = list(_operations(fuzz_app))
    assert len(ops) == 21  # with datasets, /v1/models, /v1/chat/completions and /v1/ingest/progress
    for path, method, op in ops:
        where = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("description"), where
        ok = op["responses"]["200"]["content"]
        assert all(media.get("schema") for media in ok.values()), where
        if "application/json" in ok:
            assert ok["application/json"]["schema"] != {}, where
        for status in ("400", "401", "422", "500"):
            assert op["responses"][status]["content"]["application/json"]["schema"]["$ref"] == ERROR_REF, where
    responses = {f"{m.upper()} {p}": set(op["responses"]) for p, m, op in ops}
    assert {"409", "413"} <= responses["POST /v1/ingest/tables"] and "404" in responses["GET /v1/areas/{code}"]
    assert {"404", "409"} <= responses["DELETE /v1/datasets/{dataset_id}"]
    assert "text/event-stream" in schema["paths"]["/v1/chat/stream"]["post"]["responses"]["200"]["content"]
    assert "text/event-stream" in schema["paths"]["/v1/chat/completions"]["post"]["responses"]["200"]["content"]


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_fuzz_the_api(case: Any) -> None:
    # An upload is valid by its content, which no schema can say: there a schema-valid request may be a 400.
    excluded = [positive_data_acceptance] if case.path in CONTENT_CHECKED else []
    case.call_and_validate(excluded_checks=excluded)


def test_fixture_data_dir_is_used(fuzz_app: FastAPI) -> None:
    deps = fuzz_app.state.deps
    assert Path(deps.settings.data_dir).name == "data" and not deps.store.load().is_empty
