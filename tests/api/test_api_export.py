"""Export of a conversation: Markdown and DOCX with facts, sources, quoted stories, charts and attribution."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from support.api import assert_error, make_app

from assistant.deps import Deps, StorySearch
from assistant.schemas import StoryExcerpt
from retrieval.search.indexing import open_story_store
from retrieval.tables.areas import area_table

QUESTIONS = ["Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?", "en in Molenwijk?"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG = b"\x89PNG\r\n\x1a\n"



def stored_stories(deps: Deps) -> StorySearch:
    """The area's stories straight from the real story store: this tests the export, not retrieval ranking."""
    names = {r.code: r.name for r in area_table(deps.store.load().areas)}

    def search(question: str, area_code: str, themes: list[str], k: int) -> list[StoryExcerpt]:
        found = open_story_store(deps.settings).list(area=area_code)[:k]
        return [StoryExcerpt(id="", story_id=s.id, text=s.text, area_code=s.area_code,
                             area_name=names.get(s.area_code or ""),
                             date=s.date, role=s.role, themes=s.themes, fictional=s.fictional) for s in found]

    return search


@pytest.fixture
def chatted(demo_dir: Path) -> Iterator[tuple[TestClient, str, list[dict]]]:
    """A conversation of two questions, with stories from the store in the answers."""
    app, deps = make_app(demo_dir)
    deps.stories_search = stored_stories(deps)
    with TestClient(app) as c:
        answers, cid = [], None
        for q in QUESTIONS:
            answers.append(c.post("/v1/chat", json={"question": q, "conversation_id": cid}).json())
            cid = answers[-1]["conversation_id"]
        yield c, str(cid), answers


def test_docx_export_has_facts_a_chart_image_stories_and_the_source_line(
    chatted: tuple[TestClient, str, list[dict]],
) -> None:
    client, cid, answers = chatted
    r = client.post("/v1/export", json={"conversation_id": cid, "format": "docx"})
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    assert re.fullmatch(r'attachment; filename="onderbouwing-\d{4}-\d{2}-\d{2}\.docx"',
                        r.headers["content-disposition"])
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    numbered = 0
    for answer in answers:
        assert answer["question"] in text
        listed = [f for f in answer["facts"] if f["kind"] not in ("caveat", "no_data")]
        numbered += len(listed)
    # every fact once, numbered F1..Fn across the document without gaps, each with its row in a table
    assert {f"[F{i}]" for i in range(1, numbered + 1)} <= cells and f"[F{numbered + 1}]" not in cells
    assert all(f"[F{i}]" in text for i in range(1, numbered + 1))
    assert len(doc.inline_shapes) >= 2  # charts, as PNG pictures
    assert "Bron: Demo Duinhaven (fictief, gegenereerd door Duiding)" in text
    story = answers[0]["stories"][0]
    assert story["story_id"] and " ".join(story["text"].split()) in text
    assert any(p.style.name == "Quote" for p in doc.paragraphs)
    assert f"— Oude Haven, {story['date']}, {story['role']}" in text


def test_markdown_export_is_a_download_with_charts_as_data_tables(
    chatted: tuple[TestClient, str, list[dict]],
) -> None:
    client, cid, answers = chatted
    r = client.post("/v1/export", json={"conversation_id": cid, "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert r.headers["content-disposition"].startswith("attachment;")
    md = r.text
    assert md.startswith("# Onderbouwing") and "## Vraag 2: en in Molenwijk?" in md
    assert "\n> " in md and "\n## Bronnen\n\n- Bron: Demo Duinhaven" in md
    assert "data:image" not in md and "| Gebied | Waarde |" in md
    value = next(r for r in answers[0]["charts"][0]["rows"] if r["value"] is not None)
    assert f"| {value['name']} |" in md


def test_zip_export_has_the_markdown_and_one_png_per_chart(chatted: tuple[TestClient, str, list[dict]]) -> None:
    client, cid, _ = chatted
    r = client.post("/v1/export", json={"conversation_id": cid, "format": "zip"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        md = zf.read("export.md").decode("utf-8")
        images = re.findall(r"!\[[^\]]+\]\((charts/[^)]+\.png)\)", md)
        assert images and len(images) == len(set(images))
        assert sorted(images) == sorted(n for n in zf.namelist() if n.startswith("charts/"))
        assert all(zf.read(name).startswith(PNG) for name in images)


def test_export_errors_use_the_error_shape(chatted: tuple[TestClient, str, list[dict]]) -> None:
    client, cid, _ = chatted
    err = assert_error(client.post("/v1/export", json={"conversation_id": "gone", "format": "md"}), 404)
    assert "nieuw gesprek" in err["fix"] and "verloopt" in err["message"]
    err = assert_error(client.post("/v1/export", json={"conversation_id": "gone", "language": "en"}), 404)
    assert "new conversation" in err["fix"] and "expire" in err["message"]
    assert_error(client.post("/v1/export", json={"conversation_id": cid, "format": "pdf"}), 422)


def test_export_of_real_cbs_figures_carries_the_cbs_attribution(den_haag_dir: Path) -> None:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        cid = c.post("/v1/chat", json={"question": "Hoeveel eenpersoonshuishoudens zijn er in Moerwijk?"}).json()[
            "conversation_id"]
        r = c.post("/v1/export", json={"conversation_id": cid, "format": "docx"})
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert re.search(r"Bron: CBS, tabel \d{5}NED \(CC BY 4.0\)", text) and "Moerwijk" in text
    assert len(doc.inline_shapes) >= 1
