"""What the stories on one theme say through their signifiers: feelings per archetype, sliders as bands.

Pure counting over Story objects; the small-n rule lives here: a count below min_count is never returned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval.models import Story

FRAGILE_BELOW = 20  # fewer stories on a theme than this: the pattern is shown with a warning
FEELING_KEY = "gevoel"


@dataclass(frozen=True)
class SignifierPattern:
    theme: str
    about: int  # stories on the theme
    total: int  # stories in the area
    feelings: list[tuple[str, int, int]] = field(default_factory=list)  # (archetype, stories, % of about), shown
    sliders: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # key -> [(band, stories)], shown
    withheld: int = 0  # archetypes named by fewer than min_count stories (not shown)

    @property
    def fragile(self) -> bool:
        return self.about < FRAGILE_BELOW


def signifier_pattern(local: Sequence[Story], theme: str, min_count: int) -> SignifierPattern | None:
    """The pattern of one theme among an area's stories; None when the area or the theme has too few."""
    about = [s for s in local if theme in s.themes]
    if len(local) < min_count or len(about) < min_count:
        return None
    counts = feeling_counts(about)
    shown = [(name, n, round(100 * n / len(about))) for name, n in counts.most_common() if n >= min_count]
    sliders = {key: [(b, n) for b, n in bands.items() if n >= min_count] for key, bands in slider_bands(about).items()}
    return SignifierPattern(theme, len(about), len(local), shown, {k: v for k, v in sliders.items() if v},
                            sum(1 for n in counts.values() if n < min_count))


def feeling_counts(stories: Sequence[Story]) -> Counter[str]:
    """Per archetype, the number of stories that name it (a teller picks one or two)."""
    counts: Counter[str] = Counter()
    for s in stories:
        value = s.signifiers.get(FEELING_KEY)
        picked = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        counts.update(set(picked))
    return counts


def band(value: float) -> str:
    """A slider position 0..1 as a third: laag, midden or hoog."""
    return "laag" if value < 1 / 3 else "hoog" if value > 2 / 3 else "midden"


def slider_bands(stories: Sequence[Story]) -> dict[str, dict[str, int]]:
    """Per slider (a signifier with a number 0..1), the stories in each third, in the order laag-midden-hoog."""
    out: dict[str, dict[str, int]] = {}
    for s in stories:
        for key, value in s.signifiers.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                bands = out.setdefault(key, {"laag": 0, "midden": 0, "hoog": 0})
                bands[band(float(value))] += 1
    return out
