"""Find person names: after titles ("mevrouw Jansen"), after relation words ("mijn buurman Ahmed") and
known first names with their surnames ("Mohamed El Amrani", "Jan de Vries").

Works on word tokens rather than one big regex so that stop words (organisations, months, nationalities,
street names) can veto a candidate without the pattern growing unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from retrieval.stories.pii_patterns import Span

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PLAIN_GAP = re.compile(r"[ \t\u00a0]+")
_DOT_GAP = re.compile(r"\.[ \t\u00a0]*")

TITLES = frozenset({
    "mevrouw", "mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "juf", "juffrouw", "meester", "dokter",
    "dr", "ds", "dominee", "pastoor", "imam", "wijkagent", "agent", "zuster", "mr", "mrs", "ms", "miss", "familie",
    "fam"
})
_ABBREVIATED = frozenset({
    "mevr", "mw", "mnr", "dhr", "dr", "ds", "mr", "mrs", "ms", "fam"
})
RELATIONS = frozenset({
    "buurman", "buurvrouw", "buurjongen", "buurmeisje", "oom", "tante", "opa", "oma", "neef", "nicht", "broer",
    "broertje", "zus", "zusje", "zoon", "zoontje", "dochter", "dochtertje", "vader", "moeder", "man", "vrouw",
    "vriend", "vriendin", "vriendje", "vriendinnetje", "collega", "kleinzoon", "kleindochter", "kleinkind",
    "schoonzoon", "schoondochter", "schoonmoeder", "schoonvader", "schoonzus", "zwager", "partner", "echtgenoot",
    "echtgenote", "cliënt", "client", "klant", "leerling", "mentor", "begeleider", "coach", "jongerenwerker",
    "buurtwerker", "huisarts", "stagiair", "stagiaire", "kind", "jongen", "meisje", "baby"
})
TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "el", "al", "ben", "bin", "ait", "aït", "abu", "abou",
    "ould", "da", "dos", "du", "le", "la", "di", "del", "von"
})
# Capitalised words that are never a name in this position.
STOP_WORDS = frozenset({
    "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "u", "het", "de", "een", "die", "dat", "deze",
    "dit", "toen", "maar", "en", "of", "ook", "nu", "dan", "daar", "hier", "want", "omdat", "als", "wat", "wie",
    "waar", "hoe", "waarom", "er", "zo", "nog", "niet", "geen", "wel", "met", "op", "in", "aan", "bij", "naar",
    "voor", "na", "uit", "over", "zonder", "sinds", "tijdens", "volgens", "samen", "iedereen", "niemand", "alle",
    "elke", "ieder", "veel", "weinig", "ja", "nee", "dus", "daarna", "daarom", "eerst", "later", "gisteren",
    "vandaag", "morgen", "soms", "vaak", "nooit", "altijd", "zegt", "zei", "vertelt", "vertelde", "maandag",
    "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari", "maart", "april",
    "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", "wijkcentrum", "gemeente",
    "jeugdzorg", "wmo", "cbs", "ggd", "ggz", "politie", "school", "basisschool", "moskee", "kerk", "buurthuis",
    "bibliotheek", "voedselbank", "stichting", "wijkteam", "sociaal", "huisarts", "ziekenhuis", "uwv", "svb", "duo",
    "belastingdienst", "toeslagen", "thuis", "woningcorporatie", "jumbo", "lidl", "heijn", "aldi", "action",
    "kruidvat", "hema", "whatsapp", "facebook", "instagram", "tiktok", "snapchat", "youtube", "google", "corona",
    "covid", "ramadan", "kerst", "pasen", "suikerfeest", "offerfeest", "koningsdag", "sinterklaas", "divali", "god",
    "allah", "nederland", "nederlands", "nederlandse", "marokko", "marokkaans", "marokkaanse", "turkije", "turks",
    "turkse", "suriname", "surinaams", "surinaamse", "antilliaans", "antilliaanse", "curaçao", "aruba", "polen",
    "pools", "poolse", "syrië", "syrisch", "syrische", "somalië", "somalisch", "somalische", "eritrea", "eritrees",
    "eritrese", "afghaans", "afghaanse", "arabisch", "arabische", "engels", "engelse", "duits", "duitse", "frans",
    "franse", "berbers", "hindoestaans", "hindoestaanse", "javaans", "javaanse", "bulgaars", "roemeens",
    "koerdisch", "haag", "amsterdam", "rotterdam", "utrecht"
})
_STREET_WORD = re.compile(
    r".{2,}(?:straat|laan|weg|kade|plein|gracht|singel|dreef|steeg|plantsoen|boulevard|markt|allee)$", re.I
)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    path = Path(__file__).parents[1] / "data" / "first_names.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    plain = frozenset(w for line in lines if not line.startswith("?") for w in line.split())
    ambiguous = frozenset(w for line in lines if line.startswith("?") for w in line[1:].split())
    return plain, ambiguous


def first_names() -> frozenset[str]:
    """First names that mark a person on their own (retrieval/data/first_names.txt)."""
    return _name_lists()[0]


def ambiguous_first_names() -> frozenset[str]:
    """First names that are also ordinary words ("Said", "Roos"): a name only when a surname follows."""
    return _name_lists()[1]


def _is_first_name(word: str) -> bool:
    names = first_names()
    if word in names:
        return True
    # Possessives: "Ahmeds moeder", "Fatima's fiets".
    return any(word.endswith(suffix) and word[: -len(suffix)] in names for suffix in ("'s", "’s", "s"))


def _capitalised(tok: _Tok) -> bool:
    # All-caps words such as WMO and GGD are acronyms, not names.
    return tok.text[0].isupper() and not (len(tok.text) > 1 and tok.text.isupper())


def _name_word(tok: _Tok) -> bool:
    return _capitalised(tok) and tok.low not in STOP_WORDS and not _STREET_WORD.match(tok.text)


class _Scanner:
    """Walks the tokens of one text and collects name spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = [_Tok(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]

    def adjacent(self, i: int, dot_ok: bool = False) -> bool:
        """Is token i+1 directly after token i (only spaces, or an abbreviation dot)?"""
        if i + 1 >= len(self.toks):
            return False
        gap = self.text[self.toks[i].end:self.toks[i + 1].start]
        return bool(_PLAIN_GAP.fullmatch(gap) or (dot_ok and _DOT_GAP.fullmatch(gap)))

    def name_parts(self, j: int, leading_tussen: bool, max_parts: int = 3) -> int | None:
        """Index of the last token of a name starting at token j, or None when there is none."""
        last = None
        k = j
        while k < len(self.toks) and max_parts > 0:
            m = k
            while (m < len(self.toks) and self.toks[m].low in TUSSENVOEGSELS
                   and (leading_tussen or last is not None or _capitalised(self.toks[m]))
                   and self.adjacent(m)):
                m += 1
            if m >= len(self.toks) or not _name_word(self.toks[m]):
                break
            last, max_parts = m, max_parts - 1
            if not self.adjacent(m):
                break
            k = m + 1
        return last

    def skip_initials(self, j: int) -> int:
        while (j < len(self.toks) and len(self.toks[j].text) == 1 and self.toks[j].text.isupper()
               and self.text[self.toks[j].end:self.toks[j].end + 1] == "." and self.adjacent(j, dot_ok=True)):
            j += 1
        return j

    def match_at(self, i: int) -> tuple[int, int] | None:
        """(first, last) token indexes of a name found at token i, or None."""
        tok = self.toks[i]
        if tok.low in TITLES and self.adjacent(i, dot_ok=tok.low in _ABBREVIATED):
            start = i + 1
            last = self.name_parts(self.skip_initials(start), leading_tussen=True)
            return (start, last) if last is not None else None
        if self.skip_initials(i) > i:
            # "J. Bakker", "A.M. de Vries": initials before a surname mark a person.
            last = self.name_parts(self.skip_initials(i), leading_tussen=True, max_parts=1)
            return (i, last) if last is not None else None
        if tok.low in RELATIONS and self.adjacent(i) and _capitalised(self.toks[i + 1]):
            last = self.name_parts(i + 1, leading_tussen=False)
            return (i + 1, last) if last is not None else None
        if _is_first_name(tok.text) and not self.opens_street(i):
            last = self.name_parts(i + 1, leading_tussen=True) if self.adjacent(i) else None
            return (i, last if last is not None else i)
        if tok.text in ambiguous_first_names() and self.adjacent(i) and not self.opens_street(i):
            last = self.name_parts(i + 1, leading_tussen=True)
            return (i, last) if last is not None else None
        return None

    def opens_street(self, i: int) -> bool:
        """'Willem Dreesweg', 'Johan de Wittlaan': a first name that belongs to a street name."""
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
