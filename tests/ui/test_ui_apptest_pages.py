"""The pages beside the chat (AppTest, no browser): onderbouwing, oefening and upload, against the real API."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient
from streamlit.testing.v1 import AppTest
from support.api import LONG_CSV
from support.paths import ROOT
from support.store import tree_digest

from assistant.deps import Deps
from ui.client import DuidingClient

APP = ROOT / "ui" / "app.py"
QUESTION = "Is de jeugdzorg in Weverskwartier hoog?"
STORY_CSV = ("id,text,area_code,date,themes,role\n"
             "t-1,\"Bel me gerust op 06-12345678, zei ze, maar niemand belt.\",WK990110,2024-03-01,eenzaamheid,"
             "buurtwerker\n")



@pytest.fixture
def app(app_deps: tuple[FastAPI, Deps], monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DUIDING_DEFAULT_AREA", "Weverskwartier")
    at = AppTest.from_file(str(APP), default_timeout=60)
    with TestClient(app_deps[0]) as http:
        at.session_state["client"] = DuidingClient(http=http)
        at.run()
        assert not at.exception
        yield at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    return run(at)


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_export_without_a_conversation_says_to_ask_first(app: AppTest) -> None:
    open_page(app, "page_export.py")
    assert app.title[0].value == "Onderbouwing"
    assert "nog geen gesprek" in app.info[0].value
    assert not [b for b in app.button if b.key == "make-export"] and not app.download_button


def test_export_makes_word_and_markdown_of_the_conversation(app: AppTest) -> None:
    app.sidebar.radio(key="audience").set_value("beleid")
    app.chat_input(key="question").set_value(QUESTION)
    run(app)
    assert [link.value for link in app.page_link] == ["Maak hiervan een onderbouwing"]
    open_page(app, "page_export.py")
    assert f"1. {QUESTION}" in text(app)
    app.button(key="make-export").click()
    run(app)
    assert [b.label for b in app.download_button] == ["Download als Word (.docx)", "Download als Markdown (.md)",
                                                      "Download als Markdown met grafieken (.zip)"]
    files = app.session_state["export"]["files"]
    docx = "\n".join(p.text for p in Document(io.BytesIO(files["docx"].content)).paragraphs)
    assert QUESTION in docx and "18,0%" in docx and "Bron: Demo Duinhaven" in docx
    assert files["docx"].filename.endswith(".docx") and files["md"].content.startswith(b"# Onderbouwing")
    app.switch_page("page_chat.py").run()
    app.chat_input(key="question").set_value("en in Lindenhove?")
    run(app)
    open_page(app, "page_export.py")
    assert not app.download_button  # the conversation grew: the earlier export is stale


def exercise(at: AppTest):  # type: ignore[no-untyped-def]
    return at.session_state["exercise"]["exercise"]


def test_exercise_hides_the_key_until_answered_then_explains(app: AppTest) -> None:
    open_page(app, "page_exercise.py")
    ex = exercise(app)
    assert ex.area_name in [h.value for h in app.header] and ex.question in text(app)
    assert not app.success and not app.error and ex.answer_key.explanation not in text(app)
    app.form_submit_button[0].click()
    run(app)
    assert [w.value for w in app.warning] == ["Kies eerst een antwoord."]
    wrong = next(i for i in range(len(ex.options)) if i != ex.answer_key.correct)
    choice = app.radio(key=f"choice-{ex.id}")
    assert choice.label == "Jouw antwoord" and choice.options == ex.options
    choice.set_value(wrong)
    app.form_submit_button[0].click()
    run(app)
    assert [e.value for e in app.error] == ["Helaas, dat klopt niet."]
    shown = text(app)
    assert ex.options[ex.answer_key.correct] in shown and ex.answer_key.explanation in shown
    assert "Lees verder in de begrippenlijst: " in shown and "**Veelgemaakte fout:**" in shown
    assert app.radio(key=f"choice-{ex.id}").disabled
    app.button(key="exercise-new").click()
    run(app)
    assert exercise(app).id != ex.id and not app.error and not app.success


def test_exercise_right_answer_and_kind_choice(app: AppTest) -> None:
    open_page(app, "page_exercise.py")
    app.selectbox(key="exercise-kind").set_value("procentpunt")
    run(app)
    ex = exercise(app)
    assert ex.kind == "procentpunt"
    app.radio(key=f"choice-{ex.id}").set_value(ex.answer_key.correct)
    app.form_submit_button[0].click()
    run(app)
    assert [s.value for s in app.success] == ["Goed! Dat is het juiste antwoord."]
    assert any(e.label == "Bronnen" for e in app.expander)


def test_exercise_needs_an_area(app: AppTest) -> None:
    app.sidebar.selectbox(key="area").set_value(None)
    open_page(app, "page_exercise.py")
    assert "Kies eerst een wijk" in app.info[0].value


def upload(at: AppTest, name: str, body: bytes, **fields: object) -> AppTest:
    at.file_uploader[0].set_value((name, body, "text/csv"))
    for key, value in fields.items():
        widget = at.selectbox(key=key) if key == "table-format" else at.text_input(key=key)
        widget.set_value(value)
    at.form_submit_button[0].click()
    return run(at)


def test_table_upload_shows_progress_a_summary_and_the_report_table(app: AppTest) -> None:
    open_page(app, "page_upload.py")
    upload(app, "mijn cijfers.csv", LONG_CSV.encode(), **{"table-format": "long", "table-source": "Test"})
    assert [(s.label, s.state) for s in app.status] == [("mijn cijfers.csv is ingelezen.", "complete")]
    assert app.success[0].value.endswith("40 cijfers, 1 indicator, 40 gebieden (2022)")
    report = app.table[0].value
    assert list(report.columns) == ["Onderdeel", "Waarde"]
    rows = dict(zip(report["Onderdeel"], report["Waarde"], strict=True))
    assert rows["Bestand"] == "mijn cijfers.csv" and rows["Waarden"] == "40" and rows["Bron"] == "Test"
    datasets = app.table[1].value  # the loaded datasets, the new upload under the user's file name
    assert list(datasets.columns)[:2] == ["Id", "Bestand"] and datasets["Bestand"].iloc[-1] == "mijn cijfers.csv"
    assert app.file_uploader[1].label == "Namenlijst (optioneel, CBS WijkenEnBuurten.csv)"
    run(app)  # the next run lists the new areas in the sidebar
    # the picker names each area's dataset after its code
    assert any(o.startswith("Testwijk 7 · wijk · WK990007") for o in app.sidebar.selectbox(key="area").options)
    assert app.success and app.table  # the report stays


def test_story_upload_reports_removed_personal_data(app: AppTest) -> None:
    open_page(app, "page_upload.py")
    app.radio(key="upload-what").set_value("stories")
    run(app)
    assert app.file_uploader[0].label == "Verhalen (CSV, JSONL of Markdown)"
    upload(app, "verhalen.csv", STORY_CSV.encode())
    assert "1 verhaal opgeslagen, 1 rij, 1 gebied" in app.success[0].value
    assert "**Persoonsgegevens weggehaald:** telefoon: 1" in text(app)


def test_rejected_file_shows_the_fix_and_nothing_changes(app: AppTest, demo_dir: Path) -> None:
    before = tree_digest(demo_dir)
    open_page(app, "page_upload.py")
    upload(app, "kapot.csv", b"area_code;year\nWK990101;\n", **{"table-format": "long"})
    assert [s.state for s in app.status] == ["error"]
    message = app.error[0].value
    assert "**Wat ging er mis:**" in message and "**Wat je kunt doen:**" in message
    assert "Er is niets veranderd" in message
    assert tree_digest(demo_dir) == before


def test_upload_without_a_file_asks_for_one(app: AppTest) -> None:
    open_page(app, "page_upload.py")
    app.form_submit_button[0].click()
    run(app)
    assert [w.value for w in app.warning] == ["Kies eerst een bestand."] and not app.status


def test_every_input_has_a_label_in_both_languages(app: AppTest) -> None:
    for lang in ("nl", "en"):
        app.sidebar.radio(key="lang").set_value(lang)
        for page in ("page_export.py", "page_exercise.py", "page_upload.py"):
            open_page(app, page)
            widgets = [*app.radio, *app.selectbox, *app.number_input, *app.text_input, *app.file_uploader]
            assert widgets and all(w.label.strip() for w in widgets), page
            assert all(w.proto.label_visibility.value == 0 for w in widgets), page  # visible labels
    assert app.file_uploader[0].label == "Table (CSV, TSV, TXT or XLSX)"
