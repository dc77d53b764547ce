"""Telling Dutch from English in a message: small lists of function words the other language does not use.

Names, codes, quotes, options and fields are left out first; a short text without such words passes.
"""

from __future__ import annotations

import re

_DUTCH_WORDS = """de het een van niet geen met voor naar dat die deze je wordt zijn heeft kan moet bij uit als ook nog
dan maar welke waar om te er hier alleen gebruik zet kies geef laad toon staat bestaat bestand regel kolom werkblad
verhaal verhalen jaar opnieuw zonder hebben weg eerst wacht probeer leeg bevat onbekende gevonden ongeldig"""
_ENGLISH_WORDS = """the a an and or not no with for to that this which you your are has have can must from only than
but there it be cannot does pass put give load show file line column sheet story stories year again without first
wait try check"""
DUTCH = frozenset(_DUTCH_WORDS.split())
ENGLISH = frozenset(_ENGLISH_WORDS.split())
NEUTRAL = re.compile(r"--[a-z-]+|\S+=\S+|`[^`]*`|'[^']*'|\"[^\"]*\"|\{[^}]*\}|https?://\S+|\b[A-Z_]{3,}\b"
                     r"|\S+\.(csv|xlsx|jsonl|md|yaml)\b")


def words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", NEUTRAL.sub(" ", text).lower())


def language_problem(text: str, lang: str) -> str | None:
    """Why `text` is not (only) `lang`, or None. Short texts without function words pass on no evidence."""
    found = words(text)
    own, other = (DUTCH, ENGLISH) if lang == "nl" else (ENGLISH, DUTCH)
    foreign = sorted({w for w in found if w in other and w not in own})
    if foreign:
        return f"has {'English' if lang == 'nl' else 'Dutch'} words {foreign}"
    if len(found) >= 7 and not any(w in own for w in found):
        return f"has {len(found)} words and none of them {lang}"
    return None
