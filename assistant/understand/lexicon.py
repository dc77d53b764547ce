"""Words people use for indicators and story themes. Ordered: longer phrases first win."""

from __future__ import annotations

# phrase (normalised, accents folded) -> indicator ids, first = preferred
INDICATOR_WORDS: dict[str, list[str]] = {
    "jeugdzorg": ["jeugdzorg_pct", "jeugdzorg"], "jeugdhulp": ["jeugdzorg_pct", "jeugdzorg"],
    "youth care": ["jeugdzorg_pct", "jeugdzorg"],
    "wmo": ["wmo_per_1000", "wmo_clienten"], "maatschappelijke ondersteuning": ["wmo_per_1000"],
    "social support": ["wmo_per_1000"],
    "huishoudens met een laag inkomen": ["laag_inkomen_pct"], "huishoudens met laag inkomen": ["laag_inkomen_pct"],
    "inwoners met een laag inkomen": ["laag_inkomen_pct"], "laag inkomen": ["laag_inkomen_pct"],
    "huishoudens met kinderen": ["huishoudens_met_kinderen"], "jongeren met jeugdzorg": ["jeugdzorg_pct", "jeugdzorg"], "lage inkomens": ["laag_inkomen_pct"], "low income": ["laag_inkomen_pct"],
    "armoede": ["laag_inkomen_pct", "sociaal_minimum_pct", "kinderen_in_armoede_pct"],
    "poverty": ["laag_inkomen_pct", "sociaal_minimum_pct"], "arm": ["laag_inkomen_pct"],
    "sociaal minimum": ["sociaal_minimum_pct"], "kinderen in armoede": ["kinderen_in_armoede_pct"],
    "kinderarmoede": ["kinderen_in_armoede_pct"], "opgroeien in armoede": ["kinderen_in_armoede_pct"],
    "groeien op in armoede": ["kinderen_in_armoede_pct"], "child poverty": ["kinderen_in_armoede_pct"],
    "alleenwonende ouderen": ["ouderen_alleenwonend_pct"], "ouderen wonen alleen": ["ouderen_alleenwonend_pct"],
    "ouderen die alleen wonen": ["ouderen_alleenwonend_pct"], "65 jaar of ouder": ["leeftijd_65_plus"],
    "65 plusser": ["leeftijd_65_plus"], "vergrijzing": ["leeftijd_65_plus"], "eenpersoonshuishouden": ["eenpersoonshuishoudens"],
    "geweldsmisdrijven": ["geweld_per_1000"], "geweldsdelicten": ["geweld_per_1000"],
    "woningcorporatie": ["corporatiewoningen_pct"], "woningcorporaties": ["corporatiewoningen_pct"],
    "problematische schulden": ["problematische_schulden_pct"], "voortijdig schoolverlaters": ["voortijdig_schoolverlaters_pct"],
    "schooluitval": ["voortijdig_schoolverlaters_pct"], "mantelzorger": ["mantelzorgers_pct"],
    "bijstand": ["bijstand"], "social assistance": ["bijstand"], "uitkering": ["bijstand"],
    "inwoners": ["inwoners"], "bewoners": ["inwoners"], "inhabitants": ["inwoners"], "population": ["inwoners"],
    "mensen wonen": ["inwoners"], "people live": ["inwoners"],
    "65 plussers": ["leeftijd_65_plus"], "65plussers": ["leeftijd_65_plus"], "ouderen": ["leeftijd_65_plus"],
    "elderly": ["leeftijd_65_plus"], "senioren": ["leeftijd_65_plus"], "65 of ouder": ["leeftijd_65_plus"],
    "65 en ouder": ["leeftijd_65_plus"], "65 jaar en ouder": ["leeftijd_65_plus"], "65 or older": ["leeftijd_65_plus"],
    "65 or over": ["leeftijd_65_plus"], "aged 65": ["leeftijd_65_plus"],
    "tussen de 15 en 25 jaar": ["leeftijd_15_25"], "15 tot 25 jaar": ["leeftijd_15_25"],
    "jonger dan 15": ["leeftijd_0_15"], "tot 15 jaar": ["leeftijd_0_15"], "under 15": ["leeftijd_0_15"],
    "bevolking": ["inwoners"], "uit een persoon": ["eenpersoonshuishoudens"],
    "eenzame": ["eenzaamheid_pct"],
    "jongeren": ["leeftijd_15_25"], "young people": ["leeftijd_15_25"], "kinderen": ["leeftijd_0_15"],
    "children": ["leeftijd_0_15"],
    "eenpersoonshuishoudens": ["eenpersoonshuishoudens"], "alleenwonenden": ["eenpersoonshuishoudens"],
    "single person": ["eenpersoonshuishoudens"],
    "eenoudergezinnen": ["eenoudergezinnen_pct"], "eenoudergezin": ["eenoudergezinnen_pct"],
    "alleenstaande ouders": ["eenoudergezinnen_pct"], "alleenstaande moeders": ["eenoudergezinnen_pct"],
    "single parent": ["eenoudergezinnen_pct"], "single parents": ["eenoudergezinnen_pct"],
    "eenzaamheid": ["eenzaamheid_pct", "ernstig_eenzaam_pct", "eenzaam_pct", "eenzaam_ernstig_pct"],
    "eenzaam": ["eenzaamheid_pct", "eenzaam_pct"],
    "loneliness": ["eenzaamheid_pct", "eenzaam_pct"], "lonely": ["eenzaamheid_pct", "eenzaam_pct"],
    "schulden": ["schulden_pct", "problematische_schulden_pct"], "debt": ["schulden_pct"],
    "woz": ["woz_waarde"], "woningwaarde": ["woz_waarde"], "huizenprijs": ["woz_waarde"],
    "house value": ["woz_waarde"],
    "huurwoningen": ["huurwoningen_pct"], "corporatie": ["corporatiewoningen_pct"],
    "sociale huur": ["corporatiewoningen_pct"], "koopwoningen": ["koopwoningen_pct"],
    "inkomen": ["inkomen_per_inwoner"], "income": ["inkomen_per_inwoner"],
    "werkloosheid": ["ww_uitkering"], "ww": ["ww_uitkering"], "unemployment": ["ww_uitkering"],
    "arbeidsparticipatie": ["arbeidsparticipatie_pct"],
    "bevolkingsdichtheid": ["bevolkingsdichtheid"], "density": ["bevolkingsdichtheid"],
    "overlast": ["overlast_per_1000"], "inbraak": ["woninginbraak_per_1000"], "inbraken": ["woninginbraak_per_1000"],
    "geweld": ["geweld_per_1000"], "veiligheid": ["overlast_per_1000", "geweld_per_1000"],
    "schoolverlaters": ["voortijdig_schoolverlaters_pct"], "mantelzorg": ["mantelzorgers_pct"],
    "mantelzorgers": ["mantelzorgers_pct"], "huishoudens": ["huishoudens"], "households": ["huishoudens"],
    "migratieachtergrond": ["migratie_niet_westers"], "aow": ["aow_uitkering"],
}

