"""What the LLM adds (issue 29): per answer, does the LLM text add a correct element the facts answer's lead
lacks, only repeat it, or was it refused? Deterministic heuristics, listed here and in every report.

Classes, decided in this order:
- `none`: no language model (backend none): adds nothing, by definition.
- `not_asked`: the model was not called (a small model without a story, a clarify question, no facts).
- `refused`: the checker refused the text (fallback to the facts answer) or the backend failed.
- `wrong`: shown, but the eval's own gold (independent of the checker) finds an unfaithful number or a wrong
  direction in the answer.
- `adds`: shown and correct, and at least one element below is in the LLM text but not in the lead.
- `repeats`: shown and correct, but none of the elements is new.

Elements (the lead is the facts answer up to its second block, see `lead_of`):
- `connection`: a figure tied to a story: the LLM text cites a story [S#] and a fact [F#], and the lead cites
  no story.
- `rephrase`: a term in plain words: an answer glossary term (or alias) in a sentence with an explaining
  phrase ("betekent", "dat wil zeggen", "oftewel", "met andere woorden", "means", "in other words"), or a
  natural frequency ("18 van de 100", "1 op de 5"); only when the lead has no such phrase.
- `next_step`: a sentence with an action phrase ("je kunt", "vraag ... ", "praat met", "bespreek", "ga in
  gesprek", "volgende stap", "ask", "talk to", "next step") or a question to the reader (ends in "?"), when
  the lead has none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from eval.metrics_numbers import split_sentences, strip_markdown

CLASSES = ("adds", "repeats", "wrong", "refused", "not_asked", "none")
STORY_RE = re.compile(r"\[\s*[^\]]*S\d+[^\]]*\]")
FACT_RE = re.compile(r"\[\s*[^\]]*F\d+[^\]]*\]")
EXPLAIN_RE = re.compile(r"\b(?:betekent|betekenen|dat wil zeggen|d\.w\.z\.|oftewel|met andere woorden|dat is:"
                        r"|means|in other words|that is,)", re.I)
FREQUENCY_RE = re.compile(r"\b\d+ (?:van|op) (?:de )?\d+\b|\b\d+ (?:out of|in) (?:every )?\d+\b", re.I)
STEP_RE = re.compile(r"\b(?:je kunt|kun je|u kunt|kunt u|vraag (?:eens |bijvoorbeeld )?(?:de |ouders|jongeren|"
                     r"bewoners|het team|in de wijk|na)|praat met|ga in gesprek|bespreek|neem contact|volgende stap"
                     r"|zoek (?:contact|uit)|you (?:could|can)|ask (?:the|parents|residents|young)|talk to"
                     r"|next step|check with)\b", re.I)
BLOCK_RE = re.compile(r"\n\s*\n")
HEADING_RE = re.compile(r"^\s*(?:\*\*[^*]+\*\*|#+ .+)\s*$")


def lead_of(deterministic: str) -> str:
    """The facts answer's lead: its first block of text (a heading line alone joins the block after it)."""
    blocks = [b for b in BLOCK_RE.split(deterministic.strip()) if b.strip()]
    lead: list[str] = []
    for block in blocks:
        lead.append(block)
        if not all(HEADING_RE.match(line) for line in block.splitlines() if line.strip()):
            break
    return "\n\n".join(lead)


def _sentences(text: str) -> list[str]:
    return [s for s in split_sentences(strip_markdown(text)) if s.strip()]


def _rephrase(text: str, terms: Sequence[str]) -> bool:
    if FREQUENCY_RE.search(text):
        return True
    low_terms = [t.casefold() for t in terms if t]
    return any(EXPLAIN_RE.search(s) and any(t in s.casefold() for t in low_terms) for s in _sentences(text))


def _step(text: str) -> bool:
    return any(STEP_RE.search(s) or s.rstrip(" .[]FS0123456789").endswith("?") for s in _sentences(text))


def elements(llm_text: str, lead: str, terms: Sequence[str]) -> list[str]:
    """The elements the LLM text has and the lead lacks."""
    found = []
    if STORY_RE.search(llm_text) and FACT_RE.search(llm_text) and not STORY_RE.search(lead):
        found.append("connection")
    if _rephrase(llm_text, terms) and not (FREQUENCY_RE.search(lead) or EXPLAIN_RE.search(lead)):
        found.append("rephrase")
    if _step(llm_text) and not _step(lead):
        found.append("next_step")
    return found


def classify(answer: Any, called: bool, correct: bool) -> tuple[str, list[str]]:
    """(class, elements) for one answer; `called`: the model streamed; `correct`: the eval's gold agrees."""
    if answer.llm.backend == "none":
        return "none", []
    if not called:
        return "not_asked", []
    if answer.llm.fallback_used or not answer.llm_text.strip():
        return "refused", []
    if not correct:
        return "wrong", []
    terms = [t for e in answer.glossary for t in [e.term, *e.aliases]]
    found = elements(answer.llm_text, lead_of(answer.deterministic), terms)
    return ("adds" if found else "repeats"), found


def summarize_value(values: Sequence[tuple[str, list[str]]]) -> dict[str, Any]:
    """Share of answers where the LLM adds something, the classes and the elements counted."""
    counts = Counter(v for v, _ in values)
    n, asked = len(values), len(values) - counts["not_asked"] - counts["none"]
    return {"share_adds": round(counts["adds"] / n, 4) if n else None, "n": n,
            "share_adds_when_asked": round(counts["adds"] / asked, 4) if asked else None,
            "classes": {c: counts[c] for c in CLASSES},
            "elements": dict(Counter(e for _, els in values for e in els))}
