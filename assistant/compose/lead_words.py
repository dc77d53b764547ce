"""Words for the lead: a figure in natural frequencies, the verdict among peers, a comparison in words.

Every number printed here is a number a fact states (its `numbers`), formatted as the facts format it;
a natural frequency is that number rounded to a whole ("18,0%" -> "ongeveer 18 van de 100").
"""

from __future__ import annotations

from assistant.compose.figures import Place, Standing, level_of, number, reference_code
from assistant.facts.numbers import fmt_diff, fmt_plain, fmt_value
from assistant.facts.words import level_word, ordinal
from assistant.schemas import Fact
from retrieval.models import IndicatorDef

NATURAL_UNITS = ("percent", "per_1000")
COUNT_UNITS = ("count",)


def _noun(d: IndicatorDef | None, lang: str, unit: str) -> str:
    """'van de jongeren tot 23 jaar' -> 'jongeren tot 23 jaar'; 'per 1.000 inwoners' -> 'inwoners'."""
    label = (d.denominator_label_nl if lang == "nl" else d.denominator_label_en) if d else None
    if not label:
        return ""
    for prefix in ("van de ", "van alle ", "van ", "per 1.000 ", "of all ", "of the ", "of ", "per 1,000 "):
        if label.startswith(prefix):
            return label[len(prefix):]
    return "" if unit == "percent" else label


def in_words(f: Fact, d: IndicatorDef | None, lang: str) -> str:
    """The fact's value as people say it: 'ongeveer 18 van de 100 jongeren', '7.859', '€ 298.000'."""
    value = number(f, "value") if number(f, "value") is not None else f.value
    unit = f.unit or ""
    if value is None:
        return ""
    if unit not in NATURAL_UNITS:
        return fmt_value(value, unit, f.decimals, lang)
    base = "100" if unit == "percent" else ("1.000" if lang == "nl" else "1,000")
    noun = _noun(d, lang, unit)
    whole = round(value)
    if unit == "percent" and value < 1:
        head = f"minder dan 1 van de {base}" if lang == "nl" else f"fewer than 1 in every {base}"
    elif lang == "nl":
        head = f"ongeveer {fmt_plain(whole, 0, lang)} {'van' if unit == 'percent' else 'op'} de {base}"
    else:
        head = f"about {fmt_plain(whole, 0, lang)} in every {base}"
    return f"{head} {noun}".strip()


def exact(f: Fact, lang: str) -> str:
    value = number(f, "value") if number(f, "value") is not None else f.value
    return fmt_value(value, f.unit or "", f.decimals, lang) if value is not None else ""


def higher(direction: str | None, unit: str, lang: str) -> str:
    counts = unit in COUNT_UNITS
    nl = {"up": "meer" if counts else "hoger", "down": "minder" if counts else "lager",
          "same": "even veel" if counts else "even hoog"}
    en = {"up": "more" if counts else "higher", "down": "fewer" if counts else "lower",
          "same": "as many" if counts else "the same"}
    return (nl if lang == "nl" else en).get(direction or "same", "")


def where(place: Place | None, code: str, places: dict[str, Place], lang: str) -> str:
    """'in heel Duinhaven', 'in stadsdeel Zuid', 'in heel Nederland' (and English)."""
    name = place.name if place else code
    level = level_of(code, places)
    if level in ("gemeente", "land"):
        return f"in heel {name}" if lang == "nl" else f"in {name} as a whole"
    if level == "stadsdeel":
        return f"in stadsdeel {name}" if lang == "nl" else f"in the city district {name}"
    return f"in {name}"


def compared(f: Fact, places: dict[str, Place], lang: str) -> str:
    """'hoger dan in heel Duinhaven (10,3%)': the direction and the reference value of a comparison fact."""
    code = reference_code(f) or ""
    ref = number(f, "reference")
    shown = f" ({fmt_value(ref, f.unit or '', f.decimals, lang)})" if ref is not None else ""
    word = higher(f.direction, f.unit or "", lang)
    if f.direction == "same":
        return f"{word} {'als' if lang == 'nl' else 'as'} {where(places.get(code), code, places, lang)}{shown}"
    return f"{word} {'dan' if lang == 'nl' else 'than'} {where(places.get(code), code, places, lang)}{shown}"


def difference(f: Fact, lang: str) -> str:
    """'+5,7 procentpunt' (percentages) or '-€ 26.000 (8,0% lager)': the relative part never beside procentpunt."""
    delta, rel = number(f, "difference"), number(f, "relative")
    if delta is None:
        return ""
    text = fmt_diff(delta, f.unit or "", f.decimals, lang)
    if f.unit not in NATURAL_UNITS and rel is not None:
        text += f" ({fmt_plain(abs(rel), 1, lang)}% {higher(f.direction, '', lang)})"
    return text


def verdict(s: Standing, target: Place | None, unit: str, lang: str) -> str:
    """Where the area stands, only as the rank and spread facts say it: never 'hoog' for the middle group."""
    level = target.level if target else "wijk"
    scope = target.scope if target and target.scope else ""
    peers = level_word(level, lang)
    in_scope = (f" van {scope}" if lang == "nl" else f" of {scope}") if scope else ""
    among = (f" in {scope}" if scope else "")
    if s.place == 1 and not s.tied and s.of and s.of > 1:
        word = higher("up" if s.from_top else "down", unit, lang)
        return (f"is {word} dan in alle andere {peers}{in_scope}" if lang == "nl"
                else f"is {word} than in every other {level_word(level, lang, False)}{in_scope}")
    if s.quarter == "middle":
        return (f"ligt gewoon in de middengroep van de {peers}{among}" if lang == "nl"
                else f"is in the ordinary middle group of the {peers}{among}")
    if s.quarter in ("high", "low"):
        ends = {"high": ("hoogste", "highest"), "low": ("laagste", "lowest")}[s.quarter]
        return (f"hoort bij het {ends[0]} kwart van de {peers}{among}" if lang == "nl"
                else f"is in the {ends[1]} quarter of the {peers}{among}")
    if s.place and s.of:
        side = ("hoogste" if s.from_top else "laagste") if lang == "nl" else ("highest" if s.from_top else "lowest")
        nth = f"{ordinal(s.place, lang)} " if s.place > 1 else ""
        return (f"is de {nth}{side} van {s.of} {peers}{among}" if lang == "nl"
                else f"is the {nth}{side} of {s.of} {peers}{among}")
    return ""


def agrees(s: Standing | None, direction: str | None) -> bool | None:
    """Whether the verdict and the comparison point the same way (None: the verdict has no side)."""
    if s is None:
        return None
    side = "up" if (s.quarter == "high" or (s.place == 1 and s.from_top and s.quarter != "middle")) else (
        "down" if (s.quarter == "low" or (s.place == 1 and not s.from_top and s.quarter != "middle")) else None)
    return None if side is None or direction in (None, "same") else side == direction
