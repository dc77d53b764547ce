"""The commissioning argument ("onderbouwing") of a conversation, as Markdown or DOCX.

It holds the questions, the answers, every fact with its source, the stories (quoted, with wijk, date and
role), the caveats, the charts as PNG, and the attribution lines (CBS: CC BY 4.0).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.check.guards import inert_markdown
from assistant.schemas import Answer, ChartSeries, Fact, StoryExcerpt

ExportFormat = Literal["md", "docx"]
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
MAX_CHARTS_PER_ANSWER = 3
TITLE = "Onderbouwing"
INTRO = ("Gemaakt met Duiding. Elk cijfer komt uit de genoemde bron en is door de code berekend; "
         "de verhalen zijn van bewoners en professionals, zonder persoonsgegevens.")
ChartRenderer = Callable[[ChartSeries], bytes | None]


@dataclass
class Section:
    question: str
    answer: list[str]
    facts: list[str]
    stories: list[tuple[str, str]]  # (quote, who/where/when)
    caveats: list[str]
    charts: list[tuple[str, bytes]] = field(default_factory=list)  # (title, PNG)


@dataclass
class ExportFile:
    content: bytes
    media_type: str
    filename: str


def fact_line(fact: Fact, lang: str = "nl") -> str:
    text = fact.text_en if lang == "en" and fact.text_en else fact.text
    src = fact.source
    where = f" ({src.source_name}{f', {src.year}' if src.year else ''})" if src else ""
    return f"[{fact.id}] {text}{where}"


def story_byline(story: StoryExcerpt) -> str:
    parts = [story.area_name or story.area_code or "wijk onbekend", story.date or "datum onbekend",
             story.role or "rol onbekend"]
    return "— " + ", ".join(parts) + (" (fictief)" if story.fictional else "") + f" [{story.id}]"


def section_for(answer: Answer, render: ChartRenderer | None) -> Section:
    text = answer.answer or answer.deterministic
    charts = []
    if render is not None:
        for series in answer.charts[:MAX_CHARTS_PER_ANSWER]:
            png = render(series)
            if png:
                charts.append((series.title, png))
    return Section(
        question=answer.question,
        answer=[line for line in text.splitlines() if line.strip()],
        facts=[fact_line(f, answer.language) for f in answer.facts if f.kind not in ("caveat", "no_data")],
        stories=[(inert_markdown(s.text), story_byline(s)) for s in answer.stories],
        caveats=list(dict.fromkeys([*answer.caveats, *answer.notices])),
        charts=charts,
    )


def sources_of(answers: Sequence[Answer]) -> list[str]:
    return list(dict.fromkeys(line for a in answers for line in a.attribution))


def build_export(answers: Sequence[Answer], fmt: ExportFormat, render: ChartRenderer | None = None,
                 today: dt.date | None = None) -> ExportFile:
    sections = [section_for(a, render) for a in answers]
    day = (today or dt.date.today()).isoformat()
    sources = sources_of(answers)
    content = render_markdown(sections, sources, day) if fmt == "md" else render_docx(sections, sources, day)
    return ExportFile(content, MEDIA_TYPES[fmt], f"onderbouwing-{day}.{fmt}")


def render_markdown(sections: Sequence[Section], sources: Sequence[str], day: str) -> bytes:
    out = [f"# {TITLE}", "", f"_{INTRO} Datum: {day}._", ""]
    for i, sec in enumerate(sections, start=1):
        out += [f"## Vraag {i}: {sec.question}", "", *sec.answer, ""]
        out += _md_list("Feiten", sec.facts)
        if sec.stories:
            out += ["### Verhalen", ""]
            for quote, byline in sec.stories:
                out += [f"> {quote}", ">", f"> {byline}", ""]
        out += _md_list("Kanttekeningen", sec.caveats)
        for title, png in sec.charts:
            out += [f"![{title}](data:image/png;base64,{base64.b64encode(png).decode('ascii')})", ""]
    out += _md_list("Bronnen", list(sources))
    return "\n".join(out).encode("utf-8")


def _md_list(heading: str, items: Sequence[str]) -> list[str]:
    return [f"### {heading}", "", *[f"- {item}" for item in items], ""] if items else []


def render_docx(sections: Sequence[Section], sources: Sequence[str], day: str) -> bytes:
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph().add_run(f"{INTRO} Datum: {day}.").italic = True
    for i, sec in enumerate(sections, start=1):
        doc.add_heading(f"Vraag {i}: {sec.question}", level=1)
        for line in sec.answer:
            bullet = line.lstrip().startswith(("- ", "* "))
            doc.add_paragraph(_plain(line.lstrip()[2:] if bullet else line), "List Bullet" if bullet else None)
        _docx_list(doc, "Feiten", sec.facts)
        if sec.stories:
            doc.add_heading("Verhalen", level=2)
            for quote, byline in sec.stories:
                doc.add_paragraph(f"“{quote}”", "Quote")
                doc.add_paragraph(byline)
        _docx_list(doc, "Kanttekeningen", sec.caveats)
        for title, png in sec.charts:
            doc.add_picture(io.BytesIO(png), width=Inches(6))
            doc.add_paragraph().add_run(title).italic = True
    _docx_list(doc, "Bronnen", list(sources))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_list(doc: object, heading: str, items: Sequence[str]) -> None:
    if not items:
        return
    doc.add_heading(heading, level=2)  # type: ignore[attr-defined]
    for item in items:
        doc.add_paragraph(item, "List Bullet")  # type: ignore[attr-defined]


def _plain(line: str) -> str:
    """Markdown emphasis out; the words stay."""
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
