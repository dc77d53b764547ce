"""One structure for every export format: the answers' sections once, facts numbered once, caveats in one place.

The answer text (the composer's blocks, or the LLM's prose) is read back into titled parts with plain text:
no Markdown syntax survives. Fact ids are renumbered F1, F2, … across the whole document in the order the
text cites them, so the document never jumps from [F2] to [F4]; facts the text does not cite are listed
once under "Meer cijfers". Caveats and sources are gathered at the end, each said once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.check.guards import inert_markdown
from assistant.compose.export_alt import ChartView, chart_view
from assistant.schemas import Answer, ChartSeries, Fact, StoryExcerpt

CITATION = re.compile(r"\[([FS]\d+)\]")
HEADING = re.compile(r"^\*\*(.+?)\*\*$")
WORDS = {
    "nl": {"title": "Onderbouwing", "question": "Vraag", "facts": "Cijfers en bronnen", "more": "Meer cijfers",
           "caveats": "Let op", "sources": "Bronnen", "stories": "Verhalen", "charts": "Grafiek", "nr": "Nr",
           "kind": "Soort", "year": "Jaar", "source": "Bron", "area": "Gebied", "value": "Waarde", "date": "Datum",
           "intro": "Gemaakt met Duiding. Elk cijfer komt uit de genoemde bron en is door de code berekend; "
                    "de verhalen zijn van bewoners en professionals, zonder persoonsgegevens."},
    "en": {"title": "Argument", "question": "Question", "facts": "Figures and sources", "more": "More figures",
           "caveats": "Note", "sources": "Sources", "stories": "Stories", "charts": "Chart", "nr": "No.",
           "kind": "Kind", "year": "Year", "source": "Source", "area": "Area", "value": "Value", "date": "Date",
           "intro": "Made with Duiding. Every figure comes from the source named and was computed by code; "
                    "the stories are from residents and professionals, without personal data."},
}
CAVEAT_HEADS = ("Let op", "Note")
KIND_WORDS = {
    "nl": {"value": "waarde", "share": "aandeel", "comparison": "vergelijking", "rank": "plaats",
           "spread": "spreiding", "trend": "verloop", "top": "ranglijst", "pattern": "verhalen geteld"},
    "en": {"value": "value", "share": "share", "comparison": "comparison", "rank": "place", "spread": "spread",
           "trend": "trend", "top": "ranking", "pattern": "stories counted"},
}


@dataclass
class Part:
    """One titled part of an answer ('' = the lead): paragraphs, then bullets, then quoted stories."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, byline)


@dataclass
class FactRow:
    number: str  # the document-wide id, F1, F2, …
    kind: str
    year: str
    source: str


@dataclass
class QuestionPart:
    question: str
    parts: list[Part]
    facts: list[FactRow]
    more: list[str]  # facts the text does not cite, as sentences with their new id
    charts: list[ChartView]


@dataclass
class ExportDoc:
    language: str
    day: str
    questions: list[QuestionPart]
    caveats: list[str]
    sources: list[str]

    @property
    def words(self) -> dict[str, str]:
        return WORDS[self.language]

    @property
    def title(self) -> str:
        return self.questions[0].question if self.questions else self.words["title"]


def plain(text: str) -> str:
    """Markdown emphasis, links and HTML out; the words stay."""
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w\\])([*_])(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)
    text = re.sub(r"!?\[([^\]]*)\]\(([^)]*)\)", r"\1", text)
    return re.sub(r"<[^>]+>", "", text).strip()


def story_byline(story: StoryExcerpt) -> str:
    parts = [story.area_name or story.area_code or "wijk onbekend", story.date or "datum onbekend",
             story.role or "rol onbekend"]
    return "— " + ", ".join(parts) + (" (fictief)" if story.fictional else "")


class Numbering:
    """Document-wide ids: facts F1, F2, … and stories S1, S2, … in the order they are first cited."""

    def __init__(self) -> None:
        self.facts = 0
        self.stories = 0

    def for_answer(self, answer: Answer, text: str) -> dict[str, str]:
        listed = {f.id for f in answer.facts if f.kind not in ("caveat", "no_data")}
        stories = {s.id for s in answer.stories}
        cited = list(dict.fromkeys(CITATION.findall(text)))
        order = [c for c in cited if c in listed] + [f.id for f in answer.facts if f.id in listed and f.id not in cited]
        mapping: dict[str, str] = {}
        for old in order:
            self.facts += 1
            mapping[old] = f"F{self.facts}"
        told = [c for c in cited if c in stories] + [s.id for s in answer.stories if s.id not in cited]
        for old in told:
            self.stories += 1
            mapping[old] = f"S{self.stories}"
        return mapping


