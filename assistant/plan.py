"""From an Understanding to what the facts step gets: the store view, the area codes, the request, the scope."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.facts.build import FactRequest
from assistant.understand.question import Understanding
from assistant.understand.scope import Scope, resolve_scope, scope_notice
from retrieval.tables.areas import AreaRef, area_table, candidates
from retrieval.tables.store import StoreData


@dataclass(frozen=True)
class StoreView:
    """What understanding needs of a snapshot; computed once per snapshot, not per question."""

    refs: list[AreaRef]
    by_code: dict[str, AreaRef]
    loaded: set[str]
    units: dict[str, tuple[str, str | None]]


def store_view(data: StoreData) -> StoreView:
    def build() -> StoreView:
        refs = area_table(data.areas, data.alias_file)
        loaded = set(data.values["indicator"].unique()) if not data.is_empty else set()
        units = {d.id: (d.unit, d.denominator) for d in data.catalogue}
        return StoreView(refs, {r.code: r for r in refs}, loaded, units)

    # an edited alias file counts from the next question on
    alias = data.alias_file
    version = alias.stat().st_mtime if alias is not None and alias.is_file() else 0
    return data.cached(f"store_view:{version}", build)


def context_area(refs: list[AreaRef], area: str | None) -> AreaRef | None:
    if not area:
        return None
    found = candidates(refs, area)
    return found[0] if found else None


def plan_scope(u: Understanding, refs: list[AreaRef], context: AreaRef | None,
               prev: Understanding | None) -> Scope | None:
    """The gemeente(n) of a question over many areas; said in the answer when not named."""
    many = u.kind in ("need", "filter") or (u.kind == "top" and not u.areas and u.top and u.top[0] != "gemeente")
    if not many and not (u.kind == "related" and not u.areas):
        return None
    scope = resolve_scope(u, refs, context, prev)
    note = scope_notice(scope, u.language)
    if note:
        u.notices.insert(0, note)
    if u.kind == "related" and scope.how != "ask":
        u.areas = scope.gemeenten
    return scope


def fact_request(u: Understanding, refs: list[AreaRef], scope: Scope | None = None) -> FactRequest:
    codes = [a.code for a in u.areas]
    if u.kind == "top" and not codes:
        codes = [g.code for g in scope.gemeenten] if scope else [r.code for r in refs if r.level == "gemeente"][:1]
    years = sorted({*u.years, *([u.since] if u.since else [])}) or None
    named = years
    if u.kind == "trend":
        years = None  # the trend runs first -> last year available; the value shown is the latest
    return FactRequest(areas=codes, indicators=u.indicators, years=years, top=u.top, share=u.share,
                       trend=u.kind in ("trend", "profile") or bool(u.since), trend_years=named)
