"""The 'wat kun je ermee' lines: every theme of the indicator catalogue has them, without numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.compose.ermee import FALLBACK, ermee_catalogue, ermee_line, ermee_sentence
from assistant.core.errors import BadInputError
from retrieval.tables.catalogue import base_catalogue


def test_every_catalogue_theme_has_questions_and_partners() -> None:
    themes = {d.theme for d in base_catalogue()} | {FALLBACK}
    catalogue = ermee_catalogue()
    missing = sorted(t for t in themes if t not in catalogue)
    assert not missing, f"themes without 'wat kun je ermee' lines: {missing}"
    for theme in themes:
        assert catalogue[theme].questions and catalogue[theme].partners, theme


def test_lines_name_the_area_and_carry_no_figure() -> None:
    for theme, lines in ermee_catalogue().items():
        for line in [*lines.questions, *lines.partners]:
            for text in (line.nl, line.en):
                assert not re.search(r"\d", text), f"{theme}: a next step carries no number: {text}"
                assert text.strip().endswith("."), text
    line = ermee_line("jeugd", "Moerwijk", "nl", seed="WK051836|jeugdzorg_pct")
    assert "$wijk" not in line
    pool = [x.nl.replace("$wijk", "Moerwijk") for x in [*ermee_catalogue()["jeugd"].questions,
                                                        *ermee_catalogue()["jeugd"].partners]]
    assert line in pool
    assert ermee_line("jeugd", "Moerwijk", "nl", seed="WK051836|jeugdzorg_pct") == line  # the same every time


def test_unknown_theme_falls_back_and_english_stays_english() -> None:
    fallback = {x.en.replace("$wijk", "Zuid") for x in [*ermee_catalogue()[FALLBACK].questions,
                                                        *ermee_catalogue()[FALLBACK].partners]}
    assert ermee_line("no-such-theme", "Zuid", "en", seed="x") in fallback
    sentence = ermee_sentence("armoede", "Zuid", "en", seed="x")
    assert sentence.startswith("What you can do with it: ") and "Wat" not in sentence


def test_a_theme_without_partners_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ermee.yaml"
    path.write_text("themes:\n  jeugd:\n    vragen:\n      - {nl: 'Vraag het.', en: 'Ask.'}\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="jeugd"):
        ermee_catalogue.__wrapped__(path)
