"""Deterministic replies for questions that cannot get figures: ask back, unknown area, no area."""

from __future__ import annotations

from collections.abc import Callable

from assistant.compose.composer import Parts
from assistant.core.words import word_list
from assistant.schemas import Answer
from assistant.understand.needs import need_catalogue
from assistant.understand.question import Understanding
from retrieval.tables.areas import AreaRef, area_index
from retrieval.tables.catalogue import Catalogue


def clarify_parts(u: Understanding, answer: Answer, refs: list[AreaRef] | None = None) -> Parts:
    nl = u.language == "nl"
    answer.clarify = [{"code": a.code, "name": a.name, "level": a.level, "parent": a.parent_code or ""}
                      for a in u.clarify]
    label = _labeller(refs or [])
    options = _or_list([label(a, always=True, level=True) for a in u.clarify], nl)
    if u.clarify_loose:
        ask = (f"Bedoel je {options}? Een gebied met die hele naam ken ik niet." if nl
               else f"Do you mean {options}? I know no area with that whole name.")
    else:
        ask = f"Welk gebied bedoel je: {options}?" if nl else f"Which area do you mean: {options}?"
    answer.follow_ups = [f"{u.question} ({a.code})" for a in u.clarify][:3]
    return Parts(language=u.language, audience=answer.audience, notices=[ask])


def ask_gemeente_parts(u: Understanding, answer: Answer, gemeenten: list[AreaRef]) -> Parts:
    """A question over many areas with several gemeenten loaded and none named: ask which one."""
    answer.clarify = [{"code": g.code, "name": g.name, "level": g.level, "parent": g.parent_code or ""}
                      for g in gemeenten]
    answer.follow_ups = [f"{u.question.rstrip('?')} in {g.name}?" for g in gemeenten][:3]
    return Parts(language=u.language, audience=answer.audience, notices=list(u.notices))


def no_area_parts(u: Understanding, refs: list[AreaRef], loaded: set[str], catalogue: Catalogue) -> Parts:
    nl = u.language == "nl"
    notices = []
    if u.unknown_area:
        notices.append(unknown_area_text(u, refs))
    elif not refs:
        notices.append("Er zijn nog geen cijfers geladen. Start met `duiding demo`." if nl
                       else "No figures are loaded yet. Start with `duiding demo`.")
    else:
        cities = _or_list([r.name for r in refs if r.level == "gemeente"][:6], nl, conj=("en", "and"))
        notices.append(f"Over welke wijk of buurt gaat je vraag? Noem de naam. Er zijn cijfers over {cities}." if nl
                       else f"Which district or neighbourhood is your question about? Name it. "
                            f"There are figures about {cities}.")
    for ind in u.missing_indicators:
        d = catalogue.get(ind)
        title = d.title_nl if d else ind
        notices.append(f"Het cijfer '{title}' zit niet in de geladen tabellen." if nl
                       else f"The figure '{d.title_en if d else ind}' is not in the loaded tables.")
    return Parts(language=u.language, audience="jongerenwerker", notices=notices)


def unknown_area_text(u: Understanding, refs: list[AreaRef]) -> str:
    """'Ik ken 'X' niet in de geladen cijfers. Bedoel je: A, B of C?' — the nearest real names, in the gemeente
    the question names (or in all loaded ones), never the parent area's figures."""
    nl = u.language == "nl"
    index = area_index(refs)
    named = {index.gemeente[a.code] for a in u.areas if a.code in index.gemeente and a.level == "gemeente"}
    near = index.nearest(u.unknown_area or "", named or None)
    label = _labeller(refs)
    text = (f"Ik ken '{u.unknown_area}' niet in de geladen cijfers." if nl
            else f"I don't know '{u.unknown_area}' in the loaded figures.")
    if near:
        options = _or_list([label(a) for a in near], nl)
        return text + (f" Bedoel je: {options}?" if nl else f" Did you mean: {options}?")
    return text + (" Kijk met `duiding areas` welke gebieden er zijn." if nl
                   else " See which areas there are with `duiding areas`.")


def _labeller(refs: list[AreaRef]) -> Callable[..., str]:
    """'Noordoost (Utrecht)': the gemeente is named when more than one is loaded (or when asked to)."""
    index = area_index(refs) if refs else None
    several = len({r.code for r in refs if r.level == "gemeente"}) > 1

    def label(a: AreaRef, always: bool = False, level: bool = False) -> str:
        if index is None or a.level in ("gemeente", "land"):
            return a.name
        gm = index.ref_by_code.get(index.gemeente.get(a.code, ""))
        where = [a.level] if level else []
        where += [gm.name] if gm and (several or always) else []
        return f"{a.name} ({', '.join(where)})" if where else a.name

    return label


def _or_list(items: list[str], nl: bool, conj: tuple[str, str] = ("of", "or")) -> str:
    return word_list(items, conj[0] if nl else conj[1])


def title_for(u: Understanding, catalogue: Catalogue) -> str:
    """'Jongeren met jeugdzorg in Moerwijk' — a heading with no numbers in it."""
    nl = u.language == "nl"
    if u.kind == "profile" and u.areas:
        return f"Zo staat {u.areas[0].name} ervoor" if nl else f"How {u.areas[0].name} is doing"
    if u.kind == "need" and u.need:
        need = next(n for n in need_catalogue().needs if n.key == u.need)
        return (f"Waar is {need.title_nl} het meest nodig?" if nl else f"Where is {need.title_en} needed most?")
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
