"""The export as CommonMark: blank lines around every block, `##` sections, charts as files or data tables."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from assistant.compose.export_alt import ChartView
from assistant.compose.export_model import ExportDoc, Part, QuestionPart

_SPECIAL = re.compile(r"([\\`*_<>#|~&])")
_BLOCK_START = re.compile(r"^([-+]|\d{1,9}[.)])(?=\s|$)")


def esc(text: str) -> str:
    """Text shown as written: Markdown's special characters escaped, one line, never a list or heading."""
    return _BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1],
                            _SPECIAL.sub(r"\\\1", " ".join(text.split())))


def chart_name(q: int, c: int) -> str:
    return f"charts/vraag{q}-grafiek{c}.png"


def render_markdown(doc: ExportDoc, images: bool) -> str:
    w = doc.words
    out = [f"# {esc(w['title'])}", f"{esc(w['intro'])} {w['date']}: {doc.day}."]
    for i, q in enumerate(doc.questions, start=1):
        out += _question(doc, q, i, images)
    if doc.caveats:
        out += [f"## {w['caveats']}", _list(doc.caveats)]
    out += [f"## {w['sources']}", _list(doc.sources)] if doc.sources else []
    return "\n\n".join(out) + "\n"


def _question(doc: ExportDoc, q: QuestionPart, i: int, images: bool) -> list[str]:
    w = doc.words
    out = [f"## {w['question']} {i}: {esc(q.question)}"]
    for part in q.parts:
        out += _part(part)
    if q.more:
        out += [f"### {w['more']}", _list(q.more)]
    for c, chart in enumerate(q.charts, start=1):
        out += [f"### {w['charts']}: {esc(chart.title)}"]
        if images and chart.image:
            out.append(f"![{esc(chart.alt)}]({chart_name(i, c)})")
        else:
            out += [esc(chart.alt), _table([w["area"] if chart.series.kind != "trend" else w["year"], w["value"]],
                                           [list(r) for r in chart.table])]
    if q.facts:
        rows = [[f"[{r.number}]", r.kind, r.year, r.source] for r in q.facts]
        out += [f"### {w['facts']}", _table([w["nr"], w["kind"], w["year"], w["source"]], rows)]
    return out


def _part(part: Part) -> list[str]:
    out = [f"### {esc(part.heading)}"] if part.heading else []
    out += [esc(p) for p in part.paragraphs]
    out += [_list(part.bullets)] if part.bullets else []
    for quote, byline in part.quotes:
        out.append(f"> “{esc(quote)}”\n>\n> {esc(byline)}")
    return out


def _list(items: Sequence[str]) -> str:
    return "\n".join(f"- {esc(item)}" for item in items)


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A pipe table (GFM, the table extension of CommonMark renderers)."""
    lines = ["| " + " | ".join(esc(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_zip(doc: ExportDoc) -> bytes:
    """export.md with its charts as files next to it (charts/vraagN-grafiekM.png)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export.md", render_markdown(doc, images=True))
        for i, q in enumerate(doc.questions, start=1):
            for c, chart in enumerate(q.charts, start=1):
                if chart.image:
                    zf.writestr(chart_name(i, c), chart.image)
    return buf.getvalue()


def charts_of(doc: ExportDoc) -> list[ChartView]:
    return [c for q in doc.questions for c in q.charts]
