"""Every user-facing error, notice and help text exists in Dutch and English, and each is one language.

Walks the whole message catalogue (assistant/core/messages.py), the interface texts (ui/i18n.py) and the
answer notices kept beside their code (the gate's, the queue's). Language is told by small lists of
function words that the other language does not use; names, codes, quotes and fields are left out first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from support.language import language_problem, words

from assistant.check.gate import NOTICES, UNREACHABLE
from assistant.core.messages import CATALOGUE, At, Pick, field_names, render
from assistant.llm.queue import BUSY
from ui.i18n import TEXT

ROOT = Path(__file__).resolve().parents[2]
def all_texts() -> list[tuple[str, str, str]]:
    """(where, language, text) for every message, fix, notice and interface text."""
    out = []
    for code, entry in CATALOGUE.items():
        out += [(code, "nl", entry.nl), (f"{code} fix", "nl", entry.nl_fix),
                (code, "en", entry.en), (f"{code} fix", "en", entry.en_fix)]
    out += [(f"ui {key}", lang, text) for key, texts in TEXT.items() for lang, text in texts.items()]
    out += [(f"gate {kind}", lang, text) for lang, kinds in NOTICES.items() for kind, text in kinds.items()]
    out += [("gate unreachable", lang, text) for lang, text in UNREACHABLE.items()]
    out += [("queue busy", lang, text) for lang, text in BUSY.items()]
    return [t for t in out if t[2]]


def test_the_language_check_itself_finds_mixed_sentences() -> None:
    assert language_problem("Fout: file not found — controleer het pad", "nl")
    assert language_problem("Het bestand bestaat niet — check the path", "nl")
    assert language_problem("The file is leeg", "en")
    assert language_problem("Het bestand {path} bestaat niet", "nl") is None
    assert language_problem("The file {path} does not exist", "en") is None


def test_every_code_has_dutch_and_english_with_the_same_fields() -> None:
    assert len(CATALOGUE) > 100
    for code, entry in CATALOGUE.items():
        assert entry.nl.strip() and entry.en.strip(), code
        assert bool(entry.nl_fix) == bool(entry.en_fix), f"{code}: a fix in one language only"
        assert field_names(entry.nl) == field_names(entry.en), f"{code}: message fields differ"
        assert field_names(entry.nl_fix) == field_names(entry.en_fix), f"{code}: fix fields differ"
        assert entry.nl != entry.en or not words(entry.nl), f"{code}: the Dutch text is the English one"
    for key, texts in TEXT.items():
        assert set(texts) == {"nl", "en"} and field_names(texts["nl"]) == field_names(texts["en"]), key


@pytest.mark.parametrize("where,lang,text", all_texts(), ids=lambda v: str(v)[:40])
def test_every_message_is_in_one_language(where: str, lang: str, text: str) -> None:
    problem = language_problem(text, lang)
    assert problem is None, f"{where} ({lang}): {problem}: {text!r}"


def test_filled_fields_follow_the_language() -> None:
    place = At("data.csv", 4, "waarde")
    nl, nl_fix = render("csv.long_cell", "nl", at=place, most="131.072")
    en, en_fix = render("csv.long_cell", "en", at=place, most="131,072")
    assert nl.startswith("data.csv: regel 4, kolom waarde") and en.startswith("data.csv: line 4, column waarde")
    more = Pick(" (en nog 2)", " (and 2 more)")
    assert render("xlsx.lost_formula", "nl", file="f", cell="B2", more=more)[0].endswith("(en nog 2)")
    assert render("xlsx.lost_formula", "en", file="f", cell="B2", more=more)[0].endswith("(and 2 more)")
    for text, lang in ((nl, "nl"), (nl_fix, "nl"), (en, "en"), (en_fix, "en")):
        assert language_problem(text, lang) is None, text


def raised_codes() -> set[str]:
    """Every `key="…"` an error is raised with in assistant/, retrieval/ and ui/."""
    found = set()
    for folder in ("assistant", "retrieval", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                name = getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(node, ast.Call) else ""
                if name.endswith("Error") or name.endswith("Unavailable"):
                    for kw in node.keywords:  # type: ignore[union-attr]
                        if kw.arg == "key" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                            found.add(kw.value.value)
    return found


def test_every_raised_code_is_in_the_catalogue() -> None:
    used = raised_codes()
    assert len(used) > 100
    assert used - set(CATALOGUE) == set()
