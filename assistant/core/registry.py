"""One registry of names: table formats, audiences, LLM backends and embedders.

A provider registers itself in its own module (`register(...)` at import time, like simonw/llm's
`register_models`). The registry lists no provider: the first time a kind is asked for, it imports the
module that imports that kind's providers, and their `register` calls fill it. The CLI's choices, the API's
types, the UI's options and the error texts all come from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, WithJsonSchema

from assistant.core.errors import BadInputError
from assistant.core.messages import Pick

Kind = Literal["table_format", "audience", "llm", "embedder"]

# The module whose import registers each kind's providers (it imports them; the core names none).
PROVIDER_PACKAGES: dict[Kind, str] = {
    "table_format": "retrieval.tables.readers.formats",
    "audience": "assistant.compose.audiences",
    "llm": "assistant.llm.backends",
    "embedder": "retrieval.search.embeddings",
}
WHAT: dict[Kind, Pick] = {"table_format": Pick("bestandsformaat", "table format"),
                          "audience": Pick("doelgroep", "audience"), "llm": Pick("taalmodel", "LLM backend"),
                          "embedder": Pick("embedder", "embedder")}


@dataclass(frozen=True)
class Entry:
    """One registered name. `factory` builds the thing (a reader, an LLM, an embedder, a composer section)."""

    kind: Kind
    name: str
    factory: Callable[..., Any]
    label_nl: str = ""
    label_en: str = ""
    help: str = ""
    extra: str | None = None  # the pip extra that brings its heavy dependency, if any
    status: Callable[..., Any] | None = None  # (settings) -> how usable it is here and how to enable it
    size: str | None = None  # an LLM backend's declared size ("small" / "large"; DUIDING_LLM_SIZE overrides)


_entries: dict[Kind, dict[str, Entry]] = {kind: {} for kind in PROVIDER_PACKAGES}
_loaded: set[Kind] = set()


def register(kind: Kind, name: str, factory: Callable[..., Any], *, label_nl: str = "", label_en: str = "",
             help: str = "", extra: str | None = None, status: Callable[..., Any] | None = None,
             size: str | None = None) -> Entry:
    """Add (or replace) one provider; the last registration of a name wins."""
    entry = Entry(kind, name, factory, label_nl or name, label_en or label_nl or name, help, extra, status, size)
    _entries[kind][name] = entry
    return entry


def unregister(kind: Kind, name: str) -> None:
    _entries[kind].pop(name, None)


def _load(kind: Kind) -> None:
    if kind not in _loaded:
        _loaded.add(kind)
        importlib.import_module(PROVIDER_PACKAGES[kind])


def entries(kind: Kind) -> list[Entry]:
    _load(kind)
    return list(_entries[kind].values())


def names(kind: Kind) -> tuple[str, ...]:
    return tuple(e.name for e in entries(kind))


def get(kind: Kind, name: str) -> Entry:
    """The provider called `name`; an unknown name is an error that lists the known ones."""
    _load(kind)
    found = _entries[kind].get(name)
    if found is None:
        raise BadInputError(key="registry.unknown", what=WHAT[kind], name=name, allowed=", ".join(names(kind)))
    return found


def check(kind: Kind) -> Callable[[str], str]:
    """A validator for settings and request fields: the value must be a registered name."""

    def validate(value: str) -> str:
        try:
            get(kind, value)
        except BadInputError as exc:
            raise ValueError(str(exc)) from exc  # pydantic turns a ValueError into a validation error
        return value

    return validate


def name_type(kind: Kind) -> Any:
    """A pydantic field type for one kind: a str that must be registered, shown as an enum in OpenAPI."""
    return Annotated[str, AfterValidator(check(kind)), WithJsonSchema({"type": "string", "enum": list(names(kind))})]


# Field types for settings and request models (the API adds the enum to its schema with name_type).
AudienceName = Annotated[str, AfterValidator(check("audience"))]
LLMName = Annotated[str, AfterValidator(check("llm"))]
