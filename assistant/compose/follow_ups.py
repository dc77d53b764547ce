"""Follow-up questions built from what is loaded: each one can be answered, and none repeats the question.

A trend is offered only when the area has the figure in two or more years; a ranking only when its
gemeente has other areas of its level with the figure; residents' stories only when stories were found.
"""

from __future__ import annotations

import re

from assistant.facts.index import FactIndex
from assistant.facts.trend import subject
from assistant.facts.words import title
from assistant.schemas import Answer
from assistant.understand.model import Understanding
from retrieval.tables.catalogue import Catalogue

LEVEL_PLURAL = {"wijk": ("wijken", "districts"), "buurt": ("buurten", "neighbourhoods"),
                "stadsdeel": ("stadsdelen", "city districts")}


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    return norm(a) == norm(b)


def follow_ups(u: Understanding, answer: Answer, index: FactIndex, catalogue: Catalogue, limit: int = 3) -> list[str]:
    """Answerable next questions for this answer's area, indicator and kind (Dutch or English)."""
    nl = u.language == "nl"
    area = u.named_area or (u.areas[0] if u.areas else None)
    d = catalogue.get(u.indicators[0]) if u.indicators else None
    out: list[str] = []
    if area is not None and d is not None:
        what = title(d, "nl" if nl else "en", lower=True)
        years = sorted({r.year for r in index.rows(area.code, d.id) if r.value is not None})
        if u.kind != "trend" and len(years) >= 2:
            said = subject(d, "nl" if nl else "en")
            said = said[0].lower() + said[1:]
            out.append(f"Hoe is {said} in {area.name} veranderd sinds {years[0]}?" if nl
                       else f"How has {said} in {area.name} changed since {years[0]}?")
        info = index.area(area.code)
        scope = index.area(info.scope) if info and info.scope else None
        if u.kind != "top" and info and scope and info.level in LEVEL_PLURAL and years:
            peers = index.peers(d.id, years[-1], next(iter(index.sources_for(d.id, years[-1])), ""), info.level,
                                scope.code)
            if int((~peers.suppressed).sum()) >= 3:
                plural = LEVEL_PLURAL[info.level][0 if nl else 1]
                out.append(f"Welke {plural} in {scope.name} staan het hoogst bij {what}?" if nl
                           else f"Which {plural} in {scope.name} rank highest on {what}?")
        if u.kind == "top" and u.named_area is not None:
            out.append(f"Hoe verhoudt {area.name} zich tot de gemeente bij {what}?" if nl
                       else f"How does {area.name} compare with the gemeente on {what}?")
    if area is not None and answer.stories and not u.wants_stories:
        out.append(f"Wat vertellen bewoners van {area.name}?" if nl else f"What do residents of {area.name} say?")
    return [q for q in dict.fromkeys(out) if not _same(q, u.question)][:limit]
