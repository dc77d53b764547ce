"""Composer sections for the kinds over many figures or areas: profile, need ranking, filter, related figures.

Like the rest of the composer it adds no number of its own: every figure is a fact's ready sentence.
"""

from __future__ import annotations

from assistant.compose.block import reference_line
from assistant.compose.composer import HEAD, Parts, bullets, fact_line, section, voices
from assistant.compose.figures import figure, telling_comparison
from assistant.compose.lead_words import exact
from assistant.schemas import Fact
from assistant.understand.needs import need_catalogue

KIND_FOCUS = ("profile", "need", "filter", "related")
WORDS = {
    "nl": {"key": "Kerncijfers", "stands_out": "Wat valt op", "nothing": "Geen van deze cijfers valt buiten de "
           "middengroep van de wijken.", "trend": "Ontwikkeling", "ranking": "Ranglijst", "why": "Waarom deze cijfers",
           "start": "Een startpunt, geen oordeel", "list": "De lijst", "related": "Verwant, niet hetzelfde",
           "start_text": "Deze ranglijst laat zien waar deze cijfers hoog zijn, niet waar hulp het beste werkt. "
           "Bespreek hem met de mensen die de wijken kennen.", "left_out": "Niet meegenomen",
           "stories": "Verhalen uit deze wijken"},
    "en": {"key": "Key figures", "stands_out": "What stands out", "nothing": "None of these figures lies outside the "
           "middle group of the districts.", "trend": "Change over time", "ranking": "Ranking",
           "why": "Why these figures", "start": "A starting point, not a verdict", "list": "The list",
           "related": "Related, not the same", "start_text": "This ranking shows where these figures are high, "
           "not where help works best. Discuss it with the people who know the districts.",
           "left_out": "Left out", "stories": "Stories from these districts"},
}


def kind_blocks(p: Parts) -> list[str]:
    return {"profile": _profile, "need": _need, "filter": _filter, "related": _related}[p.focus](p)


def _lines(facts: list[Fact], lang: str) -> str:
    return bullets([fact_line(f, lang) for f in facts])


def _outside_middle(f: Fact) -> bool:
    quartiles = [n.value for n in f.numbers if n.role == "quartile"]
    if f.value is None or len(quartiles) != 2:
        return False
    return not quartiles[0] <= round(f.value, f.decimals) <= quartiles[1]


def _profile(p: Parts) -> list[str]:
    w, target = WORDS[p.language], p.areas[0] if p.areas else None
    mine = [f for f in p.facts if f.area_code == target]
    lines: list[str] = []
    for ind in p.indicators:
        own = [f for f in mine if f.indicator == ind]
        ref = telling_comparison(figure(p.facts, target or "", ind), p.places)
        pick = ref or next((f for kind in ("share", "value") for f in own if f.kind == kind), None)
        if pick is not None:
            lines.append(_compact(pick, p) if pick is ref else fact_line(pick, p.language))
    odd = [f for f in mine if f.kind == "spread" and _outside_middle(f)]
    trends = [f for f in mine if f.kind == "trend"]
    return [section(p.title or w["key"], bullets(lines) or HEAD[p.language]["none"]),
            section(w["stands_out"], _lines(odd, p.language) or w["nothing"]),
            section(w["trend"], _lines(trends[:5], p.language)),
            section(HEAD[p.language]["voices"], bullets(voices(p, 3, 240)))]


def _compact(f: Fact, p: Parts) -> str:
    """'Jongeren met jeugdzorg (2023): Molenwijk 11,7%; Duinhaven: 10,3%, verschil +1,4 procentpunt [F69]'."""
    name = p.places[f.area_code].name if f.area_code in p.places else f.area_code
    return f"{p.labels.get(f.indicator or '', f.indicator)} ({f.year}): {name} {exact(f, p.language)}; " \
           f"{reference_line(f, p)}"


def _need(p: Parts) -> list[str]:
    w, nl = WORDS[p.language], p.language == "nl"
    need = next((n for n in need_catalogue().needs if n.key == p.need), None)
    listed = [f for f in p.facts if f.kind == "list"]
    blocks = [section(p.title or w["ranking"], _lines(listed, p.language) or HEAD[p.language]["none"])]
    if need is not None:
        used = [i for i in need.indicators if i.id in p.indicators]
        blocks.append(section(w["why"], bullets([f"{p.labels.get(i.id, i.id)}: {i.reason_nl if nl else i.reason_en}"
                                                 for i in used])))
        blocks.append(section(w["start"], f"{w['start_text']} {w['left_out']}: "
                                          f"{need.leaves_out_nl if nl else need.leaves_out_en}."))
    blocks.append(section(w["stories"], bullets(voices(p, 3, 240))))
    return blocks


def _filter(p: Parts) -> list[str]:
    w = WORDS[p.language]
    listed = [f for f in p.facts if f.kind in ("list", "no_data")]
    return [section(p.title or w["list"], _lines(listed, p.language) or HEAD[p.language]["none"]),
            section(HEAD[p.language]["voices"], bullets(voices(p, 1)))]


def _related(p: Parts) -> list[str]:
    w = WORDS[p.language]
    main = [f for f in p.facts if f.kind in ("share", "comparison") or (f.kind == "value" and not any(
        g.kind == "share" and g.indicator == f.indicator and g.area_code == f.area_code for g in p.facts))]
    return [section(w["related"], _lines(main[:8], p.language) or HEAD[p.language]["none"]),
            section(HEAD[p.language]["voices"], bullets(voices(p, 2)))]
