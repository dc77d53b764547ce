"""Leads for questions over many figures or areas: a top list, a profile, a need ranking, a list, no data."""

from __future__ import annotations

from assistant.compose.composer import Parts
from assistant.compose.figures import figure, number, standing
from assistant.compose.lead import Lead, cite, compare_lead, main_figures, trend_lead, value_lead
from assistant.compose.lead_words import in_words
from assistant.core.words import word_list
from assistant.facts.words import level_word, title
from assistant.schemas import Fact
from assistant.understand.needs import need_catalogue


def joined(names: list[str], lang: str) -> str:
    return word_list(names, "en" if lang == "nl" else "and")


def _name(p: Parts, code: str) -> str:
    return p.places[code].name if code in p.places else code


def top_lead(p: Parts) -> Lead:
    """'Weverskwartier heeft het hoogste cijfer van de 20 wijken in Duinhaven: ongeveer 18 van de 100 …'"""
    top = next((f for f in p.facts if f.kind == "top" and (not p.indicators or f.indicator == p.indicators[0])), None)
    if top is None or top.source is None:
        return value_lead(p)
    nl = p.language == "nl"
    codes = list(dict.fromkeys(s.area_code for s in [top.source, *top.extra_sources]))
    level = p.places[codes[0]].level if codes[0] in p.places else "wijk"
    side = ("hoogste" if nl else "highest") if "lowest" not in top.text_en else ("laagste" if nl else "lowest")
    of, scope = int(number(top, "of") or 0), _name(p, top.area_code or "")
    words = in_words(top, p.defs.get(top.indicator or ""), p.language)
    peers = f"{of} {level_word(level, p.language)}" if of else level_word(level, p.language)
    if len(codes) == 1:
        first = (f"{_name(p, codes[0])} heeft het {side} cijfer van de {peers} in {scope}: {words}." if nl else
                 f"{_name(p, codes[0])} has the {side} figure of the {peers} in {scope}: {words}.")
    else:
        names = joined([_name(p, c) for c in codes], p.language)
        first = (f"De {level_word(level, p.language)} met het {side} cijfer van de {peers} in {scope}: {names}. "
                 f"Bovenaan staat {_name(p, codes[0])}: {words}." if nl else
                 f"The {level_word(level, p.language)} with the {side} figure of the {peers} in {scope}: {names}. "
                 f"{_name(p, codes[0])} comes first: {words}.")
    whole = next((f for f in p.facts if f.kind in ("value", "share") and f.area_code == top.area_code
                  and f.indicator == top.indicator), None)
    second = ""
    if whole is not None:
        said = in_words(whole, p.defs.get(whole.indicator or ""), p.language)
        second = (f"In heel {scope} is dat {said}" if nl else f"In {scope} as a whole it is {said}") + f"{cite(whole)}."
    return Lead([f"{first[:-1]}{cite(top)}.", second])


def profile_lead(p: Parts) -> Lead:
    """What stands out: the figures in the highest and lowest quarter of the peers, in words, no new numbers."""
    if not p.areas:
        return Lead()
    area, nl = p.areas[0], p.language == "nl"
    figs = [figure(p.facts, area, ind) for ind in p.indicators]
    figs = [f for f in figs if f.spread is not None]
    place = p.places.get(area)
    peers = level_word(place.level if place else "wijk", p.language)
    scope = f" in {place.scope}" if place and place.scope else ""
    out = []
    for quarter, word_nl, word_en in (("high", "hoogste", "highest"), ("low", "laagste", "lowest")):
        hits = [f for f in figs if (s := standing(f)) is not None and s.quarter == quarter][:3]
        if not hits:
            continue
        names = joined([_title(p, f.indicator) for f in hits], p.language)
        verb = ("hoort" if len(hits) == 1 else "horen") if nl else ("is" if len(hits) == 1 else "are")
        out.append((f"{names[:1].upper()}{names[1:]} {verb} bij het {word_nl} kwart van de {peers}{scope}" if nl
                    else f"{names[:1].upper()}{names[1:]} {verb} in the {word_en} quarter of the {peers}{scope}")
                   + f"{cite(*[f.spread for f in hits])}.")
    if not out and figs:
        out.append((f"In {_name(p, area)} ligt geen van deze cijfers buiten de middengroep van de {peers}{scope}"
                    if nl else f"In {_name(p, area)} none of these figures lies outside the middle group of the "
                    f"{peers}{scope}") + f"{cite(*[f.spread for f in figs[:3]])}.")
    elif out:
        out[0] = (f"Wat opvalt in {_name(p, area)}: " if nl else f"What stands out in {_name(p, area)}: ") + \
            out[0][:1].lower() + out[0][1:]
    return Lead(out, figs)


def _title(p: Parts, indicator: str) -> str:
    d = p.defs.get(indicator)
    return title(d, p.language, lower=True) if d else p.labels.get(indicator, indicator)


def need_lead(p: Parts) -> Lead:
    """'Voor de ouderenconsulent komen in Duinhaven eerst deze wijken in beeld: A, B en C.'"""
    listed = [f for f in p.facts if f.kind == "list" and f.value is not None]
    if not listed:
        return Lead()
    nl = p.language == "nl"
    need = next((n for n in need_catalogue().needs if n.key == p.need), None)
    what = (need.title_nl if nl else need.title_en) if need else ""
    first = listed[0]
    scope = p.places[first.area_code].scope if first.area_code in p.places else ""
    level = p.places[first.area_code].level if first.area_code in p.places else "wijk"
    names = joined([_name(p, f.area_code or "") for f in listed[:3]], p.language)
    peers, where = level_word(level, p.language), f" in {scope}" if scope else ""
    head = (f"Voor {what} komen{where} eerst deze {peers} in beeld: {names}." if nl else
            f"For {what}, these {peers}{where} come first: {names}.")
    tail = ("Daar zijn deze cijfers samen het hoogst; dat zegt nog niet waar hulp het beste werkt." if nl else
            "There these figures are highest together; that does not yet say where help works best.")
    return Lead([f"{head[:-1]}{cite(*listed[:3])}.", tail])


def no_data_lead(p: Parts) -> Lead:
    gone = [f for f in p.facts if f.kind == "no_data"]
    return Lead([fact_sentence(gone[0], p.language)]) if gone else Lead()


def fact_sentence(f: Fact, lang: str) -> str:
    text = (f.text_en if lang == "en" and f.text_en else f.text).rstrip()
    return f"{text[:-1]}{cite(f)}." if text.endswith(".") else f"{text}{cite(f)}"


def list_lead(p: Parts) -> Lead:
    listed = [f for f in p.facts if f.kind in ("list", "no_data")]
    return Lead([fact_sentence(listed[0], p.language)]) if listed else Lead()


def build_lead(p: Parts, with_exact: bool = False) -> Lead:
    """The lead for the question's kind; empty when the facts hold nothing to lead with."""
    if p.focus == "top":
        return top_lead(p)
    if p.focus == "profile":
        return profile_lead(p)
    if p.focus == "need":
        return need_lead(p)
    if p.focus == "filter":
        return list_lead(p)
    if p.focus == "compare":
        return compare_lead(p, with_exact)
    if p.focus == "trend":
        return trend_lead(p, with_exact)
    if not main_figures(p):
        return no_data_lead(p)
    return value_lead(p, with_exact)
