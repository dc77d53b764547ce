"""The deterministic answer: facts, glossary and stories, composed in three registers with no LLM.

It adds no number of its own: every figure comes from a fact's ready sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.check.guards import inert_markdown
from assistant.compose.figures import Place
from assistant.core import registry
from assistant.schemas import Fact, StoryExcerpt
from retrieval.models import GlossaryEntry, IndicatorDef

HEAD = {
    "nl": {"facts": "De cijfers", "meaning": "Wat betekent", "lot": "Is dat veel?", "voices": "Uit de wijk",
           "caveats": "Let op", "claim": "Kern", "evidence": "Onderbouwing", "next": "Vervolgvragen voor opdrachtgever",
           "step": "Stap", "mistake": "Veelgemaakte fout", "check": "Controlevraag", "terms": "Begrippen",
           "none": "Geen cijfers gevonden"},
    "en": {"facts": "The figures", "meaning": "What is", "lot": "Is that a lot?", "voices": "From the area",
           "caveats": "Note", "claim": "Key point", "evidence": "Evidence", "next": "Next questions for the commissioner",
           "step": "Step", "mistake": "Common mistake", "check": "Check question", "terms": "Terms",
           "none": "No figures found"},
}



@dataclass
class Parts:
    """Everything the composer needs; built by the pipeline."""

    language: str
    audience: str
    facts: list[Fact] = field(default_factory=list)
    stories: list[StoryExcerpt] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    title: str = ""
    focus: str = "value"  # the question kind: value, top, trend, share, term, story, compare
    indicators: list[str] = field(default_factory=list)  # in the order the question names them
    areas: list[str] = field(default_factory=list)  # the area codes the question names
    seen_terms: list[str] = field(default_factory=list)  # explained earlier in the conversation: refer back
    explained: list[str] = field(default_factory=list)  # filled by compose: the terms it explained in full
    follow_ups: list[str] = field(default_factory=list)  # answerable next questions, built from what is loaded
    need: str | None = None  # a need ranking's key in retrieval/data/needs.yaml
    labels: dict[str, str] = field(default_factory=dict)  # indicator id -> its title in the answer's language
    voices_first: bool = False  # the question asks what people tell: quotes lead, figures follow
    no_voices: str = ""  # for such a question without stories: where stories on the theme do exist
    places: dict[str, Place] = field(default_factory=dict)  # the areas the facts name, with their gemeente
    defs: dict[str, IndicatorDef] = field(default_factory=dict)  # the indicators asked about: unit, theme, noun
    lead: str = ""  # filled by compose: the sentences that answer the question (assistant/compose/lead.py)


def fact_line(f: Fact, lang: str) -> str:
    text = f.text_en if lang == "en" and f.text_en else f.text
    return f"{text} [{f.id}]"


def story_line(s: StoryExcerpt, lang: str, limit: int = 320) -> str:
    text = inert_markdown(s.text)  # a story is data: no link, image or HTML of it may render
    text = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
    meta = ", ".join(x for x in (s.area_name or s.area_code, s.date, s.role) if x)
    return f"“{text}” ({meta}) [{s.id}]" + (f" — {s.note}" if s.note else "")


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {x}" for x in lines)


def section(title: str, body: str) -> str:
    return f"**{title}**\n{body}" if body else ""


def compose(p: Parts) -> str:
    """The deterministic answer text, in markdown, in the audience's register."""
    if p.focus == "term" and p.glossary and not [f for f in p.facts if f.kind != "caveat"]:
        return "\n\n".join(b for b in [*_notices(p), *_term_blocks(p)] if b)
    lead = _voices_lead(p) if p.voices_first else []
    if lead:  # the quotes and patterns lead; the audience's own sections follow without them
        p = replace(p, stories=[], facts=[f for f in p.facts if f.kind != "pattern"])
    blocks = lead + registry.get("audience", p.audience).factory(p)
    caveats = caveat_section(p)
    blocks += [caveats] if caveats not in blocks else []  # an audience may place the caveats itself (beleid)
    blocks.append(_sources(p))
    return "\n\n".join(b for b in [*(_notices(p)), *blocks] if b)


def caveat_section(p: Parts) -> str:
    """The caveats in the answer's language (a caveat fact's English sentence in an English answer)."""
    english = {f.text: f.text_en for f in p.facts if f.kind == "caveat" and f.text_en}
    shown = [english.get(c, c) if p.language == "en" else c for c in p.caveats]
    caveats = [c.removeprefix("Let op: ").removeprefix("Note: ") for c in shown]
    return section(HEAD[p.language]["caveats"], bullets(list(dict.fromkeys(caveats))))


