"""End to end in Debian's Chromium: onderbouwing download, an exercise by keyboard, uploads, and axe-core scans.

Marked `browser`; CI runs it (.ci/run installs chromium). Elsewhere it skips when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from support.browser import browser_app
from support.paths import ARTIFACTS

from ui.browser import QUESTION, ask, chromium, idle, open_app

pytestmark = pytest.mark.browser
SMALL_CSV = ("area,indicator,year,value\nWK990110,buurthuisbezoek_pct,2024,12.5\n"
             "WK990111,buurthuisbezoek_pct,2024,9.0\nGM9901,buurthuisbezoek_pct,2024,10.1\n")
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with browser_app(tmp_path_factory, "browser-pages-data") as url:
        yield url


def go(page: Any, title: str) -> None:
    """Open a page from the sidebar navigation, as a user would (a new URL would start a new session)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    idle(page)


def axe(page: Any, name: str) -> Counter[str]:
    """axe-core violations by impact; every one is printed and saved, serious and critical ones fail the test."""
    from axe_playwright_python.sync_playwright import Axe

    idle(page)
    page.locator('[data-testid="stHtml"] style').first.wait_for(state="attached")  # the app's CSS is loaded lazily
    violations = Axe().run(page).response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    for v in violations:
        print(f"axe {name}: {v['impact']} {v['id']} ({len(v['nodes'])}x) {v['help']}")
    counts = Counter(str(v["impact"]) for v in violations)
    print(f"axe {name}: {dict(counts) or 'no violations'}")
    blocking = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{name}: {blocking}"
    return counts


def upload_form_ready(page: Any) -> None:
    """Streamlit loads some widgets lazily: wait until the uploader and the inputs are drawn, not placeholders."""
    page.locator('[data-testid="stFileUploaderDropzone"]').first.wait_for(state="visible")
    for selector in ('[data-testid="stNumberInput"] input', '[data-testid="stTextInput"] input'):
        page.locator(selector).first.wait_for(state="visible")


def csv_file(name: str, content: bytes) -> list[dict[str, Any]]:
    return [{"name": name, "mimeType": "text/csv", "buffer": content}]


def choose_by_keyboard(page: Any, name: str, content: bytes) -> None:
    """Focus the uploader's own button and press Enter: the file dialog opens without a mouse."""
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first  # the table file; a name list comes second
    browse = dropzone.get_by_role("button", name="Upload", exact=True)
    with page.expect_file_chooser() as chooser:
        browse.press("Enter")  # focuses the button, then the key
    chooser.value.set_files(files=csv_file(name, content))


def upload(page: Any, name: str, content: bytes | None = None) -> None:
    """Choose the file (unless chosen already), wait until Streamlit holds it, then press Inlezen."""
    if content is not None:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files=csv_file(name, content))
    page.locator('[data-testid="stFileChipName"]').filter(has_text=name).wait_for()
    page.get_by_role("button", name="Inlezen").click()
    idle(page)


def test_chat_page_has_no_serious_accessibility_violations(app_url: str) -> None:
    with chromium() as page:
        open_app(page, app_url)
        assert page.evaluate("document.documentElement.lang") == "nl"
        axe(page, "chat-start")
        ask(page, QUESTION)
        axe(page, "chat-answer")


def test_onderbouwing_downloads_a_word_file_with_the_answer_and_its_source(app_url: str, tmp_path: Path) -> None:
    with chromium() as page:
        open_app(page, app_url)
        ask(page, QUESTION)
        go(page, "Onderbouwing")
        page.get_by_role("button", name="Maak onderbouwing").click()
        word = page.get_by_role("button", name="Download als Word (.docx)")
        word.wait_for()
        with page.expect_download() as info:
            word.click()
        download = info.value
        assert re.fullmatch(r"onderbouwing-\d{4}-\d{2}-\d{2}\.docx", download.suggested_filename)
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert f"Vraag 1: {QUESTION}" in text
        assert "Jongeren met jeugdzorg in Weverskwartier (2023): 18,0%" in text
        assert re.search(r"^Bron: Demo Duinhaven", text, re.MULTILINE)  # the attribution under Bronnen
        page.get_by_role("button", name="Download als Markdown (.md)").wait_for()
        axe(page, "onderbouwing")


def test_an_exercise_can_be_done_with_the_keyboard_alone(app_url: str) -> None:
    with chromium() as page:
        open_app(page, app_url)
        go(page, "Oefening")
        answers = page.get_by_role("radiogroup", name="Jouw antwoord")
        answers.get_by_role("radio").first.focus()
        page.keyboard.press("Space")  # choose the focused option
        page.keyboard.press("Tab")  # a radio group is one tab stop: the next is the form's button
        check = page.get_by_role("button", name="Controleer mijn antwoord")
        assert check.evaluate("button => button === document.activeElement")
        page.keyboard.press("Enter")
        verdict = page.get_by_text(re.compile("^(Goed! Dat is het juiste antwoord.|Helaas, dat klopt niet.)$"))
        verdict.wait_for()
        main = page.locator('[data-testid="stMain"]')
        for shown in ("Het juiste antwoord:", "Uitleg:", "Lees verder in de begrippenlijst:", "Veelgemaakte fout:"):
            main.get_by_text(shown).first.wait_for()
        idle(page)
        main.get_by_text("Veelgemaakte fout:").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "ui-e2e-oefening.png"))
        assert check.is_disabled()  # answered: the choice is locked
        axe(page, "oefening")
        page.get_by_role("button", name="Nieuwe oefening").click()
        page.get_by_text("Uitleg:").wait_for(state="detached")
        assert check.is_enabled()


def test_upload_shows_the_report_then_a_clear_message_for_a_broken_file(app_url: str) -> None:
    with chromium() as page:
        open_app(page, app_url)
        go(page, "Upload")
        upload_form_ready(page)
        axe(page, "upload")
        choose_by_keyboard(page, "buurthuis.csv", SMALL_CSV.encode())
        upload(page, "buurthuis.csv")
        status = page.locator('[data-testid="stExpander"]').filter(has_text="buurthuis.csv is ingelezen.")
        status.wait_for()
        summary = page.locator('[data-testid="stAlertContentSuccess"]')
        assert "3 cijfers, 1 indicator, 3 gebieden (2024)" in summary.inner_text()
        table = page.locator('[data-testid="stTable"]').filter(has_text="Waarden")  # the report, not the datasets
        assert "Waarden" in table.inner_text() and "buurthuisbezoek_pct" in table.inner_text()  # with the warning
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "ui-e2e-upload.png"))
        axe(page, "upload-report")
        upload(page, "kapot.csv", b"\x00\x01\x02\xff\xfe" * 100)
        problem = page.locator('[data-testid="stAlertContentError"]')
        problem.wait_for()
        message = problem.inner_text()
        assert "kapot.csv: dit is geen tekstbestand" in message and "Wat je kunt doen:" in message
        assert "this is not" not in message  # one language: the Dutch interface shows the Dutch error
        assert "Er is niets veranderd" in message
        problem.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "ui-e2e-upload-kapot.png"))
        axe(page, "upload-rejected")
