"""How profile tags in city.yaml turn into the demo city's underlying rates.

A rate is a share of a denominator (0.12 = 12%), an amount (income in k€, WOZ in k€), a count per 1.000
or a density. Every wijk starts from BASE and adds the tilts of its tags; buurten then vary around their
wijk. NATIONAL holds plausible values for Nederland; YEAR_FACTORS move city and country alike over time.
All numbers here are invented for practice: they resemble Dutch cities, they describe none.
"""

from __future__ import annotations

from collections.abc import Iterable

Rates = dict[str, float]

# An average wijk in a mid-sized Dutch city, 2019.
BASE: Rates = {
    "s0_15": 0.155, "s15_25": 0.12, "s65": 0.19, "snw": 0.12, "hh_size": 2.15, "single": 0.39,
    "eenouder": 0.065, "alleen65": 0.32, "jz": 0.098, "vsv": 0.019, "laag": 0.072, "inkomen": 30.0,
    "bijstand": 0.026, "ww": 0.014, "schulden": 0.085, "r65": 0.27, "ry": 0.010, "mantelzorg": 0.145,
    "eenz": 0.46, "woz": 250.0, "huur": 0.42, "corp_share": 0.62, "density": 6500.0, "overlast": 28.0,
    "inbraak": 3.2, "geweld": 5.0, "part": 0.675, "growth": 0.005,
}

# Nederland, 2019: close to the published national figures of that time, rounded.
NATIONAL: Rates = {
    "s0_15": 0.158, "s15_25": 0.123, "s65": 0.192, "snw": 0.135, "hh_size": 2.17, "single": 0.38,
    "eenouder": 0.07, "alleen65": 0.30, "jz": 0.097, "vsv": 0.019, "laag": 0.079, "inkomen": 29.8,
    "bijstand": 0.024, "ww": 0.015, "schulden": 0.08, "r65": 0.29, "ry": 0.015, "mantelzorg": 0.14,
    "eenz": 0.47, "woz": 248.0, "huur": 0.43, "corp_share": 0.67, "density": 513.0, "overlast": 30.0,
    "inbraak": 2.8, "geweld": 4.7, "part": 0.678, "growth": 0.0,
}
NATIONAL_POPULATION = 17_282_163
NATIONAL_GROWTH = (1.0, 1.0075, 1.0117, 1.0180, 1.0306)