VOICES = {
    "nl": {"quotes": "Wat bewoners vertellen", "patterns": "Patronen in de verhalen"},
    "en": {"quotes": "What residents say", "patterns": "Patterns in the stories"},
}


def _voices_lead(p: Parts) -> list[str]:
    """2-4 quoted stories with their citations, then the story counts and signifier patterns."""
    words = VOICES[p.language]
    if not p.stories:
        return [section(words["quotes"], p.no_voices)] if p.no_voices else []
    quotes = [story_line(s, p.language) for s in p.stories[:4]]
    return [section(words["quotes"], bullets(quotes)),
            section(words["patterns"], bullets([fact_line(f, p.language) for f in _patterns(p)]))]


def _notices(p: Parts) -> list[str]:
    return [f"_{n}_" for n in p.notices]


PRIORITY = {
    "top": ["top", "value", "comparison"], "trend": ["trend", "value", "comparison"],
    "share": ["share", "value", "comparison"], "compare": ["comparison", "value"],
    "value": ["value", "share", "comparison", "trend", "top"],
}


def prompt_facts(p: Parts, limit: int = 4) -> list[Fact]:
    """The facts an LLM gets: the most relevant core facts and one caveat, to keep the prompt short."""
    caveats = [f for f in p.facts if f.kind == "caveat"][:1]
    return core_facts(p)[:limit] + _patterns(p)[:1] + caveats


def core_facts(p: Parts) -> list[Fact]:
    """Facts in the order the question asks for them: a top question leads with the top list."""
    facts = [f for f in p.facts if f.kind not in ("caveat", "pattern")]
    order = PRIORITY.get(p.focus, PRIORITY["value"])
    if p.focus == "compare":
        # area against area: the comparison naming two areas of the question comes first
        facts = sorted(facts, key=lambda f: 0 if f.kind == "comparison" and f.extra_sources
                       and f.extra_sources[0].area_code in p.areas else 1)
    # The indicator the question names first leads; within it, the kinds the question asks for.
    rank = {ind: i for i, ind in enumerate(p.indicators)}
    return sorted(facts, key=lambda f: (rank.get(f.indicator or "", len(rank)),
                                        order.index(f.kind) if f.kind in order else len(order)))


def _patterns(p: Parts) -> list[Fact]:
    return [f for f in p.facts if f.kind == "pattern"]


def voices(p: Parts, n_stories: int, limit: int = 320) -> list[str]:
    """Story counts first (with their caveat), then the stories themselves."""
    return [fact_line(f, p.language) for f in _patterns(p)] + [
        story_line(s, p.language, limit) for s in p.stories[:n_stories]]


def meaning(g: GlossaryEntry, p: Parts) -> str:
    """The definition, or a pointer back when this conversation explained the term before."""
    if g.term in p.seen_terms:
        return f"Zie '{g.term}' hierboven." if p.language == "nl" else f"See '{g.term}' above."
    p.explained.append(g.term)
    return g.definition if p.language == "nl" else g.definition_en


def term_line(g: GlossaryEntry, p: Parts) -> str:
    if g.term in p.seen_terms:
        return f"{g.term}: {'zie hierboven' if p.language == 'nl' else 'see above'}"
    return f"{g.term}: {meaning(g, p)}"


def _sources(p: Parts) -> str:
    return "\n".join(f"_{a}_" for a in dict.fromkeys(p.attribution))


def _term_blocks(p: Parts) -> list[str]:
    """A question about a term: definition, example, the common mistake, a question to ask yourself."""
    h, nl = HEAD[p.language], p.language == "nl"
    blocks = []
    for g in p.glossary[:2]:
        p.explained.append(g.term)
        example = g.example if nl or not g.example_en else g.example_en
        body = [g.definition if nl else g.definition_en, f"{'Voorbeeld' if nl else 'Example'}: {example}"]
        if nl:
            body += [f"{h['mistake']}: {g.mistake}", f"{h['check']}: {g.ask_yourself}"]
        elif g.mistake_en and g.ask_yourself_en:
            body += [f"{h['mistake']}: {g.mistake_en}", f"{h['check']}: {g.ask_yourself_en}"]
        blocks.append(section(g.term, "\n\n".join(body)))
    return blocks
