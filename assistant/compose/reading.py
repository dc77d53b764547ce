"""The trainer's register: the reading steps of one figure, and the common misreading of this kind of figure.

The misreading and the check question are the glossary's own 'mistake' and 'ask_yourself' fields, taken
from the term that fits the figure: procentpunt for percentages compared, rangorde for a top list, ...
"""

from __future__ import annotations

from assistant.compose.block import reference_line, relative_lines
from assistant.compose.composer import Parts, core_facts, fact_line
from assistant.compose.lead import Lead
from assistant.facts.words import level_word
from assistant.schemas import Fact
from retrieval.models import GlossaryEntry

STEPS = {
    "nl": ("Wat wordt er geteld", "Waarmee vergelijk je", "Waar staat {area} tussen de andere {peers}",
           "Hoe verandert het"),
    "en": ("What is counted", "What do you compare with", "Where does {area} stand among the other {peers}",
           "How does it change"),
}
FOCUS_TERMS = {
    "trend": ("trend versus schommeling", "procentpunt"),
    "top": ("rangorde", "kwartiel"),
    "profile": ("kwartiel", "spreiding"),
    "need": ("rangorde", "correlatie versus oorzaak"),
}
UNIT_TERMS = {"percent": ("procentpunt", "relatief versus absoluut verschil", "percentage"),
              "per_1000": ("per 1.000 inwoners",), "count": ("noemer", "rangorde")}


def reading_steps(p: Parts, lead: Lead, reference: Fact | None) -> list[str]:
    """Step by step: what is counted, the comparison, the place among peers, the change; each with its fact."""
    word = "Stap" if p.language == "nl" else "Step"
    if not lead.figures:
        return [f"{word} {i}: {fact_line(f, p.language)}" for i, f in enumerate(core_facts(p)[:5], start=1)]
    fig = lead.figures[0]
    place = p.places.get(fig.area)
    labels = [s.format(area=place.name if place else fig.area, peers=level_word(place.level if place else "wijk",
                                                                              p.language)) for s in STEPS[p.language]]
    found: list[list[Fact]] = [[f for f in (fig.value,) if f], [f for f in (reference,) if f],
                               [f for f in (fig.rank, fig.spread) if f], [f for f in (fig.trend,) if f]]
    steps, n = [], 0
    for i, (title, facts) in enumerate(zip(labels, found, strict=True)):
        if facts:
            n += 1
            said = compared_step(p, lead, facts[0]) if i == 1 else " ".join(fact_line(f, p.language) for f in facts)
            steps.append(f"{word} {n}: {title}? {said}")
    return steps


def compared_step(p: Parts, lead: Lead, ref: Fact) -> str:
    """The comparison in procentpunt, and the relative difference in a sentence of its own."""
    line = reference_line(ref, p)
    relative = [r for r in relative_lines(lead.figures[0], p) if f"[{ref.id}]" in r]
    return f"{line}." + (f" {relative[0]}." if relative else "")


def misreading(p: Parts) -> tuple[str, str] | None:
    """(the common mistake, the check question) of the term that fits this figure, in the answer's language."""
    unit = next((f.unit for f in core_facts(p) if f.unit), None) or ""
    wanted = [*FOCUS_TERMS.get(p.focus, ()), *UNIT_TERMS.get(unit, ())]
    fresh = [g for g in p.glossary if g.term not in p.seen_terms]
    pick = next((g for t in wanted for g in fresh if g.term == t), None) or next(iter(fresh), None)
    if pick is None:
        return None
    return _texts(pick, p.language)


def _texts(g: GlossaryEntry, lang: str) -> tuple[str, str] | None:
    if lang == "nl":
        return g.mistake, g.ask_yourself
    if g.mistake_en and g.ask_yourself_en:
        return g.mistake_en, g.ask_yourself_en
    return None
