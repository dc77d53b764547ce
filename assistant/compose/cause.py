"""Questions that ask for a cause ("Komt de hoge bijstand in X door …?"): figures show samenhang, not oorzaak.

The answer says so plainly, names both figures with their years, and warns when the years differ.
"""

from __future__ import annotations

import re

from assistant.facts.words import title
from assistant.schemas import Fact
from retrieval.tables.catalogue import Catalogue

CAUSE_RE = re.compile(
    r"\b(komt|komen|kwam)\b[^?]*\bdoor\b|^\s*ligt\b[^?]*\baan\b|\bligt (dat|het|dit) aan\b"
    r"|\b(oorza\w*|veroorza\w*|gevolg van|doordat|reden van)\b"
    r"|\b(because|caused?|due to|result of|reason for|leads? to)\b", re.IGNORECASE)


def asks_for_cause(question: str) -> bool:
    return bool(CAUSE_RE.search(question))


def _headline(facts: list[Fact], indicator: str) -> Fact | None:
    for kind in ("share", "value"):
        found = next((f for f in facts if f.kind == kind and f.indicator == indicator and f.year), None)
        if found is not None:
            return found
    return None


def cause_notices(question: str, indicators: list[str], facts: list[Fact], catalogue: Catalogue,
                  lang: str) -> list[str]:
    """The samenhang-not-oorzaak sentence, with both figures and their years; a warning when the years differ."""
    if not asks_for_cause(question):
        return []
    nl = lang == "nl"
    heads = [(d, f) for i in indicators if (d := catalogue.get(i)) and (f := _headline(facts, i))][:2]
    named = [f"{title(d, lang, lower=True)} ({f.year}) [{f.id}]" for d, f in heads]
    if nl:
        out = ["Je vraagt naar een oorzaak. De cijfers laten alleen samenhang zien (wat in dezelfde wijk samen "
               "voorkomt), geen oorzaak: dat het ene door het andere komt, bewijzen ze niet. Het kan ook om "
               "andere mensen in de wijk gaan, of om een derde oorzaak."]
        if len(named) == 2:
            out.append(f"De twee cijfers hieronder: {named[0]} en {named[1]}.")
    else:
        out = ["You ask for a cause. The figures only show association (what occurs together in the same area), "
               "not causation: they do not prove that one comes from the other. It may concern different "
               "people in the area, or a third cause."]
        if len(named) == 2:
            out.append(f"The two figures below: {named[0]} and {named[1]}.")
    years = [f.year for _, f in heads]
    if len(heads) == 2 and years[0] != years[1]:
        (d1, f1), (d2, f2) = heads
        out.append(f"Let op: de cijfers komen uit verschillende jaren ({title(d1, 'nl', lower=True)}: {f1.year}, "
                   f"{title(d2, 'nl', lower=True)}: {f2.year}). Ook daardoor kun je ze niet zomaar naast elkaar "
                   "leggen." if nl else
                   f"Note: the figures are from different years ({title(d1, 'en', lower=True)}: {f1.year}, "
                   f"{title(d2, 'en', lower=True)}: {f2.year}). That is another reason not to set them side by side.")
    return [" ".join(out)]