# catalogue theme or indicator -> story themes
STORY_THEMES: dict[str, list[str]] = {
    "jeugd": ["jeugd", "opvoeding"], "jeugdzorg_pct": ["jeugd", "opvoeding"], "jeugdzorg": ["jeugd", "opvoeding"],
    "zorg": ["zorg", "mantelzorg"], "wmo_per_1000": ["zorg", "eenzaamheid"], "armoede": ["armoede", "schulden"],
    "inkomen": ["armoede", "werk"], "ouderen": ["eenzaamheid", "zorg"], "leeftijd_65_plus": ["eenzaamheid", "zorg"],
    "eenoudergezinnen_pct": ["opvoeding", "armoede"], "eenzaamheid_pct": ["eenzaamheid"],
    "schulden_pct": ["schulden"], "wonen": ["wonen"], "veiligheid": ["veiligheid"], "werk": ["werk"],
    "huishoudens": ["buurtcontact", "eenzaamheid"], "onderwijs": ["onderwijs"],
}

THEME_WORDS: dict[str, str] = {
    "eenzaam": "eenzaamheid", "eenzaamheid": "eenzaamheid", "lonely": "eenzaamheid", "loneliness": "eenzaamheid",
    "armoede": "armoede", "geldzorgen": "armoede", "schulden": "schulden", "opvoeding": "opvoeding",
    "alleenstaande": "opvoeding", "jongeren": "jeugd", "jeugd": "jeugd", "wonen": "wonen", "woning": "wonen",
    "veilig": "veiligheid", "veiligheid": "veiligheid", "zorg": "zorg", "mantelzorg": "mantelzorg",
    "werk": "werk", "school": "onderwijs", "ontmoeting": "ontmoeting", "discriminatie": "discriminatie",
}

AREA_ALIASES: dict[str, str] = {
    "den haag": "GM0518", "the hague": "GM0518", "s gravenhage": "GM0518", "amsterdam": "GM0363",
    "rotterdam": "GM0599", "utrecht": "GM0344", "enschede": "GM0153", "duinhaven": "GM9901",
    "nederland": "NL00", "the netherlands": "NL00", "netherlands": "NL00", "landelijk": "NL00",
}
