"""`duiding serve`: the one place that builds real backends for the API and runs uvicorn."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from assistant.deps import Deps, StorySearch
from assistant.errors import DuidingError
from assistant.llm import LLM
from assistant.settings import Settings

log = logging.getLogger("duiding.api")


class UnavailableLLM:
    """Stands in for a backend that could not be built: every answer falls back to the facts, with a notice."""

    def __init__(self, name: str, error: DuidingError) -> None:
        self.name, self.model, self.error = name, "", error

    def available(self) -> tuple[bool, str]:
        return False, str(self.error)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        raise self.error


def build_llm(settings: Settings) -> LLM | None:
    from assistant.llm import make_llm

    try:
        return make_llm(settings)
    except DuidingError as exc:
        log.warning("LLM backend '%s' unavailable, answering from facts only: %s", settings.llm, exc)
        return UnavailableLLM(settings.llm, exc)


def build_story_search(settings: Settings, deps: Deps) -> StorySearch | None:
    """The retriever for stories in answers; without it answers carry no stories (logged, not fatal)."""
    from assistant.api_story_search import story_search

    try:
        return story_search(settings, deps.store)
    except (DuidingError, ImportError, OSError) as exc:
        log.warning("story search unavailable, answers will carry no stories: %s", exc)
        return None


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Check the bind address, build the deps and run uvicorn (blocks until stopped)."""
    import uvicorn

    from assistant.api import create_app
    from assistant.deps import build_app_deps
    from assistant.security import check_bind

    host = host or settings.api_host
    port = port or settings.api_port
    check_bind(host, settings.api_token)
    deps = build_app_deps(settings)
    uvicorn.run(create_app(deps), host=host, port=port, log_level="info")
