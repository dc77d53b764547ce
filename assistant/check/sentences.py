"""Split streamed text into complete sentences, Dutch-aware, without losing a character.

`"".join(sentences) + rest == buffer` always holds: a sentence keeps its own text and the whitespace
after it starts the next piece, so the UI can concatenate released sentences as they come.
A boundary is only decided when the text after it is known; until then the tail stays in `rest`.
"""

from __future__ import annotations

import re

from assistant.check.claim_words import ABBREVIATIONS

TERMINALS = ".!?…"
CLOSERS = "\"')”’»"
CITATION_AT_RE = re.compile(r"\[\s*[FS]\d+(?:\s*[,;]\s*[FS]\d+)*\s*\]")
PARTIAL_CITATION_RE = re.compile(r"\[[\sFS\d,;]*$")
BULLET_RE = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s")
UNDECIDED = -1


def split_sentences(buffer: str) -> tuple[list[str], str]:
    """Complete sentences in buffer, and the rest that may still grow."""
    sentences: list[str] = []
    start = 0
    while True:
        end = _next_boundary(buffer, start)
        if end is None or end == UNDECIDED:
            return sentences, buffer[start:]
        sentences.append(buffer[start:end])
        start = end


def sentences_of(text: str) -> list[str]:
    """All sentences of a finished text (the rest counts as the last sentence)."""
    sentences, rest = split_sentences(text)
    return [*sentences, rest] if rest.strip() else sentences


def _next_boundary(buffer: str, start: int) -> int | None:
    """End of the sentence that starts at start; None when there is none yet, UNDECIDED when unsure."""
    for i in range(start, len(buffer)):
        char = buffer[i]
        if char == "\n" and buffer[start:i].strip():
            end = _newline_end(buffer, start, i)
            if end is not None:
                return end
        elif char in TERMINALS and (i + 1 == len(buffer) or buffer[i + 1] not in TERMINALS):
            end = _terminal_end(buffer, start, i)
            if end is not None:
                return end
    return None


def _newline_end(buffer: str, start: int, i: int) -> int | None:
    """A newline ends a sentence after a bullet line, a line ending in ':' or before a blank line."""
    line = buffer[buffer.rfind("\n", 0, i) + 1:i]
    if BULLET_RE.match(line) or line.rstrip().endswith(":"):
        return i
    following = buffer[i + 1:]
    stripped = following.lstrip(" \t")
    if stripped.startswith("\n"):
        return i
    return UNDECIDED if not stripped else None


def _terminal_end(buffer: str, start: int, i: int) -> int | None:
    """End after '.', '!' or '?' (plus closing quotes and trailing citations), or None if not an end."""
    end = i + 1
    while end < len(buffer) and buffer[end] in CLOSERS:
        end += 1
    if end == len(buffer):
        return UNDECIDED
    if not buffer[end].isspace():
        return None  # "10.8", "1.000", "o.a.x": not an end
    if buffer[i] == "." and (_is_abbreviation(buffer, start, i) or _is_list_marker(buffer, i)):
        return None
    return _attach_citations(buffer, end)


def _attach_citations(buffer: str, end: int) -> int | None:
    """Citations after the full stop ("hoger. [F2]") still belong to the sentence before it."""
    while True:
        nxt = end
        while nxt < len(buffer) and buffer[nxt].isspace():
            nxt += 1
        if nxt == len(buffer) or PARTIAL_CITATION_RE.match(buffer, nxt):
            return UNDECIDED
        found = CITATION_AT_RE.match(buffer, nxt)
        if found is None:
            # A lower-case start means the full stop was an abbreviation we do not know.
            return None if buffer[nxt].islower() and buffer[end - 1] == "." else end
        end = found.end()


def _is_abbreviation(buffer: str, start: int, i: int) -> bool:
    token = buffer[start:i + 1].split()[-1].lstrip("([\"'").lower()
    return token in ABBREVIATIONS


def _is_list_marker(buffer: str, i: int) -> bool:
    line_start = buffer.rfind("\n", 0, i) + 1
    return bool(re.fullmatch(r"\s*\d{1,2}", buffer[line_start:i]))
