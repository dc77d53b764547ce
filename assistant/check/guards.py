"""Checks on LLM text beyond numbers: the question's language, no quoted system prompt, no links or markup.

The number checker proves figures; these catch what an obedient model does when a story or question tells
it to: switch language, recite its instructions, or plant a link or image for the UI to fetch. The gate
runs them on every sentence before it is shown. `inert_markdown` makes story text safe to put in markdown.
"""

from __future__ import annotations

import re

from assistant.check.base import Evidence, register_check
from assistant.check.references import References
from assistant.schemas import Problem

# Function words and everyday domain words; names and words both languages share ("is", "in") are left out.
NL_MARKERS = frozenset((
    "de", "het", "een", "en", "van", "dat", "die", "er", "dan", "niet", "maar", "ook", "zijn", "heeft", "hebben",
    "wordt", "worden", "bij", "naar", "voor", "uit", "veel", "meer", "minder", "hoger", "lager", "dit", "deze",
    "wat", "wie", "waar", "hoe", "ligt", "gaat", "huishoudens", "inkomen", "bewoners", "inwoners", "wijk", "buurt",
    "jongeren", "armoede", "stad", "vergeleken", "gemiddeld", "laag", "hoog",
))
EN_MARKERS = frozenset((
    "the", "and", "of", "that", "there", "than", "not", "but", "also", "are", "has", "have", "were", "this",
    "these", "which", "who", "where", "how", "higher", "lower", "more", "less", "people", "their", "with", "from",
    "into", "households", "income", "residents", "inhabitants", "district", "neighbourhood", "neighborhood",
    "youth", "poverty", "city", "compared", "average", "low", "high",
))
MIN_MARKERS = 2  # a sentence needs this many function words of the other language to count as foreign
QUOTED_RE = re.compile(r"[\"“„][^\"“”„]*[\"”]")
LEAK_WORDS = 8  # this many consecutive words of the system prompt is a quotation, not a coincidence
SHORT_LEAK_WORDS = 5
EXAMPLE_HEADING = "Voorbeeld:"  # assistant.llm.prompting.example_text starts the worked example with this line
CITATION_RE = re.compile(r"\[\s*[FS]\d+(?:\s*[,;]\s*[FS]\d+)*\s*\]")
URL_SCHEME_RE = re.compile(r"\b(https?|ftp|file)://|\b(www)\.", re.IGNORECASE)
MARKUP_RE = re.compile(  # URLs, script URLs, data URIs, markdown links and images, HTML tags
    r"\b(?:https?|ftp|file)://|\b(?:javascript|vbscript):|\bdata:\w+/|\bwww\.|\]\(|!\[|<\s*/?\s*[a-z!][^>]*>",
    re.IGNORECASE,
)


def language_problem(sentence: str, lang: str) -> str | None:
    """A sentence written in the other language than the question (quotes from stories do not count)."""
    words = re.findall(r"[a-zà-ÿ]+", QUOTED_RE.sub(" ", sentence).lower())
    nl, en = sum(w in NL_MARKERS for w in words), sum(w in EN_MARKERS for w in words)
    if lang == "nl" and en >= MIN_MARKERS and en > 2 * nl:
        return "deze zin is Engels; antwoord in het Nederlands"
    if lang == "en" and nl >= MIN_MARKERS and nl > 2 * en:
        return "this sentence is Dutch; answer in English"
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


class LeakGuard:
    """Finds sentences that quote the static system prompt (its rules are not answer text).

    A sentence leaks when it shares LEAK_WORDS consecutive words with the prompt, or when it cites no
    source and is, word for word, a piece of the prompt of at least SHORT_LEAK_WORDS words: an answer
    sentence always cites, a recited rule does not.
    """

    def __init__(self, system_prompt: str, n: int = LEAK_WORDS) -> None:
        # The worked example at the end is there to be imitated ("Dus ja, het is hoog."): only the rules count.
        words = _words(system_prompt.split(f"\n{EXAMPLE_HEADING}", 1)[0])
        self.n = n
        self.grams = {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
        self.joined = f" {' '.join(words)} "

    def problem(self, sentence: str) -> str | None:
        words = _words(CITATION_RE.sub(" ", sentence))
        quoted = any(tuple(words[i:i + self.n]) in self.grams for i in range(len(words) - self.n + 1))
        uncited_piece = (not CITATION_RE.search(sentence) and len(words) >= SHORT_LEAK_WORDS
                         and f" {' '.join(words)} " in self.joined)
        if quoted or uncited_piece:
            return "deze zin citeert de instructies van Duiding; beantwoord alleen de vraag"
        return None


def markup_problem(sentence: str) -> str | None:
    """Links, images, HTML and link definitions: the answer cites [F1]/[S1], it never links out."""
    if MARKUP_RE.search(sentence):
        return "deze zin bevat een link, afbeelding of HTML; gebruik alleen tekst en [F1]/[S1]"
    return None


def inert_markdown(text: str) -> str:
    """Story text, safe inside markdown: one line, no link, image, HTML or clickable URL survives."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace("<", "‹").replace(">", "›").replace("](", "] (").replace("![", "! [")
    # Defanged the way security reports write URLs: still readable, never linked or fetched.
    return URL_SCHEME_RE.sub(lambda m: f"{m.group(1)}[:]//" if m.group(1) else f"{m.group(2)}[.]", text)


class PlaceGuard:
    """A sentence may only name places that the facts or the cited stories name.

    Names are matched case-sensitively on word boundaries, so "Zuid" the stadsdeel is a place and "zuid" in
    running text is not. A name inside a longer known name ("Oost" in "Oosterkade") does not count.
    """

    def __init__(self, places: References, allowed_text: str) -> None:
        self._places = places  # compiled once per store snapshot (assistant.pipeline)
        self._allowed = allowed_text

    def problem(self, sentence: str) -> str | None:
        for name, pattern, _ in self._places.places_in(QUOTED_RE.sub(" ", sentence)):
            if not pattern.search(self._allowed):
                return f"'{name}' staat niet in de feiten; noem alleen gebieden uit de feiten"
        return None


class LanguageCheck:
    name = "language"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        found = language_problem(sentence, evidence.lang)
        return [Problem(category="language", text=found)] if found else []


class LeakCheck:
    name = "leak"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        guard = evidence.memo("leak", lambda: LeakGuard(evidence.system_prompt))
        found = guard.problem(sentence)
        return [Problem(category="leak", text=found)] if found else []


class MarkupCheck:
    name = "markup"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        found = markup_problem(sentence)
        return [Problem(category="markup", text=found)] if found else []


class PlaceCheck:
    """No place the facts do not name ("Moerwijk ligt hoger dan Weverskwartier" with no fact about Weverskwartier)."""

    name = "place"

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]:
        guard = evidence.memo("place", lambda: PlaceGuard(evidence.refs, _allowed_places(evidence)))
        found = guard.problem(sentence)
        return [Problem(category="place", text=found)] if found else []


def _allowed_places(evidence: Evidence) -> str:
    return " ".join([f.text for f in evidence.facts] + [f.text_en for f in evidence.facts]
                    + [str(getattr(s, "area_name", "") or "") for s in evidence.stories])


for _check in (LanguageCheck(), LeakCheck(), MarkupCheck(), PlaceCheck()):
    register_check(_check)
