"""Which gemeente(n) a question over many areas is about; never one picked silently.

A gemeente named in the question, else the gemeente of a named area, the picker's area or the
conversation's area; else every loaded gemeente (a short block each, up to MAX_BLOCKS), else ask back.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.understand.model import Understanding
from retrieval.tables.areas import AreaRef

MAX_BLOCKS = 3


@dataclass(frozen=True)
class Scope:
    gemeenten: list[AreaRef]
    how: str  # named, context, single, per_gemeente, ask


def gemeente_of(ref: AreaRef, by_code: dict[str, AreaRef]) -> AreaRef | None:
    seen = 0
    while ref.level != "gemeente" and ref.parent_code in by_code and seen < 6:
        ref, seen = by_code[ref.parent_code], seen + 1  # type: ignore[index]
    return ref if ref.level == "gemeente" else None


def _gemeenten(areas: list[AreaRef], by_code: dict[str, AreaRef]) -> list[AreaRef]:
    found = (gemeente_of(a, by_code) for a in areas)
    return list({g.code: g for g in found if g is not None}.values())


def resolve_scope(u: Understanding, refs: list[AreaRef], context_area: AreaRef | None,
                  prev: Understanding | None) -> Scope:
    by_code = {r.code: r for r in refs}
    named = _gemeenten(u.areas, by_code)
    if named:
        return Scope(named, "named")
    for areas in ([context_area] if context_area else [], prev.areas if prev else []):
        found = _gemeenten(areas, by_code)
        if found:
            return Scope(found[:1], "context")
    loaded = [r for r in refs if r.level == "gemeente"]
    if len(loaded) <= 1:
        return Scope(loaded, "single")
    return Scope(loaded, "per_gemeente") if len(loaded) <= MAX_BLOCKS else Scope(loaded, "ask")


def scope_notice(scope: Scope, language: str) -> str | None:
    names = ", ".join(g.name for g in scope.gemeenten)
    nl = language == "nl"
    if scope.how == "per_gemeente":
        return (f"Je noemde geen gemeente. Er zijn cijfers van meer gemeenten geladen ({names}); hieronder staat "
                "het antwoord per gemeente." if nl else
                f"You named no municipality. Figures for several are loaded ({names}); below is the answer "
                "per municipality.")
    if scope.how == "ask":
        return (f"Over welke gemeente gaat je vraag? Er zijn cijfers geladen van: {names}." if nl else
                f"Which municipality is your question about? Figures are loaded for: {names}.")
    if scope.how == "context":
        return (f"Je noemde geen gemeente; ik gebruik {names}, de gemeente van het gebied waar we het over hadden."
                if nl else f"You named no municipality; I use {names}, the municipality of the area we discussed.")
    return None
