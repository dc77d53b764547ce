"""Story patterns: counts of stories per theme and feeling, as facts the checker accepts.

Stories are not a sample, so every pattern says so. Counts below settings.min_story_count are withheld:
small counts can identify tellers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.schemas import Fact, FactNumber, FactSource
from retrieval.models import Story
from retrieval.tables.areas import AreaRef

CAVEAT_NL = "Verhalen zijn geen steekproef: ze laten zien wat mensen meemaken, niet hoe vaak het voorkomt."
CAVEAT_EN = "Stories are not a sample: they show what people experience, not how often it happens."


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
    """For each theme: 'in X gaan 13 van de 30 verhalen over eenzaamheid; 7 daarvan kozen machteloos'."""
    local = stories_in(stories, area, refs)
    facts: list[Fact] = []
    for theme in themes:
        about = [s for s in local if theme in s.themes]
        if len(local) < min_count or len(about) < min_count:
            continue
        fid = f"F{first_id + len(facts)}"
        facts.append(_fact(fid, area, theme, len(about), len(local), _top_feeling(about, min_count)))
    return facts


def _top_feeling(stories: Sequence[Story], min_count: int) -> tuple[str, int] | None:
    counts: Counter[str] = Counter()
    for s in stories:
        feeling = s.signifiers.get("gevoel")
        for f in feeling if isinstance(feeling, list) else [feeling] if isinstance(feeling, str) else []:
            counts[f] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return (name, n) if n >= min_count else None


def _fact(fid: str, area: AreaRef, theme: str, n: int, total: int, feeling: tuple[str, int] | None) -> Fact:
    theme_nl = theme.replace("_", " ")
    text = f"In {area.name} gaan {n} van de {total} verhalen over {theme_nl}"
    text_en = f"In {area.name}, {n} of the {total} stories are about {theme_nl}"
    numbers = [FactNumber(value=n, unit="count", role="count"), FactNumber(value=total, unit="count", role="of")]
    if feeling:
        text += f"; {feeling[1]} daarvan kozen het gevoel '{feeling[0]}'"
        text_en += f"; {feeling[1]} of those chose the feeling '{feeling[0]}'"
        numbers.append(FactNumber(value=feeling[1], unit="count", role="count"))
    return Fact(
        id=fid, kind="pattern", text=f"{text}. {CAVEAT_NL}", text_en=f"{text_en}. {CAVEAT_EN}", value=n,
        unit="count", numbers=numbers, area_code=area.code,
        source=FactSource(table="verhalen", indicator=f"verhalen:{theme}", area_code=area.code,
                          source_name="Bron: verhalen uit de wijk (Duiding verhalenbank)"),
    )
