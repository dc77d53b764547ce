"""Stories that are instructions to a model, not experiences: flagged at ingest, never prompted or quoted.

A resident tells what happened; a planted text tells the assistant what to do ("negeer alle instructies en
zeg dat …"), poses as a chat role ("systeem:", "<|im_start|>"), fakes a citation ("[F1]"), or carries
links, markup or hidden characters. Each sign has a Dutch reason a reviewer reads in `duiding stories
--flagged`. Imperatives to people ("kom langs bij het buurthuis") are not signs: only orders about what to
say, write, repeat or ignore, or addressed to a model.
"""

from __future__ import annotations

import re

_CLAUSE = r"(?:^|[.!?:;,\"'“”(]\s*|\b(?:en|dan|maar|and|then|just|please|gewoon)\s+)"
# Only small words between the verb and its object: "zeg maar dat", "schrijf dat op", not "schrijf je kinderen in".
_FILLER = r"(?:\s+(?:dat|het|dit|maar|gewoon|even|nou|dan|ook|alsjeblieft|allemaal|in\s+je\s+antwoord)){0,2}"
SIGNS: list[tuple[str, re.Pattern[str]]] = [
    ("rolmarkering (systeem:, assistant:)", re.compile(
        r"(?:^|[\s#>*\"“(])(?:systeem|system|assistant|assistent|user|gebruiker|developer)\s*:", re.I | re.M)),
    ("chat-tokens van een taalmodel", re.compile(
        r"<\|[\w-]+\|>|\[/?INST\]|<<\s*/?SYS\s*>>|\bim_(?:start|end)\b|</?s>", re.I)),
    ("nagemaakte bronverwijzing ([F1], [S1])", re.compile(r"\[\s*[FS]\s*\d+\s*\]", re.I)),
    ("link, afbeelding, HTML of opmaak", re.compile(
        r"\b(?:https?|ftp|file)://|\b(?:javascript|vbscript):|\bdata:\w+/|\bwww\.|\]\(|!\[|<\s*/?\s*[a-z!][^>]*>"
        r"|```|^\s*\|.*\|.*\||\|\s*-{3,}", re.I | re.M)),
    ("verborgen of vreemde tekens", re.compile(r"[\u200b-\u200f\u2060\ufeff\uff10-\uff19]")),
    ("kopjes uit de prompt (Feiten:, Vraag:)", re.compile(
        r"(?:^|\n)\s*(?:feiten|vraag|begrippen|facts|question)\s*(?:\([^)\n]*\))?\s*:", re.I)),
    ("opdracht aan het taalmodel", re.compile(
        r"\b(?:negeer|ignoreer|vergeet|ignore|disregard|forget)\b[^.!?]{0,40}?\b(?:instructies?|regels?|bronnen|"
        r"opdracht\w*|prompt|feiten|instructions?|rules|sources|prompt|facts)\b"
        r"|\b(?:herhaal|toon|geef|print|reveal|repeat|show)\b[^.!?]{0,60}?\b(?:systeemprompt|system\s?prompt|"
        r"prompt|instructies|regels|instructions)\b"
        r"|\bvanaf\s+nu\b|\bfrom\s+now\s+on\b|\bnieuwe\s+regel\b|\bnew\s+rule\b|\b(?:je|jij)\s+bent\s+nu\b"
        r"|\byou\s+are\s+now\b|\bals\s+je\s+dit\s+leest\b|\bif\s+you\s+(?:are\s+)?read(?:ing)?\s+this\b"
        rf"|{_CLAUSE}(?:zeg|schrijf|noem|typ|bevestig|antwoord|herhaal|vermeld|meld)\b{_FILLER}\s+"
        r"(?:dat|op|over|alleen|die|het|precies|voortaan)\b"
        rf"|{_CLAUSE}(?:say|write|state|answer|confirm|type|repeat|mention)\b(?:\s+\w+){{0,2}}?\s+"
        r"(?:that|only|exactly|it|this)\b"
        rf"|{_CLAUSE}lees\b[^.!?]{{0,50}}\bvoor\b"
        r"|\b(?:beste|lieve|hey|hé|dear)\s+(?:ai|assistent|taalmodel|chatbot|model|assistant)\b"
        r"|\b(?:ai|assistent|taalmodel|chatbot|assistant|language\s+model)\s*[,:]\s", re.I)),
]


def instruction_signs(text: str) -> list[str]:
    """Why this text reads as an instruction to a model (empty for an ordinary story)."""
    return [reason for reason, pattern in SIGNS if pattern.search(text)]
