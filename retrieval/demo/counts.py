"""Counts are the demo city's truth: every published figure is a count or a ratio of summed counts.

Buurten get integer counts; wijken, stadsdelen and the gemeente are sums of those counts. Percentages and
rates are then computed from the sums, so a city percentage is always weighted by its real denominator.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.demo.profile import Rates

Counts = dict[str, float]

# Shares of the 65-plussers aged 75 or over, and of 15-25 year-olds under 18 / in school from 12.
SHARE_75_PLUS = 0.45
SHARE_15_25_UNDER_18 = 0.3
SHARE_0_15_FROM_12 = 0.2
SHARE_15_25_UNDER_23 = 0.8
VACANCY = 1.02
SOCIAL_MINIMUM_OF_LOW_INCOME = 0.9
PROBLEMATIC_OF_DEBTS = 0.45

INDICATORS: tuple[str, ...] = (
    "inwoners", "leeftijd_0_15", "leeftijd_15_25", "leeftijd_65_plus", "migratie_niet_westers",
    "huishoudens", "eenpersoonshuishoudens", "eenoudergezinnen_pct", "ouderen_alleenwonend_pct",
    "jeugdzorg", "jeugdzorg_pct", "voortijdig_schoolverlaters_pct",
    "inkomen_per_inwoner", "laag_inkomen_pct", "sociaal_minimum_pct", "kinderen_in_armoede_pct", "bijstand",
    "schulden_pct", "problematische_schulden_pct",
    "wmo_clienten", "wmo_per_1000", "mantelzorgers_pct", "eenzaamheid_pct", "ernstig_eenzaam_pct",
    "woningvoorraad", "woz_waarde", "huurwoningen_pct", "corporatiewoningen_pct", "bevolkingsdichtheid",
    "overlast_per_1000", "woninginbraak_per_1000", "geweld_per_1000",
    "arbeidsparticipatie_pct", "ww_uitkering",
)

# CBS-style small-cell rule: below this many inhabitants these figures are not published.
SMALL_AREA = 100
SENSITIVE: frozenset[str] = frozenset({
    "jeugdzorg", "jeugdzorg_pct", "voortijdig_schoolverlaters_pct", "eenoudergezinnen_pct",
    "ouderen_alleenwonend_pct", "inkomen_per_inwoner", "laag_inkomen_pct", "sociaal_minimum_pct",
    "kinderen_in_armoede_pct", "bijstand", "schulden_pct", "problematische_schulden_pct", "wmo_clienten",
    "wmo_per_1000", "mantelzorgers_pct", "eenzaamheid_pct", "ernstig_eenzaam_pct", "woz_waarde",
    "arbeidsparticipatie_pct", "ww_uitkering",
})

# indicator -> (numerator count, denominator count, scale)
RATIOS: dict[str, tuple[str, str, float]] = {
    "eenoudergezinnen_pct": ("eenouder", "huishoudens", 100), "ouderen_alleenwonend_pct": ("alleen65", "c65", 100),
    "jeugdzorg_pct": ("jeugdzorg", "jong23", 100), "voortijdig_schoolverlaters_pct": ("vsv", "leerlingen", 100),
    "inkomen_per_inwoner": ("inkomen_totaal", "inwoners", 1), "laag_inkomen_pct": ("laag", "huishoudens", 100),
    "sociaal_minimum_pct": ("smin", "huishoudens", 100), "kinderen_in_armoede_pct": ("kind_arm", "kind", 100),
    "schulden_pct": ("schulden", "huishoudens", 100), "problematische_schulden_pct": ("probl", "huishoudens", 100),
    "wmo_per_1000": ("wmo_clienten", "inwoners", 1000), "mantelzorgers_pct": ("mantel", "volw", 100),
    "eenzaamheid_pct": ("eenz", "volw", 100), "ernstig_eenzaam_pct": ("ernstig", "volw", 100),
    "woz_waarde": ("woz_totaal", "woningvoorraad", 1), "huurwoningen_pct": ("huur", "woningvoorraad", 100),
    "corporatiewoningen_pct": ("corp", "woningvoorraad", 100), "bevolkingsdichtheid": ("inwoners", "land_ha", 100),
    "overlast_per_1000": ("overlast", "inwoners", 1000), "woninginbraak_per_1000": ("inbraak", "woningvoorraad", 1000),
    "geweld_per_1000": ("geweld", "inwoners", 1000), "arbeidsparticipatie_pct": ("werkend", "p15_75", 100),
}
COUNT_KEYS = {
    "inwoners": "inwoners", "leeftijd_0_15": "c0_15", "leeftijd_15_25": "c15_25", "leeftijd_65_plus": "c65",
    "migratie_niet_westers": "cnw", "huishoudens": "huishoudens", "eenpersoonshuishoudens": "eenp",
    "jeugdzorg": "jeugdzorg", "bijstand": "bijstand", "wmo_clienten": "wmo_clienten",
    "woningvoorraad": "woningvoorraad", "ww_uitkering": "ww",
}


def counts_for(pop: int, r: Rates, land_ha: float) -> Counts:
    """Integer counts for one area-year from its population and rates (income and WOZ as k€ totals)."""
    c: Counts = {"inwoners": pop, "land_ha": land_ha}
    c["c0_15"], c["c15_25"], c["c65"] = _n(pop * r["s0_15"]), _n(pop * r["s15_25"]), _n(pop * r["s65"])
    c["cnw"] = _n(pop * r["snw"])
    hh = c["huishoudens"] = _n(pop / r["hh_size"])
    c["eenp"], c["eenouder"] = _n(hh * r["single"]), _n(hh * r["eenouder"])
    c["alleen65"] = _n(c["c65"] * r["alleen65"])
    c["jong23"] = c["c0_15"] + _n(SHARE_15_25_UNDER_23 * c["c15_25"])
    c["jeugdzorg"] = _n(c["jong23"] * r["jz"])
    c["leerlingen"] = _n(SHARE_0_15_FROM_12 * c["c0_15"] + SHARE_15_25_UNDER_23 * c["c15_25"])
    c["vsv"] = _n(c["leerlingen"] * r["vsv"])
    c["laag"], c["smin"] = _n(hh * r["laag"]), _n(hh * r["laag"] * SOCIAL_MINIMUM_OF_LOW_INCOME)
    c["kind"] = c["c0_15"] + _n(SHARE_15_25_UNDER_18 * c["c15_25"])
    # Children are poorer than households on average, more so where single parents live.
    c["kind_arm"] = _n(c["kind"] * min(0.6, 0.8 * r["laag"] + 0.25 * r["eenouder"]))
    c["inkomen_totaal"] = pop * r["inkomen"]
    c["bijstand"], c["ww"] = _n(pop * r["bijstand"]), _n(pop * r["ww"])
    c["schulden"], c["probl"] = _n(hh * r["schulden"]), _n(hh * r["schulden"] * PROBLEMATIC_OF_DEBTS)
    c["wmo_clienten"] = _n(c["c65"] * r["r65"] + (pop - c["c65"]) * r["ry"])
    volw = c["volw"] = pop - c["c0_15"] - _n(SHARE_15_25_UNDER_18 * c["c15_25"])
    c["eenz"], c["mantel"] = _n(volw * r["eenz"]), _n(volw * r["mantelzorg"])
    # Severe loneliness rises faster than loneliness itself.
    c["ernstig"] = _n(volw * 0.11 * (r["eenz"] / 0.46) ** 2)
    won = c["woningvoorraad"] = _n(hh * VACANCY)
    c["woz_totaal"] = won * r["woz"]
    c["huur"] = _n(won * r["huur"])
    c["corp"] = _n(c["huur"] * r["corp_share"])
    c["overlast"], c["geweld"] = _n(pop * r["overlast"] / 1000), _n(pop * r["geweld"] / 1000)
    c["inbraak"] = _n(won * r["inbraak"] / 1000)
    c["p15_75"] = pop - c["c0_15"] - _n(SHARE_75_PLUS * c["c65"])
    c["werkend"] = _n(c["p15_75"] * r["part"])
    return c


def _n(x: float) -> int:
    return int(round(x))


def add(parts: Iterable[Counts]) -> Counts:
    total: Counts = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def published(c: Counts) -> dict[str, float | None]:
    """The indicator values of one area-year, unrounded; None where the denominator is zero."""
    out: dict[str, float | None] = {ind: float(c[key]) for ind, key in COUNT_KEYS.items()}
    for ind, (num, den, scale) in RATIOS.items():
        out[ind] = scale * c[num] / c[den] if c[den] else None
    return {ind: out[ind] for ind in INDICATORS}
