"""`duiding serve`: the one place that builds real backends for the API and runs uvicorn."""

from __future__ import annotations

import copy
import logging
from typing import Any

from assistant.core.settings import Settings
from assistant.wiring import build_app_deps

log = logging.getLogger("duiding.api")


class QuerylessAccess(logging.Filter):
    """uvicorn's access log without query strings: `/v1/stories?q=alleen sinds mijn man…` is logged as
    `/v1/stories?…`, so search words (which can be personal) never reach a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and "?" in str(args[2]):  # client, method, path, version, status
            record.args = (*args[:2], str(args[2]).split("?", 1)[0] + "?…", *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's own logging config with QuerylessAccess on its access logger."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["queryless"] = {"()": QuerylessAccess}
    config["loggers"]["uvicorn.access"]["filters"] = ["queryless"]
    return config


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Check the bind address, build the deps and run uvicorn (blocks until stopped)."""
    import uvicorn

    from assistant.api.app import create_app
    from assistant.api.security import check_bind

    host = host or settings.api_host
    port = port or settings.api_port
    check_bind(host, settings.api_token)
    deps = build_app_deps(settings)
    uvicorn.run(create_app(deps), host=host, port=port, log_level="info", log_config=log_config())
