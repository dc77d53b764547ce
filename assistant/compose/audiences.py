"""The audiences: each one's section of the deterministic answer, registered with its UI labels.

A new audience is one function here with its `register` call, and its prompt file prompts/<name>.md.
"""

from __future__ import annotations

from assistant.compose.composer import HEAD, Parts, bullets, core_facts, fact_line, meaning, section, term_line, voices
from assistant.compose.kinds import KIND_FOCUS, kind_blocks
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


def _kind(p: Parts) -> list[str]:
    """Profile, need ranking, filter, related figures: their own sections, then the audience's extras."""
    h = HEAD[p.language]
    blocks = kind_blocks(p)
    if p.audience == "beleid":
        blocks.append(section(h["next"], bullets(next_steps(p))))
    elif p.glossary:
        g = p.glossary[0]
        blocks.append(section(h["terms"], bullets([term_line(x, p) for x in p.glossary[:2]])))
        if p.audience == "trainer":
            blocks += [section(h["mistake"], g.mistake), section(h["check"], g.ask_yourself)]
    return blocks


def _jongerenwerker(p: Parts) -> list[str]:
    h = HEAD[p.language]
    if p.focus in KIND_FOCUS:
        return _kind(p)
    core = core_facts(p)
    main = [f for f in core if f.kind in ("value", "share", "comparison", "top", "trend", "no_data")]
    lot = [f for f in core if f.kind in ("rank", "spread")]
    blocks = [section(p.title or h["facts"], bullets([fact_line(f, p.language) for f in main[:5]]))]
    blocks.append(section(h["lot"], bullets([fact_line(f, p.language) for f in lot[:2]])))
    for g in p.glossary[:2]:
        blocks.append(section(f"{h['meaning']} {g.term}", meaning(g, p)))
    blocks.append(section(h["voices"], bullets(voices(p, 1))))
    return blocks


def _beleid(p: Parts) -> list[str]:
    h = HEAD[p.language]
    if p.focus in KIND_FOCUS:
        return _kind(p)
    core = core_facts(p)
    claim = next((f for f in core if f.kind in ("comparison", "top", "trend", "share", "value")), None)
    blocks = [section(h["claim"], fact_line(claim, p.language) if claim else h["none"])]
    blocks.append(section(h["evidence"], bullets([fact_line(f, p.language) for f in core if f is not claim])))
    blocks.append(section(h["voices"], bullets(voices(p, 3, 240))))
    if p.glossary:
        blocks.append(section(h["terms"], bullets([term_line(g, p) for g in p.glossary[:3]])))
    blocks.append(section(h["next"], bullets(next_steps(p))))
    return blocks


def _trainer(p: Parts) -> list[str]:
    h = HEAD[p.language]
    if p.focus in KIND_FOCUS:
        return _kind(p)
    steps = []
    for i, f in enumerate(core_facts(p)[:5], start=1):
        steps.append(f"{h['step']} {i}: {fact_line(f, p.language)}")
    blocks = [section(p.title or h["facts"], "\n".join(steps) or h["none"])]
    if p.glossary:
        g = p.glossary[0]
        blocks.append(section(h["terms"], bullets([term_line(x, p) for x in p.glossary[:2]])))
        if g.term not in p.seen_terms:  # the misreading and the check question come with the first explanation
            blocks.append(section(h["mistake"], g.mistake))
            blocks.append(section(h["check"], g.ask_yourself))
    blocks.append(section(h["voices"], bullets(voices(p, 1))))
    return blocks


register("audience", "jongerenwerker", _jongerenwerker, label_nl="Jongerenwerker", label_en="Youth worker",
         help="what a number means, whether it is a lot, compared with what")
register("audience", "beleid", _beleid, label_nl="Beleidsmedewerker", label_en="Policy officer",
         help="claim, evidence, voices, caveats, next step")
register("audience", "trainer", _trainer, label_nl="Trainer", label_en="Trainer",
         help="step-by-step reading, the common mistake, a check question")
