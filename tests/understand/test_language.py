"""The question's language decides the answer's: a short Dutch question with 'of' is Dutch, English stays English."""

from __future__ import annotations

import pytest

from assistant.understand.question import detect_language


@pytest.mark.parametrize(("question", "lang"), [
    ("Moerwijk: eigen huis of niet?", "nl"),
    ("Wonen er veel ouderen of jongeren in Transvaal?", "nl"),
    ("Is het druk in Moerwijk?", "nl"),
    ("Kun je zeggen of dat hoog is?", "nl"),
    ("What is the share of older people in Moerwijk?", "en"),
    ("How many people live in Amsterdam Nieuw-West?", "en"),
    ("Is youth care in Moerwijk high compared with The Hague?", "en"),
    ("Which district has the most households?", "en"),
])
def test_the_language_of_a_question(question: str, lang: str) -> None:
    assert detect_language(question) == lang
