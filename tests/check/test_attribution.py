"""The attribution and judgement checks on hand-built facts with sources: what is refused and what is not.

Facts carry area codes and years the way assistant/facts builds them (comparison: value's row, reference's
row); the area names come from a References map. The false-rejection cases matter as much as the refusals.
"""

from __future__ import annotations

import pytest

from assistant.check.attribution import AttributionCheck
from assistant.check.base import Evidence
from assistant.check.judgements import JudgementCheck
from assistant.check.references import References
from assistant.schemas import Fact, FactNumber, FactSource

MOERWIJK, CITY, BINCK = "WK051836", "GM0518", "WK051839"
REFS = References({MOERWIJK: "Moerwijk", CITY: "'s-Gravenhage", BINCK: "Binckhorst", "NL00": "Nederland"})
TOPIC = "Jongeren met jeugdzorg | Young people with youth care"


def _src(area: str, year: int, ind: str = "jeugdzorg_pct") -> FactSource:
    return FactSource(table="84583NED", indicator=ind, area_code=area, year=year, source_name="Bron: CBS",
                      dataset="84583NED", family="CBS KWB")


def _n(value: float, role: str = "value", unit: str = "percent") -> FactNumber:
    return FactNumber(value=value, unit=unit, decimals=1, role=role)


FACTS = [
    Fact(id="F1", kind="value", text="Jongeren met jeugdzorg in Moerwijk (2019): 11,5%.", numbers=[_n(11.5)],
         source=_src(MOERWIJK, 2019), indicator="jeugdzorg_pct", year=2019, topic=TOPIC),
    Fact(id="F2", kind="comparison", text="Moerwijk 11,5% en 's-Gravenhage 10,8%; +0,7 procentpunt.",
         numbers=[_n(11.5), _n(10.8, "reference"), _n(0.7, "difference")], source=_src(MOERWIJK, 2019),
         extra_sources=[_src(CITY, 2019)], indicator="jeugdzorg_pct", year=2019, topic=TOPIC),
    Fact(id="F3", kind="value", text="Bijstand in Moerwijk (2019): 11,6%.", numbers=[_n(11.6)],
         source=_src(MOERWIJK, 2019, "bijstand"), indicator="bijstand", year=2019,
         topic="Mensen met een bijstandsuitkering | People on social assistance"),
    Fact(id="F4", kind="spread", text="Jeugdzorg (2019): Moerwijk ligt in de middengroep: tussen 8,7% en 11,7%.",
         numbers=[_n(8.7, "quartile"), _n(11.7, "quartile")], source=_src(MOERWIJK, 2019),
         indicator="jeugdzorg_pct", year=2019, topic=TOPIC),
    Fact(id="F5", kind="top", text="De wijk met het hoogste cijfer voor jeugdzorg (2019): Binckhorst (21,2%).",
         numbers=[_n(21.2)], source=_src(BINCK, 2019), area_code=CITY, indicator="jeugdzorg_pct", year=2019,
         topic=TOPIC),
]


def _problems(text: str, previous: tuple[str, ...] = (), lang: str = "nl") -> list[str]:
    ev = Evidence(FACTS, [], lang, REFS, previous=previous)
    return [f"{p.category}: {p.text}" for c in (AttributionCheck(), JudgementCheck()) for p in c.problems(text, ev)]


@pytest.mark.parametrize("text", [
    "In Moerwijk is 10,8% van de jongeren in de jeugdzorg [F2].",
    "In Moerwijk ('s-Gravenhage) is 10,8% jongeren met jeugdzorg.",
    "In Moerwijk krijgt 11,5% van de jongeren jeugdzorg in 2021 [F1].",
    "In Moerwijk krijgt 11,6% van de jongeren jeugdzorg.",
    "In Binckhorst krijgt 11,5% jeugdzorg [F1].",
])
def test_a_number_said_about_the_wrong_area_year_or_indicator_is_refused(text: str) -> None:
    assert any(p.startswith("attribution:") for p in _problems(text)), text


@pytest.mark.parametrize("text,previous", [
    ("In Moerwijk krijgt 11,5% van de jongeren jeugdzorg [F1].", ()),
    ("In Den Haag is dat 10,8% [F2].", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",)),
    ("Het Haagse gemiddelde is 10,8% [F2].", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",)),
    ("Dat is 0,7 procentpunt meer [F2].", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",)),
    ("In de stad als geheel is het 10,8%.", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",)),
    ("Binckhorst heeft het hoogste cijfer: 21,2% [F5].", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",)),
    ("In Moerwijk heeft 11,6% van de inwoners een bijstandsuitkering en 11,5% van de jongeren jeugdzorg.", ()),
    ("Moerwijk ligt in de middengroep, tussen 8,7% en 11,7% [F4].", ()),
    ("De cijfers laten niet zien waardoor dit komt.", ()),
    ("Dat ligt hoger dan gemiddeld, omdat 11,5% meer is dan 10,8% [F2].", ()),
])
def test_correct_sentences_are_not_refused(text: str, previous: tuple[str, ...]) -> None:
    assert _problems(text, previous) == []


def test_english_forms() -> None:
    assert _problems("In Moerwijk, 10.8% of young people receive youth care [F2].", lang="en")
    assert _problems("Youth care in Moerwijk is high because of poverty.", lang="en")[0].startswith("cause:")
    assert _problems("In The Hague it is 10.8% [F2].", ("In Moerwijk 11.5% get youth care [F1].",), "en") == []


def test_a_recommendation_needs_a_first_place_and_a_judgement_a_quartile() -> None:
    middle = _problems("De ouderenconsulent moet extra ingezet worden in Moerwijk.")
    assert middle and middle[0].startswith("claim:") and "middengroep [F4]" in middle[0]
    assert _problems("Binckhorst heeft de jeugdzorg het meest nodig.") == []
    assert _problems("Moerwijk scoort slecht op jeugdzorg.")[0].startswith("claim:")
    assert _problems("Daarom moet daar extra aandacht naartoe.", ("In Moerwijk krijgt 11,5% jeugdzorg [F1].",))
    assert _problems("Het beleid werkt in Moerwijk.")[0].startswith("cause:")


def test_what_cannot_be_judged_is_interpretation_not_checked() -> None:
    ev = Evidence(FACTS, [], "nl", REFS)
    assert JudgementCheck().problems("Jongeren verdienen meer aandacht, dat moet prioriteit krijgen.", ev) == []
    assert ev.notes.interpretation and ev.notes.claims == 0