TILTS: dict[str, Rates] = {
    "gemiddeld": {},
    "indelingswijziging_2021": {},
    "oud_centrum": {"s0_15": -0.03, "s15_25": 0.04, "s65": -0.03, "single": 0.12, "hh_size": -0.35, "woz": 40,
                    "huur": 0.08, "corp_share": -0.15, "overlast": 45, "geweld": 7,
                    "inbraak": 0.8, "inkomen": 1.0},
    "eenpersoons": {"single": 0.12, "hh_size": -0.3, "s0_15": -0.02, "laag": 0.015, "eenz": 0.03,
                    "alleen65": 0.05, "huur": 0.08, "mantelzorg": -0.015},
    "studenten": {"s15_25": 0.12, "s0_15": -0.02, "s65": -0.06, "single": 0.08, "hh_size": -0.15, "inkomen": -6,
                  "part": -0.06, "huur": 0.15, "corp_share": -0.2, "overlast": 8, "eenz": 0.03,
                  "mantelzorg": -0.03, "laag": 0.01, "ry": -0.004},
    "gemengd": {"snw": 0.04, "huur": 0.04},
    "welgesteld": {"laag": -0.035, "inkomen": 12, "woz": 170, "huur": -0.18, "corp_share": -0.2,
                   "bijstand": -0.016, "ww": -0.004, "schulden": -0.04, "jz": -0.02, "vsv": -0.008, "part": 0.03,
                   "snw": -0.05, "single": -0.05, "eenz": -0.04, "eenouder": -0.02, "inbraak": 1.2,
                   "geweld": -2, "overlast": -8, "hh_size": 0.1, "alleen65": -0.05},
    "ouderen": {"s65": 0.08, "s0_15": -0.03, "s15_25": -0.02, "hh_size": -0.15, "alleen65": 0.02, "eenz": 0.02,
                "mantelzorg": 0.02, "part": -0.03, "r65": 0.02, "overlast": -5, "woz": 10},
    "transformatie": {"s15_25": 0.04, "s0_15": -0.05, "s65": -0.07, "single": 0.12, "hh_size": -0.3,
                      "huur": 0.12, "corp_share": -0.25, "growth": 0.03, "inkomen": 1.0,
                      "overlast": 10},
    "gezinnen": {"s0_15": 0.05, "s65": -0.05, "hh_size": 0.35, "single": -0.14, "eenouder": 0.005, "huur": -0.06,
                 "mantelzorg": 0.01, "eenz": -0.02, "part": 0.02, "woz": 25},
    # A beach and dune wijk: few residents, many visitors, so per-1.000 rates are high.
    "zeer_klein": {"overlast": 180, "geweld": 6, "s0_15": -0.06, "s65": 0.02,
                   "hh_size": -0.1, "woz": 80, "huur": -0.1},
    "eenoudergezinnen": {"eenouder": 0.06, "s0_15": 0.025, "jz": 0.02, "laag": 0.025, "bijstand": 0.015,
                         "schulden": 0.02, "inkomen": -3, "part": -0.03, "vsv": 0.006, "huur": 0.12,
                         "corp_share": 0.1},
    "laag_inkomen": {"laag": 0.07, "bijstand": 0.03, "ww": 0.004, "schulden": 0.03, "inkomen": -7, "woz": -60,
                     "huur": 0.2, "corp_share": 0.15, "part": -0.06, "jz": 0.01, "vsv": 0.007, "snw": 0.06,
                     "eenz": 0.03, "geweld": 2, "overlast": 8, "eenouder": 0.012},
    "jeugdzorg_hoog": {"jz": 0.055, "vsv": 0.005, "eenouder": 0.008},
    "schulden": {"schulden": 0.06, "laag": 0.012, "bijstand": 0.008, "eenz": 0.015},
    "ouderen_veel": {"s65": 0.17, "s0_15": -0.06, "s15_25": -0.04, "hh_size": -0.35, "single": 0.12,
                     "alleen65": 0.06, "eenz": 0.06, "r65": 0.02, "mantelzorg": 0.01, "part": -0.04, "woz": -10,
                     "overlast": -8, "geweld": -1.5, "eenouder": -0.03},
    "wmo_hoog": {"r65": 0.11, "ry": 0.005},
    "eenzaamheid_hoog": {"eenz": 0.06, "alleen65": 0.05, "mantelzorg": -0.01},
    "migratie": {"snw": 0.28, "hh_size": 0.3, "s0_15": 0.03, "laag": 0.02, "bijstand": 0.015, "ww": 0.004,
                 "part": -0.05, "inkomen": -3, "eenz": 0.03, "jz": -0.01, "woz": -20},
    "jongeren_veel": {"s15_25": 0.05, "s0_15": 0.02, "s65": -0.03, "overlast": 8, "vsv": 0.004, "hh_size": 0.1},
    "nieuwbouw": {"s0_15": 0.04, "s15_25": -0.01, "s65": -0.06, "ry": -0.005, "hh_size": 0.3, "single": -0.1,
                  "laag": -0.012, "inkomen": 3, "woz": 70, "huur": -0.02, "corp_share": 0.15, "growth": 0.015,
                  "bijstand": -0.004, "schulden": -0.01, "jz": -0.015, "part": 0.02, "eenz": -0.02,
                  "inbraak": -1.5, "mantelzorg": -0.02},
    # Buurt-only tags (demo_geo.BUURTEN).
    "klein": {},
    "groei": {},
}

