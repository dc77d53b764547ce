"""Builders that turn a question text plus its meaning (area, indicator, kind) into a question with gold.

Every expected number is looked up in a GoldTable (demo truth or real CSVs), never in Duiding.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from eval.gold_base import PER_1000, PERCENT, GoldTable, fmt_number, round_half_up, shown
from eval.gold_questions import EvalQuestion, Expect, ExpectNumber, Turn

# Glossary terms (retrieval/data/glossary.yaml) that a right answer about an indicator should explain.
INDICATOR_TERMS = {
    "jeugdzorg_pct": "jeugdzorg in natura", "jeugdzorg": "jeugdzorg in natura", "wmo_per_1000": "WMO",
    "wmo_clienten": "WMO", "laag_inkomen_pct": "laag inkomen", "sociaal_minimum_pct": "sociaal minimum",
    "bijstand": "bijstand", "eenoudergezinnen_pct": "eenoudergezin", "woz_waarde": "WOZ-waarde",
    "eenzaamheid_pct": "eenzaamheid", "ernstig_eenzaam_pct": "eenzaamheid", "schulden_pct": "schulden",
    "problematische_schulden_pct": "schulden", "eenpersoonshuishoudens": "eenpersoonshuishouden",
    "bevolkingsdichtheid": "bevolkingsdichtheid", "migratie_niet_westers": "migratieachtergrond",
}


class Builder:
    """Makes questions for one gold table; ids are '<prefix>-<type>-<nnn>'."""

    def __init__(self, gold: GoldTable, prefix: str, gemeente: str, set_name: str) -> None:
        self.g, self.prefix, self.gemeente, self.set_name = gold, prefix, gemeente, set_name
        self._count: Counter[str] = Counter()

    # -- numbers -------------------------------------------------------------------------------------
    def year(self, area: str, ind: str, year: int | None) -> int:
        found = year or self.g.latest_year(area, ind)
        if found is None:
            raise KeyError(f"gold: no value for {area}/{ind}")
        return found

    def num(self, area: str, ind: str, year: int, lang: str) -> ExpectNumber:
        v = self.g.value(area, ind, year)
        if v is None:
            raise KeyError(f"gold: {area}/{ind}/{year} is not published")
        unit, dec = self.g.unit(ind)
        return ExpectNumber(v, unit, dec, shown(v, unit, dec, lang), f"{self.g.name(area)} {year}")

    def diff(self, a: float, b: float, ind: str, lang: str, what: str) -> ExpectNumber:
        unit, dec = self.g.unit(ind)
        d = round_half_up(a - b, dec)
        word = {PERCENT: " procentpunt" if lang == "nl" else " percentage points"}.get(unit, "")
        unit_out = "pp" if unit == PERCENT else unit
        return ExpectNumber(d, unit_out, dec, f"{'+' if d > 0 else ''}{fmt_number(d, dec, lang)}{word}", what)

    def terms_for(self, ind: str, compare: bool, extra: tuple[str, ...] = ()) -> list[str]:
        unit, _ = self.g.unit(ind)
        out = [INDICATOR_TERMS[ind]] if ind in INDICATOR_TERMS else []
        if compare and unit == PERCENT:
            out.append("procentpunt")
        if unit == PER_1000:
            out.append("per 1.000 inwoners")
        return list(dict.fromkeys([*out, *extra]))

    # -- question kinds --------------------------------------------------------------------------------
    def make(self, qtype: str, text: str, expect: Expect, lang: str = "nl", audience: str = "jongerenwerker",
             note: str = "") -> EvalQuestion:
        self._count[qtype] += 1
        qid = f"{self.prefix}-{qtype}-{self._count[qtype]:03d}"
        return EvalQuestion(qid, qtype, [Turn(text, expect)], lang, audience, self.set_name, note)

    def value(self, text: str, area: str, ind: str, year: int | None = None, alt: str = "",
              qtype: str = "value", **kw: Any) -> EvalQuestion:
        lang, y = kw.get("lang", "nl"), self.year(area, ind, year)
        ex = Expect(areas=[area], indicators=[ind + (f"|{alt}" if alt else "")], year=y,
                    numbers=[self.num(area, ind, y, lang)], terms=self.terms_for(ind, False, kw.pop("terms", ())),
                    caveat=kw.pop("caveat", None))
        return self.make(qtype, text, ex, **kw)

    def compare(self, text: str, area: str, ind: str, ref: str | None = None, year: int | None = None,
                alt: str = "", **kw: Any) -> EvalQuestion:
        lang, ref = kw.get("lang", "nl"), ref or self.gemeente
        y = self.year(area, ind, year)
        a, b = self.num(area, ind, y, lang), self.num(ref, ind, y, lang)
        ex = Expect(areas=[area], indicators=[ind + (f"|{alt}" if alt else "")], year=y,
                    numbers=[a, b, self.diff(a.value, b.value, ind, lang, f"verschil met {self.g.name(ref)}")],
                    terms=self.terms_for(ind, True, kw.pop("terms", ())), scope=[ref])
        return self.make("comparison", text, ex, **kw)

    def versus(self, text: str, a: str, b: str, ind: str, year: int | None = None, **kw: Any) -> EvalQuestion:
        lang, y = kw.get("lang", "nl"), self.year(a, ind, year)
        na, nb = self.num(a, ind, y, lang), self.num(b, ind, y, lang)
        ex = Expect(areas=[a, b], indicators=[ind], year=y,
                    numbers=[na, nb, self.diff(na.value, nb.value, ind, lang, "verschil")],
                    terms=self.terms_for(ind, True, kw.pop("terms", ())))
        return self.make("area_vs_area", text, ex, **kw)

    def top(self, text: str, ind: str, n: int = 1, highest: bool = True, level: str = "wijk",
            year: int | None = None, **kw: Any) -> EvalQuestion:
        lang, y = kw.get("lang", "nl"), year or self.g.latest_year(self.gemeente, ind) or max(self.g.years)
        ranked = self.g.ranked(self.gemeente, level, ind, y, highest)[:n]
        ex = Expect(areas=[], indicators=[ind + (f"|{kw.pop('alt')}" if "alt" in kw else "")], year=y,
                    numbers=[self.num(c, ind, y, lang) for c, _ in ranked], terms=list(kw.pop("terms", ())),
                    mentions=[self.g.name(c) for c, _ in ranked], scope=[c for c, _ in ranked])
        return self.make("rank", text, ex, **kw)

    def position(self, text: str, area: str, ind: str, highest: bool = True, **kw: Any) -> EvalQuestion:
        """'Op welke plek staat X?': the rank among same-level areas of the gemeente."""
        lang, y = kw.get("lang", "nl"), self.year(area, ind, None)
        found = self.g.rank(area, ind, y, highest)
        if found is None:
            raise KeyError(f"gold: no rank for {area}/{ind}")
        pos = ExpectNumber(float(found[0]), "rank", 0, f"{found[0]}e", f"plek van {found[1]}")
        ex = Expect(areas=[area], indicators=[ind], year=y, numbers=[self.num(area, ind, y, lang), pos],
                    terms=list(kw.pop("terms", ())))
        return self.make("rank", text, ex, **kw)

    def trend(self, text: str, area: str, ind: str, y0: int, y1: int | None = None, **kw: Any) -> EvalQuestion:
        lang, y1 = kw.get("lang", "nl"), self.year(area, ind, y1)
        a, b = self.num(area, ind, y0, lang), self.num(area, ind, y1, lang)
        ex = Expect(areas=[area], indicators=[ind], numbers=[a, b, self.diff(b.value, a.value, ind, lang, "trend")],
                    terms=list(kw.pop("terms", ())), trend=[y0, y1], caveat=kw.pop("caveat", None))
        return self.make("trend", text, ex, **kw)

    def share(self, text: str, area: str, part: str, whole: str, year: int | None = None,
              **kw: Any) -> EvalQuestion:
        lang, y = kw.get("lang", "nl"), self.year(area, part, year)
        p, w = self.num(area, part, y, lang), self.num(area, whole, y, lang)
        pct = round_half_up(p.value / w.value * 100, 1)
        share = ExpectNumber(pct, PERCENT, 1, shown(pct, PERCENT, 1, lang), f"{part}/{whole}")
        ex = Expect(areas=[area], indicators=[part], year=y, numbers=[p, w, share],
                    terms=list(kw.pop("terms", ())))
        return self.make("share", text, ex, **kw)

    def term(self, text: str, terms: list[str], **kw: Any) -> EvalQuestion:
        return self.make("term", text, Expect(areas=[], indicators=None, terms=terms), **kw)

    def story(self, text: str, area: str, stories: list[str], **kw: Any) -> EvalQuestion:
        ex = Expect(areas=[area], indicators=None, stories=stories, terms=list(kw.pop("terms", ())))
        return self.make("story", text, ex, **kw)

    def figures_stories(self, text: str, area: str, ind: str, stories: list[str], **kw: Any) -> EvalQuestion:
        q = self.value(text, area, ind, qtype="figures_stories", **kw)
        q.turns[0].expect.stories = stories
        return q

    def refusal(self, qtype: str, text: str, areas: list[str] | None, indicators: list[str] | None,
                **kw: Any) -> EvalQuestion:
        ex = Expect(areas=areas, indicators=indicators, refusal=True, terms=list(kw.pop("terms", ())),
                    caveat=kw.pop("caveat", None), numbers=kw.pop("numbers", []))
        return self.make(qtype, text, ex, **kw)

    def clarify(self, text: str, indicators: list[str] | None = None, **kw: Any) -> EvalQuestion:
        return self.make("ambiguous", text, Expect(areas=None, indicators=indicators, clarify=True), **kw)

    def conversation(self, turns: list[EvalQuestion], note: str = "") -> EvalQuestion:
        """Chain single-turn questions into one follow-up conversation (their ids are not kept)."""
        first = turns[0]
        for t in turns:  # the turns' own ids are dropped, so give their numbers back
            self._count[t.type] -= 1
        self._count["follow_up"] += 1
        qid = f"{self.prefix}-follow_up-{self._count['follow_up']:03d}"
        return EvalQuestion(qid, "follow_up", [t.turns[0] for t in turns], first.lang, first.audience,
                            self.set_name, note)
