"""An LLM parser bound to the catalogue, for the questions the rules leave open.

Used only when the rules found no indicator, no area, or only an unknown name. The LLM sees the question and a
short list of candidates (the rules' fuzzy area matches and the semantic indicator links) and answers in a
JSON shape that the backend enforces with a grammar (`complete_json`). Its answer is validated against the
catalogue (existing area codes among the candidates, loaded indicator ids, loaded years) before it fills the
gaps in the rules' reading; then the normal facts path answers. Any failure leaves the rules' reading as is.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from assistant.llm.prompting import USER_MARKER, load_prompt, render
from assistant.understand.parser_candidates import area_candidates, indicator_candidates, phrases
from assistant.understand.question import Understanding
from retrieval.tables.areas import AreaRef, normalize

log = logging.getLogger("duiding.parser")
KINDS = ("value", "top", "trend", "unknown")
SETTLED = ("term", "story", "profile", "need", "filter", "related")
Link = Callable[[str], list[tuple[str, float]]]


def needs_parser(u: Understanding) -> bool:
    """The rules left the question open: no indicator, no area, or only a name they do not know.

    Kinds that settle a question without an area or an indicator (a term, stories, a profile, a need
    ranking, a filter, related figures) are left alone, and so is a question the rules ask back about.
    """
    if u.clarify or u.kind in SETTLED:
        return False
    no_area = not u.areas and u.kind != "top"
    no_indicator = not u.indicators and not u.wants_stories
    return bool(u.unknown_area) or no_area or no_indicator


def schema(areas: Sequence[str], indicators: Sequence[str], years: Sequence[int]) -> dict[str, Any]:
    """The JSON shape, with the candidates as enums so a grammar cannot produce anything else."""
    def codes(values: Sequence[str]) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "enum": list(values)}} if values else {
            "type": "array", "maxItems": 0}

    year: dict[str, Any] = {"anyOf": [{"type": "integer", "enum": list(years)}, {"type": "null"}]} if years else {
        "type": "null"}
    return {"type": "object", "additionalProperties": False,
            "required": ["areas", "indicators", "kind", "highest", "year"],
            "properties": {"areas": codes(areas), "indicators": codes(indicators),
                           "kind": {"type": "string", "enum": list(KINDS)}, "highest": {"type": "boolean"},
                           "year": year}}


def messages(question: str, areas: list[AreaRef], indicators: list[tuple[str, str]], years: list[int]
             ) -> list[dict[str, str]]:
    system, _, user = load_prompt("parser").partition(USER_MARKER)
    values = {"question": question[:500],
              "areas": "\n".join(f"{a.code}: {a.name} ({a.level})" for a in areas) or "(geen)",
              "indicators": "\n".join(f"{i}: {title}" for i, title in indicators) or "(geen)",
              "years": ", ".join(map(str, years)) or "(geen)"}
    return [{"role": "system", "content": system.strip()},
            {"role": "user", "content": render(user.strip(), values, "parser")}]


def read_reply(reply: dict[str, Any], areas: list[AreaRef], indicators: Sequence[str], years: Sequence[int]
               ) -> tuple[list[AreaRef], list[str], str, bool, int | None]:
    """The reply checked against the catalogue: unknown codes, ids and years are dropped, never trusted."""
    by_code = {a.code: a for a in areas}
    raw_areas = reply.get("areas") if isinstance(reply.get("areas"), list) else []
    raw_inds = reply.get("indicators") if isinstance(reply.get("indicators"), list) else []
    got_areas = [by_code[c] for c in dict.fromkeys(map(str, raw_areas or [])) if c in by_code]
    got_inds = [i for i in dict.fromkeys(map(str, raw_inds or [])) if i in indicators][:3]
    kind = reply.get("kind") if reply.get("kind") in KINDS else "unknown"
    year = reply.get("year")
    year = year if isinstance(year, int) and not isinstance(year, bool) and year in years else None
    rejected = len(raw_areas or []) - len(got_areas) + len(raw_inds or []) - len(got_inds)
    if rejected:
        log.info("parser: %d id(s) not in the catalogue dropped", rejected)
    return got_areas, got_inds, str(kind), reply.get("highest") is not False, year


def resolve_open(llm: Any, u: Understanding, refs: list[AreaRef], loaded: set[str], titles: dict[str, str],
                 years: list[int], link: Link | None = None) -> tuple[Understanding, bool]:
    """(the reading with the LLM's validated answer filling the gaps, whether the LLM added anything)."""
    if llm is None or not hasattr(llm, "complete_json") or not needs_parser(u):
        return u, False
    areas = area_candidates(u.question, u, refs)
    inds = indicator_candidates(u.question, u, loaded, link, titles)
    if not areas and not inds:
        return u, False
    try:
        reply = llm.complete_json(messages(u.question, areas, [(i, titles.get(i, i)) for i in inds], years),
                                  schema([a.code for a in areas], inds, years))
    except Exception as exc:  # noqa: BLE001 - any backend failure: the rules' reading stands
        log.info("parser unavailable: %s", type(exc).__name__)
        return u, False
    got_areas, got_inds, kind, highest, year = read_reply(reply, areas, inds, years)
    return _fill(u, got_areas, got_inds, kind, highest, year)


def _fill(u: Understanding, areas: list[AreaRef], inds: list[str], kind: str, highest: bool, year: int | None
          ) -> tuple[Understanding, bool]:
    new = replace(u, areas=list(u.areas), indicators=list(u.indicators), years=list(u.years),
                  notices=list(u.notices))
    said = u.unknown_area or ""
    # A name the rules did not know is read only as an area that resembles words of the question (a typo,
    # a part of the name), never as some other area the LLM liked.
    spans = [said] if said else phrases(u.question)
    areas = [a for a in areas if any(resembles(p, a.name) for p in spans)]
    said = said or next((p for p in spans if areas and resembles(p, areas[0].name)), "")
    if not new.areas and areas and kind != "top":
        new.areas, new.unknown_area = areas, None
        named = ", ".join(a.name for a in areas)
        new.notices.append(f"Ik lees '{said}' als {named}." if said and u.language == "nl" else
                           f"I read '{said}' as {named}." if said else
                           (f"Ik lees de vraag als een vraag over {named}." if u.language == "nl" else
                            f"I read the question as being about {named}."))
    if not new.indicators and inds:
        new.indicators, new.missing_indicators = inds, []
    if kind == "top" and not new.areas and new.kind not in ("term", "story"):
        new.kind, new.top = "top", new.top or ("wijk", 1, highest)
    elif kind == "trend" and new.kind == "value" and new.areas:
        new.kind = "trend"
    if year and not new.years and str(year) in u.question:  # a year only as the question writes it
        new.years = [year]
    changed = (new.areas, new.indicators, new.kind, new.years) != (u.areas, u.indicators, u.kind, u.years)
    return (new, True) if changed else (u, False)


def resembles(said: str, name: str) -> bool:
    """'Moerwjik' ~ 'Moerwijk'; 'Laak' is the start of a word of 'Laakkwartier en Spoorwijk'."""
    a, b = normalize(said), normalize(name)
    if not a:
        return False
    if difflib.SequenceMatcher(None, a, b).ratio() >= 0.75:
        return True
    return len(a) >= 4 and any(w.startswith(a) or difflib.SequenceMatcher(None, a, w).ratio() >= 0.8
                               for w in b.split())