def renumber(text: str, mapping: dict[str, str]) -> str:
    """Citations to the new ids; a citation of something not listed (a caveat) is dropped."""
    out = CITATION.sub(lambda m: f"[{mapping[m.group(1)]}]" if m.group(1) in mapping else "", text)
    return re.sub(r" +([.,;:])", r"\1", re.sub(r"  +", " ", out)).strip()


def read_parts(text: str, mapping: dict[str, str], stories: dict[str, StoryExcerpt],
               caveats: list[str]) -> list[Part]:
    """The composer's blocks (or LLM prose) as parts; 'Let op' goes to `caveats`, 'Bron:' lines are dropped."""
    parts: list[Part] = [Part("")]
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        head = HEADING.match(lines[0]) if lines else None
        if head:
            parts.append(Part(plain(head.group(1))))
            lines = lines[1:]
        part = parts[-1]
        for line in lines:
            bullet = line.startswith(("- ", "* "))
            body = line[2:] if bullet else line
            if plain(body).startswith(("Bron:", "Source:")):
                continue
            if part.heading in CAVEAT_HEADS:
                caveats.append(plain(renumber(body, {})))
                continue
            story = next((stories[c] for c in CITATION.findall(body) if c in stories), None)
            if story is not None:
                part.quotes.append((inert_markdown(story.text), f"{story_byline(story)} [{mapping[story.id]}]"))
            elif bullet:
                part.bullets.append(plain(renumber(body, mapping)))
            else:
                part.paragraphs.append(plain(renumber(body, mapping)))
    return [p for p in parts if p.paragraphs or p.bullets or p.quotes]


def fact_row(fact: Fact, new_id: str, lang: str) -> FactRow:
    src = fact.source
    where = ", ".join(x for x in (src.source_name if src else "", src.key if src else "",
                                  src.area_code if src else "") if x)
    years = sorted({s.year for s in [src, *fact.extra_sources] if s is not None and s.year} | (
        {fact.year} if fact.year else set()))
    shown = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—")
    return FactRow(new_id, KIND_WORDS[lang].get(fact.kind, fact.kind), shown, where or "—")


CLAIM = {"nl": "Kern", "en": "Key point"}


def with_claim(answer: Answer) -> str:
    """The answer's text; when the LLM's prose replaced the composer's, the lead (the claim from the rank and
    quartile facts) goes first, so what a policy officer sends on always carries it."""
    text = answer.answer or answer.deterministic
    if answer.lead and answer.lead not in text:
        return f"**{CLAIM.get(answer.language, 'Kern')}**\n{answer.lead}\n\n{text}"
    return text


def question_part(answer: Answer, numbering: Numbering, caveats: list[str], seen_charts: set[str],
                  max_charts: int) -> QuestionPart:
    text = with_claim(answer)
    lang = answer.language
    mapping = numbering.for_answer(answer, text)
    stories = {s.id: s for s in answer.stories if s.id in mapping}
    parts = read_parts(text, mapping, stories, caveats)
    cited = set(CITATION.findall(text))
    untold = [(inert_markdown(s.text), f"{story_byline(s)} [{mapping[s.id]}]") for s in answer.stories
              if s.id not in cited]
    if untold:
        parts.append(Part(WORDS[lang]["stories"], quotes=untold))
    listed = [f for f in answer.facts if f.id in mapping]
    more = [f"{plain(f.text_en if lang == 'en' and f.text_en else f.text)} [{mapping[f.id]}]"
            for f in listed if f.id not in cited]
    charts = []
    for series in _unique(answer.charts, seen_charts)[:max_charts]:
        charts.append(chart_view(series, lang))
    rows = sorted((fact_row(f, mapping[f.id], lang) for f in listed), key=lambda r: int(r.number[1:]))
    return QuestionPart(plain(answer.question), parts, rows, more, charts)


def _unique(charts: Sequence[ChartSeries], seen: set[str]) -> list[ChartSeries]:
    """One image per chart: the same chart (an asked share repeating an automatic one) is drawn once."""
    out = []
    for series in charts:
        key = f"{series.kind}|{series.title}|{series.indicator}"
        if key not in seen and any(r.get("value") is not None for r in series.rows):
            seen.add(key)
            out.append(series)
    return out


def export_doc(answers: Sequence[Answer], day: str, max_charts: int = 3) -> ExportDoc:
    language = answers[0].language if answers else "nl"
    numbering, caveats, seen = Numbering(), list[str](), set[str]()
    questions = [question_part(a, numbering, caveats, seen, max_charts) for a in answers]
    caveats += [plain(c) for a in answers for c in [*a.caveats]]
    cleaned = [c.removeprefix("Let op: ").removeprefix("Note: ") for c in caveats]
    sources = list(dict.fromkeys(plain(line) for a in answers for line in a.attribution))
    return ExportDoc(language, day, questions, list(dict.fromkeys(c for c in cleaned if c)), sources)
