"""What a policy officer sends on, on the real Den Haag figures: a Word document and Markdown that renders."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from support.api import make_app

QUESTIONS = ["Welke wijken hebben het hoogste aandeel 65-plussers?",
             "Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?",
             "Hoe is het aantal inwoners van 65 jaar of ouder in Waldeck veranderd?"]
MARKUP = re.compile(r"\*\*|__|\]\(|(?:^|\s)_\S|\S_(?:\s|$)|^#|<[a-z/]")


@pytest.fixture(scope="module")
def client(den_haag_dir: Path) -> Iterator[TestClient]:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        yield c


def ask_all(client: TestClient, questions: list[str], audience: str = "beleid") -> tuple[str, list[dict[str, Any]]]:
    cid, answers = None, []
    for q in questions:
        r = client.post("/v1/chat", json={"question": q, "conversation_id": cid, "audience": audience})
        assert r.status_code == 200, r.text
        answers.append(r.json())
        cid = answers[-1]["conversation_id"]
    return str(cid), answers


def export(client: TestClient, cid: str, fmt: str) -> bytes:
    r = client.post("/v1/export", json={"conversation_id": cid, "format": fmt})
    assert r.status_code == 200, r.text
    return r.content


def listed(answers: list[dict[str, Any]]) -> int:
    return sum(1 for a in answers for f in a["facts"] if f["kind"] not in ("caveat", "no_data"))


def all_runs(doc: Any) -> list[str]:
    runs = [r.text for p in doc.paragraphs for r in p.runs]
    return runs + [r.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
                   for r in p.runs]


def test_a_policy_officers_session_ends_in_a_word_document(client: TestClient) -> None:
    cid, answers = ask_all(client, QUESTIONS)
    doc = Document(io.BytesIO(export(client, cid, "docx")))
    props = doc.core_properties
    assert props.title == QUESTIONS[0] and props.author == "Duiding" and props.language == "nl-NL"
    assert props.created is not None and props.created.date() == dt.date.today()
    # the document language is Dutch on the defaults and on the styles, so Word checks Dutch spelling
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        assert doc.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    # Word's own styles: the title, a Heading 1 per question and for the caveats and sources, Heading 2 sections
    assert doc.paragraphs[0].style.name == "Title"
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [f"Vraag {i}: {q}" for i, q in enumerate(QUESTIONS, 1)] + ["Let op", "Bronnen"]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2.count("Kern") == 3 and "Let op" not in h2 and "Kanttekeningen" not in h2
    # every fact once, numbered without gaps, each with its row in a real table
    cells = [row.cells[0].text for t in doc.tables for row in t.rows]
    n = listed(answers)
    assert [c for c in cells if c.startswith("[F")] == [f"[F{i}]" for i in range(1, n + 1)]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert set(re.findall(r"\[F\d+\]", text)) == {f"[F{i}]" for i in range(1, n + 1)}
    # sources as a numbered list, once each; every chart has alt text from its data
    sources = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert sources == list(dict.fromkeys(line for a in answers for line in a["attribution"]))
    assert doc.inline_shapes
    for shape in doc.inline_shapes:
        descr = shape._inline.docPr.get("descr")
        assert descr and re.search(r"\d", descr) and "Bron: CBS" in descr
    # no Markdown syntax in any run; [Fn] stays on purpose: it is the citation the table explains
    assert not [r for r in all_runs(doc) if MARKUP.search(r)]


def test_the_markdown_renders_with_every_section_at_top_level(client: TestClient) -> None:
    cid, answers = ask_all(client, QUESTIONS)
    md = export(client, cid, "md").decode("utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    heads = [(t.tag, tokens[i + 1].content, t.level) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(level == 0 for _, _, level in heads)  # no heading swallowed by a list or a quote
    assert [text for tag, text, _ in heads if tag == "h2"] == [
        f"Vraag {i}: {q}" for i, q in enumerate(QUESTIONS, 1)] + ["Let op", "Bronnen"]
    assert [text for tag, text, _ in heads if tag == "h3"].count("Kern") == 3
    inline = [t.content for t in tokens if t.type == "inline"]
    assert not [x for x in inline if "**" in x or x.startswith("_")]
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<em>" not in html and "<strong>" not in html and html.count("<table>") >= 3
    for a in answers:  # each source line is an item of the one list under Bronnen
        for line in a["attribution"]:
            assert f"<li>{line}</li>" in html
    assert md.count("\n## Let op\n") == 1


def test_two_answers_stay_well_under_300_kb_with_one_image_per_chart(client: TestClient) -> None:
    cid, answers = ask_all(client, QUESTIONS[:2])
    docx, bundle = export(client, cid, "docx"), export(client, cid, "zip")
    assert len(docx) < 150_000 and len(bundle) < 150_000, (len(docx), len(bundle))
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        md = zf.read("export.md").decode("utf-8")
        images = re.findall(r"!\[([^\]]+)\]\((charts/[^)]+)\)", md)
        charts = [n for n in zf.namelist() if n.startswith("charts/")]
    assert images and sorted(p for _, p in images) == sorted(charts)
    assert len({alt for alt, _ in images}) == len(images)  # one image per chart, each its own alt text
    assert len(images) <= sum(len(a["charts"]) for a in answers)
    assert len(Document(io.BytesIO(docx)).inline_shapes) == len(images)


def test_an_english_conversation_is_an_english_document(client: TestClient) -> None:
    cid, answers = ask_all(client, ["How many people receive social assistance in Moerwijk?"])
    assert answers[0]["language"] == "en"
    doc = Document(io.BytesIO(export(client, cid, "docx")))
    assert doc.core_properties.language == "en-GB"
    assert doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1[0].startswith("Question 1:") and h1[-1] == "Sources"
