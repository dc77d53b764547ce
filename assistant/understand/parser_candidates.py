"""The candidates the LLM parser may choose from, best first: ranked by how much of the question they match.

The list is short (a small model reads it), so its order decides what the model can pick at all: areas by how
closely a name resembles a run of the question's words, indicators by how many of the question's words their
title and catalogue words (retrieval/data/indicator_search_terms.yaml) share.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from assistant.understand.indicators import catalogue_table
from assistant.understand.model import Understanding
from retrieval.tables.areas import AreaRef, area_index, normalize

MAX_AREAS, MAX_INDICATORS = 8, 8
STOP = {"hoeveel", "welke", "inwoners", "mensen", "wonen", "heeft", "hebben", "zijn", "er", "wijk", "buurt", "the",
        "what", "how", "many", "which", "district", "jongeren", "huishoudens", "procent", "percentage", "aantal",
        "deze", "onze", "gaat", "there", "does", "have", "veel", "hoog", "hoge", "laag", "lage", "with", "about"}
Link = Callable[[str], list[tuple[str, float]]]


def content_words(question: str, minimum: int = 4) -> list[str]:
    return [w for w in normalize(question).split() if len(w) >= minimum and w not in STOP]


def phrases(question: str) -> list[str]:
    """Runs of up to five words that start and end with a content word, longest first: where an area name
    can hide ('mariahoeve en marlot' keeps its 'en')."""
    words = normalize(question).split()
    content = [len(w) >= 4 and w not in STOP for w in words]
    return [" ".join(words[i:i + n]) for n in range(5, 0, -1) for i in range(len(words) - n + 1)
            if content[i] and content[i + n - 1]]


def likeness(said: str, name: str) -> float:
    """0..1: the whole name against the words, or one word of the name against them (a part of the name)."""
    a, b = normalize(said), normalize(name)
    if not a or not b:
        return 0.0
    whole = difflib.SequenceMatcher(None, a, b).ratio()
    word = max((difflib.SequenceMatcher(None, a, w).ratio() for w in b.split() if len(w) >= 4), default=0.0)
    return max(whole, 0.9 * word)


def _score(spans: list[str], name: str) -> float:
    """The best likeness; a close reading of a longer name counts more ('Kijkduin en Okcenburgh' is the wijk
    'Kijkduin en Ockenburgh' more than its buurt 'Kijkduin')."""
    best = max((likeness(s, name) for s in spans), default=0.0)
    return best + 0.05 * (len(normalize(name).split()) - 1) if best >= 0.8 else best


def area_candidates(question: str, u: Understanding, refs: list[AreaRef]) -> list[AreaRef]:
    """The rules' own areas first, then names close to a run of the question's words, closest first."""
    index = area_index(refs)
    spans = [u.unknown_area] if u.unknown_area else []
    spans += phrases(question)
    pool: dict[str, AreaRef] = {}
    names = list(index.by_name)
    for span in spans:
        ns = normalize(span)
        close = difflib.get_close_matches(ns, names, n=4, cutoff=0.6)
        part = [n for n in names if len(ns) >= 4 and re.search(rf"\b{re.escape(ns)}", n)][:4]
        for r in [*index.nearest(span, n=4), *(r for n in [*close, *part] for r in index.by_name[n])]:
            pool.setdefault(r.code, r)
    ranked = sorted(pool.values(), key=lambda r: -_score(spans, r.name))
    first = [*u.areas, *u.clarify]
    out = first + [r for r in ranked if r not in first]
    return list({r.code: r for r in out}.values())[:MAX_AREAS]


def _word_hit(w: str, t: str) -> float:
    """1 for the same word (or a slip, a plural); 0.6 when one is inside the other ('woningen', 'koopwoningen')."""
    if w == t or difflib.SequenceMatcher(None, w, t).ratio() >= 0.85:
        return 1.0
    return 0.6 if min(len(w), len(t)) >= 5 and (w in t or t in w) else 0.0


def _overlap(words: list[str], text: str) -> float:
    """How much of the text's words the question's words match, 0..1."""
    target = [w for w in normalize(text).replace("-", " ").split() if len(w) >= 4]
    if not target or not words:
        return 0.0
    return sum(max(_word_hit(w, t) for w in words) for t in target) / len(target)


def indicator_candidates(question: str, u: Understanding, loaded: set[str], link: Link | None,
                         titles: dict[str, str] | None = None) -> list[str]:
    """The rules' own ids and the semantic links, then loaded indicators ranked by the words they share with
    the question (title and catalogue words), best first."""
    out = list(u.indicators) + list(u.missing_indicators)
    if link is not None:
        out += [i for i, _ in link(question)]
    words = content_words(question)
    texts: dict[str, list[str]] = {i: [t] for i, t in (titles or {}).items() if i in loaded}
    for phrase, ids in catalogue_table().items():
        for i in ids:
            if i in loaded:
                texts.setdefault(i, []).append(phrase)
    scored = {i: max(_overlap(words, t) for t in ts) for i, ts in texts.items()}
    out += [i for i in sorted(scored, key=lambda i: (-scored[i], i)) if scored[i] > 0]
    return [i for i in dict.fromkeys(out) if i in loaded][:MAX_INDICATORS]
