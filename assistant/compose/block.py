"""The compact block under the lead: one short line per reference, place and trend, each with its [F#].

A line states a fact's own numbers ('Duinhaven: 10,3%, verschil +7,7 procentpunt [F3]'); a relative
difference only for units without procentpunt, and never on a line that says procentpunt.
"""

from __future__ import annotations

from assistant.compose.composer import Parts, fact_line
from assistant.compose.figures import Figure, number, reference_code, telling_comparison
from assistant.compose.lead import cite
from assistant.compose.lead_words import difference
from assistant.facts.numbers import fmt_plain, fmt_value
from assistant.schemas import Fact

TITLE = {"nl": "De cijfers op een rij", "en": "The figures side by side"}


def tail(f: Fact, lang: str) -> str:
    """A rank or spread sentence without its 'Title (2023): ' head, which the block's lines share."""
    text = f.text_en if lang == "en" and f.text_en else f.text
    head, sep, rest = text.partition("): ")
    return rest if sep and len(head) < 160 else text


def reference_line(f: Fact, p: Parts) -> str:
    code = reference_code(f) or ""
    name = p.places[code].name if code in p.places else code
    ref_year = next((s.year for s in f.extra_sources if s.area_code == code), None)
    when = f" ({ref_year})" if ref_year and ref_year != f.year else ""
    ref = number(f, "reference")
    shown = fmt_value(ref, f.unit or "", f.decimals, p.language) if ref is not None else ""
    word = "verschil" if p.language == "nl" else "difference"
    return f"{name}{when}: {shown}, {word} {difference(f, p.language)}{cite(f)}"


def own_line(fig: Figure, p: Parts) -> str:
    assert fig.value is not None
    f = fig.value
    name = p.places[fig.area].name if fig.area in p.places else fig.area
    shown = fmt_value(number(f, "value") or f.value or 0.0, f.unit or "", f.decimals, p.language)
    line = f"{name} ({f.year}): {shown}" if f.year else f"{name}: {shown}"
    count, of = number(f, "count"), number(f, "of")
    if f.kind == "share" and count is not None and of is not None:
        word = "van de" if p.language == "nl" else "of"
        line += f" ({fmt_plain(count, 0, p.language)} {word} {fmt_plain(of, 0, p.language)})"
    return line + cite(f)


def figure_lines(fig: Figure, p: Parts, relative: bool = False) -> list[str]:
    """The figure's own value, its references, its place among peers and its trend: one line each."""
    if fig.value is None:
        return []
    lines = [own_line(fig, p)] + [reference_line(f, p) for f in fig.comparisons]
    lines += [tail(f, p.language) + cite(f) for f in (fig.rank, fig.spread) if f is not None]
    if fig.trend is not None:
        lines.append(fact_line(fig.trend, p.language))
    if relative:
        lines += relative_lines(fig, p)
    return lines


def relative_lines(fig: Figure, p: Parts) -> list[str]:
    """For percentages the relative difference gets its own line, apart from procentpunt (beleid, trainer)."""
    if fig.value is None or fig.value.unit not in ("percent", "per_1000"):
        return []
    out = []
    for f in [x for x in (telling_comparison(fig, p.places),) if x is not None]:
        rel, code = number(f, "relative"), reference_code(f) or ""
        if rel is None or f.direction not in ("up", "down"):
            continue
        name = p.places[code].name if code in p.places else code
        nl = p.language == "nl"
        word = ("hoger" if f.direction == "up" else "lager") if nl else ("higher" if f.direction == "up" else "lower")
        out.append(f"{'Relatief' if nl else 'Relative'}: {fmt_plain(abs(rel), 1, p.language)}% {word} "
                   f"{'dan' if nl else 'than'} {name}{cite(f)}")
    return out


def block_lines(figs: list[Figure], p: Parts, relative: bool = False) -> list[str]:
    seen: set[str] = set()
    out = []
    for fig in figs:
        for line in figure_lines(fig, p, relative):
            if line not in seen:
                seen.add(line)
                out.append(line)
    return out
