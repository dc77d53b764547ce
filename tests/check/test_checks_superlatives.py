"""A superlative about an area needs a fact that puts that area first (assistant/superlatives.py)."""

from __future__ import annotations

import pytest
from support.facts import num

from assistant.check.numbers import check_text
from assistant.check.references import References
from assistant.schemas import Fact, FactSource

NAMES = {"WK990111": "Lindenhove", "WK990116": "Oosterkade", "WK990117": "Nieuw Wederik",
         "WK990118": "Veenpark", "GM9901": "Duinhaven"}
REFS = References(NAMES)


def fact(fid: str, kind: str, code: str, text: str, numbers: list[tuple[float, str]]) -> Fact:
    return Fact(id=fid, kind=kind, year=2023, text=text, numbers=[num(v, "count", role=r) for v, r in numbers],
                source=FactSource(table="t", indicator="x", area_code=code, year=2023, source_name="Bron: t"))


FACTS = [
    fact("F1", "rank", "WK990111", "Eenzaamheid (2023): Lindenhove is de hoogste van 20 wijken.", [(20, "of")]),
    fact("F2", "rank", "WK990116", "Laag inkomen (2023): Oosterkade is de 2e hoogste van 20 wijken.",
         [(2, "rank"), (20, "of")]),
    fact("F3", "top", "WK990117", "De 3 wijken met het laagste cijfer voor jeugdzorg (2023): Nieuw Wederik (6,0%), "
         "Veenpark (7,7%), Oosterkade (7,8%).", [(6.0, "value"), (7.7, "value"), (7.8, "value")]),
]


@pytest.mark.parametrize("sentence", [
    "Oosterkade is de armste wijk van Duinhaven [F2].",
    "Lindenhove heeft de laagste eenzaamheid [F1].",
    "Veenpark heeft de laagste jeugdzorg [F3].",
    "Nieuw Wederik heeft de hoogste jeugdzorg [F3].",
    "Dit is de hoogste van alle wijken [F2].",
])
def test_an_unbacked_first_place_is_refused(sentence: str) -> None:
    check = check_text(sentence, FACTS, refs=REFS)
    assert not check.ok and check.unsupported_numbers


@pytest.mark.parametrize("sentence", [
    "Lindenhove heeft de hoogste eenzaamheid van Duinhaven [F1].",
    "Nieuw Wederik heeft de laagste jeugdzorg [F3].",
    "Oosterkade heeft de op een na hoogste waarde [F2].",
    "Oosterkade hoort bij het hoogste kwart van de wijken.",
    "De grootste zorg in Oosterkade is geld.",
    "De meeste bewoners van Oosterkade hebben geen laag inkomen.",
    "Dit is de hoogste van 20 wijken [F1].",
    "Het laagste cijfer voor jeugdzorg in Duinhaven staat bovenaan de lijst [F3].",
])
def test_a_backed_or_unranked_sentence_passes(sentence: str) -> None:
    assert check_text(sentence, FACTS, refs=REFS).ok
