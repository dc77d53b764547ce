"""Area names as people say them, on the real KWB extracts of three gemeenten loaded without name lists.

Figures are recomputed here from the CBS CSVs with pandas; names come from CBS's national code list.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from support.api import api_settings
from support.paths import KWB_FIVE, NAMES_NL

from assistant.pipeline import AnswerService, store_view
from assistant.schemas import Answer, Question
from assistant.understand.places import find_places
from assistant.wiring import build_deps
from retrieval.tables.areas import AreaList, area_index

pytestmark = pytest.mark.real_data


def ask(data_dir: Path, question: str, area: str | None = None) -> Answer:
    deps = build_deps(api_settings(data_dir, llm="none"))
    return AnswerService(deps).ask(Question(question=question, area=area)).answer


def inhabitants(real_data: Path, file: int, code: str) -> str:
    df = pd.read_csv(real_data / KWB_FIVE[file][0], sep=";", dtype=str, encoding="utf-8-sig")
    value = int(df.loc[df["Codering_3"].str.strip() == code, "AantalInwoners_5"].iloc[0].strip())
    return f"{value:,}".replace(",", ".")


def cbs_names(real_data: Path, gemeente: str) -> set[str]:
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    nl = nl[nl["Municipality"].fillna("").str.strip() == gemeente]
    return set(nl["Title"].str.strip().str.replace(r"^(Wijk|Buurt)\s+\d+\s+", "", regex=True))


@pytest.mark.parametrize("question, code", [
    ("Hoeveel inwoners heeft Laak?", "WK051838"),               # a part of "Laakkwartier en Spoorwijk"
    ("Hoeveel inwoners wonen er in de Schilderswijk?", "WK051829"),  # the everyday name of "Schildersbuurt"
    ("Hoeveel inwoners heeft Wijk 36 Moerwijk?", "WK051836"),   # CBS's own prefix
])
def test_names_as_people_say_them_link_to_the_cbs_wijk(five_dir: Path, real_data: Path, question: str,
                                                        code: str) -> None:
    answer = ask(five_dir, question)
    assert answer.areas == [code]
    assert inhabitants(real_data, 1, code) in answer.answer  # Den Haag's latest year, 2021


def test_english_city_names(five_dir: Path, real_data: Path) -> None:
    for question in ("How many inhabitants does The Hague have?", "How many people live in Hague?"):
        answer = ask(five_dir, question)
        assert answer.areas == ["GM0518"], question
        assert inhabitants(real_data, 1, "GM0518").replace(".", ",") in answer.answer


@pytest.mark.parametrize("question, lang", [
    ("Is de jeugdzorg in Zuiderhout (Den Haag) hoog?", "nl"),
    ("Is youth care high in Zuiderhout in The Hague?", "en"),
])
def test_unknown_name_asks_back_with_real_names_and_no_figures(five_dir: Path, real_data: Path, question: str,
                                                               lang: str) -> None:
    answer = ask(five_dir, question)
    head = "Ik ken 'Zuiderhout' niet in de geladen cijfers. Bedoel je: " if lang == "nl" else \
        "I don't know 'Zuiderhout' in the loaded figures. Did you mean: "
    assert head in answer.answer
    offered = re.split(r", | of | or ", answer.answer.split(head)[1].split("?")[0])
    den_haag = cbs_names(real_data, "GM0518")
    assert len(offered) == 3 and all(re.sub(r" \(.*\)$", "", o) in den_haag for o in offered), offered
    assert not answer.facts and "10,8" not in answer.answer and "10.8" not in answer.answer


def test_an_unknown_wijk_next_to_its_city_never_gets_the_citys_figures(five_dir: Path) -> None:
    answer = ask(five_dir, "Hoeveel jongeren met jeugdzorg zijn er in Morgenhout (Den Haag)?")
    assert not answer.facts and not answer.areas[1:] and "10,8" not in answer.answer
    assert answer.answer.strip("_ \n").startswith("Ik ken 'Morgenhout' niet in de geladen cijfers. Bedoel je: ")
    assert "Morgenstond" in answer.answer  # the nearest real name in Den Haag


def test_a_name_in_two_loaded_gemeenten_asks_back_with_both(five_dir: Path) -> None:
    answer = ask(five_dir, "Hoeveel inwoners heeft Willemspark?")
    assert {c["code"] for c in answer.clarify} == {"WK051823", "WK036346"}
    assert "'s-Gravenhage" in answer.answer and "Amsterdam" in answer.answer and not answer.facts
    assert ask(five_dir, "Hoeveel inwoners heeft Willemspark in Amsterdam?").areas[0] == "WK036346"
    assert ask(five_dir, "Hoeveel inwoners heeft Willemspark?", area="Moerwijk").areas == ["WK051823"]


def test_a_part_of_a_name_in_another_city_than_the_one_named_is_asked_back(five_dir: Path) -> None:
    answer = ask(five_dir, "Hoeveel inwoners heeft Noordoost in Amsterdam?")
    assert answer.clarify and answer.clarify[0]["code"] == "WK034404" and not answer.facts
    assert "Bedoel je Noordoost (wijk, Utrecht)?" in answer.answer


def test_a_name_in_one_city_never_resolves_to_another_city(five_dir: Path) -> None:
    """Every wijk and buurt name that one loaded gemeente has and the others lack, asked plainly and as the
    second half of a longer name when its own city is not loaded."""
    data = build_deps(api_settings(five_dir, llm="none")).store.load()
    refs = store_view(data).refs
    index = area_index(refs)
    owners: dict[str, set[str]] = {}
    for r in refs:
        owners.setdefault(r.name, set()).add(index.gemeente[r.code])
    for name, gms in owners.items():
        if len(gms) != 1 or index.ref_by_code.get(next(iter(gms))) is None:
            continue
        found = find_places(refs, f"Hoeveel inwoners heeft {name}?")
        assert all(index.gemeente[a.code] in gms for a in found.areas), (name, found.areas)
    # Amsterdam not loaded: "Slotermeer-Noordoost" must not become Utrecht's Noordoost
    without = AreaList([r for r in refs if index.gemeente[r.code] != "GM0363"])
    found = find_places(without, "Hoeveel inwoners heeft Slotermeer-Noordoost?")
    assert not found.areas and found.loose and [a.code for a in found.clarify] == ["WK034404"]
