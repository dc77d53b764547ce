"""A comparison must name the reference its numbers and direction come from (assistant/references.py).

The cases are the ones the embedded LLM wrote in the demo eval of 2026-11-22: "9,9 procentpunt hoger dan in
Duinhaven" where 9,9 is the difference with stadsdeel Zuid, and "hoger dan in Zuid" with no number at all.
"""

from __future__ import annotations

import pytest
from support.facts import num

from assistant.check.gate import GateLimits, gated_sentences
from assistant.check.numbers import check_text
from assistant.check.references import References
from assistant.llm.base import FakeLLM
from assistant.schemas import Fact, FactSource

NAMES = {"WK990111": "Lindenhove", "SD990103": "Zuid", "GM9901": "Duinhaven", "NL00": "Nederland",
         "WK990104": "Oosterkade"}


def comparison(fid: str, ref: str, ref_value: float, diff: float, rel: float) -> Fact:
    direction = "up" if diff > 0 else "down"
    return Fact(id=fid, kind="comparison", year=2023, unit="percent", decimals=1, direction=direction,
                text=f"Eenzaamheid 2023: Lindenhove 63,1% en {NAMES[ref]} {ref_value}%.",
                numbers=[num(63.1, "percent", 1), num(ref_value, "percent", 1, "reference"),
                         num(diff, "percent", 1, "difference"), num(rel, "percent", 1, "relative")],
                source=source("WK990111"), extra_sources=[source(ref)])


def source(code: str) -> FactSource:
    return FactSource(table="t", indicator="eenzaamheid_pct", area_code=code, year=2023, source_name="Bron: t")


FACTS = [comparison("F2", "SD990103", 53.2, 9.9, 18.6), comparison("F3", "GM9901", 49.1, 14.0, 28.5),
         comparison("F4", "NL00", 48.4, 14.7, 30.4)]
REFS = References(NAMES)


@pytest.mark.parametrize("sentence", [
    "Dit is 9,9 procentpunt hoger dan in Duinhaven.",
    "Dat is 9,9 procentpunt hoger dan in de stad [F2].",
    "Lindenhove ligt 9,9 procentpunt boven het stedelijk gemiddelde [F2].",
    "Het verschil met Nederland is groot: 18,6% hoger dan landelijk.",
    "In Lindenhove is het 63,1%, tegenover 53,2% in Duinhaven [F2].",
    "That is 14.0 percentage points higher than in Zuid.",
])
def test_a_difference_with_another_reference_is_refused(sentence: str) -> None:
    check = check_text(sentence, FACTS, lang="en" if sentence.startswith("That") else "nl", refs=REFS)
    assert not check.ok and "dat is de vergelijking met" in " ".join(check.unsupported_numbers)


@pytest.mark.parametrize("sentence", [
    "Dat is 9,9 procentpunt hoger dan in stadsdeel Zuid [F2].",
    "Dat is 14,0 procentpunt hoger dan in Duinhaven [F3].",
    "Lindenhove ligt 14,0 procentpunt boven het stedelijk gemiddelde [F3].",
    "Dat is 14,7 procentpunt meer dan landelijk [F4].",
    "Lindenhove ligt hoger dan Zuid en Duinhaven.",
    "In Lindenhove voelt 63,1% van de volwassenen zich eenzaam, meer dan in Zuid [F2].",
    "Lindenhove (63,1%) ligt hoger dan Zuid (53,2%) en Duinhaven (49,1%).",
])
def test_the_right_reference_passes(sentence: str) -> None:
    check = check_text(sentence, FACTS, refs=REFS)
    assert check.ok, check


def test_a_direction_without_numbers_is_judged_by_the_named_reference() -> None:
    lower = [comparison("F2", "SD990103", 12.0, -2.5, -20.8), comparison("F3", "GM9901", 10.1, -0.6, -5.9)]
    check = check_text("In 2023 was het in Lindenhove hoger dan in Zuid en Duinhaven.", lower, refs=REFS)
    assert check.wrong_directions and not check.ok
    assert check_text("In 2023 was het in Lindenhove lager dan in Zuid.", lower, refs=REFS).ok


def test_the_gate_holds_back_the_wrong_reference_and_keeps_the_facts_answer() -> None:
    llm = FakeLLM()
    for _ in range(2):  # the first attempt and the retry make the same mistake
        llm.enqueue("Dat is 9,9 procentpunt hoger dan in Duinhaven [F2].")
    events = list(gated_sentences(llm, [{"role": "user", "content": "q"}], FACTS, [], "nl",
                                  limits=GateLimits(), refs=REFS))
    assert not [e for e in events if e.kind == "sentence"]
    outcome = events[-1].outcome
    assert outcome is not None and outcome.info.fallback_used and outcome.text == ""
