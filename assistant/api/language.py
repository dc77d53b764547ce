"""The language of a request's messages: `?lang=en|nl`, else Accept-Language, else Dutch."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.types import Scope

from assistant.core.messages import Lang, as_lang


def scope_lang(scope: Scope) -> Lang:
    """`?lang=` wins (a link can fix it); then the first language in Accept-Language we speak; else Dutch."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("lang"):
        return as_lang(query["lang"][0])
    for name, value in scope.get("headers") or []:
        if name == b"accept-language":
            for part in value.decode("latin-1").split(","):
                tag = part.split(";")[0].strip().lower()
                if tag.startswith(("nl", "en")):
                    return as_lang(tag)
    return "nl"
