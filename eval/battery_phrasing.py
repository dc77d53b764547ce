"""How people phrase questions: templates per indicator and kind, typos, colloquial names, bad input.

Written from how youth workers, policy staff and trainers ask (the seeds and issue 23), not from Duiding's
lexicon. `{a}` is an area as a person writes it, `{b}` a second area, `{t}` a threshold, `{s}` a service.
"""

from __future__ import annotations

import difflib
import random

# indicator -> Dutch value phrasings (the indicator a right answer names; alternatives as "a|b")
VALUE_NL: dict[str, tuple[str, ...]] = {
    "inwoners": ("Hoeveel inwoners heeft {a}?", "Hoeveel mensen wonen er in {a}?", "Hoe groot is de bevolking van {a}?",
                 "Wat is het inwonertal van {a}?"),
    "jeugdzorg_pct": ("Hoe hoog is de jeugdzorg in {a}?", "Hoeveel procent van de jongeren in {a} heeft jeugdzorg?",
                      "Wat is het percentage jongeren met jeugdzorg in {a}?"),
    "laag_inkomen_pct": ("Hoeveel huishoudens in {a} hebben een laag inkomen?",
                         "Wat is het aandeel huishoudens met een laag inkomen in {a}?",
                         "Hoe zit het met lage inkomens in {a}?"),
    "inkomen_per_inwoner": ("Wat is het gemiddelde inkomen per inwoner in {a}?",
                            "Hoeveel verdienen mensen in {a} gemiddeld per inwoner?"),
    "woz_waarde": ("Wat is de gemiddelde WOZ-waarde in {a}?", "Hoe duur zijn de woningen in {a} (WOZ)?"),
    "wmo_per_1000": ("Hoe hoog is het Wmo-gebruik in {a}?", "Hoeveel Wmo-cliënten zijn er per 1.000 inwoners in {a}?"),
    "leeftijd_65_plus": ("Hoeveel 65-plussers wonen er in {a}?", "Hoeveel ouderen wonen in {a}?"),
    "bijstand": ("Hoeveel mensen in {a} zitten in de bijstand?", "Hoeveel bijstandsuitkeringen zijn er in {a}?"),
    "eenpersoonshuishoudens": ("Hoeveel eenpersoonshuishoudens zijn er in {a}?",
                               "Hoeveel mensen wonen alleen in {a}?"),
    "huishoudens": ("Hoeveel huishoudens telt {a}?", "Hoeveel huishoudens zijn er in {a}?"),
    "leeftijd_0_15": ("Hoeveel kinderen onder de 15 wonen er in {a}?", "Hoeveel kinderen tot 15 jaar telt {a}?"),
    "koopwoningen_pct": ("Hoeveel procent van de woningen in {a} is een koopwoning?",),
}
VALUE_EN: dict[str, tuple[str, ...]] = {
    "inwoners": ("How many people live in {a}?", "What is the population of {a}?",
                 "How many inhabitants does {a} have?"),
    "jeugdzorg_pct": ("What share of young people in {a} receive youth care?",
                      "How high is youth care use in {a}?"),
    "laag_inkomen_pct": ("How many households in {a} have a low income?", "What is the share of low-income households "
                         "in {a}?"),
    "inkomen_per_inwoner": ("What is the average income per resident in {a}?",),
    "woz_waarde": ("What is the average house value (WOZ) in {a}?",),
    "leeftijd_65_plus": ("How many people aged 65 or over live in {a}?", "How many elderly people live in {a}?"),
    "bijstand": ("How many people in {a} receive social assistance?",),
    "huishoudens": ("How many households are there in {a}?",),
}
# explicit unit words: (template, indicator the unit word picks)
UNIT_NL = (
    ("Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in {a}?", "wmo_per_1000"),
    ("Wat is het aantal Wmo-cliënten per 1000 inwoners in {a}?", "wmo_per_1000"),
    ("Hoeveel mensen in {a} krijgen Wmo-ondersteuning?", "wmo_clienten"),
    ("Wat is het aantal Wmo-cliënten in {a}?", "wmo_clienten"),
    ("Welk percentage van de jongeren in {a} heeft jeugdzorg?", "jeugdzorg_pct"),
    ("Hoeveel jongeren in {a} hebben jeugdzorg, in aantallen?", "jeugdzorg"),
    ("Wat is het aantal jongeren met jeugdzorg in {a}?", "jeugdzorg"),
    ("Welk percentage van de huishoudens in {a} is een eenpersoonshuishouden?", "eenpersoonshuishoudens"),
    ("Hoeveel procent van de inwoners van {a} is 65 of ouder?", "leeftijd_65_plus"),
)
UNIT_EN = (
    ("How many Wmo clients per 1,000 inhabitants are there in {a}?", "wmo_per_1000"),
    ("How many people in {a} get Wmo support?", "wmo_clienten"),
    ("What percentage of young people in {a} get youth care?", "jeugdzorg_pct"),
    ("What is the number of young people with youth care in {a}?", "jeugdzorg"),
)
PROFILE_NL = ("Hoe gaat het met {a}?", "Wat speelt er in {a}?", "Vertel eens over {a}.", "Hoe staat {a} ervoor?",
              "Geef me een beeld van {a}.", "Wat valt op in {a}?")
