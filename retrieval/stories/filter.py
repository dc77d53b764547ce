"""Story filters and the flat metadata a story's chunks carry, independent of any vector database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.models import Story

MetaValue = str | int | float | bool


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def theme_key(theme: str) -> str:
    return f"theme_{slug(theme)}"


def signifier_key(name: str, value: str) -> str:
    return f"sig_{slug(name)}__{slug(value)}"


def date_int(value: str | None, end: bool = False) -> int | None:
    """'2023-05-17' -> 20230517; '2023-05' -> 20230501 (20230531 with end); None when unreadable.

    end=True fills missing parts with the last month and day, so an inclusive '2023-05' upper bound
    keeps the whole of May.
    """
    if not value:
        return None
    digits = re.findall(r"\d+", value)
    if not digits or len(digits[0]) != 4:
        return None
    fill = ["12", "31"] if end else ["1", "1"]
    year, month, day = (int(d) for d in (digits + fill[len(digits) - 1:])[:3])
    return year * 10000 + min(max(month, 1), 12) * 100 + min(max(day, 1), 31)


def wijk_of(area_code: str | None) -> str | None:
    """The wijk a CBS area code belongs to: BU99010101 -> WK990101; a wijk is its own wijk."""
    if not area_code:
        return None
    code = area_code.upper()
    if code.startswith("BU") and len(code) == 10:
        return "WK" + code[2:8]
    return code if code.startswith("WK") else None


def story_metadata(story: Story) -> dict[str, MetaValue]:
    """Flat metadata for every chunk of a story; absent values are left out (Chroma has no null)."""
    meta: dict[str, MetaValue] = {"story_id": story.id, "themes": "|".join(story.themes)}
    if story.area_code:
        meta["area_code"] = story.area_code.upper()
    wijk = wijk_of(story.area_code)
    if wijk:
        meta["wijk_code"] = wijk
        meta["gemeente_code"] = "GM" + wijk[2:6]
    day = date_int(story.date)
    if day is not None:
        meta["date"] = day
    if story.role:
        meta["role"] = story.role.strip().lower()
    for theme in story.themes:
        meta[theme_key(theme)] = True
    for name, value in story.signifiers.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                meta[signifier_key(name, item)] = True
    return meta


def story_context(story: Story) -> str:
    """'eenzaamheid, vrije tijd; oudere. ': themes and role, put before the text that gets embedded.

    Paraphrase questions often name the theme or the teller ("senioren", "geldzorgen"); with this prefix
    recall@5 rose from 0.80 to 0.81 (e5) and 0.54 to 0.60 (USE) on the Dutch eval.
    """
    themes = ", ".join(t.replace("_", " ") for t in story.themes)
    parts = [p for p in (themes, (story.role or "").strip().lower().replace("_", " ")) if p]
    return "; ".join(parts) + ". " if parts else ""


def context_of(meta: dict[str, MetaValue]) -> str:
    """The same prefix rebuilt from stored chunk metadata (for the keyword index)."""
    themes = ", ".join(t.replace("_", " ") for t in str(meta.get("themes", "")).split("|") if t)
    role = str(meta.get("role", "")).replace("_", " ")
    parts = [p for p in (themes, role) if p]
    return "; ".join(parts) + ". " if parts else ""


@dataclass(frozen=True)
class StoryFilter:
    """What a story must match. Empty fields do not filter.

    area_codes: a story matches when its own code, its wijk or its gemeente is listed (so a wijk includes
    its buurten). A stadsdeel has no code structure: the retriever expands it to its wijken.
    themes: any of them. signifiers: all of these (name, value) pairs. Dates are ISO strings, inclusive.
    """

    area_codes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    role: str | None = None
    signifiers: tuple[tuple[str, str], ...] = ()

    def is_empty(self) -> bool:
        return self == StoryFilter()

    def with_areas(self, area_codes: tuple[str, ...]) -> StoryFilter:
        return StoryFilter(area_codes, self.themes, self.date_from, self.date_to, self.role, self.signifiers)
