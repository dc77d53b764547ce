"""Which area codes a story search covers: stadsdelen expand to their wijken, thin buurten to their wijk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from retrieval.stories.filter import wijk_of


@dataclass(frozen=True)
class AreaInfo:
    """What the scope needs to know about an area; build it from the indicator store's area table."""

    code: str
    name: str
    level: str
    parent_code: str | None = None


@dataclass(frozen=True)
class AreaScope:
    codes: tuple[str, ...]
    fallback_note: str | None = None


class AreaScoper:
    """Resolves requested area codes into the codes a Chroma filter can match."""

    def __init__(self, areas: Iterable[AreaInfo] = (), min_buurt_stories: int = 5) -> None:
        self.by_code = {a.code.upper(): a for a in areas}
        self.min_buurt_stories = min_buurt_stories
        self._children: dict[str, list[str]] = {}
        for area in self.by_code.values():
            if area.parent_code:
                self._children.setdefault(area.parent_code.upper(), []).append(area.code.upper())

    def _name(self, code: str) -> str:
        area = self.by_code.get(code)
        return area.name if area else code

    def _level(self, code: str) -> str:
        area = self.by_code.get(code)
        if area:
            return area.level
        return {"BU": "buurt", "WK": "wijk", "GM": "gemeente"}.get(code[:2], "onbekend")

    def _wijk_of(self, buurt: str) -> str | None:
        area = self.by_code.get(buurt)
        return area.parent_code.upper() if area and area.parent_code else wijk_of(buurt)

    def _descendants(self, code: str) -> list[str]:
        out, todo = [], list(self._children.get(code, []))
        while todo:
            child = todo.pop()
            out.append(child)
            todo.extend(self._children.get(child, []))
        return out

    def scope(self, requested: Iterable[str], count_stories: Callable[[str], int]) -> AreaScope:
        """count_stories(code) tells how many stories (passing the other filters) a buurt has."""
        codes: list[str] = []
        notes: list[str] = []
        for code in (c.upper() for c in requested):
            level = self._level(code)
            if level == "buurt":
                wijk = self._wijk_of(code)
                if wijk and count_stories(code) < self.min_buurt_stories:
                    # Few stories from one buurt say little and can point at the tellers: widen to the wijk.
                    notes.append(
                        f"Uit buurt {self._name(code)} zijn te weinig verhalen (minder dan "
                        f"{self.min_buurt_stories}); daarom staan hier verhalen uit de hele wijk {self._name(wijk)}."
                    )
                    code = wijk
                codes.append(code)
            elif level in ("wijk", "gemeente"):
                codes.append(code)
            else:
                codes.extend([code, *self._descendants(code)])
        return AreaScope(tuple(dict.fromkeys(codes)), " ".join(notes) or None)
