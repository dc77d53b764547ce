"""Issue 23, the battery's weak spots made general, for area names: typos per word, the wijk that holds a
buurt's name, CBS prefixes and long names anywhere, unknown names after any verb.

Real KWB extracts of three gemeenten loaded without name lists; every expected figure and name is read here
from the CBS CSVs with pandas. The phrasings are not the battery's (eval/battery_*.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import NAMES_NL
from support.understanding import ask, cbs_title, dutch, figure

pytestmark = pytest.mark.real_data


@pytest.mark.parametrize("question, code, said", [
    ("Hoeveel inwoners heeft Bouwlust en Vrederst?", "WK051833", "Bouwlust en Vrederst"),  # a letter dropped
    ("Hoeveel mensen wonen in Transvaalkwatier?", "WK051830", "Transvaalkwatier"),      # one word, one slip
    ("hoeveel inwoners heeft moerwyk", "WK051836", "moerwyk"),                          # y for ij, lowercase
])
def test_typos_are_read_word_by_word_and_said(five_dir: Path, real_data: Path, question: str, code: str,
                                             said: str) -> None:
    answer, _ = ask(five_dir, question)
    assert answer.areas == [code]
    assert dutch(figure(real_data, code, "AantalInwoners_5")) in answer.answer
    assert f"Ik lees '{said}' als {cbs_title(real_data, code)}." in answer.answer


def test_a_short_word_is_never_read_as_a_typo(five_dir: Path) -> None:
    answer, u = ask(five_dir, "Hoeveel inwoners heeft Lak?")  # 'Laak' is one letter away, but 'Lak' is short
    assert "WK051838" not in answer.areas
    assert not [f for f in answer.facts if f.value is not None and f.source and f.source.area_code == "WK051838"]


@pytest.mark.parametrize("said, buurt, wijk", [
    ("Ockenburgh", "BU05181590", "WK051815"),     # buurt Ockenburgh lies in wijk 'Kijkduin en Ockenburgh'
    ("Westbroekpark", "BU05180373", "WK051803"),  # ... in wijk 'Westbroekpark en Duttendel'
])
def test_an_exact_buurt_name_is_the_buurt_and_the_wijk_that_holds_it_is_offered(
        five_dir: Path, real_data: Path, said: str, buurt: str, wijk: str) -> None:
    answer, _ = ask(five_dir, f"Hoeveel inwoners wonen er in {said}?")
    assert answer.areas == [buurt] and not answer.clarify
    assert dutch(figure(real_data, buurt, "AantalInwoners_5")) in answer.answer
    assert f"Die ligt in de wijk {cbs_title(real_data, wijk)}." in answer.answer
    answer, _ = ask(five_dir, f"Hoeveel inwoners wonen er in wijk {said}?")  # what the note suggests
    assert answer.areas == [wijk]
    assert dutch(figure(real_data, wijk, "AantalInwoners_5")) in answer.answer


def test_a_name_only_the_wijk_holds_whole_is_the_wijk(five_dir: Path, real_data: Path) -> None:
    """'Bomen- en Bloemenbuurt' holds 'Bloemenbuurt'; the buurten are 'Bloemenbuurt-West' and '-Oost'."""
    answer, _ = ask(five_dir, "Hoeveel inwoners wonen er in de Bloemenbuurt (Den Haag)?")
    assert [a for a in answer.areas if not a.startswith("GM")] == ["WK051812"] and not answer.clarify
    assert dutch(figure(real_data, "WK051812", "AantalInwoners_5")) in answer.answer


def test_a_user_alias_for_the_wijk_wins_over_the_buurt_of_that_name(five_dir: Path, tmp_path: Path) -> None:
    from assistant.understand.places import find_places, reading_notices
    from retrieval.tables.areas import AreaList, area_table
    from retrieval.tables.store import IndicatorStore

    alias = tmp_path / "area_aliases.yaml"
    alias.write_text("aliases:\n  - {alias: Kijkduin, means: [Kijkduin en Ockenburgh], gemeente: GM0518}\n",
                     encoding="utf-8")
    refs = area_table(IndicatorStore(five_dir / "indicators").load().areas)
    with_alias = AreaList(list(refs), alias)
    found = find_places(with_alias, "Hoeveel inwoners heeft Kijkduin?")
    assert [a.code for a in found.areas] == ["WK051815"]
    assert reading_notices(found.read_as, "nl") == [
        "Met 'Kijkduin' neem ik de hele wijk Kijkduin en Ockenburgh. Vraag naar 'buurt Kijkduin' voor alleen de buurt."]
    assert [a.code for a in find_places(with_alias, "Hoeveel inwoners heeft de buurt Kijkduin?").areas] == [
        "BU05181591"]
    assert [a.code for a in find_places(refs, "Hoeveel inwoners heeft Kijkduin?").areas] == ["BU05181591"]


def test_a_name_in_two_gemeenten_is_still_asked_back(five_dir: Path) -> None:
    answer, _ = ask(five_dir, "Hoeveel inwoners wonen er in de Bloemenbuurt?")  # Den Haag and Amsterdam
    assert answer.clarify and "Amsterdam" in answer.answer and "s-Gravenhage" in answer.answer


def test_a_buurt_whose_name_the_wijk_does_not_hold_stays_the_buurt(five_dir: Path, real_data: Path) -> None:
    answer, _ = ask(five_dir, "How many inhabitants does Kattenburg have?")  # in 'Oostelijke Eilanden/Kadijken'
    assert answer.areas == ["BU03630901"]
    assert f"{figure(real_data, 'BU03630901', 'AantalInwoners_5'):,}" in answer.answer


@pytest.mark.parametrize("question, code", [
    ("Geef het aantal eenpersoonshuishoudens van Wijk 38 Laakkwartier en Spoorwijk", "WK051838"),
    ("Hoeveel eenpersoonshuishoudens heeft bijlmer centrum (d,f,h)?", "WK036393"),  # five words, lowercase
])
def test_prefixes_and_long_names_anywhere_in_the_question(five_dir: Path, real_data: Path, question: str,
                                                          code: str) -> None:
    answer, _ = ask(five_dir, question)
    assert answer.areas == [code] and answer.indicators[:1] == ["eenpersoonshuishoudens"]
    assert dutch(figure(real_data, code, "Eenpersoonshuishoudens_29")) in answer.answer


@pytest.mark.parametrize("question, name", [
    ("Hoeveel huishoudens telt Kwakeldorp?", "Kwakeldorp"),
    ("Wat speelt er rond Vlinderhoven?", "Vlinderhoven"),
    ("How is it going with Maanwijk?", "Maanwijk"),
])
def test_an_unknown_name_anywhere_gets_real_candidates_and_no_figures(five_dir: Path, real_data: Path,
                                                                      question: str, name: str) -> None:
    answer, _ = ask(five_dir, question)
    assert not [f for f in answer.facts if f.value is not None]
    head = (f"Ik ken '{name}' niet in de geladen cijfers. Bedoel je: " if not question.startswith("How") else
            f"I don't know '{name}' in the loaded figures. Did you mean: ")
    assert head in answer.answer
    offered = answer.answer.split(head)[1]
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    loaded = nl[nl["Municipality"].fillna("").str.strip().isin(["GM0518", "GM0344", "GM0363"])]
    real = set(loaded["Title"].str.strip().str.replace(r"^(Wijk|Buurt)\s+\d+\s+", "", regex=True))
    assert any(n in offered for n in real)


def test_a_part_followed_by_more_name_is_asked_back_not_answered(five_dir: Path) -> None:
    answer, _ = ask(five_dir, "Hoeveel inwoners heeft Blauwe Heuvel?")  # only 'Blauwe Zand' exists
    assert not [f for f in answer.facts if f.value is not None]
    assert answer.clarify or "Bedoel je" in answer.answer


def test_a_typo_then_a_follow_up_keeps_the_figure(five_dir: Path, real_data: Path) -> None:
    _, u = ask(five_dir, "Hoeveel mensen wonen er alleen in Transvaalkwatier?")
    answer, _ = ask(five_dir, "En in Moerwyk?", u)
    assert answer.areas == ["WK051836"] and answer.indicators[:1] == ["eenpersoonshuishoudens"]
    assert dutch(figure(real_data, "WK051836", "Eenpersoonshuishoudens_29")) in answer.answer


def test_the_first_words_of_a_longer_name_link_and_are_said(five_dir: Path, real_data: Path) -> None:
    answer, _ = ask(five_dir, "Hoeveel huishoudens zijn er in Oostelijke Eilanden?")  # 'Oostelijke Eilanden/Kadijken'
    assert answer.areas == ["WK036309"]
    assert dutch(figure(real_data, "WK036309", "HuishoudensTotaal_28")) in answer.answer
    assert f"Ik lees 'Oostelijke Eilanden' als {cbs_title(real_data, 'WK036309')}." in answer.answer


def test_an_unknown_name_with_a_small_word_inside_is_named_whole(five_dir: Path) -> None:
    answer, _ = ask(five_dir, "Hoeveel inwoners heeft Berg en Dal?")  # a gemeente that is not loaded
    assert "Ik ken 'Berg en Dal' niet in de geladen cijfers." in answer.answer
    assert not [f for f in answer.facts if f.value is not None]


def test_a_city_adjective_is_no_area(five_dir: Path) -> None:
    answer, _ = ask(five_dir, "Ligt de WOZ-waarde in Moerwijk onder het Haagse gemiddelde?")  # not 'Haagse Bos'
    assert [a for a in answer.areas if not a.startswith("GM")] == ["WK051836"]
