"""Names with a slip of the keyboard: compared word by word, with a tolerance that grows with the word.

'Okcenburgh' is 'Ockenburgh' (one swap), 'Waterinse Veld' is 'Wateringse Veld' (one letter in one word),
'Moerwyk' is 'Moerwijk' (people write y for ij). Short words must match exactly: 'Laak' is never 'Lak'.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.tables.area_parts import GENERIC


def fold(word: str) -> str:
    """Spelling variants that are no typo in Dutch: 'ij' and 'y'."""
    return word.replace("ij", "y")


def tolerance(word: str) -> int:
    """Edits allowed in one word of this length: none below 5 letters, one up to 10, two from 11."""
    n = len(word)
    return 0 if n < 5 else 1 if n < 11 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, change, swap two neighbours) from a to b; limit + 1 when more than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


class FuzzyNames:
    """Normalized names (and parts of names) indexed for typo lookup."""

    def __init__(self, names: Iterable[str], parts: Iterable[str] = ()) -> None:
        """`parts` are parts of names ('Ockenburgh' of 'Kijkduin en Ockenburgh'): read with one slip at most."""
        self.parts = set(parts) - set(names := list(names))
        self.words: dict[str, tuple[str, ...]] = {}
        self.by_token: dict[str, set[str]] = {}
        self.single: dict[str, set[str]] = {}  # one-word names by first letter and by last two letters
        for name in [*names, *self.parts]:
            words = tuple(name.split())
            if not words:
                continue
            self.words[name] = words
            for w in {*words, *map(fold, words)}:
                self.by_token.setdefault(w, set()).add(name)
            if len(words) == 1:
                for key in (f"^{words[0][:1]}", f"{words[0][-2:]}$", f"{fold(words[0])[-2:]}$"):
                    self.single.setdefault(key, set()).add(name)

    def find(self, phrase: str, protected: frozenset[str] = frozenset()) -> list[str]:
        """The names closest to the phrase (ties all returned), [] when none is within tolerance.

        Every word is compared with the word at the same place and the first letter must match; a word in
        `protected` (ordinary words of a question) must match exactly, and at least one distinctive word of
        the name must be matched."""
        words = tuple(phrase.split())
        if not words:
            return []
        if len(words) == 1:
            pool = set().union(*(self.single.get(k, set()) for k in (
                f"^{words[0][:1]}", f"{words[0][-2:]}$", f"{fold(words[0])[-2:]}$")))
        else:
            pool = set().union(*(self.by_token.get(w, set()) | self.by_token.get(fold(w), set()) for w in words))
        scored: dict[str, int] = {}
        for name in pool:
            cost = self._cost(words, self.words[name], protected, 1 if name in self.parts else 2)
            if cost is not None:
                scored[name] = cost
        if not scored:
            return []
        best = min(scored.values())
        return sorted(n for n, c in scored.items() if c == best)

    @staticmethod
    def _cost(words: tuple[str, ...], name: tuple[str, ...], protected: frozenset[str], most: int) -> int | None:
        if len(words) != len(name) or fold(words[0])[:1] != fold(name[0])[:1]:
            return None  # a slip of the keyboard keeps the first letter
        total, distinctive = 0, False
        for said, real in zip(words, name, strict=True):
            if said == real or fold(said) == fold(real):
                distinctive = distinctive or (real not in GENERIC and len(real) >= 4)
                continue
            limit = 0 if said in protected else min(tolerance(real), most)
            d = min(distance(said, real, limit), distance(fold(said), fold(real), limit))
            if d > limit:
                return None
            total += d
            distinctive = distinctive or real not in GENERIC
        return total if distinctive else None
