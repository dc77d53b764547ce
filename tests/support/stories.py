"""Small fictional story sets for the retrieval tests (demo city Duinhaven, codes GM9901)."""

from __future__ import annotations

from retrieval.models import Story
from retrieval.search.area_scope import AreaInfo

WIJK = "WK990101"  # Oude Haven
BUURT_BUSY = "BU99010101"  # Havenkwartier: enough stories of its own
BUURT_THIN = "BU99010102"  # Kerkbuurt: one story, falls back to the wijk
OTHER_WIJK = "WK990111"  # Lindenhove

AREAS = [
    AreaInfo("GM9901", "Duinhaven", "gemeente"),
    AreaInfo("SD990101", "Centrum", "stadsdeel", "GM9901"),
    AreaInfo(WIJK, "Oude Haven", "wijk", "SD990101"),
    AreaInfo(BUURT_BUSY, "Havenkwartier", "buurt", WIJK),
    AreaInfo(BUURT_THIN, "Kerkbuurt", "buurt", WIJK),
    AreaInfo("SD990103", "Zuid", "stadsdeel", "GM9901"),
    AreaInfo(OTHER_WIJK, "Lindenhove", "wijk", "SD990103"),
]

_TEXTS = [
    "Sinds mijn vrouw is overleden eet ik elke avond alleen. De buren groeten, maar verder spreek ik niemand.",
    "In de soos op dinsdag drinken we koffie met de ouderen uit de straat. Dan lachen we veel.",
    "Mijn zoon van vijftien hangt 's avonds op het plein omdat het jongerencentrum dicht is.",
    "De brieven van de deurwaarder stapelen zich op. Ik durf ze niet meer open te maken.",
    "De huur is weer omhoog gegaan en ik moet kiezen tussen boodschappen en de energierekening.",
    "Op school zie ik kinderen die zonder ontbijt binnenkomen. Ze kunnen zich slecht concentreren.",
]


def haven_stories() -> list[Story]:
    """Six stories in the busy buurt, one in the thin buurt, two on the wijk itself, two elsewhere."""
    themes = [["eenzaamheid"], ["ontmoeting"], ["jeugd"], ["schulden"], ["armoede", "wonen"], ["armoede", "onderwijs"]]
    roles = ["oudere", "vrijwilliger", "ouder", "bewoner", "bewoner", "leerkracht"]
    stories = [
        Story(id=f"T-{i + 1:02d}", text=text, area_code=BUURT_BUSY, date=f"2021-0{i + 1}-15", themes=themes[i],
              role=roles[i], signifiers={"gevoel": ["bang" if i % 2 else "boos"], "grip": 0.5})
        for i, text in enumerate(_TEXTS)
    ]
    stories += [
        Story(id="T-07", text="In de Kerkbuurt is het stil geworden sinds de bakker weg is. Ik mis het praatje.",
              area_code=BUURT_THIN, date="2022-03-01", themes=["eenzaamheid"], role="oudere",
              signifiers={"gevoel": ["verdrietig"]}),
        Story(id="T-08", text="Als wijkcoach zie ik veel alleenstaande ouders die hun rekeningen niet kunnen betalen.",
              area_code=WIJK, date="2023-06", themes=["schulden"], role="wijkcoach"),
        Story(id="T-09", text="Jongeren in de haven willen een eigen plek om te sporten en muziek te maken.",
              area_code=WIJK, date="2023-09-10", themes=["jeugd", "vrije_tijd"], role="jongerenwerker"),
        Story(id="T-10", text="Mijn moeder van negentig woont alleen en belt me elke dag omdat ze zich eenzaam voelt.",
              area_code=OTHER_WIJK, date="2020-11-02", themes=["eenzaamheid", "mantelzorg"], role="mantelzorger"),
        Story(id="T-11", text="De wachtlijst voor dagbesteding is zo lang dat mijn vader thuis zit te wachten.",
              area_code=OTHER_WIJK, date="2019-05-20", themes=["zorg"], role="mantelzorger"),
    ]
    return stories


def long_story(story_id: str = "T-LONG") -> Story:
    """A story long enough to be cut into several chunks."""
    sentences = [f"Dit is zin {i} over het buurthuis en de mensen die er elke week koffie drinken." for i in range(40)]
    return Story(id=story_id, text=" ".join(sentences), area_code=OTHER_WIJK, themes=["ontmoeting"], role="bewoner")
