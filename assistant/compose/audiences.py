"""The audiences: each one's register of the deterministic answer, registered with its UI labels.

All three open with the lead (assistant/compose/lead.py): the first sentences answer the question in words.
- jongerenwerker: the lead, one 'wat kun je ermee' line, then the figures in one compact block, a term, a story;
- beleid: claim (the lead, from rank and quartile facts) -> evidence -> voices -> caveats -> next step;
- trainer: the lead, the reading steps, the common misreading for this kind of figure and a check question.
A new audience is one function here with its `register` call, and its prompt file prompts/<name>.md.
"""

from __future__ import annotations

from assistant.compose.block import TITLE, block_lines
from assistant.compose.composer import (
    HEAD,
    Parts,
    bullets,
    caveat_section,
    core_facts,
    fact_line,
    meaning,
    section,
    term_line,
    voices,
)
from assistant.compose.ermee import ermee_sentence
from assistant.compose.figures import comparison_with, telling_comparison
from assistant.compose.kinds import KIND_FOCUS, kind_blocks
from assistant.compose.lead import Lead
from assistant.compose.lead_many import build_lead
from assistant.compose.reading import misreading, reading_steps
from assistant.core.registry import register

NEXT_STEPS = {  # (always, when no stories were found)
    "nl": ("Vraag de wijkteams of zij dit beeld herkennen.",
           "Verzamel verhalen van bewoners over dit thema, zodat je ziet wat achter het cijfer zit."),
    "en": ("Ask the area teams whether they recognise this picture.",
           "Collect residents' stories on this theme to see what lies behind the number."),
}


def next_steps(p: Parts) -> list[str]:
    """The answerable follow-up questions (built from what is loaded), then what to do outside Duiding."""
    team, stories = NEXT_STEPS[p.language]
    return [*p.follow_ups[:2], team, *([] if p.stories else [stories])]


def details(p: Parts, lead: Lead, relative: bool = False) -> list[str]:
    """The supporting figures in one compact block (or the kind's own sections for many areas)."""
    if p.focus in KIND_FOCUS:
        return kind_blocks(p)
    lines = block_lines(lead.figures, p, relative) if lead.figures else [
        fact_line(f, p.language) for f in core_facts(p)[:6]]
    return [section(TITLE[p.language], bullets(lines))]


def ermee(p: Parts, lead: Lead) -> str:
    """One 'wat kun je ermee' line for the theme of the first figure asked about, in the area it is about."""
    indicator = next(iter(p.indicators), None)
    d = p.defs.get(indicator or "")
    area = lead.figures[0].area if lead.figures else next(iter(p.areas), None)
    if area is None:
        area = next((f.source.area_code for f in p.facts if f.kind in ("top", "list") and f.source), None)
    place = p.places.get(area or "")
    if d is None or place is None or not (lead.figures or p.focus in ("top", "need", "profile")):
        return ""
    return ermee_sentence(d.theme, place.name, p.language, seed=f"{place.code}|{d.id}")


def _terms(p: Parts, n: int) -> list[str]:
    h = HEAD[p.language]
    return [section(f"{h['meaning']} {g.term}", meaning(g, p)) for g in p.glossary[:n]]


def _jongerenwerker(p: Parts) -> list[str]:
    lead = build_lead(p)
    p.lead = lead.text
    opening = " ".join([lead.text, ermee(p, lead)]).strip()
    blocks = [opening, *details(p, lead)]
    if p.focus not in KIND_FOCUS:
        blocks += [*_terms(p, 2), section(HEAD[p.language]["voices"], bullets(voices(p, 1)))]
    elif p.glossary:
        blocks.append(section(HEAD[p.language]["terms"], bullets([term_line(x, p) for x in p.glossary[:2]])))
    return blocks


def _beleid(p: Parts) -> list[str]:
    h = HEAD[p.language]
    lead = build_lead(p, with_exact=True)
    p.lead = lead.text
    blocks = [section(h["claim"], lead.text or h["none"])]
    if p.focus in KIND_FOCUS:
        blocks += kind_blocks(p)
    else:
        lines = block_lines(lead.figures, p, relative=True) if lead.figures else [
            fact_line(f, p.language) for f in core_facts(p)]  # a top list's every place, with its figure
        blocks.append(section(h["evidence"], bullets(lines)))
    if p.glossary:  # the terms belong to the evidence: what the figures mean
        blocks.append(section(h["terms"], bullets([term_line(g, p) for g in p.glossary[:3]])))
    if p.focus not in KIND_FOCUS:
        blocks.append(section(h["voices"], bullets(voices(p, 3, 240))))
    blocks += [caveat_section(p), section(h["next"], bullets(next_steps(p)))]
    return blocks


def _trainer(p: Parts) -> list[str]:
    h = HEAD[p.language]
    lead = build_lead(p, with_exact=True)
    p.lead = lead.text
    blocks = [lead.text]
    if p.focus in KIND_FOCUS:
        blocks += kind_blocks(p)
    else:
        ref = telling_comparison(lead.figures[0], p.places) if lead.figures else None
        if p.focus == "compare" and len(lead.figures) > 1:  # area against area: that comparison is the step
            ref = comparison_with(lead.figures[0], lead.figures[1].area) or ref
        blocks.append(section(reading_title(p), bullets(reading_steps(p, lead, ref)) or h["none"]))
    mistake = misreading(p)
    if mistake is not None:
        blocks += [section(h["mistake"], mistake[0]), section(h["check"], mistake[1])]
    if p.glossary:
        blocks.append(section(h["terms"], bullets([term_line(x, p) for x in p.glossary[:2]])))
    if p.focus not in KIND_FOCUS:
        blocks.append(section(h["voices"], bullets(voices(p, 1))))
    return blocks


def reading_title(p: Parts) -> str:
    return "Zo lees je dit cijfer" if p.language == "nl" else "How to read this figure"


register("audience", "jongerenwerker", _jongerenwerker, label_nl="Jongerenwerker", label_en="Youth worker",
         help="what a number means, whether it is a lot, compared with what")
register("audience", "beleid", _beleid, label_nl="Beleidsmedewerker", label_en="Policy officer",
         help="claim, evidence, voices, caveats, next step")
register("audience", "trainer", _trainer, label_nl="Trainer", label_en="Trainer",
         help="step-by-step reading, the common mistake, a check question")
