"""The lead: the first two sentences answer the question in words, then one compact block of figures.

The figure comes in natural frequencies where that helps, the verdict only as the rank and spread facts
state it, and the most telling comparison (usually the gemeente). Every number keeps its [F#] citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.compose.composer import Parts
from assistant.compose.figures import Figure, comparison_with, figure, standing, telling_comparison
from assistant.compose.lead_words import agrees, compared, exact, in_words, verdict
from assistant.schemas import Fact

JOIN = {  # (verdict and comparison agree, disagree, no side)
    "nl": (" en is ook", ", maar is", " en is"),
    "en": (" and is also", ", but is", " and is"),
}


@dataclass
class Lead:
    """The sentences that answer the question, and the facts they rest on (for the compact block)."""

    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s for s in self.sentences if s)


def cite(*facts: Fact | None) -> str:
    ids = list(dict.fromkeys(f.id for f in facts if f is not None))
    return f" [{', '.join(ids)}]" if ids else ""


def label(p: Parts, indicator: str) -> str:
    return p.labels.get(indicator) or indicator


def main_figures(p: Parts) -> list[Figure]:
    """The figures the question asks for: its areas × its indicators, in the question's order."""
    out = []
    for area in p.areas or [f.area_code for f in p.facts if f.area_code][:1]:
        for ind in p.indicators:
            fig = figure(p.facts, area, ind)
            if fig.value is not None:
                out.append(fig)
    return out


def whole(f: Fact) -> bool:
    """A whole percentage or rate: its natural frequency already is the exact figure."""
    return f.unit in ("percent", "per_1000") and f.decimals == 0


def figure_sentence(p: Parts, fig: Figure, with_exact: bool) -> str:
    """'Jongeren met jeugdzorg in Weverskwartier (2023): ongeveer 18 van de 100 jongeren tot 23 jaar. [F1]'"""
    assert fig.value is not None
    f = fig.value
    words = in_words(f, p.defs.get(fig.indicator), p.language)
    sure = exact(f, p.language)
    if with_exact and sure and sure not in words and not whole(f):
        words = f"{words} ({sure})"
    if fig.count is not None:  # a count with its share: 'how many' is answered, then what part that is
        words = f"{exact(fig.count, p.language)}, {words}"
    name = p.places[fig.area].name if fig.area in p.places else fig.area
    year = f" ({f.year})" if f.year else ""
    return f"{label(p, fig.indicator)} in {name}{year}: {words}{cite(fig.count, f)}."


def verdict_sentence(p: Parts, fig: Figure) -> str:
    """'Dat is hoger dan in alle andere wijken van Duinhaven [F5] en is ook hoger dan in heel Duinhaven (10,3%) [F3].'
    """
    stand, ref = standing(fig), telling_comparison(fig, p.places)
    unit = (fig.value.unit if fig.value else "") or ""
    said = verdict(stand, p.places.get(fig.area), unit, p.language) if stand else ""
    by_rank = stand is not None and (stand.quarter is None or (stand.place == 1 and not stand.tied))
    basis = cite(fig.rank if by_rank else fig.spread)
    head = "Dat" if p.language == "nl" else "That"
    if said and ref is None:
        return f"{head} {said}{basis}."
    if ref is None:
        return ""
    cmp = compared(ref, p.places, p.language)
    if not said:
        return f"{head} is {cmp}{cite(ref)}."
    same, other, plain = JOIN[p.language]
    joint = {True: same, False: other, None: plain}[agrees(stand, ref.direction)]
    return f"{head} {said}{basis}{joint} {cmp}{cite(ref)}."


def value_lead(p: Parts, with_exact: bool = False) -> Lead:
    figs = main_figures(p)[:1]
    if not figs:
        return Lead()
    fig = figs[0]
    return Lead([figure_sentence(p, fig, with_exact), verdict_sentence(p, fig)], figs)


def trend_lead(p: Parts, with_exact: bool = False) -> Lead:
    """The change first (the trend fact's own first sentence), then where the area stands now."""
    figs = main_figures(p)[:1]
    if not figs or figs[0].trend is None:
        return value_lead(p, with_exact)
    fig = figs[0]
    assert fig.trend is not None
    text = fig.trend.text_en if p.language == "en" and fig.trend.text_en else fig.trend.text
    first = text.split(". ")[0].rstrip(".")
    now = figure_sentence(p, fig, with_exact)
    return Lead([f"{first}{cite(fig.trend)}.", verdict_sentence(p, fig) or now], figs)


def compare_lead(p: Parts, with_exact: bool = False) -> Lead:
    """Two areas: both figures in words in one sentence, then how the first compares with the second."""
    figs = main_figures(p)
    if len(figs) < 2 or figs[0].value is None or figs[1].value is None:
        return value_lead(p, with_exact)
    a, b = figs[0], figs[1]
    assert a.value is not None and b.value is not None
    pair = comparison_with(a, b.area)
    name_a, name_b = (p.places[x.area].name if x.area in p.places else x.area for x in (a, b))
    words_a = in_words(a.value, p.defs.get(a.indicator), p.language)
    words_b = in_words(b.value, None, p.language)
    if with_exact and not whole(a.value):
        words_a, words_b = f"{words_a} ({exact(a.value, p.language)})", f"{words_b} ({exact(b.value, p.language)})"
    year = f" ({a.value.year})" if a.value.year else ""
    first = f"{label(p, a.indicator)}{year}: {name_a} {words_a}, {name_b} {words_b}{cite(a.value, b.value)}."
    if pair is None:
        return Lead([first], figs)
    cmp = compared(pair, p.places, p.language)
    said = f"{name_a} is daarmee {cmp}." if p.language == "nl" else f"So {name_a} is {cmp}."
    return Lead([first, f"{said[:-1]}{cite(pair)}."], figs)