# Multipliers for population density (inhabitants per km² land), per tag.
DENSITY_FACTORS: dict[str, float] = {
    "oud_centrum": 1.8, "eenpersoons": 1.25, "welgesteld": 0.7, "gezinnen": 0.8, "nieuwbouw": 0.75,
    "transformatie": 0.6, "laag_inkomen": 1.2, "zeer_klein": 0.012, "klein": 0.08,
}

# Relative to 2019, for 2019..2023. Corona shows in 2020-2021 (WW, overlast, inbraak, eenzaamheid).
YEAR_FACTORS: dict[str, tuple[float, ...]] = {
    "s0_15": (1, 0.993, 0.986, 0.98, 0.975), "s15_25": (1, 1.0, 1.005, 1.01, 1.015),
    "s65": (1, 1.015, 1.03, 1.045, 1.06), "snw": (1, 1.02, 1.04, 1.06, 1.09),
    "hh_size": (1, 0.997, 0.994, 0.99, 0.987), "single": (1, 1.005, 1.01, 1.015, 1.02),
    "eenouder": (1, 1.005, 1.01, 1.015, 1.02), "alleen65": (1, 1.003, 1.006, 1.01, 1.012),
    "jz": (1, 0.98, 1.0, 1.01, 1.02), "vsv": (1, 0.88, 0.92, 1.02, 1.05), "laag": (1, 0.96, 0.92, 0.95, 1.02),
    "inkomen": (1, 1.03, 1.07, 1.11, 1.17), "bijstand": (1, 1.02, 0.99, 0.96, 0.94),
    "ww": (1, 1.28, 1.06, 0.82, 0.88), "schulden": (1, 0.95, 0.9, 0.93, 0.98),
    "r65": (1, 1.02, 1.03, 1.05, 1.07), "ry": (1, 1.03, 1.06, 1.09, 1.12),
    "mantelzorg": (1, 1.01, 1.02, 1.0, 0.99), "eenz": (1, 1.04, 1.06, 1.04, 1.03),
    "woz": (1, 1.08, 1.16, 1.29, 1.47), "huur": (1, 0.995, 0.99, 0.985, 0.98),
    "corp_share": (1, 0.998, 0.996, 0.994, 0.992), "overlast": (1, 1.18, 1.12, 1.0, 0.98),
    "inbraak": (1, 0.8, 0.7, 0.72, 0.76), "geweld": (1, 0.97, 0.99, 1.03, 1.06),
    "part": (1, 0.99, 1.005, 1.025, 1.035),
}

# Sane limits after tilts and noise.
BOUNDS: dict[str, tuple[float, float]] = {
    "hh_size": (1.3, 3.2), "inkomen": (14.0, 60.0), "woz": (120.0, 900.0), "density": (40.0, 16000.0),
    "overlast": (5.0, 400.0), "inbraak": (0.5, 12.0), "geweld": (1.0, 40.0), "growth": (-0.01, 0.08),
    "single": (0.1, 0.7), "eenouder": (0.01, 0.2), "s65": (0.03, 0.45), "part": (0.45, 0.76),
}
SHARE_BOUNDS = (0.002, 0.9)


def wijk_rates(tags: Iterable[str], base: Rates | None = None) -> Rates:
    """BASE plus the tilts of every tag; unknown tags are an error so typos in city.yaml surface."""
    rates = dict(base or BASE)
    for tag in tags:
        if tag not in TILTS:
            raise KeyError(f"unknown profile tag {tag!r}: add it to TILTS in retrieval/demo_profile.py")
        for key, delta in TILTS[tag].items():
            rates[key] += delta
        rates["density"] *= DENSITY_FACTORS.get(tag, 1.0)
    return clip(rates)


def clip(rates: Rates) -> Rates:
    out: Rates = {}
    for key, value in rates.items():
        low, high = BOUNDS.get(key, SHARE_BOUNDS)
        out[key] = min(max(value, low), high)
    return out


def in_year(rates: Rates, year_index: int) -> Rates:
    """The rates of 2019 moved to another year by the shared year factors."""
    return {k: v * YEAR_FACTORS[k][year_index] if k in YEAR_FACTORS else v for k, v in rates.items()}
