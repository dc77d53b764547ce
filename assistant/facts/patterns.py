"""Story patterns: per wijk and theme, how many stories and what their signifiers say, as checked facts.

Stories are not a sample, so every pattern says so, and it never links stories to figures as cause and
effect. Counts below settings.min_story_count are withheld (small counts can identify tellers); below
FRAGILE_BELOW stories the pattern carries a warning that it is fragile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.facts.signifiers import SignifierPattern, signifier_pattern
from assistant.schemas import ChartSeries, Fact, FactNumber, FactSource
from retrieval.models import Story
from retrieval.tables.areas import AreaRef

CAVEAT_NL = ("Verhalen zijn geen steekproef: ze laten zien wat mensen meemaken, niet hoe vaak het voorkomt. "
             "Ze zeggen niet dat de cijfers de oorzaak zijn, of andersom.")
CAVEAT_EN = ("Stories are not a sample: they show what people experience, not how often it happens. "
             "They do not say that the figures are the cause, or the other way round.")
FRAGILE_NL = "Het zijn minder dan 20 verhalen: zie dit patroon als een eerste indruk, niet als een vast beeld."
FRAGILE_EN = "These are fewer than 20 stories: read this pattern as a first impression, not a settled picture."
SOURCE_NAME = "Bron: verhalen uit de wijk (Duiding verhalenbank)"


def stories_in(stories: Sequence[Story], area: AreaRef, refs: dict[str, AreaRef]) -> list[Story]:
    """Stories told in the area or in any area below it (a wijk includes its buurten)."""
    def inside(code: str | None) -> bool:
        seen = 0
        while code and seen < 6:
            if code == area.code:
                return True
            code = refs[code].parent_code if code in refs else None
            seen += 1
        return False

    return [s for s in stories if inside(s.area_code)]


def pattern_facts(
    stories: Sequence[Story], area: AreaRef, refs: dict[str, AreaRef], themes: Sequence[str], min_count: int,
    first_id: int,
) -> list[Fact]:
    """For each theme: 'in X gaan 13 van de 30 verhalen over eenzaamheid; 6 daarvan noemen eenzaam als gevoel'."""
    local = stories_in(stories, area, refs)
    facts: list[Fact] = []
    for theme in themes:
        pattern = signifier_pattern(local, theme, min_count)
        if pattern is None:
            continue
        facts.append(_fact(f"F{first_id + len(facts)}", area, pattern))
    return facts


def pattern_charts(stories: Sequence[Story], area: AreaRef, refs: dict[str, AreaRef], themes: Sequence[str],
                   min_count: int) -> list[ChartSeries]:
    """The shown feelings of each pattern as a bar chart (withheld counts stay out of the chart too)."""
    local = stories_in(stories, area, refs)
    charts = []
    for theme in themes:
        pattern = signifier_pattern(local, theme, min_count)
        if pattern is None or not pattern.feelings:
            continue
        rows: list[dict[str, str | float | int | bool | None]] = [
            {"name": name, "value": n, "share": share, "is_target": i == 0}
            for i, (name, n, share) in enumerate(pattern.feelings)]
        charts.append(ChartSeries(
            kind="signifiers", title=f"Gevoel in {pattern.about} verhalen over {_nl(theme)}, {area.name}",
            indicator=f"verhalen:{theme}", unit="count", rows=rows,
            source_line=f"{SOURCE_NAME}; aantallen onder {min_count} niet getoond"))
    return charts


def _nl(theme: str) -> str:
    return theme.replace("_", " ")


def _fact(fid: str, area: AreaRef, p: SignifierPattern) -> Fact:
    theme = _nl(p.theme)
    nl = [f"In {area.name} gaan {p.about} van de {p.total} verhalen over {theme}"]
    en = [f"In {area.name}, {p.about} of the {p.total} stories are about {theme}"]
    numbers = [FactNumber(value=p.about, unit="count", role="count"),
               FactNumber(value=p.total, unit="count", role="of")]
    if p.feelings:
        name, n, share = p.feelings[0]
        nl.append(f"; {n} daarvan noemen '{name}' als gevoel ({share}%)")
        en.append(f"; {n} of those name '{name}' as their feeling ({share}%)")
        rest = p.feelings[1:3]
        if rest:
            nl.append(", " + ", ".join(f"{k} '{nm}' ({s}%)" for nm, k, s in rest))
            en.append(", " + ", ".join(f"{k} '{nm}' ({s}%)" for nm, k, s in rest))
        numbers += [FactNumber(value=v, unit=u, role="count" if u == "count" else "share")
                    for _, k, s in p.feelings[:3] for v, u in ((k, "count"), (s, "percent"))]
    for key, bands in p.sliders.items():
        nl.append(f". Op de schuif '{key}': " + ", ".join(f"{k} {BANDS_NL[b]}" for b, k in bands))
        en.append(f". On the slider '{key}': " + ", ".join(f"{k} {BANDS_EN[b]}" for b, k in bands))
        numbers += [FactNumber(value=k, unit="count", role="count") for _, k in bands]
    text, text_en = "".join(nl) + ". " + CAVEAT_NL, "".join(en) + ". " + CAVEAT_EN
    if p.fragile:
        text, text_en = f"{text} {FRAGILE_NL}", f"{text_en} {FRAGILE_EN}"
    return Fact(
        id=fid, kind="pattern", text=text, text_en=text_en, value=p.about, unit="count", numbers=numbers,
        area_code=area.code,
        source=FactSource(table="verhalen", indicator=f"verhalen:{p.theme}", area_code=area.code,
                          source_name=SOURCE_NAME, dataset="verhalen", family="verhalen"),
    )


BANDS_NL = {"laag": "laag", "midden": "in het midden", "hoog": "hoog"}
BANDS_EN = {"laag": "low", "midden": "in the middle", "hoog": "high"}


def voices_gap(stories: Sequence[Story], area: AreaRef, refs: dict[str, AreaRef], themes: Sequence[str],
               lang: str) -> str:
    """When the area has no story on the theme: say so, and name the wijken that do (names only, no counts)."""
    nl = lang != "en"
    topic = " of ".join(_nl(t) for t in themes) if themes else ("dit onderwerp" if nl else "this topic")
    local = [s for s in stories_in(stories, area, refs) if not themes or set(themes) & set(s.themes)]
    head = (f"Er zijn geen verhalen over {topic} uit {area.name} gevonden." if nl
            else f"No stories about {topic} from {area.name} were found.")
    if local:  # there are some, but none answered the question well enough
        head = (f"Geen van de verhalen uit {area.name} past goed genoeg bij deze vraag." if nl
                else f"None of the stories from {area.name} fits this question well enough.")
    elsewhere: Counter[str] = Counter()
    for s in stories:
        wijk = _wijk_of(s.area_code, refs)
        if wijk is not None and wijk.code != area.code and (not themes or set(themes) & set(s.themes)):
            elsewhere[wijk.name] += 1
    if not elsewhere:
        return head
    names = ", ".join(name for name, _ in elsewhere.most_common(5))
    return f"{head} " + (f"Verhalen over {topic} zijn er wel uit: {names}." if nl
                         else f"There are stories about {topic} from: {names}.")


def _wijk_of(code: str | None, refs: dict[str, AreaRef]) -> AreaRef | None:
    seen = 0
    while code and code in refs and seen < 6:
        if refs[code].level == "wijk":
            return refs[code]
        code, seen = refs[code].parent_code, seen + 1
    return None
