"""The map of the fictional city Duinhaven: stadsdelen and wijken from city.yaml, buurten defined here.

Buurt names are made up for the demo. Two naming traps are deliberate (see city.yaml): a buurt Molenwijk
inside wijk Molenwijk, and a buurt Kerkbuurt in both Oude Haven and Polderpoort.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CITY_YAML = Path(__file__).parents[1] / "data" / "demo" / "city.yaml"
YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023)
PROVISIONAL_YEAR = 2023
# In 2021 Pakhuiskwartier moves from Kanaalzone to Marktkwartier; CBS codes nest, so it gets a new code.
MOVED_BUURT = "Pakhuiskwartier"
MOVE_YEAR = 2021
MOVE_FROM, MOVE_TO = "WK990104", "WK990102"

# wijk code -> buurten (name, tags). Tag "klein": always under 100 inhabitants (small-cell suppression);
# "groei": a new-build buurt that fills up between 2019 and 2023. Other tags tilt figures like wijk tags.
BUURTEN: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "WK990101": [("Kerkbuurt", ()), ("Havenkade", ()), ("Vismarkt", ("studenten",)), ("Begijnhof", ("ouderen",))],
    "WK990102": [("Grote Markt", ()), ("Kaasmarkt", ()), ("Lakenhal", ())],
    "WK990103": [("Bolwerk", ()), ("Ravelijn", ()), ("Bastion", ("klein",))],
    "WK990104": [("Sluiskwartier", ()), ("Werfkade", ()), (MOVED_BUURT, ("studenten",)),
                 ("Industriehaven", ("klein",))],
    "WK990105": [("Lichtwachter", ()), ("Zeezicht", ()), ("Baken", ())],
    "WK990106": [("Duinzoom", ()), ("Berkenrode", ()), ("Landgoed Noorderhout", ("klein",))],
    "WK990107": [("Schelpenhoek-Noord", ()), ("Schelpenhoek-Zuid", ("ouderen",))],
    "WK990108": [("Strandslag", ("klein",)), ("Duinpannen", ("klein",)), ("Jachthaven", ("klein",)),
                 ("Paviljoenweg", ("klein",))],
    "WK990109": [("Zandhove", ()), ("Distelveld", ())],
    "WK990110": [("Spinnerij", ()), ("Ketelhof", ("laag_inkomen",)), ("Weversplein", ()), ("Textielbuurt", ())],
    "WK990111": [("Lindeplein", ()), ("Zonnehof", ("ouderen",)), ("Rozenhof", ())],
    "WK990112": [("Molenwijk", ()), ("Maalderij", ()), ("Korenbuurt", ())],
    "WK990113": [("Kerkbuurt", ()), ("Poldervaart", ()), ("Gemaalbuurt", ()), ("Slotenbuurt", ())],
    "WK990114": [("Boomgaard", ()), ("Appelhof", ())],
    "WK990115": [("Rietkraag", ()), ("Lisdodde", ()), ("Waterhoen", ())],
    "WK990116": [("Kadebuurt", ()), ("Veerhaven", ()), ("Spoorzicht", ())],
    "WK990117": [("Wederik-West", ()), ("Wederik-Midden", ()), ("Wederik-Oost", ("groei", "nieuwbouw"))],
    "WK990118": [("Kreekoever", ()), ("Zoutkeet", ())],
    "WK990119": [("Turfstek", ()), ("Parkzoom", ())],
    "WK990120": [("Klaverveld", ()), ("Boterbloem", ()), ("Korenbloem", ())],
}


@dataclass(frozen=True)
class Place:
    code: str
    name: str


@dataclass(frozen=True)
class WijkPlan:
    code: str
    name: str
    stadsdeel: str
    profile: tuple[str, ...]


@dataclass(frozen=True)
class BuurtPlan:
    """One buurt over the years; its code and wijk change only when it moves."""

    key: str
    name: str
    tags: tuple[str, ...]
    codes: tuple[tuple[int, str, str], ...]  # (from year, buurt code, wijk code), oldest first

    def code_in(self, year: int) -> str:
        return [c for y, c, _ in self.codes if y <= year][-1]

    def wijk_in(self, year: int) -> str:
        return [w for y, _, w in self.codes if y <= year][-1]

    @property
    def first_wijk(self) -> str:
        return self.codes[0][2]


@dataclass(frozen=True)
class CityPlan:
    land: Place
    gemeente: Place
    stadsdelen: tuple[Place, ...]
    wijken: tuple[WijkPlan, ...]
    buurten: tuple[BuurtPlan, ...]

    def wijk(self, code: str) -> WijkPlan:
        return next(w for w in self.wijken if w.code == code)


def load_plan(path: Path = CITY_YAML) -> CityPlan:
    """city.yaml plus the buurt list above; codes and names come from city.yaml unchanged."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    wijken = tuple(
        WijkPlan(w["code"], w["name"], w["stadsdeel"], tuple(w.get("profile", []))) for w in raw["wijken"]
    )
    return CityPlan(
        land=Place(raw["land"]["code"], raw["land"]["name"]),
        gemeente=Place(raw["gemeente"]["code"], raw["gemeente"]["name"]),
        stadsdelen=tuple(Place(s["code"], s["name"]) for s in raw["stadsdelen"]),
        wijken=wijken,
        buurten=_buurt_plans(wijken),
    )


def _buurt_plans(wijken: tuple[WijkPlan, ...]) -> tuple[BuurtPlan, ...]:
    plans: list[BuurtPlan] = []
    for wijk in wijken:
        for i, (name, tags) in enumerate(BUURTEN[wijk.code], start=1):
            codes: list[tuple[int, str, str]] = [(YEARS[0], _buurt_code(wijk.code, i), wijk.code)]
            if name == MOVED_BUURT and wijk.code == MOVE_FROM:
                # The moved buurt takes the next free number in its new wijk.
                codes.append((MOVE_YEAR, _buurt_code(MOVE_TO, len(BUURTEN[MOVE_TO]) + 1), MOVE_TO))
            plans.append(BuurtPlan(key=codes[0][1], name=name, tags=tags, codes=tuple(codes)))
    return tuple(plans)


def _buurt_code(wijk_code: str, number: int) -> str:
    """WK990101 + 3 -> BU99010103."""
    return f"BU{wijk_code[2:]}{number:02d}"


def area_rows(plan: CityPlan) -> list[dict[str, object]]:
    """The areas table: one row per area code per year, parents as of that year."""
    rows: list[dict[str, object]] = []
    for year in YEARS:
        rows.append(_area(plan.land.code, year, plan.land.name, "land", None))
        rows.append(_area(plan.gemeente.code, year, plan.gemeente.name, "gemeente", plan.land.code))
        rows += [_area(s.code, year, s.name, "stadsdeel", plan.gemeente.code) for s in plan.stadsdelen]
        for w in plan.wijken:
            changed = year == MOVE_YEAR and w.code in (MOVE_FROM, MOVE_TO)
            rows.append(_area(w.code, year, w.name, "wijk", w.stadsdeel, int(changed)))
        rows += [_area(b.code_in(year), year, b.name, "buurt", b.wijk_in(year)) for b in plan.buurten]
    return rows


def _area(code: str, year: int, name: str, level: str, parent: str | None, change: int = 0) -> dict[str, object]:
    return {"area_code": code, "year": year, "area_name": name, "level": level, "parent_code": parent,
            "boundary_change": change}
