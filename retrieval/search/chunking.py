"""Split a story into sentence-aligned chunks of similar length."""

from __future__ import annotations

import math
import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")


def split_text(text: str, chunk_chars: int) -> list[str]:
    """Chunks of at most about chunk_chars, cut between sentences and balanced in length.

    Balanced, because a greedy packer leaves a short tail ("Volgend jaar weer.") that matches any query
    as well as the whole story does. Joining the chunks with spaces restores the text up to whitespace.
    """
    clean = text.strip()
    if len(clean) <= chunk_chars:
        return [clean or "-"]
    sentences = [s.strip() for s in _SENTENCE_END.split(clean) if s.strip()]
    target = len(clean) / math.ceil(len(clean) / chunk_chars)
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        # Close the chunk when adding this sentence would overshoot the target more than stopping short.
        if current and len(current) + len(sentence) / 2 > target:
            chunks.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        chunks.append(current)
    return chunks
