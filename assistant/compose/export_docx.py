"""The export as a Word document: Word's own styles, the document language set, real tables, alt text on charts."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from assistant.compose.export_model import ExportDoc, Part, QuestionPart

LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}
AUTHOR = "Duiding"
STYLES_USED = ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "List Number", "Quote", "Caption",
               "Table Grid")


def render_docx(doc_model: ExportDoc) -> bytes:
    from docx import Document

    doc = Document()
    w = doc_model.words
    _language(doc, LANG_TAGS.get(doc_model.language, "nl-NL"))
    _properties(doc, doc_model)
    doc.add_heading(w["title"], level=0)
    doc.add_paragraph(f"{w['intro']} {w['date']}: {doc_model.day}.")
    for i, q in enumerate(doc_model.questions, start=1):
        _question(doc, doc_model, q, i)
    if doc_model.caveats:
        doc.add_heading(w["caveats"], level=1)
        for caveat in doc_model.caveats:
            doc.add_paragraph(caveat, "List Bullet")
    if doc_model.sources:
        doc.add_heading(w["sources"], level=1)
        for line in doc_model.sources:
            doc.add_paragraph(line, "List Number")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _question(doc: Any, model: ExportDoc, q: QuestionPart, i: int) -> None:
    from docx.shared import Inches

    w = model.words
    doc.add_heading(f"{w['question']} {i}: {q.question}", level=1)
    for part in q.parts:
        _part(doc, part)
    if q.more:
        doc.add_heading(w["more"], level=2)
        for line in q.more:
            doc.add_paragraph(line, "List Bullet")
    for chart in q.charts:
        doc.add_heading(f"{w['charts']}: {chart.title}", level=2)
        if chart.image:
            shape = doc.add_picture(io.BytesIO(chart.image), width=Inches(6))
            shape._inline.docPr.set("descr", chart.alt)
            shape._inline.docPr.set("title", chart.title)
            doc.add_paragraph(chart.title, "Caption")
        else:
            head = w["year"] if chart.series.kind == "trend" else w["area"]
            _table(doc, [head, w["value"]], [list(r) for r in chart.table])
    if q.facts:
        doc.add_heading(w["facts"], level=2)
        _table(doc, [w["nr"], w["kind"], w["year"], w["source"]],
               [[f"[{r.number}]", r.kind, r.year, r.source] for r in q.facts])


def _part(doc: Any, part: Part) -> None:
    if part.heading:
        doc.add_heading(part.heading, level=2)
    for text in part.paragraphs:
        doc.add_paragraph(text)
    for text in part.bullets:
        doc.add_paragraph(text, "List Bullet")
    for quote, byline in part.quotes:
        doc.add_paragraph(f"“{quote}”", "Quote")
        doc.add_paragraph(byline)


def _table(doc: Any, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _properties(doc: Any, model: ExportDoc) -> None:
    props = doc.core_properties
    props.title = model.title[:250]
    props.subject = model.words["title"]
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.language = LANG_TAGS.get(model.language, "nl-NL")
    day = dt.date.fromisoformat(model.day)
    props.created = props.modified = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    props.revision = 1


def _language(doc: Any, tag: str) -> None:
    """w:lang on the document defaults and on every style used, so Word checks the spelling in this language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rprs = [defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))] if defaults is not None else []
    rprs += [doc.styles[name].element.get_or_add_rPr() for name in STYLES_USED if name in doc.styles]
    for rpr in (r for r in rprs if r is not None):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
