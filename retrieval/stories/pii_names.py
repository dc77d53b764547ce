"""Find person names: after titles ("mevrouw Jansen", "mevrouw de jong"), after relation words ("mijn buurman
Ahmed") and known first names with their surnames ("Jan de Vries", "piet van den broek", "anouk bakker").

Works on word tokens rather than one big regex so that stop words (organisations, months, nationalities,
street names) can veto a candidate. Case is a hint, not a rule: people write names in lowercase, so a
lowercase word counts when a word list or a tussenvoegsel says it is a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.stories.pii_patterns import Span
from retrieval.stories.pii_words import (
    ABBREVIATED,
    FORMAL_TITLES,
    RELATIONS,
    STOP_WORDS,
    TITLES,
    TUSSENVOEGSELS,
    common_words,
    first_name_lists,
    surnames,
)

_WORD = re.compile(r"['’]t(?![\w])|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PLAIN_GAP = re.compile(r"[ \t\u00a0]+")
_DOT_GAP = re.compile(r"\.[ \t\u00a0]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“]\s*|\n\s*)$")
_STREET_WORD = re.compile(
    r".{2,}(?:straat|laan|weg|kade|plein|gracht|singel|dreef|steeg|plantsoen|boulevard|markt|allee)$", re.I
)
_SURNAME_END = re.compile(
    r".{2,}(?:sen|sma|stra|inga|ink|kamp|huis|mans|ers|oglu|oğlu|ski|ska|wicz|escu|ić|ovic|ović|ani|ouni|aoui"
    r"|ali|dis|sewak|lal|din)$"
)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def _capitalised(tok: _Tok) -> bool:
    # All-caps words such as WMO and GGD are acronyms, not names.
    return tok.text[0].isupper() and not (len(tok.text) > 1 and tok.text.isupper())


def _strip_possessive(word: str) -> list[str]:
    # Possessives: "Ahmeds moeder", "Fatima's fiets".
    return [word] + [word[: -len(s)] for s in ("'s", "’s", "s") if word.endswith(s) and len(word) > len(s) + 2]


class _Scanner:
    """Walks the tokens of one text and collects name spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = [_Tok(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.names = first_name_lists()

    def adjacent(self, i: int, dot_ok: bool = False) -> bool:
        """Is token i+1 directly after token i (only spaces, or an abbreviation dot)?"""
        if i + 1 >= len(self.toks):
            return False
        gap = self.text[self.toks[i].end:self.toks[i + 1].start]
        return bool(_PLAIN_GAP.fullmatch(gap) or (dot_ok and _DOT_GAP.fullmatch(gap)))

    def opens_sentence(self, i: int) -> bool:
        return bool(_SENTENCE_END.search(self.text[:self.toks[i].start]))

    def after_digit(self, i: int) -> bool:
        return bool(re.search(r"\d\s*$", self.text[:self.toks[i].start]))

    def first_name(self, i: int) -> bool:
        """A first name that stands on its own (a surname may follow)."""
        tok, names = self.toks[i], self.names
        for word in _strip_possessive(tok.text):
            if _capitalised(tok) and (word in names.plain or word in names.capital_only):
                return True
            if _capitalised(tok) and word in names.mid_sentence and not self.opens_sentence(i):
                return True
            if tok.text.islower() and len(word) >= 3 and word in names.plain_lower and not self.after_digit(i):
                return True
        return False

    def surname_word(self, k: int, after_tussen: bool, lower_ok: bool) -> bool:
        """Is token k a surname (part)? Capitals count; lowercase needs a list, a tussenvoegsel or an ending."""
        tok = self.toks[k]
        if tok.low in STOP_WORDS or _STREET_WORD.match(tok.text) or len(tok.text) < 2:
            return False
        if _capitalised(tok):
            return True
        if not (lower_ok and tok.text.islower()):
            return False
        if tok.low in surnames():
            return True
        return tok.low not in common_words() and (after_tussen or bool(_SURNAME_END.match(tok.low)))

    def name_parts(self, j: int, leading_tussen: bool, max_parts: int = 3, lower_ok: bool = False) -> int | None:
        """Index of the last token of a name starting at token j, or None when there is none."""
        last = None
        k = j
        while k < len(self.toks) and max_parts > 0:
            m = k
            while (m < len(self.toks) and self.toks[m].low in TUSSENVOEGSELS
                   and (leading_tussen or last is not None or _capitalised(self.toks[m])
                        or self.toks[m].text.islower())
                   and self.adjacent(m)):
                m += 1
            if m >= len(self.toks) or not self.surname_word(m, m > k, lower_ok and last is None):
                break
            last, max_parts = m, max_parts - 1
            if not self.adjacent(m) or not _capitalised(self.toks[m]):
                break  # lowercase surnames are one word: "piet jansen", not "piet jansen zei"
            k = m + 1
        return last

    def skip_initials(self, j: int) -> int:
        while (j < len(self.toks) and len(self.toks[j].text) == 1 and self.toks[j].text.isupper()
               and self.text[self.toks[j].end:self.toks[j].end + 1] == "." and self.adjacent(j, dot_ok=True)):
            j += 1
        return j

    def after_title(self, i: int) -> tuple[int, int] | None:
        tok = self.toks[i]
        start = self.skip_initials(i + 1)
        nxt = self.toks[start] if start < len(self.toks) else None
        if nxt is None or (not _capitalised(nxt) and tok.low not in FORMAL_TITLES):
            return None
        last = self.name_parts(start, leading_tussen=True, lower_ok=tok.low in FORMAL_TITLES)
        return (i + 1, last) if last is not None else None

    def match_at(self, i: int) -> tuple[int, int] | None:
        """(first, last) token indexes of a name found at token i, or None."""
        tok = self.toks[i]
        if tok.low in TITLES and self.adjacent(i, dot_ok=tok.low in ABBREVIATED):
            return self.after_title(i)
        if self.skip_initials(i) > i:
            # "J. Bakker", "A.M. de Vries": initials before a surname mark a person.
            last = self.name_parts(self.skip_initials(i), leading_tussen=True, max_parts=1)
            return (i, last) if last is not None else None
        if tok.low in RELATIONS and self.adjacent(i) and _capitalised(self.toks[i + 1]) \
                and not self.first_name(i + 1):
            last = self.name_parts(i + 1, leading_tussen=False)
            return (i + 1, last) if last is not None else None
        if self.first_name(i) and not self.opens_street(i) and not self.opens_brand(i):
            lower = tok.text.islower()
            last = self.name_parts(i + 1, leading_tussen=True, lower_ok=lower) if self.adjacent(i) else None
            return (i, last if last is not None else i)
        if self.with_surname_only(i) and self.adjacent(i) and not self.opens_street(i):
            last = self.name_parts(i + 1, leading_tussen=True)
            return (i, last) if last is not None else None
        return None

    def opens_brand(self, i: int) -> bool:
        """'Albert Heijn': a first name followed by a capitalised stop word is an organisation."""
        return self.adjacent(i) and _capitalised(self.toks[i + 1]) and self.toks[i + 1].low in STOP_WORDS \
            and len(self.toks[i + 1].text) > 4

    def with_surname_only(self, i: int) -> bool:
        tok, names = self.toks[i], self.names
        return _capitalised(tok) and (tok.text in names.with_surname or tok.text in names.mid_sentence)

    def opens_street(self, i: int) -> bool:
        """'Willem Dreesweg', 'johan de wittlaan': a first name that belongs to a street name."""
        k = i + 1
        while k < len(self.toks) and self.adjacent(k - 1) and self.toks[k].low in TUSSENVOEGSELS:
            k += 1
        return k < len(self.toks) and self.adjacent(k - 1) and bool(_STREET_WORD.match(self.toks[k].text))

    def spans(self) -> list[Span]:
        found: list[Span] = []
        i = 0
        while i < len(self.toks):
            hit = self.match_at(i)
            if hit is None:
                i += 1
                continue
            first, last = hit
            found.append(Span("naam", self.toks[first].start, self.toks[last].end))
            i = last + 1
        return found


def find_name_spans(text: str) -> list[Span]:
    """Spans of person names in text."""
    return _Scanner(text).spans()
