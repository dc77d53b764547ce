"""Facts for questions over many areas: need rankings and filters, one gemeente at a time."""

from __future__ import annotations

from assistant.core.settings import Settings
from assistant.facts.build import FactSet
from assistant.facts.filters import filter_facts
from assistant.facts.index import index_for
from assistant.facts.need import need_facts
from assistant.facts.sink import FactSink
from assistant.schemas import Fact
from assistant.understand.model import Understanding
from assistant.understand.needs import need_catalogue
from retrieval.tables.store import StoreData


def many_area_facts(data: StoreData, u: Understanding, scopes: list[str],
                    settings: Settings) -> tuple[FactSet, list[str]]:
    """(facts, the listed area codes in order) for a need ranking or a filter, per gemeente in `scopes`."""
    sink = FactSink(index_for(data), data.catalogue, settings)
    cat = need_catalogue()
    need = next((n for n in cat.needs if n.key == u.need), None)
    listed: list[str] = []
    for code in scopes:
        info = sink.index.area(code)
        if info is None:
            continue
        if u.kind == "need" and need is not None:
            codes, used = need_facts(sink, info, need, cat.max_indicators, u.level)
            listed += codes
            u.indicators = list(dict.fromkeys([*u.indicators, *used]))
        elif u.rule is not None and u.indicators:
            listed += filter_facts(sink, info, u.indicators[0], u.rule, u.level)
    return FactSet(sink.facts, sink.charts, sink.caveats, sink.attribution, sink.no_data), listed


def year_notice(facts: list[Fact], names: dict[str, str], language: str) -> str | None:
    """When areas compared or listed side by side have different years, the lead says so."""
    years: dict[str, set[int]] = {}
    for f in facts:
        if f.kind in ("top", "list", "value", "share") and f.area_code in names and f.year is not None:
            years.setdefault(f.area_code, set()).add(f.year)
    latest = {code: max(ys) for code, ys in years.items()}
    if len(latest) < 2 or len(set(latest.values())) < 2:
        return None
    listed = ", ".join(f"{names[c]}: {y}" for c, y in latest.items())
    if language == "nl":
        return f"De jaren verschillen per gebied ({listed}): elk gebied staat met zijn eigen laatste jaar."
    return f"The years differ per area ({listed}): each area is shown with its own latest year."
