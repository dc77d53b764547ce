"""Deterministic replies for questions that cannot get figures: ask back, unknown area, no area."""

from __future__ import annotations

import difflib

from assistant.compose.composer import Parts
from assistant.schemas import Answer
from assistant.understand.question import Understanding
from retrieval.tables.areas import AreaRef, normalize
from retrieval.tables.catalogue import Catalogue


def clarify_parts(u: Understanding, answer: Answer) -> Parts:
    nl = u.language == "nl"
    answer.clarify = [{"code": a.code, "name": a.name, "level": a.level, "parent": a.parent_code or ""}
                      for a in u.clarify]
    options = "; ".join(f"{a.name} ({a.level}, {a.code}, in {a.parent_code})" for a in u.clarify)
    ask = f"Welk gebied bedoel je? {options}" if nl else f"Which area do you mean? {options}"
    answer.follow_ups = [f"{u.question} ({a.code})" for a in u.clarify][:3]
    return Parts(language=u.language, audience=answer.audience, notices=[ask])


def no_area_parts(u: Understanding, refs: list[AreaRef], loaded: set[str], catalogue: Catalogue) -> Parts:
    nl = u.language == "nl"
    notices = []
    if u.unknown_area:
        names = {normalize(r.name): r.name for r in refs}
        close = difflib.get_close_matches(normalize(u.unknown_area), list(names), n=3, cutoff=0.6)
        hint = ", ".join(names[c] for c in close)
        notices.append(
            (f"Ik ken geen gebied met de naam '{u.unknown_area}' in de geladen cijfers."
             if nl else f"I know no area called '{u.unknown_area}' in the loaded figures.")
            + ((f" Bedoel je: {hint}?" if nl else f" Did you mean: {hint}?") if hint else "")
        )
    elif not refs:
        notices.append("Er zijn nog geen cijfers geladen. Start met `duiding demo`." if nl
                       else "No figures are loaded yet. Start with `duiding demo`.")
    else:
        notices.append("Over welke wijk of buurt gaat je vraag? Noem de naam, bijvoorbeeld "
                       f"'{refs[min(3, len(refs) - 1)].name}'." if nl else
                       "Which district or neighbourhood is your question about? Name it, for example "
                       f"'{refs[min(3, len(refs) - 1)].name}'.")
    for ind in u.missing_indicators:
        d = catalogue.get(ind)
        title = d.title_nl if d else ind
        notices.append(f"Het cijfer '{title}' zit niet in de geladen tabellen." if nl
                       else f"The figure '{d.title_en if d else ind}' is not in the loaded tables.")
    return Parts(language=u.language, audience="jongerenwerker", notices=notices)


def title_for(u: Understanding, catalogue: Catalogue) -> str:
    """'Jongeren met jeugdzorg in Moerwijk' — a heading with no numbers in it."""
    if not u.indicators:
        return ""
    d = catalogue.get(u.indicators[0])
    title = (d.title_nl if u.language == "nl" else d.title_en) if d else u.indicators[0]
    where = " en ".join(a.name for a in u.areas[:2])
    return f"{title} in {where}" if where else title


def no_indicator_parts(u: Understanding, loaded: set[str], catalogue: Catalogue) -> Parts:
    """An area without a topic: say so, and name what there are figures about."""
    nl = u.language == "nl"
    themes: dict[str, list[str]] = {}
    for d in catalogue:
        if d.id in loaded and d.unit in ("percent", "per_1000", "count", "euro_x1000"):
            themes.setdefault(d.theme, []).append(d.title_nl.lower() if nl else d.title_en.lower())
    examples = "; ".join(f"{titles[0]}" for _, titles in sorted(themes.items())[:8])
    where = u.areas[0].name if u.areas else ""
    text = (f"Ik weet niet over welk cijfer in {where} je vraag gaat. Er zijn cijfers over bijvoorbeeld: "
            f"{examples}." if nl else
            f"I could not tell which figure for {where} you mean. There are figures on, for example: {examples}.")
    return Parts(language=u.language, audience="jongerenwerker", notices=[text])
