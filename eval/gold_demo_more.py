"""Demo-city question set, part 2: trends, shares, terms, stories, refusals, follow-ups and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eval.gold_build import Builder
from eval.gold_demo import demo_gold, story_ids
from eval.gold_questions import EvalQuestion

Code = Callable[[str], str]  # area name -> area code


def trends(b: Builder, c: Code) -> list[EvalQuestion]:
    t = b.trend
    wev, lin = c("Weverskwartier"), c("Lindenhove")
    return [
        t("Is de jeugdzorg in het Weverskwartier gestegen sinds 2019?", wev, "jeugdzorg_pct", 2019),
        t("Hoe is het aantal inwoners van Nieuw Wederik veranderd sinds 2019?", c("Nieuw Wederik"), "inwoners", 2019),
        t("Neemt de eenzaamheid in Lindenhove toe sinds 2019?", lin, "eenzaamheid_pct", 2019),
        t("Is het aandeel lage inkomens in Oosterkade gedaald sinds 2019?", c("Oosterkade"), "laag_inkomen_pct",
          2019),
        t("Hoe heeft de WOZ-waarde in Veenpark zich ontwikkeld sinds 2019?", c("Veenpark"), "woz_waarde", 2019),
        t("Zitten er in Polderpoort nu meer of minder mensen in de bijstand dan in 2019?", c("Polderpoort"),
          "bijstand", 2019, audience="beleid"),
        t("Hoe ontwikkelt het Wmo-gebruik in Lindenhove zich sinds 2020?", lin, "wmo_per_1000", 2020,
          audience="beleid"),
        t("Is het aantal 65-plussers in Schelpenhoek gegroeid sinds 2019?", c("Schelpenhoek"), "leeftijd_65_plus",
          2019),
        t("Wat is de trend van kinderarmoede in Bloemendries van 2019 tot 2022?", c("Bloemendries"),
          "kinderen_in_armoede_pct", 2019, 2022),
        t("Is de jeugdzorg in heel Duinhaven gestegen sinds 2019?", "GM9901", "jeugdzorg_pct", 2019),
        t("Hoe veranderde het aantal inwoners van de Kanaalzone tussen 2019 en 2023?", c("Kanaalzone"), "inwoners",
          2019, 2023, caveat="boundary_change", note="Pakhuiskwartier moved to Marktkwartier in 2021"),
        t("Is het aandeel eenoudergezinnen in het Weverskwartier toegenomen sinds 2020?", wev,
          "eenoudergezinnen_pct", 2020),
        t("Zijn de schulden in de Molenwijk afgenomen sinds 2019?", c("Molenwijk"), "schulden_pct", 2019),
        t("Hoe is het inkomen per inwoner in het Weverskwartier veranderd tussen 2019 en 2023?", wev,
          "inkomen_per_inwoner", 2019, 2023, audience="beleid"),
        t("Is de eenzaamheid in Rietlanden sinds 2021 veranderd?", c("Rietlanden"), "eenzaamheid_pct", 2021),
    ]


def shares(b: Builder, c: Code) -> list[EvalQuestion]:
    s, wev, lin = b.share, c("Weverskwartier"), c("Lindenhove")
    return [
        s("Welk deel van de inwoners van Lindenhove is 65 of ouder?", lin, "leeftijd_65_plus", "inwoners"),
        s("Hoeveel procent van de inwoners van Schelpenhoek is 65-plusser?", c("Schelpenhoek"),
          "leeftijd_65_plus", "inwoners"),
        s("Welk percentage van de huishoudens in Oude Haven is een eenpersoonshuishouden?", c("Oude Haven"),
          "eenpersoonshuishoudens", "huishoudens", terms=("eenpersoonshuishouden",)),
        s("Hoe groot is het aandeel kinderen tot 15 jaar in Nieuw Wederik?", c("Nieuw Wederik"), "leeftijd_0_15",
          "inwoners"),
        s("Welk deel van de bevolking in Polderpoort is tussen de 15 en 25 jaar?", c("Polderpoort"),
          "leeftijd_15_25", "inwoners"),
        s("Hoeveel procent van de inwoners van het Weverskwartier zit in de bijstand?", wev, "bijstand",
          "inwoners", terms=("bijstand",)),
        s("Wat is het aandeel 65-plussers in Duinhaven?", "GM9901", "leeftijd_65_plus", "inwoners",
          audience="beleid"),
        s("Hoeveel procent van de huishoudens in Oosterkade bestaat uit één persoon?", c("Oosterkade"),
          "eenpersoonshuishoudens", "huishoudens"),
        s("Welk deel van de inwoners van Polderpoort heeft een niet-westerse migratieachtergrond?",
          c("Polderpoort"), "migratie_niet_westers", "inwoners", terms=("migratieachtergrond",)),
        s("Hoeveel procent van de inwoners van Lindenhove is Wmo-cliënt?", lin, "wmo_clienten", "inwoners",
          terms=("WMO",)),
    ]


def terms(b: Builder, c: Code) -> list[EvalQuestion]:
    t = b.term
    return [
        t("Wat is een procentpunt?", ["procentpunt"]),
        t("Wat is het verschil tussen procent en procentpunt?", ["procentpunt", "percentage"], audience="trainer"),
        t("Wat betekent 'per 1.000 inwoners'?", ["per 1.000 inwoners"]),
        t("Wat is het verschil tussen het gemiddelde en de mediaan?", ["mediaan", "gemiddelde"]),
        t("Wat betekent jeugdzorg in natura?", ["jeugdzorg in natura"]),
        t("Wat is het sociaal minimum?", ["sociaal minimum"]),
        t("Wat bedoelen ze met significant?", ["significant"], audience="trainer"),
        t("Wat is een kwartiel?", ["kwartiel"]),
        t("Wat is de Wmo eigenlijk?", ["WMO"]),
        t("Waarom zijn sommige cijfers geheim?", ["onderdrukte cijfers"]),
        t("Wat betekent een voorlopig cijfer?", ["voorlopige cijfers"]),
        t("Wat is het verschil tussen een wijk en een buurt?", ["wijk versus buurt"]),
        t("Wat telt het CBS als eenoudergezin?", ["eenoudergezin"]),
        t("Is geen gegevens hetzelfde als nul?", ["geen gegevens versus nul"], audience="trainer"),
        t("Betekent een verband tussen twee cijfers dat het een het ander veroorzaakt?",
          ["correlatie versus oorzaak"], audience="trainer"),
        t("Wat is een WOZ-waarde?", ["WOZ-waarde"]),
    ]


def stories(b: Builder, c: Code) -> list[EvalQuestion]:
    s, f = b.story, b.figures_stories
    wev, lin, pol, oos = c("Weverskwartier"), c("Lindenhove"), c("Polderpoort"), c("Oosterkade")
    return [
        s("Wat vertellen bewoners van Lindenhove over eenzaamheid?", lin, story_ids(lin, ("eenzaamheid",))),
        s("Zijn er verhalen van alleenstaande ouders in het Weverskwartier?", wev, story_ids(wev, ("opvoeding",))),
        s("Wat zeggen jongeren in Polderpoort?", pol, story_ids(pol, ("jeugd",))),
        s("Hoe ervaren mensen in Oosterkade hun schulden?", oos, story_ids(oos, ("schulden",))),
        s("Wat horen jongerenwerkers in het Weverskwartier over armoede?", wev, story_ids(wev, ("armoede",))),
        s("Zijn er verhalen over mantelzorg in Lindenhove?", lin, story_ids(lin, ("mantelzorg",))),
        s("Wat vertellen ouderen in Rietlanden?", c("Rietlanden"), story_ids(c("Rietlanden"))),
        s("Welke ervaringen hebben bewoners met wonen in Oosterkade?", oos, story_ids(oos, ("wonen",))),
        s("Wat vertellen bewoners van Bloemendries over geldzorgen?", c("Bloemendries"),
          story_ids(c("Bloemendries"), ("armoede", "schulden"))),
        s("Hoe voelen ouders in het Weverskwartier zich over de opvoeding?", wev, story_ids(wev, ("opvoeding",))),
        s("Wat zeggen bewoners van Lindenhove over de zorg?", lin, story_ids(lin, ("zorg",))),
        s("Zijn er verhalen over veiligheid in Polderpoort?", pol, story_ids(pol, ("veiligheid",))),
        f("Hoeveel eenoudergezinnen zijn er in het Weverskwartier en wat zeggen de ouders zelf?", wev,
          "eenoudergezinnen_pct", story_ids(wev, ("opvoeding",))),
        f("Hoe eenzaam zijn mensen in Lindenhove, en wat vertellen ze erover?", lin, "eenzaamheid_pct",
          story_ids(lin, ("eenzaamheid",))),
        f("Hoeveel huishoudens in Oosterkade hebben schulden, en zijn er verhalen over?", oos, "schulden_pct",
          story_ids(oos, ("schulden",))),
        f("Geef de cijfers en de verhalen over armoede in het Weverskwartier.", wev, "laag_inkomen_pct",
          story_ids(wev, ("armoede",)), alt="sociaal_minimum_pct|kinderen_in_armoede_pct", audience="beleid"),
        f("Hoeveel jongeren in Polderpoort krijgen jeugdzorg en wat vertellen de jongeren zelf?", pol,
          "jeugdzorg_pct", story_ids(pol, ("jeugd",))),
        f("Wmo in Lindenhove: wat zeggen de cijfers en de ervaringen van ouderen?", lin, "wmo_per_1000",
          story_ids(lin, ("zorg",)), audience="beleid"),
        f("Hoeveel kinderen in Bloemendries groeien op in armoede, en wat zeggen ouders?", c("Bloemendries"),
          "kinderen_in_armoede_pct", story_ids(c("Bloemendries"), ("armoede", "opvoeding"))),
        f("Lage inkomens in de Molenwijk: wat zeggen de cijfers en de bewoners?", c("Molenwijk"),
          "laag_inkomen_pct", story_ids(c("Molenwijk"), ("armoede",))),
        f("Eenzaamheid in Rietlanden: cijfers en verhalen graag.", c("Rietlanden"), "eenzaamheid_pct",
          story_ids(c("Rietlanden"), ("eenzaamheid",)), audience="trainer"),
        f("Jeugdzorg in het Weverskwartier: wat zeggen de cijfers en wat zeggen ouders?", wev, "jeugdzorg_pct",
          story_ids(wev, ("opvoeding", "jeugd"))),
    ]


def refusals(b: Builder, c: Code) -> list[EvalQuestion]:
    r, g = b.refusal, demo_gold()
    suppressed = [("Hoeveel procent jeugdzorg is er in Bastion?", "BU99010303", "jeugdzorg_pct"),
                  ("Hoe eenzaam zijn mensen in Landgoed Noorderhout?", "BU99010603", "eenzaamheid_pct"),
                  ("Hoeveel huishoudens in Duinpannen hebben een laag inkomen?", "BU99010802", "laag_inkomen_pct"),
                  ("Hoeveel Wmo-cliënten per 1.000 inwoners heeft Strandslag?", "BU99010801", "wmo_per_1000"),
                  ("Hoeveel mensen in Industriehaven zitten in de bijstand?", "BU99010404", "bijstand"),
                  ("Wat is de WOZ-waarde in Jachthaven?", "BU99010803", "woz_waarde"),
                  ("Hoeveel huishoudens in Paviljoenweg hebben schulden?", "BU99010804", "schulden_pct"),
                  ("Op welke plek staat Bastion voor eenoudergezinnen?", "BU99010303", "eenoudergezinnen_pct")]
    for _, area, ind in suppressed:
        assert (area, ind, 2023) in g.values and g.value(area, ind, 2023) is None, (area, ind)
    out = [r("suppressed", text, [area], [ind], terms=("onderdrukte cijfers",)) for text, area, ind in suppressed]
    for text, area in [("Hoe hoog is de levensverwachting in Lindenhove?", "Lindenhove"),
                       ("Hoeveel mensen in het Weverskwartier hebben diabetes?", "Weverskwartier"),
                       ("Hoeveel huisartsen zijn er in Oosterkade?", "Oosterkade"),
                       ("Hoeveel mensen in Polderpoort stemden bij de laatste verkiezingen?", "Polderpoort"),
                       ("Hoeveel daklozen zijn er in Oude Haven?", "Oude Haven"),
                       ("Hoeveel jongeren in de Molenwijk gebruiken drugs?", "Molenwijk"),
                       ("Hoeveel leerlingen uit Bloemendries zitten op het vwo?", "Bloemendries"),
                       ("Hoe tevreden zijn bewoners van Kreekrug over hun buurt?", "Kreekrug")]:
        out.append(r("unanswerable", text, [c(area)], []))
    out.append(r("unanswerable", "Hoeveel jeugdzorg is er in 2030 in het Weverskwartier?", [c("Weverskwartier")],
                 ["jeugdzorg_pct|jeugdzorg"], note="future year: no figures"))
    out.append(r("unanswerable", "Hoeveel inwoners had Lindenhove in 2010?", [c("Lindenhove")], ["inwoners"],
                 note="year before the data"))
    for text in ["Hoe is de jeugdzorg in Zeeburg?", "Hoeveel inwoners heeft de Schilderswijk?",
                 "Wat is het aandeel lage inkomens in Zonnewijk?", "Hoe eenzaam zijn mensen in Duinwijk?",
                 "Hoeveel bijstand is er in Amsterdam-Noord?", "Hoeveel jongeren wonen er in het Havenkwartier?"]:
        out.append(r("unknown_area", text, [], None))
    for text in ["Hoeveel inwoners heeft Kerkbuurt?", "Hoe zit het met de jeugdzorg in de Kerkbuurt?",
                 "Is de armoede in Kerkbuurt hoog?"]:
        out.append(b.clarify(text))
    v, mol = b.value, c("Molenwijk")
    out += [v("Hoeveel inwoners heeft de Molenwijk?", mol, "inwoners", qtype="ambiguous",
              note="wijk and buurt share the name: the wijk wins, no clarifying question"),
            v("Hoe hoog is het aandeel lage inkomens in Molenwijk?", mol, "laag_inkomen_pct", qtype="ambiguous"),
            v("Hoeveel procent jeugdzorg is er in de Molenwijk?", mol, "jeugdzorg_pct", qtype="ambiguous")]
    return out


def follow_ups(b: Builder, c: Code) -> list[EvalQuestion]:
    v, wev, lin = b.value, c("Weverskwartier"), c("Lindenhove")
    conv = b.conversation
    return [
        conv([v("Hoeveel jongeren in het Weverskwartier hebben jeugdzorg?", wev, "jeugdzorg_pct"),
              v("En in Lindenhove?", lin, "jeugdzorg_pct"),
              v("En hoe was dat in 2019?", lin, "jeugdzorg_pct", year=2019)]),
        conv([v("Hoeveel huishoudens in Oosterkade hebben een laag inkomen?", c("Oosterkade"), "laag_inkomen_pct"),
              b.compare("Is dat veel vergeleken met de stad?", c("Oosterkade"), "laag_inkomen_pct"),
              v("En in Bloemendries?", c("Bloemendries"), "laag_inkomen_pct")]),
        conv([b.top("Welke wijk heeft de hoogste eenzaamheid?", "eenzaamheid_pct"),
              b.story("Wat vertellen bewoners daar?", lin, story_ids(lin, ("eenzaamheid",)))]),
        conv([v("Hoeveel inwoners heeft Polderpoort?", c("Polderpoort"), "inwoners"),
              v("En hoeveel jongeren van 15 tot 25 wonen daar?", c("Polderpoort"), "leeftijd_15_25")]),
        conv([v("Wat is de WOZ-waarde in Veenpark?", c("Veenpark"), "woz_waarde"),
              v("En in Noorderduin?", c("Noorderduin"), "woz_waarde")]),
        conv([v("Hoe zit het met de schulden in het Weverskwartier?", wev, "schulden_pct"),
              b.trend("Is dat gestegen sinds 2019?", wev, "schulden_pct", 2019)]),
        conv([v("Hoeveel Wmo-cliënten per 1.000 inwoners heeft Lindenhove?", lin, "wmo_per_1000"),
              b.term("Wat betekent per 1.000 inwoners?", ["per 1.000 inwoners"])]),
        conv([b.clarify("Hoeveel inwoners heeft Kerkbuurt?"),
              v("Ik bedoel die in Polderpoort.", "BU99011301", "inwoners")]),
    ]


def english(b: Builder, c: Code) -> list[EvalQuestion]:
    en: dict[str, Any] = {"lang": "en"}
    wev, lin = c("Weverskwartier"), c("Lindenhove")
    return [
        b.value("How many people live in Lindenhove?", lin, "inwoners", **en),
        b.value("What percentage of young people in Weverskwartier receive youth care?", wev, "jeugdzorg_pct", **en),
        b.value("What is the average WOZ value in Veenpark?", c("Veenpark"), "woz_waarde", **en),
        b.compare("Is loneliness in Lindenhove higher than in the city as a whole?", lin, "eenzaamheid_pct", **en),
        b.compare("How does low income in Oosterkade compare with Duinhaven?", c("Oosterkade"), "laag_inkomen_pct",
                  **en),
        b.compare("Is youth care in Bloemendries high compared to the national figure?", c("Bloemendries"),
                  "jeugdzorg_pct", ref="NL00", **en),
        b.versus("Which has more single-parent families, Bloemendries or Weverskwartier?", c("Bloemendries"), wev,
                 "eenoudergezinnen_pct", **en),
        b.top("Which district has the highest share of low-income households?", "laag_inkomen_pct", **en),
        b.top("Where are the most Wmo clients per 1,000 inhabitants?", "wmo_per_1000", audience="beleid", **en),
        b.trend("Has youth care in Weverskwartier gone up since 2019?", wev, "jeugdzorg_pct", 2019, **en),
        b.trend("How has the population of Nieuw Wederik changed since 2019?", c("Nieuw Wederik"), "inwoners",
                2019, **en),
        b.share("What share of Lindenhove's residents is 65 or older?", lin, "leeftijd_65_plus", "inwoners", **en),
        b.term("What is a percentage point?", ["procentpunt"], **en),
        b.term("What does 'per 1,000 inhabitants' mean?", ["per 1.000 inwoners"], **en),
        b.story("What do residents of Lindenhove say about loneliness?", lin, story_ids(lin, ("eenzaamheid",)), **en),
        b.refusal("unknown_area", "What is the youth care rate in Zeeburg?", [], None, **en),
        b.refusal("suppressed", "What is the youth care percentage in Bastion?", ["BU99010303"], ["jeugdzorg_pct"],
                  **en),
        b.refusal("unanswerable", "What is the life expectancy in Lindenhove?", [lin], [], **en),
        b.clarify("How many people live in Kerkbuurt?", **en),
        b.conversation([b.value("How many people receive social assistance in Polderpoort?", c("Polderpoort"),
                                "bijstand", **en),
                        b.value("And in Molenwijk?", c("Molenwijk"), "bijstand", **en)]),
    ]
