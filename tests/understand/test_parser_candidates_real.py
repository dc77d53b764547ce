"""The LLM parser's candidate lists are ranked by how much of the question they match (not alphabetical), so the
right area and indicator are inside the short list a small model reads. Real Den Haag KWB; no LLM needed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import NAMES_NL

from assistant.understand.model import Understanding
from assistant.understand.parser_candidates import MAX_AREAS, area_candidates, indicator_candidates
from retrieval.tables.areas import area_table
from retrieval.tables.store import IndicatorStore

pytestmark = pytest.mark.real_data


def _store(den_haag_dir: Path):  # type: ignore[no-untyped-def]
    return IndicatorStore(den_haag_dir / "indicators").load()


def _code(real_data: Path, title_end: str) -> str:
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    row = nl[(nl["Municipality"].fillna("").str.strip() == "GM0518") & nl["Title"].str.strip().str.endswith(title_end)
             & nl["Key"].str.startswith("WK")]
    return str(row["Key"].iloc[0]).strip()


@pytest.mark.parametrize("said, title", [("Bouwlsut en Vrederst", "Bouwlust en Vrederust"),  # two slips
                                         ("Trasnvaalkwartir", "Transvaalkwartier")])
def test_the_closest_area_comes_first(den_haag_dir: Path, real_data: Path, said: str, title: str) -> None:
    refs = area_table(_store(den_haag_dir).areas)
    question = f"Hoe gaat het met de jeugd in {said}?"
    got = area_candidates(question, Understanding(question=question, unknown_area=said), refs)
    assert len(got) <= MAX_AREAS
    assert got[0].code == _code(real_data, title)


def test_indicators_ranked_by_shared_words(den_haag_dir: Path) -> None:
    data = _store(den_haag_dir)
    loaded = set(data.values["indicator"].unique())
    titles = {d.id: d.title_nl for d in data.catalogue}
    question = "Zijn er veel huiseigenaar in Moerwijk?"  # 'huiseigenaren' is a catalogue word of koopwoningen
    got = indicator_candidates(question, Understanding(question=question), loaded, None, titles)
    assert got[0] == "koopwoningen_pct"
    assert set(got) <= loaded


def test_a_whole_name_comes_before_the_buurt_that_is_part_of_it(den_haag_dir: Path, real_data: Path) -> None:
    refs = area_table(_store(den_haag_dir).areas)
    question = "Hoeveel kinderen wonen er in Mariahoeve en Marlot?"  # buurt 'Marlot' is a part of the wijk
    got = area_candidates(question, Understanding(question=question), refs)
    assert got[0].code == _code(real_data, "Mariahoeve en Marlot")
