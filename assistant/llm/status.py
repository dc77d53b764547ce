"""What `duiding models` and /readyz report: which LLM backends can be used, and how to enable them."""

from __future__ import annotations

from assistant.core import registry
from assistant.core.settings import Settings
from assistant.llm.base import BackendStatus


def backend_statuses(settings: Settings) -> list[BackendStatus]:
    """One status per registered backend, in registration order."""
    out = []
    for entry in registry.entries("llm"):
        if entry.status is not None:
            out.append(entry.status(settings))
        else:
            out.append(BackendStatus(entry.name, True, entry.help, f"DUIDING_LLM={entry.name}"))
    return out