PROFILE_EN = ("How is {a} doing?", "Tell me about {a}.", "What stands out in {a}?")
# service -> (indicators a sensible need ranking uses, eval's own reading of the service)
SERVICES: dict[str, tuple[str, ...]] = {
    "jongerenwerk": ("leeftijd_15_25", "jeugdzorg_pct", "jeugdzorg", "laag_inkomen_pct", "leeftijd_0_15",
                     "sociaal_minimum_pct", "huishoudens_met_kinderen", "bijstand"),
    "de ouderenconsulent": ("leeftijd_65_plus", "eenpersoonshuishoudens", "wmo_per_1000", "wmo_clienten",
                            "aow_uitkering", "laag_inkomen_pct"),
    "schuldhulp": ("laag_inkomen_pct", "sociaal_minimum_pct", "bijstand", "inkomen_per_inwoner", "ww_uitkering"),
    "mantelzorgondersteuning": ("wmo_per_1000", "wmo_clienten", "leeftijd_65_plus", "eenpersoonshuishoudens"),
}
NEED_NL = ("Waar is {s} het hardst nodig in {c}?", "In welke wijken van {c} moet {s} extra ingezet worden?",
           "Waar in {c} heeft {s} de meeste prioriteit?")
NEED_EN = {"jongerenwerk": "Where in {c} is youth work needed most?",
           "de ouderenconsulent": "In which districts of {c} should the elderly advisor do extra work?"}
# comparative word -> (templates, indicators it usually means)
INCOME = "inkomen_per_inwoner|laag_inkomen_pct|sociaal_minimum_pct|woz_waarde"
COMPARATIVE_NL = (
    ("Is {a} rijker dan {b}?", INCOME), ("Is {a} armer dan {b}?", INCOME),
    ("Wonen er in {a} rijkere mensen dan in {b}?", INCOME),
    ("Is {a} ouder dan {b}?", "leeftijd_65_plus|aow_uitkering"),
    ("Is {a} grijzer dan {b}?", "leeftijd_65_plus|aow_uitkering"),
    ("Is {a} jonger dan {b}?", "leeftijd_0_15|leeftijd_15_25|leeftijd_65_plus"),
    ("Is {a} duurder dan {b}?", "woz_waarde"),
    ("Is het in {a} drukker dan in {b}?", "bevolkingsdichtheid|inwoners"),
)
COMPARATIVE_EN = (("Is {a} richer than {b}?", INCOME), ("Is {a} poorer than {b}?", INCOME),
                  ("Is {a} older than {b}?", "leeftijd_65_plus|aow_uitkering"),
                  ("Is {a} more crowded than {b}?", "bevolkingsdichtheid|inwoners"))
# threshold templates: (template, indicator, direction '>' or '<', quantile that sets the threshold)
THRESHOLD_NL = (
    ("Welke wijken in {c} hebben meer dan {t}% huishoudens met een laag inkomen?", "laag_inkomen_pct", ">", 0.8),
    ("In welke wijken van {c} is de jeugdzorg hoger dan {t}%?", "jeugdzorg_pct", ">", 0.8),
    ("Welke wijken in {c} hebben minder dan {t} inwoners?", "inwoners", "<", 0.15),
    ("Welke wijken van {c} hebben meer dan {t} Wmo-cliënten per 1.000 inwoners?", "wmo_per_1000", ">", 0.85),
)
THRESHOLD_EN = (("Which districts in {c} have more than {t}% low-income households?", "laag_inkomen_pct", ">", 0.85),)
TOP_NL = (("Welke wijk in {c} heeft de hoogste jeugdzorg?", "jeugdzorg_pct", True),
          ("Welke wijk van {c} heeft de meeste inwoners?", "inwoners", True),
          ("In welke wijk van {c} is het inkomen per inwoner het laagst?", "inkomen_per_inwoner", False),
          ("Welke wijk in {c} heeft de hoogste WOZ-waarde?", "woz_waarde", True),
          ("Welke wijk in {c} heeft het grootste aandeel huishoudens met een laag inkomen?", "laag_inkomen_pct", True))
