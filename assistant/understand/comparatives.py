"""Comparative and judging words ('rijker', 'ouder', 'grijzer', 'richer') -> the indicator they usually mean.

The choice is always said in the answer: 'rijker: gemeten als gemiddeld inkomen per inwoner'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparative:
    word: str  # the word as written in the question
    indicators: tuple[str, ...]  # first loaded wins
    highest: bool  # the word points at high values of the indicator
    superlative: bool
    measure_nl: str
    measure_en: str


# stem regex (all forms: rijk, rijke, rijker, rijkere, rijkst, rijkste, rich, richer, richest) ->
# (indicator ids, high values mean the word, how it is measured nl, en)
WORDS: list[tuple[str, tuple[str, ...], bool, str, str]] = [
    (r"rijk(e|er|ere|st|ste)?|welvarend\w*|rich(er|est)?|wealth(y|ier|iest)|affluent",
     ("inkomen_per_inwoner",), True, "gemiddeld inkomen per inwoner", "average income per inhabitant"),
    (r"arm(e|er|ere|st|ste)|poor(er|est)?|poverty",
     ("laag_inkomen_pct",), True, "aandeel huishoudens met een laag inkomen", "share of households with a low income"),
    (r"oud(e|er|ere|st|ste)|old(er|est)|grijs|grijze|grijzer|grijzere|grijst|grijste|vergrijsd\w*|gr[ae]y(er|est)",
     ("leeftijd_65_plus",), True, "aandeel inwoners van 65 jaar of ouder", "share of inhabitants aged 65 or over"),
    (r"jong(e|er|ere|st|ste)?|young(er|est)?",
     ("leeftijd_0_15", "leeftijd_15_25"), True, "aandeel inwoners jonger dan 15 en van 15 tot 25 jaar",
     "share of inhabitants under 15 and aged 15-25"),
    (r"druk(ke|ker|kere|st|ste)?|drukbevolkt\w*|dichtbevolkt\w*|bus(y|ier|iest)|crowded|dens(e|er|est)",
     ("bevolkingsdichtheid",), True, "inwoners per km² land", "inhabitants per km² of land"),
    (r"rustig(e|er|ere|st|ste)?|quiet(er|est)?",
     ("bevolkingsdichtheid",), False, "inwoners per km² land (lager is rustiger)",
     "inhabitants per km² of land (lower is quieter)"),
    (r"duur|dure|duurder|duurdere|duurst|duurste|expensive|pricier|priciest",
     ("woz_waarde",), True, "gemiddelde WOZ-waarde van woningen", "average property value (WOZ)"),
    (r"goedko(op|pe|per|pere|pst|pste)|cheap(er|est)?",
     ("woz_waarde",), False, "gemiddelde WOZ-waarde van woningen (lager is goedkoper)",
     "average property value (WOZ, lower is cheaper)"),
    (r"gro(ot|te|ter|tere|otst|otste)|big(ger|gest)?|larg(e|er|est)",
     ("inwoners",), True, "aantal inwoners", "number of inhabitants"),
    (r"klein(e|er|ere|st|ste)?|small(er|est)?",
     ("inwoners",), False, "aantal inwoners (minder is kleiner)", "number of inhabitants (fewer is smaller)"),
]
_COMPILED = [(re.compile(rf"\b({stem})\b"), ids, hi, m_nl, m_en) for stem, ids, hi, m_nl, m_en in WORDS]
_SUPERLATIVE = re.compile(r"(st|ste|est|iest)$")


def find_comparative(text: str, loaded: set[str]) -> Comparative | None:
    low = text.lower()
    for pattern, ids, highest, m_nl, m_en in _COMPILED:
        m = pattern.search(low)
        if m is None or not any(i in loaded for i in ids):
            continue
        word = m.group(1)
        superlative = bool(_SUPERLATIVE.search(word)) and not word.startswith(("rust", "dicht"))
        return Comparative(word, tuple(i for i in ids if i in loaded), highest, superlative, m_nl, m_en)
    return None


def choice_notice(c: Comparative, language: str) -> str:
    return f"{c.word}: gemeten als {c.measure_nl}." if language == "nl" else f"{c.word}: measured as {c.measure_en}."
