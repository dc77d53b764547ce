"""Turn a template, an area and an indicator into a battery question with its gold from the CSVs."""

from __future__ import annotations

import random
import re
from collections import Counter

from eval.battery_gold import CITY_EN, CITY_WORD, StoreGold
from eval.battery_model import BQuestion, BTurn
from eval.gold_base import shown

SEED = 23


class Maker:
    """Questions for one store; ids are '<section>-<category>-<nnn>'; one seeded generator per section."""

    def __init__(self, gold: StoreGold, section: str) -> None:
        self.g, self.section = gold, section
        self.rng = random.Random(f"{SEED}-{section}")
        self._count: Counter[str] = Counter()

    def question(self, category: str, turns: list[BTurn], lang: str = "nl", note: str = "") -> BQuestion:
        self._count[category] += 1
        qid = f"{self.section}-{category}-{self._count[category]:03d}"
        return BQuestion(qid, category, self.section, turns, lang, note)

    def gemeente_of(self, code: str) -> str:
        gm = self.g.table.gemeente(code)
        assert gm is not None, code
        return gm

    def city(self, gm: str, lang: str = "nl") -> str:
        return (CITY_EN if lang == "en" else CITY_WORD)[gm]

    def value_turn(self, text: str, code: str, indicator: str, lang: str = "nl") -> BTurn:
        """A value question: the area, the indicator (alternatives 'a|b') and the gold figure it should show."""
        first = indicator.split("|")[0]
        year, value = self.g.latest(code, first)
        unit, dec = self.g.table.unit(first)
        return BTurn(text, "match", [code], [indicator], r"value|share", self.gemeente_of(code),
                     figure=shown(value, unit, dec, lang), year=year)

    def has(self, code: str, indicator: str) -> bool:
        return all(self.g.table.latest_year(code, i) is not None for i in indicator.split("|")[:1])

    def pick_indicator(self, code: str, options: list[str]) -> str | None:
        usable = [i for i in options if self.has(code, i)]
        return self.rng.choice(usable) if usable else None

    def sample(self, codes: list[str], n: int) -> list[str]:
        codes = sorted(codes)
        return self.rng.sample(codes, min(n, len(codes)))

    def sample_pairs(self, pairs: list[tuple[str, str, list[str]]], n: int) -> list[tuple[str, str, list[str]]]:
        """At most one token per area, then n of them."""
        per_area: dict[str, tuple[str, str, list[str]]] = {}
        for token, code, inside in sorted(pairs):
            per_area.setdefault(code, (token, code, inside))
        items = sorted(per_area.values())
        return self.rng.sample(items, min(n, len(items)))

    def find(self, spoken: str) -> str:
        """The code for a name as the CSVs spell it; a wijk wins over a buurt of the same name."""
        hits = [c for c in self.g.table.areas if self.g.spoken(c) == spoken]
        wijk = [c for c in hits if c.startswith("WK")] or hits
        if len(wijk) != 1:
            raise KeyError(f"battery gold: {spoken!r} -> {hits}")
        return wijk[0]

    def ranked(self, gm: str, indicator: str, highest: bool = True, level: str = "wijk") -> list[tuple[str, float]]:
        year = self.g.table.latest_year(gm, indicator) or max(self.g.table.years)
        return self.g.table.ranked(gm, level, indicator, year, highest)

    def threshold(self, gm: str, indicator: str, op: str, q: float) -> tuple[float, list[str]] | None:
        """A round threshold at quantile q of the wijk values, and the wijken beyond it (pandas-free but exact)."""
        values = sorted(v for _, v in self.ranked(gm, indicator))
        if len(values) < 5:
            return None
        raw = values[min(len(values) - 1, int(q * len(values)))]
        step = 1000.0 if raw >= 5000 else 100.0 if raw >= 500 else 1.0
        t = round(raw / step) * step
        while any(v == t for v in values):
            t += step
        hits = [c for c, v in self.ranked(gm, indicator) if (v > t if op == ">" else v < t)]
        return (t, hits) if 1 <= len(hits) <= 12 else None


def threshold_text(t: float, lang: str = "nl") -> str:
    """12 / 12,5 / 3.000 in Dutch; 12 / 12.5 / 3,000 in English."""
    if t == int(t):
        text = f"{int(t):,}"
        return text.replace(",", ".") if lang == "nl" else text
    text = f"{t:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def partial_tokens(g: StoreGold, codes: list[str]) -> list[tuple[str, str, list[str]]]:
    """(token, code, its buurten holding the token): a distinctive part of a multi-part name.

    The token is in no other loaded area's name, except the area's own buurten (answering one of those
    is a right reading too).
    """
    from eval.battery_phrasing import GENERIC

    names = {c: (g.spoken(c), g.table.areas[c].name) for c in g.table.areas}
    out: list[tuple[str, str, list[str]]] = []
    for code in codes:
        spoken = names[code][0]
        for raw in re.split(r"[\s/(),]+", spoken):
            if raw.endswith("-") or not raw:
                continue
            for token in (raw.split("-") if "-" in raw else [raw]):
                # 'Scheveningse' names Scheveningen as much as this wijk: adjectives are no partial names
                adjective = token.casefold().endswith(("se", "sche"))
                if len(token) < 5 or not token.isalpha() or token.casefold() in GENERIC or token == spoken or adjective:
                    continue
                elsewhere = [c for c, ns in names.items() if c != code
                             and any(token.casefold() in n.casefold() for n in ns)]
                if all(g.table.areas[c].parent == code for c in elsewhere):
                    out.append((token, code, elsewhere))
    return out
