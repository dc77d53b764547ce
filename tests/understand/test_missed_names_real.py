"""A name that links to nothing while other areas in the question do is said, never dropped: 'Laak en Escamp'
answers Laak and says it does not know Escamp (a stadsdeel, no CBS area). A part of a name in another city
than the one the question names is no reading: 'Amsterdam Nieuw-West' never becomes Utrecht's West.

Real KWB extracts of Den Haag, Utrecht and Amsterdam, loaded without name lists; names from CBS's list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import NAMES_NL
from support.understanding import ask

pytestmark = pytest.mark.real_data


HAAG, AMS, UTR = "GM0518", "GM0363", "GM0344"


def cbs(real_data: Path, gemeente: str) -> dict[str, str]:
    """Name -> code for the wijken and buurten of one gemeente (by code), from the national list."""
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    nl = nl[nl["Municipality"].fillna("").str.strip() == gemeente]
    names = nl["Title"].str.strip().str.replace(r"^(Wijk|Buurt)\s+\d+\s+", "", regex=True)
    return dict(zip(names, nl["Key"].str.strip(), strict=True))


def test_an_unknown_second_area_is_said_and_the_known_one_answered(five_dir: Path, real_data: Path) -> None:
    haag = cbs(real_data, HAAG)
    assert "Escamp" not in haag  # the premise: a stadsdeel, not a CBS wijk or buurt
    answer, u = ask(five_dir, "Wat is het verschil tussen Laak en Escamp in bijstand?")
    assert u.areas and [a.code for a in u.areas] == [haag["Laakkwartier en Spoorwijk"]]
    said = [n for n in answer.notices if "Escamp" in n]
    assert said and "alleen over Laakkwartier en Spoorwijk" in said[0], answer.notices
    assert said[0] in answer.answer  # on screen, not only in the record
    assert answer.facts  # the known area is still answered


def test_the_notice_does_not_travel_to_a_follow_up(five_dir: Path, real_data: Path) -> None:
    _, u = ask(five_dir, "Vergelijk Moerwijk en Zonnewijk op jeugdzorg")
    assert any("Zonnewijk" in n for n in u.notices)
    answer, u2 = ask(five_dir, "En in Transvaal?", u)
    assert not any("Zonnewijk" in n for n in answer.notices)
    assert [a.code for a in u2.areas] == [cbs(real_data, HAAG)["Transvaalkwartier"]]


def test_english_questions_get_the_notice_in_english(five_dir: Path) -> None:
    answer, _ = ask(five_dir, "Compare youth care in Moerwijk and Zonnewijk")
    said = [n for n in answer.notices if "Zonnewijk" in n]
    assert said and said[0].startswith("I don't know 'Zonnewijk'"), answer.notices


def test_a_part_of_a_name_in_another_city_is_no_reading(five_dir: Path, real_data: Path) -> None:
    amsterdam = cbs(real_data, AMS)
    assert "Nieuw-West" not in amsterdam and "West" in cbs(real_data, UTR)
    answer, u = ask(five_dir, "How many people live in Amsterdam Nieuw-West?")
    assert not u.clarify and u.unknown_area == "Nieuw-West"
    assert not answer.facts  # no figures of Amsterdam as a whole, nor of Utrecht's West
    assert "Nieuw-West" in answer.answer and "Utrecht" not in answer.answer
    suggested = answer.answer.split("Did you mean:")[-1]
    assert any(name in suggested for name in amsterdam), answer.answer


@pytest.mark.parametrize("question", [
    "Is de jeugdzorg in Moerwijk hoger dan in Den Haag en Nederland?",
    "Vergelijk Moerwijk en Transvaal op WMO en Jeugdzorg",
    "Hoeveel inwoners hebben Ypenburg en Leidschenveen?",
])
def test_known_names_in_a_list_raise_no_notice(five_dir: Path, question: str) -> None:
    answer, u = ask(five_dir, question)
    assert len(u.areas) >= 2
    assert not any("niet in de geladen cijfers" in n for n in answer.notices), answer.notices


@pytest.mark.parametrize("question", [
    "Moerwijk: bezit men daar zelf het dak boven het hoofd?",  # 'het hoofd' is no typo of 'P.C. Hooft'
    "Hoeveel ouderen in Moerwijk hebben de zaak op orde?",
])
def test_an_ordinary_word_after_an_article_is_no_area(five_dir: Path, real_data: Path, question: str) -> None:
    _, u = ask(five_dir, question)
    assert [a.code for a in u.areas] == [cbs(real_data, HAAG)["Moerwijk"]]
