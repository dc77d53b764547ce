"""Keyword search for Dutch text: accent folding, stopwords, a light suffix stemmer and Okapi BM25."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

# Function words only: words such as "veel", "weinig" or "geen" carry meaning in these stories.
STOPWORDS = frozenset({
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "des", "deze", "die", "dit", "door", "dus", "een", "en",
    "er", "ge", "had", "heb", "hebben", "heeft", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "jij",
    "jou", "jouw", "kan", "kon", "kunnen", "maar", "me", "mij", "mijn", "men", "met", "mn", "na", "naar", "niet",
    "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook", "op", "over", "te", "tegen", "toch", "toen", "tot", "u",
    "uit", "uw", "van", "voor", "waar", "wat", "was", "waren", "we", "wel", "werd", "wie", "wij", "word",
    "wordt", "worden", "ze", "zal", "zei", "zelf", "zich", "zij", "zijn", "zo", "zou", "zullen", "the", "a", "an",
    "and", "to", "are", "what", "how",
})

_TOKEN = re.compile(r"[a-z0-9]+")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
_DOUBLE_CONSONANT = re.compile(r"([bdfgklmnprst])\1$")
# Longest first; each needs a stem of at least 3 letters left over.
_SUFFIXES = ("heden", "heid", "tjes", "etje", "ingen", "jes", "tje", "en", "je", "e", "s")


def fold(text: str) -> str:
    """Lowercase without accents: 'cliënten' -> 'clienten'."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


# Words whose suffix carries meaning: "ouderen" are the elderly, "ouders" are parents.
_EXCEPTIONS = {"ouderen": "oudere", "oudere": "oudere"}


def stem(word: str) -> str:
    """A light Dutch stemmer: plurals, diminutives and -heid go, so 'eenzaamheid' meets 'eenzame'."""
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word[-2] not in "elnr":
                break  # plural -s only follows these letters; 'huis' and 'bus' keep theirs
            word = word[: -len(suffix)]
            if suffix == "ingen":
                word += "ing"
            break
    word = _DOUBLE_CONSONANT.sub(r"\1", word)
    # Open and closed syllables spell the same vowel differently: straat/straten, eenzaam/eenzame.
    word = _DOUBLE_VOWEL.sub(r"\1", word)
    if word.endswith("v"):
        word = word[:-1] + "f"
    elif word.endswith("z"):
        word = word[:-1] + "s"
    return word


def tokenize(text: str) -> list[str]:
    """Stemmed content words of a Dutch (or English) text."""
    return [stem(t) for t in _TOKEN.findall(fold(text)) if t not in STOPWORDS]


class BM25:
    """Okapi BM25 over a fixed list of documents (k1=1.2, b=0.75)."""

    def __init__(self, docs: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        tokenised = [tokenize(d) for d in docs]
        self.n_docs = len(tokenised)
        lengths = np.array([len(t) for t in tokenised], dtype=np.float64)
        avg = float(lengths.mean()) if self.n_docs else 1.0
        self._norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for i, tokens in enumerate(tokenised):
            for term, tf in Counter(tokens).items():
                self._postings.setdefault(term, []).append((i, tf))

    def idf(self, term: str) -> float:
        df = len(self._postings.get(term, ()))
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def coverage(self, query: str) -> np.ndarray:
        """Per document, the idf-weighted share of the query's words it contains (0..1).

        Unlike raw BM25 this does not grow with corpus size, so one threshold serves 10 or 10,000
        stories; words no document has count with the highest idf, so 'nieuwe ijsbaan' is not half
        covered by every story that says 'nieuwe'.
        """
        terms = set(tokenize(query))
        out = np.zeros(self.n_docs, dtype=np.float64)
        total = sum(self.idf(t) for t in terms)
        if not terms or total == 0:
            return out
        for term in terms:
            postings = self._postings.get(term, ())
            if postings:
                out[np.fromiter((p[0] for p in postings), dtype=np.int64, count=len(postings))] += self.idf(term)
        return out / total

    def scores(self, query: str) -> np.ndarray:
        """One score per document; 0 where no query term occurs."""
        out = np.zeros(self.n_docs, dtype=np.float64)
        for term in set(tokenize(query)):
            postings = self._postings.get(term)
            if not postings:
                continue
            idx = np.fromiter((p[0] for p in postings), dtype=np.int64, count=len(postings))
            tf = np.fromiter((p[1] for p in postings), dtype=np.float64, count=len(postings))
            out[idx] += self.idf(term) * tf * (self.k1 + 1) / (tf + self._norm[idx])
        return out
