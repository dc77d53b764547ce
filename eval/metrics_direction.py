"""Wrong-direction judge: 'hoger/lager', 'gestegen/gedaald' in a sentence against the sign in the gold.

A comparative needs a subject and a reference: the first area the sentence names, and the next one after
the direction word (or the gemeente for 'gemiddeld', the country for 'landelijk'). A change word needs
an area and two years (from the sentence, else the question's trend years). Sentences where the gold
difference is zero at display precision, or where no pair can be found, are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from eval.gold_base import COUNT, GoldTable
from eval.gold_pool import AreaMatcher
from eval.gold_questions import Expect
from eval.metrics_numbers import extract_numbers, split_sentences, years_in
from eval.metrics_text import citations

UP = r"hoger|meer|groter|vaker|boven|higher|more|larger|greater|above"
DOWN = r"lager|minder|kleiner|onder|lower|less|fewer|smaller|below"
RISE = (r"gestegen|stijgt|stijging|toegenomen|neemt toe|toename|gegroeid|groeit|omhoog|rose|risen|increased|"
        r"increase|grew|grown|gone up|went up")
FALL = (r"gedaald|daalt|daling|afgenomen|neemt af|afname|gekrompen|krimpt|omlaag|fell|fallen|decreased|"
        r"decrease|declined|dropped|gone down|went down")
COMPARE_RE = re.compile(rf"\b(?P<word>{UP}|{DOWN})\b", re.I)
CHANGE_RE = re.compile(rf"\b(?P<word>{RISE}|{FALL})\b", re.I)
CUE_RE = re.compile(r"\b(dan|than|vergeleken|compared|gemiddeld\w*|average|ten opzichte|landelijk\w*|national)\b",
                    re.I)
NEGATION_RE = re.compile(r"\b(niet|geen|not|no)\s+(?:\w+\s+)?$", re.I)
CITY_RE = re.compile(r"\b(gemiddeld\w*|average|stad|city|stedelijk\w*|gemeente)\b", re.I)
SHARE_OF = {"eenpersoonshuishoudens": "huishoudens", "huishoudens_met_kinderen": "huishoudens"}
SHARE_WORDS = re.compile(r"\b(aandeel|share|procent|percent)\b|%", re.I)
LAND_RE = re.compile(r"\b(landelijk\w*|national\w*|nederland|netherlands)\b", re.I)


@dataclass(frozen=True)
class DirectionCall:
    sentence: str
    claimed: int  # +1 up, -1 down
    gold: int
    subject: str
    reference: str  # an area code, or 'YYYY-YYYY' for a change

    @property
    def wrong(self) -> bool:
        return self.claimed != self.gold


def _sign(word: str, negated: bool, up_pattern: str) -> int:
    up = re.fullmatch(up_pattern, word.lower()) is not None
    return (1 if up else -1) * (-1 if negated else 1)


def _getter(g: GoldTable, ind: str, share: bool) -> Callable[[str, int], float | None]:
    """Values of an indicator; for a count stated as a percentage, its share of the denominator."""
    def get(area: str, year: int) -> float | None:
        v = g.value(area, ind, year)
        if not share or v is None:
            return v
        whole = g.value(area, SHARE_OF.get(ind, "inwoners"), year)
        return v / whole * 100 if whole else None

    return get


def _gold_sign(g: GoldTable, inds: list[str], a: str, b: str | None, years: tuple[int, int],
               share: bool) -> int | None:
    signs = set()
    for ind in inds:
        is_share = share and g.unit(ind)[0] == COUNT
        get = _getter(g, ind, is_share)
        va, vb = (get(a, years[1]), get(b, years[1])) if b else (get(a, years[0]), get(a, years[1]))
        if va is None or vb is None:
            continue
        diff = (va - vb) if b else (vb - va)
        if abs(diff) < 0.5 * 10 ** -(1 if is_share else g.unit(ind)[1]):
            return None
        signs.add(1 if diff > 0 else -1)
    return signs.pop() if len(signs) == 1 else None


class DirectionJudge:
    def __init__(self, g: GoldTable, matcher: AreaMatcher, gemeente: str) -> None:
        self.g, self.matcher, self.gemeente = g, matcher, gemeente

    def judge(self, text: str, expect: Expect, fact_indicators: dict[str, str] | None = None,
              lang: str = "nl") -> list[DirectionCall]:
        """Judge each sentence; a sentence citing facts is judged on those facts' indicators."""
        expected = [i for alts in expect.indicator_alternatives for i in sorted(alts)][:3]
        facts = fact_indicators or {}
        out = []
        for s in split_sentences(text):
            cited = list(dict.fromkeys(facts[c] for c in citations(s) if c in facts))
            inds = cited or expected
            if not inds:
                continue
            share = bool(SHARE_WORDS.search(s)) and any(t.unit == "%" for t in extract_numbers(s, lang))
            call = self._change(s, expect, inds, share) or self._compare(s, expect, inds, share)
            if call:
                out.append(call)
        return out

    def _subject(self, areas: list[str], expect: Expect) -> str | None:
        if areas:
            return areas[0]
        return expect.areas[0] if expect.areas and len(expect.areas) == 1 else None

    def _year(self, s: str, expect: Expect, area: str, ind: str) -> int | None:
        ys = sorted(y for y in years_in(s) if y in self.g.years)
        return ys[-1] if ys else expect.year or self.g.latest_year(area, ind)

    def _compare(self, s: str, expect: Expect, inds: list[str], share: bool) -> DirectionCall | None:
        m = COMPARE_RE.search(s)
        if not m or not CUE_RE.search(s):
            return None
        areas = self.matcher.find(s)
        subject = self._subject([a for a in self.matcher.find(s[:m.start()])], expect) or self._subject(areas, expect)
        after = [a for a in self.matcher.find(s[m.end():]) if a != subject]
        ref = after[0] if after else None
        if ref is None:
            ref = ("NL00" if LAND_RE.search(s[m.start():]) and "NL00" in self.g.areas
                   else self.gemeente if CITY_RE.search(s[m.start():]) else None)
        if subject is None or ref is None or subject == ref:
            return None
        year = self._year(s, expect, subject, inds[0])
        gold = _gold_sign(self.g, inds, subject, ref, (year, year), share) if year else None
        if gold is None:
            return None
        claimed = _sign(m.group("word"), bool(NEGATION_RE.search(s[:m.start()])), UP)
        return DirectionCall(s[:160], claimed, gold, subject, ref)

    def _change(self, s: str, expect: Expect, inds: list[str], share: bool) -> DirectionCall | None:
        m = CHANGE_RE.search(s)
        if not m:
            return None
        subject = self._subject(self.matcher.find(s), expect)
        ys = sorted(y for y in years_in(s) if y in self.g.years)
        span = (ys[0], ys[-1]) if len(ys) >= 2 else tuple(expect.trend) if len(expect.trend) == 2 else None
        if subject is None or span is None:
            return None
        gold = _gold_sign(self.g, inds, subject, None, (span[0], span[1]), share)
        if gold is None:
            return None
        claimed = _sign(m.group("word"), bool(NEGATION_RE.search(s[:m.start()])), RISE)
        return DirectionCall(s[:160], claimed, gold, subject, f"{span[0]}-{span[1]}")
