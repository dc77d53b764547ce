"""The story themes a question is about: its theme words plus the themes of the indicators it names."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.understand.lexicon import STORY_THEMES


def story_themes(themes: Iterable[str], indicators: Iterable[str]) -> list[str]:
    """'eenzaamheid' named, or eenzaamheid_pct asked about: ['eenzaamheid']; first named first."""
    out = list(themes)
    for indicator in indicators:
        out += STORY_THEMES.get(indicator, [])
    return list(dict.fromkeys(out))


def themes_of_text(text: str) -> list[str]:
    """Story themes from a question's words alone (for search without a full understanding)."""
    from assistant.understand.question import find_indicators, find_themes

    return story_themes(find_themes(text), [i for group in find_indicators(text) for i in group])


def theme_indicators(themes: Iterable[str], loaded: set[str]) -> list[str]:
    """Loaded indicators whose story themes start with one of these themes ('eenzaamheid' -> eenzaamheid_pct)."""
    wanted = list(themes)
    ranked = sorted(((wanted.index(v[0]), k) for k, v in STORY_THEMES.items() if v and v[0] in wanted
                     and k in loaded), key=lambda x: x[0])
    return [k for _, k in ranked]
