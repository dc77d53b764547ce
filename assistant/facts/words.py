"""Wording and rounding for fact sentences, in Dutch (B1) and English.

Every number in a sentence is rounded here once, half away from zero (the checker's rule), and that
rounded value is both printed and stored in the fact's `numbers`, so the two can never disagree.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np

from assistant.facts.numbers import UNIT_EN, UNIT_NL, fmt_diff, fmt_plain, fmt_value
from assistant.schemas import FactNumber
from retrieval.models import IndicatorDef

LEVEL_NL = {"land": ("land", "landen"), "gemeente": ("gemeente", "gemeenten"),
            "stadsdeel": ("stadsdeel", "stadsdelen"), "wijk": ("wijk", "wijken"), "buurt": ("buurt", "buurten")}
LEVEL_EN = {"land": ("country", "countries"), "gemeente": ("municipality", "municipalities"),
            "stadsdeel": ("city district", "city districts"), "wijk": ("district", "districts"),
            "buurt": ("neighbourhood", "neighbourhoods")}
RELATIVE_DECIMALS = 1
# Units whose value means nothing without inhabitants; with 0 inhabitants these are "no data".
PER_PERSON_UNITS = frozenset({"percent", "per_1000", "per_household", "average", "euro_x1000"})
_KEEP_CASE = ("wmo", "woz", "aow", "ww-", "ao-", "cbs")
_DIGITS = re.compile(r"(?<![\w])(\d+(?:[.,]\d+)*)\s?(%?)")


def rnd(value: float, decimals: int) -> float:
    """Round half away from zero, as people and the checker do (Python's round() is half-even)."""
    scaled = abs(value) * 10.0**decimals
    if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        return round(value, decimals)  # not near a tie: both rules agree, and this is 10x faster
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def rnd_array(values: np.ndarray, decimals: int) -> np.ndarray:
    """rnd() for many values at once (chart rows); the tiny nudge makes x.x5 round up like rnd()."""
    scale = 10.0**decimals
    return np.sign(values) * np.floor(np.abs(values) * scale + 0.5 + 1e-9) / scale


def num(value: float, unit: str, decimals: int, role: str) -> FactNumber:
    # Built from our own computed values, so pydantic validation is skipped: it was 10% of the run time.
    return FactNumber.model_construct(value=float(value), unit=unit, decimals=decimals, role=role)


def level_word(level: str, lang: str, plural: bool = True) -> str:
    words = (LEVEL_NL if lang == "nl" else LEVEL_EN).get(level, (level, level))
    return words[1] if plural else words[0]


def ordinal(n: int, lang: str) -> str:
    if lang == "nl":
        return f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def title(d: IndicatorDef, lang: str, lower: bool = False) -> str:
    text = d.title_nl if lang == "nl" else d.title_en
    if lower and text and not text.lower().startswith(_KEEP_CASE) and not text[:2].isupper():
        return text[0].lower() + text[1:]
    return text


def shown(value: float, d: IndicatorDef, lang: str) -> str:
    """A value with its unit and, for shares and rates, what it is a share of."""
    unit_label = (UNIT_NL if lang == "nl" else UNIT_EN).get(d.unit, "")
    label = d.denominator_label_nl if lang == "nl" else d.denominator_label_en
    if d.unit not in ("percent", "per_1000") or not label:
        return fmt_value(value, d.unit, d.decimals, lang)
    if unit_label and label.startswith(unit_label):
        return f"{fmt_plain(value, d.decimals, lang)} {label}"
    return f"{fmt_value(value, d.unit, d.decimals, lang)} {label}"


def short(value: float, unit: str, decimals: int, lang: str) -> str:
    return fmt_value(value, unit, decimals, lang)


def diff(value: float, unit: str, decimals: int, lang: str) -> str:
    return fmt_diff(value, unit, decimals, lang)


def pct(value: float, lang: str, decimals: int = RELATIVE_DECIMALS) -> str:
    return f"{fmt_plain(abs(value), decimals, lang)}%"


def count(value: float, lang: str) -> str:
    return fmt_plain(value, 0, lang)


def label_numbers(*texts: str | None) -> list[FactNumber]:
    """Numbers inside names and definitions ('tot 23 jaar', 'per 1.000'): stated, so listed too."""
    out: list[FactNumber] = []
    for text in texts:
        for value, unit in _stated(text or ""):
            if all(n.value != value for n in out):
                out.append(num(value, unit, 0, "label"))
    return out


@lru_cache(maxsize=4096)
def _stated(text: str) -> tuple[tuple[float, str], ...]:
    found = ((_parse(raw), "percent" if percent else "count") for raw, percent in _DIGITS.findall(text))
    return tuple((v, unit) for v, unit in found if v is not None)


def _parse(raw: str) -> float | None:
    dutch = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw)
    text = raw.replace(".", "") if dutch else raw.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def direction_of(value: float) -> str:
    return "up" if value > 0 else "down" if value < 0 else "same"


def higher(direction: str, unit: str, lang: str) -> str:
    """'hoger'/'lager' for levels, 'meer'/'minder' for counts; never chosen from anything but the sign."""
    words = {
        "nl": {"up": "hoger", "down": "lager", "same": "even hoog"},
        "en": {"up": "higher", "down": "lower", "same": "the same"},
        "nl_count": {"up": "meer", "down": "minder", "same": "even veel"},
        "en_count": {"up": "more", "down": "fewer", "same": "as many"},
    }
    return words[f"{lang}_count" if unit == "count" else lang][direction]
