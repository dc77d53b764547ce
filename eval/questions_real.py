"""Real-data questions on the Den Haag KWB extracts; gold computed from the CSVs (eval/gold_real.py).

Built at run time because the data are not in the repo. Values come from KWB 2019 (full) and the 2021
subset (population, age, households, migration), so "now" means 2021 for those and 2019 for the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.gold_base import COUNT, GoldTable, short_name
from eval.gold_build import Builder
from eval.gold_questions import EvalQuestion, ExpectNumber
from eval.gold_real import GEMEENTE, real_gold

GM = GEMEENTE


def finder(g: GoldTable):  # type: ignore[no-untyped-def]
    def code(name: str) -> str:
        hits = [c for c, a in g.areas.items() if name in (a.name, short_name(a.name))]
        larger = [c for c in hits if g.areas[c].level != "buurt"] or hits
        if len(larger) != 1:
            raise KeyError(f"real gold: {name!r} -> {hits}")
        return larger[0]

    return code


def figures(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    v, moer, schil, yp = b.value, c("Moerwijk"), c("Schildersbuurt"), c("Ypenburg")
    return [
        v("Hoeveel inwoners heeft Moerwijk?", moer, "inwoners"),
        v("Hoeveel procent van de jongeren in Moerwijk heeft jeugdzorg?", moer, "jeugdzorg_pct"),
        v("Hoeveel huishoudens in de Schildersbuurt hebben een laag inkomen?", schil, "laag_inkomen_pct"),
        v("Wat is de gemiddelde WOZ-waarde in Benoordenhout?", c("Benoordenhout"), "woz_waarde"),
        v("Hoeveel Wmo-cliënten per 1.000 inwoners heeft Waldeck?", c("Waldeck"), "wmo_per_1000"),
        v("Hoeveel mensen zitten in de bijstand in het Transvaalkwartier?", c("Transvaalkwartier"), "bijstand"),
        v("Hoeveel 65-plussers wonen er in Loosduinen?", c("Loosduinen"), "leeftijd_65_plus"),
        v("Hoeveel inwoners heeft het Zuiderpark?", c("Zuiderpark"), "inwoners", caveat="small_population"),
        v("Hoeveel huishoudens zijn er in Ypenburg?", yp, "huishoudens"),
        v("Wat is het gemiddelde inkomen per inwoner in de Vogelwijk?", c("Vogelwijk"), "inkomen_per_inwoner",
          audience="beleid"),
        v("Hoeveel eenpersoonshuishoudens zijn er in het Centrum?", c("Centrum"), "eenpersoonshuishoudens"),
        v("Hoeveel inwoners had Ypenburg in 2019?", yp, "inwoners", year=2019),
        v("Hoeveel inwoners heeft Moerwijk-Oost?", c("Moerwijk-Oost"), "inwoners"),
    ]


def comparisons(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    m, s = b.compare, b.versus
    moer, schil, yp, lv = c("Moerwijk"), c("Schildersbuurt"), c("Ypenburg"), c("Leidschenveen")
    return [
        m("Is de jeugdzorg in Moerwijk hoger dan in heel Den Haag?", moer, "jeugdzorg_pct"),
        m("Hoe zit het met lage inkomens in de Schildersbuurt vergeleken met de stad?", schil, "laag_inkomen_pct",
          alt="sociaal_minimum_pct"),
        m("Is het Wmo-gebruik in Waldeck hoog vergeleken met Den Haag?", c("Waldeck"), "wmo_per_1000",
          audience="beleid"),
        m("Ligt de WOZ-waarde in Moerwijk onder het Haagse gemiddelde?", moer, "woz_waarde"),
        m("Heeft het Transvaalkwartier meer lage inkomens dan gemiddeld in de stad?", c("Transvaalkwartier"),
          "laag_inkomen_pct"),
        m("Is de jeugdzorg in de Vogelwijk lager dan in Den Haag?", c("Vogelwijk"), "jeugdzorg_pct"),
        m("Is 24,7% laag inkomen in Moerwijk veel?", moer, "laag_inkomen_pct"),
        m("Hoe verhoudt de jeugdzorg in Laakkwartier en Spoorwijk zich tot de stad?", c("Laakkwartier en Spoorwijk"),
          "jeugdzorg_pct"),
        m("Zijn er in Bouwlust en Vrederust meer Wmo-cliënten dan gemiddeld in Den Haag?",
          c("Bouwlust en Vrederust"), "wmo_per_1000", audience="beleid"),
        m("Is het inkomen per inwoner in Benoordenhout hoger dan in Den Haag?", c("Benoordenhout"),
          "inkomen_per_inwoner"),
        m("Hoe doet Scheveningen het op jeugdzorg ten opzichte van de stad?", c("Scheveningen"), "jeugdzorg_pct",
          audience="trainer"),
        s("Ypenburg of Leidschenveen: waar is de jeugdzorg hoger?", yp, lv, "jeugdzorg_pct"),
        s("Vergelijk de lage inkomens in Ypenburg en Leidschenveen.", yp, lv, "laag_inkomen_pct", audience="beleid"),
        s("Hoeveel inwoners hebben Ypenburg en Leidschenveen?", yp, lv, "inwoners"),
        s("Is de WOZ-waarde in Ypenburg hoger dan in Leidschenveen?", yp, lv, "woz_waarde"),
        s("Verschilt het Wmo-gebruik in Moerwijk veel van dat in de Schildersbuurt?", moer, schil, "wmo_per_1000"),
        s("Waar wonen meer 65-plussers: Loosduinen of Waldeck?", c("Loosduinen"), c("Waldeck"), "leeftijd_65_plus"),
    ]


def patterns(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    t, tr, sh = b.top, b.trend, b.share
    return [
        t("Welke wijk heeft de hoogste jeugdzorg?", "jeugdzorg_pct"),
        t("In welke wijk hebben de meeste huishoudens een laag inkomen?", "laag_inkomen_pct"),
        t("Welke drie wijken hebben de meeste Wmo-cliënten per 1.000 inwoners?", "wmo_per_1000", n=3,
          audience="beleid"),
        t("Welke wijk heeft de hoogste WOZ-waarde?", "woz_waarde"),
        t("Welke wijk van Den Haag heeft de meeste inwoners?", "inwoners"),
        t("Welke wijk heeft het laagste inkomen per inwoner?", "inkomen_per_inwoner", highest=False),
        t("Welke buurt in Den Haag heeft de meeste inwoners?", "inwoners", level="buurt"),
        t("Welke wijk heeft de minste jeugdzorg?", "jeugdzorg_pct", highest=False),
        b.position("Op welke plek staat Moerwijk voor lage inkomens?", c("Moerwijk"), "laag_inkomen_pct"),
        tr("Is het aantal inwoners van Ypenburg veranderd tussen 2019 en 2021?", c("Ypenburg"), "inwoners", 2019),
        tr("Groeit Leidschenveen nog sinds 2019?", c("Leidschenveen"), "inwoners", 2019),
        tr("Is het aantal 65-plussers in Den Haag gestegen sinds 2019?", GM, "leeftijd_65_plus", 2019,
           audience="beleid"),
        tr("Hoe is het aantal huishoudens in Wateringse Veld veranderd sinds 2019?", c("Wateringse Veld"),
           "huishoudens", 2019),
        tr("Is het aantal eenpersoonshuishoudens in het Centrum toegenomen sinds 2019?", c("Centrum"),
           "eenpersoonshuishoudens", 2019),
        tr("Zijn er in Moerwijk meer kinderen tot 15 jaar dan in 2019?", c("Moerwijk"), "leeftijd_0_15", 2019),
        sh("Welk deel van de inwoners van Den Haag is 65-plusser?", GM, "leeftijd_65_plus", "inwoners",
           audience="beleid"),
        sh("Hoeveel procent van de inwoners van Loosduinen is 65 of ouder?", c("Loosduinen"), "leeftijd_65_plus",
           "inwoners"),
        sh("Welk percentage van de huishoudens in het Centrum is een eenpersoonshuishouden?", c("Centrum"),
           "eenpersoonshuishoudens", "huishoudens"),
        sh("Hoeveel procent van de inwoners van de Schildersbuurt zit in de bijstand?", c("Schildersbuurt"),
           "bijstand", "inwoners"),
        sh("Welk deel van de inwoners van Moerwijk heeft een niet-westerse migratieachtergrond?", c("Moerwijk"),
           "migratie_niet_westers", "inwoners"),
        sh("Hoeveel procent van de inwoners van Ypenburg is jonger dan 15?", c("Ypenburg"), "leeftijd_0_15",
           "inwoners"),
    ]


def refusals(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    r, oost = b.refusal, c("Oostduinen")
    zero = ExpectNumber(0.0, COUNT, 0, "0", "Oostduinen 2021")
    out = [
        r("zero_population", "Hoeveel inwoners heeft Oostduinen?", [oost], ["inwoners"], numbers=[zero]),
        r("zero_population", "Hoe hoog is de jeugdzorg in Oostduinen?", [oost], ["jeugdzorg_pct"],
          caveat="zero_population"),
        r("zero_population", "Hoeveel huishoudens in Oostduinen hebben een laag inkomen?", [oost],
          ["laag_inkomen_pct"], caveat="zero_population"),
    ]
    out[0].turns[0].expect.refusal = False  # a published 0 is an answer, not missing data
    for text, area, ind in [("Hoeveel jeugdzorg is er in het Zuiderpark?", "Zuiderpark", "jeugdzorg_pct"),
                            ("Hoeveel procent jeugdzorg is er in de Haagse Bos?", "Haagse Bos", "jeugdzorg_pct"),
                            ("Hoeveel jongeren in de Hoornwijk hebben jeugdzorg?", "Hoornwijk", "jeugdzorg_pct"),
                            ("Hoeveel Wmo-cliënten per 1.000 inwoners heeft Zorgvliet?", "Zorgvliet", "wmo_per_1000"),
                            ("Hoeveel huishoudens in Forepark hebben een laag inkomen?", "Forepark",
                             "laag_inkomen_pct")]:
        assert b.g.latest_year(c(area), ind) is None, (area, ind)
        out.append(r("suppressed", text, [c(area)], [ind]))
    for text in ["Hoe is de jeugdzorg in Kattenbroek?", "Hoeveel inwoners heeft de Bijlmer?",
                 "Hoeveel lage inkomens zijn er in Zeeburg?", "Hoeveel inwoners heeft Duinwijk?"]:
        out.append(r("unknown_area", text, [], None))
    out += [r("unanswerable", "Hoeveel mensen in Moerwijk hebben diabetes?", [c("Moerwijk")], []),
            r("unanswerable", "Hoeveel eenoudergezinnen zijn er in de Schildersbuurt?", [c("Schildersbuurt")], [],
              note="KWB has no single-parent column (SOURCE.md)")]
    out += [b.value("Hoeveel inwoners heeft Zorgvliet?", c("Zorgvliet"), "inwoners", qtype="ambiguous",
                    note="wijk and buurt share the name: the wijk wins"),
            b.value("Hoeveel jeugdzorg is er in de Binckhorst?", c("Binckhorst"), "jeugdzorg_pct", qtype="ambiguous")]
    return out


def conversations(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    v, moer, schil, yp = b.value, c("Moerwijk"), c("Schildersbuurt"), c("Ypenburg")
    return [
        b.conversation([v("Hoeveel jongeren in Moerwijk hebben jeugdzorg?", moer, "jeugdzorg_pct"),
                        v("En in de Schildersbuurt?", schil, "jeugdzorg_pct"),
                        b.compare("Is dat meer dan in Den Haag?", schil, "jeugdzorg_pct")]),
        b.conversation([v("Hoeveel inwoners heeft Ypenburg?", yp, "inwoners"),
                        v("En in 2019?", yp, "inwoners", year=2019)]),
        b.conversation([v("Wat is het aandeel lage inkomens in Moerwijk?", moer, "laag_inkomen_pct"),
                        v("En in Leidschenveen?", c("Leidschenveen"), "laag_inkomen_pct")]),
        b.conversation([b.top("Welke wijk heeft de hoogste WOZ-waarde?", "woz_waarde"),
                        b.top("En de laagste?", "woz_waarde", highest=False)]),
    ]


def english(b: Builder, c) -> list[EvalQuestion]:  # type: ignore[no-untyped-def]
    en: dict[str, Any] = {"lang": "en"}
    return [
        b.value("How many people live in Ypenburg?", c("Ypenburg"), "inwoners", **en),
        b.value("What share of young people in Moerwijk receive youth care?", c("Moerwijk"), "jeugdzorg_pct", **en),
        b.compare("Is low income in the Schildersbuurt higher than in The Hague as a whole?", c("Schildersbuurt"),
                  "laag_inkomen_pct", **en),
        b.top("Which district of The Hague has the highest youth care rate?", "jeugdzorg_pct", **en),
        b.trend("How did the population of Ypenburg change between 2019 and 2021?", c("Ypenburg"), "inwoners",
                2019, **en),
        b.refusal("zero_population", "What is the youth care rate in Oostduinen?", [c("Oostduinen")],
                  ["jeugdzorg_pct"], caveat="zero_population", **en),
        b.value("How many inhabitants does Zuiderpark have?", c("Zuiderpark"), "inwoners",
                caveat="small_population", **en),
        b.share("What is the share of people aged 65 or over in Loosduinen?", c("Loosduinen"), "leeftijd_65_plus",
                "inwoners", **en),
    ]


def build(root: Path) -> list[EvalQuestion]:
    g = real_gold(root)
    b, c = Builder(g, "real", GM, "real"), finder(g)
    parts = (figures, comparisons, patterns, refusals, conversations, english)
    return [q for part in parts for q in part(b, c)]
