"""`duiding serve`: the one place that builds real backends for the API and runs uvicorn."""

from __future__ import annotations

import copy
import logging
from typing import Any

from assistant.api.tokens import current_token_name
from assistant.core.settings import Settings
from assistant.wiring import build_app_deps

log = logging.getLogger("duiding.api")


class QuerylessAccess(logging.Filter):
    """uvicorn's access log without query strings: `/v1/stories?q=alleen sinds mijn man…` is logged as
    `/v1/stories?…`, so search words (which can be personal) never reach a log file. The name of the API token
    that made the request follows the client address, `127.0.0.1:5123 [anna]`; the token itself never does."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:  # client, method, path, version, status
            path = str(args[2])
            path = path.split("?", 1)[0] + "?…" if "?" in path else path
            name = current_token_name.get()  # set by the auth middleware for this request
            client = f"{args[0]} [{name}]" if name else args[0]
            record.args = (client, args[1], path, *args[3:])
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
    from assistant.api.tokens import TokenFile

    host = host or settings.api_host
    port = port or settings.api_port
    settings = settings.model_copy(update={"api_host": host})  # the app guards what it really listens on
    check_bind(host, settings.api_token, user_tokens=bool(TokenFile(settings.tokens_path)))
    deps = build_app_deps(settings)
    uvicorn.run(create_app(deps), host=host, port=port, log_level="info", log_config=log_config())
