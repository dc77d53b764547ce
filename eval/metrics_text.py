"""Text measures that need no gold: readability (Flesch-Douma), citations, refusal and clarify signals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from eval.metrics_numbers import split_sentences, strip_markdown

CITE_RE = re.compile(r"\[\s*([FS]\d+(?:\s*[,;]\s*[FS]?\d+)*)\s*\]")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
REFUSAL_RE = re.compile(
    r"geen (?:cijfers?|gegevens|data|informatie|inwoners)|niet (?:beschikbaar|bekend|gepubliceerd|geladen)"
    r"|is geheim|ken ik niet|ken geen|heb ik niet|kan ik niet|onbekend|niet gevonden|no (?:data|figures?|figure"
    r"|information|inhabitants)|not (?:available|published|known|loaded)|do(?:es)? not know|don't know"
    r"|unknown|not found|suppressed|kept secret|is secret", re.I)
CLARIFY_RE = re.compile(r"welk(?:e)? (?:gebied|buurt|wijk) bedoel je|bedoel je|which (?:area|neighbourhood|"
                        r"district) do you mean|do you mean", re.I)
VOWELS = "aeiouy"


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    mean_sentence_length: float
    long_word_share: float
    flesch_douma: float


def syllables(word: str) -> int:
    """Dutch syllables: vowel groups, 'ij' as a vowel, a trema (ë, ï) starts a new syllable."""
    w = word.casefold().replace("ij", "y")
    w = re.sub(r"([ëïöüä])", r"|\1", w)
    w = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
    groups = [g for part in w.split("|") for g in re.findall(f"[{VOWELS}]+", part)]
    return max(1, len(groups))


def is_long(word: str) -> bool:
    return syllables(word) >= 4 or len(word) >= 13


def readability(text: str) -> Readability | None:
    """Flesch-Douma = 206.84 - 0.77 x syllables per 100 words - 0.93 x mean sentence length."""
    sentences = [s for s in split_sentences(CITE_RE.sub(" ", text)) if WORD_RE.search(s)]
    words = [w for s in sentences for w in WORD_RE.findall(s)]
    if not sentences or not words:
        return None
    syl_per_100 = sum(syllables(w) for w in words) / len(words) * 100
    msl = len(words) / len(sentences)
    return Readability(len(sentences), len(words), round(msl, 2),
                       round(sum(is_long(w) for w in words) / len(words), 4),
                       round(206.84 - 0.77 * syl_per_100 - 0.93 * msl, 2))


def citations(text: str) -> list[str]:
    """Every cited id, in order: '[F1, F2]' -> F1, F2; '[F1,3]' -> F1, F3."""
    out: list[str] = []
    for group in CITE_RE.findall(text):
        kind = group.strip()[0]
        for part in re.split(r"\s*[,;]\s*", group):
            part = part.strip()
            out.append(part if part[:1] in "FS" else f"{kind}{part}")
    return out


def says_no_data(text: str) -> bool:
    return bool(REFUSAL_RE.search(strip_markdown(text)))


def asks_back(text: str) -> bool:
    return bool(CLARIFY_RE.search(strip_markdown(text)))


def remove_quoted(text: str, quoted: list[str]) -> str:
    """Drop curated passages (glossary definitions, story excerpts) that the answer shows verbatim."""
    for passage in sorted((q for q in quoted if q and len(q) > 20), key=len, reverse=True):
        text = text.replace(passage, " ")
        flat = re.sub(r"\s+", " ", passage).strip()
        text = text.replace(flat, " ")
    return text
