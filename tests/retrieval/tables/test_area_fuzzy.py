"""Typos per word with a tolerance that grows with the word (retrieval/tables/area_fuzzy.py)."""

from __future__ import annotations

import pytest

from retrieval.tables.area_fuzzy import FuzzyNames, distance, tolerance

NAMES = ["kijkduin en ockenburgh", "ockenburgh", "moerwijk", "wateringse veld", "van brakelkwartier", "laak"]
PARTS = ["brakelkwartier", "kijkduin"]


@pytest.mark.parametrize("a, b, d", [("okcenburgh", "ockenburgh", 1), ("moerwjik", "moerwijk", 1),
                                     ("waterinse", "wateringse", 1), ("abc", "xyz", 3), ("same", "same", 0)])
def test_distance_counts_a_swap_as_one_edit(a: str, b: str, d: int) -> None:
    assert distance(a, b, 5) == d
    assert distance(a, b, d - 1) == d if d else True  # over the limit: limit + 1


def test_tolerance_grows_with_the_word() -> None:
    assert [tolerance("x" * n) for n in (4, 5, 10, 11)] == [0, 1, 1, 2]


@pytest.mark.parametrize("said, meant", [
    ("kijkduin en okcenburgh", ["kijkduin en ockenburgh"]),  # one word of three misspelt
    ("moerwyk", ["moerwijk"]), ("moerwujk", ["moerwijk"]),    # y for ij, one slip
    ("waterinse veld", ["wateringse veld"]),
    ("brakelkwartir", ["brakelkwartier"]),                    # a part of a name: one slip
])
def test_typos_find_the_name(said: str, meant: list[str]) -> None:
    assert FuzzyNames(NAMES, PARTS).find(said) == meant


@pytest.mark.parametrize("said", [
    "lak",              # short words never
    "kwakelkwartier",   # two slips from a part of a name, and another first letter
    "noerwijk",         # the first letter is kept by a slip of the keyboard
    "wateringse", "ockenburg veld",
])
def test_no_reading_when_too_far(said: str) -> None:
    assert FuzzyNames(NAMES, PARTS).find(said) == []


def test_ordinary_words_are_never_typos() -> None:
    names = FuzzyNames(["wonen oost"])
    assert names.find("woner oost") == ["wonen oost"]
    assert names.find("woner oost", protected=frozenset({"woner"})) == []
