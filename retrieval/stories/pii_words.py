"""Word lists for the name finder: titles, relation words, tussenvoegsels, stop words, and the data files
(first names by how safe they are, common surnames, common lowercase words)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parents[1] / "data"

TITLES = frozenset({
    "mevrouw", "mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "juf", "juffrouw", "meester", "dokter",
    "dr", "ds", "dominee", "pastoor", "imam", "wijkagent", "agent", "zuster", "mr", "mrs", "ms", "miss", "familie",
    "fam", "mister", "madam", "mevrouwtje",
})
# Titles after which a lowercase surname is still a surname ("mevrouw bakker"); "de agent kwam" is not.
FORMAL_TITLES = frozenset({
    "mevrouw", "mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "mr", "mrs", "ms", "miss", "mister",
})
ABBREVIATED = frozenset({"mevr", "mw", "mnr", "dhr", "dr", "ds", "mr", "mrs", "ms", "fam"})
RELATIONS = frozenset({
    "buurman", "buurvrouw", "buurjongen", "buurmeisje", "oom", "tante", "opa", "oma", "neef", "nicht", "broer",
    "broertje", "zus", "zusje", "zoon", "zoontje", "dochter", "dochtertje", "vader", "moeder", "man", "vrouw",
    "vriend", "vriendin", "vriendje", "vriendinnetje", "collega", "kleinzoon", "kleindochter", "kleinkind",
    "schoonzoon", "schoondochter", "schoonmoeder", "schoonvader", "schoonzus", "zwager", "partner", "echtgenoot",
    "echtgenote", "cliënt", "client", "klant", "leerling", "mentor", "begeleider", "coach", "jongerenwerker",
    "buurtwerker", "huisarts", "stagiair", "stagiaire", "kind", "jongen", "meisje", "baby", "son", "daughter",
    "neighbour", "neighbor", "brother", "sister", "friend", "husband", "wife", "mother", "father", "uncle",
    "aunt", "cousin", "colleague", "heet", "named", "called",
})
TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "el", "al", "ben", "bin", "ait", "aït", "abu",
    "abou", "ould", "da", "dos", "du", "le", "la", "di", "del", "von",
})
# Words that are never part of a name in this position, whatever their case.
_STOP_TEXT = """
ik jij je hij zij ze wij we jullie u het de een die dat deze dit toen maar en of ook nu dan daar hier want omdat
als wat wie waar hoe waarom er zo nog niet geen wel met op in aan bij naar voor na uit over zonder sinds tijdens
volgens samen iedereen niemand alle elke ieder veel weinig ja nee dus daarna daarom eerst later gisteren vandaag
morgen soms vaak nooit altijd zegt zei vertelt vertelde maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
januari februari maart april mei juni juli augustus september oktober november december wijkcentrum gemeente
jeugdzorg wmo cbs ggd ggz politie school basisschool moskee kerk buurthuis bibliotheek voedselbank stichting
wijkteam sociaal huisarts ziekenhuis uwv svb duo belastingdienst toeslagen thuis woningcorporatie jumbo lidl heijn
aldi action kruidvat hema whatsapp facebook instagram tiktok snapchat youtube google corona covid ramadan kerst
pasen suikerfeest offerfeest koningsdag sinterklaas divali god allah nederland nederlands nederlandse marokko
marokkaans marokkaanse turkije turks turkse suriname surinaams surinaamse antilliaans antilliaanse curaçao aruba
polen pools poolse syrië syrisch syrische somalië somalisch somalische eritrea eritrees eritrese afghaans
afghaanse arabisch arabische engels engelse duits duitse frans franse berbers hindoestaans hindoestaanse javaans
javaanse bulgaars roemeens koerdisch haag amsterdam rotterdam utrecht i you he she they it is was the a an and or
to of at on by my his her their our this that with from for not
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class FirstNames:
    """First names by how safe they are to read as a name."""

    plain: frozenset[str]  # a name in any case ("Piet", "piet")
    capital_only: frozenset[str]  # a name only with a capital ("Mark", not "mark")
    mid_sentence: frozenset[str]  # with a capital and not opening a sentence ("Ben", not "Ben je")
    with_surname: frozenset[str]  # only when a surname follows ("Said", "Roos")
    plain_lower: frozenset[str]


def _words(name: str) -> list[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_name_lists() -> FirstNames:
    """retrieval/data/first_names.txt, split by the line markers (~, ^, ?)."""
    groups: dict[str, set[str]] = {"": set(), "~": set(), "^": set(), "?": set()}
    for line in _words("first_names.txt"):
        mark = line[0] if line[0] in "~^?" else ""
        groups[mark].update(line[len(mark):].split())
    plain = frozenset(groups[""] - groups["~"] - groups["^"] - groups["?"])
    return FirstNames(plain, frozenset(groups["~"]), frozenset(groups["^"]), frozenset(groups["?"]),
                      frozenset(w.lower() for w in plain))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common surnames, lowercase (retrieval/data/surnames.txt)."""
    return frozenset(w for line in _words("surnames.txt") for w in line.split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary lowercase words that end a name (retrieval/data/common_words.txt)."""
    return frozenset(w for line in _words("common_words.txt") for w in line.split()) | STOP_WORDS
