"""The commissioning argument ("onderbouwing") of a conversation: Markdown, Markdown with chart files, or DOCX.

All three formats render one structure (export_model.ExportDoc): each answer's sections once, the facts
numbered F1, F2, … across the document, the caveats and sources once at the end.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.compose.export_docx import render_docx
from assistant.compose.export_md import charts_of, markdown_zip, render_markdown
from assistant.compose.export_model import ExportDoc, export_doc
from assistant.schemas import Answer, ChartSeries

ExportFormat = Literal["md", "zip", "docx"]
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "zip": "application/zip",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
MAX_CHARTS_PER_ANSWER = 3
ChartRenderer = Callable[[ChartSeries], bytes | None]
log = logging.getLogger("duiding.export")


@dataclass
class ExportFile:
    content: bytes
    media_type: str
    filename: str


def build_export(answers: Sequence[Answer], fmt: ExportFormat, render: ChartRenderer | None = None,
                 today: dt.date | None = None) -> ExportFile:
    """md: charts as data tables (text only); zip: export.md plus charts/*.png; docx: pictures with alt text."""
    day = (today or dt.date.today()).isoformat()
    doc = export_doc(answers, day, MAX_CHARTS_PER_ANSWER)
    if render is not None and fmt != "md":
        _draw(doc, render)
    name = "onderbouwing" if doc.language == "nl" else "argument"
    if fmt == "md":
        content = render_markdown(doc, images=False).encode("utf-8")
    elif fmt == "zip":
        content = markdown_zip(doc)
    else:
        content = render_docx(doc)
    return ExportFile(content, MEDIA_TYPES[fmt], f"{name}-{day}.{fmt}")


def _draw(doc: ExportDoc, render: ChartRenderer) -> None:
    """A chart that cannot be drawn stays in the document as its data table (the renderer is optional)."""
    for chart in charts_of(doc):
        try:
            chart.image = render(chart.series)
        except Exception:  # noqa: BLE001 - vl-convert errors have no common base; the table is the fallback
            log.warning("chart not drawn; the export shows its data table")
            chart.image = None
