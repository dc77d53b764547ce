"""Questions over many areas: thresholds ('meer dan 20%'), the city average, half of the wijken, a top n."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"(\d+(?:[.,]\d+)?)"
GT = r"meer|hoger|groter|boven|ruim|more|higher|greater|larger|above|over"
LT = r"minder|lager|kleiner|onder|less|fewer|lower|smaller|below|under"
THRESHOLD_RE = re.compile(rf"\b({GT}|{LT})\s+(?:dan|than|de|the)?\s*{NUMBER}\s*(%|procent|percent|per\s*1[.,]?000)?")
_AVERAGE = (r"(?:het |the |de )?(?:stads|stedelijk\w* |city |gemeentelijk\w* )?(gemiddeld\w*|average|"
            r"stadsgemiddelde|median|mediaan)")
# "boven het gemiddelde", "meer jeugdzorg dan het gemiddelde van de stad", "higher than the city average"
CITY_RE = re.compile(rf"\b({GT}|{LT})\b(?:\s+[\w-]+){{0,5}}?\s+(?:dan|than)\s+{_AVERAGE}|"
                     rf"\b(boven|onder|above|below)\s+{_AVERAGE}")
HALF_RE = re.compile(r"\b(helft|half)\b")
LOW_HALF_RE = re.compile(r"\b(laagste|onderste|lowest|bottom|lower)\s+(helft|half)\b")
MANY_RE = re.compile(r"\b(welke|which|alle|all|hoeveel|how many)\b[^?]*\b(wijken|buurten|districts|"
                     r"neighbourhoods|neighborhoods|areas|gebieden)\b|\b(wijken|buurten|districts|neighbourhoods)\b"
                     r"\s+(waar|met|die|where|with|that)\b")


@dataclass(frozen=True)
class Rule:
    op: str  # gt, lt, above_city, below_city, top_half, bottom_half, top, bottom
    threshold: float | None = None
    percent: bool = False  # the threshold was said with '%'
    n: int = 0  # for top/bottom: how many


def find_rule(text: str) -> Rule | None:
    """A rule over a set of areas, only when the question asks about several areas."""
    low = text.lower()
    if not MANY_RE.search(low):
        return None
    m = CITY_RE.search(low)
    if m:
        word = m.group(1) or m.group(3)
        return Rule("below_city" if re.fullmatch(LT, word) else "above_city")
    m = THRESHOLD_RE.search(low)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(2)):
        value = float(m.group(2).replace(",", "."))
        return Rule("lt" if re.fullmatch(LT, m.group(1)) else "gt", value, bool(m.group(3) and "1" not in m.group(3)))
    if HALF_RE.search(low):
        return Rule("bottom_half" if LOW_HALF_RE.search(low) else "top_half")
    return None


def level_of(text: str) -> str:
    low = text.lower()
    return "buurt" if re.search(r"\bbuurt(en)?\b|neighbou?rhoods?\b", low) else "wijk"
