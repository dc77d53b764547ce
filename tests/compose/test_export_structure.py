"""The export's one structure, on hand-made answers: numbering without gaps, caveats once, a chart fallback."""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from markdown_it import MarkdownIt

from assistant.compose.export import build_export
from assistant.schemas import Answer, ChartSeries, Fact

TEXT = ("**Kern**\nIn Noord is het 12,5%. [F1]\n\n**Onderbouwing**\n- Noord ligt hoger dan de stad. [F3]\n\n"
        "**Let op**\n- Let op: klein aantal.\n\n_Bron: CBS, tabel 84583NED (CC BY 4.0)_")


def answer(question: str) -> Answer:
    facts = [Fact(id="F1", kind="value", text="In Noord is het 12,5%.", year=2021),
             Fact(id="F2", kind="caveat", text="Let op: klein aantal."),
             Fact(id="F3", kind="comparison", text="Noord ligt hoger dan de stad.", year=2021),
             Fact(id="F4", kind="rank", text="Noord is de 2e van 9.", year=2021)]
    chart = ChartSeries(kind="reference", title="Aandeel, 2021", indicator="x", unit="percent",
                        rows=[{"name": "Noord", "value": 12.5, "is_target": True}, {"name": "Stad", "value": 9.0}],
                        source_line="Bron: CBS, tabel 84583NED")
    return Answer(question=question, deterministic=TEXT, facts=facts, charts=[chart], caveats=["Let op: klein aantal."],
                  attribution=["Bron: CBS, tabel 84583NED (CC BY 4.0)"])


def broken(series: ChartSeries) -> bytes:
    raise RuntimeError("no renderer")


def test_two_answers_number_facts_without_gaps_and_say_caveats_once() -> None:
    md = build_export([answer("Hoe staat Noord ervoor?"), answer("En Zuid?")], "md", today=dt.date(2026, 1, 2))
    text = md.content.decode("utf-8")
    # F1, F3 cited, F4 listed once under "Meer cijfers", the caveat F2 only under "Let op": F1..F6 in the document
    assert [f"[F{i}]" for i in range(1, 7)] == sorted(set(re.findall(r"\[F\d+\]", text)),
                                                     key=lambda s: int(s[2:-1]))
    assert text.count("klein aantal") == 1 and text.count("## Let op") == 1 and "Kanttekeningen" not in text
    assert text.count("Noord is de 2e van 9.") == 2  # once per answer, never twice in one
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert all(t.level == 0 for t in tokens if t.type == "heading_open")
    assert md.filename == "onderbouwing-2026-01-02.md"


def test_a_chart_that_cannot_be_drawn_stays_as_its_data_table() -> None:
    doc = Document(io.BytesIO(build_export([answer("Vraag?")], "docx", render=broken).content))
    assert not doc.inline_shapes
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Noord", "12,5%"] in cells and ["Stad", "9,0%"] in cells


def test_the_export_carries_the_claim_when_the_llm_text_replaced_the_composers() -> None:
    lead = "In Noord is het 12,5%: dat hoort bij het hoogste kwart [F1]."
    llm = answer("Hoe staat Noord ervoor?").model_copy(update={"lead": lead, "answer": "Noord valt op. [F3]"})
    text = build_export([llm], "md", today=dt.date(2026, 1, 2)).content.decode("utf-8")
    assert "Kern" in text and "dat hoort bij het hoogste kwart" in text
    assert text.index("hoogste kwart") < text.index("Noord valt op")
    composed = answer("Vraag?").model_copy(update={"lead": "In Noord is het 12,5%. [F1]"})
    assert build_export([composed], "md").content.decode("utf-8").count("In Noord is het 12,5%") == 1
