"""Names in a question that linked to nothing while other areas did: 'Laak en Escamp' must not quietly become
Laak alone. The answer goes on about the areas found and says which name it does not know, with the nearest
real names in the same gemeente."""

from __future__ import annotations

import re

from assistant.core.words import word_list
from retrieval.tables.areas import AreaIndex, AreaRef, normalize

# the words that put two areas side by side: "Laak en Escamp", "Moerwijk of Zonnewijk", "X, Y", "X vs Y"
_BEFORE = re.compile(r"(?:\b(?:en|of|and|or|met|with|vs\.?|versus|tegenover|dan|than)\s+|,\s*)$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*(?:(?:en|of|and|or|met|with|vs\.?|versus|tegenover|dan|than)\s+|,\s*)([\w'-]+)",
                    re.IGNORECASE)
_NAME = re.compile(r"(?<![\w'-])[A-Z][\w'-]*[a-z][\w'-]*")


def missed_names(text: str, used: set[str], ordinary: set[str] | frozenset[str]) -> list[str]:
    """Capitalised words, not read as any area, that stand in a list with an area that was read."""
    out: list[str] = []
    for m in _NAME.finditer(text):
        name, head = m.group(), text[: m.start()]
        words = normalize(name).split()
        if not words or set(words) & used or set(words) <= ordinary or not head.strip() or head.rstrip()[-1:] in ".?!":
            continue
        before = _BEFORE.search(head)
        prev = re.findall(r"[\w'-]+", head[: before.start()])[-1:] if before else []
        after = _AFTER.match(text[m.end():])
        if (prev and normalize(prev[0]) in used) or (after and normalize(after.group(1)) in used):
            out.append(name)
    return list(dict.fromkeys(out))


def whole_word(text: str, phrase: str) -> str:
    """'West' as the user wrote it: the whole hyphenated word around it ('Nieuw-West')."""
    m = re.search(rf"[\w'-]*{re.escape(phrase)}[\w'-]*", text, re.IGNORECASE)
    return m.group() if m else phrase


def missed_notice(names: list[str], found: list[AreaRef], index: AreaIndex, language: str) -> str:
    """'Ik ken 'Escamp' niet in de geladen cijfers; het antwoord gaat alleen over Laakkwartier en Spoorwijk.
    Bedoel je: …?' — candidates from the gemeenten of the areas found."""
    nl = language == "nl"
    gemeenten = {index.gemeente[a.code] for a in found if a.code in index.gemeente}
    near = [r.name for n in names for r in index.nearest(n, gemeenten or None) if r not in found][:3]
    said = " en ".join(f"'{n}'" for n in names) if nl else " and ".join(f"'{n}'" for n in names)
    areas = word_list([a.name for a in found], "en" if nl else "and")
    text = (f"Ik ken {said} niet in de geladen cijfers; dit antwoord gaat alleen over {areas}." if nl
            else f"I don't know {said} in the loaded figures; this answer is only about {areas}.")
    if near:
        options = word_list(near, "of" if nl else "or")
        text += f" Bedoel je: {options}?" if nl else f" Did you mean: {options}?"
    return text

