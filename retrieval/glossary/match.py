"""Find glossary terms in free text: tolerant of inflection, spelling variants and small typos."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+|%")
# "1.000" and "1,000" mean one thousand; strip the separator so "per 1.000" == "per 1000".
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_VOWELS = set("aeiouy")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")

# Ordinary words that sit within typo distance of a term. They must never be read as a typo
# ("kwartier" is not "kwartiel", "herinnering" is not "herindeling"). Found by running every
# surface form against a Dutch word list; extend it when the question set shows a false positive.
_ORDINARY_TEXT = """
kwartier kwartel herinnering bijstaan bijstond vertaal verval verbaal verbale vergal verhak verhaak
verhappen verban verbannen verbrand verbrandde vergaand vergaande casual onzakelijk onzakelijke
deelgroep deelgroepen deelpopulatie gecijfer gemeentevisie doorsnede doorsneden doorsneed medina
merian meidans webster weefster westera westert westveer woester denominatie normeer normeren
afgescheurd afgescheurde onderduikt piekmoment ringnummer reverentie samentelling schild schilde
schilden schuilde schulz schulze significatie minimaal minimale peeling peelings stemproef dwaling
gedalfd gedeald gedraald gedwaald gefaald gerald gesteven schimmel schimmels schimmelen schimmelig
stijving uitschitteren bijbesteld bijgespeeld bijgeteld huizenrij afgeroomd afgetroond afgrond
afgronden afroomde ronding rondingen referentieadres welvaar welvaren geestweg schimmeling
"""
ORDINARY_WORDS = frozenset(_ORDINARY_TEXT.split())

_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an"})
# Dutch glues a measure word onto a term ("jeugdzorgcijfer", "eenzaamheidscijfers", "wmogebruik").
_MEASURE_SUFFIXES = (
    "percentages", "percentage", "gebruikers", "gebruik", "aantallen", "aantal", "gegevens", "cijfers",
    "cijfer", "scores", "score", "niveau", "data",
)

# Phrases that contain a term's word but mean something else; they are consumed before matching.
STOP_PHRASES = ("in verband met", "in verband hiermee")


def normalize(text: str) -> str:
    """Lower-case, strip accents and unify the separators that users type in many ways."""
    text = text.replace("‰", " promille ").replace("’", "").replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _THOUSANDS.sub("", plain)


def tokenize(text: str) -> list[str]:
    """Words, numbers and '%'; articles are dropped so "een wijk en een buurt" reads as "wijk en buurt"."""
    return [tok for tok in _TOKEN.findall(normalize(text)) if tok not in _ARTICLES]


def stem(token: str) -> str:
    """A deliberately light Dutch stemmer: enough to fold plurals and adjective endings."""
    if any(ch.isdigit() for ch in token) or len(token) < 4:
        return token
    word = token
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) >= 5 and word.endswith("en"):
        word = word[:-2]
    elif word.endswith("e"):
        word = word[:-1]
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]  # gezinnen -> gezinn -> gezin
    if word.endswith("v"):
        word = word[:-1] + "f"  # relatieve -> relatief
    elif word.endswith("z"):
        word = word[:-1] + "s"
    return _DOUBLE_VOWEL.sub(r"\1", word)  # mediaan/medianen -> median


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    """Keys next to each other on a QWERTY keyboard (as used in the Netherlands), rows offset."""
    position = {ch: (row, col + row * 0.5) for row, keys in enumerate(_KEYBOARD_ROWS) for col, ch in
                enumerate(keys)}
    return {
        a: frozenset(b for b, (rb, cb) in position.items() if b != a and abs(ra - rb) <= 1 and abs(ca - cb) <= 1)
        for a, (ra, ca) in position.items()
    }


_NEAR_KEYS = _neighbours()


def _substitution_cost(a: str, b: str) -> int:
    # A slip of the finger hits a neighbouring key; any other swap (verhaal/verbaal is fine, but
    # kwartiel/kwartier is not) usually makes a different word, so it costs as much as two edits.
    if a == b:
        return 0
    return 1 if b in _NEAR_KEYS.get(a, ()) else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Typo distance: Damerau-Levenshtein (adjacent swaps) where only neighbouring keys substitute
    at cost 1. Returns limit + 1 as soon as the distance must exceed the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = _substitution_cost(char_a, char_b)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_budget(length: int) -> int:
    """Edits allowed for a word of this length: none below 6 letters, one from 6, two from 10."""
    return 2 if length >= 10 else 1 if length >= 6 else 0


@dataclass(frozen=True)
class Surface:
    """One way of writing a term: its raw tokens and their stems."""

    term: str
    raw: tuple[str, ...]
    stems: tuple[str, ...]

    @property
    def key(self) -> str:
        return "".join(self.stems)


def surface_of(term: str, text: str) -> Surface:
    raw = tuple(tokenize(text))
    return Surface(term=term, raw=raw, stems=tuple(stem(tok) for tok in raw))


_GUARD = frozenset(stem(word) for word in ORDINARY_WORDS)
_STOP_KEYS = frozenset("".join(stem(t) for t in tokenize(p)) for p in STOP_PHRASES)


class TermMatcher:
    """Maps spans of a text to canonical terms; longer spans win over shorter ones."""

    def __init__(self, forms: Mapping[str, Iterable[str]]) -> None:
        self._surfaces = [surface_of(term, text) for term, texts in forms.items() for text in texts]
        self._surfaces = [s for s in self._surfaces if s.raw]
        self._exact = {s.key: s.term for s in self._surfaces}
        self._exact_tokens = frozenset(st for s in self._surfaces for st in s.stems)
        self._max_span = max((len(s.raw) for s in self._surfaces), default=1) + 1

    def lookup(self, text: str) -> str | None:
        """Canonical term for an exact surface form (after normalization and stemming)."""
        return self._exact.get(surface_of("", text).key)

    def match(self, text: str) -> list[str]:
        raw = tokenize(text)
        stems = [stem(tok) for tok in raw]
        used = [False] * len(raw)
        found: list[tuple[int, str]] = []
        for size in range(min(self._max_span, len(raw)), 0, -1):
            for start in range(len(raw) - size + 1):
                if any(used[start:start + size]):
                    continue
                span = slice(start, start + size)
                key = "".join(stems[span])
                term = None if key in _STOP_KEYS else self._match_span(raw[span], stems[span], key)
                if term is not None or key in _STOP_KEYS:
                    used[span] = [True] * size
                if term is not None:
                    found.append((start, term))
        ordered: list[str] = []
        for _, term in sorted(found):
            if term not in ordered:
                ordered.append(term)
        return ordered

    def _match_span(self, raw: list[str], stems: list[str], key: str) -> str | None:
        if key in self._exact:
            return self._exact[key]
        if len(raw) == 1 and (head := self._compound_head(raw[0])) is not None:
            return head
        if any(st in _GUARD for st in stems) or (len(stems) == 1 and stems[0] in self._exact_tokens):
            return None  # an ordinary or a known word is never a typo of a term
        for surface in self._surfaces:
            if self._close(raw, stems, key, surface):
                return surface.term
        return None

    def _compound_head(self, token: str) -> str | None:
        for suffix in _MEASURE_SUFFIXES:
            head = token[: -len(suffix)]
            if not token.endswith(suffix) or len(head) < 3:
                continue
            # Dutch often puts a linking "s" between the parts: eenzaamheid-s-cijfers.
            for part in (head, head[:-1] if head.endswith("s") else ""):
                if part and stem(part) in self._exact:
                    return self._exact[stem(part)]
        return None

    @staticmethod
    def _close(raw: list[str], stems: list[str], key: str, surface: Surface) -> bool:
        if key[:1] != surface.key[:1]:
            return False
        if len(raw) == len(surface.raw):
            return all(_token_close(a, b) for a, b in zip(stems, surface.stems, strict=True))
        # A compound split by the user and mistyped ("eenouder gezinen"): compare the joined stems. One
        # typed word is never fuzzed into a phrase: "overjas" must not become "over de jaren".
        if len(raw) < 2 or abs(len(raw) - len(surface.raw)) > 1 or _has_digit(key + surface.key):
            return False
        limit = min(1, typo_budget(min(len(key), len(surface.key))))
        return limit > 0 and edit_distance(key, surface.key, limit) <= limit


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _token_close(a: str, b: str) -> bool:
    """Numbers must match exactly; words may differ by the budget, but never in the first letter."""
    if a == b:
        return True
    # The budget follows the stems, which are shorter than the typed words: stricter on purpose.
    budget = typo_budget(min(len(a), len(b)))
    if budget == 0 or _has_digit(a + b) or a[:1] != b[:1]:
        return False
    return edit_distance(a, b, budget) <= budget
