"""Ordinary words that are also a part of a buurt name ('Hoge Veld', 'Lage Veld') are not places."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.understand.places import find_places
from retrieval.tables.areas import area_table
from retrieval.tables.store import IndicatorStore


@pytest.fixture(scope="module")
def refs(den_haag_dir: Path) -> list:  # type: ignore[type-arg]
    return area_table(IndicatorStore(Settings(data_dir=den_haag_dir).indicator_dir).load().areas)


@pytest.mark.parametrize("question", ["Komt de hoge bijstand in Moerwijk door het lage inkomen?",
                                      "Is de hoge jeugdzorg in Moerwijk een probleem?"])
def test_adjectives_with_an_article_are_no_buurt(refs: list, question: str) -> None:  # type: ignore[type-arg]
    found = find_places(refs, question)
    assert [a.name for a in found.areas] == ["Moerwijk"] and not found.clarify


def test_the_buurt_written_as_a_name_is_still_found(refs: list) -> None:  # type: ignore[type-arg]
    names = {a.name for a in refs}
    assert "Hoge Veld" in names  # the CBS list of Den Haag has it
    assert [a.name for a in find_places(refs, "Hoe gaat het in de Hoge Veld?").areas] == ["Hoge Veld"]
