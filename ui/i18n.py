"""Interface text: Dutch first, English available. Answers come in the question's language from the API."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

AUDIENCES: dict[str, dict[Lang, str]] = {
    "jongerenwerker": {"nl": "Jongerenwerker", "en": "Youth worker"},
    "beleid": {"nl": "Beleidsmedewerker", "en": "Policy officer"},
    "trainer": {"nl": "Trainer", "en": "Trainer"},
}

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"nl": "Duiding", "en": "Duiding"},
    "tagline": {"nl": "Cijfers en verhalen over je wijk, uitgelegd.",
                "en": "Neighbourhood figures and stories, explained."},
    "language": {"nl": "Taal", "en": "Language"},
    "audience": {"nl": "Ik ben", "en": "I am a"},
    "area": {"nl": "Wijk of buurt", "en": "District or neighbourhood"},
    "area_search": {"nl": "Zoek een gebied", "en": "Search an area"},
    "area_help": {"nl": "Met 'deze wijk' in je vraag bedoel je dit gebied.",
                  "en": "'This district' in your question means this area."},
    "no_area": {"nl": "(geen gebied)", "en": "(no area)"},
    "year": {"nl": "Jaar", "en": "Year"},
    "latest": {"nl": "Nieuwste", "en": "Latest"},
    "llm": {"nl": "Taalmodel", "en": "Language model"},
    "llm_ok": {"nl": "bereikbaar", "en": "reachable"},
    "llm_down": {"nl": "niet bereikbaar: je krijgt het feitenantwoord",
                 "en": "not reachable: you get the facts answer"},
    "llm_none": {"nl": "uit: alleen feitenantwoorden", "en": "off: facts answers only"},
    "api_down": {"nl": "De Duiding-API is niet bereikbaar.", "en": "The Duiding API is not reachable."},
    "new_chat": {"nl": "Nieuw gesprek", "en": "New conversation"},
    "ask": {"nl": "Stel je vraag, bijvoorbeeld: Is de jeugdzorg in deze wijk hoog?",
            "en": "Ask a question, for example: Is youth care in this district high?"},
    "empty": {"nl": "Vraag iets over de cijfers of verhalen van een wijk. Probeer:",
              "en": "Ask about the figures or stories of a district. Try:"},
    "checked": {"nl": "✓ alle cijfers gecontroleerd", "en": "✓ all numbers checked"},
    "fallback": {"nl": "terugval op feitenantwoord", "en": "fell back to the facts answer"},
    "facts_only": {"nl": "feitenantwoord (zonder taalmodel)", "en": "facts answer (no language model)"},
    "writing": {"nl": "Het taalmodel schrijft…", "en": "The language model is writing…"},
    "follow_ups": {"nl": "Vraag verder", "en": "Ask further"},
    "clarify": {"nl": "Welk gebied bedoel je?", "en": "Which area do you mean?"},
    "in": {"nl": "in", "en": "in"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "facts": {"nl": "Feiten", "en": "Facts"},
    "stories": {"nl": "Verhalen", "en": "Stories"},
    "table": {"nl": "tabel", "en": "table"},
    "indicator": {"nl": "indicator", "en": "indicator"},
    "fictional": {"nl": "fictief", "en": "fictional"},
    "glossary": {"nl": "Begrippen", "en": "Terms"},
    "example": {"nl": "Voorbeeld", "en": "Example"},
    "mistake": {"nl": "Veelgemaakte fout", "en": "Common mistake"},
    "ask_yourself": {"nl": "Vraag jezelf af", "en": "Ask yourself"},
    "charts": {"nl": "Grafieken", "en": "Charts"},
    "no_value": {"nl": "geen cijfer", "en": "no figure"},
    "provisional": {"nl": "voorlopig", "en": "provisional"},
    "final": {"nl": "definitief", "en": "final"},
    "error": {"nl": "Er ging iets mis", "en": "Something went wrong"},
}

EXAMPLES: dict[Lang, list[str]] = {
    "nl": ["Is de jeugdzorg in deze wijk hoog?", "Hoe is de bijstand in deze wijk veranderd sinds 2019?",
           "Wat vertellen bewoners over eenzaamheid?"],
    "en": ["Is youth care in this district high?", "How has social assistance changed here since 2019?",
           "What do residents say about loneliness?"],
}


def t(key: str, lang: Lang = "nl") -> str:
    """The interface text for key; a missing key shows itself, so it is easy to spot."""
    entry = TEXT.get(key)
    return entry[lang] if entry else key


PLURALS: dict[str, dict[Lang, tuple[str, str]]] = {
    "fact": {"nl": ("feit", "feiten"), "en": ("fact", "facts")},
    "story": {"nl": ("verhaal", "verhalen"), "en": ("story", "stories")},
}


def count(n: int, noun: str, lang: Lang = "nl") -> str:
    """'1 verhaal', '3 verhalen'."""
    one, many = PLURALS[noun][lang]
    return f"{n} {one if n == 1 else many}"


def audience_label(audience: str, lang: Lang = "nl") -> str:
    return AUDIENCES.get(audience, {}).get(lang, audience)
