"""Small pieces of sentence shared by understanding and composing."""

from __future__ import annotations


def word_list(items: list[str], word: str) -> str:
    """'A, B en C' / 'A, B or C': the items joined with commas and `word` before the last; '' for none."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