TOP_EN = (("Which district of {c} has the most inhabitants?", "inwoners", True),)
FOLLOW_NL = ("En in {b}?", "En {b}?", "Hoe zit dat in {b}?")
FOLLOW_EN = ("And in {b}?", "What about {b}?")
# colloquial names: (what people say, CBS names it stands for; several = a group name)
COLLOQUIAL = {
    "den_haag": (("de Schilderswijk", ("Schildersbuurt",)), ("Transvaal", ("Transvaalkwartier",)),
                 ("Laak", ("Laakkwartier en Spoorwijk",)), ("de Bomenbuurt", ("Bomen- en Bloemenbuurt",)),
                 ("het Statenkwartier", ("Geuzen- en Statenkwartier",)),
                 ("Scheveningen-Bad", ("Scheveningen",))),
    "amsterdam": (("de Pijp", ("Oude Pijp", "Nieuwe Pijp", "Zuid Pijp")), ("de Bijlmer", ("Bijlmer Centrum (D,F,H)",
                  "Bijlmer Oost (E,G,K)")), ("IJburg", ("IJburg West", "IJburg Oost", "IJburg Zuid")),
                  ("de Spaarndammerbuurt", ("Spaarndammer- en Zeeheldenbuurt",)),
                  ("Osdorp", ("Osdorp-Oost", "Osdorp-Midden")), ("Buitenveldert", ("Buitenveldert-West",
                  "Buitenveldert-Oost"))),
}
FABRICATED = ("Zonnewijk", "Kwakelkwartier", "Sterrenhof-Noord", "Blauwe Polder", "Parelbuurt", "Fluitenberg-Oost",
              "Wolkenveld", "Tulpenkwartier")
OTHER_GEMEENTE = ("Kattenbroek", "Overvecht", "Lombok", "Ommoord", "Hillegersberg", "Kanaleneiland")
UNKNOWN_NL = ("Hoeveel inwoners heeft {a}?", "Is de jeugdzorg in {a} ({c}) hoog?", "Hoe gaat het met {a}?",
              "Hoeveel huishoudens met een laag inkomen zijn er in {a}?")
GENERIC = {"en", "de", "het", "van", "oost", "west", "noord", "zuid", "midden", "centrum", "park", "buurt", "wijk",
           "e.o.", "eo", "noordoost", "noordwest", "zuidoost", "zuidwest", "oude", "nieuwe", "zijde", "dorp"}


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard inside a word: swap, drop, double or a wrong vowel (first and last letter kept)."""
    i = rng.randrange(1, len(word) - 2)
    op = rng.choice(("swap", "drop", "double", "vowel"))
    if op == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    if op == "vowel" and word[i] in "aeiou":
        return word[:i] + rng.choice([v for v in "aeiou" if v != word[i]]) + word[i + 1:]
    return word[:i] + word[i + 1:]


def misspell(name: str, rng: random.Random) -> str | None:
    """The name with a typo in its longest word (>= 7 letters), or None when it has no such word."""
    words = name.split()
    longest = max(range(len(words)), key=lambda k: len(words[k]))
    if len(words[longest]) < 7 or not words[longest].isalpha():
        return None
    words[longest] = typo(words[longest], rng)
    return " ".join(words)


def nearest_is(text: str, target: str, names: list[str]) -> bool:
    """True when the target is the single closest name to the misspelling (so the gold stays unambiguous)."""
    scored = sorted(((difflib.SequenceMatcher(None, text.casefold(), n.casefold()).ratio(), n) for n in names),
                    reverse=True)
    return bool(scored) and scored[0][1] == target and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05)


def bad_inputs(area: str) -> list[str]:
    long = ("Ik werk als jongerenwerker en wil graag weten hoe het zit met de jeugd in de wijk. " * 70)[:4960]
    return ["", "   ", area, f"Hoeveel inwoners heeft {area}? {long}", "🙂", "🏠🏠🏠❓", "???", "asdf qwerty",
            f"Hoeveel 👶 zijn er in {area}?", "SELECT * FROM wijken; --"]
